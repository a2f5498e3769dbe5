import { severityRank, type Severity } from '../diagnostics/severity';
import type { Finding } from '../diagnostics/finding';
import { UsageError } from '../errors';
import type { Host, OutputStream } from '../host/host';
import type { Analysis } from '../analyze';
import { skippedKinds } from '../load/classify';
import { MAX_BASELINE_SIZE, readSideFile } from '../load/side-file';
import { applyBaseline, baselineFileName, parseBaseline, serializeBaseline } from './baseline';
import { findRepoRoot, repoRelative } from './repo-paths';
import { refuseInputTargets, refuseSharedTargets } from './output-guard';
import { loadFormatter } from './formatters/index';
import { placeFindings } from './place';
import { plural } from '../text/plural';
import { chunksOf, countBySeverity, type Formatter, type Report, type Summary } from './report';
import { applySuppressions, parseSuppressions } from './suppress';
import { anchorFile } from '../source/anchor';
import { reportFileTargets, type ExtraReport } from './extra-report';
import { printable } from '../text/printable';

export interface ReportOptions {
  readonly format: string;
  /** write the report to this file instead of the stream */
  readonly output?: string | undefined;
  /** the flag that names `output`, for messages: `-o/--output`, or `--findings-output` where -o is the command's own output */
  readonly outputFlag?: string;
  readonly failSeverity: Severity;
  readonly minSeverity: Severity;
  readonly suppress: readonly string[];
  readonly baseline?: string | undefined;
  readonly writeBaseline?: string | undefined;
  readonly color: boolean;
  readonly quiet: boolean;
  readonly toolVersion: string;
  /** how findings name standard input: never rewritten as a path */
  readonly stdinName: string;
  /** the repository root (--root); found from `.git` above the working directory when absent */
  readonly root?: string | undefined;
  /** base URL of the diagnostics documentation, for SARIF helpUri (`<docsUrl>#gw4004`) */
  readonly docsUrl: string;
  /**
   * --report: the same findings in more formats, each into its file. One run for every format a CI job
   * needs (annotations on stdout, SARIF for code scanning) instead of one analysis per format.
   */
  readonly reports?: readonly ExtraReport[];
}

/** formats another program parses: on stderr, nothing else may be written beside them */
export const MACHINE_FORMATS: ReadonlySet<string> = new Set(['json', 'sarif', 'junit']);

export interface ReportOutcome {
  /** 0 when nothing is at or above the fail severity, else 1 */
  readonly exitCode: 0 | 1;
  readonly summary: Summary;
}

/**
 * The findings judged, with what printing them needs of the analysis and nothing of its model: a command
 * that writes output first (render) lets the model and its output go before the report is placed and
 * formatted, which then runs in a small heap (render --target gateway-api of the benchmark's L: 184,608
 * findings placed in 3.6 s instead of 6.6 s, and 150 MB less at the peak; docs/performance.md).
 */
export interface JudgedFindings {
  readonly outcome: ReportOutcome;
  readonly formatter: Formatter;
  /** the findings kept and at or above --min-severity, in the order found */
  readonly shown: readonly Finding[];
  readonly checked: Report['checked'];
  readonly fileOrder: Analysis['fileOrder'];
  readonly fileName: (name: string) => string;
  readonly root: string | undefined;
  /** the input summary line ("gwctl: read 3 files, ..."), counting what was suppressed */
  readonly inputSummary: string;
  /** --report's files, each with its formatter, in the order of the flags */
  readonly extraReports: ReadonlyArray<{ readonly file: string; readonly formatter: Formatter }>;
}

/**
 * The last stage, shared by every command: suppress, compare with the baseline, place on lines, format,
 * write. The exit code is decided here and nowhere else, from the findings, never from the format.
 */
export async function emitReport(host: Host, analysis: Analysis, extraFindings: readonly Finding[], options: ReportOptions, stream: OutputStream): Promise<ReportOutcome> {
  return printReport(host, await judgeFindings(host, analysis, extraFindings, options), options, stream);
}

/** The report's first half: suppressions, the baseline (written when asked), the exit code. Prints nothing. */
export async function judgeFindings(host: Host, analysis: Analysis, extraFindings: readonly Finding[], options: ReportOptions): Promise<JudgedFindings> {
  const reports = options.reports ?? [];
  const targets = [[options.outputFlag ?? '-o/--output', options.output], ['--write-baseline', options.writeBaseline], ...reportFileTargets(reports)] as const;
  await refuseSharedTargets(host, targets);
  await refuseInputTargets(host, analysis, targets);
  const formatter = await loadFormatter(options.format, options.color && !options.output);
  if (!formatter) throw new UsageError(`unknown format ${options.format}`);
  // every formatter loaded before anything is written; a file is never coloured
  const extraReports = [];
  for (const r of reports) {
    const extra = await loadFormatter(r.format, false);
    if (!extra) throw new UsageError(`unknown format ${r.format}`);
    extraReports.push({ file: r.file, formatter: extra });
  }
  const rules = parseSuppressions(options.suppress);
  // --context files are read to resolve the others; what is wrong in them is not this run's to report,
  // nor what the suppressions find in them (an annotation naming no code, GW2010)
  const ownFile = (f: Finding) => analysis.contextFiles.size === 0 || !analysis.contextFiles.has(anchorFile(f.at));
  const own = [...analysis.findings, ...extraFindings].filter(ownFile);
  let { kept, suppressed } = applySuppressions(own, rules, [...analysis.resources, ...analysis.checkedObjects]);
  kept = kept.filter(ownFile);
  const root = options.root ?? (await findRepoRoot(host, host.cwd()));
  const fileName = repoRelative(host.cwd(), root, new Set([options.stdinName]));
  if (options.baseline) {
    const baseline = parseBaseline(new TextDecoder().decode(await readSideFile(host, options.baseline, '--baseline', MAX_BASELINE_SIZE)), options.baseline);
    const applied = applyBaseline(kept, baseline, baselineFileName(host.cwd(), options.baseline, options.stdinName));
    kept = applied.kept;
    suppressed += applied.suppressed;
  }
  if (options.writeBaseline) {
    // the findings are now known: recorded, they no longer fail this run either
    await host.writeFileAtomic(options.writeBaseline, serializeBaseline(kept, baselineFileName(host.cwd(), options.writeBaseline, options.stdinName)));
    suppressed += kept.length;
    kept = [];
  }
  const summary: Summary = { files: analysis.files.length - analysis.contextFiles.size, documents: analysis.documentCount, ...countBySeverity(kept) };
  const failing = kept.some((f) => severityRank(f.severity) >= severityRank(options.failSeverity));
  return {
    outcome: { exitCode: failing ? 1 : 0, summary },
    formatter,
    shown: kept.filter((f) => severityRank(f.severity) >= severityRank(options.minSeverity)),
    checked: checkedResources([...analysis.resources, ...analysis.checkedObjects], fileName),
    fileOrder: analysis.fileOrder,
    fileName,
    root,
    inputSummary: inputSummary(analysis, suppressed),
    extraReports,
  };
}

/** Every resource checked, as a format that lists passes reads them (report.ts, `checked`). */
function checkedResources(resources: Analysis['checkedObjects'], fileName: (name: string) => string): Report['checked'] {
  return {
    *[Symbol.iterator]() {
      for (const r of resources) yield { file: printable(fileName(r.doc.file.name)), resource: r.ref };
    },
  };
}

/** The report's second half: the findings placed on lines, formatted and written. */
export async function printReport(host: Host, judged: JudgedFindings, options: ReportOptions, stream: OutputStream): Promise<ReportOutcome> {
  const report: Report = {
    diagnostics: await placeFindings(judged.shown, judged.fileOrder, judged.fileName),
    summary: judged.outcome.summary,
    checked: judged.checked,
    root: judged.root,
    docsUrl: options.docsUrl,
    failSeverity: options.failSeverity,
    toolVersion: options.toolVersion,
  };
  const text = chunksOf(judged.formatter(report));
  if (options.output) await host.writeFileAtomic(options.output, text);
  // -q on a clean run of a human format: nothing to say ("no problems" is chatter too)
  else if (!(options.quiet && report.diagnostics.length === 0 && !MACHINE_FORMATS.has(options.format))) for (const chunk of text) stream.write(chunk);
  // then the files of --report, of the findings placed once, whatever --quiet says (as -o)
  for (const extra of judged.extraReports) await host.writeFileAtomic(extra.file, chunksOf(extra.formatter(report)));
  // a machine-readable report on stderr (render's) stays parseable: its summary is inside it
  const reportOnStderr = !options.output && stream === host.stderr;
  if (!options.quiet && !(reportOnStderr && MACHINE_FORMATS.has(options.format))) host.stderr.write(judged.inputSummary + '\n');
  return judged.outcome;
}

/**
 * "gwctl: read 3 files, 12 documents: 9 resources checked, 2 skipped (1 Service, 1 not a manifest),
 * 1 empty". Resources are counted one by one, so the items of a `kind: List` count each.
 */
export function inputSummary(analysis: Analysis, suppressed: number): string {
  const skipped = [...analysis.skipped.values()].reduce((a, b) => a + b, 0);
  const reasons = skippedKinds(analysis.skipped).map(printable);
  const context = analysis.contextFiles.size ? ` (and ${plural(analysis.contextFiles.size, 'context file')})` : '';
  let line = `gwctl: read ${plural(analysis.files.length - analysis.contextFiles.size, 'file')}${context}, ${plural(analysis.documentCount, 'document')}: ${plural(analysis.resources.length + analysis.checkedObjects.length, 'resource')} checked, ${skipped} skipped`;
  if (reasons.length) line += ` (${reasons.join(', ')})`;
  if (analysis.emptyCount) line += `, ${analysis.emptyCount} empty`;
  if (analysis.brokenCount) line += `, ${analysis.brokenCount} unreadable`;
  if (analysis.danglingLinks) line += `, ${plural(analysis.danglingLinks, 'dangling symbolic link')} skipped`;
  if (analysis.specialFiles) line += `, ${analysis.specialFiles === 1 ? '1 pipe, socket or device' : `${analysis.specialFiles} pipes, sockets and devices`} skipped`;
  if (analysis.helmCharts) line += `, the templates of ${plural(analysis.helmCharts, 'Helm chart')} left out`;
  if (analysis.kustomizePatches) line += `, ${plural(analysis.kustomizePatches, 'kustomize patch', 'kustomize patches')} left out`;
  if (analysis.linkLoops) line += `, ${plural(analysis.linkLoops, 'symbolic-link loop')} not followed`;
  if (analysis.linkedTwice) line += `, ${analysis.linkedTwice === 1 ? '1 folder or file' : `${analysis.linkedTwice} folders and files`} reached again through symbolic links, read once`;
  if (suppressed) line += `; ${suppressed} finding${suppressed === 1 ? '' : 's'} suppressed`;
  return line;
}
