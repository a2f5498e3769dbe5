import { finding, type Finding } from '../diagnostics/finding';
import { firstAndMore } from '../text/first-and-more';
import { GATEWAY_ROUTES_ONLY } from '../load/policy-kinds';
import { reachOf } from './destination-selection';
import type { DestinationPick, ListenerNode, PolicyNode, RouteLabelSelector, RouteNode, RouteOrigin } from './types';

/** How many route and selector pairs are tested in all (PolicySelection.budget). */
export const SELECTION_BUDGET = 20_000_000;

/**
 * How many served listener (or gateway) and pick pairs the selections of listeners and of gateway
 * proxies test in all (listener-selection.ts, gateway-workloads.ts): each keeps the names it selects,
 * so the bound is of memory as much as of time (1,000 policies of 1,000 listeners each).
 */
export const GATEWAY_PICK_BUDGET = 1_000_000;

/**
 * Which policies that select routes by label select a route the listeners serve. A policy's
 * `applyToRoutes[].route` selects "routes including all specified labels on the route or route table"
 * (solo-io/solo-apis, api/gloo.solo.io/common/v2/selectors.proto, RouteLabelSelector), and "any
 * delegated routes in a sub-table inherit this label from the parent route table" (docs.solo.io, Gloo
 * Mesh Gateway, "Route policy attachment"); route selectors apply across workspaces (same page).
 *
 * gwctl decides, where the sources do not say: a route carries the labels of every route and table of
 * its delegation chain, and a label given different values along the chain matches either value; a
 * selector's namespace or workspace is met when any table of the chain is in it. Each of these selects
 * at least what Gloo does: a policy found to select nothing selects nothing in Gloo, and one that
 * selects a route here may select it there. A policy with no selector at all selects every route of its
 * workspace, as a selector of no label in that workspace (workspace-policies.ts). One that selects routes
 * by their destinations (`withDestinations`) selects a route that forwards to a destination it may
 * select (destination-selection.ts): none that forwards to Lambda functions only. A policy whose
 * selection is not decided here (by cluster, listeners, workloads, destinations) is not looked at.
 */
export class PolicySelection {
  /**
   * policies with no selected route seen yet: by label (`selectors`), by destination (`picks`), or
   * applied to destinations (neither), which reach only a route to a destination a DestinationSelector
   * selects
   */
  private readonly pending: Pending[] = [];
  private readonly seenLists = new WeakSet<readonly RouteNode[]>();
  private routesSeen = false;
  /**
   * Selector tests left. Most policies are settled at the first routes; one that selects nothing tests
   * every route, and a crafted input of many such policies and routes would test their product: past
   * this bound the policies not yet settled are taken to select routes, as undecided ones are.
   */
  private budget: number;

  constructor(policies: readonly PolicyNode[], budget = SELECTION_BUDGET) {
    this.budget = budget;
    for (const policy of policies) {
      const cost = (policy.routeSelection ?? policy.destinationSelection)?.selectors.length ?? (policy.atDestinations ? 1 : 0);
      if (cost > 0) this.pending.push({ policy, cost });
    }
  }

  /**
   * The routes of a table for sidecars (workloadSelectors and no virtualGateways, GW4021): no gateway
   * serves them, but a policy applies to them all the same, in the mesh ("Route policy attachment": a
   * route selector selects routes, whoever serves them). A policy that selects one of them selects a
   * route, and is no GW4047. Their own routes are read, each with its table's scope; the routes they
   * delegate to are not followed (gwctl does not flatten a table the gateways do not serve), and their
   * destinations are not read: a policy selecting by destination is taken to select one of them.
   */
  noteMesh(routes: readonly RouteOrigin[]): void {
    // a kind of gateway routes only (a CSRFPolicy) selects none of them
    if (routes.length) this.settle(routes.length, ({ policy }) => !GATEWAY_ROUTES_ONLY.has(policy.ref.kind) && (!policy.routeSelection || routes.some((origin) => selectsRoute(policy.routeSelection!.selectors, [origin]))));
  }

  /** A host's routes (a list shared by several hosts is looked at once). */
  note(routes: readonly RouteNode[]): void {
    if (routes.length) this.routesSeen = true;
    if (this.pending.length === 0 || this.seenLists.has(routes)) return;
    this.seenLists.add(routes);
    this.settle(routes.length, ({ policy }) => routes.some((route) => (policy.routeSelection ? selectsRoute(policy.routeSelection.selectors, route.chain) : reachOf(policy, route) !== 'no')));
  }

  /** Settles each pending policy that `selectsOne` of `count` routes answers for, within the budget. */
  private settle(count: number, selectsOne: (pending: Pending) => boolean): void {
    for (let i = this.pending.length - 1; i >= 0; i--) {
      const pending = this.pending[i]!;
      if ((this.budget -= count * pending.cost) < 0) {
        this.pending.length = 0;
        return;
      }
      if (selectsOne(pending)) this.pending.splice(i, 1);
    }
  }

  /**
   * The policies that select no served route, marked (no output leaves them behind), and GW4047 for
   * each; GW4057 for one that selects routes by destination; one applied to destinations that no served
   * route forwards to is marked and not said (it is no mistake: the gateways are not where it applies).
   * Nothing is said when no route is served at all (GW7020 and the routes table say why), nor when the
   * listeners stopped before serving them all (GW4044).
   */
  report(policies: readonly PolicyNode[], complete: boolean, findings: Finding[]): readonly PolicyNode[] {
    if (!complete || !this.routesSeen || this.pending.length === 0) return policies;
    const unselected = new Set(this.pending.map((p) => p.policy));
    return policies.map((policy) => {
      if (!unselected.has(policy)) return policy;
      // applied to destinations, none of which the gateways forward to: nothing to say of the policy,
      // and nothing the outputs leave behind
      if (!policy.routeSelection && !policy.destinationSelection) return { ...policy, selectsNoRoute: true as const };
      const security = policy.security ? ', and the routes it was written for are served to any caller' : '';
      const name = `${policy.ref.namespace}/${policy.ref.name}`;
      if (policy.routeSelection) findings.push(finding('GW4047', { kind: policy.ref.kind, name, applies: policy.appliesTo, security }, policy.routeSelection.source, { resource: policy.ref }));
      else findings.push(finding('GW4057', { kind: policy.ref.kind, name, picks: picksText(policy.destinationSelection!.selectors), security }, policy.destinationSelection!.source, { resource: policy.ref }));
      return { ...policy, selectsNoRoute: true as const };
    });
  }
}

/**
 * A policy not yet seen to select a served route: by label, by destination, or applied to destinations
 * (reachOf answers for the last two); `cost`, its selector tests per route.
 */
interface Pending {
  readonly policy: PolicyNode;
  readonly cost: number;
}

/**
 * A policy's destination picks in words: `SERVICE httpbin/httpbin`, `any EXTERNAL_SERVICE`, `any
 * VIRTUAL_DESTINATION labelled app=ledger`, the first two and how many more.
 */
function picksText(picks: readonly DestinationPick[]): string {
  const one = (p: DestinationPick) => {
    const which = p.name === undefined && p.namespace === undefined ? `any ${p.kind}` : `${p.kind} ${p.namespace ?? '*'}/${p.name ?? '*'}`;
    return p.labels ? `${which} labelled ${Object.entries(p.labels).map(([k, v]) => `${k}=${v}`).join(', ')}` : which;
  };
  return firstAndMore(picks, 2, ', ', one);
}

/** Does one of a policy's selectors select the route of this chain (see PolicySelection for the rules)? */
export function selectsRoute(selectors: readonly RouteLabelSelector[], chain: readonly RouteOrigin[]): boolean {
  return selectors.some((s) => selects(s, chain));
}

function selects(selector: RouteLabelSelector, chain: readonly RouteOrigin[]): boolean {
  if (selector.namespace !== undefined && !chain.some((o) => o.table.namespace === selector.namespace)) return false;
  if (selector.workspace !== undefined && !chain.some((o) => o.scope?.workspace === selector.workspace)) return false;
  for (const key in selector.labels) {
    const want = selector.labels[key];
    if (!chain.some((o) => o.labels?.[key] === want || o.scope?.labels[key] === want)) return false;
  }
  return true;
}

/**
 * The policies that apply to a served route, as far as gwctl can tell: `selecting`, those whose route
 * selectors select it, or whose destination selectors select one of its destinations; `undecided`, those
 * whose selection is not decided here (by a Service's labels, by cluster, applied to destinations, or
 * every route of a workspace whose namespace no Workspace owns), which may. A policy that selects routes
 * by destination, or is applied to destinations, reaches no route without a destination such a
 * selector can select (a Lambda function's, a direct response's): it is neither (destination-selection.ts).
 * One that selects the proxies of the gateway of the `listener` serving the route applies to every
 * route it serves (gateway-workloads.ts), as one that selects the listener does (listener-selection.ts);
 * one of listeners that may select it, may.
 * (One found to select no served route, GW4047, selects none of them here either.)
 */
export function policiesOf(policies: readonly PolicyNode[], route: RouteNode, listener?: Pick<ListenerNode, 'gateway' | 'name'> | null): { readonly selecting: PolicyNode[]; readonly undecided: PolicyNode[] } {
  const selecting: PolicyNode[] = [];
  const undecided: PolicyNode[] = [];
  const gateway = listener?.gateway;
  const proxies = gateway ? `${gateway.namespace}/${gateway.name}` : undefined;
  for (const p of policies) {
    if (proxies !== undefined && p.gatewayProxies?.includes(proxies)) {
      selecting.push(p);
      continue;
    }
    if (p.listenerReach) {
      if (listener && p.listenerReach.selects.includes(listener.name)) selecting.push(p);
      else if (listener && p.listenerReach.may.includes(listener.name)) undecided.push(p);
      continue;
    }
    if (p.routeSelection) {
      if (selectsRoute(p.routeSelection.selectors, route.chain)) selecting.push(p);
      continue;
    }
    const reach = reachOf(p, route);
    if (reach === 'selects') selecting.push(p);
    else if (reach === 'may') undecided.push(p);
  }
  return { selecting, undecided };
}
