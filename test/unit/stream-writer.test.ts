import { beforeAll, describe, expect, it } from 'vitest';
import { parse, parseDocument, stringify } from 'yaml';
import { kubernetesData } from '../../src/load/kubernetes-data';
import { loadYaml } from '../../src/source/yaml-library';
import { reusable, reusablePer, textsOf } from '../../src/emit/reusable';
import { jsonChunks, plainBeyondDoubt, scalar, yamlChunks } from '../../src/emit/stream-writer';
import { Filled, marker, Template } from '../../src/emit/template';
import { jsonText } from '../../src/text/json-text';
import { seededRandom } from '../../scripts/lib/seeded-random.mjs';

const yaml = (v: unknown) => [...yamlChunks(v)].join('');

beforeAll(async () => {
  await loadYaml();
});

/** A text as Kubernetes reads it (go-yaml v2's rules, load/kubernetes-data.ts, held to kubectl itself). */
const asKubernetes = (text: string) => {
  const read = kubernetesData(parseDocument(text, { resolveKnownTags: false, logLevel: 'error' }), 100);
  return 'value' in read ? read.value : read.problem;
};
const json = (v: unknown) => [...jsonChunks(v)].join('');

const SAMPLE = {
  '@type': 'type.googleapis.com/x.v3.Config',
  name: 'a',
  empty: {},
  none: [],
  list: [1, 'two', { k: 'v', nested: { deep: [true, null] } }, [1, [2, 3]], {}],
  map: { ':method': 'POST', '*.example.com': 'x', 'a b': 'c: d', q: '[ab]' },
};

describe('the streaming writers', () => {
  it('YAML and JSON read back as the same data', () => {
    expect(parse(yaml(SAMPLE))).toEqual(SAMPLE);
    expect(JSON.parse(json(SAMPLE))).toEqual(SAMPLE);
  });

  it('write the same block style as the yaml library for ordinary data', () => {
    const data = { admin: { address: { port_value: 9901 } }, routes: [{ name: 'r', match: { prefix: '/x' }, headers: [{ name: 'h', exact: 'v' }] }] };
    expect(yaml(data)).toBe(stringify(data, { lineWidth: 0 }));
  });

  it('write each key as the yaml library does, at every depth, in every place and before every kind of value', () => {
    // the same few keys at every indentation, first and later in a map, at the top, under a key, in a
    // list; values scalar or not (no list directly in a list, and no empty collection: written otherwise)
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const KEYS = ['name', 'match', 'a', 'b', 'x y'];
    const value = (depth: number, inList: boolean): unknown => {
      const pick = depth > 4 ? 0 : next(inList ? 2 : 3);
      if (pick === 0) return next(2) ? next(100) : KEYS[next(KEYS.length)] + '-v';
      if (pick === 1) return Object.fromEntries(Array.from({ length: 1 + next(3) }, () => [KEYS[next(KEYS.length)]!, value(depth + 1, false)]));
      return Array.from({ length: 1 + next(3) }, () => value(depth + 1, true));
    };
    for (let i = 0; i < 300; i++) {
      const data = Object.fromEntries(Array.from({ length: 1 + next(3) }, () => [KEYS[next(KEYS.length)]!, value(0, false)]));
      expect(yaml(data)).toBe(stringify(data, { lineWidth: 0 }));
      expect(yaml([data])).toBe(stringify([data], { lineWidth: 0 }));
    }
  });

  it('quotes a key as it quotes a value, every time it is written, and past the keys it judges once', () => {
    const keys = ['on', 'yes', '1', 'a: b', '#x', 'plain', '/path', 'x:'];
    // more keys than are judged once (10,000), then the same keys again
    const many = Object.fromEntries(Array.from({ length: 10_050 }, (_, i) => [`k${i}`, i]));
    const data = [Object.fromEntries(keys.map((k) => [k, k])), many, Object.fromEntries(keys.map((k) => [k, 1])), { 'late: key': 1, on: { yes: 2 } }];
    const text = yaml(data);
    expect(parse(text)).toEqual(data);
    expect(text.match(/^ *- "on":|^ *"on":/gm)?.length).toBe(3);
    expect(text).toContain('- "late: key": 1\n');
  });

  it('quotes every string YAML 1.1 or 1.2 would read as something else', () => {
    for (const s of ['true', 'yes', 'No', 'on', 'OFF', 'y', '~', 'null', '1', '0777', '1e3', '0x1F', '1:20', '.inf', '-.Inf', '.NaN', '2024-01-01', '', ' x', 'x ', 'a: b', 'a #b', '#x', '-', '- x', '*.x', '&a', '!t', '%p', '@x', '`x', '|', '>', "'", '"', 'x:', 'line\nbreak', '\t', '=', '<<', 'a\ufeffb']) {
      const text = yaml({ v: s });
      expect(parse(text, { version: '1.1' }), s).toEqual({ v: s });
      expect(asKubernetes(text), s).toEqual({ v: s });
      expect(parse(text), s).toEqual({ v: s });
    }
    expect(scalar('/team-a/orders')).toBe('/team-a/orders');
    expect(scalar('arn:aws:lambda:us-west-1:111111111111:function:f:1')).toBe('arn:aws:lambda:us-west-1:111111111111:function:f:1');
    expect(scalar('5xx')).toBe('5xx');
  });

  it('take as plain beyond doubt exactly what the pattern it stands for takes', () => {
    const pattern = /^[A-Za-z_/](?:[\w./-]|:(?=[\w./-]))*$/;
    const alphabet = ['a', 'Z', '_', '/', '0', '9', '.', '-', ':', ' ', '#', '@', '\u00e9', '\n', '::', 'arn'];
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let plain = 0;
    for (let n = 0; n < 20_000; n++) {
      const s = Array.from({ length: Math.floor(random() * 9) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(plainBeyondDoubt(s), JSON.stringify(s)).toBe(pattern.test(s));
      if (pattern.test(s)) plain++;
    }
    // both answers are exercised
    expect(plain).toBeGreaterThan(1000);
    expect(plain).toBeLessThan(19_000);
    // the words YAML reads as something else stay quoted, up to the longest
    expect(['false', '-.inf', 'FALSE', 'yes'].map(scalar)).toEqual(['"false"', '"-.inf"', '"FALSE"', '"yes"']);
  });

  it('write an empty list or map at the top, and leave out a member that is undefined, before a lazy list too', () => {
    expect([yaml([]), yaml({}), json([]), json({})]).toEqual(['[]\n', '{}\n', '[]\n', '{}\n']);
    expect(yaml({ a: undefined, b: 1 })).toBe('b: 1\n');
    function* one() {
      yield 1;
    }
    expect(yaml({ a: undefined, list: one(), c: 2 })).toBe('list:\n  - 1\nc: 2\n');
    // a list in a list starts on the line below its dash
    expect(yaml({ a: [[1, 2], [3, [4]]] })).toBe('a:\n  -\n      - 1\n      - 2\n  -\n      - 3\n      -\n          - 4\n');
    expect(parse(yaml({ a: [[1, 2], [3, [4]]] }))).toEqual({ a: [[1, 2], [3, [4]]] });
  });

  it('write numbers JSON cannot hold as YAML writes them', () => {
    expect([Infinity, -Infinity, NaN].map(scalar)).toEqual(['.inf', '-.inf', '.nan']);
    expect(parse(yaml({ v: [Infinity, -Infinity] }))).toEqual({ v: [Infinity, -Infinity] });
  });

  it('consume generators lazily, one item at a time, and write empty ones as []', () => {
    let built = 0;
    function* items() {
      for (let i = 0; i < 3; i++) {
        built++;
        yield { i };
      }
    }
    const chunks = yamlChunks({ list: items(), none: (function* () {})() });
    expect(built).toBe(0);
    expect([...chunks].join('')).toBe('list:\n  - i: 0\n  - i: 1\n  - i: 2\nnone: []\n');
    expect(built).toBe(3);
  });

  it('JSON: a plain subtree written whole is the same text as walked, lazy lists, class instances and large subtrees among them', () => {
    // the writer stringifies plain subtrees of up to 4,096 nodes at once and walks the rest; an object
    // literal that is a lazy list (emit/lazy-flat-map.ts) was once written as {}
    const random = seededRandom(20261205);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    class Node {
      constructor(readonly name: string, readonly child: unknown) {}
    }
    const lazy = (items: unknown[]) => ({ [Symbol.iterator]: () => items[Symbol.iterator]() });
    const scalars = ['a', '', 'line\nbreak', 'quote " and \\', 'sep\u2028x', 'bom\ufeff', 'é', 0, -0, 1.5, -7, NaN, true, false, null, undefined];
    // the value, and what it is as plain data
    const make = (depth: number): [unknown, unknown] => {
      const kind = depth > 4 ? 'scalar' : pick(['scalar', 'array', 'object', 'lazy', 'generator', 'class', 'wide']);
      if (kind === 'scalar') {
        const v = pick(scalars);
        return [v, v];
      }
      if (kind === 'class') {
        const [v, p] = make(depth + 1);
        return [new Node('n', v), { name: 'n', ...(p === undefined ? {} : { child: p }) }];
      }
      const n = kind === 'wide' ? 2000 + Math.floor(random() * 3000) : Math.floor(random() * 4);
      const items = Array.from({ length: n }, () => (kind === 'wide' ? ((v) => [{ i: v }, v === undefined ? {} : { i: v }] as [unknown, unknown])(pick(scalars)) : make(depth + 1)));
      if (kind === 'object') {
        const v: Record<string, unknown> = {};
        const p: Record<string, unknown> = {};
        items.forEach(([x, y], i) => {
          v[`k${i}`] = x;
          if (y !== undefined) p[`k${i}`] = y;
        });
        return [v, p];
      }
      const values = items.map(([x]) => x);
      const plain = items.map(([, y]) => (y === undefined ? null : y));
      if (kind === 'lazy') return [lazy(values), plain];
      if (kind === 'generator') return [(function* () { yield* values; })(), plain];
      return [values, plain];
    };
    let whole = 0;
    for (let i = 0; i < 150; i++) {
      const [value, plain] = make(0);
      if (value === undefined) continue;
      const text = json(value);
      expect(text).toBe(jsonText(plain, 2) + '\n');
      whole += text.length;
    }
    expect(whole).toBeGreaterThan(500_000);
  });

  it('cut large output into chunks', () => {
    const big = { items: Array.from({ length: 20_000 }, (_, i) => ({ name: `item-${i}`, value: 'x'.repeat(20) })) };
    const chunks = [...yamlChunks(big)];
    expect(chunks.length).toBeGreaterThan(5);
    expect(parse(chunks.join(''))).toEqual(big);
    expect([...jsonChunks(big)].length).toBeGreaterThan(5);
  });

  it('write a reusable subtree as a fresh copy of it is written, in every place it takes', () => {
    // one subtree under keys, as list items, in lists of lists and at the top, at several indentations
    const shared = reusable({ retry_on: 'connect-failure', codes: [429, 503], back_off: { base: '0.25s' }, empty: {}, none: [] });
    const list = reusable(['GET', { nested: 'x' }]);
    const place = (s: unknown, l: unknown) => ({ top: s, items: [s, { policy: s, methods: l }, [s, l]], deep: { a: { b: s } }, lists: [l, [l]] });
    const copy = (v: unknown) => structuredClone(v);
    const expected = yaml(place(copy(shared), copy(list)));
    // twice: the first writes the text, the second reuses it
    expect(yaml(place(shared, list))).toBe(expected);
    expect(yaml(place(shared, list))).toBe(expected);
    expect(yaml(shared)).toBe(yaml(copy(shared)));
    expect(yaml([shared])).toBe(yaml([copy(shared)]));
    expect(parse(expected)).toEqual(place(shared, list));
    // one larger than a chunk, with a long list, after a reusable subtree made inside it: its text is one
    // piece, cut nowhere while it is made
    for (const length of [3_000, 200]) {
      // (a list of 3,000 names, and one short enough to be written without the lazy walk)
      const large = reusable({ tls: reusable({ sni: 'x' }), names: Array.from({ length }, (_, i) => `function-name-${i}-${'x'.repeat(400_000 / length)}`) });
      expect(yaml(place(large, list))).toBe(yaml(place(copy(large), copy(list))));
    }
  });

  it('write a reusable subtree made inside another as written whole, at a chunk boundary too', () => {
    // the inner text is made while the outer one is being made, and a list follows it: from just below
    // a chunk's size to just above, the outer text must stay one piece until it is made
    for (let pad = (1 << 16) - 400; pad <= (1 << 16) + 20; pad += 20) {
      // new ones each time: a text, once made, is reused
      const inner = reusable({ tls: { sni: 'x', names: ['a', 'b'] } });
      const outer = reusable({ socket: inner, filters: [{ name: 'f' }, { name: 'g' }], after: [1, 2] });
      const doc = { pad: 'x'.repeat(pad), items: [{ a: outer }, { b: outer }] };
      const copy = JSON.parse(JSON.stringify(doc)) as typeof doc;
      expect(yaml(doc)).toBe(stringify(copy, { lineWidth: 0 }));
    }
  });

  it('write a template as its plain subtree is written, in every place, whatever its values', () => {
    const shared = reusable({ tls: { sni: 'lambda.us-east-1.amazonaws.com', sans: [{ exact: 'x' }] } });
    const cluster = new Template((name: string, arn: string, on: boolean) => ({
      name,
      type: 'LOGICAL_DNS',
      socket: shared,
      load_assignment: { cluster_name: name, endpoints: [{ port: 443 }] },
      filters: [{ typed_config: { arn, passthrough: on } }, { name: 'codec' }],
    }));
    // values written plain, quoted, as words YAML 1.1 reads otherwise, numbers, empty; a value twice
    const values: Array<[string, string, boolean]> = [
      ['lambda_1_us-east-1_f_1', 'arn:aws:lambda:us-east-1:1:function:f:1', false],
      ['yes', '123', true],
      ['a: b', '', false],
      ['#x', 'line\nbreak', true],
    ];
    const place = (make: (v: [string, string, boolean]) => unknown) => ({
      clusters: values.map(make),
      nested: { deep: [[make(values[1]!)]] },
      one: make(values[0]!),
      // under a key at the indentation of the list items above: a place of its own
      under: { one: make(values[2]!) },
      before: Array.from({ length: 2_000 }, (_, i) => ({ name: `n-${i}`, v: 'x'.repeat(30) })),
      after: values.map(make),
    });
    const expected = yaml(place((v) => cluster.build(v)));
    expect(parse(expected)).toEqual(place((v) => cluster.build(v)));
    // twice: the first makes the pieces, the second only fills them
    expect(yaml(place((v) => cluster.fill(...v)))).toBe(expected);
    expect(yaml(place((v) => cluster.fill(...v)))).toBe(expected);
    expect(json(place((v) => cluster.fill(...v)))).toBe(json(place((v) => cluster.build(v))));
    // pieces of their own at each place it took: under a key at two indentations, list items at two
    expect(cluster.pieces.size).toBe(4);
    expect([...cluster.pieces.values()].every((p) => p !== null)).toBe(true);
  });

  it('write a template whose values are not placed whole scalars as its whole subtree each time', () => {
    // a value inside a longer string, or a marker inside a longer key: no pieces, the same text
    const inside = new Template((name: string) => ({ name: `cluster-${name}`, n: name }));
    const key = new Template((name: string) => ({ name, [`k-${marker(0)}`]: 1 }));
    for (const t of [inside, key] as Array<Template<[string]>>) {
      const doc = { items: ['a', 'yes', 'c d'].map((v) => t.fill(v)) };
      expect(yaml(doc)).toBe(yaml({ items: ['a', 'yes', 'c d'].map((v) => t.build([v])) }));
      expect([...t.pieces.values()]).toEqual([null]);
    }
    expect(new Filled(inside as Template, ['z']).value).toEqual({ name: 'cluster-z', n: 'z' });
  });

  it('freeze a reusable subtree, so that its text stays true', () => {
    const shared = reusable({ a: { b: [1] } });
    expect(() => ((shared.a as { b: unknown }).b = 2)).toThrow(TypeError);
    expect(() => (shared.a.b as number[]).push(2)).toThrow(TypeError);
  });

  it('make a reusable subtree once per key, and keep at most what it is told', () => {
    let made = 0;
    const per = reusablePer((k: string) => ({ k, n: ++made }), { keep: 2 });
    expect(per('a')).toBe(per('a'));
    per('b');
    expect(made).toBe(2);
    // past the limit, made each time, as a plain value
    expect(per('c')).not.toBe(per('c'));
    expect(per('c')).toEqual({ k: 'c', n: made });
    expect(textsOf(per('c'))).toBeUndefined();
    expect(textsOf(per('a'))).toBeDefined();
  });

  it('leave plain, without a cache, only strings both YAML versions read back as the same string', () => {
    // random strings over the characters that decide plain or quoted; each must read back as itself
    const alphabet = ['a', 'Z', 'y', 'n', 'o', 'e', 'E', '_', '/', '.', ':', '-', '+', '0', '1', ' ', '#', 'x', '\t'];
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed);
    for (let i = 0; i < 5_000; i++) {
      const s = Array.from({ length: 1 + (next() % 8) }, () => alphabet[next() % alphabet.length]).join('');
      const text = yaml({ v: s });
      expect(parse(text, { version: '1.1' }), s).toEqual({ v: s });
      expect(asKubernetes(text), s).toEqual({ v: s });
      expect(parse(text), s).toEqual({ v: s });
    }
    // go-yaml removes every underscore before it reads a number: `+_0x1` and `+_1` are 1 to Kubernetes
    for (const s of ['yes', 'No', 'null', 'on', 'y', 'true', 'a:', 'a: b', 'a:b', '.', '-.', '1._', '._5', '1_000', '012', '0o17', '+12', '08', '1e400', '+_0x1', '+_1', '-_1', '1__']) {
      expect(parse(yaml({ v: s }), { version: '1.1' })).toEqual({ v: s });
      expect(asKubernetes(yaml({ v: s })), s).toEqual({ v: s });
    }
  });

  it('write a lazy list behind a large array as the same data written whole, taking each item once', () => {
    // the value before the lazy list is written, taken back (past a chunk boundary) and written again;
    // then the same behind a long list, which the generator writes from the start
    for (const big of [
      Array.from({ length: 250 }, (_, i) => ({ name: `function-${i}`, description: 'x'.repeat(600) })),
      Array.from({ length: 5_000 }, (_, i) => ({ name: `function-${i}`, qualifier: String(i) })),
    ]) {
      writesLikeWhole(big);
    }
  });

  it('hand out the text of a long list as it is written, not once the whole list is written', () => {
    let read = 0;
    const items = Array.from({ length: 5_000 }, (_, i) => ({
      get name() {
        read++;
        return `function-${i}-${'x'.repeat(40)}`;
      },
    }));
    const chunks = yamlChunks({ kind: 'Upstream', spec: { functions: items } });
    expect(chunks.next().done).toBe(false);
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(5_000);
  });

  function writesLikeWhole(big: unknown[]): void {
    let built = 0;
    function* routes() {
      for (let i = 0; i < 3; i++) {
        built++;
        yield { route: i, match: { prefix: `/p${i}` } };
      }
    }
    const doc = { kind: 'X', spec: { functions: big, nested: [{ routes: routes() }], after: 'end' } };
    const whole = { kind: 'X', spec: { functions: big, nested: [{ routes: [...routes()] }], after: 'end' } };
    built = 0;
    const chunks = [...yamlChunks(doc)];
    expect(built).toBe(3);
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.join('')).toBe(yaml(whole));
    expect(chunks.join('')).toBe(stringify(whole, { lineWidth: 0 }));
  }
});
