import { readdirSync, readFileSync, statSync } from 'node:fs';
import { kubernetesLineBreaks } from '../../src/text/yaml-line-breaks';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadYaml } from '../../src/source/yaml-library';
import { nodeAnchor, spanAnchor } from '../../src/source/anchor';
import { Locator, PREFIXES } from '../../src/source/locate';
import { parseDocuments } from '../../src/load/parse-documents';
import { SourceFile } from '../../src/source/source-file';
import { ROOT } from '../helpers/run-cli';

// the exact parser and the placer's fallback use the yaml library, which a run loads when it needs it
beforeAll(async () => {
  await loadYaml();
});

const text = [
  'a: 1', //                       1
  '---', //                        2
  'spec:', //                      3
  '  http:', //                    4
  '    - name: lambda', //         5
  '      matchers:', //            6
  '        - uri: {prefix: /x}', // 7
  '  empty:', //                   8
  '',
].join('\n');

describe('Locator', () => {
  const file = new SourceFile('t.yaml', text);
  const doc = parseDocuments(file).documents[1]!.doc;
  const locate = (pointer: string, part: 'key' | 'value' = 'value') => new Locator().locate(nodeAnchor(doc, pointer, part));

  it('places a scalar value and its key', () => {
    expect(locate('/spec/http/0/name')).toEqual({ line: 5, column: 13, endLine: 5, endColumn: 19 });
    expect(locate('/spec/http/0/name', 'key')).toEqual({ line: 5, column: 7, endLine: 5, endColumn: 11 });
  });

  it('places a block collection on its key, and a sequence item on its first line', () => {
    expect(locate('/spec/http')).toMatchObject({ line: 4, column: 3 });
    expect(locate('/spec/http/0')).toMatchObject({ line: 5, column: 7, endLine: 5 });
  });

  it('answers the same when it has let trees go: 600 documents placed in turns, by one locator', () => {
    const many = new SourceFile('many.yaml', Array.from({ length: 600 }, (_, i) => `kind: K\nspec:\n${'  # padding\n'.repeat(i % 7)}  http:\n    - name: r${i}\n`).join('---\n'));
    const docs = parseDocuments(many).documents.map((d) => d.doc);
    expect(docs).toHaveLength(600);
    const shared = new Locator();
    // forwards, then backwards: every tree kept at first has been let go by the second pass
    for (const order of [docs, [...docs].reverse()]) {
      for (const d of order) {
        const anchor = nodeAnchor(d, '/spec/http/0/name');
        expect(shared.locate(anchor)).toEqual(new Locator().locate(anchor));
      }
    }
  });

  it('places a value that follows comment lines as the whole document does, from a prefix cut among them', () => {
    // prefixes of 1, 3, 9, 27, 81 and 243 characters: several end among the comments, where the key has
    // no value yet (the yaml library's empty scalar after the colon); the whole document places the key
    const commented = new SourceFile('c.yaml', ['kind: A', 'spec:', '  http:', ...Array.from({ length: 40 }, (_, i) => `    # comment ${i}`), '    - name: r', ''].join('\n'));
    const d = parseDocuments(commented).documents[0]!.doc;
    const prefixes = new Locator({ from: 0, first: 1, growth: 3 });
    expect(prefixes.locate(nodeAnchor(d, '/spec/http'))).toEqual({ line: 3, column: 3, endLine: 3, endColumn: 7 });
    expect(prefixes.locate(nodeAnchor(d, '/spec/http'))).toEqual(new Locator().locate(nodeAnchor(d, '/spec/http')));
  });

  it('follows an alias into the node it names: a finding under it is placed where that node is written', () => {
    const aliased = new SourceFile('a.yaml', ['kind: A', 'spec:', '  base: &b', '    k: v', '  copy: *b', ''].join('\n'));
    const d = parseDocuments(aliased).documents[0]!.doc;
    expect(new Locator().locate(nodeAnchor(d, '/spec/copy/k'))).toEqual({ line: 4, column: 8, endLine: 4, endColumn: 9 });
    expect(new Locator().locate(nodeAnchor(d, '/spec/copy/k', 'key'))).toEqual({ line: 4, column: 5, endLine: 4, endColumn: 6 });
  });

  it('places a span of the text (a finding of the reading stages) by its offsets, first or last', () => {
    // `spec:` on line 3; its colon to the end of `http` on line 4
    const span = spanAnchor(file, text.indexOf('spec:') + 4, text.indexOf('http:') + 4);
    expect(new Locator().locate(span)).toEqual({ line: 3, column: 5, endLine: 4, endColumn: 7 });
    expect(new Locator().locateIndexed(span)).toEqual({ line: 3, column: 5, endLine: 4, endColumn: 7 });
  });

  it('ends a flow collection on the last line of a file without a final line break where it ends', () => {
    const last = new SourceFile('l.yaml', 'kind: A\nspec: [x, [1, 2]]');
    const d = parseDocuments(last).documents[0]!.doc;
    // the syntax tree's answer (the block index is off), and the index's
    for (const locator of [new Locator(PREFIXES, false), new Locator()]) expect(locator.locate(nodeAnchor(d, '/spec/1'))).toEqual({ line: 2, column: 11, endLine: 2, endColumn: 17 });
  });

  it('walks into flow collections', () => {
    expect(locate('/spec/http/0/matchers/0/uri/prefix')).toMatchObject({ line: 7, column: 25, endColumn: 27 });
  });

  it('falls back to the nearest existing parent for a path that does not exist', () => {
    expect(locate('/spec/http/0/forwardTo/destinations')).toMatchObject({ line: 5, column: 7 });
    expect(locate('/spec/empty/x')).toMatchObject({ line: 8, column: 3 });
  });

  it('counts columns after CRLF line ends like LF ones', () => {
    const crlf = new SourceFile('c.yaml', text.replace(/\n/g, '\r\n'));
    const d = parseDocuments(crlf).documents[1]!.doc;
    expect(new Locator().locate(nodeAnchor(d, '/spec/http/0/name'))).toEqual({ line: 5, column: 13, endLine: 5, endColumn: 19 });
  });
});

/**
 * Locating by prefixes (large documents) must place every node where the whole document places it. Here
 * every document of every fixture is located from prefixes as short as a line, growing threefold, for
 * every path of its data, for paths that do not exist, as key and as value.
 */
describe('Locator: prefixes of a document place nodes as the whole document does', () => {
  const tricky = [
    'kind: A',
    'spec:',
    '  plain: a multi-line',
    '    plain scalar',
    '  block: |',
    '    line one',
    '    line two',
    '  folded: >-',
    '    folded',
    '  flow: [a, b,',
    '    c, {d: e,',
    '    f: g}]',
    '  quoted: "a',
    '    b"',
    '  list:',
    '  - x',
    '  - y:',
    '      z',
    '  anchor: &a {k: v}',
    '  alias: *a',
    '  last:',
    '',
  ].join('\n');
  // each fixture's text as gwctl reads it (load/decode.ts: Kubernetes' line breaks)
  const files = [...yamlFiles(join(ROOT, 'fixtures'))].map((f) => [relative(ROOT, f), kubernetesLineBreaks(readFileSync(f, 'utf8'))] as const);
  it.each([['tricky.yaml', tricky] as const, ...files])('%s', (name, text) => {
    const file = new SourceFile(name, text);
    for (const { doc, value } of parseDocuments(file).documents) {
      const whole = new Locator();
      const prefixes = new Locator({ from: 0, first: 1, growth: 3 });
      for (const pointer of pointersOf(value, '', 0)) {
        for (const p of [pointer, `${pointer}/missing`, `${pointer}/0`]) {
          for (const part of ['key', 'value'] as const) {
            expect(prefixes.locate(nodeAnchor(doc, p, part)), `${name} ${p} ${part}`).toEqual(whole.locate(nodeAnchor(doc, p, part)));
          }
        }
      }
    }
  });
});

/**
 * The same, from a prefix cut at every character: the cut is moved to the end of its line, and a node
 * the prefix's last line could continue, or a path through a key whose value the cut leaves out, is
 * asked of the whole document.
 */
describe('Locator: a prefix cut anywhere places nodes as the whole document does', () => {
  const texts = {
    'comments first': ['# a comment', '# another', 'kind: A', 'spec:', '  x: 1', ''].join('\n'),
    'a value after comment lines': ['kind: A', 'spec:', '  http:', '    # one', '    # two', '    - name: r', '      port: 8080', '  next:', '  # c', '    k: v', ''].join('\n'),
    // a prefix cut after the comment holds the key without its value
    'an explicit key, its value after a comment': ['kind: A', 'spec:', '  ? a', '  # c', '  : {x: 1}', ''].join('\n'),
    'block scalars and continued lines': ['kind: A', 'spec:', '  a: |', '    one', '', '    two', '  b: >+', '    three', '', '  c: plain', '    continued', '  d: [x,', '    y]', '  e: z', ''].join('\n'),
  };
  it.each(Object.entries(texts))('%s', (name, text) => {
    const file = new SourceFile(`${name}.yaml`, text);
    const { doc, value } = parseDocuments(file).documents[0]!;
    // the reference: the syntax tree of the whole document (the block index off)
    const whole = new Locator(PREFIXES, false);
    for (let first = 1; first <= text.length; first++) {
      // one cut, then the whole document
      const prefixes = new Locator({ from: 0, first, growth: text.length + 1 });
      for (const pointer of pointersOf(value, '', 0)) {
        for (const p of [pointer, `${pointer}/missing`, `${pointer}/missing/deeper`]) {
          for (const part of ['key', 'value'] as const) {
            expect(prefixes.locate(nodeAnchor(doc, p, part)), `cut at ${first}: ${p} ${part}`).toEqual(whole.locate(nodeAnchor(doc, p, part)));
          }
        }
      }
    }
  });
});

function* yamlFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* yamlFiles(path);
    else if (/\.ya?ml$/.test(name) && statSync(path).size < 64 * 1024) yield path;
  }
}

function* pointersOf(value: unknown, pointer: string, depth: number): Generator<string> {
  yield pointer;
  if (depth > 12 || value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) yield* pointersOf(child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, depth + 1);
}
