import { beforeAll, describe, expect, it } from 'vitest';
import { loadYaml } from '../../src/source/yaml-library';
import { parseDocuments } from '../../src/load/parse-documents';
import { excessiveBlockNesting, excessiveFlowNesting } from '../../src/load/nesting-depth';
import { SourceFile } from '../../src/source/source-file';
import { previousLineStart } from '../../src/text/line-index';

// the exact parser and the placer's fallback use the yaml library, which a run loads when it needs it
beforeAll(async () => {
  await loadYaml();
});

const parse = (text: string) => parseDocuments(new SourceFile('t.yaml', text));
const codes = (text: string) => parse(text).findings.map((f) => f.code);

describe('parseDocuments', () => {
  it('splits multi-document YAML and keeps each document\'s offsets', () => {
    const text = 'kind: A\n---\nkind: B\nb: 2\n';
    const parsed = parse(text);
    expect(parsed.documents.map((d) => d.value)).toEqual([{ kind: 'A' }, { kind: 'B', b: 2 }]);
    expect(parsed.documentCount).toBe(2);
    expect(text.slice(parsed.documents[1]!.doc.start, parsed.documents[1]!.doc.end)).toContain('b: 2');
  });

  it('reads a routing tests file as the yaml library\'s YAML 1.2 core schema does (gwctl test reads it so): `<<` a key, `~` the key "", `yes` a string', async () => {
    const { parse: yaml12 } = await import('yaml');
    for (const text of [
      'defaults: &d {host: a.example.com}\ntests:\n  - <<: *d\n    request: GET /\n',
      'tests: []\n~: x\n',
      'tests: [yes, 012, 1_000, 0x10, 2001-12-14]\n',
      'tests:\n  ? without-value\n  &k 12345678: a\nagain: {*k : b}\n',
    ]) {
      expect(parse(text).documents.map((d) => d.value), text).toEqual([yaml12(text)]);
    }
  });

  it('records the Helm template a document came from', () => {
    const parsed = parse('---\n# Source: chart/templates/rt.yaml\nkind: RouteTable\n---\n# Source: chart/templates/b.yaml\n# another comment\nkind: B\n');
    expect(parsed.documents.map((d) => d.doc.helmSource)).toEqual(['chart/templates/rt.yaml', 'chart/templates/b.yaml']);
  });

  it('reports syntax errors, duplicate keys and tabs, and drops only the broken document', () => {
    expect(codes('a: [1, 2\nb: }\n')).toContain('GW1001');
    expect(codes('kind: X\na: 1\na: 2\n')).toEqual(['GW1002']);
    expect(codes('a:\n\tb: 1\n')).toEqual(['GW1003']);
    const mixed = parse('kind: X\na: 1\na: 2\n---\nkind: Z\nok: true\n');
    expect(mixed.documents.map((d) => d.value)).toEqual([{ kind: 'Z', ok: true }]);
  });

  it('reports a byte order mark before the first error of a document, and that error alone after it', () => {
    const where = (text: string) => parse(text).findings.map((f) => `${f.code} ${f.at.kind === 'span' ? f.at.start : '?'}${f.message.includes('byte order mark') ? ' bom' : ''}`);
    // alone on a line after a marker: the yaml library reports every token after it, none at the mark
    const alone = where('kind: A\n---\n\uFEFF\n# c\nkind: B\nname: m\n');
    expect(alone).toEqual(['GW1001 12 bom', 'GW1001 18']);
    expect(codes('kind: A\n---\n\n# c\nkind: B\nname: m\n')).toEqual([]);
    // where the yaml library places its first error at the mark itself
    expect(where('kind: A\n\uFEFF\nb: 1\n')).toEqual(['GW1001 8 bom', 'GW1001 8']);
    // in a quoted value the yaml library reads the mark as data: no finding
    expect(where('kind: A\nname: "x\uFEFFy"\n')).toEqual([]);
    // a mark that is data, and an error after it: the error is shown too
    expect(where('kind: A\nname: "x\uFEFFy"\nb: [\n')).toEqual(['GW1001 16 bom', 'GW1001 25']);
    // an error before any mark: the errors as the yaml library gives them
    const before = where('kind: A\na: b: c\n\uFEFF\nk: v\n');
    expect(before.length).toBeGreaterThan(1);
    expect(before.some((f) => f.endsWith('bom'))).toBe(false);
  });

  it('finds the mark before the first of any number of errors', () => {
    // 100,000 `a: |` and `-` lines after a mark: about 500,000 errors, more than one call takes as arguments
    const found = parse(`kind: A\n---\n\uFEFF\n${'a: |\n-\n'.repeat(100_000)}`).findings;
    expect(found[0]!.message).toContain('byte order mark');
    expect(found[0]!.at).toMatchObject({ kind: 'span', start: 12 });
  });

  it('names the duplicate key, quoted or not', () => {
    expect(parse('kind: X\nspec:\n  accountId: 1\n  accountId: 2\n').findings[0]!.message).toContain('`accountId`');
    expect(parse('kind: X\n"a b": 1\n"a b": 2\n').findings[0]!.message).toContain('`a b`');
  });

  it('warns on an empty file and notes empty documents', () => {
    expect(codes('')).toEqual(['GW1006']);
    expect(codes('# only a comment\n')).toEqual(['GW1006']);
    expect(codes('---\n---\n')).toEqual(['GW1006']);
    expect(codes('---\na: 1\n---\n')).toEqual(['GW1007']);
  });

  it('stops alias bombs without expanding them', () => {
    let text = 'kind: X\na: &a [x, x, x, x, x, x, x, x, x]\n';
    for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f']]) {
      text += `${name}: &${name} [${Array(9).fill('*' + prev).join(', ')}]\n`;
    }
    expect(codes(text)).toEqual(['GW1009']);
  });

  it('counts a mapping that is neither a manifest, a List nor a routing test file without reading it', () => {
    // a bomb in a document that is not a manifest costs nothing: it is never expanded
    let bomb = 'values: &a [x, x, x, x, x, x, x, x, x]\n';
    for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f']]) bomb += `${name}: &${name} [${Array(9).fill('*' + prev).join(', ')}]\n`;
    const parsed = parse(`${bomb}---\nreplicas: 1\nreplicas: 2\n`);
    expect(parsed.findings).toEqual([]);
    expect(parsed.documents.map((d) => d.value)).toEqual([{}, {}]);
  });

  it('refuses flow nesting deep enough to crash the parser, before parsing', () => {
    const text = 'a: ' + '['.repeat(10_000) + ']'.repeat(10_000);
    expect(codes(text)).toEqual(['GW1010']);
    expect(excessiveFlowNesting('a: "' + '['.repeat(1000) + '"\nb: [1]\n')).toBe(-1);
    expect(excessiveFlowNesting("a: '" + '{'.repeat(1000) + "'\n# " + '['.repeat(1000) + '\n')).toBe(-1);
  });

  it('takes a quote for the start of a quoted scalar only where a scalar can start: a quote inside a plain scalar hides no nesting', () => {
    const deep = '['.repeat(300) + ']'.repeat(300);
    // each of these quotes is a character of a plain scalar; the next quote is in a comment
    for (const plain of ['a: b"', "a: -'", 'a: x "', "a: don't", 'a:"', 'a: [x"]', "- x'"]) {
      const text = `${plain}\nb: ${deep}\n# "'\n`;
      expect(excessiveFlowNesting(text), plain).toBe(text.indexOf('[', text.indexOf('b: ')) + 256);
      expect(codes(text), plain).toContain('GW1010');
    }
    // and these open one, whose brackets are text
    const quoted = '['.repeat(300);
    for (const opening of ['a: "', "a: '", '- "', "? '", '["', "[x, '", '{"k":"', "{'k':'", '"', "a:\n  '"]) {
      const quote = opening.endsWith('"') ? '"' : "'";
      expect(excessiveFlowNesting(`${opening}${quoted}${quote}\n`), opening).toBe(-1);
    }
  });

  it('finds the flow nesting a scan of every character finds, on texts of brackets, quotes and comments', () => {
    // the scan jumps from one character that matters to the next; this oracle reads every character
    // where a node can start: first on a line, after `[`, `{`, `,`, `- `, `? `, `: ` or a quoted key's `:`,
    // past a tag and an anchor (words of their own)
    const NODE_START = /(?:^|[\n\r[{,]|(?:^|[ \t\n\r])[-?][ \t]+|:[ \t]+|["']:)[ \t]*(?:(?<=^|[ \t\r\n])[!&][^ \t\r\n]*[ \t]+){0,2}$/;
    const everyCharacter = (text: string, limit: number): number => {
      let depth = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text[i]!;
        const before = i === 0 ? '' : text[i - 1]!;
        if (c === '[' || c === '{') {
          if ((depth > 0 || NODE_START.test(text.slice(0, i))) && ++depth > limit) return i;
        } else if (c === ']' || c === '}') {
          if (depth > 0) depth--;
        } else if (c === '#' && (i === 0 || /[ \t\r\n]/.test(before))) {
          while (i < text.length && text[i] !== '\n') i++;
        } else if ((c === '"' || c === "'") && NODE_START.test(text.slice(0, i))) {
          // a quote where a scalar can start
          if (c === '"') {
            for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
          } else {
            for (i++; i < text.length; i++) if (text[i] === "'") if (text[i + 1] === "'") i++; else break;
          }
        }
      }
      return -1;
    };
    const pieces = ['[', '[', '{', ']', '}', '"', "'", '#', ' ', '\n', 'a', '\\', "''", ' #', 'x:', ': ', '- ', '? ', ',', '\t', '!t ', '&a ', '!!str ', '!'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let deep = 0;
    for (let n = 0; n < 3000; n++) {
      const text = Array.from({ length: 20 + Math.floor(random() * 400) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const limit = Math.floor(random() * 12);
      const expected = everyCharacter(text, limit);
      if (expected >= 0) deep++;
      expect(excessiveFlowNesting(text, limit), text).toBe(expected);
    }
    // both outcomes are exercised
    expect(deep).toBeGreaterThan(300);
    expect(deep).toBeLessThan(2700);
  });

  it('leaves out only the documents nested too deep: the others are read, at their own offsets, and counted', () => {
    const flow = '['.repeat(300) + ']'.repeat(300);
    const block = Array.from({ length: 300 }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' 1\n';
    const cases = [
      // first, with no marker before it; last; between two; on the marker's own line; ended by `...`
      { text: `a: ${flow}\n---\nkind: B\n`, kinds: ['B'], count: 2 },
      { text: `kind: A\n---\na: ${flow}\n`, kinds: ['A'], count: 2 },
      { text: `kind: A\n---\n${block}---\nkind: C\n`, kinds: ['A', 'C'], count: 3 },
      { text: `kind: A\n--- ${flow}\n---\nkind: C\n`, kinds: ['A', 'C'], count: 3 },
      { text: `kind: A\n---\nx: |\n  ---- text\na: ${flow}\n...\n---\nkind: C\n`, kinds: ['A', 'C'], count: 3 },
      // two of them: each reported
      { text: `a: ${flow}\n---\nkind: B\n---\n${block}`, kinds: ['B'], count: 3, deep: 2 },
    ];
    for (const { text, kinds, count, deep = 1 } of cases) {
      const parsed = parse(text);
      expect(parsed.findings.map((f) => f.code), text.slice(0, 40)).toEqual(Array(deep).fill('GW1010'));
      expect(parsed.documents.map((d) => (d.value as { kind: string }).kind)).toEqual(kinds);
      expect(parsed.documentCount).toBe(count);
      expect(parsed.brokenCount).toBe(deep);
      expect(parsed.emptyCount).toBe(0);
      for (const d of parsed.documents) expect(text.slice(d.doc.start, d.doc.end)).toContain(`kind: ${(d.value as { kind: string }).kind}`);
    }
  });

  it('walks back over lines to the start of a text that opens with a line break, and stops there', () => {
    // each walked back from its second line for ever: lastIndexOf('\n', -1) finds the break at 0
    expect(parse(`\na: ${'['.repeat(300)}`).findings.map((f) => f.code)).toEqual(['GW1010']);
    expect(codes('\n%YAML 1.1\n---\napi')).toEqual(['GW1015']);
    expect(previousLineStart('\nab\ncd', 4)).toBe(1);
    expect(previousLineStart('\nab', 1)).toBe(0);
    expect(previousLineStart('ab', 0)).toBe(-1);
  });

  it('refuses block nesting past the limit before parsing: compact sequences and indentation', () => {
    expect(codes('- '.repeat(10_000) + 'x\n')).toEqual(['GW1010']);
    const indented = Array.from({ length: 400 }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' 1\n';
    expect(codes(indented)).toEqual(['GW1010']);
  });

  it('does not count deeply indented block scalar text as nesting', () => {
    const text = 'script: |\n' + ' '.repeat(300) + 'echo deep\n' + ' '.repeat(300) + '- not a list\nnext: 1\n';
    expect(excessiveBlockNesting(text)).toBe(-1);
    expect(parse(text).documents).toHaveLength(1);
    // a block scalar in a list item ends at its key's column: what follows it there is counted
    const deep = Array.from({ length: 300 }, (_, d) => `${'  '.repeat(d + 2)}k${d}:`).join('\n');
    const after = `- key: |\n    text\n  other:\n${deep} 1\n`;
    expect(excessiveBlockNesting(after)).toBeGreaterThan(0);
    expect(codes(after)).toEqual(['GW1010']);
  });
});
