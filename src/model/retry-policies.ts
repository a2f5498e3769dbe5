import { finding, type Finding } from '../diagnostics/finding';
import { SELECTION_BUDGET, selectsRoute } from './policy-selection';
import { RouteSet } from './route-set';
import { isRetriedStatus } from './retry-conditions';
import type { PolicyNode, RouteNode } from './types';

/**
 * Retry conditions met only after the request reached the function: the aws_lambda filter turns the
 * function's own statusCode into the HTTP status before the router decides on a retry, so `5xx`,
 * `gateway-error` (502, 503 and 504, the last also Envoy's own per-try timeout while the function runs
 * on), `retriable-4xx` (409) and `retriable-headers` are met by a function that ran, and `reset` by a
 * connection that broke after the request was sent (envoyproxy/envoy docs, router filter, x-envoy-retry-on).
 * A status code written in `retryOn` too (Istio reads an integer there as one where Go's net/http knows the
 * status: retry.go, parseRetryOn; any other is passed on, and Envoy ignores it: GW2016).
 * What never reached it (`connect-failure`, `refused-stream`, `reset-before-request`,
 * `envoy-ratelimited`) is safe, as gwctl's own outputs retry (emit/retry-policy.ts); the gRPC conditions
 * (`unavailable`, `cancelled`...: among Istio's defaults) are decided on a grpc-status header, which a
 * function behind the filter answers only if it writes one, and are not said.
 */
const AFTER_THE_FUNCTION = new Set(['5xx', 'gateway-error', 'retriable-4xx', 'retriable-headers', 'reset']);

/**
 * A policy that names no `retryOn` keeps Istio's default conditions, which until Istio 1.24 retried a 503
 * too (`RetriableStatusCodes: 503`, removed as "unsafe" by istio/istio#52111, July 2024, after a double
 * payout: istio/istio#50506): a function that answered 503 runs again on a gateway of an older Istio, or
 * of a newer one run at an older compatibility version. Information: which Istio the gateway runs, the
 * manifests do not say.
 */
const ISTIO_DEFAULTS = "Istio's default conditions (no `retryOn`), which include a 503 before Istio 1.24 (istio/istio#52111)";

type SelectingPolicy = PolicyNode & Required<Pick<PolicyNode, 'routeSelection'>>;

/**
 * What the RetryTimeoutPolicies that select routes by label (policy-selection.ts reads their selectors)
 * do to the routes the gateways serve, looked at host list by host list as the model serves them
 * (without retained routes, validate's, no list outlives its host). An input without two such
 * policies, or one whose retries could run a function again, pays nothing. A policy that selects
 * otherwise is not read.
 *
 * GW4055: a policy whose retries run a function again, said once, at its `retryOn`, naming the first
 * route to Lambda it selects and how many more; information where it names no `retryOn` (ISTIO_DEFAULTS).
 *
 * GW4056: two policies that select one route. "Only one RetryTimeoutPolicy can apply to a route.
 * Subsequent policies (sorted by creation time) are ignored and put into a FAILED state" (solo-io/solo-apis
 * api/gloo.solo.io/policy/v2/resilience/retry_timeout_policy.proto): which is older the manifests do not
 * say, so the route gets the timeout and retries of either. Said once per pair, at the later one's
 * `applyToRoutes` in the input, naming the first route both select and how many more.
 */
export class RetryTimeoutPolicies {
  private readonly policies: readonly SelectingPolicy[];
  /** by policy: the routes to Lambda it retries after the function ran, where its conditions would (or may: Istio's defaults) */
  private readonly retrying = new Map<SelectingPolicy, { readonly conditions: readonly string[]; readonly defaults: boolean; readonly routes: RouteSet }>();
  /** by pair of policies (their indexes): the routes both select */
  private readonly shared = new Map<string, { readonly first: SelectingPolicy; readonly second: SelectingPolicy; readonly routes: RouteSet }>();
  private readonly seenLists = new WeakSet<readonly RouteNode[]>();
  /** selector tests left: many policies over many routes stop being looked at past it, as PolicySelection's */
  private budget = SELECTION_BUDGET;

  constructor(all: readonly PolicyNode[]) {
    const policies = all.filter((p): p is SelectingPolicy => p.ref.kind === 'RetryTimeoutPolicy' && p.routeSelection !== undefined);
    for (const policy of policies) {
      if (!policy.retries) continue;
      const conditions = policy.retries.retryOn.filter((c) => AFTER_THE_FUNCTION.has(c) || isRetriedStatus(c));
      if (conditions.length || policy.retries.istioDefaults) this.retrying.set(policy, { conditions, defaults: conditions.length === 0, routes: new RouteSet() });
    }
    this.policies = policies.length >= 2 || this.retrying.size ? policies : [];
  }

  /** A host's routes (a list shared by several hosts is looked at once). */
  note(routes: readonly RouteNode[]): void {
    if (this.policies.length === 0 || this.seenLists.has(routes)) return;
    this.seenLists.add(routes);
    if ((this.budget -= routes.length * this.policies.length) < 0) return;
    for (const r of routes) {
      // a route of any action takes one policy, its timeout; only one to Lambda runs a function again
      const toLambda = r.action.kind === 'forward' && r.action.destinations.some((d) => d.kind === 'lambda');
      let first: number | undefined;
      for (let i = 0; i < this.policies.length; i++) {
        const policy = this.policies[i]!;
        if (!selectsRoute(policy.routeSelection.selectors, r.chain)) continue;
        if (toLambda) this.retrying.get(policy)?.routes.add(r);
        if (first === undefined) {
          first = i;
          continue;
        }
        const key = `${first} ${i}`;
        let pair = this.shared.get(key);
        if (!pair) this.shared.set(key, (pair = { first: this.policies[first]!, second: policy, routes: new RouteSet() }));
        pair.routes.add(r);
      }
    }
  }

  report(findings: Finding[]): void {
    for (const [policy, { conditions, defaults, routes }] of this.retrying) {
      const route = routes.first;
      if (!route) continue;
      const on = defaults ? ISTIO_DEFAULTS : conditions.map((c) => `\`${c}\``).join(', ');
      findings.push(
        finding('GW4055', { kind: policy.ref.kind, name: nameOf(policy), route: route.name, more: routes.more('to Lambda'), conditions: on, attempts: policy.retries!.attempts }, policy.retries!.source, {
          resource: policy.ref,
          related: [{ message: `route \`${route.name}\`, to Lambda`, at: route.source }],
          // whether the gateway's Istio still retries a 503 by default, the manifests do not say
          ...(defaults ? { severity: 'info' as const } : {}),
        }),
      );
    }
    for (const { first, second, routes } of this.shared.values()) {
      const route = routes.first!;
      findings.push(
        finding('GW4056', { kind: second.ref.kind, name: nameOf(second), other: nameOf(first), route: route.name, more: routes.more('') }, second.routeSelection.source, {
          resource: second.ref,
          related: [
            { message: `${first.ref.kind} ${nameOf(first)}, which selects it too`, at: first.routeSelection.source },
            { message: `route \`${route.name}\``, at: route.source },
          ],
        }),
      );
    }
  }
}

const nameOf = (p: PolicyNode) => `${p.ref.namespace}/${p.ref.name}`;
