import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { RecentlyUsed } from '../data/recently-used';
import type { Anchor } from './anchor';
import { blockSpan, indexBlocks, UNSURE } from './block-index';
import type { ManifestDocument } from './manifest-document';
import type { SourceFile } from './source-file';
import { pointerSegments } from './pointer';
import { yamlLibrary } from './yaml-library';
import { withoutStackTraces } from './without-stack-traces';

export interface Range {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * Turns anchors into line:column ranges, from the block index of a document's lines or, for what that
 * cannot read, from the syntax tree rebuilt from its text. The most recently used indexes, trees and texts
 * read again are kept (INDEXES_KEPT, TREES_KEPT, FILES_KEPT); `clear()` lets go of them all.
 */
// A mapping's pairs by key, built the first time a pointer goes through it: a resource with 10,000 keys
// and a finding on each would otherwise search the mapping 10,000 times.
const pairIndexes = new WeakMap<object, Map<string, Pair<unknown, unknown>>>();

function pairsOf(map: YAMLMap<unknown, unknown>): Map<string, Pair<unknown, unknown>> {
  const { isPair, isScalar } = yamlLibrary();
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) if (isPair(p) && isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p);
    pairIndexes.set(map, index);
  }
  return index;
}

// A document larger than this is located by parsing the shortest prefix of it that holds the node (see
// Locator.offsets): one finding in a table of 50,000 routes would otherwise build the syntax tree of all
// of them (hundreds of megabytes). Prefixes grow geometrically up to the whole document.
export const PREFIXES = { from: 256 * 1024, first: 64 * 1024, growth: 16 } as const;

interface Tree {
  readonly tree: Document;
  /** length of the text parsed; the whole document's, or a prefix's, cut after a line break */
  readonly length: number;
  /** offset of the last line of a prefix (the whole document: its length) */
  readonly lastLine: number;
}

// Syntax trees kept at once: a tree is about ten times its text, and `gwctl routes` places every route
// of the input, document after document (monorepo L kept 100,000 trees: 2.2 GB). The most recently used
// are kept; placing goes table by table, so a document is rarely needed again once left.
const TREES_KEPT = 256;
// Block indexes kept at once. Few are enough for the same reason (placing every route of corpus M and
// the monorepo M indexes each document about once with 8 kept as with 4,096), and more cost time: every
// index kept survives the young generation and is copied by the collector (4,096 kept: routes of the
// monorepo M spent 0.65 s in scavenges instead of 0.35 s).
const INDEXES_KEPT = 32;
// Files whose texts are kept once read again (SourceFile.forget): placing every route of a large input
// brought back every text, a second copy of the input kept to the end of the run.
const FILES_KEPT = 32;

export class Locator {
  private readonly trees = new RecentlyUsed<ManifestDocument, Tree[]>(TREES_KEPT);
  private readonly indexes = new RecentlyUsed<ManifestDocument, ReturnType<typeof indexBlocks>>(INDEXES_KEPT);
  // the file that leaves lets go of a text it read again
  private readonly files = new RecentlyUsed<SourceFile, true>(FILES_KEPT, (file) => file.release());

  /**
   * `prefixes`: from what size documents are located by prefixes, the first, its growth (tests lower them);
   * `indexed`: whether plain block YAML is read from its lines (tests turn it off for the reference)
   */
  constructor(
    private readonly prefixes: { from: number; first: number; growth: number } = PREFIXES,
    private readonly indexed = true,
  ) {}

  /** Needs the yaml library loaded (loadYaml) unless `locateIndexed` answered for the anchor. */
  locate(anchor: Anchor): Range {
    if (anchor.kind === 'span') return this.range(anchor.file, anchor.start, anchor.end);
    const indexed = this.indexedRange(anchor);
    if (indexed) return indexed;
    const [start, end] = this.offsets(anchor.doc, anchor.pointer, anchor.part);
    return this.range(anchor.doc.file, start, end);
  }

  /**
   * The anchor's range when it can be had without the yaml library, or null: plain block YAML is read
   * from its lines (block-index.ts), except in a large document not indexed yet, where a few findings
   * cost less by prefixes than an index of the whole (50,000 routes: 85 MB), unless `large`: the caller
   * places many anchors in the document, which prefixes would soon make a syntax tree of the whole (about
   * ten times its text, and far slower to build than the index). A caller that places many anchors asks
   * this of each and loads the library only for those it leaves (most runs: none).
   */
  locateIndexed(anchor: Anchor, large = false): Range | null {
    return anchor.kind === 'span' ? this.range(anchor.file, anchor.start, anchor.end) : this.indexedRange(anchor, large);
  }

  private indexedRange(anchor: Extract<Anchor, { kind: 'node' }>, large = false): Range | null {
    const span = this.span(anchor, large);
    return span && span.end !== UNSURE ? this.range(anchor.doc.file, span.start, span.end) : null;
  }

  /**
   * Where an anchor starts: the same line and column as `locate`, read from the document's block
   * structure when it is plain block YAML (block-index.ts), which costs a pass over its lines instead of
   * a syntax tree. For what shows starts only: the model's places (`gwctl routes`, JSON output).
   */
  start(anchor: Anchor): { line: number; column: number } {
    if (anchor.kind === 'node') {
      const span = this.span(anchor, true);
      if (span) return this.file(anchor.doc.file).positionAt(span.start);
    }
    const { line, column } = this.locate(anchor);
    return { line, column };
  }

  /** `large`: index a document past the prefix size too (placing every route of it, not a few findings) */
  private span(anchor: Extract<Anchor, { kind: 'node' }>, large: boolean): ReturnType<typeof blockSpan> {
    const doc = anchor.doc;
    if (!this.indexed || (!large && doc.end - doc.start > this.prefixes.from && !this.indexes.has(doc))) return null;
    const index = this.index(doc);
    return index ? blockSpan(index, pointerSegments(anchor.pointer), anchor.part) : null;
  }

  clear(): void {
    this.trees.clear();
    this.indexes.clear();
    this.files.clear();
  }

  /** The file, marked as used last. */
  private file(file: SourceFile): SourceFile {
    this.files.set(file, true);
    return file;
  }

  private index(doc: ManifestDocument): ReturnType<typeof indexBlocks> {
    let index = this.indexes.get(doc);
    if (index === undefined) this.indexes.set(doc, (index = indexBlocks(this.file(doc.file).text, doc.start, doc.end, doc.file)));
    return index;
  }

  private range(file: SourceFile, start: number, end: number): Range {
    this.file(file);
    const from = file.positionAt(start);
    const to = file.positionAt(Math.max(start, end));
    return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
  }

  /**
   * Offsets (in the file) of the node at `pointer`, or of the nearest enclosing node that exists.
   *
   * Where a node is depends only on the text before it and its own: a prefix of the document places it
   * exactly as the whole does, provided the prefix holds the whole path and the node ends before the
   * prefix's last line (so the line after it, which could have continued it, was read too). Anything
   * else (the path runs past the prefix, the node reaches its last line) is asked of a longer prefix,
   * and in the end of the whole document, whose answer is the reference.
   */
  private offsets(doc: ManifestDocument, pointer: string, part: 'key' | 'value'): [number, number] {
    for (let length = doc.end - doc.start > this.prefixes.from ? this.prefixes.first : Infinity; ; length *= this.prefixes.growth) {
      const tree = this.tree(doc, length);
      const found = this.offsetsIn(tree.tree, doc, pointer, part);
      if (tree.length === doc.end - doc.start || (found.complete && found.end - doc.start < tree.lastLine)) return [found.start, found.end];
    }
  }

  private offsetsIn(tree: Document, doc: ManifestDocument, pointer: string, part: 'key' | 'value'): { start: number; end: number; complete: boolean } {
    const { isAlias, isCollection, isMap, isScalar, isSeq } = yamlLibrary();
    const base = doc.start;
    const file = doc.file;
    // A collection spans many lines; findings on it mark its first line only.
    const span = (node: Node, complete: boolean) => {
      const [s, e] = node.range ?? [0, 0];
      return { start: base + s, end: isCollection(node) ? Math.min(base + e, file.lineEndAt(base + s)) : base + e, complete };
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
          if (!next) return span(nextKey, i === segments.length - 1); // `key:` with no value
        }
      } else if (isSeq(node)) {
        next = (node.items[Number(segment)] as Node | undefined) ?? null;
      }
      if (!next) return span(keyNode ?? node, false); // the rest of the path does not exist: point at its parent
      if (i === segments.length - 1 && part === 'key' && nextKey) return span(nextKey, true);
      node = next;
      keyNode = nextKey;
    }
    if (!node) return { start: base, end: base, complete: false };
    // `key:` with nothing after it on its line: in a prefix, its value may start on a line past the cut
    // (comment lines between, read but no end to it), where the whole document places its key instead.
    // A prefix of comments only is such an empty node too, whatever the path (the walk stops on it).
    if (isScalar(node) && node.range && node.range[0] === node.range[1]) return span(node, false);
    // a block collection under a key starts on the next line: its key is where a reader looks
    return span(isCollection(node) && keyNode ? keyNode : node, true);
  }

  /** The syntax tree of the document, or of its first `length` characters and the rest of that line. */
  private tree(doc: ManifestDocument, length: number): Tree {
    this.file(doc.file);
    let trees = this.trees.get(doc);
    if (!trees) this.trees.set(doc, (trees = []));
    const whole = doc.end - doc.start;
    const cut = length >= whole ? whole : Math.min(whole, (doc.file.text.indexOf('\n', doc.start + length) + 1 || doc.end) - doc.start);
    let found = trees.find((t) => t.length === cut);
    if (!found) {
      const text = doc.file.text.slice(doc.start, doc.start + cut);
      const tree = withoutStackTraces(() => yamlLibrary().parseDocument(text, { uniqueKeys: false, prettyErrors: false, logLevel: 'error' }));
      found = { tree, length: cut, lastLine: cut === whole ? whole : text.lastIndexOf('\n', cut - 2) + 1 };
      trees.push(found);
    }
    return found;
  }
}
