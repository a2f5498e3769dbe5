import { finding, type Finding } from '../diagnostics/finding';
import { namesAPort } from './matchers';
import type { RouteNode, RouteOrigin } from './types';

/**
 * GW4043: a matcher whose `port` no listener serving its route has. A matcher's port is the listener's
 * (listenerMatchers in model/matchers.ts), so such a matcher matches no request on any of them, and a
 * route whose every matcher is such is never served. Routes are noted as the listeners are built, each
 * list of routes once per listener; only routes with a matcher port are kept (few have one).
 */
export class MatcherPorts {
  /**
   * by the route's chain: without retainRoutes each host's routes are flattened anew, other route
   * objects, while the origins in their chains are the tables' own (a number each, to make a key)
   */
  private readonly served = new Map<string, { route: RouteNode; ports: Set<number> }>();
  private readonly ids = new Map<RouteOrigin, number>();
  private listenerLists = new WeakSet<readonly RouteNode[]>();

  /** A listener begins: lists seen for the one before are looked at again for this port. */
  listener(): void {
    this.listenerLists = new WeakSet();
  }

  /** The routes a host of a listener on `port` serves. */
  note(routes: readonly RouteNode[], port: number): void {
    if (this.listenerLists.has(routes)) return;
    this.listenerLists.add(routes);
    for (const route of routes) {
      if (!namesAPort(route)) continue;
      const key = route.chain.map((o) => this.idOf(o)).join(' ');
      let entry = this.served.get(key);
      if (!entry) this.served.set(key, (entry = { route, ports: new Set() }));
      entry.ports.add(port);
    }
  }

  private idOf(origin: RouteOrigin): number {
    let id = this.ids.get(origin);
    if (id === undefined) this.ids.set(origin, (id = this.ids.size));
    return id;
  }

  report(findings: Finding[]): void {
    for (const { route, ports } of this.served.values()) {
      const unserved = [...new Set(route.matchers.flatMap((m) => (m.port !== undefined && !ports.has(m.port) ? [m.port] : [])))];
      const all = route.matchers.every((m) => m.port !== undefined && !ports.has(m.port));
      const on = [...ports].sort((a, b) => a - b).join(', ');
      for (const port of unserved) {
        findings.push(finding('GW4043', { route: route.name, matcherPort: port, listenerPorts: on, outcome: all ? 'the route matches no request' : 'no request matches it' }, route.source, { resource: route.chain[route.chain.length - 1]!.table }));
      }
    }
  }
}
