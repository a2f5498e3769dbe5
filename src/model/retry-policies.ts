import { finding, type Finding } from '../diagnostics/finding';
import { SELECTION_BUDGET, selectsRoute } from './policy-selection';
import type { PolicyNode, RouteNode } from './types';

/**
 * Retry conditions met only after the request reached the function: the aws_lambda filter turns the
 * function's own statusCode into the HTTP status before the router decides on a retry, so `5xx`,
 * `gateway-error` (502, 503 and 504, the last also Envoy's own per-try timeout while the function runs
 * on), `retriable-4xx` (409) and `retriable-headers` are met by a function that ran, and `reset` by a
 * connection that broke after the request was sent (envoyproxy/envoy docs, router filter, x-envoy-retry-on).
 * A status code written in `retryOn` (Istio reads an integer there as one: retry.go, parseRetryOn) too.
 * What never reached it (`connect-failure`, `refused-stream`, `reset-before-request`,
 * `envoy-ratelimited`) is safe, as gwctl's own outputs retry (emit/retry-policy.ts); the gRPC conditions
 * (`unavailable`, `cancelled`...: Istio's defaults) are decided on a grpc-status header, which a function
 * behind the filter answers only if it writes one, and are not said.
 */
const AFTER_THE_FUNCTION = new Set(['5xx', 'gateway-error', 'retriable-4xx', 'retriable-headers', 'reset']);
const isStatusCode = (c: string) => /^[1-5]\d\d$/.test(c);

type RetryingPolicy = PolicyNode & Required<Pick<PolicyNode, 'retries' | 'routeSelection'>>;

/**
 * GW4055: a RetryTimeoutPolicy whose retries run a function again, said of each such policy that selects
 * a route to Lambda the gateways serve (by label, as policy-selection.ts reads selectors), at its
 * `retryOn`, naming the first such route and how many more. A policy that selects otherwise is not read.
 * The routes are looked at as the model serves them, host list by host list (without retained routes,
 * validate's, no list outlives its host); only policies whose retries could run a function again are
 * watched, so an input without one pays nothing.
 */
export class FunctionRetries {
  private readonly watched: Array<{ readonly policy: RetryingPolicy; readonly conditions: readonly string[]; readonly routes: RouteNode[]; readonly seen: Set<string> }> = [];
  private readonly seenLists = new WeakSet<readonly RouteNode[]>();
  /** selector tests left: many such policies over many routes stop being looked at past it, as PolicySelection's */
  private budget = SELECTION_BUDGET;

  constructor(policies: readonly PolicyNode[]) {
    for (const policy of policies) {
      if (!policy.retries || !policy.routeSelection) continue;
      const conditions = policy.retries.retryOn.filter((c) => AFTER_THE_FUNCTION.has(c) || isStatusCode(c));
      if (conditions.length) this.watched.push({ policy: policy as RetryingPolicy, conditions, routes: [], seen: new Set() });
    }
  }

  /** A host's routes (a list shared by several hosts is looked at once). */
  note(routes: readonly RouteNode[]): void {
    if (this.watched.length === 0 || this.seenLists.has(routes)) return;
    this.seenLists.add(routes);
    for (const w of this.watched) {
      if ((this.budget -= routes.length) < 0) return;
      for (const r of routes) {
        if (r.action.kind !== 'forward' || !r.action.destinations.some((d) => d.kind === 'lambda')) continue;
        // one route served on several hosts or listeners is one route
        const key = `${tableOf(r)}\n${r.name}`;
        if (w.seen.has(key) || !selectsRoute(w.policy.routeSelection.selectors, r.chain)) continue;
        w.seen.add(key);
        w.routes.push(r);
      }
    }
  }

  report(findings: Finding[]): void {
    for (const { policy, conditions, routes } of this.watched) {
      if (routes.length === 0) continue;
      const more = routes.length > 1 ? ` and ${routes.length - 1} more route${routes.length > 2 ? 's' : ''} to Lambda` : '';
      findings.push(
        finding('GW4055', { kind: policy.ref.kind, name: `${policy.ref.namespace}/${policy.ref.name}`, route: routes[0]!.name, more, conditions: conditions.map((c) => `\`${c}\``).join(', '), attempts: policy.retries.attempts }, policy.retries.source, {
          resource: policy.ref,
          related: [{ message: `route \`${routes[0]!.name}\`, to Lambda`, at: routes[0]!.source }],
        }),
      );
    }
  }
}

const tableOf = (r: RouteNode) => {
  const t = r.chain[r.chain.length - 1]!.table;
  return `${t.namespace}/${t.name}`;
};
