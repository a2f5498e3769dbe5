import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/lib/seeded-random.mjs';
import { wildcardMatch } from '../../src/aws/policy/evaluate';
import { globMatcher } from '../../src/text/glob';
import { pathGlob } from '../../src/text/path-glob';

// The regular expressions these matchers replaced, kept as the reference: right on short inputs, where
// backtracking costs nothing, and exponential on `*a*a*a…*b` against a run of `a`s.
const escape = (s: string) => s.replace(/[.+^${}()|[\]\\]/g, '\\$&');
const globReference = (glob: string) => new RegExp(`^${escape(glob).replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
function pathGlobReference(glob: string): RegExp {
  let g = glob.replace(/^\.\//, '');
  if (!g.includes('/')) g = `**/${g}`;
  if (g.endsWith('/')) g += '**';
  let body = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*' && g[i + 1] === '*') {
      const slash = g[i + 2] === '/';
      body += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') body += '[^/]*';
    else if (c === '?') body += '[^/]';
    else body += escape(c);
  }
  return new RegExp(`^${body}$`);
}
const iamReference = (pattern: string, value: string) =>
  new RegExp(`^${pattern.split(/(\u0000.)/s).map((part) => (part.startsWith('\u0000') ? escape(part.slice(1)).replace(/[*?]/g, '\\$&') : escape(part).replace(/\*/g, '.*').replace(/\?/g, '.'))).join('')}$`, 's').test(value);

function words(seed: number, alphabet: string, max: number, count: number): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => Array.from({ length: Math.floor(random() * (max + 1)) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
}

/** How many pairs match; every pair answered as the reference answers it. */
function agreeing(patterns: readonly string[], texts: readonly string[], ours: (p: string, t: string) => boolean, reference: (p: string, t: string) => boolean): number {
  let matched = 0;
  for (const pattern of patterns) {
    for (const text of texts) {
      const expected = reference(pattern, text);
      expect(ours(pattern, text), JSON.stringify([pattern, text])).toBe(expected);
      if (expected) matched++;
    }
  }
  return matched;
}

describe('wildcards are matched by a scan, as the regular expressions they replaced matched them', () => {
  it('workspace globs: `*` any run, `?` one character', () => {
    const matched = agreeing(words(1, 'ab.*?', 7, 400), words(2, 'ab.', 8, 60), (g, t) => globMatcher(g).test(t), (g, t) => globReference(g).test(t));
    expect(matched).toBeGreaterThan(1000);
  });

  it('path globs: `*` and `?` within a segment, `**` across them, a bare name in any folder', () => {
    // bare names among them, with `**` too, which may cross a `/` where `*` may not
    const globs = [...words(3, 'ab/*?', 7, 300), ...words(4, 'a/*', 6, 100).map((g) => `**/${g}`), ...words(8, 'ab*?', 6, 100), 'a**b', '', 'a/', './a/*'];
    const matched = agreeing(globs, words(5, 'ab/', 9, 60), (g, t) => pathGlob(g).test(t), (g, t) => pathGlobReference(g).test(t));
    expect(matched).toBeGreaterThan(500);
  });

  it('IAM wildcards, with `${*}` and `${?}` literal, and actions without regard to case', () => {
    // a marker stands before the character it makes literal (the reference read one at the very end
    // as nothing or as itself, by where it stood)
    const patterns = words(6, 'ab:*?\u0000', 7, 300).map((p) => (p.endsWith('\u0000') ? `${p}a` : p));
    expect(agreeing(patterns, words(7, 'ab:*?', 8, 60), (p, v) => wildcardMatch(p, v, false), iamReference)).toBeGreaterThan(500);
    expect(wildcardMatch('Lambda:Invoke*', 'lambda:InvokeFunction', true)).toBe(true);
    // a marker with nothing after it is itself (a NUL written in the policy), never an error or more text
    expect(wildcardMatch('a\u0000', 'a\u0000', false)).toBe(true);
    expect(wildcardMatch('a\u0000', 'aundefined', false)).toBe(false);
  });

  it('patterns that made the regular expressions backtrack without end', () => {
    // 14 stars against 63 characters: the regular expression tries every way to place the a's
    const stars = '*a'.repeat(14) + '*b';
    expect(globMatcher(stars).test('a'.repeat(63))).toBe(false);
    expect(globMatcher(stars).test('a'.repeat(62) + 'b')).toBe(true);
    expect(pathGlob('*a'.repeat(12) + '*b').test(`teams/${'a'.repeat(200)}.yaml`)).toBe(false);
    expect(pathGlob('**/' + '*a'.repeat(12) + '*b').test(`teams/${'a'.repeat(200)}b`)).toBe(true);
    expect(wildcardMatch(`arn:aws:iam::${stars}`, `arn:aws:iam::${'a'.repeat(80)}`, false)).toBe(false);
  });
});
