import { asArray, int, isObject, obj, setStr, str, stringMap, type Obj } from '../data/values';
import type { DestinationPick, ListenerPick, RouteLabelSelector, WorkloadPick } from '../model/types';

/**
 * `applyToRoutes` as selectors of routes by label, where each entry is a `route` (RouteLabelSelector)
 * naming no cluster (manifests carry none). Otherwise undefined: what the policy selects is not decided
 * here, and it is taken to select routes the output serves.
 */
export function labelSelectors(routes: readonly Obj[]): RouteLabelSelector[] | undefined {
  const selectors: RouteLabelSelector[] = [];
  for (const { route } of routes) {
    const selector = isObject(route) ? routeLabelSelector(route) : undefined;
    if (!selector) return undefined;
    selectors.push(selector);
  }
  return selectors;
}

/**
 * One RouteLabelSelector (labels, namespace, workspace, cluster) as the model compares it with a route's
 * chain; undefined where it names a cluster (manifests carry none) or writes a field in a form gwctl
 * cannot read (`labels: {tier: 1}`, which the CRD's schema refuses): read as absent, such a field
 * would select every route.
 */
function routeLabelSelector(route: Obj): RouteLabelSelector | undefined {
  if (str(route.cluster) || unreadSelector(route, ['namespace', 'cluster', 'workspace'])) return undefined;
  const namespace = str(route.namespace) || undefined;
  const workspace = str(route.workspace) || undefined;
  return { labels: stringMap(route.labels), ...(namespace ? { namespace } : {}), ...(workspace ? { workspace } : {}) };
}

/**
 * `applyToRoutes` as selectors of routes by destination, where each entry is a `withDestinations`
 * (DestinationSelector: the kind, SERVICE when unset; an ObjectSelector's name, namespace, cluster,
 * labels and workspace; a port). Its name, namespace and cluster are compared with a route's
 * destination; labels (the Service's, not in the input) or a workspace leave the pick `open`. The port
 * is not compared: a pick selects every port of what it names, or some. Otherwise undefined.
 */
export function destinationPicks(routes: readonly Obj[]): DestinationPick[] | undefined {
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
export function routeDestinationPicks(entries: readonly unknown[]): DestinationPick[] | undefined {
  const picks: DestinationPick[] = [];
  for (const entry of entries) {
    const on = isObject(entry) ? asArray(entry.onDestinations) : [];
    if (on.length === 0 || !on.every(isObject)) return undefined;
    // its route selector narrows the routes unless it asks nothing (the same reader as applyToRoutes')
    const route = isObject(entry) ? routeLabelSelector(obj(entry.route)) : undefined;
    const narrowed = !route || Object.keys(route.labels).length > 0 || route.namespace !== undefined || route.workspace !== undefined;
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
  const labels = stringMap(selector.labels);
  const labelled = Object.keys(labels).length > 0;
  const asks = open || Boolean(str(selector.workspace)) || unreadSelector(selector, ['name', 'namespace', 'cluster']);
  return { kind: kindName(selectorOf.kind), ...(name ? { name } : {}), ...(namespace ? { namespace } : {}), ...(cluster ? { cluster } : {}), ...(labelled ? { labels } : {}), open: asks };
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
export function workloadPicks(entries: readonly unknown[]): WorkloadPick[] {
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
export function listenerPick(entry: unknown): ListenerPick {
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
