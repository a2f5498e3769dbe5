import { beforeAll, describe, expect, it } from 'vitest';
import { loadRegexEngine, type RegexEngine } from '../../src/model/regex-engine';
import { analyzeText } from '../helpers/analyze-text';
import { combineMatchers, describeMatcher, joinPaths, matchesOnListener, spacedEnds, specificity, unsendable, vacuousConditions } from '../../src/model/matchers';
import type { Finding } from '../../src/diagnostics/finding';
import { covers, shadowedRoutes, ShadowReports } from '../../src/model/shadowing';
import type { Matcher, RouteNode, ValueMatch } from '../../src/model/types';
import { AUTHORITY_VALUES, HEADER_VALUES, PSEUDO_PATH_VALUES } from '../../src/model/header-values';

/** GW4007 for one host's routes. */
function shadowsOn(host: string, routes: readonly RouteNode[], findings: Finding[]): void {
  const reports = new ShadowReports();
  reports.note(host, host, routes);
  reports.report(findings);
}

const m = (path?: Matcher['path'], extra: Partial<Matcher> = {}): Matcher => ({ ...(path ? { path } : {}), headers: [], queryParameters: [], ...extra });
const prefix = (value: string, ignoreCase = false) => m({ kind: 'prefix', value, ignoreCase });
const exact = (value: string) => m({ kind: 'exact', value, ignoreCase: false });

describe('combining parent and child matchers (Gloo Platform delegation)', () => {
  it('concatenates prefixes without doubling the slash', () => {
    expect(joinPaths('/product-1', '/foo')).toBe('/product-1/foo');
    expect(joinPaths('/', '/lambda')).toBe('/lambda');
    expect(combineMatchers([prefix('/product-1')], [exact('/foo')])).toEqual({ matchers: [m({ kind: 'exact', value: '/product-1/foo', ignoreCase: false })] });
  });

  it('is every parent matcher ANDed with every child matcher', () => {
    const out = combineMatchers([prefix('/a'), prefix('/b')], [prefix('/x')]);
    expect('matchers' in out && out.matchers.map((x) => x.path?.value)).toEqual(['/a/x', '/b/x']);
  });

  it('keeps either side when the other has no matcher', () => {
    expect(combineMatchers([], [prefix('/x')])).toEqual({ matchers: [prefix('/x')] });
    expect(combineMatchers([prefix('/x')], [])).toEqual({ matchers: [prefix('/x')] });
  });

  it('appends a child regex to the quoted parent prefix', () => {
    const out = combineMatchers([prefix('/v1.0/')], [m({ kind: 'regex', value: '/items/[0-9]+', ignoreCase: false })]);
    expect('matchers' in out && out.matchers[0]!.path).toEqual({ kind: 'regex', value: '/v1\\.0/items/[0-9]+', ignoreCase: false });
  });

  it('a case-folding parent prefix: folds a child\'s prefix (gwctl decides), and folds only itself before a child\'s regex', () => {
    expect(combineMatchers([prefix('/API', true)], [prefix('/orders')])).toEqual({ matchers: [prefix('/API/orders', true)] });
    expect(combineMatchers([prefix('/api')], [prefix('/Orders', true)])).toEqual({ matchers: [prefix('/api/Orders', true)] });
    const out = combineMatchers([prefix('/API/', true)], [m({ kind: 'regex', value: '/items/[0-9]+', ignoreCase: false })]);
    expect('matchers' in out && out.matchers[0]!.path).toEqual({ kind: 'regex', value: '(?i:/API)/items/[0-9]+', ignoreCase: false });
  });

  it('takes the method and port of whichever side names them, and what Envoy refuses on either side', () => {
    const combined = (parent: Partial<Matcher>, child: Partial<Matcher>) => {
      const out = combineMatchers([m(undefined, parent)], [m(undefined, child)]);
      return 'matchers' in out ? out.matchers[0] : out;
    };
    expect(combined({ method: 'GET', port: 8080 }, {})).toMatchObject({ method: 'GET', port: 8080 });
    expect(combined({}, { method: 'GET', port: 8080 })).toMatchObject({ method: 'GET', port: 8080 });
    expect(combined({ port: 80 }, { port: 8080 })).toEqual({ conflict: 'the parent matches port 80 and the child 8080' });
    expect(combined({ refused: true }, {})).toMatchObject({ refused: true });
    expect(combined({}, { refused: true })).toMatchObject({ refused: true });
  });

  it('a parent\'s exact or regex path takes no child path: a conflict', () => {
    expect(combineMatchers([exact('/a')], [prefix('/b')])).toEqual({ conflict: 'the parent matches the path by exact (/a), which a child cannot extend with prefix /b' });
    expect('conflict' in combineMatchers([m({ kind: 'regex', value: '/a.*', ignoreCase: false })], [prefix('/b')])).toBe(true);
    expect('conflict' in combineMatchers([m({ kind: 'regex', value: '/a.*', ignoreCase: false })], [m({ kind: 'regex', value: '/b', ignoreCase: false })])).toBe(true);
  });

  it('a header named on both sides is one header (names compare without case): the same match once, another a conflict', () => {
    const header = (name: string, value: string, regex = false) => m(undefined, { headers: [{ name, value, regex, invert: false }] });
    expect(combineMatchers([header('X-Env', 'prod')], [header('x-env', 'prod')])).toEqual({ matchers: [header('X-Env', 'prod')] });
    expect('conflict' in combineMatchers([header('X-Env', 'prod')], [header('x-env', 'test')])).toBe(true);
    // gwctl decides: a regex and an exact value of one header are told apart, even where both could hold
    expect('conflict' in combineMatchers([header('x-env', 'prod', true)], [header('x-env', 'prod')])).toBe(true);
  });

  it('a query parameter named on both sides in two cases is two parameters (Envoy looks one up by its exact name)', () => {
    const query = (name: string, value: string) => m(undefined, { queryParameters: [{ name, value, regex: false, invert: false }] });
    const both = { name: 'Lang', value: 'en', regex: false, invert: false };
    expect(combineMatchers([query('Lang', 'en')], [query('lang', 'de')])).toEqual({ matchers: [m(undefined, { queryParameters: [both, { ...both, name: 'lang', value: 'de' }] })] });
    expect(combineMatchers([query('Lang', 'en')], [query('Lang', 'en')])).toEqual({ matchers: [query('Lang', 'en')] });
    expect(combineMatchers([query('Lang', 'en')], [query('Lang', 'de')])).toEqual({ conflict: 'the query parameter Lang must be "en" for the parent and "de" for the child' });
  });

  it('reports a conflict only when no combination can match', () => {
    expect(combineMatchers([m(undefined, { method: 'GET' })], [m(undefined, { method: 'POST' })])).toEqual({ conflict: 'the parent matches method GET and the child POST' });
    expect('conflict' in combineMatchers([exact('/a')], [prefix('/b')])).toBe(true);
    const header = (value: string) => m(undefined, { headers: [{ name: 'x-env', value, regex: false, invert: false }] });
    expect('conflict' in combineMatchers([header('prod')], [header('test')])).toBe(true);
    expect('matchers' in combineMatchers([m(undefined, { method: 'GET' }), m(undefined, { method: 'POST' })], [m(undefined, { method: 'POST' })])).toBe(true);
  });

  it('reports the first pair that cannot match when none can', () => {
    const out = combineMatchers([m(undefined, { method: 'GET', port: 80 })], [m(undefined, { method: 'POST' }), m(undefined, { port: 8080 })]);
    expect(out).toEqual({ conflict: 'the parent matches method GET and the child POST' });
  });

  it('keeps a condition the child states twice once', () => {
    const x = { name: 'x-env', value: 'prod', regex: false, invert: false };
    const a = { name: 'x-a', value: '1', regex: false, invert: false };
    expect(combineMatchers([m(undefined, { headers: [a] })], [m(undefined, { headers: [x, { ...x, name: 'X-Env' }] })])).toEqual({ matchers: [m(undefined, { headers: [a, x] })] });
  });

  it('orders by specificity: exact, regex, prefix; longer exact and prefix paths first; every regex equal', () => {
    const ranks = [prefix('/a/b'), exact('/a'), m({ kind: 'regex', value: '/a.*', ignoreCase: false }), m({ kind: 'regex', value: '/a/b/c/.*', ignoreCase: false }), prefix('/a'), m()].map((x) => specificity([x]));
    expect(ranks).toEqual([[1, 4], [3, 2], [2, 0], [2, 0], [1, 2], [0, 0]]);
    // only a route's most specific matcher counts, wherever it is in its list
    expect(specificity([prefix('/a'), prefix('/a/b/c')])).toEqual([1, 6]);
    expect(specificity([prefix('/x/y/z'), exact('/y')])).toEqual([3, 2]);
  });
});

describe('covers (does one matcher match everything another does?)', () => {
  it('a shorter prefix covers a longer one and an exact path under it', () => {
    expect(covers(prefix('/api'), prefix('/api/orders'))).toBe(true);
    expect(covers(prefix('/api'), exact('/api/x'))).toBe(true);
    expect(covers(prefix('/api/orders'), prefix('/api'))).toBe(false);
  });

  it('respects case folding, methods and headers', () => {
    expect(covers(prefix('/API', true), prefix('/api/x'))).toBe(true);
    // ASCII letters only, as Envoy folds case: the Kelvin sign is no k
    expect(covers(prefix('/\u212A', true), prefix('/k/x'))).toBe(false);
    expect(covers(prefix('/api'), prefix('/api/x', true))).toBe(false);
    expect(covers(prefix('/', false), m({ kind: 'prefix', value: '/x', ignoreCase: false }, { method: 'GET' }))).toBe(true);
    expect(covers(m({ kind: 'prefix', value: '/', ignoreCase: false }, { method: 'GET' }), prefix('/x'))).toBe(false);
    const h = { name: 'x-beta', value: 'true', regex: false, invert: false };
    expect(covers(m(undefined, { headers: [h] }), m(undefined, { headers: [h, { ...h, name: 'x-other' }] }))).toBe(true);
    expect(covers(m(undefined, { headers: [h] }), m())).toBe(false);
    // `host` is `:authority` in Envoy's request header map: one header, in short lists and long
    const host = { name: 'Host', value: 'api.example.com', regex: false, invert: false };
    expect(covers(m(undefined, { headers: [host] }), m(undefined, { headers: [{ ...host, name: ':authority' }] }))).toBe(true);
    expect(covers(m(undefined, { headers: [{ ...host, name: ':authority' }] }), m(undefined, { headers: [host] }))).toBe(true);
    expect(covers(m(undefined, { headers: [{ ...host, name: ':path' }] }), m(undefined, { headers: [host] }))).toBe(false);
    const many = Array.from({ length: 70 }, (_, i) => ({ name: `x-h${i}`, value: `v${i}`, regex: false, invert: false }));
    expect(covers(m(undefined, { headers: [...many, host] }), m(undefined, { headers: [...many, { ...host, name: ':authority' }] }))).toBe(true);
  });

  it('compares long header lists by key, with the same answers as pair by pair', () => {
    // past 64 pairs the lists are compared through a set of keys: names without case, value, regex, inversion
    const hs = (n: number, f: (i: number) => Partial<ValueMatch> = () => ({})): ValueMatch[] => Array.from({ length: n }, (_, i) => ({ name: `x-h${i}`, value: `v${i}`, regex: false, invert: false, ...f(i) }));
    const with_ = (headers: ValueMatch[]) => m(undefined, { headers });
    expect(covers(with_(hs(100)), with_([...hs(100), { name: 'x-more', value: 'v', regex: false, invert: false }]))).toBe(true);
    expect(covers(with_(hs(100)), with_(hs(99)))).toBe(false);
    expect(covers(with_(hs(100)), with_(hs(100, (i) => ({ name: `X-H${i}` }))))).toBe(true);
    expect(covers(with_(hs(100)), with_(hs(100, (i) => (i === 50 ? { invert: true } : {}))))).toBe(false);
    expect(covers(with_(hs(100)), with_(hs(100, (i) => (i === 7 ? { regex: true } : {}))))).toBe(false);
    expect(covers(with_(hs(100)), with_(hs(100, (i) => (i === 99 ? { value: undefined } : {}))))).toBe(false);
    // a name and value that would run together in a plain concatenation stay apart
    expect(covers(with_(hs(100, (i) => (i === 0 ? { name: 'a', value: 'bc' } : {}))), with_(hs(100, (i) => (i === 0 ? { name: 'ab', value: 'c' } : {}))))).toBe(false);
  });

  it('compares query parameter names as written, short lists and long (Envoy looks one up by its exact name)', () => {
    const q = (name: string, value = '1'): ValueMatch => ({ name, value, regex: false, invert: false });
    const with_ = (queryParameters: ValueMatch[]) => m(undefined, { queryParameters });
    expect(covers(with_([q('page')]), with_([q('page'), q('sort')]))).toBe(true);
    expect(covers(with_([q('Page')]), with_([q('page')]))).toBe(false);
    const qs = (n: number, name: (i: number) => string) => Array.from({ length: n }, (_, i) => q(name(i), `v${i}`));
    expect(covers(with_(qs(100, (i) => `p${i}`)), with_(qs(100, (i) => `p${i}`)))).toBe(true);
    expect(covers(with_(qs(100, (i) => `p${i}`)), with_(qs(100, (i) => (i === 42 ? 'P42' : `p${i}`))))).toBe(false);
  });

  it('a matcher of one port covers only requests to that port; one of no port covers every port', () => {
    const on = (port?: number) => m({ kind: 'prefix', value: '/api', ignoreCase: false }, port === undefined ? {} : { port });
    expect(covers(on(8080), on(8080))).toBe(true);
    expect(covers(on(8080), on(443))).toBe(false);
    expect(covers(on(8080), on())).toBe(false);
    expect(covers(on(), on(443))).toBe(true);
  });

  it('never claims a regex covers anything but the same regex', () => {
    const r = m({ kind: 'regex', value: '/.*', ignoreCase: false });
    expect(covers(r, prefix('/x'))).toBe(false);
    expect(covers(r, r)).toBe(true);
    expect(covers(prefix('/'), r)).toBe(false);
  });

  it('a prefix `/` covers a matcher without a path (both are Envoy\'s prefix `/`), and a route of no matcher', () => {
    expect(covers(prefix('/'), m())).toBe(true);
    expect(covers(prefix('/', true), m(undefined, { method: 'POST' }))).toBe(true);
    expect(covers(m({ kind: 'prefix', value: '/', ignoreCase: false }, { method: 'GET' }), m())).toBe(false);
    const findings: Finding[] = [];
    const route = (name: string, matchers: Matcher[]) => ({ name, matchers, chain: [{ table: { kind: 'RouteTable', namespace: 'n', name: 't' }, route: name }], source: {} }) as unknown as RouteNode;
    shadowsOn('h', [route('all', [prefix('/')]), route('rest', [])], findings);
    expect(findings.map((f) => f.code)).toEqual(['GW4007']);
    // an exact `/` is the one path `/`: it covers neither a route of no matcher nor one of another path
    const root = m({ kind: 'exact', value: '/', ignoreCase: false });
    expect(covers(root, m())).toBe(false);
    expect(covers(root, root)).toBe(true);
    expect(shadowedRoutes([route('root', [root]), route('rest', []), route('again', [root])]).map((s) => [s.route.name, s.by.name])).toEqual([['again', 'root']]);
  });

  it('an inverted condition every request meets (alwaysMet, GW4048) restricts nothing; one some request fails does', () => {
    const cond = (name: string, value: string, extra: Partial<ValueMatch> = {}): ValueMatch => ({ name, value, regex: false, invert: true, missingMeets: true, ...extra });
    const met = cond('host', 'http://legacy.example.com', { alwaysMet: true });
    const api = (headers: ValueMatch[] = []) => m({ kind: 'prefix', value: '/api', ignoreCase: false }, { headers });
    const orders = (headers: ValueMatch[] = []) => m({ kind: 'prefix', value: '/api/orders', ignoreCase: false }, { headers });
    expect(covers(api([met]), orders())).toBe(true);
    expect(covers(api([met, cond('x-env', 'prod')]), orders())).toBe(false);
    expect(covers(api([met, cond('x-env', 'prod')]), orders([cond('x-env', 'prod')]))).toBe(true);
    expect(covers(api([cond('host', 'http://legacy.example.com')]), orders())).toBe(false);
    // indexed by the conditions that restrict: the later route is found among the candidates
    const route = (name: string, matchers: Matcher[]) => ({ name, matchers, chain: [{ table: { kind: 'RouteTable', namespace: 'n', name: 't' }, route: name }], source: {} }) as unknown as RouteNode;
    expect(shadowedRoutes([route('not-legacy', [api([met])]), route('orders', [orders()])]).map((x) => [x.route.name, x.by.name])).toEqual([['orders', 'not-legacy']]);
    expect(shadowedRoutes([route('both', [api([met, cond('x-env', 'prod')])]), route('orders', [orders([cond('x-env', 'prod')])])]).map((x) => [x.route.name, x.by.name])).toEqual([['orders', 'both']]);
    expect(shadowedRoutes([route('both', [api([met, cond('x-env', 'prod')])]), route('orders', [orders()])])).toEqual([]);
  });

  it('GW4007 names two routes of one name as the routes table does: `home` and `home~2`', () => {
    // two root tables for one host, each with a route named home (the code before: "route `home` is never
    // reached: route `home` before it matches...")
    const findings: Finding[] = [];
    const route = (name: string, matchers: Matcher[]) => ({ name, matchers, chain: [{ table: { kind: 'RouteTable', namespace: 'n', name: 't' }, route: name }], source: {} }) as unknown as RouteNode;
    shadowsOn('h', [route('home', [prefix('/x')]), route('home', [prefix('/x/y')])], findings);
    expect(findings.map((f) => [f.message, f.related?.[0]?.message])).toEqual([['route `home~2` is never reached on h: route `home` before it matches every request it matches', 'route `home`, which matches first']]);
  });
});

describe('GW4007 on the hosts of one table', () => {
  it('one finding per shadowed route, naming the hosts its table is served on; a host of two tables apart', async () => {
    const table = (name: string, hosts: string) =>
      `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  hosts: [${hosts}]\n  http:\n  - {name: all, directResponse: {status: 200}}\n  - {name: rest, matchers: [{uri: {prefix: /x}}], directResponse: {status: 200}}\n`;
    const hosts = Array.from({ length: 8 }, (_, i) => `h${i}.example.com`).join(', ');
    const { analysis } = await analyzeText(`${table('a', hosts)}---\n${table('b', 'other.example.com')}`);
    expect(analysis.findings.filter((f) => f.code === 'GW4007').map((f) => f.message).sort()).toEqual([
      'route `rest` is never reached on h0.example.com, h1.example.com, h2.example.com, h3.example.com, h4.example.com, and 3 more: route `all` before it matches every request it matches',
      'route `rest` is never reached on other.example.com: route `all` before it matches every request it matches',
    ]);
  });
});

describe('GW4007 through delegation', () => {
  it('is reported on the child table that holds the shadowed route, pointing at the route that matches first', async () => {
    const { analysis } = await analyzeText(
      `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: root, namespace: shop}\nspec:\n  hosts: [shop.example.com]\n  http:\n  - {name: all, matchers: [{uri: {prefix: /api}}], directResponse: {status: 200}}\n  - {name: team, matchers: [{uri: {prefix: /api}}], delegate: {routeTables: [{name: child, namespace: shop}]}}\n---\n` +
        `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: child, namespace: shop}\nspec:\n  http:\n  - {name: orders, matchers: [{uri: {prefix: /orders}}], directResponse: {status: 200}}\n`,
    );
    const gw4007 = analysis.findings.filter((f) => f.code === 'GW4007');
    expect(gw4007.map((f) => [f.message, f.resource?.name])).toEqual([['route `team/orders` is never reached on shop.example.com: route `all` before it matches every request it matches', 'child']]);
    expect(gw4007[0]!.at).toMatchObject({ pointer: '/spec/http/0' });
    expect(gw4007[0]!.related?.[0]?.at).toMatchObject({ pointer: '/spec/http/0' });
    expect(gw4007[0]!.related?.[0]?.at).not.toEqual(gw4007[0]!.at);
  });
});

describe('the shadowing index finds what comparing every pair finds', () => {
  // a deterministic mix: shared prefixes, headers and queries drawn from small sets, so that covering happens
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  const condition = (names: string[]): ValueMatch => ({ name: names[rand(names.length)]!, value: ['a', 'b', undefined][rand(3)], regex: rand(9) === 0, invert: rand(11) === 0 });
  const matcher = (): Matcher => ({
    ...(rand(20) === 0 ? {} : { path: { kind: (['prefix', 'exact', 'regex'] as const)[rand(3)]!, value: ['/', '/a', '/a/b', '/ab', '/A'][rand(5)]!, ignoreCase: rand(4) === 0 } }),
    // mostly one or two header conditions: the routes the condition index sorts apart
    headers: Array.from({ length: 1 + rand(2) }, () => condition(['x-a', 'X-A', 'x-b'])),
    queryParameters: Array.from({ length: rand(2) }, () => condition(['q', 'r'])),
    ...(rand(4) === 0 ? { method: ['GET', 'POST'][rand(2)] } : {}),
  });

  it('on 600 random routes', () => {
    const routes = Array.from({ length: 600 }, (_, i) => ({ name: `r${i}`, matchers: Array.from({ length: 1 + rand(2) }, matcher), chain: [{ table: { kind: 'RouteTable', namespace: 'n', name: 't' } }], source: { kind: 'span' } }) as unknown as RouteNode);
    const findings: Finding[] = [];
    shadowsOn('h', routes, findings);
    const all = (r: RouteNode) => (r.matchers.length ? r.matchers : [{ headers: [], queryParameters: [] } as Matcher]);
    let byConditions = 0;
    const expected = routes.flatMap((r, j) => {
      const by = routes.findIndex((e, i) => i < j && all(r).every((m) => all(e).some((a) => covers(a, m))));
      if (by >= 0 && all(routes[by]!).some((a) => a.headers.length + a.queryParameters.length > 0)) byConditions++;
      return by >= 0 ? [`${r.name} by ${routes[by]!.name}`] : [];
    });
    // the cases the condition index is for: routes shadowed by a route whose matchers have conditions
    expect(expected.length).toBeGreaterThan(20);
    expect(byConditions).toBeGreaterThan(5);
    expect(findings.map((f) => f.message.replace(/^route `(\w+)` is never reached on h: route `(\w+)`.*$/, '$1 by $2'))).toEqual(expected);
  });
});

describe('header and query matchers Envoy refuses', () => {
  const table = (matcher: string) =>
    `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [a.example.com]\n  http:\n    - name: r\n      matchers: [${matcher}]\n      directResponse: {status: 200}\n    - name: after\n      directResponse: {status: 204}\n`;
  const run = async (matcher: string) => {
    const { analysis, findings } = await analyzeText(table(matcher));
    const route = analysis.model.listeners[0]!.hosts[0]!.routes[0]!;
    return { codes: findings.map((f) => `${f.code}@${f.line}`).filter((c) => !c.startsWith('GW4003')), action: route.action };
  };

  it('replace a route whose header or query parameter matcher has no name (GW4036)', async () => {
    for (const matcher of ['{headers: [{value: x}]}', '{queryParameters: [{value: v}]}', "{headers: [{name: '', value: x}]}"]) {
      const { codes, action } = await run(matcher);
      expect(codes).toEqual(['GW4036@8']);
      expect(action).toEqual({ kind: 'direct', status: 500, replaced: { code: 'GW4036', reason: expect.stringMatching(/matcher has no name$/) } });
    }
  });

  it('replace a route whose header name holds a line break; a space is Envoy\'s to accept, and no request\'s to send (GW4045)', async () => {
    expect((await run('{headers: [{name: "x-a\\nb", value: v}]}')).codes).toEqual(['GW4036@8']);
    const spaced = await run('{headers: [{name: "x a", value: v}]}');
    expect(spaced.codes).toEqual(['GW4045@8']);
    expect(spaced.action.kind).toBe('direct');
    expect('replaced' in spaced.action).toBe(false);
  });
});

describe('invertMatch, which only a header matcher has', () => {
  const table = (matcher: string) =>
    `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ops}\nspec:\n  hosts: [a.example.com]\n  http:\n    - name: r\n      matchers: [${matcher}]\n      directResponse: {status: 200}\n`;
  const first = async (matcher: string) => {
    const { analysis, findings } = await analyzeText(table(matcher));
    // GW4003: a table attached to no VirtualGateway is served on the default listener
    return { matcher: analysis.model.listeners[0]!.hosts[0]!.routes[0]!.matchers[0]!, codes: findings.map((f) => f.code).filter((c) => c !== 'GW4003') };
  };

  it('inverts a header match; a request without the header meets it unless an empty value meets its value (Istio reads the header as empty)', async () => {
    const { matcher, codes } = await first('{headers: [{name: x-beta, value: "true", invertMatch: true}, {name: x-a, value: "(1|true)?", regex: true, invertMatch: true}, {name: x-b, value: "1|true", regex: true, invertMatch: true}, {name: x-c, invertMatch: true}]}');
    expect(matcher.headers).toEqual([
      { name: 'x-beta', value: 'true', regex: false, invert: true, missingMeets: true },
      { name: 'x-a', value: '(1|true)?', regex: true, invert: true },
      { name: 'x-b', value: '1|true', regex: true, invert: true, missingMeets: true },
      { name: 'x-c', regex: false, invert: true },
    ]);
    expect(codes).toEqual([]);
  });

  it('does not invert a query parameter match: the field is unknown there (GW2001), and never reaches Gloo', async () => {
    // the Envoy and Gloo Edge outputs have no inverted query match either: both read it as required
    const { matcher, codes } = await first('{queryParameters: [{name: v, value: "2", invertMatch: true}]}');
    expect(matcher.queryParameters).toEqual([{ name: 'v', value: '2', regex: false, invert: false }]);
    expect(codes).toEqual(['GW2001']);
  });
});

describe('an inverted header condition every request meets (GW4048)', () => {
  let engine: RegexEngine;
  beforeAll(async () => {
    engine = await loadRegexEngine();
  });
  const h = (name: string, value?: string, missingMeets = false, regex = value !== undefined): ValueMatch => ({ name, ...(value !== undefined ? { value } : {}), regex, invert: true, ...(missingMeets ? { missingMeets: true as const } : {}) });
  const said = (headers: ValueMatch[]) => {
    const out: string[] = [];
    vacuousConditions({ headers, queryParameters: [] }, engine, (what, j, at) => out.push(`${j} ${at} ${what}`));
    return out;
  };

  it('is one on a name no request carries that a request without the header meets; not a pseudo-header, not one an empty value meets', () => {
    expect(said([h('x admin'), h('x beta', '1|true', true), h('x debug', '.*'), h(':method'), h('x-admin'), h('internal caller', 'on', true)]).map((s) => s.split(' (')[0])).toEqual([
      '0 name a header named `x admin`',
      '1 name a header named `x beta`',
      '5 name a header named `internal caller`',
    ]);
  });

  it('is one on a value no request\'s header holds: a control character but a tab, or a regex that matches no such value', () => {
    // `value: |` in YAML: the value ends with a line break
    expect(said([h('x-env', 'prod\n', true, false)])).toEqual(['0 value a value of `x-env` with the control character "\\n" in it']);
    expect(said([h('x-env', 'a\u007fb', true, false), h('x-env', 'a\u0000', true, false), h('x-env', '\r', true, false)]).map((s) => s.slice(0, 7))).toEqual(['0 value', '1 value', '2 value']);
    expect(said([h('x-env', 'pro[\\x00-\\x08]', true)])).toEqual([`0 value a value of \`x-env\` that the regex \`pro[\\x00-\\x08]\` matches (${HEADER_VALUES.what})`]);
    // a tab, a space, a byte past ASCII and whitespace at the ends are held by some request's value;
    // a condition a request without the header does not meet is no vacuous one
    expect(said([h('x-env', 'a\tb', true, false), h('x-env', ' prod ', true, false), h('x-env', 'café', true, false), h('x-env', 'pro.*', true), h('x-env', 'prod\n', false, false)])).toEqual([]);
  });

  it('is one on a Host no request holds: a URL for a host', () => {
    expect(said([h('host', 'http://legacy.example.com', true, false), h('host', 'legacy.example.com', true, false)])).toEqual(['0 value a value of `host` with `/` in it']);
  });
});

describe('a header value with whitespace at its ends (GW4054)', () => {
  it('says where, and what: a space, a tab, or both', () => {
    expect(spacedEnds('application/json ')).toEqual({ shape: 'ends with a space', what: 'space' });
    expect(spacedEnds('\tyes')).toEqual({ shape: 'begins with a tab', what: 'tab' });
    expect(spacedEnds('  yes  ')).toEqual({ shape: 'begins and ends with a space', what: 'space' });
    expect(spacedEnds(' yes\t')).toEqual({ shape: 'begins and ends with whitespace', what: 'whitespace' });
    expect(spacedEnds('   ')).toEqual({ shape: 'is spaces alone', what: 'space' });
    expect(spacedEnds(' \t')).toEqual({ shape: 'is whitespace alone', what: 'whitespace' });
    // inside a value, or what HTTP/1 does not strip (a no-break space; a line break is GW4045's)
    for (const ok of ['yes please', 'a\tb', '\u00a0yes', 'yes\n', '']) expect(spacedEnds(ok), JSON.stringify(ok)).toBeUndefined();
  });

  it('says what an HTTP/1 request misses: a matcher it never meets, an inverted condition that excludes none of them', async () => {
    const table = `apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: t, namespace: ns}
spec:
  hosts: [a.example.com]
  http:
    - matchers: [{headers: [{name: accept, value: "json "}, {name: x-debug, value: " on", invertMatch: true}]}]
      directResponse: {status: 200}
`;
    const { findings } = await analyzeText(table);
    expect(findings.filter((f) => f.code === 'GW4054').map((f) => f.message.split(': ').pop())).toEqual([
      'no HTTP/1 request meets this matcher, only an HTTP/2 request that sends the space',
      'this inverted condition excludes no HTTP/1 request, only an HTTP/2 request that sends the space',
    ]);
  });
});

describe('a matcher that needs what no client can send (GW4045)', () => {
  let engine: RegexEngine;
  beforeAll(async () => {
    engine = await loadRegexEngine();
  });
  const v = (name: string, value?: string, regex = false, invert = false): ValueMatch => ({ name, ...(value !== undefined ? { value } : {}), regex, invert });
  const m = (over: Partial<Matcher>): Matcher => ({ headers: [], queryParameters: [], ...over });
  const path = (kind: 'exact' | 'prefix' | 'regex', value: string) => ({ kind, value, ignoreCase: false });
  it('names what is needed and where it is written', () => {
    expect(unsendable(m({ path: path('prefix', '/a b') }), engine)).toEqual({ what: 'a path with a space in it', at: '/uri/prefix' });
    expect(unsendable(m({ path: path('exact', '/a\t') }), engine)).toEqual({ what: 'a path with the control character "\\t" in it', at: '/uri/exact' });
    expect(unsendable(m({ path: path('exact', '/a\u007f') }), engine)?.at).toBe('/uri/exact');
    expect(unsendable(m({ headers: [v('x-a', '1'), v('x b', '1')] }), engine)).toEqual({ what: 'a header named `x b` (not an HTTP token)', at: '/headers/1/name' });
    expect(unsendable(m({ headers: [v('x:b')] }), engine)?.at).toBe('/headers/0/name');
    expect(unsendable(m({ queryParameters: [v('q&lang', 'en')] }), engine)).toEqual({ what: 'a query parameter whose name has `&` in it', at: '/queryParameters/0/name' });
    expect(unsendable(m({ queryParameters: [v('a=b')] }), engine)?.at).toBe('/queryParameters/0/name');
    expect(unsendable(m({ queryParameters: [v('q', 'a b')] }), engine)).toEqual({ what: 'a query parameter whose value has a space in it', at: '/queryParameters/0/value' });
    expect(unsendable(m({ queryParameters: [v('q', 'a#b')] }), engine)?.at).toBe('/queryParameters/0/value');
  });
  it('names an exact or prefix path the routed path never is or starts with, as the gateway canonicalises it (model/normalize-path.ts)', () => {
    const what = (kind: 'exact' | 'prefix', value: string) => unsendable(m({ path: path(kind, value) }), engine)?.what;
    expect(what('prefix', '/café')).toBe('`/café` at the start of the path (the gateway normalises it to `/caf%C3%A9` before routing)');
    expect(what('exact', '/docs/{id}')).toBe('`/docs/{id}` as the path (the gateway normalises it to `/docs/%7Bid%7D` before routing)');
    for (const c of ['"', '<', '>', '`', '|', '}', '^', '?', '#', '\u{1F600}']) expect(what('prefix', `/a${c}`), c).toMatch(/^`\/a.+` at the start of the path \(the gateway normalises it to `\/a(%[0-9A-F]{2})+` before routing\)$/u);
    expect(what('prefix', '/a\\b')).toBe('`/a\\b` at the start of the path (the gateway normalises it to `/a/b` before routing)');
    expect(what('prefix', '/%7Euser')).toBe('`/%7Euser` at the start of the path (the gateway normalises it to `/~user` before routing)');
    expect(what('prefix', '/%61pi')).toBe('`/%61pi` at the start of the path (the gateway normalises it to `/api` before routing)');
    expect(what('exact', '/a/%2e')).toBe('`/a/%2e` as the path (the gateway normalises it to `/a/` before routing)');
    expect(what('exact', '/public/../admin')).toBe('`/public/../admin` as the path (the gateway normalises it to `/admin` before routing)');
    expect(what('exact', '/public/.')).toBe('`/public/.` as the path (the gateway normalises it to `/public/` before routing)');
    expect(what('prefix', '/a/./b')).toBe('`/a/./b` at the start of the path (the gateway normalises it to `/a/b` before routing)');
    expect(what('exact', '/a%00')).toBe('`/a%00` as the path (the gateway refuses a path holding %00, 400)');
  });

  it('names a path regex that matches no part of a routed path: Envoy matches it against the path without its query', () => {
    const what = (value: string) => unsendable(m({ path: path('regex', value) }), engine)?.what;
    expect(what('/search\\?q=.*')).toBe('a path the regex `/search\\?q=.*` matches (a routed path holds no space, control character, `?` or `#`: Envoy matches a regex against the path without its query)');
    expect(unsendable(m({ path: path('regex', 'Bad Value!') }), engine)?.at).toBe('/uri/regex');
    for (const never of ['/a#b', '/a[ ]b', '/a\\x00', '/(a|b) c', '/a\\s+', '/[\\x{80}-\\x{10FFFF}]+']) expect(what(never), never).toBeDefined();
    // a part of a path, not a whole one: a delegated child's follows its parent's prefix (GW4016 judges the whole)
    for (const part of ['v2/.*', '()', '(/.*)?', '.*\\.json', '[^?]*', '/a b|/c']) expect(what(part), part).toBeUndefined();
  });

  it('names an inverted header regex every value matches, the empty one a request without the header is judged by included', () => {
    expect(unsendable(m({ headers: [v('x-a', '1'), v('x-debug', '.*', true, true)] }), engine)).toEqual({
      what: 'a value of `x-debug` that `.*` does not match (it matches every value, and the empty one a request without the header is judged by)',
      at: '/headers/1/value',
    });
    expect(unsendable(m({ headers: [v('x-debug', '^(.*)$', true, true)] }), engine)?.at).toBe('/headers/0/value');
    // a request without the header meets `!~ .+`; a request with it meets `=~ .*`; `!~ x*` is not known
    for (const ok of [v('x-debug', '.+', true, true), v('x-debug', '.*', true, false), v('x-debug', 'x*', true, true), v('x-debug', '.*', false, true)]) {
      expect(unsendable(m({ headers: [ok] }), engine), `${ok.value} ${ok.invert}`).toBeUndefined();
    }
  });

  it('a header value with a control character but a tab, or a regex only such values meet (Envoy answers 400 to them)', () => {
    // `value: |` in YAML ends the value with a line break
    expect(unsendable(m({ headers: [v('x-a', '1'), v('accept', 'application/json\n')] }), engine)).toEqual({ what: 'a value of `accept` with the control character "\\n" in it', at: '/headers/1/value' });
    for (const never of ['a\u0000', '\u0001', 'a\u001fb', 'x\u007f', 'a\rb']) expect(unsendable(m({ headers: [v('x-a', never)] }), engine)?.at, JSON.stringify(never)).toBe('/headers/0/value');
    // DEL is a control character too (escaped where it is printed)
    expect(unsendable(m({ headers: [v('x-a', 'x\u007f')] }), engine)?.what).toBe('a value of `x-a` with the control character "\u007f" in it');
    for (const never of ['yes\\n', '.*\\x00.*', '[\\x01-\\x08]+', '\\r?\\n', 'a\\x7f']) {
      expect(unsendable(m({ headers: [v('x-a', never, true)] }), engine), never).toEqual({ what: `a value of \`x-a\` that the regex \`${never}\` matches (${HEADER_VALUES.what})`, at: '/headers/0/value' });
    }
  });

  it('a Host value with a character no Host holds: a URL, a path, a space, a character past ASCII (Envoy answers 400 to them)', () => {
    // `host` and `:authority` read one value, in any case
    expect(unsendable(m({ headers: [v('host', 'https://admin.example.com')] }), engine)).toEqual({ what: 'a value of `host` with `/` in it', at: '/headers/0/value' });
    for (const [name, never] of [[':authority', 'admin.example.com '], ['Host', 'a"b'], ['HOST', 'café.example.com'], ['host', 'a{b}'], ['host', 'a\tb'], ['host', 'a^b']] as const) {
      expect(unsendable(m({ headers: [v(name, never)] }), engine)?.at, `${name} ${JSON.stringify(never)}`).toBe('/headers/0/value');
    }
    expect(unsendable(m({ headers: [v(':authority', 'admin\\.example\\.com/v1', true)] }), engine)).toEqual({ what: `a value of \`:authority\` that the regex \`admin\\.example\\.com/v1\` matches (${AUTHORITY_VALUES.what})`, at: '/headers/0/value' });
    // every character a Host holds, a port, a wildcard, an IPv6 literal, the empty value, a regex some Host meets
    for (const ok of [v('host', "a!$%&'()*+,-.09:;=@AZ[]_az~"), v('host', 'api.example.com:8080'), v('host', '*.example.com'), v('host', '[::1]:80'), v('host', '', false), v('host', '.*/?', true), v('host', 'a{0}', true), v('x-forwarded-host', 'https://a.example.com')]) {
      expect(unsendable(m({ headers: [ok] }), engine), `${ok.name} ${ok.value}`).toBeUndefined();
    }
  });

  it('a `:path` value that does not start with `/`, or holds a space, a control character or `#` (the path routed and its query)', () => {
    expect(unsendable(m({ headers: [v(':path', 'search?q=x')] }), engine)).toEqual({ what: 'a value of `:path` that does not start with `/`', at: '/headers/0/value' });
    expect(unsendable(m({ headers: [v(':PATH', '/a b')] }), engine)?.what).toBe('a value of `:PATH` with a space in it');
    expect(unsendable(m({ headers: [v(':path', '/docs#intro')] }), engine)?.what).toBe('a value of `:path` with `#` in it');
    expect(unsendable(m({ headers: [v(':path', 'search\\?q=.*', true)] }), engine)?.what).toBe(`a value of \`:path\` that the regex \`search\\?q=.*\` matches (${PSEUDO_PATH_VALUES.what})`);
    // the path and its query, a character past ASCII in the query, any value, and `:path` itself a header name a request may hold beside no other
    for (const ok of [v(':path', '/search?q=a&b=c'), v(':path', '/search?q=café'), v(':path', '/search\\?q=é.*', true), v(':path', '/search\\?q=.*', true), v(':path', '.*', true), v('x-path', 'search')]) {
      expect(unsendable(m({ headers: [ok] }), engine), `${ok.name} ${ok.value}`).toBeUndefined();
    }
  });

  it('leaves alone what a request can meet: a regex, an inverted header, a token, an escaped path, `=` in a value', () => {
    for (const ok of [
      m({ path: path('regex', '/a b|/c') }),
      m({ path: path('prefix', '/a%20b') }),
      // escapes the gateway keeps, as written (hex case and all)
      m({ path: path('prefix', '/caf%C3%A9') }),
      m({ path: path('prefix', '/a%2Fb%2f%7b%25') }),
      // a prefix a longer name continues (`/a/..b`), names with dots
      m({ path: path('prefix', '/a/..') }),
      m({ path: path('prefix', '/a/.') }),
      m({ path: path('prefix', '/a%') }),
      // a child's part of a delegated prefix, judged once combined
      m({ path: path('prefix', 'v2/%7E') }),
      m({ path: path('exact', '/a/..b/.c') }),
      m({ path: path('exact', "/a!$&'()*+,;=:@[]~-_.") }),
      m({ headers: [v('x b', undefined, false, true)] }),
      m({ headers: [v("X-A!#$%&'*+.^_`|~", 'a b')] }),
      m({ headers: [v('x-a', 'a b\tc')] }),
      // a header value with whitespace at its ends (an HTTP/2 value arrives as sent), past ASCII, or an
      // inverted one (GW4048's), and a header regex some value meets
      m({ headers: [v('x-a', ' yes '), v('x-b', 'café'), v('x-c', 'a\nb', false, true)] }),
      m({ headers: [v('x-a', '\\s*yes', true), v('x-b', '[^a-z]*', true), v('x-c', '(?s).', true)] }),
      // a tab, the empty value (`X-A:`) and a character past ASCII are values a header may hold
      m({ headers: [v('x-a', 'a\\tb', true), v('x-b', '^$', true), v('x-c', 'caf[é]', true)] }),
      // a regex RE2 refuses is GW4015's: whether it matches is not known, and nothing more is said
      m({ headers: [v('x-a', '(a)\\1', true)] }),
      m({ queryParameters: [v('q', 'a=b')] }),
      // a query value regex met by the value as sent, by the empty value, or by a character past ASCII
      m({ queryParameters: [v('q', 'a(%20|\\+)b', true)] }),
      m({ queryParameters: [v('q', ' *', true)] }),
      m({ queryParameters: [v('q', '[^a-z]+', true)] }),
      m({ queryParameters: [v('q', 'caf[é]', true)] }),
      m({ queryParameters: [v('q', '(?i)\u212a', true)] }),
    ]) expect(unsendable(ok, engine)).toBeUndefined();
  });

  it('names a query value regex no value as sent meets: the query is split at `&`, undecoded, and ends at `#`', () => {
    expect(unsendable(m({ queryParameters: [v('lang', 'en'), v('q', 'a b', true)] }), engine)).toEqual({
      what: 'a value of query parameter `q` that the regex `a b` matches (a query value holds no space, control character, `&` or `#`: Envoy matches it as sent, split at `&`, without decoding `%20` or `+`)',
      at: '/queryParameters/1/value',
    });
    for (const never of ['(en|de)&region=eu', '[0-9]+#.*', '\\s+', 'a[\\x00-\\x20]', '[^\\x21-\\x{10FFFF}]']) expect(unsendable(m({ queryParameters: [v('q', never, true)] }), engine), never).toBeDefined();
  });
});

describe('reading a route\'s matchers', () => {
  const table = (matcher: string) =>
    `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: shop}\nspec:\n  hosts: [a.example.com]\n  http:\n    - name: r\n      matchers: [${matcher}]\n      directResponse: {status: 200}\n`;
  const read = async (matcher: string) => {
    const { analysis, findings } = await analyzeText(table(matcher));
    const route = analysis.model.listeners[0]!.hosts[0]!.routes[0]!;
    return { matcher: route.matchers[0]!, findings: findings.filter((f) => f.code !== 'GW4003') };
  };

  it('a header or query regex of `*` alone, Istio\'s idiom for presence, is refused with what Istio makes of it (GW4015)', async () => {
    const { analysis, findings } = await analyzeText(table('{headers: [{name: x-a, value: "*", regex: true}], queryParameters: [{name: q, value: "*", regex: true}]}, {uri: {regex: "*"}}'));
    const messages = findings.filter((f) => f.code === 'GW4015').map((f) => f.message);
    expect(messages).toHaveLength(3);
    expect(messages.slice(0, 2).every((m) => m.endsWith('(Istio reads a regex of `*` alone as the presence of the header or parameter; whether Gloo Platform hands it on unchecked the public sources do not say: for presence, leave `value` out)'))).toBe(true);
    // a path has no presence
    expect(messages[2]).toBe('RE2 rejects this regular expression: missing argument to repetition operator: `*`');
    expect(analysis.model.listeners[0]!.hosts[0]!.routes[0]!.matchers.every((m) => m.refused)).toBe(true);
  });

  it('a `*` in an exact or prefix path is an asterisk, and says what to write (GW4051)', async () => {
    const said = async (uri: string) => (await read(`{uri: ${uri}}`)).findings.map((f) => `${f.code} ${f.message}`);
    expect(await said('{exact: "/v1/*/users"}')).toEqual(["GW4051 the exact path `/v1/*/users` holds `*`, which Envoy compares as an asterisk, as written, where a glob's `*` is any text: it matches only the path `/v1/*/users` itself; write the regex `/v1/[^/]*/users` (`[^/]*` a segment, `.*` any text)"]);
    expect(await said('{prefix: "/api/*"}')).toEqual(["GW4051 the prefix path `/api/*` holds `*`, which Envoy compares as an asterisk, as written, where a glob's `*` is any text: it matches only paths that begin `/api/*`; write the prefix `/api/`"]);
  });

  it('a regex written as an exact or prefix path says the regex to write, a prefix\'s open at its end (GW4052), and is not said as a glob', async () => {
    const said = async (uri: string) => (await read(`{uri: ${uri}}`)).findings.map((f) => `${f.code} ${f.message}`);
    expect(await said('{prefix: "/static/.*"}')).toEqual(['GW4052 the prefix path `/static/.*` is compared as written, character for character, yet holds `.*`, as a regex does: it matches only paths that begin with that text; match it with `uri.regex: /static/.*`']);
    expect((await said('{prefix: "/v[0-9]+"}'))[0]).toMatch(/match it with `uri\.regex: \/v\[0-9\]\+\.\*`$/);
    expect((await said('{exact: "/v[0-9]+"}'))[0]).toMatch(/it matches only that path; match it with `uri\.regex: \/v\[0-9\]\+`$/);
  });

  it('a regex RE2 rejects is said once (GW4015), and not read as a glob', async () => {
    const { findings } = await read('{uri: {regex: "/api/**"}}');
    expect(findings.map((f) => f.code)).toEqual(['GW4015']);
  });

  it('a suffix that needs what no routed path holds is met by no request (GW4045), with no other regex in the input', async () => {
    const { findings } = await read('{uri: {suffix: "a b"}}');
    expect(findings.map((f) => f.code).sort()).toEqual(['GW4017', 'GW4045']);
    // named by the suffix written, and placed at it
    const unsendableSuffix = findings.find((f) => f.code === 'GW4045')!;
    expect(unsendableSuffix.message).toContain('needs a path that ends in `a b` (a routed path holds no space');
    expect(unsendableSuffix.at).toMatchObject({ kind: 'node', pointer: '/spec/http/0/matchers/0/uri/suffix' });
    // a regex written beside a suffix (GW2008) is the path matched, and named as itself
    const both = await read('{uri: {regex: "/a b", suffix: x}}');
    expect(both.findings.find((f) => f.code === 'GW4045')?.at).toMatchObject({ kind: 'node', pointer: '/spec/http/0/matchers/0/uri/regex' });
  });

  it('a regex path does not fold case, whatever ignoreCase says (GW4019); a suffix does, as `(?i)` (GW4017)', async () => {
    const regex = await read('{uri: {regex: "/a.*", ignoreCase: true}}');
    expect(regex.matcher.path).toEqual({ kind: 'regex', value: '/a.*', ignoreCase: false });
    expect(regex.findings.map((f) => f.code)).toEqual(['GW4019']);
    const suffix = await read('{uri: {suffix: .json, ignoreCase: true}}');
    expect(suffix.matcher.path).toEqual({ kind: 'regex', value: '(?i).*\\.json', ignoreCase: false });
    expect(suffix.findings.map((f) => f.code)).toEqual(['GW4017']);
  });

  it('checks a regex as RE2 wherever it is the input\'s only one: a path, a header, a query parameter (GW4015)', async () => {
    // the RE2 engine is loaded only for inputs that hold a regex (build-model.ts): each place must say so
    for (const matcher of ['{uri: {regex: "/a(?=b)"}}', '{headers: [{name: x, value: "a(?=b)", regex: true}]}', '{queryParameters: [{name: q, value: "a(?=b)", regex: true}]}']) {
      expect((await read(matcher)).findings.map((f) => f.code), matcher).toEqual(['GW4015']);
    }
  });

  it('refuses a header name holding NUL as Envoy does (GW4036)', async () => {
    const { matcher, findings } = await read('{headers: [{name: "x-a\\0b", value: v}]}');
    expect(findings.map((f) => f.code)).toEqual(['GW4036']);
    expect(matcher.refused).toBe(true);
  });

  it('a lower-case method that is no token either is GW4020\'s alone', async () => {
    expect((await read('{method: "get x"}')).findings.map((f) => f.code)).toEqual(['GW4020']);
  });

  it('GW4039: a header named twice in two spellings; not a query parameter in two cases, an inverted header beside the same one, or two without a name', async () => {
    const twice = await read('{headers: [{name: X-A, value: "1"}, {name: x-a, value: "2"}]}');
    expect(twice.findings.map((f) => f.message)).toEqual([expect.stringContaining('names the header `x-a` a second time (as `X-A` before):')]);
    const same = await read('{headers: [{name: x-a, value: "1"}, {name: x-a, value: "2"}]}');
    expect(same.findings.map((f) => f.message)).toEqual([expect.stringContaining('names the header `x-a` a second time: Gloo')]);
    expect((await read('{queryParameters: [{name: page, value: "1"}, {name: Page, value: "2"}]}')).findings).toEqual([]);
    expect((await read('{headers: [{name: x-a, value: "1"}, {name: x-a, value: "2", invertMatch: true}]}')).findings).toEqual([]);
    expect((await read('{headers: [{value: "1"}, {value: "2"}]}')).findings.map((f) => f.code)).toEqual(['GW4036', 'GW4036']);
  });
});

describe('matchesOnListener', () => {
  it('counts only the matchers Envoy accepts: a route of refused matchers invokes nothing from any listener', () => {
    const refused = m({ kind: 'regex', value: '(', ignoreCase: false }, { refused: true });
    expect(matchesOnListener({ matchers: [refused] }, 8080)).toBe(false);
    expect(matchesOnListener({ matchers: [refused, m(undefined, { port: 8080 })] }, 8080)).toBe(true);
    expect(matchesOnListener({ matchers: [m(undefined, { port: 443 })] }, 8080)).toBe(false);
    expect(matchesOnListener({ matchers: [] }, 8080)).toBe(true);
  });
});

describe('describeMatcher (the routes table\'s MATCH column)', () => {
  it('says every condition of a matcher in one line', () => {
    const all = m({ kind: 'prefix', value: '/api', ignoreCase: true }, {
      headers: [{ name: 'x-beta', value: 'true', regex: false, invert: true }, { name: 'x-env', regex: false, invert: false }, { name: 'x-v', value: '[0-9]+', regex: true, invert: false }],
      queryParameters: [{ name: 'page', value: '1', regex: false, invert: false }],
      method: 'POST',
      port: 8080,
      refused: true,
    });
    expect(describeMatcher(all)).toBe('prefix /api (any case), header x-beta not=true, header x-env present, header x-v ~ [0-9]+, query page=1, POST, port 8080, refused by Envoy');
    expect(describeMatcher(m())).toBe('any request');
  });

  it('quotes a value whose ends a table would hide: white space at an end, a line break, nothing at all', () => {
    const headers = ['admin.example.com ', '\tyes', 'json\n', 'a\rb', 'a b'].map((value) => ({ name: 'host', value, regex: false, invert: false }));
    expect(describeMatcher(m(undefined, { headers }))).toBe('header host="admin.example.com ", header host="\\tyes", header host="json\\n", header host="a\\rb", header host=a b');
    expect(describeMatcher(m({ kind: 'prefix', value: '/a ', ignoreCase: false }, { queryParameters: [{ name: 'q', value: ' x', regex: true, invert: false }] }))).toBe('prefix "/a ", query q ~ " x"');
    // Gloo's empty prefix, which every path starts with (a child's part of a delegated prefix is joined first)
    expect(describeMatcher(m({ kind: 'prefix', value: '', ignoreCase: false }))).toBe('prefix ""');
  });
});

describe('GW4043: a matcher for a port no listener of its route has', () => {
  it('names the listeners\' ports in order, and says whether the route matches anything at all', async () => {
    // the listeners written 8080 first: the message lists 80, 8080
    const { findings } = await analyzeText(`apiVersion: networking.gloo.solo.io/v2
kind: VirtualGateway
metadata: {name: edge, namespace: ops}
spec:
  listeners: [{port: {number: 8080}, http: {}}, {port: {number: 80}, http: {}}]
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: shop, namespace: ops}
spec:
  hosts: [shop.example.com]
  virtualGateways: [{name: edge}]
  http:
    - name: only-elsewhere
      matchers: [{uri: {prefix: /a}, port: 9090}, {uri: {prefix: /b}, port: 9091}]
      directResponse: {status: 200}
    - name: partly-elsewhere
      matchers: [{uri: {prefix: /c}, port: 9090}, {uri: {prefix: /d}}]
      directResponse: {status: 200}
`);
    expect(findings.filter((f) => f.code === 'GW4043').map((f) => f.message)).toEqual([
      'a matcher of route `only-elsewhere` is for port 9090, and the listeners that serve the route are on 80, 8080: the route matches no request',
      'a matcher of route `only-elsewhere` is for port 9091, and the listeners that serve the route are on 80, 8080: the route matches no request',
      'a matcher of route `partly-elsewhere` is for port 9090, and the listeners that serve the route are on 80, 8080: no request matches it',
    ]);
  });
});
