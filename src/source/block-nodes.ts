/** What the block index knows of a document's nodes (see block-index.ts). */

/**
 * A node: where it starts, where a finding on it ends (UNSURE where the index does not know: block
 * scalars, plain scalars broken by a comment), and its children when it is a block collection.
 */
export type IndexNode =
  // a block collection: a finding marks its first line only (Locator.offsetsIn)
  | { readonly kind: 'map'; readonly start: number; readonly end: number; readonly pairs: Map<string, Pair> }
  | { readonly kind: 'seq'; readonly start: number; readonly end: number; readonly items: Array<IndexNode | typeof EMPTY> }
  // a scalar, or a flow collection: its inside is read only when a path goes into it (`inside`); a flow
  // collection without `inside` is one the index cannot read
  | { readonly kind: 'leaf'; readonly start: number; readonly end: number; readonly flow: boolean; readonly inside?: FlowReader };

/** Reads the inside of a flow collection found earlier (BlockReader), once. */
export interface FlowReader {
  readFlow(start: number, end: number): IndexNode;
}

export interface Pair {
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly value: IndexNode | typeof EMPTY;
}

/** A key or a sequence entry with no value (`key:`), whose null node the yaml library places by rules of its own. */
export const EMPTY = 'empty';

/** The index cannot vouch for the document or the node: ask the yaml library. */
export const UNSURE = -1;

/** Thrown where the reader cannot vouch for what it reads; caught by indexBlocks. */
export class Unsure extends Error {}
export const unsure = (): never => {
  throw new Unsure();
};
