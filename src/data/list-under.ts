/**
 * The list under `key` in a map of lists, made when missing, to push onto. Grouping by
 * `map.set(key, [...(map.get(key) ?? []), item])` copies the list for every item: a route on 20,000
 * hosts took 1.5 s in migrate-report, 100,000 tests of one file minutes in the JUnit report.
 */
export function listUnder<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key);
  if (list === undefined) map.set(key, (list = []));
  return list;
}
