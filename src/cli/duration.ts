import { UsageError } from '../errors';

/**
 * "35s", "1m", "1500ms" to the seconds Envoy and Gloo write ("35s", "60s", "1.5s"). No longer than
 * Lambda's own limit: a synchronous invocation ends after 15 minutes, whatever the gateway waits.
 */
export function parseDuration(value: string): string {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value.trim());
  if (!m) throw new UsageError(`--route-timeout ${value}: expected a duration such as 35s, 2m or 1500ms`);
  const seconds = Number(m[1]) * { ms: 0.001, s: 1, m: 60, h: 3600 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  // written in whole milliseconds: less than half of one was written `0s`, which Envoy reads as no
  // timeout at all ("A value of 0 will disable the route's timeout": envoy
  // api/envoy/config/route/v3/route_components.proto, RouteAction.timeout)
  if (seconds < 0.001) throw new UsageError(`--route-timeout ${value}: at least 1ms (a timeout of 0 is no timeout in Envoy)`);
  if (seconds > 900) throw new UsageError(`--route-timeout ${value}: longer than Lambda's 15 minutes, the longest a function runs`);
  return `${Number(seconds.toFixed(3))}s`;
}

/** A duration as parseDuration writes it ("1.5s"), in seconds. */
export const durationSeconds = (written: string): number => Number(written.replace(/s$/, ''));
