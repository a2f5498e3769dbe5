import type { Diagnostic } from '../diagnostics/diagnostic';
import { shortened, type Finding } from '../diagnostics/finding';
import { anchorFile, anchorPointer, type Anchor } from '../source/anchor';
import { Locator, type Range } from '../source/locate';
import { loadYaml } from '../source/yaml-library';
import type { SourceFile } from '../source/source-file';
import { printable } from '../text/printable';

/**
 * Puts findings on lines. This is the only place line numbers are computed, and only for findings that
 * survived filtering. The result is sorted by input order, then position, so every format is stable.
 * `fileName` turns a file's name as given into the name reports show (relative to the repository root).
 */
export async function placeFindings(findings: readonly Finding[], fileOrder: ReadonlyMap<SourceFile, number>, fileName: (name: string) => string = (n) => n): Promise<Diagnostic[]> {
  const locator = new Locator();
  // every anchor placed in one pass, from the block index where it can: the yaml library is loaded only
  // for those the index leaves, and each document is indexed once
  const ranges = new Map<Anchor, Range>();
  const left: Anchor[] = [];
  const anchors = findings.flatMap((f) => [f.at, ...(f.related ?? []).map((r) => r.at)]);
  // a large document with many findings is indexed whole, not read by prefixes (Locator.locateIndexed)
  const perDocument = new Map<object, number>();
  for (const at of anchors) if (at.kind === 'node') perDocument.set(at.doc, (perDocument.get(at.doc) ?? 0) + 1);
  for (const at of anchors) {
    if (ranges.has(at)) continue;
    const range = locator.locateIndexed(at, at.kind === 'node' && perDocument.get(at.doc)! > MANY_IN_ONE_DOCUMENT);
    if (range) ranges.set(at, range);
    else left.push(at);
  }
  if (left.length > 0) {
    await loadYaml();
    for (const at of left) ranges.set(at, locator.locate(at));
  }
  const place = (at: Anchor) => ({ file: printable(fileName(anchorFile(at).name)), ...ranges.get(at)!, pointer: printable(anchorPointer(at)) });
  const placed = findings.map((f) => {
    const template = f.at.kind === 'node' ? f.at.doc.helmSource : undefined;
    const diagnostic: Diagnostic = {
      code: f.code,
      severity: f.severity,
      message: f.message,
      ...place(f.at),
      resource: f.resource ?? null,
      ...(template ? { template: printable(shortened(template)) } : {}),
      ...(f.related ? { related: f.related.map((r) => ({ message: printable(shortened(r.message)), ...place(r.at) })) } : {}),
    };
    return { diagnostic, order: fileOrder.get(anchorFile(f.at)) ?? Number.MAX_SAFE_INTEGER };
  });
  locator.clear();
  placed.sort((a, b) => a.order - b.order || compareDiagnostics(a.diagnostic, b.diagnostic));
  return placed.map((p) => p.diagnostic);
}

// Findings in one document past which it is indexed whole even when large: 20,000 findings in one
// table of 20,000 routes took 5 s and 419 MB by prefixes (the last of them the whole document's tree).
const MANY_IN_ONE_DOCUMENT = 16;

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.column - b.column || cmp(a.code, b.code) || cmp(a.message, b.message);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
