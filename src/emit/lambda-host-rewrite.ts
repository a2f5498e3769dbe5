import { finding, type Finding } from '../diagnostics/finding';
import type { RouteNode } from '../model/types';

/**
 * GW7006 for a route that rewrites the Host header of a request to a function: every target leaves the
 * rewrite out (model/path-rewrite.ts, hostRewriteFor), since a function is invoked at its Lambda
 * endpoint, whose Host the request is signed for. Each target says so where it drops it.
 */
export function lambdaHostRewrite(route: RouteNode): Finding | undefined {
  const action = route.action;
  if (action.kind !== 'forward' || action.hostRewrite === undefined || !action.destinations.some((d) => d.kind === 'lambda')) return undefined;
  return finding('GW7006', { host: action.hostRewrite }, route.source, { resource: route.chain[route.chain.length - 1]!.table });
}
