import { FlatRoute } from './route-nodes';
import type { Matcher } from './types';

/**
 * The routes of one host that several root tables serve, in the order Gloo's gateway matches them.
 * Gloo Platform makes one Istio VirtualService of each root table, and Istio builds the virtual host from
 * them (istio/istio pilot/pkg/networking/core/route/route.go):
 * - one Envoy route per matcher, and a VirtualService is read no further than its first catch-all: a
 *   path of any kind (prefix `/`, regex `.*`, none) with no header, query parameter or method
 *   (BuildHTTPRoutesForVirtualService, IsCatchAllRoute);
 * - the virtual host's catch-all routes are then moved to its end, the rest keeping their order
 *   (SortVHostRoutes), so that one table's catch-all does not hide the next table's routes.
 * A route whose matchers hold a catch-all among others is split there: the matchers before it keep the
 * route's place, the catch-all moves. Routes of a table after its catch-all are never reached: they are
 * kept, after every catch-all, where the shadowing check names the catch-all that hides them.
 */
export function catchAllsLast(lists: readonly (readonly FlatRoute[])[], port: number): FlatRoute[] {
  const heads: FlatRoute[] = [];
  const catchAlls: FlatRoute[] = [];
  const tails: FlatRoute[] = [];
  for (const list of lists) {
    let cut = false;
    for (const route of list) {
      if (cut) {
        tails.push(route);
        continue;
      }
      const at = route.matchers.length === 0 ? 0 : route.matchers.findIndex((m) => isCatchAll(m, port));
      if (at < 0) {
        heads.push(route);
        continue;
      }
      cut = true;
      if (route.matchers.length <= 1) {
        catchAlls.push(route);
        continue;
      }
      if (at > 0) heads.push(new FlatRoute(route.matchers.slice(0, at), route.action, route.chain, route.labels));
      catchAlls.push(new FlatRoute([route.matchers[at]!], route.action, route.chain, route.labels));
    }
  }
  return [...heads, ...catchAlls, ...tails];
}

/**
 * IsCatchAllRoute, on a matcher: the Envoy route it becomes matches every path, with no header match (a
 * method is the `:method` header) and no query parameter. A matcher for another port is no route of
 * this listener at all (Istio leaves it out: TranslateRoute).
 */
function isCatchAll(m: Matcher, port: number): boolean {
  if (m.port !== undefined && m.port !== port) return false;
  if (m.headers.length || m.queryParameters.length || m.method !== undefined) return false;
  const path = m.path;
  return path === undefined || (path.kind === 'prefix' && path.value === '/') || (path.kind === 'regex' && path.value === '.*');
}
