import type { HostNode } from '../model/types';

/**
 * Hosts of a listener whose routes are the same routes (by name and source) share one virtual host in
 * Envoy and one VirtualService in Gloo Edge: each target expects a domain once per listener, and the
 * shared routes are written once. Groups keep the hosts' order.
 */
export function groupHosts(hosts: readonly HostNode[]): HostNode[][] {
  const groups = new Map<string, HostNode[]>();
  for (const h of hosts) {
    const key = h.routes.map((r) => `${r.name}@${r.source.kind === 'node' ? r.source.doc.file.name + r.source.pointer : ''}`).join('|');
    const group = groups.get(key);
    if (group) group.push(h);
    else groups.set(key, [h]);
  }
  return [...groups.values()];
}
