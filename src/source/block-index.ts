/**
 * Where nodes start in a document of block-style YAML, found by reading its lines, without a syntax tree.
 *
 * `gwctl routes` and the model's JSON show the line and column of every route; building the yaml
 * library's syntax tree of each document for that costs as much again as the whole validation. Manifests
 * are block mappings and sequences of one-line scalars, and for those a node's start follows from
 * indentation alone. The index answers only for what it can read with certainty and declines everything
 * else (anchors, tags, multi-line quoted scalars or flow collections, explicit keys, keys that are not
 * strings): the caller then asks the yaml library (locate.ts), whose answer is the reference. A test
 * compares the two on every node of the corpus and of generated documents.
 */

import { EXOTIC_YAML } from '../load/exotic-yaml';
import { BlockReader } from './block-reader';
import { isExoticFree } from './exotic-free';
import { EMPTY, Unsure, type IndexNode, type Pair } from './block-nodes';

export { UNSURE } from './block-nodes';

// What the quick loader sends to the yaml library too, and a byte order mark.
const NOT_INDEXED = new RegExp(`${EXOTIC_YAML.source}|\uFEFF`, 'gm');

// Where each file's text has something the index does not read, found once per file: testing each
// document's text would copy it, and a bounded search of a shared text cannot stop at the document's end.
const unreadable = new WeakMap<object, number[]>();

function unreadableIn(text: string, owner: object): number[] {
  let found = unreadable.get(owner);
  if (!found) {
    found = [];
    // a file the quick loader read: only a byte order mark can be there
    if (isExoticFree(owner)) {
      for (let i = text.indexOf('\uFEFF'); i >= 0; i = text.indexOf('\uFEFF', i + 1)) found.push(i, i + 1);
    } else {
      const pattern = new RegExp(NOT_INDEXED);
      for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        found.push(m.index, m.index + m[0].length);
        if (m[0].length === 0) pattern.lastIndex++;
      }
    }
    unreadable.set(owner, found);
  }
  return found;
}

/**
 * The block structure of the document from `start` to `end` of `text`, or null when the index cannot
 * vouch for it. `owner` (the text's file) keys what is found once per text.
 */
export function indexBlocks(text: string, start = 0, end = text.length, owner: object = { text }): IndexNode | null {
  const spans = unreadableIn(text, owner);
  // a span of something unreadable that overlaps the document (the first span ending after its start)
  let low = 0;
  let high = spans.length / 2;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (spans[2 * mid + 1]! <= start) low = mid + 1;
    else high = mid;
  }
  if (low < spans.length / 2 && spans[2 * low]! < end) return null;
  try {
    return new BlockReader(text, start, end).root();
  } catch (error) {
    if (error instanceof Unsure) return null;
    throw error;
  }
}

/**
 * Where the node at `segments` starts and where a finding on it ends (offsets in the indexed text; `end`
 * UNSURE when only the start is known), by the rules of Locator.offsetsIn: a block collection under a
 * key is shown at its key, a block collection elsewhere on its first line; a path that does not exist,
 * at the nearest key or entry on it. Null when the yaml library has to answer.
 */
export function blockSpan(root: IndexNode, segments: readonly string[], part: 'key' | 'value'): { start: number; end: number } | null {
  let node: IndexNode = root;
  let key: Pair | undefined;
  const keySpan = (pair: Pair) => ({ start: pair.keyStart, end: pair.keyEnd });
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    // a flow collection is read when a path first goes into it
    if (node.kind === 'leaf' && node.inside) node = node.inside.readFlow(node.start, node.end);
    let next: IndexNode | typeof EMPTY | undefined;
    let nextKey: Pair | undefined;
    if (node.kind === 'map') {
      nextKey = node.pairs.get(segment);
      next = nextKey?.value;
    } else if (node.kind === 'seq') {
      // the same lookup as the yaml library's items[Number(segment)]: `01` is entry 1, `x` none
      next = node.items[Number(segment)];
    } else if (node.flow) {
      return null; // inside a flow collection
    }
    if (next === undefined) return key ? keySpan(key) : node;
    if (i === segments.length - 1 && part === 'key' && nextKey) return keySpan(nextKey);
    if (next === EMPTY) {
      // the path goes on through a null scalar: the nearest key on it; the null itself is the yaml library's
      if (i < segments.length - 1 && nextKey) return keySpan(nextKey);
      return null;
    }
    node = next;
    key = nextKey;
  }
  return (node.kind !== 'leaf' || node.flow) && key ? keySpan(key) : node;
}
