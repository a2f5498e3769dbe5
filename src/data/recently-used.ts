/**
 * A map that keeps the `limit` entries used last (read or written): the caches of a run that may touch
 * every document or pattern of a large input once, and must not keep them all. `evicted` is told of each
 * entry let go, by eviction or by `clear()`.
 */
export class RecentlyUsed<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(
    private readonly limit: number,
    private readonly evicted?: (key: K, value: V) => void,
  ) {}

  /** The value kept for `key`, now the most recently used; undefined when none is kept. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // a Map iterates in insertion order: inserted again, the entry goes last
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** Keeps `value` as the most recently used; the least recently used goes when there are too many. */
  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.limit) {
      const [oldestKey, oldestValue] = this.entries.entries().next().value!;
      this.entries.delete(oldestKey);
      this.evicted?.(oldestKey, oldestValue);
    }
  }

  clear(): void {
    const entries = [...this.entries];
    this.entries.clear();
    if (this.evicted) for (const [key, value] of entries) this.evicted(key, value);
  }
}
