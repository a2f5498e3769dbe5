/**
 * The items in an array of exactly their number. V8 grows an array built by `push`, `flatMap` or
 * `filter` to at least 17 slots, so a list of one item kept for the whole run holds 16 empty slots
 * (128 bytes). Lists the model keeps per table, route or provider are mostly of one to three items:
 * on the benchmark's corpus M, 4% of the live heap after the model stage was such slots.
 * `slice()` copies into a store of the exact size, and `[]` has none.
 */
export function exact<T>(items: T[]): T[] {
  return items.length === 0 ? [] : items.slice();
}
