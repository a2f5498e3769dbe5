import { under } from './under';

// made once per list, and let go with it
const indexes = new WeakMap<object, Map<string, unknown>>();

/**
 * Each item of a list by each of its keys, the first item of a key kept (as a search in order finds it),
 * made once per list: a search of the list for every request or test is as many searches as requests
 * (20,000 tests of a listener of 20,000 hosts). A list is indexed by one `keys` only: the first index made
 * is the one kept.
 */
export function firstBy<T extends object>(items: readonly T[], keys: (item: T) => readonly string[]): Map<string, T> {
  return under(indexes, items, () => {
    const index = new Map<string, T>();
    for (const item of items) for (const k of keys(item)) if (!index.has(k)) index.set(k, item);
    return index;
  }) as Map<string, T>;
}
