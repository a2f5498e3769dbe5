import type { Model } from './types';

/**
 * Why the model serves no route, or null when it serves one: for the routes table and for GW7020. A
 * listener's host comes from a RouteTable with hosts attached to it, and holds that table's routes and
 * those of the tables it delegates to; a table without routes (or only with routes of kinds no gateway
 * serves) still gives its hosts, with none.
 */
export function whyNoRoutes(model: Model): string | null {
  let hosts = false;
  for (const l of model.listeners) {
    for (const h of l.hosts) {
      if (h.routes.length > 0) return null;
      hosts = true;
    }
  }
  return hosts
    ? 'the RouteTables attached to a listener hold no route'
    : 'no RouteTable with hosts is attached to a listener (a delegated table serves routes only through a parent with hosts)';
}
