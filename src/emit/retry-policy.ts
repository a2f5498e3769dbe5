import type { RouteNode } from '../model/types';
import { reusable } from './reusable';

/** What a route may retry, decided once for every target (Envoy, Gloo Edge) from the model. */
export interface RetryPolicy {
  /** Envoy's retry_on conditions that every target writes as they are (Gloo Edge passes them through) */
  readonly retryOn: readonly string[];
  /** Lambda's answer to a throttled call (429 TooManyRequestsException: not invoked) is retried too */
  readonly throttled: boolean;
  readonly numRetries: number;
  /** exponential back-off between attempts */
  readonly backOff: { readonly base: string; readonly max: string };
}

/** `safe`: only what never reached the destination; `5xx`: also replies 5xx (services only); `none`. */
export type ServiceRetries = 'safe' | '5xx' | 'none';

// Conditions under which the request provably did not run: no connection, a stream the upstream
// refused before reading it, a reset before any byte of the request went out.
const NOT_SENT = ['connect-failure', 'refused-stream', 'reset-before-request'] as const;

/**
 * A route to Lambda never retries on 5xx: the aws_lambda filter turns the function's own statusCode into
 * the HTTP status, so a 5xx means the function ran (and a retry runs it again, charging the card twice).
 * What did not run: a failed connection, a refused stream, a reset before the request was sent, and
 * Lambda's throttling answer (TooManyRequestsException: not invoked), retried with back-off; how a
 * target tells it from a function's own 429 is retryPolicyFields'. An
 * asynchronous invocation is queued by Lambda and answered 202: only a connection that never opened is
 * retried, since after that the event may be queued already. Services: the same safe set by default;
 * `--service-retries 5xx` adds 5xx for teams whose services are idempotent.
 */
export function retryPolicy(route: RouteNode, serviceRetries: ServiceRetries): RetryPolicy | undefined {
  const action = route.action;
  if (action.kind !== 'forward') return undefined;
  // asked twice of every route (its host's policy, then its own): one pass, nothing allocated
  let toLambda = false;
  for (const d of action.destinations) {
    if (d.kind !== 'lambda') continue;
    if (d.options.invocation === 'async') return POLICIES.lambdaAsync;
    toLambda = true;
  }
  if (toLambda) return POLICIES.lambda;
  if (serviceRetries === 'none') return undefined;
  return serviceRetries === '5xx' ? POLICIES.service5xx : POLICIES.service;
}

/**
 * The policy written once for a host, on Envoy's virtual host (Gloo Edge: `virtualHost.options.retries`),
 * so that the routes whose policy it is leave theirs out: the policy most of the host's forwarding routes
 * have (on a tie, the one that got there first). Envoy gives a route its own policy when it has one and
 * the virtual host's otherwise, never a merge of the two (buildRetryPolicy in
 * source/common/router/config_impl.cc; Gloo Edge sets the virtual host's from its options,
 * plugins/basicroute/plugin.go), and shares the one policy object among the routes without their own.
 * None when a forwarding route must not retry at all (`--service-retries none`): it would take the
 * host's policy. Redirects and direct responses never retry, whatever the host says.
 *
 * The L benchmark's Envoy configuration: 945 MB with a policy on every route, 866 MB with one per host.
 */
export function hostRetryPolicy(routes: readonly RouteNode[], serviceRetries: ServiceRetries): RetryPolicy | undefined {
  const counts = new Map<RetryPolicy, number>();
  let best: RetryPolicy | undefined;
  for (const route of routes) {
    if (route.action.kind !== 'forward') continue;
    const policy = retryPolicy(route, serviceRetries);
    if (!policy) return undefined;
    const n = (counts.get(policy) ?? 0) + 1;
    counts.set(policy, n);
    if (!best || n > counts.get(best)!) best = policy;
  }
  return best;
}

/** The policy a route writes itself: its own, unless it is the host's (hostRetryPolicy). */
export function routeRetryPolicy(route: RouteNode, serviceRetries: ServiceRetries, hostPolicy: RetryPolicy | undefined): RetryPolicy | undefined {
  const policy = retryPolicy(route, serviceRetries);
  return policy === hostPolicy ? undefined : policy;
}

// Every route shares one of these, so that each target writes a policy's fields once (retryPolicyFields).
const BACK_OFF = { base: '0.25s', max: '2s' };
const POLICIES = {
  lambdaAsync: { retryOn: ['connect-failure'], throttled: false, numRetries: 2, backOff: BACK_OFF },
  lambda: { retryOn: [...NOT_SENT], throttled: true, numRetries: 2, backOff: BACK_OFF },
  service5xx: { retryOn: [...NOT_SENT, '5xx'], throttled: false, numRetries: 3, backOff: BACK_OFF },
  service: { retryOn: [...NOT_SENT], throttled: false, numRetries: 2, backOff: BACK_OFF },
} satisfies Record<string, RetryPolicy>;

/** Field names of the two targets: Envoy's proto fields, and Gloo Edge's camelCase of the same policy. */
const FIELDS = {
  envoy: { on: 'retry_on', num: 'num_retries', backOff: 'retry_back_off', base: 'base_interval', max: 'max_interval' },
  gloo: { on: 'retryOn', num: 'numRetries', backOff: 'retryBackOff', base: 'baseInterval', max: 'maxInterval' },
} as const;

/**
 * How each target retries Lambda's throttling answer and not a function's own 429.
 *
 * Envoy: the upstream aws_lambda filter runs before the router decides on a retry, and sets the HTTP
 * status from the function's JSON `statusCode` (dejsonizeResponse in
 * source/extensions/filters/http/aws_lambda/aws_lambda_filter.cc): a status 429 may be a function that
 * ran and answered 429. Lambda's own error answers (status 300 or more, which the filter passes on as
 * they came) name the error in `x-amzn-errortype` ("TooManyRequestsException", possibly followed by `:`
 * and a URL), a header an invocation's response does not carry: `retriable-headers` on it retries
 * exactly the throttled calls. The listener form's filter runs after the router, which sees Lambda's own
 * status there; the header is Lambda's in both forms, so both are written one way.
 *
 * Gloo Edge: its aws_lambda filter is one of the listener's filters (HttpFilters in
 * projects/gloo/pkg/plugins/aws/plugin.go) and the response transformation another, both after the
 * router, which sees Lambda's own status: 200 for any invocation that ran, 429 only when throttled.
 * Gloo Edge's retries have no header condition (RetryPolicy in the VirtualService CRD: retryOn,
 * retriableStatusCodes, ...), and need none.
 */
const THROTTLED = {
  envoy: { condition: 'retriable-headers', fields: { retriable_headers: [{ name: 'x-amzn-errortype', string_match: { prefix: 'TooManyRequestsException' } }] } },
  gloo: { condition: 'retriable-status-codes', fields: { retriableStatusCodes: [429] } },
} as const;

/** The policy as a target writes it (Gloo Edge passes its retries to Envoy's retry policy as they are). */
export function retryPolicyFields(policy: RetryPolicy, target: keyof typeof FIELDS): Record<string, unknown> {
  let forms = written.get(policy);
  if (!forms) written.set(policy, (forms = {}));
  return (forms[target] ??= reusable(policyFields(policy, target)));
}

// a policy's fields per target, made once: every route of a render shares them (a reusable subtree)
const written = new WeakMap<RetryPolicy, Partial<Record<keyof typeof FIELDS, Record<string, unknown>>>>();

function policyFields(policy: RetryPolicy, target: keyof typeof FIELDS): Record<string, unknown> {
  const f = FIELDS[target];
  const throttled = THROTTLED[target];
  return {
    [f.on]: [...policy.retryOn, ...(policy.throttled ? [throttled.condition] : [])].join(','),
    [f.num]: policy.numRetries,
    ...(policy.throttled ? structuredClone(throttled.fields) : {}),
    [f.backOff]: { [f.base]: policy.backOff.base, [f.max]: policy.backOff.max },
  };
}
