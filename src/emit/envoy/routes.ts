import { finding, type Finding } from '../../diagnostics/finding';
import { lambdaHostRewrite } from '../lambda-host-rewrite';
import type { Matcher, RouteNode, ValueMatch } from '../../model/types';
import { hostRewriteFor, pathRewriteFor, regexRewriteText, type PathRewrite } from '../../model/path-rewrite';
import { listenerMatchers } from '../../model/matchers';
import type { ClusterSet, ClusterTarget } from './clusters';
import { routeRetryPolicy, retryPolicyFields, type RetryPolicy, type ServiceRetries } from '../retry-policy';
import { reusablePer } from '../reusable';
import type { RouteTimeouts } from '../route-timeouts';

export interface RouteOptions {
  /** each route's timeout, and its own stream idle timeout where it waits longer than the connection manager's allows */
  readonly timeouts: RouteTimeouts;
  readonly serviceRetries: ServiceRetries;
  readonly form: 'upstream' | 'listener';
  /** the virtual host's retry policy (hostRetryPolicy): routes whose policy it is leave theirs out */
  readonly hostRetries: RetryPolicy | undefined;
}

/**
 * The listener form's downstream aws_lambda filter sets :path to the invoke path and signs it before the
 * router applies a prefix or regex rewrite, which then breaks the signature (envoy issue 32101).
 */
export function rewriteBreaksSigning(route: RouteNode, form: RouteOptions['form']): boolean {
  return form === 'listener' && pathRewriteFor(route.action, false) !== undefined && route.action.kind === 'forward' && route.action.destinations.some((d) => d.kind === 'lambda');
}

/** The route's path rewrite as its finding shows it: the pathRewrite, or `pattern -> substitution`. */
function pathRewriteText(route: RouteNode): string | undefined {
  const a = route.action;
  if (a.kind !== 'forward') return undefined;
  return a.pathRewrite ?? (a.regexRewrite ? regexRewriteText(a.regexRewrite) : undefined);
}

/**
 * What Envoy needs of a route before any output is written: the clusters of its destinations, and the
 * findings about what Envoy cannot express exactly. Every route goes through this first, so that the
 * findings are complete when render decides whether to write; envoyRoutes then builds the routes one at
 * a time as the writer reaches them.
 */
export function prepareEnvoyRoute(route: RouteNode, clusters: ClusterSet, findings: Finding[], form: RouteOptions['form']): void {
  const action = route.action;
  if (action.kind !== 'forward') return;
  const table = tableOf(route);
  if (rewriteBreaksSigning(route, form)) {
    findings.push(finding('GW7007', { rewrite: pathRewriteText(route)! }, route.source, { resource: table }));
    return;
  }
  for (const d of action.destinations) clusters.prepare(d, table);
  const ignored = lambdaHostRewrite(route);
  if (ignored) findings.push(ignored);
}

/** Envoy routes for one model route: one per matcher (a model route ORs its matchers, an Envoy route has one). */
export function envoyRoutes(route: RouteNode, listenerPort: number, clusters: ClusterSet, options: RouteOptions): Array<Record<string, unknown>> {
  const matchers = listenerMatchers(route, listenerPort);
  const action = envoyAction(route, clusters, options);
  return matchers.map((m, i) => {
    const rewrite = action.route ? envoyRewrite(pathRewriteFor(route.action, m.path?.kind === 'regex')) : {};
    return { name: i === 0 ? route.name : `${route.name}#${i + 1}`, match: envoyMatch(m), ...action, ...(action.route ? { route: { ...(action.route as object), ...rewrite } } : {}) };
  });
}

function envoyMatch(m: Matcher): Record<string, unknown> {
  const match: Record<string, unknown> = {};
  if (!m.path) match.prefix = '/';
  else if (m.path.kind === 'prefix') match.prefix = m.path.value;
  else if (m.path.kind === 'exact') match.path = m.path.value;
  else match.safe_regex = { regex: m.path.value };
  if (m.path?.ignoreCase && m.path.kind !== 'regex') match.case_sensitive = false;
  const headers = [...(m.method ? [methodMatcher(m.method)] : []), ...m.headers.map(headerMatcher)];
  if (headers.length) match.headers = headers;
  if (m.queryParameters.length) {
    match.query_parameters = m.queryParameters.map((q) => ({ name: q.name, ...(q.value === undefined ? { present_match: true } : { string_match: stringMatch(q) }) }));
  }
  return match;
}

// one object per method, shared by every route that matches it (the schema allows any method name)
const methodMatcher = reusablePer((method: string) => ({ name: ':method', string_match: { exact: method } }), { keep: 64 });

/**
 * An inverted condition with a value is written as Istio writes Gloo Platform's (its `withoutHeaders`):
 * with treat_missing_header_as_empty (istio/istio pilot/pkg/networking/core/route/route.go,
 * TranslateRouteMatch), without which Envoy's matcher fails on a request without the header, inverted or
 * not (source/common/http/header_utility.h, HeaderDataBaseImpl::matchesHeaders), and the route would not
 * serve the requests Gloo sends it.
 */
function headerMatcher(h: ValueMatch): Record<string, unknown> {
  if (h.value === undefined) return { name: h.name, present_match: true, ...(h.invert ? { invert_match: true } : {}) };
  return { name: h.name, string_match: stringMatch(h), ...(h.invert ? { invert_match: true, treat_missing_header_as_empty: true } : {}) };
}

const stringMatch = (v: ValueMatch) => (v.regex ? { safe_regex: { regex: v.value } } : { exact: v.value });

/** A path rewrite as the route action's fields (see model/path-rewrite.ts). */
function envoyRewrite(r: PathRewrite | undefined): Record<string, unknown> {
  if (!r) return {};
  return r.kind === 'prefix' ? { prefix_rewrite: r.to } : { regex_rewrite: { pattern: { regex: r.pattern }, substitution: r.substitution } };
}

function envoyAction(route: RouteNode, clusters: ClusterSet, options: RouteOptions): Record<string, unknown> {
  const action = route.action;
  switch (action.kind) {
    case 'direct':
      return {
        direct_response: {
          status: action.status,
          ...(action.replaced ? { body: { inline_string: `route replaced: invalid configuration (${action.replaced.code})` } } : action.body !== undefined ? { body: { inline_string: action.body } } : {}),
        },
      };
    case 'redirect':
      return {
        redirect: {
          ...(action.httpsRedirect ? { https_redirect: true } : {}),
          ...(action.hostRedirect !== undefined ? { host_redirect: action.hostRedirect } : {}),
          ...(action.pathRedirect !== undefined ? { path_redirect: action.pathRedirect } : {}),
          response_code: action.responseCode,
        },
      };
    case 'forward': {
      if (rewriteBreaksSigning(route, options.form)) {
        return { direct_response: { status: 500, body: { inline_string: 'route replaced: a path rewrite cannot be signed in the listener form (GW7007)' } } };
      }
      const targets = action.destinations.map((d) => clusters.target(d));
      if (targets.some((t) => t === undefined)) {
        return { direct_response: { status: 503, body: { inline_string: 'destination cannot be rendered for Envoy' } } };
      }
      const hostRewrite = hostRewriteFor(action);
      const policy = routeRetryPolicy(route, options.serviceRetries, options.hostRetries);
      const wait = options.timeouts.of(route);
      const base: Record<string, unknown> = {
        timeout: wait.timeout,
        // RouteAction.idle_timeout takes the place of the connection manager's stream_idle_timeout for
        // the route (envoyproxy/envoy source/common/http/conn_manager_impl.cc, refreshIdleTimeout)
        ...(wait.idleSeconds !== undefined ? { idle_timeout: `${wait.idleSeconds}s` } : {}),
        ...(policy ? { retry_policy: retryPolicyFields(policy, 'envoy') } : {}),
        ...(hostRewrite.host !== undefined ? { host_rewrite_literal: hostRewrite.host } : {}),
        // the chosen host's name: the Service's cluster-local name (its STRICT_DNS endpoint)
        ...(hostRewrite.auto ? { auto_host_rewrite: true } : {}),
      };
      const [only] = targets as ClusterTarget[];
      if (targets.length === 1) return { route: { cluster: only!.cluster, ...base }, ...(only!.perFilter ? { typed_per_filter_config: only!.perFilter } : {}) };
      return {
        route: {
          weighted_clusters: {
            clusters: (targets as ClusterTarget[]).map((t, i) => ({ name: t.cluster, weight: action.destinations[i]!.weight, ...(t.perFilter ? { typed_per_filter_config: t.perFilter } : {}) })),
          },
          ...base,
        },
      };
    }
  }
}

/** The RouteTable the route is written in, for findings. */
const tableOf = (route: RouteNode) => route.chain[route.chain.length - 1]!.table;
