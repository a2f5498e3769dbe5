import { beforeAll, describe, expect, it, vi } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeHost } from '../../src/host/node-host';
import { loadYaml } from '../../src/source/yaml-library';
import { memoryFlag } from '../../src/host/memory-policy';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { compactData } from '../../src/data/compact-data';
import { exactParse, quickParseText, type QuickParsed } from '../../src/load/parse-documents';
import { SourceFile } from '../../src/source/source-file';
import { flatConcat, flatCopy } from '../../src/text/flat-concat';
import { exact } from '../../src/data/exact-array';
import { DeclaredFunction, ResolvedLambda } from '../../src/model/function-nodes';
import { loadRegexEngine } from '../../src/model/regex-engine';
import { analyze } from '../../src/analyze';
import { decodeQuickAnswer, encodeQuickAnswer } from '../../src/load/parse-wire';
import { textDigest } from '../../src/load/reread-text';
import type { ParallelParser, ThreadAnswer } from '../../src/host/host';
import { memoryHost } from '../helpers/memory-host';
import { nodeAnchor, spanAnchor, type Anchor } from '../../src/source/anchor';
import { FlatRoute, TableRouteOrigin } from '../../src/model/route-nodes';
import { routesTable } from '../../src/inspect/routes-table';

/**
 * Bytes of heap each of 20,000 objects `make` returns holds: each measurement starts after two full
 * collections, so that memory an earlier test let go of is not freed inside it (once, with one, 56 bytes
 * were measured for objects of 184), and the least of up to five is taken (below).
 */
function heldEach(make: (i: number) => object, settledUnder = -Infinity): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const once = (): number => {
    gc();
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept = Array.from({ length: 20_000 }, (_, i) => make(i));
    gc();
    return (process.memoryUsage().heapUsed - before) / kept.length;
  };
  // the least of five: what else the worker allocates meanwhile (another file's leftovers, the test
  // runner) only adds to a measurement, and one of three in a loaded run read 106 bytes for 72. A
  // measurement under `settledUnder` ends it: the least of five would be under it too, and each
  // measurement is three full collections of the worker's heap.
  let least = Infinity;
  for (let i = 0; i < 5 && least >= settledUnder; i++) least = Math.min(least, once());
  return least;
}

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

  it('lets the heap grow less in the model and output stages and double in the report stage, still unless the user chose a policy', () => {
    expect(memoryFlag([], undefined, 'reading')).toBe('--heap-growing-percent=50');
    expect(memoryFlag([], undefined, 'model')).toBe('--heap-growing-percent=20');
    expect(memoryFlag([], undefined, 'output')).toBe('--heap-growing-percent=20');
    expect(memoryFlag([], undefined, 'report')).toBe('--heap-growing-percent=100');
    expect(memoryFlag(['--max-old-space-size=4096'], undefined, 'model')).toBeUndefined();
    expect(memoryFlag([], '--heap-growing-percent=35', 'model')).toBeUndefined();
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

  // Short values repeat across documents (regions, methods, namespaces): one copy of each is kept,
  // whichever way the file was parsed. 20,000 documents, five repeated values.
  it('keeps one copy of a short value that repeats, parsed here or on a parse thread', () => {
    // short ones too: on a thread's answer, JSON.parse is relied on to share those
    const values = ['GET', 'eu-west-1', 'a-region-name-of-some-length-1', 'a-region-name-of-some-length-2', 'a-region-name-of-some-length-3'];
    const text = Array.from({ length: 20_000 }, (_, i) => `apiVersion: v1\nkind: X\nmetadata:\n  name: n${i}\nspec:\n  v: [${values.join(', ')}]\n`).join('---\n');
    const held = (parse: () => unknown[]): number => {
      parse();
      gc();
      const before = process.memoryUsage().heapUsed;
      const kept = parse();
      gc();
      expect(kept).toHaveLength(20_000);
      return process.memoryUsage().heapUsed - before;
    };
    const here = held(() => (quickParseText(text) as QuickParsed).documents.map((d) => d.value));
    const file = new SourceFile('f.yaml', text);
    const threaded = held(() => decodeQuickAnswer(file, encodeQuickAnswer(text) as string).documents.map((d) => d.value));
    // a copy of each value per document is 100,000 strings of 20 to 56 bytes, on top of the documents
    // themselves. Measured: 5.2 and 5.0 MB; with a copy per document, 10.1 MB parsed here, and 7.8 MB
    // on a thread, where JSON.parse shares the two short values itself
    expect(here).toBeLessThan(6.5 * 1024 * 1024);
    expect(threaded).toBeLessThan(6.5 * 1024 * 1024);
  });
});

describe('files parsed on a parse thread', () => {
  // A file a thread parsed keeps a way to read its text again (SourceFile.forget), and nothing of the
  // thread's answer: the answer is the file's documents as JSON, as large as its data again.
  it('keep nothing of the answer once it is read', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const texts: Record<string, string> = {};
    for (let i = 0; i < 20; i++) texts[`t${i}.yaml`] = `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata:\n  name: t${i}\n  namespace: ns\nspec:\n  hosts: [h${i}.example.com]\n  http:\n    - name: r\n      directResponse: {status: 200}\n`;
    const host = memoryHost(texts);
    // each answer carries 1 MB that the main thread reads past: kept, it would show in the heap
    const padding = 'x'.repeat(1 << 20);
    const parser: ParallelParser = {
      threads: 1,
      pending: 0,
      answered: 0,
      forced: true,
      async load(path) {
        const text = texts[path]!;
        const encoded = encodeQuickAnswer(text) as string;
        return { bytes: text.length, documents: `${encoded.slice(0, -1)},"padding":"${padding}"}`, digest: textDigest(text) } satisfies ThreadAnswer;
      },
      close() {},
    };
    const threaded = { ...host, parser, readAgain: (path: string) => (digest: string) => (textDigest(texts[path]!) === digest ? texts[path]! : '') };
    gc();
    const before = process.memoryUsage().heapUsed;
    const analysis = await analyze(threaded, { paths: Object.keys(texts), stdinName: '<stdin>' });
    gc();
    gc();
    const kept = process.memoryUsage().heapUsed - before;
    expect(analysis.resources).toHaveLength(20);
    // the text comes back when asked for
    expect(analysis.files[3]!.text).toBe(texts['t3.yaml']);
    // 20 answers of 1 MB: 20 MB if they were kept
    expect(kept).toBeLessThan(5 * 1024 * 1024);
  });
});

describe('files read on the main thread', () => {
  // On a large input their texts go too (analyze.ts): only a regular file can be read again, and a text
  // that changed on disk since is not taken for the one parsed (its digest)
  it('can be read again when they are regular files, checked by digest; a FIFO cannot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-read-again-'));
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'a: 1\n');
    const host = nodeHost();
    await host.readFile(file);
    const again = host.readAgain!(file);
    expect(again?.(textDigest('a: 1\n'))).toBe('a: 1\n');
    expect(host.readAgain!(join(dir, 'never-read.yaml'))).toBeUndefined();
    if (process.platform !== 'win32') {
      const fifo = join(dir, 'fifo.yaml');
      execFileSync('mkfifo', [fifo]);
      const writer = spawn('sh', ['-c', 'printf "b: 2\\n" > "$0"', fifo]);
      const written = new Promise((r) => writer.on('close', r));
      expect((await host.readFile(fifo)).toString()).toBe('b: 2\n');
      await written;
      expect(host.readAgain!(fifo)).toBeUndefined();
    }
    rmSync(dir, { recursive: true, force: true });
  });
});

it('an anchor in a document holds its document and pointer, and shares its kind and part', () => {
  const doc = { file: new SourceFile('f.yaml', 'a: 1\n'), index: 0, start: 0, end: 5 };
  const value = nodeAnchor(doc, '/a');
  const key = nodeAnchor(doc, '/a', 'key');
  // the most numerous objects of a large model: two fields each, the rest on the prototype
  expect(Object.keys(value)).toEqual(['doc', 'pointer']);
  expect(Object.keys(key)).toEqual(['doc', 'pointer']);
  expect([value.kind, value.kind === 'node' && value.part, key.kind === 'node' && key.part]).toEqual(['node', 'value', 'key']);
  expect(value.kind === 'node' && value.pointer).toBe(key.kind === 'node' && key.pointer);
});

it('flatConcat joins its parts', () => {
  expect(flatConcat('arn:', 'aws', ':lambda')).toBe('arn:aws:lambda');
  expect(flatConcat()).toBe('');
});

it('flatCopy keeps the characters and none of the pieces they were built from', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  // built as paths and pointers are, piece by piece: each a tree of 60 concatenations (about 2 KB)
  const built = (i: number) => {
    let s = `/root-${i}`;
    for (let j = 0; j < 60; j++) s += `/${j}`;
    return s;
  };
  const heldBy = (copy: (s: string) => string): number => {
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept = Array.from({ length: 5000 }, (_, i) => copy(built(i)));
    gc();
    const held = process.memoryUsage().heapUsed - before;
    expect(kept[7]).toBe(built(7));
    return held;
  };
  expect(flatCopy('')).toBe('');
  expect(flatCopy('a')).toBe('a');
  expect(flatCopy('a😀b')).toBe('a😀b');
  // 5,000 strings of about 190 characters: 1 MB flat, 10 MB as trees
  expect(heldBy(flatCopy)).toBeLessThan(3 * 1024 * 1024);
});

it('exact keeps a list of one item without the spare slots flatMap gave it', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  // as the model's lists are made: a flatMap that keeps one item of three
  const built = (i: number) => [0, 1, 2].flatMap((j) => (j === 1 ? [i] : []));
  const heldBy = (keep: (items: number[]) => readonly number[]): number => {
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept = Array.from({ length: 20_000 }, (_, i) => keep(built(i)));
    gc();
    const held = process.memoryUsage().heapUsed - before;
    expect(kept[7]).toEqual([7]);
    return held / kept.length;
  };
  expect(exact([])).toEqual([]);
  // every empty list is one frozen array, so that nothing can add to another's
  expect(exact([])).toBe(exact([]));
  expect(Object.isFrozen(exact([]))).toBe(true);
  expect(exact([1, 2, 3])).toEqual([1, 2, 3]);
  // per list: 16 + 8 + 24 bytes exact (the array, its slot in `kept`, a store of one); the flatMap's
  // store has 17 slots (152 bytes). Measured: 65 and 192.
  expect(heldBy(exact)).toBeLessThan(100);
  expect(heldBy((items) => items)).toBeGreaterThan(150);
});

describe('function nodes and Lambda destinations', () => {
  const ref = { kind: 'CloudResources', namespace: 'team', name: 'fns' };
  const at = spanAnchor(new SourceFile('f.yaml', 'x'), 0);
  const declared = (i: number, qualifier = '7', region = 'us-east-1') => new DeclaredFunction(`fn-${i}:${qualifier}`, `fn-${i}`, qualifier, region, '111111111111', ref, at, true);

  it('spell the ARN Lambda takes, and give it in their JSON form, in its place', () => {
    expect(declared(1).arn).toBe('arn:aws:lambda:us-east-1:111111111111:function:fn-1:7');
    expect(declared(1, '$LATEST').arn).toBe('arn:aws:lambda:us-east-1:111111111111:function:fn-1');
    expect(declared(1, 'live', 'cn-north-1').arn).toBe('arn:aws-cn:lambda:cn-north-1:111111111111:function:fn-1:live');
    expect(Object.keys(JSON.parse(JSON.stringify(declared(1))))).toEqual(['logicalName', 'functionName', 'qualifier', 'arn', 'region', 'accountId', 'declaredBy', 'source', 'qualifierWritten']);
    const options = { invocation: 'sync', request: 'raw', response: 'raw' } as const;
    const d = new ResolvedLambda(ref, 'fn-1', '$LATEST', 'fn-1', '111111111111', 'us-gov-west-1', 'aws-us-gov', undefined, options, at);
    expect(d.arn).toBe('arn:aws-us-gov:lambda:us-gov-west-1:111111111111:function:fn-1');
    d.weight = 40;
    expect(JSON.parse(JSON.stringify(d))).toMatchObject({ kind: 'lambda', arn: d.arn, weight: 40, partition: 'aws-us-gov' });
    expect(Object.keys(JSON.parse(JSON.stringify(d)))).toEqual(['kind', 'provider', 'functionName', 'qualifier', 'logicalName', 'arn', 'accountId', 'region', 'partition', 'options', 'weight', 'source']);
  });

  // validate of a large input reads no ARN: 369,000 of them were 29 MB of corpus L's heap
  it('keep no ARN string', () => {
    const names = Array.from({ length: 20_000 }, (_, i) => [`fn-${i}`, `fn-${i}:7`]);
    const node = (i: number) => new DeclaredFunction(names[i]![1]!, names[i]![0]!, '7', 'us-east-1', '111111111111', ref, at, true);
    // per node: the object and its slot in the list; an ARN kept is about 80 bytes more. Measured: 96
    // and 183
    expect(heldEach(node, 135)).toBeLessThan(135);
    expect(heldEach((i) => ({ ...node(i).toJSON() }))).toBeGreaterThan(150);
  });

  it('give back the anchor they were made with', () => {
    const doc = { file: new SourceFile('f.yaml', 'a: 1\n'), index: 0, start: 0, end: 5 };
    const value = nodeAnchor(doc, '/spec/aws/lambda/3');
    const key = nodeAnchor(doc, '/spec/aws/lambda/3', 'key');
    const made = (source: Anchor) => new DeclaredFunction('fn', 'fn', '$LATEST', 'us-east-1', '111111111111', ref, source, false);
    // a value anchor is made again from its document and pointer: equal, not the same object
    expect(made(value).source).toEqual(value);
    expect(made(value).source).not.toBe(value);
    const again = made(value).source;
    expect(again.kind === 'node' && [again.doc, again.pointer, again.part]).toEqual([doc, '/spec/aws/lambda/3', 'value']);
    // any other anchor is kept as it is
    expect(made(key).source).toBe(key);
    expect(made(at).source).toBe(at);
    const options = { invocation: 'sync', request: 'raw', response: 'raw' } as const;
    expect(new ResolvedLambda(ref, 'fn', '$LATEST', 'fn', '111111111111', 'us-east-1', 'aws', undefined, options, value).source).toEqual(value);
    expect(JSON.parse(JSON.stringify(made(value))).source).toEqual(JSON.parse(JSON.stringify(value)));
  });

  // one anchor each, 40 bytes: corpus L has 369,000 functions and 246,000 destinations
  it('keep no anchor object', () => {
    const doc = { file: new SourceFile('f.yaml', 'a: 1\n'), index: 0, start: 0, end: 5 };
    nodeAnchor(doc, '/spec/aws/lambda/0');
    const node = () => new DeclaredFunction('fn-1:7', 'fn-1', '7', 'us-east-1', '111111111111', ref, nodeAnchor(doc, '/spec/aws/lambda/0'), true);
    // per node: the object (9 fields) and its slot in the list. Measured: 105; with an anchor kept, 184
    expect(heldEach(node, 125)).toBeLessThan(125);
    expect(heldEach(() => Object.assign(node(), { kept: nodeAnchor(doc, '/spec/aws/lambda/0') }))).toBeGreaterThan(140);
  });
});

describe('flattened routes and route origins', () => {
  const doc = { file: new SourceFile('f.yaml', 'a: 1\n'), index: 0, start: 0, end: 5 };
  const parent = new TableRouteOrigin({ kind: 'RouteTable', namespace: 'gw', name: 'root' }, 'team-a', nodeAnchor(doc, '/spec/http/0'), {});
  const own = new TableRouteOrigin({ kind: 'RouteTable', namespace: 'team-a', name: 'orders' }, '#2', nodeAnchor(doc, '/spec/http/2'), {});
  const action = { kind: 'direct', status: 200 } as const;

  it('are named by their chain, and placed at their own route', () => {
    const route = new FlatRoute([], action, [parent, own], { tier: 'gold' });
    expect(route.name).toBe('team-a/#2');
    expect(route.numbered(3).name).toBe('team-a/#2~3');
    expect(route.numbered(3).chain).toBe(route.chain);
    expect(route.source).toEqual(nodeAnchor(doc, '/spec/http/2'));
    expect(new FlatRoute([], action, [own], {}).name).toBe('#2');
    expect(Object.keys(JSON.parse(JSON.stringify(route)))).toEqual(['name', 'matchers', 'action', 'chain', 'labels', 'source']);
    expect(JSON.parse(JSON.stringify(route)).chain[1]).toEqual({ table: own.table, route: '#2', source: JSON.parse(JSON.stringify(nodeAnchor(doc, '/spec/http/2'))) });
  });

  // corpus L: 254,000 flattened routes, each with a name of about 30 characters (56 bytes)
  it('keep no name string', () => {
    const chain = [parent, own];
    const [matchers, labels] = [[], {}];
    const route = () => new FlatRoute(matchers, action, chain, labels);
    // per route: the object (5 fields) and its slot. Measured: 72; with a name kept, 145
    expect(heldEach(route, 100)).toBeLessThan(100);
    expect(heldEach(() => Object.assign(route(), { kept: route().name + '/x' }))).toBeGreaterThan(110);
  });
});

describe('the routes table', () => {
  // Corpus L: 250,000 rows of nine cells, 60 MB at the peak of the run if the table were made before it
  // is written. Counted, not weighed: a row's SOURCE cell is the last made, when the row is written.
  it('makes each row when it is written, not all of them before the first chunk', async () => {
    const tables = Array.from({ length: 1_000 }, (_, t) => {
      const routes = Array.from({ length: 10 }, (_, r) => `    - name: route-${r}\n      matchers: [{uri: {prefix: /t${t}/r${r}}}]\n      directResponse: {status: 200}\n`).join('');
      return `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata:\n  name: table-${t}\n  namespace: ns\nspec:\n  hosts: [h${t}.example.com]\n  http:\n${routes}`;
    });
    const { model } = await analyze(memoryHost({ 'rt.yaml': tables.join('---\n') }), { paths: ['rt.yaml'], stdinName: '<stdin>' });
    const placed = vi.spyOn(FlatRoute.prototype, 'source', 'get');
    try {
      const chunks = routesTable(model)[Symbol.iterator]();
      const first = chunks.next().value as string;
      const lines = first.split('\n').length - 1;
      expect(first).toMatch(/^LISTENER +HOST +ROUTE +MATCH +DESTINATION/);
      // the rows of the first chunk (64 KB, about 600 of 10,000) and none after them; the code before: 10,000
      expect(placed.mock.calls.length).toBe(lines - 1);
      let total = lines;
      for (let next = chunks.next(); !next.done; next = chunks.next()) total += (next.value as string).split('\n').length - 1;
      expect(total).toBe(10_001);
      expect(placed.mock.calls.length).toBe(10_000);
    } finally {
      placed.mockRestore();
    }
  });
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
