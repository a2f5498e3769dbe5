import { asArray, int, isObject, obj, setStr, str, stringMap, type Obj } from '../data/values';
import { own } from '../data/own';
import { plural } from '../text/plural';
import type { DestinationPick, ListenerPick, RouteLabelSelector, WorkloadPick } from '../model/types';

/**
 * What a policy applies to, as read from its `applyTo...` selectors (solo-io/solo-apis
 * api/gloo.solo.io/common/v2/selectors.proto and each kind's proto under policy/v2/).
 */
export interface PolicyApplies {
  /** in words: "routes labelled auth=oauth", "every route of its workspace" */
  readonly text: string;
  /** the gateway enforces it (routes, listeners, or everything), not the destinations' or workloads' sidecars */
  readonly atGateway: boolean;
  /** its selectors of routes by label, where they are all it selects by */
  readonly selectors?: RouteLabelSelector[];
  /** its selectors of routes by destination, where they are all it selects by */
  readonly destinations?: DestinationPick[];
  /** where they are written: `applyToRoutes` (`withDestinations`), or a HeaderManipulationPolicy's `applyToRouteDestinations` */
  readonly destinationsAt?: '/spec/applyToRoutes' | '/spec/applyToRouteDestinations';
  /** its selectors of workloads, where it selects by nothing else the gateway enforces or sidecars do first */
  readonly workloads?: WorkloadPick[];
  /** its selectors of listeners, where it selects by nothing else */
  readonly listeners?: ListenerPick[];
  /** applied to destinations (`applyToDestinations`, or none by a kind whose empty selection is every destination) */
  readonly atDestinations?: true;
  /** of a policy applied to destinations, the DestinationKinds its kind can select, where its proto names them */
  readonly destinationKinds?: readonly string[];
  /** no selector at all, of a kind whose empty selection is every route of its workspace */
  readonly everyRoute?: true;
  /**
   * by its kind, or its kind's empty selection, it applies to no route an output serves: the model
   * marks it as selecting none, and no output leaves it behind
   */
  readonly noRoute?: true;
}

/** A policy's selectors other than of routes: what each applies to, and whether the gateway enforces it. */
const OTHER_SELECTORS = [
  ['applyToDestinations', 'the destinations it selects', false],
  ['applyToListeners', 'the listeners it selects', true],
  ['applyToWorkloads', 'the workloads it selects', false],
  // a HeaderManipulationPolicy's: the routes that forward to the destinations it selects
  // (trafficcontrol/header_manipulation.proto, RouteDestinationSelector), at the gateway
  ['applyToRouteDestinations', 'routes to the destinations it selects', true],
] as const;

/**
 * What a policy applies to, in words (common/v2/selectors.proto in solo-io/solo-apis: RouteSelector's
 * `route` labels, namespace and workspace, or `withDestinations`): its first selector of routes,
 * destinations, listeners or workloads; with none, what its kind's proto says of an empty selection
 * (EMPTY_SELECTION), every route of its workspace where it says nothing ("If left empty, will apply to
 * all routes in the workspace", selectors.proto). A kind that applies to no route an output serves,
 * whatever it selects, is `noRoute` before its selectors are read (NO_ROUTE). `atGateway`: whether the
 * gateway enforces it (routes, listeners, or everything), where a policy of destinations or workloads is
 * enforced at them (their sidecars), whatever serves the gateway. `selectors`: its selectors of routes
 * by label, where they are all it selects by (labelSelectors), for the model to find the routes they
 * select; `destinations`, `workloads`, `listeners`, `atDestinations` and `destinationKinds` as
 * PolicyApplies says; `everyRoute`, where it has no selector at all and its kind's empty selection is
 * every route (model/workspace-policies.ts).
 */
export function appliesTo(spec: unknown, kind: string): PolicyApplies {
  const never = own(NO_ROUTE, kind);
  if (never) return never;
  const s = isObject(spec) ? spec : {};
  const selecting = OTHER_SELECTORS.filter(([field]) => asArray(s[field]).length);
  // an AccessPolicy's applyToDestinations, "if `applyToWorkloads` is non-empty, will be ignored"
  // (security/access_policy.proto)
  const others = kind === 'AccessPolicy' && selecting.some(([field]) => field === 'applyToWorkloads') ? selecting.filter(([field]) => field !== 'applyToDestinations') : selecting;
  const written = asArray(s.applyToRoutes);
  const routes = written.filter(isObject);
  if (routes.length) {
    const first = routes[0]!;
    const route = isObject(first.route) ? first.route : undefined;
    const labels = route ? Object.entries(stringMap(route.labels)).map(([k, v]) => `${k}=${v}`) : [];
    const what = route ? (labels.length ? `routes labelled ${labels.join(', ')}` : 'every route') : isObject(first.withDestinations) ? 'routes to the destinations it selects' : 'the routes it selects';
    const where = route && str(route.namespace) ? ` in namespace ${str(route.namespace)}` : '';
    const alone = others.length === 0 && routes.length === written.length;
    const selectors = alone ? labelSelectors(routes) : undefined;
    const destinations = alone && !selectors ? destinationPicks(routes) : undefined;
    return { text: `${what}${where}${routes.length > 1 ? ` (and ${plural(routes.length - 1, 'more selector')})` : ''}`, atGateway: true, ...(selectors ? { selectors } : {}), ...(destinations ? { destinations, destinationsAt: '/spec/applyToRoutes' as const } : {}) };
  }
  if (others.length) {
    const [field, text, atGateway] = others[0]!;
    // workloads first (no listener or destination before them): the model asks whether the gateway's are among them
    const workloads = field === 'applyToWorkloads' ? workloadPicks(asArray(s[field])) : undefined;
    // applied to destinations alone: no listener or workload (a workload may be the gateway) besides
    const atDestinations = field === 'applyToDestinations' && others.length === 1;
    // listeners alone: the model compares them with the listeners the output serves
    const listeners = field === 'applyToListeners' && others.length === 1 ? asArray(s[field]).map(listenerPick) : undefined;
    // the destinations of routes alone (the last of OTHER_SELECTORS, first only where no other is
    // written): they select as a `withDestinations` does
    const onDestinations = field === 'applyToRouteDestinations' && written.length === 0 ? routeDestinationPicks(asArray(s[field])) : undefined;
    return {
      text,
      atGateway,
      ...(atDestinations ? destinationsOf(kind) : {}),
      ...(workloads ? { workloads } : {}),
      ...(listeners ? { listeners } : {}),
      ...(onDestinations ? { destinations: onDestinations, destinationsAt: '/spec/applyToRouteDestinations' as const } : {}),
    };
  }
  // an `applyToRoutes` of entries that are no mappings selects what gwctl does not read: not every route
  if (written.length) return { text: 'the routes it selects', atGateway: true };
  // a selector of a field gwctl does not know (a later API's) is a selection too: not the empty one
  if (Object.keys(s).some((key) => key.startsWith('applyTo') && asArray(s[key]).length)) return { text: 'the objects it selects', atGateway: true };
  const empty = own(EMPTY_SELECTION, kind) ?? { text: 'the routes of its workspace', atGateway: true };
  return empty.atDestinations ? { ...empty, ...destinationsOf(kind) } : empty;
}

/** Applied to destinations, of the kinds a policy of this kind can select. */
function destinationsOf(kind: string): Pick<PolicyApplies, 'atDestinations' | 'destinationKinds'> {
  const kinds = own(DESTINATION_KINDS_OF, kind);
  return { atDestinations: true, ...(kinds ? { destinationKinds: kinds } : {}) };
}

/**
 * The DestinationKinds a policy of destinations can select, where its proto says it selects fewer than
 * a DestinationSelector can: a FailoverPolicy "can currently select Gloo virtual destinations only"
 * (resilience/failover_policy.proto), an AdaptiveRequestConcurrencyPolicy no external service ("Note
 * that external services are not supported", resilience/adaptive_request_concurrency_policy.proto), a
 * LuaPolicy's `applyToDestinations` "Only Kubernetes services" (extensions/lua_policy.proto).
 */
const DESTINATION_KINDS_OF: Readonly<Record<string, readonly string[]>> = {
  FailoverPolicy: ['VIRTUAL_DESTINATION'],
  AdaptiveRequestConcurrencyPolicy: ['SERVICE', 'VIRTUAL_DESTINATION'],
  LuaPolicy: ['SERVICE'],
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
 * in the workspace", extensions/lua_policy.proto): the model selects them (model/workspace-policies.ts).
 *
 * No route but every destination of its workspace, enforced at them as a policy of
 * `applyToDestinations` is: an ExtAuthPolicy ("does not apply to any routes in the workspace",
 * security/ext_auth_policy.proto), a RateLimitPolicy ("no rate limits are applied on routes in the
 * workspace" and "applies to all destinations in the workspace", trafficcontrol/ratelimit_policy.proto),
 * an AccessPolicy ("all ports on all destinations in the workspace", security/access_policy.proto), an
 * OutlierDetectionPolicy, LoadBalancerPolicy, ConnectionPolicy or AdaptiveRequestConcurrencyPolicy ("all
 * destinations in the workspace", resilience/outlier_detection_policy.proto, trafficcontrol/
 * load_balancer_policy.proto, resilience/connection_policy.proto, adaptive_request_concurrency_policy.proto)
 * and a FailoverPolicy ("all virtual destinations in the workspace", resilience/failover_policy.proto).
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
 * Any other kind is taken, as before, to apply to every route of its workspace, undecided: a
 * CSRFPolicy's and a MirrorPolicy's protos say "all workloads in the workspace" of a selector of
 * routes, an HTTPBufferPolicy's say nothing.
 */
const EVERY_ROUTE = { text: 'the routes of its workspace', atGateway: true, everyRoute: true } as const;
const EVERY_DESTINATION = { text: 'the destinations of its workspace', atGateway: false, atDestinations: true } as const;
const EVERY_WORKLOAD = { text: 'the workloads of its workspace', atGateway: false } as const;
const EMPTY_SELECTION: Readonly<Record<string, PolicyApplies>> = {
  RetryTimeoutPolicy: EVERY_ROUTE,
  FaultInjectionPolicy: EVERY_ROUTE,
  WAFPolicy: EVERY_ROUTE,
  CORSPolicy: EVERY_ROUTE,
  DLPPolicy: EVERY_ROUTE,
  TransformationPolicy: EVERY_ROUTE,
  HeaderManipulationPolicy: EVERY_ROUTE,
  JWTPolicy: EVERY_ROUTE,
  LuaPolicy: EVERY_ROUTE,
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
const NO_ROUTE: Readonly<Record<string, PolicyApplies>> = {
  GraphQLAllowedQueryPolicy: GRAPHQL_ROUTES,
  GraphQLPersistedQueryCachePolicy: GRAPHQL_ROUTES,
  RateLimitClientConfig: { text: 'nothing of its own: the RateLimitPolicies that name it apply its rules', atGateway: false, noRoute: true },
};

/**
 * `applyToRoutes` as selectors of routes by label, where each entry is a `route` (RouteLabelSelector)
 * naming no cluster (manifests carry none). Otherwise undefined: what the policy selects is not decided
 * here, and it is taken to select routes the output serves.
 */
function labelSelectors(routes: readonly Obj[]): RouteLabelSelector[] | undefined {
  const selectors: RouteLabelSelector[] = [];
  for (const { route } of routes) {
    if (!isObject(route) || str(route.cluster)) return undefined;
    const namespace = str(route.namespace) || undefined;
    const workspace = str(route.workspace) || undefined;
    selectors.push({ labels: stringMap(route.labels), ...(namespace ? { namespace } : {}), ...(workspace ? { workspace } : {}) });
  }
  return selectors;
}

/**
 * `applyToRoutes` as selectors of routes by destination, where each entry is a `withDestinations`
 * (DestinationSelector: the kind, SERVICE when unset; an ObjectSelector's name, namespace, cluster,
 * labels and workspace; a port). Its name, namespace and cluster are compared with a route's
 * destination; labels (the Service's, not in the input) or a workspace leave the pick `open`. The port
 * is not compared: a pick selects every port of what it names, or some. Otherwise undefined.
 */
function destinationPicks(routes: readonly Obj[]): DestinationPick[] | undefined {
  const picks: DestinationPick[] = [];
  for (const { withDestinations } of routes) {
    if (!isObject(withDestinations)) return undefined;
    picks.push(destinationPick(withDestinations, false));
  }
  return picks;
}

/**
 * A HeaderManipulationPolicy's `applyToRouteDestinations` (RouteDestinationSelector: the routes by
 * label, then "for the selected routes, select destinations on which to apply this policy", each a
 * DestinationSelector: common/v2/selectors.proto) as destination picks, where every entry names its
 * `onDestinations`: it applies on a route only where the route forwards to one of them, so never on a
 * route to Lambda alone. A `route` that asks labels, a namespace, a cluster or a workspace narrows the
 * routes further, which gwctl does not compare here: its picks only may select. An entry with no
 * `onDestinations` (what none selects its proto does not say) leaves the whole undecided.
 */
function routeDestinationPicks(entries: readonly unknown[]): DestinationPick[] | undefined {
  const picks: DestinationPick[] = [];
  for (const entry of entries) {
    const on = isObject(entry) ? asArray(entry.onDestinations) : [];
    if (on.length === 0 || !on.every(isObject)) return undefined;
    const route = isObject(entry) ? obj(entry.route) : {};
    // (a RouteLabelSelector: labels, namespace, cluster, workspace)
    const narrowed = Object.keys(stringMap(route.labels)).length > 0 || Boolean(setStr(route.namespace) || setStr(route.cluster) || setStr(route.workspace)) || unreadSelector(route, ['namespace', 'cluster', 'workspace']);
    for (const selector of on as Obj[]) picks.push(destinationPick(selector, narrowed));
  }
  return picks;
}

/** A DestinationSelector as a pick: its kind, and the name, namespace and cluster of its ObjectSelector; `open` where it (or `open`) asks more. */
function destinationPick(selectorOf: Obj, open: boolean): DestinationPick {
  const selector = isObject(selectorOf.selector) ? selectorOf.selector : {};
  const name = str(selector.name) || undefined;
  const namespace = str(selector.namespace) || undefined;
  const cluster = str(selector.cluster) || undefined;
  const asks = open || Object.keys(stringMap(selector.labels)).length > 0 || Boolean(str(selector.workspace)) || unreadSelector(selector, ['name', 'namespace', 'cluster']);
  return { kind: kindName(selectorOf.kind), ...(name ? { name } : {}), ...(namespace ? { namespace } : {}), ...(cluster ? { cluster } : {}), open: asks };
}

/** A DestinationKind as written: its name, or its number as protobuf's JSON reads one (an unknown one as itself). */
function kindName(kind: unknown): string {
  if (typeof kind === 'number') return DESTINATION_KINDS[kind] ?? String(kind);
  return str(kind) || 'SERVICE';
}

const DESTINATION_KINDS: readonly string[] = ['SERVICE', 'VIRTUAL_DESTINATION', 'EXTERNAL_SERVICE'];

/**
 * `applyToWorkloads` as workload picks: each entry's `selector` (an ObjectSelector: labels, namespace,
 * cluster, workspace, a name) and `kind` (KUBE where unset). An entry that is no mapping, or names a
 * workspace, a name or another kind, is `open`: gwctl does not compare those with a gateway's proxies.
 */
function workloadPicks(entries: readonly unknown[]): WorkloadPick[] {
  return entries.map((entry) => {
    const e = isObject(entry) ? entry : {};
    const selector = isObject(e.selector) ? e.selector : {};
    const namespace = str(selector.namespace) || undefined;
    const cluster = str(selector.cluster) || undefined;
    const kind = e.kind === undefined || e.kind === null || e.kind === 'KUBE' || e.kind === 0;
    const open = !isObject(entry) || !kind || Boolean(str(selector.workspace)) || Boolean(str(selector.name)) || unreadSelector(selector, ['namespace', 'cluster']);
    return { labels: stringMap(selector.labels), ...(namespace ? { namespace } : {}), ...(cluster ? { cluster } : {}), open };
  });
}

/**
 * An `applyToListeners` entry (a ListenerSelector: a VirtualGateway's ObjectSelector and a
 * PortSelector) as a pick: the gateway's name, namespace and labels and the port number, which the
 * model compares with the served listeners; `open` where it also names a cluster, a workspace or a port
 * by name, or is no mapping, or writes a field gwctl compares as what it cannot read (a port number
 * written `"80"`, which protobuf's JSON would take and the CRD's schema would not; a name that is no
 * string): such a pick may select a listener, and never certainly.
 */
function listenerPick(entry: unknown): ListenerPick {
  if (!isObject(entry)) return { labels: {}, open: true };
  const gateway = obj(entry.virtualGateway);
  const port = obj(entry.port);
  const name = setStr(gateway.name);
  const namespace = setStr(gateway.namespace);
  const number = int(port.number);
  const unreadNumber = port.number !== undefined && port.number !== null && number === undefined;
  const open = Boolean(setStr(gateway.cluster) || setStr(gateway.workspace) || setStr(port.name)) || unreadNumber || unreadSelector(gateway, ['name', 'namespace']);
  return { labels: stringMap(gateway.labels), ...(name ? { name } : {}), ...(namespace ? { namespace } : {}), ...(number !== undefined && number > 0 ? { port: number } : {}), open };
}

/**
 * Whether an ObjectSelector writes what gwctl compares in a form it cannot read: a name, namespace or
 * cluster that is no string, labels that are no mapping or have a value that is no string. Read as
 * absent, such a field would widen the pick to what it does not say (every name): the pick is `open`
 * instead, one that may select and never certainly. The CRD's schema refuses each of these; protobuf's
 * JSON takes none of them either.
 */
function unreadSelector(selector: Obj, textFields: readonly string[]): boolean {
  const written = (v: unknown) => v !== undefined && v !== null;
  if (textFields.some((field) => written(selector[field]) && typeof selector[field] !== 'string')) return true;
  const labels = selector.labels;
  return written(labels) && (!isObject(labels) || Object.values(labels).some((v) => typeof v !== 'string'));
}
