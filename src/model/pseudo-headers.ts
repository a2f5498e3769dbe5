/**
 * The request pseudo-headers a header matcher may name: Envoy's request header map holds them, and its
 * header matchers read them as any header (`:authority` the Host as sent, port and all; `:path` the
 * path routed, query and all). Istio, which serves Gloo's routes, takes them in a route's header match
 * (istio/istio `pkg/config/validation`, `ValidateHTTPHeaderNameOrJwtClaimRoute`: "Valid pseudo
 * header"). `:status` is a response's: no request holds it.
 */
export const REQUEST_PSEUDO_HEADERS: ReadonlySet<string> = new Set([':authority', ':method', ':path', ':scheme']);

/**
 * The entry of Envoy's request header map a matcher's header name reads: names without case, and `host`
 * is `:authority` (envoyproxy/envoy `source/common/http/header_map_impl.cc`,
 * `StaticLookupTable<RequestHeaderMap>`: "Special case where we map a legacy host header to
 * :authority"). A matcher on `host` and one on `:authority` read one value.
 */
export function headerKey(name: string): string {
  const key = name.toLowerCase();
  return key === 'host' ? ':authority' : key;
}
