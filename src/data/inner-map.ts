/**
 * The map under `key` in a map of maps, made when missing. Lookups the model repeats for every route or
 * destination go through maps keyed by the strings themselves (kind, then namespace, then name), not by
 * one key concatenated from them: V8 hashes a string once and keeps the hash, while a concatenated key
 * is a new string to flatten and hash on every lookup.
 */
export function innerMap<K, K2, V>(map: Map<K, Map<K2, V>>, key: K): Map<K2, V> {
  let inner = map.get(key);
  if (inner === undefined) map.set(key, (inner = new Map()));
  return inner;
}
