import type { Diagnostic } from '../diagnostics/diagnostic';
import type { Finding } from '../diagnostics/finding';
import { anchorFile, anchorPointer, type Anchor } from '../source/anchor';
import { Locator } from '../source/locate';
import type { SourceFile } from '../source/source-file';
import { printable } from '../text/printable';

/**
 * Puts findings on lines. This is the only place line numbers are computed, and only for findings that
 * survived filtering. The result is sorted by input order, then position, so every format is stable.
 * `fileName` turns a file's name as given into the name reports show (relative to the repository root).
 */
export async function placeFindings(findings: readonly Finding[], fileOrder: ReadonlyMap<SourceFile, number>, fileName: (name: string) => string = (n) => n): Promise<Diagnostic[]> {
  const locator = new Locator();
  await locator.prepare(findings.flatMap((f) => [f.at, ...(f.related ?? []).map((r) => r.at)]));
  const place = (at: Anchor) => ({ file: printable(fileName(anchorFile(at).name)), ...locator.locate(at), pointer: printable(anchorPointer(at)) });
  const placed = findings.map((f) => {
    const template = f.at.kind === 'node' ? f.at.doc.helmSource : undefined;
    const diagnostic: Diagnostic = {
      code: f.code,
      severity: f.severity,
      message: f.message,
      ...place(f.at),
      resource: f.resource ?? null,
      ...(template ? { template: printable(template) } : {}),
      ...(f.related ? { related: f.related.map((r) => ({ message: printable(r.message), ...place(r.at) })) } : {}),
    };
    return { diagnostic, order: fileOrder.get(anchorFile(f.at)) ?? Number.MAX_SAFE_INTEGER };
  });
  locator.clear();
  placed.sort((a, b) => a.order - b.order || compareDiagnostics(a.diagnostic, b.diagnostic));
  return placed.map((p) => p.diagnostic);
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.column - b.column || cmp(a.code, b.code) || cmp(a.message, b.message);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
