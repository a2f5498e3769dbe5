import { beforeAll, describe, expect, it } from 'vitest';
import { loadYaml } from '../../src/source/yaml-library';
import { memoryFlag } from '../../src/host/memory-policy';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { compactData } from '../../src/data/compact-data';
import { exactParse, quickParseText, type QuickParsed } from '../../src/load/parse-documents';
import { SourceFile } from '../../src/source/source-file';
import { flatConcat } from '../../src/text/flat-concat';
import { loadRegexEngine } from '../../src/model/regex-engine';

// the exact parser and the placer's fallback use the yaml library, which a run loads when it needs it
beforeAll(async () => {
  await loadYaml();
});

describe('memory policy', () => {
  it('bounds heap growth unless the user chose a heap policy', () => {
    expect(memoryFlag([], undefined)).toBe('--heap-growing-percent=50');
    expect(memoryFlag(['--max-old-space-size=4096'], undefined)).toBeUndefined();
    expect(memoryFlag([], '--heap_growing_percent=20')).toBeUndefined();
    expect(memoryFlag([], '--optimize-for-size --trace-gc')).toBeUndefined();
    expect(memoryFlag(['--trace-gc'], '--enable-source-maps')).toBe('--heap-growing-percent=50');
  });
});

describe('compactData', () => {
  it('keeps the data as it was, objects in place, at any depth', () => {
    const list: unknown[] = [];
    list.push({ a: [1, [2, { b: ['x'] }]] }, null, 'y');
    const record = { list, n: 1, nested: { empty: [], deep: [[[]]] }, nothing: null };
    const copy = structuredClone(record);
    const out = compactData(record) as typeof record;
    expect(out).toBe(record);
    expect(out).toEqual(copy);
    expect(out.list).not.toBe(list);
    expect(compactData([1, 2])).toEqual([1, 2]);
    expect(compactData('s')).toBe('s');
    expect(compactData('a string of some length')).toBe('a string of some length');
  });

  // V8 keeps a substring as a view into its parent: one name kept from each document would keep every
  // document's text. Measured on the heap: what 10 names kept from 10 documents of 300 KB hold on to.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const retained = (parse: (text: string) => unknown[]): number => {
    const text = (i: number) => {
      const filler = Array.from({ length: 3_000 }, (_, j) => `    k${j}: value-${i}-${j}-${'padded-to-be-long-'.repeat(4)}`).join('\n');
      return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-name-long-enough-to-be-a-view-${i}\ndata:\n  x:\n${filler}\n`;
    };
    // a first parse, not measured: the parser's compiled code and caches are the same whatever it keeps
    parse(text(-1));
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept: unknown[] = [];
    for (let i = 0; i < 10; i++) kept.push(...parse(text(i)));
    gc();
    gc();
    expect(kept).toHaveLength(10);
    return process.memoryUsage().heapUsed - before;
  };
  const name = (value: unknown) => ((value as { metadata: { name: string } }).metadata.name);
  it('keeps no document text alive through the strings of its data (both parsers)', () => {
    const quick = retained((text) => (quickParseText(text) as QuickParsed).documents.map((d) => name(d.value)));
    const exact = retained((text) => exactParse(new SourceFile('f.yaml', text)).documents.map((d) => name(d.value)));
    // the texts are 10 x 300 KB: views keep about 3 MB (3.2 and 3.0 MB measured with strings that are
    // views); strings of their own, under 0.4 MB once a first parse has warmed the parser up
    expect(quick).toBeLessThan(1.5 * 1024 * 1024);
    expect(exact).toBeLessThan(1.5 * 1024 * 1024);
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
