import { describe, expect, it } from 'vitest';
import { globLike, globPath } from '../../src/model/glob-like';
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

describe('an exact or prefix path written as a glob', () => {
  it.each([
    // kind, path, what to write
    ['prefix', '/api/*', { kind: 'prefix', value: '/api/' }],
    ['prefix', '/api**', { kind: 'prefix', value: '/api' }],
    ['prefix', '/v1/*/users', { kind: 'regex', value: '/v1/[^/]*/users.*' }],
    ['exact', '/v1/*/users', { kind: 'regex', value: '/v1/[^/]*/users' }],
    ['exact', '/api/*', { kind: 'regex', value: '/api/[^/]*' }],
    ['exact', '/files/**', { kind: 'regex', value: '/files/.*' }],
    // the rest of the path quoted
    ['exact', '/a.b/*(x)', { kind: 'regex', value: '/a\\.b/[^/]*\\(x\\)' }],
    ['prefix', '/api/v1', undefined],
  ] as const)('%s %s', (kind, path, written) => {
    expect(globPath(kind, path)).toEqual(written);
  });

  it('writes a regex that takes what the glob would, and the path as written', () => {
    const regex = globPath('exact', '/v1/*/users')!.value;
    expect(compiled(regex).matches('/v1/42/users')).toBe(true);
    expect(compiled(regex).matches('/v1/*/users')).toBe(true);
    expect(compiled(regex).matches('/v1/a/b/users')).toBe(false);
    expect(compiled(globPath('prefix', '/v1/*/users')!.value).matches('/v1/42/users/7')).toBe(true);
  });
});
