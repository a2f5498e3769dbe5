/**
 * A VirtualGateway `gw` of these listeners and one RouteTable `rt` on it, for one host, of these routes
 * (flow YAML each), after the manifests of `before` (providers, functions): the input of a test that
 * states only its listeners and routes.
 */
export function gatewayWith(listeners: readonly string[], routes: readonly string[], { namespace = 'gw', host = 'api.example.com', before = '' } = {}): string {
  return `${before}apiVersion: networking.gloo.solo.io/v2
kind: VirtualGateway
metadata: {name: gw, namespace: ${namespace}}
spec:
  listeners: [${listeners.join(', ')}]
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: rt, namespace: ${namespace}}
spec:
  hosts: [${host}]
  virtualGateways: [{name: gw}]
  http: [${routes.join(', ')}]
`;
}
