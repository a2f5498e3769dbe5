import { UsageError } from '../errors';
import { goDurationSeconds } from '../text/go-duration';

/**
 * "35s", "2m", "1500ms", "1m30s" (a duration as Go writes it, the form Gloo Platform's policies take:
 * text/go-duration.ts) in seconds, in whole milliseconds. No longer than Lambda's own limit: a
 * synchronous invocation ends after 15 minutes, whatever the gateway waits.
 */
export function routeSeconds(value: string): number {
  const seconds = goDurationSeconds(value.trim());
  if (seconds === undefined) throw new UsageError(`--route-timeout ${value}: expected a duration such as 35s, 2m or 1500ms`);
  // written in whole milliseconds: less than half of one was written `0s`, which Envoy reads as no
  // timeout at all ("A value of 0 will disable the route's timeout": envoy
  // api/envoy/config/route/v3/route_components.proto, RouteAction.timeout)
  if (seconds < 0.001) throw new UsageError(`--route-timeout ${value}: at least 1ms (a timeout of 0 is no timeout in Envoy)`);
  if (seconds > 900) throw new UsageError(`--route-timeout ${value}: longer than Lambda's 15 minutes, the longest a function runs`);
  return Number(seconds.toFixed(3));
}
