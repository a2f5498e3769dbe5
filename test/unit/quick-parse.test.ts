import { readdirSync, readFileSync, statSync } from 'node:fs';
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
    const file = new SourceFile(name, readFileSync(join(ROOT, name), 'utf8'));
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
    const CONTENT = ['kind: A', 'name: n', 'a: "#x"', 'b: |\n  ---\n  x', 'c: [1,\n  2]'];
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

  it('values as the yaml library gives them: YAML 1.2 core, no timestamps, no YAML 1.1 booleans', () => {
    const text = 'kind: A\na: 0o17\nb: 0x1F\nc: 1_000\nd: yes\ne: 2001-12-14\nf: .5\ng: 010\nh: ~\ni: .inf\nj: "\\u00e9"\nk: 12345678901234567890\n';
    const file = new SourceFile('x.yaml', text);
    expect(view(quickParse(file)!)).toEqual(view(exactParse(file)));
  });
});
