import { describe, expect, it } from 'vitest';
import { catchAllsLast } from '../../src/model/catch-alls-last';
import { FlatRoute } from '../../src/model/route-nodes';
import type { Matcher } from '../../src/model/types';

const m = (path?: Matcher['path'], extra: Partial<Matcher> = {}): Matcher => ({ ...(path ? { path } : {}), headers: [], queryParameters: [], ...extra });
const prefix = (value: string) => m({ kind: 'prefix', value, ignoreCase: false });
const route = (name: string, matchers: Matcher[]) => new FlatRoute(matchers, { kind: 'direct', status: 200 }, [{ table: { kind: 'RouteTable', namespace: 'n', name: 't' }, route: name, source: {} as never }], {});
const order = (routes: FlatRoute[]) => routes.map((r) => `${r.name}${r.matchers.length ? ` ${r.matchers.map((x) => x.path?.value ?? '(any)').join(',')}` : ''}`);

describe('several root tables on one host: catch-all routes last (Istio SortVHostRoutes)', () => {
  it('moves each table\'s first catch-all after every other route; what follows it in its table goes last', () => {
    const a = [route('a1', [prefix('/a')]), route('a-all', []), route('a-after', [prefix('/x')])];
    const b = [route('b1', [prefix('/x')]), route('b-all', [prefix('/')])];
    expect(order(catchAllsLast([a, b], 80))).toEqual(['a1 /a', 'b1 /x', 'a-all', 'b-all /', 'a-after /x']);
  });

  it('splits a route whose catch-all matcher follows others, dropping the matchers after it', () => {
    const a = [route('home', [m({ kind: 'exact', value: '/', ignoreCase: false }), prefix('/'), prefix('/never')])];
    expect(order(catchAllsLast([a, [route('b', [prefix('/b')])]], 80))).toEqual(['home /', 'b /b', 'home /']);
    expect(catchAllsLast([a, []], 80).map((r) => r.matchers.map((x) => x.path?.kind))).toEqual([['exact'], ['prefix']]);
  });

  it('counts regex `.*` as a catch-all, and neither a header, a query parameter, a method nor another port', () => {
    const h = { name: 'x', value: '1', regex: false, invert: false };
    const others = [
      route('header', [m(undefined, { headers: [h] })]),
      route('query', [m(undefined, { queryParameters: [h] })]),
      route('method', [m(undefined, { method: 'GET' })]),
      route('other-port', [m(undefined, { port: 8080 })]),
    ];
    expect(order(catchAllsLast([[route('this-port', [m(undefined, { port: 80 })]), route('after', [prefix('/z')])], others], 80))).toEqual([
      'header (any)', 'query (any)', 'method (any)', 'other-port (any)', 'this-port (any)', 'after /z',
    ]);
    expect(order(catchAllsLast([[route('regex', [m({ kind: 'regex', value: '.*', ignoreCase: false })]), route('b', [prefix('/b')])], [route('c', [prefix('/c')])]], 80))).toEqual(['c /c', 'regex .*', 'b /b']);
  });
});
