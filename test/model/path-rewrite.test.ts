import { describe, expect, it } from 'vitest';
import { kgatewayPrefixRewrite } from '../../src/emit/gateway-api/segment-rewrite';
import { MATCH_ALL } from '../../src/model/matchers';
import { rewrittenPath } from '../../src/model/path-rewrite';
import { loadRegexEngine } from '../../src/model/regex-engine';
import { slashMismatches } from '../../src/model/rewrite-checks';
import type { Matcher, RouteAction } from '../../src/model/types';

const prefix = (value: string): Matcher => ({ ...MATCH_ALL, path: { kind: 'prefix', value, ignoreCase: false } });
const exactPath = (value: string): Matcher => ({ ...MATCH_ALL, path: { kind: 'exact', value, ignoreCase: false } });
const forward = (rewrite: Partial<Extract<RouteAction, { kind: 'forward' }>>): RouteAction => ({ kind: 'forward', destinations: [], ...rewrite }) as RouteAction;

describe('the path a destination receives (Envoy finalizePathHeader)', () => {
  it('a prefix rewrite replaces the characters matched: a doubled or a dropped slash', async () => {
    const engine = await loadRegexEngine();
    expect(rewrittenPath(forward({ pathRewrite: '/' }), prefix('/httpbin'), '/httpbin/get', engine)).toBe('//get');
    expect(rewrittenPath(forward({ pathRewrite: '/' }), prefix('/httpbin'), '/httpbin', engine)).toBe('/');
    expect(rewrittenPath(forward({ pathRewrite: '/v2' }), prefix('/api/'), '/api/users', engine)).toBe('/v2users');
    expect(rewrittenPath(forward({ pathRewrite: '/' }), prefix('/orders/'), '/orders/42', engine)).toBe('/42');
    // a route without a path matcher matched the prefix `/`
    expect(rewrittenPath(forward({ pathRewrite: '/v2/' }), MATCH_ALL, '/users', engine)).toBe('/v2/users');
    // an exact match: the whole path
    expect(rewrittenPath(forward({ pathRewrite: '/ready' }), exactPath('/healthz'), '/healthz', engine)).toBe('/ready');
    expect(rewrittenPath(forward({}), prefix('/a'), '/a/b', engine)).toBeUndefined();
    expect(rewrittenPath({ kind: 'direct', status: 200 }, prefix('/a'), '/a/b', engine)).toBeUndefined();
  });

  it('a regexRewrite replaces every match as RE2::GlobalReplace does', async () => {
    const engine = await loadRegexEngine();
    const regex = (pattern: string, substitution: string, path: string) => rewrittenPath(forward({ regexRewrite: { pattern, substitution } }), prefix('/'), path, engine);
    expect(regex('^/users/([^/]+)/profile', '/profiles/\\1', '/users/ann/profile/photo')).toBe('/profiles/ann/photo');
    // every match, not the first only
    expect(regex('o', '0', '/foo/boo')).toBe('/f00/b00');
    // RE2 takes no empty match where the last match ended ("-b-c-"; JavaScript and Java give "-b--c-")
    expect(regex('a*', '-', 'baaac')).toBe('-b-c-');
    // `\0` the whole match, `\\` a backslash, a group that took part in no match is empty
    expect(regex('(b)|(x)', '[\\0\\\\\\2]', 'abc')).toBe('a[b\\]c');
    // a group the pattern lacks: RE2::GlobalReplace replaces nothing (re2/re2.cc; GW4041)
    expect(regex('(b)', '[\\0\\\\\\2]', 'abc')).toBe('abc');
    expect(regex('.*', '/profiles/\\1', '/users/ann')).toBe('/users/ann');
    // a pattern that does not match: the path as it is
    expect(regex('^/x', '/y', '/a')).toBe('/a');
    // a pattern RE2 rejects rewrites nothing (the model replaces such a route: GW4015)
    expect(regex('(?=a)', '/y', '/a')).toBeUndefined();
  });
});

describe('GW4038: prefixes that end otherwise than their pathRewrite', () => {
  it('names the prefix and what a request under it becomes', () => {
    expect(slashMismatches(forward({ pathRewrite: '/' }), [prefix('/httpbin')])).toMatchObject([{ prefix: '/httpbin', under: '/httpbin/', example: '/httpbin/get', sent: '//get' }]);
    expect(slashMismatches(forward({ pathRewrite: '/v2' }), [prefix('/api/')])).toMatchObject([{ prefix: '/api/', under: '/api/', example: '/api/get', sent: '/v2get' }]);
    expect(slashMismatches(forward({ pathRewrite: '/v2' }), [MATCH_ALL])).toMatchObject([{ prefix: '/', under: '/', example: '/get', sent: '/v2get' }]);
  });

  it('is silent where both end alike, for exact matches and without a pathRewrite', () => {
    expect(slashMismatches(forward({ pathRewrite: '/' }), [prefix('/orders/'), exactPath('/healthz'), MATCH_ALL])).toEqual([]);
    expect(slashMismatches(forward({ pathRewrite: '/v2' }), [prefix('/v1'), exactPath('/healthz/')])).toEqual([]);
    expect(slashMismatches(forward({}), [prefix('/a')])).toEqual([]);
  });
});

describe("kgateway's ReplacePrefixMatch (krtcollections/builtin.go, convertURLRewrite)", () => {
  // Request Path | Prefix Match | Replace Prefix | Path sent: Envoy's prefix_rewrite (the characters the
  // prefix matched replaced, as Gloo does), or for `/` the regex_rewrite `^<prefix>\/*` -> `/`
  const TABLE: Array<[string, string, string, string]> = [
    ['/foo/bar', '/foo', '/xyz', '/xyz/bar'],
    ['/foo/bar', '/foo', '/xyz/', '/xyz//bar'],
    ['/foo/bar', '/foo/', '/xyz', '/xyzbar'],
    ['/foo/bar', '/foo/', '/xyz/', '/xyz/bar'],
    ['/foo', '/foo', '/xyz', '/xyz'],
    ['/foo/', '/foo', '/xyz', '/xyz/'],
    ['/foo/bar', '/foo', '/', '/bar'],
    ['/foo//bar', '/foo', '/', '/bar'],
    ['/foo/bar', '/foo/', '/', '/bar'],
    ['/foo/', '/foo', '/', '/'],
    ['/foo', '/foo', '/', '/'],
  ];
  it.each(TABLE)('%s, prefix %s, replacement %s: %s', (path, prefixValue, replacement, modified) => {
    expect(kgatewayPrefixRewrite(path, prefixValue, replacement)).toBe(modified);
  });
});
