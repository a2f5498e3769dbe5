import { shownLabel } from '../../diagnostics/finding';
import { plural } from '../../text/plural';
import { problemsLine, type Formatter, type Report } from '../report';
import { lineChunks } from '../../text/line-chunks';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * GitHub Actions workflow commands: annotations on the pull request's lines. GitHub shows at most ten
 * errors and ten warnings per step, so a summary line closes the output.
 */
export const github: Formatter = (report) => lineChunks(githubLines(report));

function* githubLines(report: Report): Generator<string, void, undefined> {
  for (const d of report.diagnostics) {
    const props = [
      `file=${escapeProperty(d.file)}`,
      `line=${d.line}`,
      `col=${d.column}`,
      `endLine=${d.endLine}`,
      `endColumn=${d.endColumn}`,
      `title=${escapeProperty(d.code)}`,
    ].join(',');
    const where = d.resource ? ` [${shownLabel(d.resource)}]` : '';
    yield `::${COMMAND[d.severity]} ${props}::${escapeData(d.message + where)}`;
  }
  yield `gwctl: ${problemsLine(report.summary)} in ${plural(report.summary.documents, 'document')} of ${plural(report.summary.files, 'file')}`;
}
