// Every empty list shares this one: a child table has no hosts and no gateways, and a model of 100,000
// tables would otherwise keep 200,000 empty arrays.
const NONE: readonly never[] = Object.freeze([]);

/**
 * The items in an array of exactly their number. V8 grows an array built by `push`, `flatMap` or
 * `filter` to at least 17 slots, so a list of one item kept for the whole run holds 16 empty slots
 * (128 bytes). Lists the model keeps per table, route or provider are mostly of one to three items:
 * on the benchmark's corpus M, 4% of the live heap after the model stage was such slots.
 * `slice()` copies into a store of the exact size.
 */
export function exact<T>(items: T[]): readonly T[] {
  return items.length === 0 ? NONE : items.slice();
}
