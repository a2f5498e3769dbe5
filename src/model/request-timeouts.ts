import { selectsRoute } from './policy-selection';
import type { ListenerNode, PolicyNode, RouteNode } from './types';

/**
 * A RetryTimeoutPolicy that sets a request timeout and selects routes by label, or every route of its
 * workspace (policy-selection.ts, workspace-policies.ts).
 */
export type TimeoutPolicy = PolicyNode & Required<Pick<PolicyNode, 'requestTimeout' | 'routeSelection'>>;

/** Whether a policy's request timeout is read: the renders write it (emit/unrendered-policies.ts), validate --aws compares it. */
export const isTimeoutPolicy = (p: PolicyNode): p is TimeoutPolicy => p.ref.kind === 'RetryTimeoutPolicy' && p.requestTimeout !== undefined && p.routeSelection !== undefined;

/** A route's request timeout on Gloo Platform's gateway, and the policy that sets it. */
export interface RequestTimeout {
  /** 0: no timeout ("By default, the Envoy timeout for HTTP requests is disabled in Istio") */
  readonly seconds: number;
  readonly policy: TimeoutPolicy;
}

/**
 * The request timeout Gloo Platform's gateway gives a route: the `config.requestTimeout` of the
 * RetryTimeoutPolicy that selects it by label, the longest where several do. gwctl decides: "Only one
 * RetryTimeoutPolicy can apply to a route. Subsequent policies (sorted by creation time) are ignored"
 * (solo-io/solo-apis api/gloo.solo.io/policy/v2/resilience/retry_timeout_policy.proto), manifests carry
 * no creation time (GW4056 says where two select one route), and the longest cuts no function short that
 * either would let run. Undefined where none selects the route; a policy that selects otherwise (by
 * destination, by cluster) is not read. One reader for `validate --aws` (a function
 * that runs longer, GW8020) and for the renders, which write it as the route's timeout; an input without
 * such a policy pays one empty check per route.
 */
export function requestTimeouts(policies: readonly PolicyNode[]): (route: RouteNode) => RequestTimeout | undefined {
  const longest = longestSelecting(selectingWith(policies, (p): p is TimeoutPolicy => p.requestTimeout !== undefined), (p) => p.requestTimeout.seconds);
  return (route) => {
    const p = longest(route);
    return p && { seconds: p.requestTimeout.seconds, policy: p };
  };
}

/**
 * The RetryTimeoutPolicy whose `retries.perTryTimeout` (which ends each attempt on Gloo Platform's
 * gateway) is the longest of those that select a route, where one does: validate --aws compares a
 * function with it (aws/checks/route-timeout.ts). The renders write no policy's retries (GW7025).
 */
export function perTryTimeouts(policies: readonly PolicyNode[]): (route: RouteNode) => SelectingPolicy | undefined {
  return longestSelecting(selectingWith(policies, (p): p is SelectingPolicy => p.retries?.perTryTimeout !== undefined), (p) => p.retries!.perTryTimeout!);
}

type SelectingPolicy = PolicyNode & Required<Pick<PolicyNode, 'routeSelection'>>;

/** A RetryTimeoutPolicy that retries (attempts above 0) and selects routes by label. */
export type RetryingPolicy = SelectingPolicy & Required<Pick<PolicyNode, 'retries'>>;

/**
 * The RetryTimeoutPolicies with retries that select a route, in input order: Gloo Platform's gateway
 * applies one of them (GW4056 where there are two, which the manifests cannot settle), and `gwctl diff`
 * names what changed of them. The same label index as the timeouts'.
 */
export function routeRetries(policies: readonly PolicyNode[]): (route: RouteNode) => readonly RetryingPolicy[] {
  const retrying = selectingWith(policies, (p): p is RetryingPolicy => p.retries !== undefined);
  if (retrying.length === 0) return () => [];
  const candidates = candidatesOf(retrying);
  return (route) => candidates(route).filter((p) => selectsRoute(p.routeSelection.selectors, route.chain));
}

/**
 * The policies that select routes by label and `have` what a reader wants of them: the one filter of the
 * three readers above. Only a RetryTimeoutPolicy carries a request timeout or retries (load/classify.ts);
 * one found to select no served route (GW4047) answers for none of them, and needs no filter.
 */
function selectingWith<P extends SelectingPolicy>(policies: readonly PolicyNode[], have: (p: SelectingPolicy) => p is P): P[] {
  return policies.filter((p): p is P => p.routeSelection !== undefined && have(p as SelectingPolicy));
}

/** Of `policies`, the one that selects a route with the longest `seconds` (0: none, longer than any), the first in the input of two as long. */
function longestSelecting<P extends SelectingPolicy>(policies: readonly P[], seconds: (p: P) => number): (route: RouteNode) => P | undefined {
  if (policies.length === 0) return () => undefined;
  const candidates = candidatesOf(policies);
  return (route) => {
    let longest: P | undefined;
    for (const p of candidates(route)) {
      if ((!longest || longer(seconds(p), seconds(longest))) && selectsRoute(p.routeSelection.selectors, route.chain)) longest = p;
    }
    return longest;
  };
}

/** The timeout policies that select a route the listeners serve (not the mesh's, which PolicySelection counts too). */
export function servingTimeoutPolicies(policies: readonly PolicyNode[], listeners: readonly ListenerNode[]): ReadonlySet<TimeoutPolicy> {
  const timeouts = policies.filter(isTimeoutPolicy);
  const found = new Set<TimeoutPolicy>();
  if (timeouts.length === 0) return found;
  const candidates = candidatesOf(timeouts);
  const seen = new WeakSet<readonly RouteNode[]>();
  for (const l of listeners) {
    for (const h of l.hosts) {
      if (seen.has(h.routes)) continue;
      seen.add(h.routes);
      for (const r of h.routes) {
        for (const p of candidates(r)) if (!found.has(p) && selectsRoute(p.routeSelection.selectors, r.chain)) found.add(p);
        if (found.size === timeouts.length) return found;
      }
    }
  }
  return found;
}

/** 0 is no timeout at all, longer than any. */
const longer = (a: number, b: number) => b !== 0 && (a === 0 || a > b);

/**
 * The policies that may select a route, in input order: those with a selector that needs no label, and
 * those one of whose selectors needs a label (its first) the route's chain carries, on a route or a table
 * (policy-selection.ts, selects). Each is then asked whether it selects; the others cannot. Many policies
 * over many routes are so tested pair by pair only where they share a label, not every policy with every
 * route.
 */
function candidatesOf<P extends SelectingPolicy>(timeouts: readonly P[]): (route: RouteNode) => readonly P[] {
  const always: number[] = [];
  const byLabel = new Map<string, number[]>();
  timeouts.forEach((p, i) => {
    for (const s of p.routeSelection.selectors) {
      const first = Object.entries(s.labels)[0];
      if (!first) {
        always.push(i);
        return;
      }
      const key = `${first[0]}\u0000${first[1]}`;
      const list = byLabel.get(key);
      if (!list) byLabel.set(key, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
  });
  if (byLabel.size === 0) return () => timeouts;
  return (route) => {
    const picked = new Set(always);
    for (const o of route.chain) {
      for (const labels of [o.labels, o.scope?.labels]) {
        if (!labels) continue;
        for (const key in labels) for (const i of byLabel.get(`${key}\u0000${labels[key]}`) ?? []) picked.add(i);
      }
    }
    return [...picked].sort((a, b) => a - b).map((i) => timeouts[i]!);
  };
}
