import { selectsRoute } from './policy-selection';
import type { PolicyNode, RouteNode } from './types';

/** A RetryTimeoutPolicy that sets a request timeout and selects routes by label (policy-selection.ts). */
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
 * destination, every route of its workspace) is not read. One reader for `validate --aws` (a function
 * that runs longer, GW8020) and for the renders, which write it as the route's timeout; an input without
 * such a policy pays one empty check per route.
 */
export function requestTimeouts(policies: readonly PolicyNode[]): (route: RouteNode) => RequestTimeout | undefined {
  const timeouts = policies.filter((p): p is TimeoutPolicy => isTimeoutPolicy(p) && !p.selectsNoRoute);
  if (timeouts.length === 0) return () => undefined;
  return (route) => {
    let longest: TimeoutPolicy | undefined;
    for (const p of timeouts) {
      if ((!longest || longer(p.requestTimeout.seconds, longest.requestTimeout.seconds)) && selectsRoute(p.routeSelection.selectors, route.chain)) longest = p;
    }
    return longest && { seconds: longest.requestTimeout.seconds, policy: longest };
  };
}

/** 0 is no timeout at all, longer than any. */
const longer = (a: number, b: number) => b !== 0 && (a === 0 || a > b);
