import { asArray, isObject, obj, str } from '../data/values';
import { own } from '../data/own';
import { plural } from '../text/plural';
import type { DestinationPick, ListenerPick, RouteLabelSelector, WorkloadPick } from '../model/types';
import { DESTINATION_KINDS_OF, EMPTY_SELECTION, NO_ROUTE } from './policy-kinds';
import { destinationPicks, labelSelectors, listenerPick, routeDestinationPicks, workloadPicks } from './selector-picks';

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
 * destinations, listeners or workloads (read by selector-picks.ts); with none, what its kind's proto
 * says of an empty selection (EMPTY_SELECTION, policy-kinds.ts), every route of its workspace where it
 * says nothing ("If left empty, will apply to all routes in the workspace", selectors.proto). A kind that
 * applies to no route an output serves, whatever it selects, is `noRoute` before its selectors are read
 * (NO_ROUTE). `atGateway`: whether the
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
    // as written, a value that is no string too (`tier=1`, which selects nothing gwctl decides)
    const labels = route ? Object.entries(obj(route.labels)).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`) : [];
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
  const kinds = own(DESTINATION_KINDS_OF, kind)?.kinds;
  return { atDestinations: true, ...(kinds ? { destinationKinds: kinds } : {}) };
}
