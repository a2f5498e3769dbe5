/**
 * The shape of each policy kind's `spec` as its CRD defines it, down to the selectors: the fields the API
 * server admits, and the type, enum and range of each selector field. From solo-io/solo-apis
 * `api/gloo.solo.io/common/v2/selectors.proto` (ObjectSelector, DestinationSelector, RouteSelector,
 * RouteLabelSelector, RouteDestinationSelector, ListenerSelector, WorkloadSelector) and each kind's
 * `api/gloo.solo.io/policy/v2/<group>/<kind>.proto` (its `...Spec` message), as the gloo-platform-crds
 * 2.14.0 chart's CRDs render them: camelCase names, enums as their names, a PortSelector's `number` from 1
 * to 65535 and `number` or `name`, a oneof as "one of them" (the CRD's `oneOf`). What a policy configures
 * (`config`, a ClientTLSPolicy's modes but for their TLS settings, a RateLimitClientConfig's `raw`) is
 * Gloo's to read and not looked into here, but for being a mapping.
 */
export type Shape =
  /** text; labels: a mapping of text to text; a mapping not looked into; anything (read elsewhere) */
  | { readonly type: 'string' | 'labels' | 'mapping' | 'any' }
  /** a port number (an integer from 1 to 65535) */
  | { readonly type: 'port' }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly type: 'list'; readonly of: Shape }
  /** a mapping of these fields and no other, at most one of `oneOf` set */
  | { readonly type: 'object'; readonly fields: Readonly<Record<string, Shape>>; readonly oneOf?: readonly string[] };

const STRING: Shape = { type: 'string' };
const LABELS: Shape = { type: 'labels' };
const MAPPING: Shape = { type: 'mapping' };
const object = (fields: Record<string, Shape>, oneOf?: readonly string[]): Shape => ({ type: 'object', fields, ...(oneOf ? { oneOf } : {}) });
const list = (of: Shape): Shape => ({ type: 'list', of });

const OBJECT_SELECTOR = object({ labels: LABELS, name: STRING, namespace: STRING, cluster: STRING, workspace: STRING });
const PORT_SELECTOR = object({ number: { type: 'port' }, name: STRING }, ['number', 'name']);
const DESTINATION_SELECTOR = object({ selector: OBJECT_SELECTOR, kind: { type: 'enum', values: ['SERVICE', 'VIRTUAL_DESTINATION', 'EXTERNAL_SERVICE'] }, port: PORT_SELECTOR });
// a RouteLabelSelector has no `name`: routes are selected by label, namespace, cluster and workspace
const ROUTE_LABEL_SELECTOR = object({ labels: LABELS, namespace: STRING, cluster: STRING, workspace: STRING });
const ROUTES = list(object({ route: ROUTE_LABEL_SELECTOR, withDestinations: DESTINATION_SELECTOR }, ['route', 'withDestinations']));
const DESTINATIONS = list(DESTINATION_SELECTOR);
const WORKLOADS = list(object({ selector: OBJECT_SELECTOR, kind: { type: 'enum', values: ['KUBE', 'VM'] }, port: PORT_SELECTOR }));
const LISTENERS = list(object({ virtualGateway: OBJECT_SELECTOR, port: PORT_SELECTOR }));
// an AccessPolicy's NamespaceWorkloadSelector: its ObjectSelector has no `name` (security/access_policy.proto)
const NAMESPACE_WORKLOADS = list(object({ selector: object({ labels: LABELS, namespace: STRING, cluster: STRING, workspace: STRING }) }));
const ROUTE_DESTINATIONS = list(object({ route: ROUTE_LABEL_SELECTOR, onDestinations: DESTINATIONS }));
const TLS = object({ config: object({ sni: STRING, credentialName: STRING }) });

/**
 * Each kind's `spec`. A RetryTimeoutPolicy's `config`, and a `spec` of it that is no mapping, are read and
 * said by retry-timeout-config.ts, which renders what they set.
 */
export const POLICY_SPECS: Readonly<Record<string, Shape & { readonly type: 'object' }>> = {
  AccessPolicy: { type: 'object', fields: { applyToDestinations: DESTINATIONS, applyToWorkloads: NAMESPACE_WORKLOADS, config: MAPPING } },
  CORSPolicy: { type: 'object', fields: { applyToRoutes: ROUTES, config: MAPPING } },
  CSRFPolicy: { type: 'object', fields: { applyToRoutes: ROUTES, config: MAPPING } },
  // no `config`: the TLS mode is one of four fields of the spec itself (security/client_tls_policy.proto)
  ClientTLSPolicy: { type: 'object', fields: { applyToDestinations: DESTINATIONS, disable: object({}), simple: TLS, mutual: TLS, istioMutual: object({}) }, oneOf: ['disable', 'simple', 'mutual', 'istioMutual'] },
  DLPPolicy: { type: 'object', fields: { applyToRoutes: ROUTES, config: MAPPING } },
  ExtAuthPolicy: { type: 'object', fields: { applyToRoutes: ROUTES, applyToDestinations: DESTINATIONS, config: MAPPING } },
  GraphQLAllowedQueryPolicy: { type: 'object', fields: { applyToRoutes: ROUTES, config: MAPPING } },
  JWTPolicy: { type: 'object', fields: { applyToRoutes: ROUTES, applyToDestinations: DESTINATIONS, config: MAPPING } },
  WAFPolicy: { type: 'object', fields: { applyToRoutes: ROUTES, config: MAPPING } },
  HTTPBufferPolicy: { type: 'object', fields: { applyToRoutes: ROUTES, config: MAPPING } },
  HeaderManipulationPolicy: { type: 'object', fields: { applyToRoutes: ROUTES, applyToRouteDestinations: ROUTE_DESTINATIONS, config: MAPPING } },
  LoadBalancerPolicy: { type: 'object', fields: { applyToDestinations: DESTINATIONS, config: MAPPING } },
  MirrorPolicy: { type: 'object', fields: { applyToRoutes: ROUTES, config: MAPPING } },
  ProxyProtocolPolicy: { type: 'object', fields: { applyToListeners: LISTENERS, config: MAPPING } },
  RateLimitClientConfig: { type: 'object', fields: { raw: MAPPING } },
  RateLimitPolicy: { type: 'object', fields: { applyToRoutes: ROUTES, applyToDestinations: DESTINATIONS, config: MAPPING } },
  TransformationPolicy: { type: 'object', fields: { applyToRoutes: ROUTES, config: MAPPING } },
  ActiveHealthCheckPolicy: { type: 'object', fields: { applyToDestinations: DESTINATIONS, config: MAPPING } },
  AdaptiveRequestConcurrencyPolicy: { type: 'object', fields: { applyToDestinations: DESTINATIONS, config: MAPPING } },
  ConnectionPolicy: { type: 'object', fields: { applyToDestinations: DESTINATIONS, config: MAPPING } },
  FailoverPolicy: { type: 'object', fields: { applyToDestinations: DESTINATIONS, config: MAPPING } },
  FaultInjectionPolicy: { type: 'object', fields: { applyToRoutes: ROUTES, config: MAPPING } },
  GraphQLPersistedQueryCachePolicy: { type: 'object', fields: { applyToRoutes: ROUTES, config: MAPPING } },
  ListenerConnectionPolicy: { type: 'object', fields: { applyToListeners: LISTENERS, config: MAPPING } },
  OutlierDetectionPolicy: { type: 'object', fields: { applyToDestinations: DESTINATIONS, config: MAPPING } },
  RetryTimeoutPolicy: { type: 'object', fields: { applyToRoutes: ROUTES, config: { type: 'any' } } },
  TrimProxyConfigPolicy: { type: 'object', fields: { applyToWorkloads: WORKLOADS, config: MAPPING } },
  AccessLogPolicy: { type: 'object', fields: { applyToWorkloads: WORKLOADS, config: MAPPING } },
  WasmDeploymentPolicy: { type: 'object', fields: { applyToWorkloads: WORKLOADS, config: MAPPING } },
  LuaPolicy: { type: 'object', fields: { applyToRoutes: ROUTES, applyToDestinations: DESTINATIONS, config: MAPPING } },
};
