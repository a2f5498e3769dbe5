import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Anchor } from './anchor';
import type { ManifestDocument } from './manifest-document';
import { pointerSegments } from './pointer';

export interface Range {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * Turns anchors into line:column ranges. The syntax tree of a document is rebuilt from its text the first
 * time one of its anchors is located, and kept until `clear()`.
 */
// A mapping's pairs by key, built the first time a pointer goes through it: a resource with 10,000 keys
// and a finding on each would otherwise search the mapping 10,000 times.
const pairIndexes = new WeakMap<object, Map<string, Pair<unknown, unknown>>>();

function pairsOf(map: YAMLMap<unknown, unknown>): Map<string, Pair<unknown, unknown>> {
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) if (isPair(p) && isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p);
    pairIndexes.set(map, index);
  }
  return index;
}

export class Locator {
  private readonly trees = new Map<ManifestDocument, Document>();

  locate(anchor: Anchor): Range {
    if (anchor.kind === 'span') return this.range(anchor.file, anchor.start, anchor.end);
    const [start, end] = this.offsets(anchor.doc, anchor.pointer, anchor.part);
    return this.range(anchor.doc.file, start, end);
  }

  clear(): void {
    this.trees.clear();
  }

  private range(file: ManifestDocument['file'], start: number, end: number): Range {
    const from = file.positionAt(start);
    const to = file.positionAt(Math.max(start, end));
    return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
  }

  /** Offsets (in the file) of the node at `pointer`, or of the nearest enclosing node that exists. */
  private offsets(doc: ManifestDocument, pointer: string, part: 'key' | 'value'): [number, number] {
    const tree = this.tree(doc);
    const base = doc.start;
    const file = doc.file;
    // A collection spans many lines; findings on it mark its first line only.
    const span = (node: Node): [number, number] => {
      const [s, e] = node.range ?? [0, 0];
      return isCollection(node) ? [base + s, Math.min(base + e, file.lineEndAt(base + s))] : [base + s, base + e];
    };
    let node: Node | null = tree.contents as Node | null;
    let keyNode: Node | null = null;
    const segments = pointerSegments(pointer);
    for (let i = 0; i < segments.length && node; i++) {
      if (isAlias(node)) node = node.resolve(tree) ?? null;
      if (!node) break;
      const segment = segments[i]!;
      let next: Node | null = null;
      let nextKey: Node | null = null;
      if (isMap(node)) {
        const pair = pairsOf(node).get(segment);
        if (pair) {
          nextKey = pair.key as Node;
          next = (pair.value as Node | null) ?? null;
          if (!next) return span(nextKey); // `key:` with no value
        }
      } else if (isSeq(node)) {
        next = (node.items[Number(segment)] as Node | undefined) ?? null;
      }
      if (!next) return span(keyNode ?? node); // the rest of the path does not exist: point at its parent
      if (i === segments.length - 1 && part === 'key' && nextKey) return span(nextKey);
      node = next;
      keyNode = nextKey;
    }
    if (!node) return [base, base];
    // a block collection under a key starts on the next line: its key is where a reader looks
    return span(isCollection(node) && keyNode ? keyNode : node);
  }

  private tree(doc: ManifestDocument): Document {
    let tree = this.trees.get(doc);
    if (!tree) {
      tree = parseDocument(doc.file.text.slice(doc.start, doc.end), { uniqueKeys: false, prettyErrors: false });
      this.trees.set(doc, tree);
    }
    return tree;
  }
}
