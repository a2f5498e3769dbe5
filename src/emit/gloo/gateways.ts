import type { ListenerNode } from '../../model/types';
import { dnsName } from '../dns-name';
import { GLOO_DIRECT_BODY_BYTES } from '../../model/direct-body-limit';

/** The label a listener's VirtualServices carry and its Gateway selects them by. */
export const LISTENER_LABEL = 'gwctl.dev/listener';

export const listenerLabel = (listener: ListenerNode) => dnsName(listener.name.replace(/[/:]/g, '.'));

/**
 * Gloo's gateway-proxy runs without the privilege to bind ports below 1024: its own default Gateways
 * bind 8080 and 8443 and the Service maps 80 and 443 onto them. A listener below 1024 is bound the same
 * way, 8000 higher, unless another listener has that port itself (two Gateways of one proxy cannot share
 * a port): then it keeps its own.
 */
export const bindPort = (port: number, listenerPorts: ReadonlySet<number>) => (port < 1024 && !listenerPorts.has(port + 8000) ? port + 8000 : port);

/**
 * A gateway.solo.io/v1 Gateway per listener, selecting exactly the VirtualServices of that listener.
 * Without it Gloo's default Gateways take every VirtualService whose SSL setting matches theirs
 * (gateway translator, HttpGatewayContainsVirtualService) and reject a domain that two of them claim
 * (validateVirtualServiceDomains): two TLS listeners on different ports would collide on one Gateway.
 */
export function glooGateway(listener: ListenerNode, name: string, namespace: string, listenerPorts: ReadonlySet<number>, largeDirectBodies = false): Record<string, unknown> {
  return {
    apiVersion: 'gateway.solo.io/v1',
    kind: 'Gateway',
    metadata: { name, namespace, labels: { [LISTENER_LABEL]: listenerLabel(listener) } },
    spec: {
      bindAddress: '::',
      bindPort: bindPort(listener.port, listenerPorts),
      ssl: listener.tls !== undefined,
      proxyNames: ['gateway-proxy'],
      httpGateway: { virtualServiceSelector: { [LISTENER_LABEL]: listenerLabel(listener) }, virtualServiceNamespaces: [namespace] },
      // Gloo Edge's route configuration options (RouteConfigurationOptions): a body above Envoy's 4 KiB
      // default, as Gloo Platform's gateways allow it (emit/direct-body.ts)
      ...(largeDirectBodies ? { routeOptions: { maxDirectResponseBodySizeBytes: GLOO_DIRECT_BODY_BYTES } } : {}),
    },
  };
}
