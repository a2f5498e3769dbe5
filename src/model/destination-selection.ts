import type { DestinationPick, PolicyNode, RouteNode, ServiceDestination } from './types';

/** Whether a policy reaches a route: it does, it may (gwctl cannot tell), or it does not. */
export type Reach = 'selects' | 'may' | 'no';

/**
 * Whether a policy that selects routes by their destinations (`applyToRoutes[].withDestinations`)
 * selects this route: it "select[s] routes with `forwardTo` actions based on their destinations"
 * (solo-io/solo-apis api/gloo.solo.io/common/v2/selectors.proto, RouteSelector), and a
 * DestinationSelector selects a Kubernetes Service, a VirtualDestination or an ExternalService
 * (DestinationKind): a route that forwards to Lambda functions only, responds directly or redirects is
 * selected by none. The best answer of any pick for any of the route's destinations.
 */
export function destinationReach(picks: readonly DestinationPick[], route: RouteNode): Reach {
  let reach: Reach = 'no';
  for (const d of services(route)) {
    for (const pick of picks) {
      const answer = pickReach(pick, d);
      if (answer === 'selects') return answer;
      if (answer === 'may') reach = answer;
    }
  }
  return reach;
}

/**
 * Whether a policy applied to destinations (`applyToDestinations`, or every destination of its
 * workspace) may apply on this route: only through a destination a DestinationSelector can select,
 * which a Lambda function is not, and of the `kinds` its own kind can select, where it names them.
 * Which Services it selects gwctl does not decide (their labels are not in the input).
 */
export function destinationPolicyReach(route: RouteNode, kinds?: readonly string[]): Reach {
  return services(route).some((d) => !kinds || kinds.includes(d.targetKind)) ? 'may' : 'no';
}

/**
 * How a policy reaches a route it does not select by label: by its destinations, or undecided; one
 * marked as selecting no route the output serves (by its kind, or by the model) reaches none.
 */
export function reachOf(policy: PolicyNode, route: RouteNode): Reach {
  if (policy.selectsNoRoute) return 'no';
  if (policy.destinationSelection) return destinationReach(policy.destinationSelection.selectors, route);
  if (policy.atDestinations) return destinationPolicyReach(route, policy.destinationKinds);
  return 'may';
}

const services = (route: RouteNode): readonly ServiceDestination[] =>
  route.action.kind === 'forward' ? route.action.destinations.filter((d): d is ServiceDestination => d.kind === 'service') : [];

/**
 * One pick against one destination: the kind, name and namespace as written (the ObjectSelector's
 * name and namespace select those only; the route's destination is in its table's namespace when it
 * names none). A pick that names no namespace selects "across all namespaces available in the parent
 * object's workspace", which gwctl does not work out: may. Labels: compared with those of the
 * VirtualDestination or ExternalService the input holds (one it does not, or a Service: may). A
 * workspace: may. A cluster the destination does not name: may (the table's cluster is not in the input).
 */
function pickReach(pick: DestinationPick, d: ServiceDestination): Reach {
  if (pick.kind !== d.targetKind) return 'no';
  if (pick.name !== undefined && pick.name !== d.name) return 'no';
  if (pick.namespace !== undefined && pick.namespace !== d.namespace) return 'no';
  if (pick.cluster !== undefined && d.cluster !== undefined && pick.cluster !== d.cluster) return 'no';
  // "labels matching those of the object": every one, on the VirtualDestination or ExternalService the
  // input holds; a Service's, or an object's the input does not hold, are not known
  const labels = pick.labels ? (d.objectLabels ? (carries(d.objectLabels, pick.labels) ? 'carried' : 'not') : 'unknown') : 'carried';
  if (labels === 'not') return 'no';
  if (labels === 'unknown' || pick.open || pick.namespace === undefined || (pick.cluster !== undefined && d.cluster === undefined)) return 'may';
  return 'selects';
}

const carries = (held: Readonly<Record<string, string>>, asked: Readonly<Record<string, string>>): boolean => Object.entries(asked).every(([k, v]) => held[k] === v);
