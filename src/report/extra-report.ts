/**
 * `--report sarif=gwctl.sarif`: one more report of the same findings, into a file. Its own module, without
 * imports: the command line's options (loaded by every run) and the report stage both read it.
 */
export interface ExtraReport {
  readonly format: string;
  readonly file: string;
}

/** The files of --report, as the output guards name them. */
export const reportFileTargets = (reports: readonly ExtraReport[]): Array<readonly [flag: string, path: string]> => reports.map((r) => ['--report', r.file] as const);
