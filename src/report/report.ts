import type { Diagnostic } from '../diagnostics/diagnostic';
import type { ResourceRef } from '../diagnostics/finding';
import type { Severity } from '../diagnostics/severity';
import { plural } from '../text/plural';

export interface Summary {
  readonly files: number;
  readonly documents: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

/** Everything a formatter may print. Formatters are pure functions of this. */
export interface Report {
  /** the diagnostics to show (at or above --min-severity), sorted */
  readonly diagnostics: readonly Diagnostic[];
  /** counts of all findings left after suppression, shown or not */
  readonly summary: Summary;
  /**
   * every resource checked, for formats that list passes too (JUnit); made as a format reads it, as the
   * others do not (listing the benchmark's L, 107,691 resources, took 88 ms of every command's run)
   */
  readonly checked: Iterable<{ readonly file: string; readonly resource: ResourceRef }>;
  readonly failSeverity: Severity;
  readonly toolVersion: string;
  /** the repository root the file names are relative to, when there is one */
  readonly root?: string | undefined;
  /** base URL of docs/diagnostics.md, for links to a code's section (default: the published one) */
  readonly docsUrl?: string;
}

/**
 * A formatter's text: whole, or in chunks written as they are made (text/line-chunks.ts: a report of
 * 184,608 findings as one string, with the lines it was joined from, took 230 MB at the peak of a run).
 */
export type FormattedText = string | Generator<string, void, undefined>;

export type Formatter = (report: Report) => FormattedText;

/** The chunks of a formatter's text, in order. */
export const chunksOf = (text: FormattedText): Iterable<string> => (typeof text === 'string' ? [text] : text);

export function countBySeverity(items: ReadonlyArray<{ severity: Severity }>): Pick<Summary, 'errors' | 'warnings' | 'infos'> {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const item of items) {
    if (item.severity === 'error') errors++;
    else if (item.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

export function problemsLine(summary: Summary): string {
  const total = summary.errors + summary.warnings + summary.infos;
  return `${plural(total, 'problem')} (${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')})`;
}
