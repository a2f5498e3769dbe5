import { finding, type Finding } from '../diagnostics/finding';
import type { HostNode, ListenerNode } from '../model/types';

/**
 * The listeners one proxy binds to one port. In Gloo every listener on a port of the gateway workload
 * (of one VirtualGateway or of several) is served by that port: plain HTTP listeners share one HTTP
 * connection manager, whose virtual hosts tell the hosts apart; TLS listeners keep a filter chain each,
 * chosen by SNI. Envoy refuses two listeners with the same address ("has duplicate address ... as
 * existing listener", listener_manager_impl.cc), and Gloo Edge two Gateways of one proxy on one port.
 */
export interface PortGroup {
  readonly port: number;
  /** the first names the port's listener; with TLS, each keeps a filter chain of its own */
  readonly listeners: readonly ListenerNode[];
  readonly tls: boolean;
}

/**
 * The model's listeners grouped by the port the target binds (`portOf`), in the model's order. What one
 * port cannot serve is left out with an error (GW7014), the earlier listener kept: plain HTTP and TLS on
 * one port (Gloo refuses it too: one appProtocol per port), a host two listeners of the port serve (one
 * virtual host, or one SNI name, per host), and, among TLS listeners, a second one whose hosts SNI cannot
 * name (`*`, or a wildcard not of the form `*.`), which only the default filter chain can serve.
 */
export function portGroups(listeners: readonly ListenerNode[], portOf: (l: ListenerNode) => number, target: string, findings: Finding[]): PortGroup[] {
  const byPort = new Map<number, ListenerNode[]>();
  for (const l of listeners) {
    const port = portOf(l);
    const group = byPort.get(port);
    if (group) group.push(l);
    else byPort.set(port, [l]);
  }
  return [...byPort].map(([port, group]) => {
    if (group.length === 1) return { port, listeners: group, tls: group[0]!.tls !== undefined };
    const first = group[0]!;
    const tls = first.tls !== undefined;
    const kept: ListenerNode[] = [];
    const served = new Map<string, ListenerNode>();
    let defaultChain: ListenerNode | undefined;
    for (const l of group) {
      const clash = (reason: string, other: ListenerNode) => {
        if (l.source) findings.push(finding('GW7014', { listener: l.name, port, other: other.name, target, reason }, l.source, { resource: l.gateway ?? undefined }));
      };
      if ((l.tls !== undefined) !== tls) {
        clash(`${tls ? 'it serves plain HTTP and the other TLS' : 'it serves TLS and the other plain HTTP'}: this listener is left out`, first);
        continue;
      }
      const hosts: HostNode[] = [];
      for (const h of l.hosts) {
        const earlier = served.get(h.host);
        if (earlier) clash(`both serve host ${h.host}: this listener's is left out`, earlier);
        else hosts.push(h);
      }
      // nothing left to serve: no listener (a TLS chain without hosts would match what the others do)
      if (hosts.length === 0) continue;
      // the one filter chain without server names takes what no SNI name matches
      if (tls && !hosts.every((h) => sniName(h.host))) {
        if (defaultChain) {
          clash('SNI cannot tell their hosts apart (a host `*`, or a wildcard other than a leading `*.`): this listener is left out', defaultChain);
          continue;
        }
        defaultChain = l;
      }
      for (const h of hosts) served.set(h.host, l);
      kept.push(hosts.length === l.hosts.length ? l : { ...l, hosts });
    }
    return { port, listeners: kept, tls };
  });
}

/** A host SNI can name in a filter chain match: an exact name, or a leading `*.` wildcard. */
export function sniName(host: string): boolean {
  return host !== '*' && (!host.includes('*') || (host.startsWith('*.') && !host.slice(2).includes('*')));
}
