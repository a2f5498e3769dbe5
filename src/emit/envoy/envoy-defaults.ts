import { NEWEST_ENVOY } from './envoy-version';
import type { EnvoyOptions } from './render-envoy';

/** --escaped-slashes in Envoy's words. */
export const ESCAPED_SLASHES = { reject: 'REJECT_REQUEST', redirect: 'UNESCAPE_AND_REDIRECT', keep: 'KEEP_UNCHANGED' } as const;

// Kept apart from the emitter so that the command line can show these defaults without loading it.
/** The defaults of the edge settings and bounds (the CLI's flags override them). */
export const ENVOY_DEFAULTS = {
  form: 'upstream',
  listen: { address: '0.0.0.0', port: 10000 },
  routeTimeoutSeconds: 35,
  caFile: '/etc/ssl/certs/ca-certificates.crt',
  envoyVersion: NEWEST_ENVOY,
  trustedHops: 0,
  serviceRetries: 'safe',
  // Lambda accepts synchronous payloads of up to 6 MB: a larger request is answered 413 by Envoy
  bufferLimit: 6 * 1024 * 1024,
  escapedSlashes: ESCAPED_SLASHES.reject,
  maxHeapBytes: 1024 * 1024 * 1024,
} as const satisfies Omit<EnvoyOptions, 'toolVersion'>;
