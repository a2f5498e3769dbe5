import type { ManifestDocument } from './manifest-document';
import type { SourceFile } from './source-file';
import { flatCopy } from '../text/flat-concat';

/**
 * Where a finding or a model node comes from, before it is turned into line and column (only findings
 * that are printed, and model nodes that are shown, pay for that).
 * - `node`: a place in a document by JSON pointer; `key` marks the mapping key rather than its value
 * - `span`: raw offsets, for problems found before a document has structure (syntax, encoding)
 */
export type Anchor =
  | { readonly kind: 'node'; readonly doc: ManifestDocument; readonly pointer: string; readonly part: 'key' | 'value' }
  | { readonly kind: 'span'; readonly file: SourceFile; readonly start: number; readonly end: number };

// Anchors are the most numerous objects of a large model (corpus L: 915,000 at the peak). What every
// anchor of a part shares, its kind and part, is on its prototype: each holds its document and pointer
// only (40 bytes, not 56).
class ValueAnchor {
  declare readonly kind: 'node';
  declare readonly part: 'key' | 'value';
  constructor(
    readonly doc: ManifestDocument,
    readonly pointer: string,
  ) {}
}
class KeyAnchor extends ValueAnchor {}
Object.defineProperties(ValueAnchor.prototype, { kind: { value: 'node' }, part: { value: 'value' } });
Object.defineProperty(KeyAnchor.prototype, 'part', { value: 'key' });

/** An anchor at a pointer inside one object (its key or its value): how a reader of a resource places what it says. */
export type AnchorAt = (pointer: string, part?: 'key' | 'value') => Anchor;

export function nodeAnchor(doc: ManifestDocument, pointer: string, part: 'key' | 'value' = 'value'): Anchor {
  return part === 'key' ? new KeyAnchor(doc, internPointer(pointer)) : new ValueAnchor(doc, internPointer(pointer));
}

// Anchors are the most numerous objects of a large model, and their pointers repeat from document to
// document (`/spec/http/0`, `/metadata/name`): one copy of each, instead of one per anchor.
const pointers = new Map<string, string>();

/** The one copy of a pointer string that anchors share. */
export function internPointer(pointer: string): string {
  const known = pointers.get(pointer);
  if (known !== undefined) return known;
  // a pointer built by concatenation is a tree of its parts: the copy kept is one flat string
  const copy = flatCopy(pointer);
  pointers.set(copy, copy);
  return copy;
}

// The pointers of the items of a list at a fixed place (`/spec/http/3`, `/spec/aws/lambda/12`), by
// index: each is made and interned once, not built and hashed again for the same item of every
// document (corpus L: 370,000 function entries and 254,000 routes).
const itemPointers = new Map<string, string[]>();

/** The one copy of the pointer of item `index` of the list at `list` (a fixed pointer, not one built per document). */
export function itemPointer(list: string, index: number): string {
  let pointers = itemPointers.get(list);
  if (pointers === undefined) itemPointers.set(list, (pointers = []));
  return (pointers[index] ??= internPointer(`${list}/${index}`));
}

/**
 * An anchor as two fields of a node that keeps one, for the most numerous nodes of a model (function
 * nodes, Lambda destinations, route origins: corpus L has 860,000). A value anchor in a document is
 * kept as its document and pointer, and made again when read (40 bytes each, not kept); any other anchor
 * is kept as it is, with no pointer. An anchor made again is equal to the one given, not the same object:
 * nothing compares anchors by identity but the placer's cache, which places it once more.
 */
type AnchorBase = ManifestDocument | Anchor;

function anchorBase(anchor: Anchor): AnchorBase {
  return anchor instanceof ValueAnchor && !(anchor instanceof KeyAnchor) ? anchor.doc : anchor;
}

function anchorFrom(base: AnchorBase, pointer: string): Anchor {
  // a document has no `kind`; an anchor has one, on its prototype for node anchors
  return 'kind' in base ? base : new ValueAnchor(base, pointer);
}

/** A model node that keeps its anchor as two fields (see AnchorBase) and gives it as `source`. */
export abstract class AnchoredNode {
  private readonly at: AnchorBase;
  private readonly pointer: string;

  constructor(source: Anchor) {
    this.at = anchorBase(source);
    this.pointer = anchorPointer(source);
  }

  get source(): Anchor {
    return anchorFrom(this.at, this.pointer);
  }
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
