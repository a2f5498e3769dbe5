import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadYaml } from '../../src/source/yaml-library';
import { itemPointer, nodeAnchor } from '../../src/source/anchor';
import { blockSpan, indexBlocks, UNSURE } from '../../src/source/block-index';
import { BlockReader } from '../../src/source/block-reader';
import { Locator, PREFIXES } from '../../src/source/locate';
import type { ManifestDocument } from '../../src/source/manifest-document';
import { pointerSegment, pointerSegments } from '../../src/source/pointer';
import { SourceFile } from '../../src/source/source-file';
import { isExoticFree, markExoticFree } from '../../src/source/exotic-free';
import { analyze } from '../../src/analyze';
import { memoryHost } from '../helpers/memory-host';

async function analyzeFiles(files: Record<string, string>) {
  return { analysis: await analyze(memoryHost(files), { paths: Object.keys(files), stdinName: '<stdin>' }) };
}

// the exact parser and the placer's fallback use the yaml library, which a run loads when it needs it
beforeAll(async () => {
  await loadYaml();
});

// The block index must place every node it answers for exactly where the yaml library's syntax tree
// does (Locator.locate is the reference); what it cannot read, it declines.

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/** Every pointer of a value, and pointers just off it: a missing key, an entry past the end, `01`, into a scalar. */
function pointersOf(value: unknown, at = ''): string[] {
  const out = [at, `${at}/zz-missing`];
  if (Array.isArray(value)) {
    out.push(`${at}/${value.length}`, `${at}/01`, `${at}/x`);
    value.forEach((v, i) => out.push(...pointersOf(v, `${at}/${i}`)));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...pointersOf(v, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  } else {
    out.push(`${at}/0/deeper`);
  }
  return out;
}

interface Tally {
  answered: number;
  /** of those, with the end known too */
  ended: number;
  declined: number;
  documents: number;
  indexed: number;
  /** the first places where the index and the syntax tree part */
  differences: string[];
}

// Compared without an expect() a node: vitest's bookkeeping of an assertion cost more than the two
// placements compared (a third of this file's time); the differences are asserted empty at the end.
type Place = Partial<Record<'line' | 'column' | 'endLine' | 'endColumn', number>>;
function differ(tally: Tally, at: string, fast: Place, exact: Place): void {
  if ((Object.keys(fast) as Array<keyof Place>).every((k) => fast[k] === exact[k]) || tally.differences.length >= 20) return;
  tally.differences.push(`${at}: index ${JSON.stringify(fast)}, syntax tree ${JSON.stringify(exact)}`);
}

/** Compares the index with the locator on every pointer of every document of `text`. */
function compare(name: string, text: string, tally: Tally): void {
  const file = new SourceFile(name, text);
  // the reference: every node placed by the yaml library's syntax tree
  const locator = new Locator(PREFIXES, false);
  for (const [index, parsed] of parseAllDocuments(text, { uniqueKeys: false }).entries()) {
    if (!('range' in parsed) || parsed.errors.length > 0) continue;
    const [start, , end] = parsed.range;
    const doc: ManifestDocument = { file, index, start, end };
    tally.documents++;
    const root = indexBlocks(text, start, end, file);
    if (!root) continue;
    tally.indexed++;
    for (const pointer of pointersOf(parsed.toJS({ maxAliasCount: -1 }))) {
      for (const part of ['value', 'key'] as const) {
        const fast = blockSpan(root, pointerSegments(pointer), part);
        if (!fast) {
          tally.declined++;
          continue;
        }
        tally.answered++;
        const at = `${name}#${index} ${pointer} (${part})`;
        const exact = locator.locate(nodeAnchor(doc, pointer, part));
        const from = file.positionAt(fast.start);
        differ(tally, at, { line: from.line, column: from.column }, exact);
        if (fast.end === UNSURE) continue;
        tally.ended++;
        const to = file.positionAt(Math.max(fast.start, fast.end));
        differ(tally, at, { endLine: to.line, endColumn: to.column }, exact);
      }
    }
  }
}

// A small deterministic generator: the same documents on every run.
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const WORDS = ['a', 'name', 'spec', 'http', 'forwardTo', 'x y', 'a:b', 'a#b', 'it\'s', 'say "hi"', '-lead', 'true', '1', 'on', '', 'über', 'multi\nline', 'long '.repeat(20), ' lead', 'trail ', '#x', '- a', '[a]', '{b}', 'a: b', 'null'];

function randomValue(next: () => number, depth: number): unknown {
  const r = next();
  if (depth > 4 || r < 0.35) {
    const s = next();
    if (s < 0.6) return WORDS[Math.floor(next() * WORDS.length)];
    if (s < 0.75) return Math.floor(next() * 100);
    if (s < 0.85) return null;
    return s < 0.92;
  }
  const n = Math.floor(next() * 4);
  if (r < 0.65) return Array.from({ length: n }, () => randomValue(next, depth + 1));
  return Object.fromEntries(Array.from({ length: n }, () => [WORDS[Math.floor(next() * WORDS.length)], randomValue(next, depth + 1)]));
}

/** Comments and blank lines between lines, at random indentations. */
function sprinkle(text: string, next: () => number): string {
  return text
    .split('\n')
    .flatMap((line) => {
      const r = next();
      if (r < 0.1) return [line, ''];
      if (r < 0.2) return [line, `${' '.repeat(Math.floor(next() * 6))}# note`];
      if (r < 0.25 && line.trim() !== '' && !line.includes('#')) return [`${line} # trailing`];
      return [line];
    })
    .join('\n');
}

describe('block index', () => {
  it('places every node of the corpus where the syntax tree does, and answers for most of them', () => {
    const tally: Tally = { answered: 0, ended: 0, declined: 0, documents: 0, indexed: 0, differences: [] };
    for (const path of [...yamlFiles('fixtures'), ...yamlFiles('test/golden')]) compare(path, readFileSync(path, 'utf8'), tally);
    expect(tally.differences).toEqual([]);
    expect(tally.documents).toBeGreaterThan(300);
    // manifests are plain block YAML: the index reads nearly all of them
    expect(tally.indexed / tally.documents).toBeGreaterThan(0.9);
    expect(tally.answered / (tally.answered + tally.declined)).toBeGreaterThan(0.9);
    expect(tally.ended / tally.answered).toBeGreaterThan(0.95);
  });

  it('places every node of generated documents in every style where the syntax tree does', () => {
    const next = random(11);
    const tally: Tally = { answered: 0, ended: 0, declined: 0, documents: 0, indexed: 0, differences: [] };
    // documents in one file: each is read between its bounds, beside documents the index declines
    const stream: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const value = { apiVersion: 'v1', kind: 'X', spec: randomValue(next, 0) };
      let text = stringify(value, {
        indent: 2 + Math.floor(next() * 3),
        indentSeq: next() < 0.5,
        lineWidth: next() < 0.3 ? 20 : 80,
        minContentWidth: 0,
        defaultStringType: (['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'] as const)[Math.floor(next() * 5)]!,
        defaultKeyType: next() < 0.3 ? 'QUOTE_DOUBLE' : null,
        flowCollectionPadding: next() < 0.5,
        collectionStyle: next() < 0.25 ? 'flow' : 'any',
      });
      text = sprinkle(text, next);
      if (next() < 0.2) text = text.replace(/\n/g, '\r\n');
      if (next() < 0.2) text = `---\n${text}`;
      compare(`generated-${i}.yaml`, text, tally);
      stream.push(text.replace(/^---\r?\n/, ''));
      if (stream.length === 4) compare(`generated-${i}-stream.yaml`, stream.splice(0).join(next() < 0.5 ? '\n---\n' : '---\n'), tally);
      if (i % 3 === 0) compare(`generated-${i}-flow.yaml`, `apiVersion: v1\nkind: X\nspec:\n  a: ${stringify(value.spec, { collectionStyle: 'flow', lineWidth: 0, defaultStringType: next() < 0.5 ? 'QUOTE_SINGLE' : 'PLAIN' }).trim()}\n  b: 1\n`, tally);
    }
    expect(tally.differences).toEqual([]);
    expect(tally.indexed / tally.documents).toBeGreaterThan(0.6);
    expect(tally.answered).toBeGreaterThan(60_000);
    expect(tally.ended / tally.answered).toBeGreaterThan(0.8);
  });

  it('places the nodes of hand-written edge cases where the syntax tree does', () => {
    const tally: Tally = { answered: 0, ended: 0, declined: 0, documents: 0, indexed: 0, differences: [] };
    const cases = [
      'apiVersion: v1\nkind: X\nspec:\n  a: [a: b, c]\n  b: 1\n', // a single-pair mapping in a flow sequence
      'apiVersion: v1\nkind: X\nspec: {a, b: 1, "c":2, \'d\': [1, {e: f}], g: , h: http://x:80/p}\n',
      "apiVersion: v1\nkind: X\nspec:\n  l: [ 'x]', \"y}\" , it's , a b ,]\n  m: {}\n  n: []\n",
      'apiVersion: v1\nkind: X\nspec:\n  plain: one\n    two\n    three   # c\n  next:    value   # c\n',
      "apiVersion: v1\nkind: X\nspec:\n  'it''s': 1\n  \"q\": 2\n  list:\n  - - a\n    - b\n  - c\n  after: 3\n",
      'apiVersion: v1\nkind: X\nspec:\n  lit: |-\n    a\n\n    b\n  keep: >+\n    c\n\n  z: 1\n',
      '# lead\n---\n  apiVersion: v1\n  kind: X   # c\n  spec:\n    # inside\n    a: 1\r\n',
      'apiVersion: v1\nkind: X\nspec:\n  empty:\n  seq:\n  -\n  - x\n  deep: {a: {b: {c: [d]}}}\n',
      'apiVersion: v1\nkind: X\nspec:\n  +1: a\n  .5: b\n  -1: c\n  x: d\n', // keys the yaml library reads as numbers
      'apiVersion: v1\nkind: X\nspec:\n  a : 1\n  b  :\n    c: 2\n', // spaces before the colon
      'apiVersion: v1\nkind: X\nspec:\n  a # c: 1\n', // a comment before the colon: `spec` is the scalar `a`
      'apiVersion: v1\nkind: X\nspec:\n  a: {x: 1, x: 2}\n  b: {x:, y: 1}\n', // a flow key twice; a colon right before a comma
    ];
    for (const [i, text] of cases.entries()) compare(`case-${i}.yaml`, text, tally);
    expect(tally.differences).toEqual([]);
    expect(tally.answered).toBeGreaterThan(150);
  });

  it('reads a flow collection only when a path goes into it, and once', () => {
    const routes = Array.from({ length: 200 }, (_, i) => `    - name: r${i}\n      matchers: [{uri: {prefix: /p${i}}}, {headers: [{name: x, value: "${i}"}]}]\n`).join('');
    const text = `apiVersion: v1\nmetadata: {name: t, namespace: ns}\nspec:\n  http:\n${routes}`;
    const read = vi.spyOn(BlockReader.prototype, 'readFlow');
    try {
      const root = indexBlocks(text)!;
      // placing every route, as \`gwctl routes\` does, reads none of them
      for (let i = 0; i < 200; i++) expect(blockSpan(root, ['spec', 'http', String(i)], 'value')?.start).toBe(text.indexOf(`- name: r${i}\n`) + 2);
      expect(read).not.toHaveBeenCalled();
      // a path into one reads that one; the same path again reads nothing more
      const at = blockSpan(root, ['spec', 'http', '7', 'matchers', '1', 'headers', '0', 'value'], 'value')!;
      expect(text.slice(at.start, at.end)).toBe('"7"');
      blockSpan(root, ['spec', 'http', '7', 'matchers', '0'], 'value');
      expect(read).toHaveBeenCalledTimes(2);
      expect(new Set(read.mock.results.map((r) => r.value))).toHaveLength(1);
    } finally {
      read.mockRestore();
    }
  });

  // what it declines is placed all the same, by the yaml library: these would be right, but slower
  it('reads the shapes manifests are written in, without the yaml library', () => {
    for (const [text, path, expected] of [
      ['a: 1\r\n\r\nb:\r\n  c: 2\r\n', ['b', 'c'], '2'], // a blank line of a CRLF file
      ['a:\n- x\nb: 1\n', ['b'], '1'], // a list at its key's column, and a key after it
      ['a: {x: , y: 1}\n', ['a', 'y'], '1'], // an empty value in a flow mapping
      ['a: {x:[1], z: 1}\n', ['a', 'z'], '1'], // a flow collection right after the colon
      ["a: [it's, c]\n", ['a', '1'], 'c'], // a quote inside a plain scalar
    ] as const) {
      const root = indexBlocks(text);
      expect(root, JSON.stringify(text)).not.toBeNull();
      const at = blockSpan(root!, [...path], 'value');
      expect(at && text.slice(at.start, at.end), JSON.stringify(text)).toBe(expected);
    }
  });

  it('declines what it cannot read', () => {
    for (const text of [
      'a: &x 1\nb: *x\n', // anchors and aliases
      'a: !tag 1\n', // tags
      '? a\n: b\n', // explicit keys
      'a: "one\n  two"\n', // a quoted scalar over two lines
      'a: [1,\n  2]\n', // a flow collection over two lines
      '"a\\tb": 1\n', // an escape in a key
      '1: a\n', // a key that is not a string
      'a:\n\tb: 1\n', // a tab
      '--- {a: 1}\n', // content on the marker line
    ]) {
      expect(indexBlocks(text), JSON.stringify(text)).toBeNull();
    }
    // nesting past 256 levels: the index recurses once per level, and stops there, whatever the depth
    for (const depth of [300, 3000]) {
      const nested = Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1\n';
      expect(indexBlocks(nested), `${depth} levels`).toBeNull();
    }
  });
});

describe('files the quick loader read', () => {
  const plain = 'a: 1\nb: [x, z]\n---\nc: 2\n';
  const exotic = 'a: &x 1\nb: *x\n---\nc: 2\n';

  it('are marked by the load stage; a file with an anchor is not', async () => {
    const { analysis } = await analyzeFiles({ 'plain.yaml': plain, 'exotic.yaml': exotic });
    const byName = new Map(analysis.files.map((f) => [f.name, f]));
    expect(isExoticFree(byName.get('plain.yaml')!)).toBe(true);
    expect(isExoticFree(byName.get('exotic.yaml')!)).toBe(false);
  });

  it('are indexed as the pattern would have them: only a byte order mark stops a document', () => {
    const text = 'a: 1\n---\nb: "x\uFEFFy"\n---\nc: 3\n';
    const marked = new SourceFile('marked.yaml', text);
    markExoticFree(marked);
    const unmarked = new SourceFile('unmarked.yaml', text);
    const documents = [
      [0, text.indexOf('---')],
      [text.indexOf('b:'), text.lastIndexOf('---')],
      [text.indexOf('c:'), text.length],
    ] as const;
    const shape = (file: SourceFile) => documents.map(([start, end]) => indexBlocks(text, start, end, file) !== null);
    expect(shape(marked)).toEqual([true, false, true]);
    expect(shape(unmarked)).toEqual(shape(marked));
  });
});

describe('JSON pointer segments', () => {
  it('escape a key and read back as it was (RFC 6901)', () => {
    for (const key of ['a', 'allowedRoutes', 'a/b', 'a~b', '~1', '/~0', '~/', '']) {
      const segment = pointerSegment(key);
      expect(segment.includes('/'), key).toBe(false);
      expect(pointerSegments(`/spec/${segment}`), key).toEqual(['spec', key]);
    }
    expect(pointerSegment('a~b/c')).toBe('a~0b~1c');
  });

  it('of list items, kept by list and index, are the items\' pointers in any order of asking', () => {
    expect(itemPointer('/spec/http', 3)).toBe('/spec/http/3');
    expect(itemPointer('/spec/http', 0)).toBe('/spec/http/0');
    expect(itemPointer('/spec/aws/lambda', 3)).toBe('/spec/aws/lambda/3');
    expect(itemPointer('/spec/http', 3)).toBe('/spec/http/3');
    expect(pointerSegments(itemPointer('/spec/lambda', 12))).toEqual(['spec', 'lambda', '12']);
  });
});
