/**
 * The longest direct response body Gloo's gateways serve, in bytes: they set
 * `max_direct_response_body_size_bytes` to 1 MiB on every route configuration (istio/istio
 * pilot/pkg/networking/core/route/route.go, DefaultMaxDirectResponseBodySizeBytes, "the same limit the
 * control plane validates": pkg/config/validation, validateHTTPDirectResponse, `len(body) > 1*mb`), and
 * Envoy refuses a whole route configuration with a longer one. The RouteTable CRD's `maxLength: 1048576`
 * counts characters, so a body of fewer characters can still be too long (GW4035).
 */
export const GLOO_DIRECT_BODY_BYTES = 1024 * 1024;

/** The body's length in UTF-8 when it is over the limit, else undefined (cheap for the usual short body). */
export function directBodyOverLimit(body: string): number | undefined {
  // a UTF-16 unit is at most 3 bytes in UTF-8: a body of a third of the limit or less cannot be over
  if (body.length * 3 <= GLOO_DIRECT_BODY_BYTES) return undefined;
  const bytes = Buffer.byteLength(body);
  return bytes > GLOO_DIRECT_BODY_BYTES ? bytes : undefined;
}
