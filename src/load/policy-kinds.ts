import type { PolicyApplies } from './policy-applies-to';

/**
 * The DestinationKinds a policy of destinations can select, where its kind selects fewer than a
 * DestinationSelector can, as the 2.14 CRDs (gloo-platform-crds 2.14.0) and the latest protos word it
 * (solo-io/solo-apis api/gloo.solo.io/policy/v2/...): an OutlierDetectionPolicy "currently supports
 * selecting Gloo virtual destinations or external services. Selecting Kubernetes services is not
 * supported" (the 2.14 CRD; resilience/outlier_detection_policy.proto); a FailoverPolicy's "destinations
 * can be Kubernetes services or virtual destinations. Note that external services are not supported"
 * (resilience/failover_policy.proto; "all destinations in the workspace", the 2.14 CRD, where an earlier
 * proto had "virtual destinations only"); an AccessPolicy's "virtual destinations are not supported" (the
 * 2.14 CRD; security/access_policy.proto); an ExtAuthPolicy's and a JWTPolicy's "Only Kubernetes services"
 * (security/ext_auth_policy.proto, jwt_policy.proto); an AdaptiveRequestConcurrencyPolicy no external
 * service ("Note that external services are not supported", resilience/adaptive_request_concurrency_policy.proto);
 * a LuaPolicy's `applyToDestinations` "Only Kubernetes services" (extensions/lua_policy.proto).
 */
export const DESTINATION_KINDS_OF: Readonly<Record<string, { readonly kinds: readonly string[]; readonly says: string }>> = {
  OutlierDetectionPolicy: { kinds: ['VIRTUAL_DESTINATION', 'EXTERNAL_SERVICE'], says: 'Selecting Kubernetes services is not supported' },
  FailoverPolicy: { kinds: ['SERVICE', 'VIRTUAL_DESTINATION'], says: 'Note that external services are not supported' },
  AccessPolicy: { kinds: ['SERVICE', 'EXTERNAL_SERVICE'], says: 'Note that virtual destinations are not supported as destinations with this policy' },
  ExtAuthPolicy: { kinds: ['SERVICE'], says: 'Only Kubernetes services can be specified' },
  JWTPolicy: { kinds: ['SERVICE'], says: 'Only Kubernetes services are supported' },
  AdaptiveRequestConcurrencyPolicy: { kinds: ['SERVICE', 'VIRTUAL_DESTINATION'], says: 'Note that external services are not supported' },
  LuaPolicy: { kinds: ['SERVICE'], says: 'Only Kubernetes services are supported' },
};

/**
 * What a policy with no selector at all applies to, for each kind of Gloo Platform 2.14's policy groups
 * (gloo-platform-crds 2.14.0) where its proto says (solo-io/solo-apis api/gloo.solo.io/policy/v2/...,
 * the comment on its selector). The texts are plural, as the findings' messages that quote them are.
 *
 * Every route of its workspace: a RetryTimeoutPolicy (resilience/retry_timeout_policy.proto), a
 * FaultInjectionPolicy (resilience/fault_injection_policy.proto), a WAFPolicy, CORSPolicy or DLPPolicy
 * (security/waf_policy.proto, cors_policy.proto, dlp_policy.proto), a TransformationPolicy or
 * HeaderManipulationPolicy (trafficcontrol/transformation_policy.proto, header_manipulation.proto), a
 * JWTPolicy that selects no destination either (security/jwt_policy.proto), and a LuaPolicy likewise
 * ("If omitted and the policy also does not select any destinations, the policy applies to all routes
 * in the workspace", extensions/lua_policy.proto), a CSRFPolicy and a MirrorPolicy ("If empty, the
 * policy applies to all routes in the workspace", the 2.14 CRDs, where the latest protos have "all
 * workloads in the workspace" of the same selector of routes): the model selects them
 * (model/workspace-policies.ts).
 *
 * No route but every destination of its workspace, enforced at them as a policy of
 * `applyToDestinations` is: an ExtAuthPolicy ("does not apply to any routes in the workspace",
 * security/ext_auth_policy.proto), a RateLimitPolicy ("no rate limits are applied on routes in the
 * workspace" and "applies to all destinations in the workspace", trafficcontrol/ratelimit_policy.proto),
 * an AccessPolicy ("all ports on all destinations in the workspace", security/access_policy.proto), an
 * OutlierDetectionPolicy, LoadBalancerPolicy, ConnectionPolicy or AdaptiveRequestConcurrencyPolicy ("all
 * destinations in the workspace", resilience/outlier_detection_policy.proto, trafficcontrol/
 * load_balancer_policy.proto, resilience/connection_policy.proto, adaptive_request_concurrency_policy.proto)
 * and a FailoverPolicy ("all destinations in the workspace", resilience/failover_policy.proto), each of
 * the kinds DESTINATION_KINDS_OF names for it.
 * A ClientTLSPolicy selects destinations only (security/client_tls_policy.proto: the TLS of the
 * connections to them), and its proto does not say what none selects: destinations all the same.
 *
 * Every workload of its workspace, the gateway's proxies maybe among them: an AccessLogPolicy and a
 * WasmDeploymentPolicy ("all workloads in the workspace", observability/access_log_policy.proto,
 * extensions/wasm_deployment_policy.proto), a TrimProxyConfigPolicy ("If omitted, all workloads are
 * selected", resilience/trim_proxy_config_policy.proto). A ListenerConnectionPolicy or a
 * ProxyProtocolPolicy selects listeners only (resilience/listener_connection_policy.proto,
 * trafficcontrol/proxy_protocol_policy.proto, whose selector is "Required"): the gateway's, undecided.
 *
 * Nothing: an ActiveHealthCheckPolicy ("If empty, no healthchecks are performed", resilience/
 * active_health_check_policy.proto).
 *
 * Any other kind is taken, as before, to apply to every route of its workspace, undecided: an
 * HTTPBufferPolicy's proto and 2.14 CRD say nothing of its empty selection.
 */
const EVERY_ROUTE = { text: 'the routes of its workspace', atGateway: true, everyRoute: true } as const;
const EVERY_DESTINATION = { text: 'the destinations of its workspace', atGateway: false, atDestinations: true } as const;
const EVERY_WORKLOAD = { text: 'the workloads of its workspace', atGateway: false } as const;
export const EMPTY_SELECTION: Readonly<Record<string, PolicyApplies>> = {
  RetryTimeoutPolicy: EVERY_ROUTE,
  FaultInjectionPolicy: EVERY_ROUTE,
  WAFPolicy: EVERY_ROUTE,
  CORSPolicy: EVERY_ROUTE,
  DLPPolicy: EVERY_ROUTE,
  TransformationPolicy: EVERY_ROUTE,
  HeaderManipulationPolicy: EVERY_ROUTE,
  JWTPolicy: EVERY_ROUTE,
  LuaPolicy: EVERY_ROUTE,
  CSRFPolicy: EVERY_ROUTE,
  MirrorPolicy: EVERY_ROUTE,
  ExtAuthPolicy: EVERY_DESTINATION,
  RateLimitPolicy: EVERY_DESTINATION,
  AccessPolicy: EVERY_DESTINATION,
  OutlierDetectionPolicy: EVERY_DESTINATION,
  LoadBalancerPolicy: EVERY_DESTINATION,
  ConnectionPolicy: EVERY_DESTINATION,
  AdaptiveRequestConcurrencyPolicy: EVERY_DESTINATION,
  FailoverPolicy: EVERY_DESTINATION,
  ClientTLSPolicy: { text: 'the destinations it selects', atGateway: false, atDestinations: true },
  AccessLogPolicy: EVERY_WORKLOAD,
  WasmDeploymentPolicy: EVERY_WORKLOAD,
  TrimProxyConfigPolicy: EVERY_WORKLOAD,
  ListenerConnectionPolicy: { text: 'the listeners it selects', atGateway: true },
  ProxyProtocolPolicy: { text: 'the listeners it selects', atGateway: true },
  ActiveHealthCheckPolicy: { text: 'no destination', atGateway: false, noRoute: true },
};

/**
 * Kinds of the policy groups that apply to no route an output serves, whatever they select. A
 * GraphQLAllowedQueryPolicy and a GraphQLPersistedQueryCachePolicy select "graphql routes" only
 * (security/graphql_allowed_query_policy.proto, resilience/graphql_persisted_query_cache_policy.proto:
 * "selection via Destination selectors will not work for this policy"), and every output answers a
 * graphql route 500 (GW4012): without the policy it serves nothing it would have served with it. A
 * RateLimitClientConfig is no policy but the rules a RateLimitPolicy names ("All RateLimitPolicy
 * resources in a workspace require an RateLimitClientConfig", trafficcontrol/ratelimit_client_config.proto):
 * it selects nothing itself, and the RateLimitPolicy is what is left behind.
 */
const GRAPHQL_ROUTES = { text: 'graphql routes, which every output answers 500', atGateway: false, noRoute: true } as const;
export const NO_ROUTE: Readonly<Record<string, PolicyApplies>> = {
  GraphQLAllowedQueryPolicy: GRAPHQL_ROUTES,
  GraphQLPersistedQueryCachePolicy: GRAPHQL_ROUTES,
  RateLimitClientConfig: { text: 'nothing of its own: the RateLimitPolicies that name it apply its rules', atGateway: false, noRoute: true },
};

/**
 * Kinds whose policies apply to the routes of gateways only: "CSRF policies are only applied to routes
 * on a VirtualGateway. East-west routes that are configured with the `workloadSelectors` field in the
 * RouteTable cannot be selected" (the 2.14 CRD's `applyToRoutes`, security/csrf_policy.proto). The routes
 * of a table for sidecars do not count as routes such a policy selects (model/policy-selection.ts).
 */
export const GATEWAY_ROUTES_ONLY: ReadonlySet<string> = new Set(['CSRFPolicy']);
