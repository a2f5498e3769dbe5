import { hostRewriteFor, pathRewriteFor, type PathRewrite } from '../../model/path-rewrite';
import { lambdaHostRewrite } from '../lambda-host-rewrite';
import { finding, type Finding } from '../../diagnostics/finding';
import type { Destination, ListenerNode, Matcher, RouteNode, ValueMatch } from '../../model/types';
import { unrenderableService } from '../unrenderable-service';
import { listenerMatchers } from '../../model/matchers';
import { quoteRe2 } from '../../text/quote-re2';
import type { UpstreamSet } from './upstreams';
import { routeRetryPolicy, retryPolicyFields, type RetryPolicy, type ServiceRetries } from '../retry-policy';
import { reusablePer } from '../reusable';
import type { RouteTimeouts } from '../route-timeouts';

export type GlooEdition = 'oss' | 'enterprise';

export interface VirtualServiceOptions {
  /** each route's timeout, and its idle timeout where it waits longer than the gateway's stream idle timeout allows */
  readonly timeouts: RouteTimeouts;
  readonly edition: GlooEdition;
  readonly serviceRetries: ServiceRetries;
  /** the virtual host's retry policy (hostRetryPolicy): routes whose policy it is leave theirs out */
  readonly hostRetries: RetryPolicy | undefined;
}

/**
 * Gloo Edge routes for a model route on a listener of `listenerPort` (a VirtualService belongs to one
 * listener, and a matcher of another port is left out, as Envoy's output leaves it out): one, with its
 * matchers ORed natively, unless a pathRewrite meets both regex and other matchers (a rewrite replaces a
 * prefix, or the whole path after a regex: one route each, `name` and `name#2`).
 */
export function glooRoutes(route: RouteNode, listenerPort: number, upstreams: UpstreamSet, options: VirtualServiceOptions): Array<Record<string, unknown>> {
  const matchers = listenerMatchers(route, listenerPort);
  if (matchers.length === 0) return [];
  const rewrites = route.action.kind === 'forward' && route.action.pathRewrite !== undefined;
  const regex = matchers.filter((m) => m.path?.kind === 'regex');
  const other = matchers.filter((m) => m.path?.kind !== 'regex');
  if (!rewrites || regex.length === 0 || other.length === 0) return [glooRoute(route, matchers, route.name, upstreams, options)];
  return [glooRoute(route, other, route.name, upstreams, options), glooRoute(route, regex, `${route.name}#2`, upstreams, options)];
}

/**
 * What Gloo Edge needs of a route before any output is written: the Upstreams of its functions, and the
 * findings about what Gloo Edge cannot express exactly. Every route goes through this first, so that the
 * Upstreams and findings are complete when render writes; glooRoutes then builds the routes one at a
 * time as the writer reaches them.
 */
export function prepareGlooRoute(route: RouteNode, upstreams: UpstreamSet, findings: Finding[]): void {
  const table = tableOf(route);
  for (const m of route.matchers) {
    const inverted = missingMeetsConditions(m);
    if (inverted.length > MISSING_MEETS_MAX) {
      findings.push(finding('GW7024', { count: inverted.length, names: inverted.map((h) => `\`${h.name}\``).join(', '), maximum: MISSING_MEETS_MAX, matchers: 2 ** MISSING_MEETS_MAX }, route.source, { resource: table }));
    }
  }
  const action = route.action;
  if (action.kind !== 'forward') return;
  for (const d of action.destinations) {
    if (d.kind === 'lambda') upstreams.upstreamFor(d);

    const problem = d.kind === 'service' ? unrenderableService(d, table, 'Gloo Edge') : undefined;
    if (problem) findings.push(problem);
  }
  const ignored = lambdaHostRewrite(route);
  if (ignored) findings.push(ignored);
}

function glooRoute(route: RouteNode, matchers: readonly Matcher[], name: string, upstreams: UpstreamSet, options: VirtualServiceOptions): Record<string, unknown> {
  const out: Record<string, unknown> = { name, matchers: matchers.length ? matchers.flatMap(glooMatchers) : [{ prefix: '/' }] };
  const action = route.action;
  const table = tableOf(route);
  if (action.kind === 'direct') {
    out.directResponseAction = {
      status: action.status,
      ...(action.replaced ? { body: `route replaced: invalid configuration (${action.replaced.code})` } : action.body !== undefined ? { body: action.body } : {}),
    };
    return out;
  }
  if (action.kind === 'redirect') {
    out.redirectAction = {
      ...(action.httpsRedirect ? { httpsRedirect: true } : {}),
      ...(action.hostRedirect !== undefined ? { hostRedirect: action.hostRedirect } : {}),
      ...(action.pathRedirect !== undefined ? { pathRedirect: action.pathRedirect } : {}),
      responseCode: action.responseCode,
    };
    return out;
  }
  const destinations = action.destinations.map((d) => (d.kind === 'service' && unrenderableService(d, table, 'Gloo Edge') ? undefined : glooDestination(d, upstreams, options.edition)));
  if (destinations.some((d) => d === undefined)) {
    out.directResponseAction = { status: 503, body: 'destination cannot be rendered for Gloo Edge' };
    return out;
  }
  out.routeAction =
    destinations.length === 1
      ? { single: destinations[0] }
      : { multi: { destinations: destinations.map((destination, i) => ({ weight: action.destinations[i]!.weight, destination })) } };
  const regex = matchers.some((m) => m.path?.kind === 'regex');
  const hostRewrite = hostRewriteFor(action);
  const policy = routeRetryPolicy(route, options.serviceRetries, options.hostRetries);
  const wait = options.timeouts.of(route);
  out.options = {
    timeout: wait.timeout,
    // Gloo Edge's gateway keeps Envoy's stream idle timeout of 5 minutes unless its
    // httpConnectionManagerSettings say otherwise; the route's idleTimeout takes its place (Envoy's
    // RouteAction.idle_timeout, which Gloo Edge's RouteOptions passes on)
    ...(wait.idleSeconds !== undefined ? { idleTimeout: `${wait.idleSeconds}s` } : {}),
    ...(policy ? { retries: retryPolicyFields(policy, 'gloo') } : {}),
    ...glooRewrite(pathRewriteFor(action, regex)),
    ...(hostRewrite.host !== undefined ? { hostRewrite: hostRewrite.host } : {}),
    ...(hostRewrite.auto ? { autoHostRewrite: true } : {}),
  };
  return out;
}

/** A path rewrite as Gloo Edge's route options (see model/path-rewrite.ts). */
function glooRewrite(r: PathRewrite | undefined): Record<string, unknown> {
  if (!r) return {};
  return r.kind === 'prefix' ? { prefixRewrite: r.to } : { regexRewrite: { pattern: { regex: r.pattern }, substitution: r.substitution } };
}

/**
 * The most inverted conditions of one matcher written both ways (below): 2^n Gloo Edge matchers. Past it
 * the matcher is written as it is, with GW7024.
 */
export const MISSING_MEETS_MAX = 4;

/**
 * A model matcher as Gloo Edge matchers, which Gloo Edge ORs. A request without a header meets Gloo
 * Platform's inverted condition on it unless an empty value meets the value (ValueMatch.missingMeets), and
 * never Gloo Edge's: its translator writes no treat_missing_header_as_empty (solo-io/gloo
 * projects/gloo/pkg/translator/route_config.go, envoyHeaderMatcher), and Envoy fails a value matcher on a
 * missing header, inverted or not. So each such condition is written both ways, in matchers ORed: as
 * itself (the header present with another value) and as the header's absence (an inverted presence).
 */
function glooMatchers(m: Matcher): Array<Record<string, unknown>> {
  const count = missingMeetsConditions(m).length;
  if (count === 0 || count > MISSING_MEETS_MAX) return [glooMatcher(m, m.headers)];
  let variants: ValueMatch[][] = [[]];
  for (const h of m.headers) {
    const absent: ValueMatch | undefined = h.missingMeets ? { name: h.name, regex: false, invert: true } : undefined;
    variants = variants.flatMap((v) => (absent ? [[...v, h], [...v, absent]] : [[...v, h]]));
  }
  return variants.map((headers) => glooMatcher(m, headers));
}

// nearly every matcher has none: no list made for it (every route of every render passes here twice)
const NONE: readonly ValueMatch[] = [];
const missingMeetsConditions = (m: Matcher): readonly ValueMatch[] => (m.headers.some((h) => h.missingMeets) ? m.headers.filter((h) => h.missingMeets) : NONE);

function glooMatcher(m: Matcher, headers: readonly ValueMatch[]): Record<string, unknown> {
  return {
    ...(m.path ? { [m.path.kind]: m.path.value } : { prefix: '/' }),
    ...(m.path?.ignoreCase ? { caseSensitive: false } : {}),
    ...(headers.length ? { headers: headers.map((h) => ({ name: h.name, ...(h.value !== undefined ? { value: h.value } : {}), ...(h.regex ? { regex: true } : {}), ...(h.invert ? { invertMatch: true } : {}) })) } : {}),
    ...(m.queryParameters.length ? { queryParameters: m.queryParameters.map((q) => ({ name: q.name, ...(q.value !== undefined ? { value: q.value } : {}), ...(q.regex ? { regex: true } : {}) })) } : {}),
    ...(m.method ? { methods: methodList(m.method) } : {}),
  };
}

// one list per method, shared by every route that matches it (the schema allows any method name).
// Gloo Edge joins a matcher's methods with `|` into one regular expression on `:method` (solo-io/gloo
// projects/gloo/pkg/translator/route_config.go, GlooMatcherToEnvoyMatcher): a method holding `|`, `.`,
// `*`, `+`, `^` or `$` (an HTTP token may) is quoted, so that it matches itself, as on Gloo Platform
const methodList = reusablePer((method: string) => [quoteRe2(method)], { keep: 64 });

/**
 * Lambda options as destinationSpec.aws: request wrap -> wrapAsApiGateway (Enterprise) or
 * requestTransformation (open source: aws.proto marks wrapAsApiGateway Enterprise-Only and open-source
 * Gloo's plugins/aws/plugin.go never reads it); response unwrap-api-gateway -> unwrapAsApiGateway;
 * unwrap-alb -> unwrapAsAlb; raw -> neither. Gloo forbids unwrapAsAlb with unwrapAsApiGateway, which the
 * model never holds, and requestTransformation with wrapAsApiGateway, which gwctl never writes together.
 */
function glooDestination(d: Destination, upstreams: UpstreamSet, edition: GlooEdition): Record<string, unknown> {
  if (d.kind === 'lambda') {
    const upstream = upstreams.upstreamFor(d);
    return {
      upstream,
      destinationSpec: {
        aws: {
          logicalName: d.logicalName,
          invocationStyle: d.options.invocation === 'async' ? 'ASYNC' : 'SYNC',
          ...(d.options.request === 'wrap' ? (edition === 'enterprise' ? { wrapAsApiGateway: true } : { requestTransformation: true }) : {}),
          ...(d.options.response === 'unwrap-api-gateway' ? { unwrapAsApiGateway: true } : d.options.response === 'unwrap-alb' ? { unwrapAsAlb: true } : {}),
        },
      },
    };
  }
  return { kube: { ref: { name: d.name, namespace: d.namespace }, port: d.port } };
}

/** The RouteTable the route is written in, for findings. */
const tableOf = (route: RouteNode) => route.chain[route.chain.length - 1]!.table;


/**
 * One finding where the editions differ, at the first destination it concerns, with the count: the
 * difference is a property of the whole output, not of each route.
 */
export function editionFinding(listeners: readonly ListenerNode[], edition: GlooEdition): Finding | undefined {
  if (edition !== 'oss') return undefined;
  let first: { d: Destination; route: RouteNode } | undefined;
  let count = 0;
  for (const l of listeners) for (const h of l.hosts) for (const r of h.routes) {
    if (r.action.kind !== 'forward') continue;
    for (const d of r.action.destinations) if (d.kind === 'lambda' && d.options.request === 'wrap') { count++; first ??= { d, route: r }; }
  }
  if (!first) return undefined;
  return finding('GW7010', {
    option: 'wrapAsApiGateway',
    edition: 'open-source',
    instead: `requestTransformation for ${count} Lambda destination${count === 1 ? '' : 's'} (the request's method, path, query string and headers in a JSON event, not the exact API Gateway event)`,
  }, first.d.source, { resource: tableOf(first.route) });
}
