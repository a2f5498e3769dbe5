import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { simplePattern } from '../../src/model/simple-pattern';

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
const PIECES = ['a', 'b', '-', 'x', '.', '\\.', '\\-', '\\d', '[a-c]', '[0-9]', '[a-]', '[-b]', '[^a]', '[b-a]', '[]', '*', '+', '?', '*?', '{2}', '(', ')', '|', '^', '$', 'é', ' ', '\\'];
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
    for (let p = 0; p < 4000; p++) {
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
