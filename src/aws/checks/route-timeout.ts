import { finding, type Finding } from '../../diagnostics/finding';
import type { FunctionConfiguration } from '../apis';
import { describe, type FunctionUse } from './function-uses';

/** The route timeout a function's own is compared with, and where it was set. */
export interface RouteTimeout {
  readonly seconds: number;
  /** `--route-timeout`, the configuration file's `render.routeTimeout`, or the renders' default when neither says */
  readonly from: 'option' | 'config' | 'default';
}

const FROM: Readonly<Record<RouteTimeout['from'], string>> = {
  option: '--route-timeout',
  config: 'render.routeTimeout in the configuration file',
  default: 'the default of gwctl\'s renders; --route-timeout sets it',
};

/**
 * A function a request waits on that may run longer than the route waits (GW8020). The router ends the
 * request at the route timeout with 504 "upstream request timeout" (envoyproxy/envoy
 * source/common/router/router.cc, onResponseTimeout), and Lambda runs a synchronous invocation on to its
 * own end whether or not anyone still waits for it: the client is told of a failure while the work may
 * still succeed, and a retry by the client runs it twice. The timeout read is the qualifier's own (a
 * version keeps the configuration it was published with). A warning where the user gave the route
 * timeout; information against the renders' default, which a gateway of Gloo Platform does not write
 * (its RetryTimeoutPolicy sets the route's timeout there).
 */
export function judgeRouteTimeout(u: FunctionUse, configuration: FunctionConfiguration, route: RouteTimeout, findings: Finding[]): void {
  const runs = configuration.timeoutSeconds;
  if (!u.awaitedBy || runs === undefined || runs <= route.seconds) return;
  findings.push(
    finding('GW8020', { what: describe(u), runs, route: route.seconds, from: FROM[route.from] }, u.awaitedBy.at, {
      resource: u.awaitedBy.resource,
      ...(route.from === 'default' ? { severity: 'info' as const } : {}),
    }),
  );
}
