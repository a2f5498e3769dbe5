import type { HostNode, RouteNode } from '../model/types';

/**
 * Hosts of a listener that serve the very same routes share one virtual host in Envoy, one VirtualService
 * in Gloo Edge and one HTTPRoute in the Gateway API: each target expects a domain once per listener, and
 * the shared routes are written once. "The same" is the same route objects: hosts of one root table share
 * its flattened routes (model/build-model.ts). Names and sources are not enough: two tables in one file
 * have routes of the same name at the same pointer, and one child delegated to by two parents gives routes
 * of the same name and source with different matchers. Groups keep the hosts' order.
 */
export function groupHosts(hosts: readonly HostNode[]): HostNode[][] {
  const ids = new Map<RouteNode, number>();
  const id = (r: RouteNode) => {
    let n = ids.get(r);
    if (n === undefined) ids.set(r, (n = ids.size));
    return n;
  };
  const groups = new Map<string, HostNode[]>();
  for (const h of hosts) {
    const key = h.routes.map(id).join(',');
    const group = groups.get(key);
    if (group) group.push(h);
    else groups.set(key, [h]);
  }
  return [...groups.values()];
}
