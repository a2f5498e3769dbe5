import { RE2JS } from 're2js';
import { globalReplace } from '../re2-replace';

/**
 * A second, independent reading of a rendered Envoy RouteConfiguration: it answers router_check_tool's
 * tests (test/tools/router_check/validation.proto) the way Envoy's router does, from Envoy's rules, not
 * from gwctl's model. Virtual hosts: exact domain, then the longest suffix wildcard, then the longest
 * prefix wildcard, then `*` (route_components.proto, VirtualHost.domains), the port left out when the
 * configuration ignores it; routes in order, the first whose match holds
 * (prefix, path, safe_regex as a full match; case_sensitive; headers and query parameters with
 * string_match, present_match, invert_match and treat_missing_header_as_empty); weighted clusters by `random_value % total`; redirects
 * as the new URI. It covers what gwctl emits; anything else is a test error, not a guess.
 */
export interface RouterCheckTest {
  test_name: string;
  input: { authority: string; path: string; method: string; ssl?: boolean; random_value?: number; additional_request_headers?: Array<{ key: string; value: string }> };
  validate: { cluster_name?: string; virtual_host_name?: string; path_redirect?: string; path_rewrite?: string; host_rewrite?: string };
}

type Json = Record<string, any>;

export function routerCheck(routeConfig: Json, tests: readonly RouterCheckTest[]): string[] {
  const failures: string[] = [];
  for (const t of tests) {
    const got = routerAnswer(routeConfig, t.input);
    for (const [key, want] of Object.entries(t.validate)) {
      const actual = (got as Record<string, string>)[key] ?? '';
      if (actual !== want) failures.push(`${t.test_name}: ${key} is ${JSON.stringify(actual)}, expected ${JSON.stringify(want)}`);
    }
  }
  return failures;
}

/** What the router does with a request: the fields router_check_tool validates, and the name of the route that matched ('' for none). */
export type RouterAnswer = {
  readonly cluster_name: string;
  readonly virtual_host_name: string;
  readonly path_redirect: string;
  readonly path_rewrite: string;
  readonly host_rewrite: string;
  readonly route_name: string;
};

export function routerAnswer(config: Json, input: RouterCheckTest['input']): RouterAnswer {
  const none = { cluster_name: '', virtual_host_name: '', path_redirect: '', path_rewrite: '', host_rewrite: '', route_name: '' };
  // ignore_port_in_host_matching: the port is left out of the Host header for the match only
  const host = config.ignore_port_in_host_matching ? input.authority.replace(/:\d+$/, '') : input.authority;
  const vhost = pickVirtualHost(config.virtual_hosts ?? [], host.toLowerCase());
  if (!vhost) return none;
  const headers = new Map<string, string>([[':method', input.method], [':authority', input.authority], [':path', input.path], [':scheme', input.ssl ? 'https' : 'http'], ['x-forwarded-proto', input.ssl ? 'https' : 'http']]);
  // a header given twice: its values joined with `,`, as Envoy matches it (header_utility.cc)
  for (const h of input.additional_request_headers ?? []) headers.set(h.key.toLowerCase(), headers.has(h.key.toLowerCase()) ? `${headers.get(h.key.toLowerCase())},${h.value}` : h.value);
  // the query starts at the first `?`; a later one is part of it (Envoy's Utility::parseQueryString)
  const at = input.path.indexOf('?');
  const path = at < 0 ? input.path : input.path.slice(0, at);
  const query = at < 0 ? '' : input.path.slice(at + 1);
  // Http::Utility::QueryParamsMulti::parseQueryString: split at `&` and the first `=`, not decoded
  const params = new Map<string, string[]>();
  for (const param of query ? query.split('&') : []) {
    const equal = param.indexOf('=');
    const [k, v] = equal < 0 ? [param, ''] : [param.slice(0, equal), param.slice(equal + 1)];
    params.set(k, [...(params.get(k) ?? []), v]);
  }
  const matched = (vhost.routes ?? []).find((r: Json) => matches(r.match, path!, headers, params));
  if (!matched) return { ...none, virtual_host_name: vhost.name };
  const out = { ...none, virtual_host_name: vhost.name, route_name: matched.name ?? '' };
  if (matched.redirect) {
    const r = matched.redirect;
    const scheme = r.https_redirect ? 'https' : input.ssl ? 'https' : 'http';
    // utility.cc, newUri: a path_redirect that does not start with `/` is given one
    const target = r.path_redirect === undefined ? path : String(r.path_redirect).startsWith('/') ? r.path_redirect : `/${r.path_redirect}`;
    // route_components.proto, RedirectAction: the query is kept (strip_query is false by default) unless path_redirect carries one
    const keepQuery = query && !r.strip_query && !String(target).includes('?');
    // RouteEntryImplBase::processRequestHost: the Host header as sent, less the old scheme's default port
    // when the scheme changes
    const from = input.ssl ? 'https' : 'http';
    const dropped = scheme !== from ? `:${from === 'https' ? 443 : 80}` : '';
    const sent = dropped && input.authority.endsWith(dropped) ? input.authority.slice(0, -dropped.length) : input.authority;
    return { ...out, path_redirect: `${scheme}://${r.host_redirect ?? sent}${target}${keepQuery ? `?${query}` : ''}` };
  }
  if (matched.direct_response) return out;
  const action = matched.route;
  // host_rewrite_literal sets the Host header (finalizeRequestHeaders); otherwise it is the request's
  const forwarded = { ...out, path_rewrite: rewrite(matched.match, action, path!) + (query ? `?${query}` : ''), host_rewrite: action.host_rewrite_literal ?? input.authority };
  if (action.cluster !== undefined) return { ...forwarded, cluster_name: action.cluster };
  const clusters: Array<{ name: string; weight: number }> = action.weighted_clusters.clusters;
  const total = clusters.reduce((n, c) => n + c.weight, 0);
  const selected = (input.random_value ?? 0) % total;
  let end = 0;
  for (const c of clusters) {
    end += c.weight;
    if (selected < end) return { ...forwarded, cluster_name: c.name };
  }
  throw new Error('weighted clusters picked nothing');
}

/**
 * The path the router sends on (RouteEntryImplBase::finalizePathHeader): prefix_rewrite replaces as many
 * characters as the match took (the prefix, or the whole path of a `path` match), regex_rewrite replaces
 * every match of its pattern as RE2::GlobalReplace does (`\\1` a group; no empty match where the last
 * match ended; nothing when the substitution names a group the pattern lacks); the query is put back
 * after either.
 */
function rewrite(match: Json, action: Json, path: string): string {
  if (action.prefix_rewrite !== undefined) {
    const took = match.prefix !== undefined ? match.prefix.length : match.path !== undefined ? match.path.length : undefined;
    if (took === undefined) throw new Error(`prefix_rewrite after ${JSON.stringify(match)}, which gwctl does not emit`);
    return action.prefix_rewrite + path.slice(took);
  }
  return action.regex_rewrite ? globalReplace(action.regex_rewrite.pattern.regex, String(action.regex_rewrite.substitution), path) : path;
}

/**
 * RouteMatcher::findVirtualHost (source/common/router/config_impl.cc), on lower-cased domains: the exact
 * domain, then the longest suffix wildcard (`*.example.com`) shorter than the host, then the longest
 * prefix wildcard (`example.com:*`), then `*`.
 */
function pickVirtualHost(vhosts: Json[], host: string): Json | undefined {
  const domains = vhosts.flatMap((v) => (v.domains as string[]).map((d) => ({ vhost: v, d: d.toLowerCase() })));
  const exact = domains.find(({ d }) => d === host);
  if (exact) return exact.vhost;
  const longest = (fits: (d: string) => boolean) =>
    domains.filter(({ d }) => d.length > 1 && d.length - 1 < host.length && fits(d)).sort((a, b) => b.d.length - a.d.length)[0]?.vhost;
  return longest((d) => d.startsWith('*') && host.endsWith(d.slice(1))) ?? longest((d) => d.endsWith('*') && host.startsWith(d.slice(0, -1))) ?? domains.find(({ d }) => d === '*')?.vhost;
}

function matches(m: Json, path: string, headers: Map<string, string>, params: ReadonlyMap<string, string[]>): boolean {
  const fold = m.case_sensitive === false ? (s: string) => s.toLowerCase() : (s: string) => s;
  if (m.prefix !== undefined && !fold(path).startsWith(fold(m.prefix))) return false;
  if (m.path !== undefined && fold(path) !== fold(m.path)) return false;
  if (m.safe_regex !== undefined && !RE2JS.compile(m.safe_regex.regex).matches(path)) return false;
  for (const h of m.headers ?? []) {
    // `host` finds `:authority` in Envoy's request header map (header_map_impl.cc, StaticLookupTable)
    const found = headers.get(h.name.toLowerCase() === 'host' ? ':authority' : h.name.toLowerCase());
    if (h.present_match !== undefined) {
      // HeaderDataPresentMatch: presence against present_match, then inverted
      if (((found !== undefined) === h.present_match) === Boolean(h.invert_match)) return false;
      continue;
    }
    // HeaderDataBaseImpl::matchesHeaders (source/common/http/header_utility.h): a header the request
    // lacks fails the matcher, inverted or not, unless treat_missing_header_as_empty reads it as empty
    if (found === undefined && !h.treat_missing_header_as_empty) return false;
    if (stringMatch(h.string_match, found ?? '') === Boolean(h.invert_match)) return false;
  }
  for (const q of m.query_parameters ?? []) {
    // the first value of a parameter given twice (config_utility.cc, QueryParameterMatcher::matches)
    const values = (params.get(q.name) ?? []).slice(0, 1);
    if (!values.length) return false;
    if (q.string_match && !values.some((v) => stringMatch(q.string_match, v))) return false;
  }
  return true;
}

function stringMatch(s: Json | undefined, value: string): boolean {
  if (!s) throw new Error('header matcher without string_match or present_match');
  const fold = s.ignore_case ? (x: string) => x.toLowerCase() : (x: string) => x;
  if (s.exact !== undefined) return fold(value) === fold(s.exact);
  if (s.prefix !== undefined) return fold(value).startsWith(fold(s.prefix));
  if (s.safe_regex !== undefined) return RE2JS.compile(s.safe_regex.regex).matches(value);
  throw new Error(`string_match ${JSON.stringify(s)} is not one gwctl emits`);
}
