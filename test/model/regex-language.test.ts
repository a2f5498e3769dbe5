import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { FUNCTION_NAMES, ROLE_NAMES, isFunctionName, isRoleName } from '../../src/model/aws-names';
import type { NameAlphabet } from '../../src/model/name-alphabet';
import { loadRegexEngine } from '../../src/model/regex-engine';
import { programMatchesSome } from '../../src/model/regex-language';
import { seededRandom } from '../../scripts/lib/seeded-random.mjs';

const engine = await loadRegexEngine();

/** `count` patterns of 1 to `most` pieces drawn with `seed`, those RE2 compiles, each with its program. */
function drawPatterns(pieces: readonly string[], most: number, count: number, seed: number): Array<{ pattern: string; re2: RE2JS }> {
  const next = seededRandom(seed);
  const drawn: Array<{ pattern: string; re2: RE2JS }> = [];
  for (let p = 0; p < count; p++) {
    const pattern = Array.from({ length: 1 + Math.floor(next() * most) }, () => pieces[Math.floor(next() * pieces.length)]!).join('');
    try {
      drawn.push({ pattern, re2: RE2JS.compile(pattern) });
    } catch {
      // RE2 refuses it: not drawn
    }
  }
  return drawn;
}

describe('which patterns match no name', () => {
  it.each([
    // pattern, some role name, some function name, some text
    ['team-a-.*', true, true, true],
    ['${ROLE_PATTERN}', false, false, false],
    ['^team$', true, true, true],
    ['a^b', false, false, false],
    ['(?m)a$\\nb', false, false, true],
    ['(?m)^b', true, true, true],
    ['arn:aws:iam::111111111111:role/team-.*', false, false, true],
    ['\\$\\{ROLE\\}', false, false, true],
    ['team+@corp', true, false, true],
    ['(?i)TEAM', true, true, true],
    ['x{64}', true, true, true],
    ['x{65}', false, false, true],
    ['x{60}(abcde|c{5})', false, false, true],
    ['x{60}(abcde|c{3})', true, true, true],
    ['é+', false, false, true],
    ['\\pL+', true, true, true],
    ['[^\\x00-\\x{10FFFF}]', false, false, false],
    ['(a$)?b', true, true, true],
    ['${X}|ok', true, true, true],
    ['', false, false, true],
    // a word boundary is taken as met: `a\bb` matches nothing, and is not said
    ['a\\bb', true, true, true],
  ])('%s: a role name %s, a function name %s, any text %s', (pattern, role, fn, text) => {
    expect(engine.matchesSome(pattern, ROLE_NAMES)).toBe(role);
    expect(engine.matchesSome(pattern, FUNCTION_NAMES)).toBe(fn);
    expect(engine.matchesSome(pattern, undefined)).toBe(text);
  });

  it('holds the alphabets to the name checks', () => {
    for (let c = 0; c < 128; c++) {
      expect(ROLE_NAMES.chars[c] === 1).toBe(isRoleName(String.fromCharCode(c)));
      expect(FUNCTION_NAMES.chars[c] === 1).toBe(isFunctionName(String.fromCharCode(c)));
    }
    expect([isRoleName('x'.repeat(64)), isRoleName('x'.repeat(65)), ROLE_NAMES.maxLength]).toEqual([true, false, 64]);
    expect([isFunctionName('x'.repeat(64)), isFunctionName('x'.repeat(65)), FUNCTION_NAMES.maxLength]).toEqual([true, false, 64]);
  });

  it('is not answered for a pattern that does not compile, nor for a program of an unknown instruction', () => {
    expect(engine.matchesSome('(a)\\1', ROLE_NAMES)).toBeUndefined();
    const unknown = { start: 0, inst: [{ op: 99, out: 0, arg: 0, runes: new Int32Array(0), matchRune: () => false }] };
    expect(programMatchesSome(unknown, ROLE_NAMES)).toBeUndefined();
    expect(programMatchesSome({}, ROLE_NAMES)).toBeUndefined();
  });

  // Patterns drawn from pieces (anchors in and out of multi-line mode, classes, counted repetition,
  // alternation), answered by the analysis and by re2js on every name of a small alphabet: the answers
  // must agree exactly (no word boundaries among the pieces: the one condition taken as met).
  it('answers as re2js on every name of a small alphabet, for random patterns', () => {
    const ab = Uint8Array.from({ length: 128 }, (_, c) => (c === 97 || c === 98 ? 1 : 0));
    const names: NameAlphabet = { what: 'a or b, at most 3', chars: ab, first: undefined, empty: false, beyond: false, maxLength: 3 };
    const all = ['a', 'b'].flatMap((x) => [x, ...['a', 'b'].flatMap((y) => [x + y, ...['a', 'b'].map((z) => x + y + z)])]);
    // the same texts, beginning with b (a routed path's `/`), and with the empty text
    const fromB: NameAlphabet = { ...names, first: Uint8Array.from({ length: 128 }, (_, c) => (c === 98 ? 1 : 0)) };
    const orEmpty: NameAlphabet = { ...names, empty: true };
    const PIECES = ['a', 'b', 'c', ':', '.', '[ab]', '[^a]', '[b-c]', '$', '^', '(?m:$)', '(?m:^)', '\\A', '\\z', '(?i:A)', '\\n', '*', '+', '?', '{2}', '{0,1}', '{4}', '(', ')', '|'];
    const drawn = drawPatterns(PIECES, 7, 4000, 66);
    let none = 0;
    for (const { pattern, re2 } of drawn) {
      const some = all.some((name) => re2.matches(name));
      if (!some) none++;
      expect(engine.matchesSome(pattern, names), pattern).toBe(some);
      expect(engine.matchesSome(pattern, fromB), pattern).toBe(all.some((name) => name.startsWith('b') && re2.matches(name)));
      expect(engine.matchesSome(pattern, orEmpty), pattern).toBe(some || re2.matches(''));
    }
    // the empty pattern matches the empty text alone
    expect([engine.matchesSome('', names), engine.matchesSome('', fromB), engine.matchesSome('', orEmpty)]).toEqual([false, false, true]);
    // the draw holds both answers, in numbers
    expect(drawn.length).toBeGreaterThan(1500);
    expect(none).toBeGreaterThan(300);
  });

  // An alphabet that goes past ASCII (a query value): its texts here are of a, b and three characters past
  // it, `é`, the Kelvin sign and the long s, which `(?i:k)` and `(?i:s)` take. Every piece that takes
  // some character past ASCII takes one of those (`.`, `[^a]`, `\pL`, `[à-ö]` and `[cé]` take `é`), so the
  // answers must agree exactly.
  it('answers as re2js on every text of an alphabet past ASCII, for random patterns', () => {
    const ab = Uint8Array.from({ length: 128 }, (_, c) => (c === 97 || c === 98 ? 1 : 0));
    const beyond: NameAlphabet = { what: 'a, b or past ASCII, at most 3', chars: ab, first: undefined, empty: false, beyond: true, maxLength: 3 };
    const asciiOnly: NameAlphabet = { ...beyond, beyond: false };
    const letters = ['a', 'b', 'é', '\u212a', '\u017f'];
    const texts = letters.flatMap((x) => [x, ...letters.flatMap((y) => [x + y, ...letters.map((z) => x + y + z)])]);
    const ascii = (t: string) => /^[ab]*$/.test(t);
    const PIECES = ['a', 'b', 'é', 'k', '(?i:k)', '(?i:s)', '[à-ö]', '[cé]', '[^a]', '.', '[ab]', '\\pL', '$', '^', '*', '+', '?', '{2}', '(', ')', '|'];
    const drawn = drawPatterns(PIECES, 6, 4000, 68);
    let onlyBeyond = 0;
    for (const { pattern, re2 } of drawn) {
      const some = texts.some((t) => re2.matches(t));
      const someAscii = texts.some((t) => ascii(t) && re2.matches(t));
      if (some && !someAscii) onlyBeyond++;
      expect(engine.matchesSome(pattern, beyond), pattern).toBe(some);
      expect(engine.matchesSome(pattern, asciiOnly), pattern).toBe(someAscii);
    }
    // the draw holds patterns only a character past ASCII meets, in numbers
    expect(drawn.length).toBeGreaterThan(1500);
    expect(onlyBeyond).toBeGreaterThan(200);
  });
});

describe('which patterns match every value', () => {
  it.each([
    ['.*', true],
    ['(?s).*', true],
    ['^(.*)$', true],
    // RE2 compiles these to a step that takes any character
    ['[\\s\\S]*', true],
    ['(a|[^a])*', true],
    ['.*.*|x', undefined],
    ['|.+', true],
    ['(..)*|.(..)*', true],
    ['.+', false],
    ['.?', false],
    ['(..)*', false],
    ['.{0,3}', false],
    // a literal or a class: not known (a class that takes all but a line feed is `.`)
    ['x*', undefined],
    ['[^\\n]*', true],
    ['[^x]*', undefined],
    // all but what no value holds: true, and not known
    ['[^\\r\\n]*', undefined],
    ['\\b.*', undefined],
    ['(a', undefined],
  ])('%s: %s', (pattern, every) => {
    expect(engine.matchesEvery(pattern)).toBe(every);
  });

  // Patterns of `.` and structure, answered by the analysis and by re2js on the texts of every length up
  // to 40 (a text of `.` alone is judged by its length; the patterns drawn are far too short to count
  // past 40): the answers must agree exactly wherever the analysis answers, and it answers every one.
  it('answers as re2js on the texts of every length, for random patterns of `.`', () => {
    const PIECES = ['.', '(?s:.)', '.*', '*', '+', '?', '{2}', '{0,2}', '(', ')', '|', '|', '^', '$', '\\A', '\\z', '(?m:^)', '(?m:$)'];
    const texts = Array.from({ length: 41 }, (_, n) => 'v'.repeat(n));
    const drawn = drawPatterns(PIECES, 8, 5000, 67);
    let every = 0;
    for (const { pattern, re2 } of drawn) {
      const all = texts.every((t) => re2.matches(t));
      if (all) every++;
      expect(engine.matchesEvery(pattern), pattern).toBe(all);
    }
    expect(drawn.length).toBeGreaterThan(1000);
    expect(every).toBeGreaterThan(120);
  });
});
