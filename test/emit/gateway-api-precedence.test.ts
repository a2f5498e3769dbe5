import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runInProcess } from '../helpers/run-in-process';
import { outranks, overlaps, precedence, prefixMatches, rankReason, sampleRequest, type GatewayMatch } from '../../src/emit/gateway-api/precedence';
import { loadRegexEngine } from '../../src/model/regex-engine';

const re2 = await loadRegexEngine();

const prefix = (value: string, extra: Partial<GatewayMatch> = {}): GatewayMatch => ({ path: { type: 'PathPrefix', value }, ...extra });
const exact = (value: string): GatewayMatch => ({ path: { type: 'Exact', value } });
const regex = (value: string): GatewayMatch => ({ path: { type: 'RegularExpression', value } });

describe('the Gateway API precedence gwctl checks the output against', () => {
  it('ranks exact over regex over prefix (kgateway), longer prefixes first, then method, headers, query parameters', async () => {
    expect(outranks(precedence(exact('/a')), precedence(prefix('/a/b/c')))).toBe(true);
    expect(outranks(precedence(prefix('/a/b')), precedence(prefix('/a')))).toBe(true);
    expect(outranks(precedence(prefix('/a', { method: 'GET' })), precedence(prefix('/a', { headers: [{ type: 'Exact', name: 'x', value: '1' }] })))).toBe(true);
    // kgateway compares the prefix as written: `/a/` is the longer
    expect(outranks(precedence(prefix('/a/')), precedence(prefix('/a')))).toBe(true);
    expect(outranks(precedence(regex('/.*')), precedence(prefix('/a/b/c/d')))).toBe(true);
    expect(outranks(precedence(exact('/a')), precedence(regex('/.*')))).toBe(true);
    // two regular expressions tie on the path: a method decides
    expect(outranks(precedence({ ...regex('/[a-z]+'), method: 'GET' }), precedence(regex('/a.*')))).toBe(true);
    expect(outranks(precedence(regex('/a.*')), precedence(regex('/[a-z]+')))).toBe(false);
    expect(outranks(precedence(regex('/[a-z]+')), precedence(regex('/a.*')))).toBe(false);
    const query = { queryParams: [{ type: 'Exact' as const, name: 'q', value: '1' }] };
    expect(outranks(precedence(prefix('/a', query)), precedence(prefix('/a')))).toBe(true);
    expect(rankReason(prefix('/a', { method: 'GET' }), prefix('/a'))).toBe('a method match ranks first');
    expect(rankReason(prefix('/a', { headers: [{ type: 'Exact', name: 'x', value: '1' }] }), prefix('/a'))).toBe('more header matches rank first');
    expect(rankReason(prefix('/a', query), prefix('/a'))).toBe('more query parameter matches rank first');
    expect(rankReason(prefix('/a/b'), prefix('/a'))).toBe('a longer prefix ranks first');
    expect(rankReason(regex('/a.*'), prefix('/a'))).toBe('kgateway ranks a regular expression above a prefix, an order the Gateway API leaves to the implementation');
    expect(rankReason(exact('/a'), regex('/a.*'))).toBe('an exact path ranks above a regular expression');
  });

  it('names a request both matches take, with the method one of them requires', () => {
    expect(sampleRequest(prefix('/a', { method: 'POST' }), prefix('/a/b'))).toBe('POST /a/b');
    expect(sampleRequest(prefix('/a'), exact('/a/c'))).toBe('GET /a/c');
    expect(sampleRequest(regex('/a/.*'), prefix('/a'))).toBe('GET <a path matching /a/.*>');
  });

  it('prefixes match whole segments, and characters where they end in a slash (kgateway)', async () => {
    expect(prefixMatches('/api', '/api/v1')).toBe(true);
    expect(prefixMatches('/api', '/api')).toBe(true);
    expect(prefixMatches('/api', '/apis')).toBe(false);
    expect(prefixMatches('/api/', '/api/v1')).toBe(true);
    expect(prefixMatches('/api/', '/api')).toBe(false);
    expect(prefixMatches('/', '/anything')).toBe(true);
  });

  it('two matches overlap unless something certain keeps them apart', async () => {
    expect(overlaps(prefix('/a'), prefix('/a/b'), re2)).toBe(true);
    expect(overlaps(prefix('/a/b'), prefix('/a'), re2)).toBe(true);
    expect(overlaps(prefix('/a'), prefix('/b'), re2)).toBe(false);
    // query parameter names are compared as written, header names without case
    const q = (name: string, value: string) => ({ queryParams: [{ type: 'Exact' as const, name, value }] });
    expect(overlaps(prefix('/a', q('v', '1')), prefix('/a', q('v', '2')), re2)).toBe(false);
    expect(overlaps(prefix('/a', q('v', '1')), prefix('/a', q('V', '2')), re2)).toBe(true);
    // a prefix ending in `/` takes only paths that start with it: `/findx…` is not one of `/find/`
    expect(overlaps(regex('/findx[0-9]+'), prefix('/find/'), re2)).toBe(false);
    expect(overlaps(regex('/find/[0-9]+'), prefix('/find/'), re2)).toBe(true);
    expect(overlaps(regex('/fi[a-z]+'), prefix('/find/'), re2)).toBe(true);
    // an anchor is no part of the literal start
    expect(overlaps(regex('^/a/[0-9]+'), prefix('/b'), re2)).toBe(false);
    expect(overlaps(exact('/a/b'), prefix('/a'), re2)).toBe(true);
    expect(overlaps(prefix('/a', { method: 'GET' }), prefix('/a', { method: 'POST' }), re2)).toBe(false);
    expect(overlaps(prefix('/a', { headers: [{ type: 'Exact', name: 'X-Beta', value: 'true' }] }), prefix('/a', { headers: [{ type: 'Exact', name: 'x-beta', value: 'false' }] }), re2)).toBe(false);
    expect(overlaps(regex('/find/[a-z]+'), prefix('/export'), re2)).toBe(false);
    expect(overlaps(regex('/find/[a-z]+'), prefix('/find'), re2)).toBe(true);
    expect(overlaps(regex('/items/[0-9]+'), exact('/items/12'), re2)).toBe(true);
    expect(overlaps(regex('/items/[0-9]+'), exact('/items/x'), re2)).toBe(false);
    expect(overlaps(regex('/a?b'), prefix('/b'), re2)).toBe(true);
    // two expressions meet unless their literal starts rule it out
    expect(overlaps(regex('/a/[0-9]+'), regex('/b/.*'), re2)).toBe(false);
    expect(overlaps(regex('/a/.*'), regex('/a/b/[0-9]+'), re2)).toBe(true);
    expect(overlaps(regex('.*'), regex('/b/[0-9]+'), re2)).toBe(true);
    // a case-insensitive path's `(?i)` folds case when tested on an exact path
    expect(overlaps(regex('(?i)/Docs.*'), exact('/DOCS/a'), re2)).toBe(true);
    expect(overlaps(regex('(?i)/Docs.*'), exact('/health'), re2)).toBe(false);
    // on RE2: JavaScript's backtracking took exponential time on this pair (render did not finish)
    expect(overlaps(regex('/(a+)+b'), exact(`/${'a'.repeat(40)}c`), re2)).toBe(false);
    expect(overlaps(regex('/(a+)+b'), exact(`/${'a'.repeat(40)}b`), re2)).toBe(true);
    // each alternative outside every group has a literal start of its own
    expect(overlaps(regex('/a.*|/b/x'), prefix('/b'), re2)).toBe(true);
    expect(overlaps(regex('/v2/.*|/legacy/[0-9]+'), prefix('/api'), re2)).toBe(false);
    expect(overlaps(regex('/v2/.*|/legacy/[0-9]+'), regex('/api/.*|/legacy/x'), re2)).toBe(true);
    expect(overlaps(regex('/a.*|/b/x'), regex('/b/[0-9]+'), re2)).toBe(true);
    expect(overlaps(regex('^/a|/b'), prefix('/b'), re2)).toBe(true);
    // one inside a group, a class or escaped keeps the literal start
    expect(overlaps(regex('/a/(x|/b)'), prefix('/b'), re2)).toBe(false);
    expect(overlaps(regex('/a[|]/b'), prefix('/b'), re2)).toBe(false);
    expect(overlaps(regex('/a[]|]/b'), prefix('/b'), re2)).toBe(false);
    expect(overlaps(regex('/a\\|/b'), prefix('/b'), re2)).toBe(false);
    // an expression RE2 refuses (a backreference) is taken to meet the path
    expect(overlaps(regex('/(a)\\1'), exact('/x'), re2)).toBe(true);
  });
});

describe('the precedence findings find what comparing every pair of rules finds', () => {
  // expressions whose literal start is a prefix's beginning, ends inside a segment, or is empty; exact
  // paths an expression matches and one it does not
  it.each([11, 12, 13])('on 150 routes of one host (seed %i)', async (first) => {
    let seed = first;
    // the generator's high bits: its low ones repeat with a short period
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), Math.floor(seed / 65536) % n);
    const uris = [{ prefix: '/a' }, { prefix: '/a/b' }, { prefix: '/a/b/' }, { prefix: '/b' }, { prefix: '/a/bc' }, { exact: '/a/b' }, { exact: '/b/c' }, { exact: '/a/7' }, { regex: '/a/[0-9]+' }, { regex: '/b/.*' }, { regex: '/a/b[0-9]*' }, { regex: '.*/c' }, { regex: '/b/c|/a/[0-9]+' }];
    const uri = () => uris[rand(uris.length)];
    // regular expressions first: for the routes after them, the earliest route outranked is often one
    const routes = Array.from({ length: 150 }, (_, i) => {
      const matcher: Record<string, unknown> = { uri: i < 6 ? [{ regex: '/a/[0-9]+' }, { regex: '/b/.*' }][i % 2] : uri() };
      if (rand(3) === 0) matcher.method = ['GET', 'POST'][rand(2)];
      if (rand(3) === 0) matcher.headers = [{ name: 'x-v', value: ['1', '2'][rand(2)] }];
      return `    - name: r${i}\n      matchers: [${JSON.stringify(matcher)}]\n      directResponse: {status: 200}\n`;
    });
    const manifest = `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [h.example.com]\n  http:\n${routes.join('')}`;
    const result = await runInProcess(['render', '--target', 'gateway-api', '-', '--force', '--findings-format', 'json', '--min-severity', 'warning'], { input: manifest });
    const found = JSON.parse(result.stderr).diagnostics.filter((d: { code: string }) => d.code === 'GW7101').map((d: { message: string }) => /ranks route `(\w+)` above `(\w+)`/.exec(d.message)!.slice(1).join(' over ')).sort();
    const rules = parseAllDocuments(result.stdout).map((d) => d.toJS()).filter((r) => r?.kind === 'HTTPRoute').flatMap((r) => r.spec.rules);
    const expected: string[] = [];
    rules.forEach((later: any, j: number) => {
      const i = rules.findIndex((earlier: any, k: number) => k < j && later.matches.some((mj: GatewayMatch) => earlier.matches.some((mi: GatewayMatch) => overlaps(mi, mj, re2) && outranks(precedence(mj), precedence(mi)))));
      if (i >= 0) expected.push(`${later.name} over ${rules[i].name}`);
    });
    expect(expected.length).toBeGreaterThan(10);
    expect(found).toEqual(expected.sort());
  });
});

describe('the precedence findings leave out matches no request meets', () => {
  const render = async (routes: string) => {
    const manifest = `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [h.example.com]\n  http:\n${routes}`;
    const result = await runInProcess(['render', '--target', 'gateway-api', '-', '--force', '--findings-format', 'json'], { input: manifest });
    return JSON.parse(result.stderr).diagnostics.map((d: { code: string; message: string }) => `${d.code} ${d.message.split(':')[0]}`);
  };
  const route = (name: string, matcher: Record<string, unknown>, extra = '') => `    - name: ${name}\n      matchers: [${JSON.stringify(matcher)}]\n${extra}      directResponse: {status: 200}\n`;

  it('an earlier match no request meets is outranked by none (a Host written as a URL, a value with a line break)', async () => {
    const later = route('later', { uri: { prefix: '/a/b' } });
    expect(await render(route('earlier', { uri: { prefix: '/a' }, headers: [{ name: 'x-v', value: '1' }] }) + later)).toContain('GW7101 on h.example.com, the Gateway API ranks route `later` above `earlier`, which Gloo matches first (a longer prefix ranks first)');
    for (const never of [{ name: 'host', value: 'https://h.example.com' }, { name: 'x-v', value: '1\n' }]) {
      expect((await render(route('earlier', { uri: { prefix: '/a' }, headers: [never] }) + later)).filter((f: string) => f.startsWith('GW7101'))).toEqual([]);
    }
    // the match that overlaps is judged, not another of its route
    const second = `    - name: earlier\n      matchers: [${JSON.stringify({ uri: { prefix: '/x' } })}, ${JSON.stringify({ uri: { prefix: '/a' }, headers: [{ name: 'host', value: 'https://h.example.com' }] })}]\n      directResponse: {status: 200}\n`;
    expect((await render(second + later)).filter((f: string) => f.startsWith('GW7101'))).toEqual([]);
  });

  it('nor does a later one outrank any; an inverted condition the output leaves out does not make a match unmet', async () => {
    const earlier = route('earlier', { uri: { prefix: '/a' } });
    expect((await render(earlier + route('later', { uri: { prefix: '/a/b' }, headers: [{ name: 'host', value: 'https://h.example.com' }] }))).filter((f: string) => f.startsWith('GW7101'))).toEqual([]);
    // `x-v !~ .*` is met by no request in Gloo; the Gateway API writes the rule without it, met by every one
    const inverted = route('later', { uri: { prefix: '/a/b' }, headers: [{ name: 'x-v', value: '.*', regex: true, invertMatch: true }] });
    expect((await render(earlier + inverted)).filter((f: string) => f.startsWith('GW7101'))).toHaveLength(1);
  });

  it('a prefix no request meets is not said to match fewer paths (GW7102): Gloo sent it none', async () => {
    const segments = async (routes: string) => (await render(routes)).filter((f: string) => f.startsWith('GW7102'));
    expect(await segments(route('legacy', { uri: { prefix: '/legacy' }, headers: [{ name: 'x-v', value: '1' }] }))).toEqual(['GW7102 route `legacy`']);
    for (const never of [{ name: 'host', value: 'https://h.example.com' }, { name: ':method', value: 'GET ' }]) {
      expect(await segments(route('legacy', { uri: { prefix: '/legacy' }, headers: [never] }))).toEqual([]);
    }
    // judged match by match: the route's other prefix, which requests meet, is still said
    const both = `    - name: legacy\n      matchers: [${JSON.stringify({ uri: { prefix: '/old' } })}, ${JSON.stringify({ uri: { prefix: '/legacy' }, headers: [{ name: 'host', value: 'https://h.example.com' }] })}]\n      directResponse: {status: 200}\n`;
    const said = (await render(both)).filter((f: string) => f.startsWith('GW7102'));
    expect(said).toEqual(['GW7102 route `legacy`']);
    const full = JSON.parse((await runInProcess(['render', '--target', 'gateway-api', '-', '--force', '--findings-format', 'json'], { input: `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [h.example.com]\n  http:\n${both}` })).stderr).diagnostics.find((d: { code: string }) => d.code === 'GW7102').message;
    expect(full).toBe('route `legacy`: its prefix `/old` is compared by whole path segments in the Gateway API: `/old` no longer matches `/oldx`, which Gloo sent here');
  });

  it('within a route, a rewrite\'s matches are judged alike (GW7108)', async () => {
    const both = (second: Record<string, unknown>) => `    - name: r\n      matchers: [${JSON.stringify({ uri: { prefix: '/a' } })}, ${JSON.stringify(second)}]\n      forwardTo:\n        pathRewrite: /z\n        destinations: [{ref: {name: s, namespace: ns}, port: {number: 80}}]\n`;
    expect((await render(both({ uri: { prefix: '/a/b' } }))).filter((f: string) => f.startsWith('GW7108'))).toHaveLength(1);
    expect((await render(both({ uri: { prefix: '/a/b' }, headers: [{ name: 'host', value: 'h.example.com/a' }] }))).filter((f: string) => f.startsWith('GW7108'))).toEqual([]);
  });
});
