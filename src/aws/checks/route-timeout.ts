import { finding, type Finding } from '../../diagnostics/finding';
import { perTryTimeouts, requestTimeouts } from '../../model/request-timeouts';
import type { PolicyNode, RouteNode } from '../../model/types';
import type { FunctionConfiguration } from '../apis';
import { describe, type FunctionUse } from './function-uses';

/** The route timeout the renders write, a function's own is compared with where no policy sets one, and where it was set. */
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
 * How long the gateway waits on one invocation of a route's function: the request timeout of the
 * RetryTimeoutPolicy that selects it (model/request-timeouts.ts, the longest where several do), else the
 * renders' timeout; and on Gloo Platform's gateway no longer than the policy's `perTryTimeout`, which
 * ends each attempt, the first too (envoyproxy/envoy api/envoy/config/route/v3/route_components.proto,
 * RetryPolicy.per_try_timeout: "timeout per retry attempt (including the initial attempt)"; Istio writes
 * it where the policy retries at all: retry.go, ConvertPolicy). Where no policy with a request timeout
 * selects the route, the longest `perTryTimeout` of those that do, if any, is the wait. A policy that
 * selects routes otherwise (by destination, by cluster) is not read: its routes are compared with the
 * renders' timeout, information unless that was given. A policy's `0s` is no timeout at all, which no
 * function outlasts.
 */
export function routeWaits(policies: readonly PolicyNode[], renders: RouteTimeout): (route: RouteNode) => { readonly seconds: number; readonly from: string; readonly given: boolean } {
  const timeoutOf = requestTimeouts(policies);
  const fallback = { seconds: renders.seconds, from: FROM[renders.from], given: renders.from !== 'default' };
  const perTryOf = perTryTimeouts(policies);
  const perTry = (p: PolicyNode) => ({ seconds: p.retries!.perTryTimeout!, from: `the perTryTimeout of RetryTimeoutPolicy ${p.ref.namespace}/${p.ref.name}, which ends each attempt on Gloo Platform's gateway`, given: true });
  return (route) => {
    const set = timeoutOf(route);
    if (!set) {
      const p = perTryOf(route);
      return p ? perTry(p) : fallback;
    }
    const p = set.policy;
    const seconds = set.seconds === 0 ? Infinity : set.seconds;
    const attempt = p.retries?.perTryTimeout;
    if (attempt !== undefined && attempt < seconds) return perTry(p);
    return { seconds, from: `the requestTimeout of RetryTimeoutPolicy ${p.ref.namespace}/${p.ref.name}`, given: true };
  };
}

/**
 * A function a request waits on that may run longer than its route waits (GW8020), said once, at the
 * first route that does not wait long enough. The router ends the request at the route timeout with 504
 * "upstream request timeout" (envoyproxy/envoy source/common/router/router.cc, onResponseTimeout), and
 * Lambda runs a synchronous invocation on to its own end whether or not anyone still waits for it: the
 * client is told of a failure while the work may still succeed, and a retry by the client runs it twice.
 * The timeout read is the qualifier's own (a version keeps the configuration it was published with). A
 * warning where the route's timeout was given (a policy, the option, the configuration file);
 * information against the renders' default, which a gateway of Gloo Platform does not write ("By default,
 * the Envoy timeout for HTTP requests is disabled in Istio": retry_timeout_policy.proto).
 */
export function judgeRouteTimeout(u: FunctionUse, configuration: FunctionConfiguration, waits: ReturnType<typeof routeWaits>, findings: Finding[]): void {
  const runs = configuration.timeoutSeconds;
  if (runs === undefined) return;
  for (const by of u.awaitedBy) {
    const route = waits(by.route);
    if (runs <= route.seconds) continue;
    findings.push(finding('GW8020', { what: describe(u), runs, route: route.seconds, from: route.from }, by.at, { resource: by.resource, ...(route.given ? {} : { severity: 'info' as const }) }));
    return;
  }
}
