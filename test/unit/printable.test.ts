import { describe, expect, it } from 'vitest';
import { hasUnsafe, printable, printableLines } from '../../src/text/printable';
import { jsonText } from '../../src/text/json-text';

// Every character printable.ts names, one by one: a terminal or a CI log must never get one raw.
const NAMED = [
  ['DEL', 0x7f],
  ['the C1 controls', 0x80, 0x9f],
  ['soft hyphen', 0xad],
  ['Arabic letter mark', 0x61c],
  ['Mongolian vowel separator', 0x180e],
  ['zero-width space, joiners, LRM, RLM', 0x200b, 0x200f],
  ['line and paragraph separators', 0x2028, 0x2029],
  ['bidi embeddings and overrides (LRE to RLO)', 0x202a, 0x202e],
  ['word joiner and invisible operators', 0x2060, 0x2064],
  ['bidi isolates (LRI to PDI)', 0x2066, 0x2069],
  ['byte order mark', 0xfeff],
] as const;

describe('printable', () => {
  it('escapes every C0 control, and each character it names past them, as ASCII', () => {
    const codes: number[] = [];
    for (let c = 0; c < 0x20; c++) codes.push(c);
    for (const [, from, to = from] of NAMED) for (let c = from; c <= to; c++) codes.push(c);
    for (const c of codes) {
      const raw = `a${String.fromCharCode(c)}b`;
      expect(hasUnsafe(raw), c.toString(16)).toBe(true);
      expect(printable(raw), c.toString(16)).toMatch(/^a\\[^\\]+b$/);
      expect(printable(raw), c.toString(16)).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('writes the usual ones by name, a byte as \\xHH and the rest as \\uHHHH', () => {
    expect(printable('\n\r\t\u001b\u0000')).toBe('\\n\\r\\t\\x1b\\0');
    expect(printable('\u0085\u009b\u007f')).toBe('\\x85\\x9b\\x7f');
    expect(printable('/admin\u200b \u202e')).toBe('/admin\\u200b \\u202e');
  });

  it('leaves other text as it is (accents, CJK, emoji, a tab-free space), and is idempotent', () => {
    for (const text of ['café', '東京', '🚀 go', 'a b', '']) {
      expect(hasUnsafe(text)).toBe(false);
      expect(printable(text)).toBe(text);
    }
    const once = printable('x\u001b[31m\u2028y');
    expect(printable(once)).toBe(once);
  });

  it('breaks up a log command GitHub, Azure Pipelines or TeamCity acts on anywhere in a line, in any case and with characters that show as nothing inside, in text and in JSON', () => {
    const commands = ['/##vso[task.setvariable variable=X]1', 'a ##VSO[task.complete]', '#\ufe0f#vso[task.prependpath]/tmp', '###vso[x]', "x ##teamcity[setParameter name='env.X' value='1']", '/##[stop-commands]tok', 'a##\u034f[error]x'];
    const made = commands.map(printable);
    expect(made).toEqual(['/\\x23#vso[task.setvariable variable=X]1', 'a \\x23#VSO[task.complete]', '\\x23\ufe0f#vso[task.prependpath]/tmp', '#\\x23#vso[x]', "x \\x23#teamcity[setParameter name='env.X' value='1']", '/\\x23#[stop-commands]tok', 'a\\x23#\u034f[error]x']);
    for (const [i, text] of commands.entries()) {
      expect(hasUnsafe(text)).toBe(true);
      expect(printable(made[i]!)).toBe(made[i]);
      const json = jsonText({ text });
      expect(json).not.toMatch(/#\p{Default_Ignorable_Code_Point}*#\p{Default_Ignorable_Code_Point}*(vso|teamcity)?\[/iu);
      expect(JSON.parse(json)).toEqual({ text });
    }
    // a `#` elsewhere, and `vso[` without two of them, are text like any other
    for (const text of ['# comment', 'a#vso[b', '##vs[o', '## vso[', '##team city[', '#[a]#']) {
      expect(hasUnsafe(text)).toBe(false);
      expect(jsonText(text)).toBe(JSON.stringify(text));
    }
  });

  it('breaks up a GitHub command that would start its line: a leading `::`, past spaces and characters that show as nothing', () => {
    expect(['::error::x', '  ::stop-commands::t', '\ufe0f::add-mask::s', ':\u034f:x', '\u3000::x'].map(printable)).toEqual(['\\x3a:error::x', '  \\x3a:stop-commands::t', '\ufe0f\\x3a:add-mask::s', '\\x3a\u034f:x', '\u3000\\x3a:x']);
    for (const text of ['a::b', 'ns/::x', ':x:', 'arn:aws:lambda', '']) {
      expect(hasUnsafe(text)).toBe(false);
      expect(printable(text)).toBe(text);
    }
  });

  it('keeps each line one line', () => {
    expect(printableLines(['one\ntwo', 'three'])).toBe('one\\ntwo\nthree');
  });
});
