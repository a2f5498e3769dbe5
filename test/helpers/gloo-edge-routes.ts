import { routerAnswer } from './envoy/route-check';

type R = Record<string, any>;

/**
 * A reading of rendered Gloo Edge resources independent of gwctl's model: the Envoy route configuration
 * Gloo Edge's translator makes of the VirtualServices a Gateway selects, read by Envoy's router
 * (envoy/route-check.ts). The translation follows solo-io/gloo projects/gloo/pkg/translator/
 * route_config.go: a VirtualService is a virtual host of its domains (none: `*`); each route is an Envoy
 * route per matcher, in order (`initRoutes`; no matcher: the prefix `/`); a matcher's path as prefix,
 * path or safe_regex, `caseSensitive` as the match's case_sensitive, its methods as one `:method` header
 * matched by the regular expression of the methods joined by `|` (`GlooMatcherToEnvoyMatcher`), a header
 * or query parameter without a value as present_match, with one as exact or safe_regex, a header's
 * invertMatch kept (`envoyHeaderMatcher`, `envoyQueryMatcher`); prefixRewrite and regexRewrite as the
 * route's rewrite. The Gateway is the one bound to the request's port, or for a port below 1024 the one
 * bound 8,000 higher (the proxy Service maps the port there: docs/gloo-output.md).
 */
export interface GlooEdgeAnswer {
  /** the VirtualService route that serves the request, `#n` suffix and all; undefined for none */
  readonly route?: R;
  /** the path the destination receives (with the query), or the redirect's location */
  readonly path: string;
  readonly redirect: string;
}

export function glooEdgeAnswer(resources: readonly R[], request: { port: number; scheme: 'http' | 'https'; authority: string; path: string; method: string; headers: ReadonlyMap<string, string> }): GlooEdgeAnswer | undefined {
  const gateways = resources.filter((r) => r.kind === 'Gateway' && r.apiVersion === 'gateway.solo.io/v1');
  const gateway = gateways.find((g) => g.spec.bindPort === request.port) ?? (request.port < 1024 ? gateways.find((g) => g.spec.bindPort === request.port + 8000) : undefined);
  if (!gateway) return undefined;
  const selector: Record<string, string> = gateway.spec.httpGateway?.virtualServiceSelector ?? {};
  const namespaces: string[] | undefined = gateway.spec.httpGateway?.virtualServiceNamespaces;
  const services = resources.filter(
    (r) => r.kind === 'VirtualService' && (!namespaces || namespaces.includes(r.metadata.namespace)) && Object.entries(selector).every(([k, v]) => r.metadata.labels?.[k] === v),
  );
  const routes: R[] = [];
  const config = {
    virtual_hosts: services.map((vs) => ({
      name: `${vs.metadata.namespace}.${vs.metadata.name}`,
      domains: vs.spec.virtualHost.domains?.length ? vs.spec.virtualHost.domains : ['*'],
      routes: (vs.spec.virtualHost.routes ?? []).flatMap((r: R) => {
        routes.push(r);
        const id = String(routes.length - 1);
        return (r.matchers?.length ? r.matchers : [{ prefix: '/' }]).map((m: R) => ({ name: id, match: envoyMatch(m), ...envoyAction(r) }));
      }),
    })),
  };
  const answer = routerAnswer(config, {
    authority: request.authority,
    path: request.path,
    method: request.method,
    ssl: request.scheme === 'https',
    additional_request_headers: [...request.headers].map(([key, value]) => ({ key, value })),
  });
  return { route: answer.route_name === '' ? undefined : routes[Number(answer.route_name)], path: answer.path_rewrite, redirect: answer.path_redirect };
}

function envoyMatch(m: R): R {
  const match: R = m.exact !== undefined ? { path: m.exact } : m.regex !== undefined ? { safe_regex: { regex: m.regex } } : { prefix: m.prefix ?? '/' };
  if (m.caseSensitive !== undefined) match.case_sensitive = m.caseSensitive;
  const value = (v: R) => (v.value === undefined || v.value === '' ? { present_match: true } : { string_match: v.regex ? { safe_regex: { regex: v.value } } : { exact: v.value } });
  const headers = (m.headers ?? []).map((h: R) => ({ name: h.name, ...value(h), ...(h.invertMatch ? { invert_match: true } : {}) }));
  if (m.methods?.length) headers.push({ name: ':method', string_match: { safe_regex: { regex: m.methods.join('|') } } });
  if (headers.length) match.headers = headers;
  if (m.queryParameters?.length) match.query_parameters = m.queryParameters.map((q: R) => ({ name: q.name, ...value(q) }));
  return match;
}

/** The route's action as Envoy's: a cluster stands for every forward (which destination is read from the route itself). */
function envoyAction(r: R): R {
  if (r.redirectAction) {
    const a = r.redirectAction;
    return { redirect: { ...(a.hostRedirect ? { host_redirect: a.hostRedirect } : {}), ...(a.pathRedirect ? { path_redirect: a.pathRedirect } : {}), ...(a.httpsRedirect ? { https_redirect: true } : {}) } };
  }
  if (r.directResponseAction) return { direct_response: { status: r.directResponseAction.status } };
  const o = r.options ?? {};
  return { route: { cluster: 'forward', ...(o.prefixRewrite !== undefined ? { prefix_rewrite: o.prefixRewrite } : {}), ...(o.regexRewrite ? { regex_rewrite: o.regexRewrite } : {}), ...(o.hostRewrite ? { host_rewrite_literal: o.hostRewrite } : {}) } };
}
