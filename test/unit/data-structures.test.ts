import { describe, expect, it } from 'vitest';
import { AffixIndex } from '../../src/data/affix-index';
import { chunk } from '../../src/data/chunk';
import { exact } from '../../src/data/exact-array';
import { firstBy } from '../../src/data/first-by';
import { maxOf, minOf, pushAll } from '../../src/data/push-all';
import { innerMap, listUnder, under } from '../../src/data/under';

// The small structures the model's lookups stand on (src/data/), each held to what its callers rely on:
// the host patterns and globs found through AffixIndex, the requests of `routes --request` and `gwctl
// test` through firstBy, the lists of 100,000 tables through pushAll.

/** Every id the index gives for a text, list by list. */
const collected = (index: AffixIndex, text: string) => {
  const lists: Array<readonly number[]> = [];
  index.collect(text, lists);
  return lists.map((l) => [...l]);
};

describe('AffixIndex', () => {
  it('finds the keys that begin a text, the empty key too, by key length and in the order ids were added', () => {
    const index = new AffixIndex(false);
    index.add('api.', 1);
    index.add('', 2);
    index.add('api.example', 3);
    index.add('api.', 4);
    index.add('www.', 5);
    expect(collected(index, 'api.example.com')).toEqual([[2], [1, 4], [3]]);
    // a key as long as the text, and one longer than it
    expect(collected(index, 'api.')).toEqual([[2], [1, 4]]);
    expect(collected(index, 'api')).toEqual([[2]]);
    expect(collected(index, 'other')).toEqual([[2]]);
  });

  it('backwards, finds the keys that end a text', () => {
    const index = new AffixIndex(true);
    index.add('.com', 1);
    index.add('example.com', 2);
    index.add('.org', 3);
    expect(collected(index, 'api.example.com')).toEqual([[1], [2]]);
    expect(collected(index, 'example.com')).toEqual([[1], [2]]);
    expect(collected(index, 'example.org')).toEqual([[3]]);
    expect(collected(index, '.co')).toEqual([]);
  });

  it('a key of a new length added after a lookup is found by the next one', () => {
    const index = new AffixIndex(false);
    index.add('a', 1);
    expect(collected(index, 'abc')).toEqual([[1]]);
    index.add('ab', 2);
    index.add('abc', 3);
    expect(collected(index, 'abc')).toEqual([[1], [2], [3]]);
    // shorter than every key known so far: the lengths are sorted again, not appended
    index.add('', 4);
    expect(collected(index, 'abc')).toEqual([[4], [1], [2], [3]]);
  });
});

describe('firstBy', () => {
  it('indexes each item by each of its keys, the first item of a key kept, once per list', () => {
    const items = [
      { name: 'a', hosts: ['x', 'y'] },
      { name: 'b', hosts: ['y', 'z'] },
    ];
    let calls = 0;
    const keys = (item: (typeof items)[number]) => {
      calls++;
      return item.hosts;
    };
    const index = firstBy(items, keys);
    expect([...index].map(([k, v]) => `${k}:${v.name}`)).toEqual(['x:a', 'y:a', 'z:b']);
    expect(firstBy(items, keys)).toBe(index);
    expect(calls).toBe(2);
    // another list of the same items is indexed on its own
    expect(firstBy([...items].reverse(), keys).get('y')?.name).toBe('b');
  });
});

describe('pushAll, maxOf, minOf', () => {
  it('take any number of items, past where a spread overflows the stack', () => {
    const many = Array.from({ length: 300_000 }, (_, i) => i);
    const target = [-1];
    expect(pushAll(target, many)).toBe(target);
    expect(target).toHaveLength(300_001);
    expect(target[300_000]).toBe(299_999);
    expect(maxOf(many)).toBe(299_999);
    expect(minOf(many)).toBe(0);
    expect(maxOf([3, 7, 5])).toBe(7);
    expect(minOf([3, 1, 5])).toBe(1);
    expect(maxOf([], 0)).toBe(0);
    expect(minOf([], 9)).toBe(9);
    expect(maxOf([])).toBe(-Infinity);
    expect(minOf([])).toBe(Infinity);
    expect(maxOf([-5, -2], -10)).toBe(-2);
    expect(minOf([5, 2], 10)).toBe(2);
  });
});

describe('under, innerMap, listUnder', () => {
  it('make a missing value once and keep it; a kept falsy value is not made again', () => {
    const map = new Map<string, number>();
    let made = 0;
    expect(under(map, 'a', () => (made++, 0))).toBe(0);
    expect(under(map, 'a', () => (made++, 1))).toBe(0);
    expect(made).toBe(1);
    const maps = new Map<string, Map<string, number>>();
    innerMap(maps, 'k').set('x', 1);
    expect(innerMap(maps, 'k').get('x')).toBe(1);
    const lists = new Map<string, number[]>();
    listUnder(lists, 'k').push(1);
    listUnder(lists, 'k').push(2);
    expect(lists.get('k')).toEqual([1, 2]);
  });
});

describe('chunk and exact', () => {
  it('chunk cuts a list in order into lists of at most the size, one empty list for none', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([1, 2, 3, 4], 2)).toEqual([[1, 2], [3, 4]]);
    expect(chunk([], 3)).toEqual([[]]);
  });

  it('exact copies a list, and shares one frozen list for every empty one', () => {
    const items = [1, 2];
    const copy = exact(items);
    expect(copy).toEqual([1, 2]);
    expect(copy).not.toBe(items);
    expect(exact([])).toBe(exact([]));
    expect(Object.isFrozen(exact([]))).toBe(true);
  });
});
