import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { simplePattern } from '../../src/model/simple-pattern';
import { loadRegexEngine } from '../../src/model/regex-engine';

// A small deterministic generator: the same patterns and inputs on every run.
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const pick = <T>(next: () => number, from: readonly T[]): T => from[Math.floor(next() * from.length)]!;

// pieces of patterns: the simple subset, and what it must decline
const PIECES = ['a', 'b', '-', 'x', '.', '\\.', '\\-', '\\d', '[a-c]', '[0-9]', '[a-]', '[-b]', '[^a]', '[b-a]', '[]', '[_-a]', '[\\d]', '[a-c-e]', '*', '+', '?', '*?', '{2}', '(', ')', '|', '^', '$', 'é', ' ', '\\'];
// characters of inputs: ASCII, a line feed and a carriage return, a character outside the BMP, lone surrogates
const CHARS = ['a', 'b', 'c', 'x', '-', '.', '0', '5', '\n', '\r', '😀', 'é', '\ud800', '\udc00'];

function reference(pattern: string): RE2JS | undefined {
  try {
    return RE2JS.compile(pattern);
  } catch {
    return undefined;
  }
}

describe('simple patterns', () => {
  it('answer as re2js does, on every pattern they take', () => {
    const next = random(7);
    let taken = 0;
    for (let p = 0; p < 5000; p++) {
      const pattern = Array.from({ length: 1 + Math.floor(next() * 6) }, () => pick(next, PIECES)).join('');
      const fast = simplePattern(pattern);
      const re2 = reference(pattern);
      if (!fast) continue;
      // a pattern RE2 rejects is never taken
      expect(re2, pattern).toBeDefined();
      taken++;
      for (let k = 0; k < 40; k++) {
        const input = Array.from({ length: Math.floor(next() * 6) }, () => pick(next, CHARS)).join('');
        expect(fast.matches(input), `${JSON.stringify(pattern)} on ${JSON.stringify(input)}`).toBe(re2!.matches(input));
      }
    }
    // the comparison means something only if many patterns were taken
    expect(taken).toBeGreaterThan(500);
  });

  it('answer as re2js does when long and short patterns take turns (they share their state sets)', () => {
    const next = random(11);
    const simple = ['a', 'b', '-', '.', '[a-c]', 'a*', 'b+', 'x?', '.*'];
    const compiled = Array.from({ length: 60 }, (_, p) => {
      const pattern = Array.from({ length: p % 3 === 0 ? 80 + Math.floor(next() * 120) : 1 + Math.floor(next() * 5) }, () => pick(next, simple)).join('');
      return { pattern, fast: simplePattern(pattern)!, re2: reference(pattern)! };
    });
    for (let k = 0; k < 3000; k++) {
      const { pattern, fast, re2 } = pick(next, compiled);
      const input = Array.from({ length: Math.floor(next() * 250) }, () => pick(next, ['a', 'b', 'c', '-', 'x'])).join('');
      expect(fast.matches(input), `${pattern} on ${input}`).toBe(re2.matches(input));
    }
    // long patterns match long inputs too, not only fail on them
    const long = `${'a'.repeat(150)}b*`;
    expect(simplePattern(long)!.matches(`${'a'.repeat(150)}bbb`)).toBe(true);
    expect(simplePattern('ab')!.matches('ab')).toBe(true);
    expect(simplePattern(long)!.matches('a'.repeat(149))).toBe(false);
  });

  it('answer as re2js does at the length where the state set stops fitting in the bits of an integer (30 items)', () => {
    const next = random(13);
    const simple = ['a', 'b', '.', '[a-c]', 'a*', 'b+', 'x?', '.*'];
    let matched = 0;
    for (const items of [1, 29, 30, 31, 32]) {
      for (let p = 0; p < 40; p++) {
        const pattern = Array.from({ length: items }, () => pick(next, simple)).join('');
        const fast = simplePattern(pattern)!;
        const re2 = reference(pattern)!;
        for (let k = 0; k < 60; k++) {
          const input = Array.from({ length: Math.floor(next() * 45) }, () => pick(next, ['a', 'b', 'c', 'x'])).join('');
          const expected = re2.matches(input);
          if (expected) matched++;
          expect(fast.matches(input), `${pattern} on ${input}`).toBe(expected);
        }
      }
    }
    // the last state (every item matched) is reached, not only missed
    expect(matched).toBeGreaterThan(200);
    expect(simplePattern('[a]'.repeat(30))!.matches('a'.repeat(30))).toBe(true);
    expect(simplePattern(`${'[a]'.repeat(29)}b?`)!.matches('a'.repeat(29))).toBe(true);
    // a character outside the BMP is one code point past 30 items as below
    for (const items of [3, 40]) expect(simplePattern(`${'a'.repeat(items)}.`)!.matches(`${'a'.repeat(items)}😀`), `${items} items`).toBe(true);
  });

  it('share their tables: 20,000 patterns take no memory outside the heap per pattern', () => {
    const before = process.memoryUsage().arrayBuffers;
    const kept = Array.from({ length: 20_000 }, (_, i) => simplePattern(`team-${i}-[a-z]+-.*`)!);
    expect(kept[123]!.matches('team-123-orders-api')).toBe(true);
    // a table (128 bytes) per item and two state sets per pattern held 30 MB here
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(2 * 1024 * 1024);
  });

  it('takes the patterns of filters as teams write them, and declines the rest', () => {
    for (const p of ['team-a-[a-z]+', 'team-0-f[0-9]+-[0-9]+', 'orders-.*', 'arn:aws:iam::123456789012:role/gateway-.*', 'a\\.b']) expect(simplePattern(p), p).toBeDefined();
    for (const p of ['(a|b)', 'a{2}', '^a', 'a$', '\\d+', '[^a]', 'a**', 'a+?', 'é', '']) expect(simplePattern(p) === undefined || p === '', p).toBe(true);
    expect(simplePattern('')!.matches('')).toBe(true);
    expect(simplePattern('a.c')!.matches('a😀c')).toBe(true);
    expect(simplePattern('a.c')!.matches('a\nc')).toBe(false);
  });

  it('runs in time linear in the input, on a pattern that makes backtracking engines explode', () => {
    const fast = simplePattern(`${'a*'.repeat(30)}b`)!;
    // a backtracking engine takes 30 nested choices for each of 5,000 characters; this takes one pass
    expect(fast.matches('a'.repeat(5000))).toBe(false);
    expect(fast.matches(`${'a'.repeat(5000)}b`)).toBe(true);
  });
});

describe('compiled patterns of the regex engine', () => {
  it('rewrite as RE2::GlobalReplace: a substitution naming a group the pattern lacks replaces nothing, whatever the order of its groups', async () => {
    const engine = await loadRegexEngine();
    expect(engine.substitute('(a)', 'xa', '[\\1]')).toBe('x[a]');
    expect(engine.substitute('(a)', 'xa', '\\2\\1')).toBe('xa');
    expect(engine.substitute('(a)', 'xa', '\\1\\2')).toBe('xa');
  });

  // each keeps its last answer (regex-engine.ts): inputs that repeat, alternate and are equal strings
  // made apart must get re2js's answer every time
  it('answer as re2js does when inputs repeat and alternate', async () => {
    const engine = await loadRegexEngine();
    const next = random(11);
    const pool = ['team-a', 'team-ab', 'team-0-f1-2', 'team-0-f1-', 'orders', '', 'a\nb', 'x'];
    for (const pattern of ['team-[a-z]+', 'team-0-f[0-9]+-[0-9]+', '(orders|team-a)', 'x?', '.*']) {
      const compiled = engine.compile(pattern);
      if ('error' in compiled) throw new Error(compiled.error);
      const re2 = RE2JS.compile(pattern);
      for (let k = 0; k < 200; k++) {
        // a new string each time, sometimes the one asked before
        const input = [...pick(next, pool)].join('');
        expect(compiled.matches(input), `${pattern} on ${input}`).toBe(re2.matches(input));
      }
    }
  });
});
