import { describe, expect, it } from 'vitest';
import { memoryFlag } from '../../src/host/memory-policy';
import { compactArrays } from '../../src/data/compact-arrays';
import { flatConcat } from '../../src/text/flat-concat';
import { loadRegexEngine } from '../../src/model/regex-engine';

describe('memory policy', () => {
  it('bounds heap growth unless the user chose a heap policy', () => {
    expect(memoryFlag([], undefined)).toBe('--heap-growing-percent=50');
    expect(memoryFlag(['--max-old-space-size=4096'], undefined)).toBeUndefined();
    expect(memoryFlag([], '--heap_growing_percent=20')).toBeUndefined();
    expect(memoryFlag([], '--optimize-for-size --trace-gc')).toBeUndefined();
    expect(memoryFlag(['--trace-gc'], '--enable-source-maps')).toBe('--heap-growing-percent=50');
  });
});

describe('compactArrays', () => {
  it('keeps the data as it was, objects in place, at any depth', () => {
    const list: unknown[] = [];
    list.push({ a: [1, [2, { b: ['x'] }]] }, null, 'y');
    const record = { list, n: 1, nested: { empty: [], deep: [[[]]] }, nothing: null };
    const copy = structuredClone(record);
    const out = compactArrays(record) as typeof record;
    expect(out).toBe(record);
    expect(out).toEqual(copy);
    expect(out.list).not.toBe(list);
    expect(compactArrays([1, 2])).toEqual([1, 2]);
    expect(compactArrays('s')).toBe('s');
  });
});

it('flatConcat joins its parts', () => {
  expect(flatConcat('arn:', 'aws', ':lambda')).toBe('arn:aws:lambda');
  expect(flatConcat()).toBe('');
});

describe('the regex engine', () => {
  it('gives the same answers when more patterns are used than it keeps compiled', async () => {
    const engine = await loadRegexEngine();
    const patterns = Array.from({ length: 1500 }, (_, i) => `team-${i}-f[0-9]+`);
    const compiled = patterns.map((p) => engine.compile(p));
    for (const [i, c] of compiled.entries()) {
      if ('error' in c) throw new Error(c.error);
      expect(c.matches(`team-${i}-f12`)).toBe(true);
      expect(c.matches(`team-${i}-f12x`)).toBe(false);
      expect(c.matches(`team-${i + 1}-f1`)).toBe(false);
    }
    // the earliest were compiled again after eviction, and still answer for their own pattern
    const first = compiled[0]!;
    expect('matches' in first && first.matches('team-0-f7')).toBe(true);
    expect(engine.compile('a(')).toEqual({ error: expect.stringContaining('missing closing )') });
  });
});
