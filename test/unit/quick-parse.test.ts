import { readdirSync, readFileSync, statSync } from 'node:fs';
import { kubernetesLineBreaks } from '../../src/text/yaml-line-breaks';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadYaml } from '../../src/source/yaml-library';
import { parse } from 'yaml';
import { exactParse } from '../../src/load/parse-documents';
import { quickParse } from '../helpers/quick-parse';
import { SourceFile } from '../../src/source/source-file';
import { ROOT } from '../helpers/run-cli';

// the exact parser and the placer's fallback use the yaml library, which a run loads when it needs it
beforeAll(async () => {
  await loadYaml();
});

function* yamlFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* yamlFiles(path);
    else if (/\.ya?ml$/.test(name)) yield path;
  }
}

const view = (parsed: ReturnType<typeof exactParse>) => ({
  count: parsed.documentCount,
  // the text each document is placed by: the yaml library must read the same data from it
  documents: parsed.documents.map((d) => ({ index: d.doc.index, helmSource: d.doc.helmSource, value: d.value, text: parse(d.doc.file.text.slice(d.doc.start, d.doc.end), { uniqueKeys: false }) })),
});

/**
 * The quick path (js-yaml for data) must give what the exact path (the yaml library) gives, for every file
 * it takes: the same documents, data, Helm sources and counts, and document texts that parse alike; a
 * file it cannot vouch for it leaves to the exact path.
 */
describe('reading YAML: the quick path agrees with the exact path', () => {
  const files = [...yamlFiles(join(ROOT, 'fixtures'))];
  const taken: string[] = [];

  it.each(files.map((f) => relative(ROOT, f)))('%s', (name) => {
    // the text as gwctl reads it (load/decode.ts: Kubernetes' line breaks)
    const file = new SourceFile(name, kubernetesLineBreaks(readFileSync(join(ROOT, name), 'utf8')));
    const quick = quickParse(file);
    if (!quick) return;
    taken.push(name);
    const exact = exactParse(file);
    expect(exact.findings).toEqual([]);
    expect(view(quick)).toEqual(view(exact));
  });

  it('takes most of the corpus', () => {
    expect(taken.length).toBeGreaterThan(files.length / 2);
  });

  it.each([
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a tab', 'a:\t1\n'],
    ['an empty document', 'a: 1\n---\n---\nb: 2\n'],
    ['a document that is a list', '- a\n- b\n'],
    ['a duplicate key', 'kind: A\nkind: B\n'],
    ['a YAML error', 'kind: [a\n'],
    ['a Helm template', 'kind: {{ .Values.kind }}\n'],
    ['content on the marker line', '--- {kind: A}\n'],
    ['a document end marker', 'kind: A\n...\n'],
    ['a key that is a list (js-yaml would write it as text; Kubernetes refuses it)', 'kind: A\n[x]: y\n'],
    ['an explicit key', 'kind: A\n? [x]\n: y\n'],
    ['a key that is a mapping, in a flow mapping', 'kind: A\nm: {{a: 1}: 2}\n'],
    ['a byte order mark after the start, alone on a line after a marker (an error to the yaml library)', '---\n\uFEFF\n#\nkind: A\n'],
    ['a byte order mark after the start, before a document', 'kind: A\n---\n\uFEFFkind: B\n'],
  ])('leaves %s to the exact path', (_, text) => {
    expect(quickParse(new SourceFile('x.yaml', text))).toBeUndefined();
  });

  it('agrees with the exact path on random texts of markers, comments, blank lines and content', () => {
    // documents between markers (and what is almost one), each of blank lines of every white space,
    // comments at any indentation and content, or of nothing but those
    const MARKERS = ['---', '---', '--- # c', '---  ', '---\r', '----', '---x', '--- {kind: B}'];
    const FILL = ['', '  ', '\r', ' \u2028 ', '\ufeff', '# c', '   # c', '#', '#---'];
    const CONTENT = ['kind: A', 'name: x', 'a: "#x"', 'b: |\n  ---\n  x', 'c: [1,\n  2]'];
    let seed = 11;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const lines = (from: readonly string[], most: number) => Array.from({ length: next(most + 1) }, () => from[next(from.length)]!);
    // one to three content lines, no key twice
    const content = () => {
      const picked = CONTENT.filter(() => next(2) === 0).slice(0, 3);
      return picked.length ? picked : [CONTENT[next(CONTENT.length)]!];
    };
    let taken = 0;
    let withMarkers = 0;
    for (let i = 0; i < 3000; i++) {
      const documents = Array.from({ length: 1 + next(4) }, () => [...lines(FILL, 2), ...content(), ...lines(FILL, 1)].join('\n'));
      let text = next(3) ? '' : `${MARKERS[next(MARKERS.length)]}\n`;
      documents.forEach((d, i) => (text += (i > 0 ? `\n${MARKERS[next(MARKERS.length)]}\n` : '') + d));
      if (next(2)) text += '\n';
      const file = new SourceFile('x.yaml', text);
      const quick = quickParse(file);
      if (!quick) continue;
      taken++;
      if (/^---/m.test(text)) withMarkers++;
      const exact = exactParse(file);
      expect(exact.findings, JSON.stringify(text)).toEqual([]);
      expect(view(quick), JSON.stringify(text)).toEqual(view(exact));
    }
    // and it takes as many as it did when it read line by line (2,446 texts, 786 of them with a marker
    // line): a quick path that declines more agrees with the exact path on fewer files, and is slower for
    // nothing
    expect([taken, withMarkers]).toEqual([2446, 786]);
  });

  it('on random plain scalars as keys and values: what it takes, it reads as Kubernetes does, with nothing to warn of', () => {
    // scalars every reader takes alike, and scalars where YAML 1.1 (Kubernetes) and 1.2 part or JSON keys differ
    const SCALARS = ['a', 'name', 'n1', 'no-such', 'true', 'False', 'TRUE', 'yes', 'Yes', 'y', 'N', 'on', 'OFF', 'o', '~', 'null', 'Null', '0', '-0', '7', '-12', '+12', '012', '08',
      '0x1F', '0o17', '0b11', '1_000', '1.5', '.5', '+.5', '1e3', '1.', '.inf', '-.inf', '.nan', '2001-12-14', '10.0.0.1', '1.2.3', '1:30', '<<', '-', 'x-y', '12345678901234567890'];
    let seed = 5;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    let taken = 0;
    let declined = 0;
    for (let i = 0; i < 3000; i++) {
      const lines = ['kind: A'];
      const keys = new Set<string>(['kind']);
      for (let j = 1 + next(4); j > 0; j--) {
        const key = SCALARS[next(SCALARS.length)]!;
        if (keys.has(key) || key === '-' || key === '<<') continue;
        keys.add(key);
        lines.push(next(3) === 0 ? `${key}: [${SCALARS[next(SCALARS.length)]}, b]` : `${key}: ${SCALARS[next(SCALARS.length)] === '<<' ? 'c' : SCALARS[next(SCALARS.length)]}`);
      }
      const text = `${lines.join('\n')}\n`;
      const file = new SourceFile('x.yaml', text);
      const quick = quickParse(file);
      if (!quick) {
        declined++;
        continue;
      }
      taken++;
      const exact = exactParse(file);
      expect(exact.findings, text).toEqual([]);
      expect(quick.documents.map((d) => d.value), text).toEqual(exact.documents.map((d) => d.value));
    }
    // both outcomes are exercised
    expect(taken).toBeGreaterThan(300);
    expect(declined).toBeGreaterThan(300);
  });

  it('a line of spaces before content takes linear work (with a backtracking check, this test never ends)', () => {
    // 60 spaces then a character: a regular expression of optional repeated parts needs 2^60 steps here
    const text = `${' '.repeat(60)}x\n---\nkind: A\n`;
    expect(quickParse(new SourceFile('x.yaml', text))).toBeUndefined();
    expect(quickParse(new SourceFile('x.yaml', `# header\n${' '.repeat(60)}\n---\nkind: A\n`))?.documents).toHaveLength(1);
  });

  it('takes globs such as `team-*` and `shared-*`, which are plain scalars, and data agrees', () => {
    const text = 'kind: A\nspec:\n  importFrom:\n    - workspaces:\n        - name: team-*\n        - {name: shared-*}\n  list: [a-*, b-*b]\n';
    const file = new SourceFile('x.yaml', text);
    const quick = quickParse(file);
    expect(quick).toBeDefined();
    expect(view(quick!)).toEqual(view(exactParse(file)));
    for (const alias of ['kind: A\nb: [*a]\n', 'kind: A\nb: {"c":*a}\n', 'kind: A\nb:\n- *a\n']) expect(quickParse(new SourceFile('x.yaml', alias)), alias).toBeUndefined();
    const fixture = 'fixtures/model/semantics/workspace-import-glob.yaml';
    expect(quickParse(new SourceFile(fixture, readFileSync(join(ROOT, fixture), 'utf8')))).toBeDefined();
  });

  it('a `__proto__` key is data, as on the exact path, and pollutes nothing', () => {
    const file = new SourceFile('x.yaml', 'kind: A\n__proto__:\n  polluted: true\nmetadata:\n  __proto__: {polluted: true}\n');
    const quick = quickParse(file)!;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(quick.documents[0]!.value as object)).toContain('__proto__');
    expect(view(quick)).toEqual(view(exactParse(file)));
  });

  it('leaves to the exact path every value a YAML 1.1 reader (Kubernetes) and a 1.2 reader take otherwise, and takes the rest', () => {
    for (const value of ['yes', 'No', 'on', 'OFF', 'y', 'N', '010', '1_000', '+.5', '0b11', '.5', '1e3', '~', 'null', '.inf', '12345678901234567890.5']) {
      expect(quickParse(new SourceFile('x.yaml', `kind: A\na: ${value}\n`)), value).toBeUndefined();
      expect(quickParse(new SourceFile('x.yaml', `kind: A\n${value}: a\n`)), `${value} as a key`).toBeUndefined();
    }
    expect(quickParse(new SourceFile('x.yaml', 'kind: A\n<<: {b: 1}\n'))).toBeUndefined();
    // a merge key can make a manifest of a mapping without apiVersion and kind: left to the exact path too
    expect(quickParse(new SourceFile('x.yaml', 'x: 1\n<<: {kind: A}\n'))).toBeUndefined();
    // a document that is not a manifest is counted, not read, however its scalars read (a CI file's `on:`)
    const ci = new SourceFile('x.yaml', 'name: ci\non: push\nenabled: yes\n---\nkind: A\nb: 1\n');
    expect(quickParse(ci)).toBeDefined();
    expect(view(quickParse(ci)!)).toEqual(view(exactParse(ci)));
    expect(exactParse(ci).findings).toEqual([]);
    // numbers other than decimal integers are left to it too (0x1F, 0o17), where every reader agrees
    for (const value of ['0x1F', '0o17']) expect(quickParse(new SourceFile('x.yaml', `kind: A\na: ${value}\n`)), value).toBeUndefined();
    // decimal integers, true and false, dates, versions, addresses, quoted text: every reader agrees
    const text = 'kind: A\nc: 1000\nd: true\ne: 2001-12-14\nf: 1.2.3\ng: 10.0.0.1\nh: -7\ni: "yes"\nj: "\\u00e9"\nk: 12345678901234567890\nl: False\nm: yesterday\np: "n"\n';
    const file = new SourceFile('x.yaml', text);
    expect(view(quickParse(file)!)).toEqual(view(exactParse(file)));
    expect(exactParse(file).findings).toEqual([]);
  });
});
