import type { ManifestDocument } from './manifest-document';
import type { SourceFile } from './source-file';

/**
 * Where a finding or a model node comes from, before it is turned into line and column (only findings
 * that are printed, and model nodes that are shown, pay for that).
 * - `node`: a place in a document by JSON pointer; `key` marks the mapping key rather than its value
 * - `span`: raw offsets, for problems found before a document has structure (syntax, encoding)
 */
export type Anchor =
  | { readonly kind: 'node'; readonly doc: ManifestDocument; readonly pointer: string; readonly part: 'key' | 'value' }
  | { readonly kind: 'span'; readonly file: SourceFile; readonly start: number; readonly end: number };

export function nodeAnchor(doc: ManifestDocument, pointer: string, part: 'key' | 'value' = 'value'): Anchor {
  return { kind: 'node', doc, pointer, part };
}

export function spanAnchor(file: SourceFile, start: number, end = start): Anchor {
  return { kind: 'span', file, start, end };
}

export function anchorFile(anchor: Anchor): SourceFile {
  return anchor.kind === 'node' ? anchor.doc.file : anchor.file;
}

export function anchorPointer(anchor: Anchor): string {
  return anchor.kind === 'node' ? anchor.pointer : '';
}
