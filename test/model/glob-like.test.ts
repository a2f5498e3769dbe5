import { describe, expect, it } from 'vitest';
import { globLike } from '../../src/model/glob-like';
import { loadRegexEngine, type CompiledRegex } from '../../src/model/regex-engine';

const engine = await loadRegexEngine();
const compiled = (pattern: string): CompiledRegex => {
  const c = engine.compile(pattern);
  if ('error' in c) throw new Error(`${pattern}: ${c.error}`);
  return c;
};
const read = (pattern: string) => globLike(pattern);

describe('a regex that reads as a glob', () => {
  it.each([
    // pattern, the piece, the suggestion, the sample (a text the glob takes and the regex does not)
    ['/api/*', '/*', '/api/.*', '/api/x'],
    ['/api/servicelog*', 'g*', '/api/servicelog.*', '/api/servicelogx'],
    ['team-a-*', '-*', 'team-a-.*', 'team-a-x'],
    ['application/*', '/*', 'application/.*', 'application/x'],
    ['/api/*/users', '/*', '/api/.*/users', '/api/x/users'],
    ['a*b*', 'a*', 'a.*b.*', 'axbx'],
    // the glob's `*` taken as another character than the one repeated
    ['ax*', 'x*', 'ax.*', 'axy'],
    // a `/*` whatever else the regex holds; no sample where the pattern is no text
    ['/api/v[0-9]+/*', '/*', '/api/v[0-9]+/.*', undefined],
    ['\\/api\\/*', '\\/*', '\\/api\\/.*', undefined],
    ['(?i)/docs/*', '/*', '(?i)/docs/.*', undefined],
    // a `.` is a regex's any character: the sample would be no text
    ['v1.2*', '2*', 'v1.2.*', undefined],
    // a brace that is no count is a literal, as RE2 reads it; a count is no atom of a `*`
    ['a{/*}', '/*', 'a{/.*}', undefined],
    ['/x{2}/*', '/*', '/x{2}/.*', undefined],
  ])('%s', (pattern, piece, suggestion, sample) => {
    const glob = read(pattern);
    expect(glob).toEqual({ piece, char: piece.slice(-2, -1), suggestion, ...(sample !== undefined ? { sample } : {}) });
    // the suggestion takes what the glob would, and the regex as written does not
    if (sample !== undefined) {
      expect(compiled(suggestion).matches(sample)).toBe(true);
      expect(compiled(pattern).matches(sample)).toBe(false);
    }
  });

  it.each([
    // regexes meant as such: any text, classes, groups, counted and other quantifiers, anchors, escapes
    '/api/.*',
    '/api/[^/]*',
    '[a-z]*',
    '(ab)*',
    '\\d*',
    '^/v1/0*$',
    'a+',
    'x{2,}',
    '/a[/*]b',
    // a `]` first in a class is one of its characters
    'x[]/*]',
    'x[^]/*]',
    // an escape in a class is skipped with it
    'x[\\]/*]',
    '/x{2}',
    'a{,2}*',
    '\\Q/api/*\\E',
    'team-.*-prod',
    // a `*` after `.` is any text, as meant
    '/files/.*\\.json',
  ])('%s is left alone', (pattern) => {
    expect(read(pattern)).toBeUndefined();
  });
});
