/**
 * How Istio and Envoy read the conditions of a retry policy's `retryOn`, which a RetryTimeoutPolicy passes
 * to Istio: the policy's reader says what is never met (load/retry-timeout-config.ts, GW2016), and the
 * model what runs a function again (retry-policies.ts, GW4055).
 */

/**
 * The conditions of a `retryOn` as Istio passes them on (trimmed, the empty dropped), or Istio's own
 * where it names none (retry.go, ConvertPolicy: `defaultRetryOn` kept unless `RetryOn` is set, that is
 * not empty).
 */
export function istioConditions(retryOn: string | undefined): { readonly retryOn: readonly string[]; readonly istioDefaults: boolean } {
  // `retryOn: ","` is set, and Istio passes on what remains of it: no condition, no retry
  if (retryOn === undefined || retryOn === '') return { retryOn: ISTIO_RETRY_ON, istioDefaults: true };
  return { retryOn: retryOn.split(',').map((c) => c.trim()).filter((c) => c !== ''), istioDefaults: false };
}

/**
 * Whether Istio or Envoy retries on `condition`: a status Go's net/http knows (Istio turns it into a
 * retriable status code: retry.go, `http.StatusText(i) != ""`), or a name of Envoy's x-envoy-retry-on or
 * x-envoy-retry-grpc-on (retry_state_impl.cc, parseRetryOn and parseRetryGrpcOn).
 */
export function isRetryCondition(condition: string): boolean {
  return RETRY_CONDITION_NAMES.includes(condition) || isRetriedStatus(condition);
}

/**
 * Whether Istio reads `condition` as a status code to retry: Go's strconv.Atoi takes it (a sign, leading
 * zeros) and net/http knows the status.
 */
export const isRetriedStatus = (condition: string): boolean => /^[+-]?\d{1,18}$/.test(condition) && GO_STATUS_CODES.has(String(Number(condition)));

/**
 * The names of Envoy's x-envoy-retry-on and x-envoy-retry-grpc-on conditions (retry_state_impl.cc): the
 * sixteen the RetryTimeoutPolicy's 2.14 CRD lists as supported, beside "Any valid http status code".
 */
export const RETRY_CONDITION_NAMES: readonly string[] = [
  '5xx', 'gateway-error', 'connect-failure', 'envoy-ratelimited', 'retriable-4xx', 'refused-stream', 'retriable-status-codes',
  'retriable-headers', 'reset', 'reset-before-request', 'http3-post-connect-failure',
  'cancelled', 'deadline-exceeded', 'resource-exhausted', 'unavailable', 'internal',
];

/** The statuses of Go's net/http (status.go, StatusText): what Istio reads as a status code in `retryOn`. */
const GO_STATUS_CODES = new Set(
  [
    100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308, 400, 401, 402,
    403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431,
    451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
  ].map(String),
);

/** What Istio retries on where a retry policy names no condition (retry.go, defaultRetryOn). */
const ISTIO_RETRY_ON = ['connect-failure', 'refused-stream', 'unavailable', 'cancelled', 'retriable-status-codes'];
