import type { HostNode } from '../model/types';

/**
 * Envoy refuses a route configuration with a direct response body longer than its
 * `max_direct_response_body_size_bytes`, 4096 bytes unless set (envoyproxy/envoy
 * source/common/router/config_impl.cc, DEFAULT_MAX_DIRECT_RESPONSE_BODY_SIZE_BYTES; "response body size is
 * {} bytes; maximum is {}"). Gloo's gateways set GLOO_DIRECT_BODY_BYTES (model/direct-body-limit.ts).
 */
export const ENVOY_DIRECT_BODY_BYTES = 4096;

/** Whether a direct response these hosts serve has a body longer than Envoy's default limit. */
export function needsLargeDirectBodies(hosts: readonly HostNode[]): boolean {
  for (const host of hosts) {
    for (const route of host.routes) {
      const action = route.action;
      // a body of more than 4096 UTF-16 units may still be more than 4096 bytes; fewer never is more
      if (action.kind === 'direct' && action.body !== undefined && action.body.length * 3 > ENVOY_DIRECT_BODY_BYTES && Buffer.byteLength(action.body) > ENVOY_DIRECT_BODY_BYTES) return true;
    }
  }
  return false;
}
