import { finding, type Finding } from '../../diagnostics/finding';
import type { Destination, HostNode, ListenerNode, Matcher, RouteNode } from '../../model/types';
import type { UpstreamSet } from './upstreams';

export interface VirtualServiceOptions {
  readonly routeTimeout: string;
}

/**
 * Gloo Edge routes for a model route: one, with its matchers ORed natively, unless a pathRewrite meets
 * both regex and other matchers (a rewrite replaces a prefix, or the whole path after a regex: one route
 * each, `name` and `name#2`).
 */
export function glooRoutes(route: RouteNode, upstreams: UpstreamSet, options: VirtualServiceOptions, findings: Finding[]): Array<Record<string, unknown>> {
  const rewrites = route.action.kind === 'forward' && route.action.pathRewrite !== undefined;
  const regex = route.matchers.filter((m) => m.path?.kind === 'regex');
  const other = route.matchers.filter((m) => m.path?.kind !== 'regex');
  if (!rewrites || regex.length === 0 || other.length === 0) return [glooRoute(route, route.matchers, route.name, upstreams, options, findings)];
  return [glooRoute(route, other, route.name, upstreams, options, findings), glooRoute(route, regex, `${route.name}#2`, upstreams, options, findings)];
}

function glooRoute(route: RouteNode, matchers: readonly Matcher[], name: string, upstreams: UpstreamSet, options: VirtualServiceOptions, findings: Finding[]): Record<string, unknown> {
  const out: Record<string, unknown> = { name, matchers: matchers.length ? matchers.map(glooMatcher) : [{ prefix: '/' }] };
  const action = route.action;
  const table = route.chain[route.chain.length - 1]!.table;
  if (action.kind === 'direct') {
    out.directResponseAction = {
      status: action.status,
      ...(action.replaced ? { body: `route replaced: invalid configuration (${action.replaced.code})` } : action.body !== undefined ? { body: action.body } : {}),
    };
    return out;
  }
  if (action.kind === 'redirect') {
    out.redirectAction = {
      ...(action.hostRedirect !== undefined ? { hostRedirect: action.hostRedirect } : {}),
      ...(action.pathRedirect !== undefined ? { pathRedirect: action.pathRedirect } : {}),
      responseCode: action.responseCode,
    };
    return out;
  }
  const destinations = action.destinations.map((d) => glooDestination(d, upstreams, table, findings));
  if (destinations.some((d) => d === undefined)) {
    out.directResponseAction = { status: 503, body: 'destination cannot be rendered for Gloo Edge' };
    return out;
  }
  out.routeAction =
    destinations.length === 1
      ? { single: destinations[0] }
      : { multi: { destinations: destinations.map((destination, i) => ({ weight: action.destinations[i]!.weight, destination })) } };
  const regex = matchers.some((m) => m.path?.kind === 'regex');
  const toLambda = action.destinations.some((d) => d.kind === 'lambda');
  if (toLambda && action.hostRewrite !== undefined) findings.push(finding('GW7006', { host: action.hostRewrite }, route.source, { resource: table }));
  out.options = {
    timeout: options.routeTimeout,
    retries: { retryOn: '5xx', numRetries: 3 },
    ...(action.pathRewrite !== undefined ? (regex ? { regexRewrite: { pattern: { regex: '^.*$' }, substitution: action.pathRewrite } } : { prefixRewrite: action.pathRewrite }) : {}),
    ...(action.hostRewrite !== undefined && !toLambda ? { hostRewrite: action.hostRewrite } : {}),
  };
  return out;
}

function glooMatcher(m: Matcher): Record<string, unknown> {
  return {
    ...(m.path ? { [m.path.kind]: m.path.value } : { prefix: '/' }),
    ...(m.path?.ignoreCase ? { caseSensitive: false } : {}),
    ...(m.headers.length ? { headers: m.headers.map((h) => ({ name: h.name, ...(h.value !== undefined ? { value: h.value } : {}), ...(h.regex ? { regex: true } : {}), ...(h.invert ? { invertMatch: true } : {}) })) } : {}),
    ...(m.queryParameters.length ? { queryParameters: m.queryParameters.map((q) => ({ name: q.name, ...(q.value !== undefined ? { value: q.value } : {}), ...(q.regex ? { regex: true } : {}) })) } : {}),
    ...(m.method ? { methods: [m.method] } : {}),
  };
}

/**
 * Lambda options as destinationSpec.aws: request wrap -> wrapAsApiGateway; response unwrap-api-gateway ->
 * unwrapAsApiGateway; unwrap-alb -> unwrapAsAlb; raw -> neither. Every combination the model holds has
 * an exact equivalent (Gloo forbids only unwrapAsAlb with unwrapAsApiGateway, which the model never
 * holds, and requestTransformation with the wrap/unwrap set, which gwctl never writes).
 */
function glooDestination(d: Destination, upstreams: UpstreamSet, table: RouteNode['chain'][number]['table'], findings: Finding[]): Record<string, unknown> | undefined {
  if (d.kind === 'lambda') {
    const upstream = upstreams.upstreamFor(d);
    return {
      upstream,
      destinationSpec: {
        aws: {
          logicalName: d.logicalName,
          invocationStyle: d.options.invocation === 'async' ? 'ASYNC' : 'SYNC',
          ...(d.options.request === 'wrap' ? { wrapAsApiGateway: true } : {}),
          ...(d.options.response === 'unwrap-api-gateway' ? { unwrapAsApiGateway: true } : d.options.response === 'unwrap-alb' ? { unwrapAsAlb: true } : {}),
        },
      },
    };
  }
  if (d.targetKind !== 'SERVICE') {
    findings.push(finding('GW7004', { kind: d.targetKind, name: `${d.namespace}/${d.name}`, target: 'Gloo Edge' }, d.source, { resource: table }));
    return undefined;
  }
  if (typeof d.port !== 'number') {
    findings.push(finding('GW7003', { service: `${d.namespace}/${d.name}`, port: String(d.port ?? '(none)') }, d.source, { resource: table }));
    return undefined;
  }
  return { kube: { ref: { name: d.name, namespace: d.namespace }, port: d.port } };
}

/** Hosts of a listener that share their routes share a VirtualService. */
export function hostGroups(listener: ListenerNode): HostNode[][] {
  const groups = new Map<string, HostNode[]>();
  for (const h of listener.hosts) {
    const key = h.routes.map((r) => `${r.name}@${r.source.kind === 'node' ? r.source.doc.file.name + r.source.pointer : ''}`).join('|');
    const group = groups.get(key);
    if (group) group.push(h);
    else groups.set(key, [h]);
  }
  return [...groups.values()];
}
