import { describe, expect, it } from 'vitest';
import { RecentlyUsed } from '../../src/data/recently-used';

describe('RecentlyUsed', () => {
  it('keeps the entries used last, a read counting as a use, and tells of each it lets go', () => {
    const evicted: string[] = [];
    const cache = new RecentlyUsed<string, number | null>(3, (key, value) => evicted.push(`${key}=${value}`));
    cache.set('a', 1);
    cache.set('b', null); // a value of null is kept, not taken for a miss
    cache.set('c', 3);
    expect(cache.get('a')).toBe(1); // a is now the most recently used: b is the oldest
    cache.set('d', 4);
    expect(evicted).toEqual(['b=null']);
    expect(cache.has('b')).toBe(false);
    expect(cache.get('b')).toBeUndefined();
    cache.set('c', 30); // written again: the most recently used, not a second entry
    cache.set('e', 5);
    expect(evicted).toEqual(['b=null', 'a=1']);
    expect([cache.get('c'), cache.get('d'), cache.get('e')]).toEqual([30, 4, 5]);
    cache.clear();
    expect(evicted.slice(2).sort()).toEqual(['c=30', 'd=4', 'e=5']);
    expect(cache.has('c')).toBe(false);
  });
});
