import { shownLabel } from '../../diagnostics/finding';
import { problemsLine, type Report } from '../report';
import { lineChunks } from '../../text/line-chunks';
import { maxOf } from '../../data/push-all';

/** The styles stylish uses: a chalk instance when colour is on (see formatters/index.ts), else none. */
export interface Paint {
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  green(text: string): string;
  dim(text: string): string;
  underline(text: string): string;
}

const same = (text: string) => text;
const PLAIN: Paint = { red: same, yellow: same, blue: same, green: same, dim: same, underline: same };

/** The human format: grouped by file, one line per finding, like ESLint's. */
export function stylish(report: Report, c: Paint = PLAIN): Generator<string, void, undefined> {
  return lineChunks(stylishLines(report, c));
}

function* stylishLines(report: Report, c: Paint): Generator<string, void, undefined> {
  const paint = { error: c.red, warning: c.yellow, info: c.blue } as const;
  let file: string | undefined;
  const positionWidth = maxOf(report.diagnostics.map((d) => `${d.line}:${d.column}`.length), 0);
  const indent = ' '.repeat(2 + positionWidth + 2 + 7 + 2);
  for (const d of report.diagnostics) {
    if (d.file !== file) {
      if (file !== undefined) yield '';
      yield c.underline(d.file);
      file = d.file;
    }
    const position = `${d.line}:${d.column}`.padEnd(positionWidth);
    yield `  ${c.dim(position)}  ${paint[d.severity](d.severity.padEnd(7))}  ${d.message}  ${c.dim(d.code)}`;
    const context = [d.resource ? shownLabel(d.resource) : undefined, d.template ? `from template ${d.template}` : undefined].filter(Boolean);
    if (context.length) yield indent + c.dim(context.join(' · '));
    for (const r of d.related ?? []) yield `${indent}${c.dim('↳')} ${r.file}:${r.line}:${r.column}: ${r.message}`;
  }
  const { errors, warnings, infos } = report.summary;
  if (report.diagnostics.length) yield '';
  if (errors + warnings + infos === 0) yield c.green('✔ no problems');
  else yield (errors ? c.red : warnings ? c.yellow : c.blue)(`✖ ${problemsLine(report.summary)}`);
}
