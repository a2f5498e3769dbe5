import type { RouteTimeouts } from '../route-timeouts';
import { finding, type Finding } from '../../diagnostics/finding';
import { lambdaHostRewrite } from '../lambda-host-rewrite';
import type { Destination, LambdaDestination, Matcher, RegexRewrite, RouteNode } from '../../model/types';
import { withSuffix } from '../dns-name';
import { serviceHost } from '../../model/service-host';
import { unrenderableService } from '../unrenderable-service';
import { listenerMatchers } from '../../model/matchers';
import { quoteRe2 } from '../../text/quote-re2';
import { hostRewriteFor } from '../../model/path-rewrite';
import { redirectStatus } from '../../model/redirect-status';
import { payloadExact, payloadMode, type BackendSet } from './backends';
import { methodHeaderAsMethods } from './method-header';
import { unwritableMatch } from './match-limits';
import { chunk } from '../../data/chunk';
import type { NameRegistry } from '../names';
import type { GatewayMatch } from './precedence';
import type { DirectResponseSet } from './direct-responses';
import type { TrafficPolicySet } from './traffic-policies';

/** One rule of an HTTPRoute, and the matches it was written with (for the precedence check). */
export interface GatewayRule {
  readonly route: RouteNode;
  readonly matches: readonly GatewayMatch[];
  /** the model's matcher each match was written from, by index: whether some request meets it (precedence) */
  readonly matchers: readonly Matcher[];
  readonly value: Record<string, unknown>;
}

/** A reference from a route's namespace to another: what a ReferenceGrant must allow. */
export interface CrossReference {
  readonly toNamespace: string;
  readonly group: string;
  readonly kind: string;
}

export interface RuleContext {
  readonly backends: BackendSet;
  readonly directResponses: DirectResponseSet;
  /** kgateway TrafficPolicies: a rule's regex rewrite and stream idle timeout */
  readonly trafficPolicies: TrafficPolicySet;
  /** the HTTPRoute's namespace */
  readonly namespace: string;
  /** the port of the listener the HTTPRoute attaches to (its one parentRef's section) */
  readonly port: number;
  /** each route's timeout (a RetryTimeoutPolicy's, else --route-timeout's) */
  readonly timeouts: RouteTimeouts;
  readonly findings: Finding[];
  readonly references: (ref: CrossReference) => void;
  /** destinations whose Lambda options were reported already (once per Backend) */
  readonly reported: Set<string>;
}

/** Gateway API's HTTPRoute takes at most 64 matches and 16 backendRefs per rule (CRD `maxItems`). */
const MAX_MATCHES = 64;
const MAX_BACKENDS = 16;
/** The longest path a URLRewrite or RequestRedirect states (HTTPPathModifier, `maxLength`). */
const MAX_PATH = 1024;

/**
 * The HTTPRoute rules of a model route: one, with its matchers as matches (ORed, as Gloo's), unless a
 * path rewrite needs each prefix in a rule of its own (ReplacePrefixMatch takes exactly one PathPrefix
 * match, a CEL rule of the CRD) or the route has more matches than a rule takes. Rule names come from
 * `ruleNames`, the HTTPRoute's registry, the extra rules' (`-2`, `-3`) too: a later route whose name
 * sanitises to one of those gets another.
 */
export function gatewayRules(route: RouteNode, ruleNames: NameRegistry, ctx: RuleContext): GatewayRule[] {
  // the route's name is spelled from its chain when read (model/route-nodes.ts): once here
  const routeName = route.name;
  const ruleName = ruleNames.nameFor(routeName, routeName);
  const table = route.chain[route.chain.length - 1]!.table;
  const unsupported: string[] = [];
  const unwritable: string[] = [];
  // each match with the matcher it was written from, which a rewrite after it may need (action)
  // a matcher of another port matches nothing on this listener, and the HTTPRoute attaches to this one only
  const written = listenerMatchers(route, ctx.port).flatMap((matcher) => methodHeaderAsMethods(matcher).flatMap((m) => gatewayMatch(m, unsupported, unwritable)).map((match) => ({ match, matcher })));
  if (unsupported.length) ctx.findings.push(finding('GW7103', { route: route.name, what: [...new Set(unsupported)].join(', '), instead: 'the rule matches without it' }, route.source, { resource: table }));
  if (unwritable.length) {
    const instead = written.length ? 'the matcher that holds it is left out' : 'the route is left out';
    ctx.findings.push(finding('GW7103', { route: route.name, what: [...new Set(unwritable)].join(', '), instead }, route.source, { resource: table }));
  }
  if (written.length === 0) return [];
  const ignored = lambdaHostRewrite(route);
  if (ignored) ctx.findings.push(ignored);

  const rewrites = replacedPath(route.action) !== undefined;
  const groups: Array<typeof written> = rewrites && written.length > 1 ? written.map((w) => [w]) : chunk(written, MAX_MATCHES);
  return groups.map((group, i) => {
    const groupMatches = group.map((w) => w.match);
    const value: Record<string, unknown> = { name: i === 0 ? ruleName : ruleNames.unique(withSuffix(ruleName, `-${i + 1}`)), matches: groupMatches };
    Object.assign(value, action(route, group[0]!, ctx, table));
    return { route, matches: groupMatches, matchers: group.map((w) => w.matcher), value };
  });
}

/**
 * A case-insensitive exact path or prefix as a RegularExpression: `(?i)` and the path escaped, a prefix
 * followed by anything, as Gloo's `ignoreCase` compares it (Envoy's `case_sensitive: false`, characters).
 * kgateway gives the value to Envoy's safe_regex as written (translator/irtranslator/route.go,
 * `setEnvoyPathMatcher`), and RE2 takes `(?i)`. On a regex matcher Envoy ignores `ignoreCase` (GW4019),
 * and a prefix `` matches every path: both stay as they are.
 */
function caseFolded(m: Matcher): { readonly type: 'RegularExpression'; readonly value: string } | undefined {
  if (!m.path?.ignoreCase || m.path.kind === 'regex' || (m.path.kind === 'prefix' && m.path.value === '')) return undefined;
  return { type: 'RegularExpression', value: `(?i)${quoteRe2(m.path.value)}${m.path.kind === 'prefix' ? '.*' : ''}` };
}

/** The match of a model matcher, or none when the Gateway API cannot hold it (match-limits.ts). */
function gatewayMatch(m: Matcher, unsupported: string[], unwritable: string[]): GatewayMatch[] {
  const folded = caseFolded(m);
  const type = folded?.type ?? (!m.path ? 'PathPrefix' : m.path.kind === 'exact' ? 'Exact' : m.path.kind === 'prefix' ? 'PathPrefix' : 'RegularExpression');
  // Gloo's prefix `` matches every path, as PathPrefix `/` does
  const path = folded?.value ?? (m.path === undefined || (m.path.kind === 'prefix' && m.path.value === '') ? '/' : m.path.value);
  const problem = unwritableMatch(m, type, path);
  if (problem !== undefined) {
    unwritable.push(problem);
    return [];
  }
  // a name once per match: the CRD's lists are maps by name, so the API server refuses the HTTPRoute with
  // a name twice, and an equivalent header name after the first "MUST be ignored" (httproutes CRD,
  // HTTPHeaderMatch.name; kgateway would AND them: translator/irtranslator/route.go, envoyHeaderMatcher)
  const values = (list: Matcher['headers'], what: string) => {
    const seen = new Set<string>();
    return list.flatMap((v) => {
      if (v.invert) {
        unsupported.push(`the inverted ${what} match on ${v.name}`);
        return [];
      }
      const key = what === 'header' ? v.name.toLowerCase() : v.name;
      if (seen.has(key)) {
        unsupported.push(`the second condition on the ${what} ${v.name}`);
        return [];
      }
      seen.add(key);
      // present with any value: a regular expression that matches any value
      return [{ type: v.regex || v.value === undefined ? ('RegularExpression' as const) : ('Exact' as const), name: v.name, value: v.value ?? '.*' }];
    });
  };
  const headers = values(m.headers, 'header');
  const queryParams = values(m.queryParameters, 'query parameter');
  // the CRD takes 16 of each in a match (HTTPRouteMatch.headers, .queryParams: maxItems)
  for (const [list, what] of [[headers, 'header'], [queryParams, 'query parameter']] as const) {
    if (list.length > 16) {
      unwritable.push(`its ${list.length} ${what} conditions (the Gateway API takes 16 in a match)`);
      return [];
    }
  }
  return [
    {
      path: { type, value: path },
      ...(m.method ? { method: m.method } : {}),
      ...(headers.length ? { headers } : {}),
      ...(queryParams.length ? { queryParams } : {}),
    },
  ];
}

/** A rule's filters and backends; `first`: its first match (the only one where a path rewrite splits them) and its matcher. */
function action(route: RouteNode, first: { readonly match: GatewayMatch; readonly matcher: Matcher }, ctx: RuleContext, table: RouteNode['chain'][number]['table']): Record<string, unknown> {
  const a = route.action;
  if (a.kind === 'direct') {
    const body = a.replaced ? `route replaced: invalid configuration (${a.replaced.code})` : a.body;
    return { filters: [ctx.directResponses.filterFor(ctx.namespace, a.status, body, route, ctx.findings)] };
  }
  if (a.kind === 'redirect') {
    if (a.pathRedirect !== undefined && a.pathRedirect.length > MAX_PATH) return tooLong('pathRedirect', a.pathRedirect, route, ctx, table);
    const code = redirectStatus(a.responseCode);
    return {
      filters: [
        {
          type: 'RequestRedirect',
          requestRedirect: {
            ...(a.httpsRedirect ? { scheme: 'https' } : {}),
            ...(a.hostRedirect !== undefined ? hostAndPort(a.hostRedirect) : {}),
            ...(a.pathRedirect !== undefined ? { path: { type: 'ReplaceFullPath', replaceFullPath: a.pathRedirect } } : {}),
            statusCode: code,
          },
        },
      ],
    };
  }
  const problems = a.destinations.map((d) => (d.kind === 'service' ? unrenderableService(d, table, 'Gateway API') : undefined));
  for (const p of problems) if (p) ctx.findings.push(p);
  if (problems.some(Boolean)) return { filters: [ctx.directResponses.filterFor(ctx.namespace, 503, 'destination cannot be rendered for the Gateway API', route, ctx.findings)] };
  // a rule takes 16 backendRefs (httproutes CRD, maxItems), and a weighted pick cannot span rules
  if (a.destinations.length > MAX_BACKENDS) {
    ctx.findings.push(finding('GW7103', { route: route.name, what: `its ${a.destinations.length} destinations (the Gateway API takes ${MAX_BACKENDS} in a rule)`, instead: 'the rule answers 503' }, route.source, { resource: table }));
    return { filters: [ctx.directResponses.filterFor(ctx.namespace, 503, 'destination cannot be rendered for the Gateway API', route, ctx.findings)] };
  }
  const filters: Array<Record<string, unknown>> = [];
  // the regex rewrite kgateway's TrafficPolicy states: Gloo's regexRewrite, or a pathRewrite URLRewrite would not apply as Gloo does
  let regex: RegexRewrite | undefined;
  if (a.regexRewrite) {
    const refused = regexRewriteRefused(a.regexRewrite, 'regexRewrite', `regexRewrite \`${a.regexRewrite.pattern}\``, route, ctx, table);
    if (refused) return refused;
    regex = a.regexRewrite;
  }

  const hostRewrite = hostRewriteFor(a);
  const rewrite: Record<string, unknown> = {};
  const replaced = replacedPath(a);
  const path = first.match.path;
  const asRegex = replaced === undefined ? undefined : pathRewriteAsRegex(replaced, first.matcher, path);
  if (asRegex) {
    const refused = regexRewriteRefused(asRegex.rewrite, 'pathRewrite', asRegex.what, route, ctx, table);
    if (refused) return refused;
    regex = asRegex.rewrite;
  } else if (replaced !== undefined && replaced.length > MAX_PATH) {
    return tooLong('pathRewrite', replaced, route, ctx, table);
  } else if (replaced !== undefined) {
    // a prefix rewrite replaces the prefix matched; after an exact or regex match, Gloo replaces the whole
    // path (after a regex match as an RE2 rewrite string, as kgateway's ReplaceFullPath reads it)
    rewrite.path = path.type === 'PathPrefix' ? { type: 'ReplacePrefixMatch', replacePrefixMatch: replaced } : { type: 'ReplaceFullPath', replaceFullPath: replaced };
  }
  if (hostRewrite.host !== undefined) {
    const { hostname, port } = hostAndPort(hostRewrite.host);
    rewrite.hostname = hostname;
    if (port !== undefined) ctx.findings.push(finding('GW7103', { route: route.name, what: `the port of hostRewrite \`${hostRewrite.host}\``, instead: `the Host header is rewritten to ${hostname}, without it` }, route.source, { resource: table }));
  }
  // autoHostRewrite: the Service's own name, which URLRewrite can state for one Service; a Host for each
  // of several is per backend, which the rule's filter cannot say
  if (hostRewrite.auto) {
    const hosts = [...new Set(a.destinations.map((d) => (d.kind === 'service' ? serviceHost(d) : '')))];
    if (hosts.length === 1 && hosts[0]) rewrite.hostname = hosts[0];
    else ctx.findings.push(finding('GW7103', { route: route.name, what: 'autoHostRewrite to several destinations', instead: 'the Host header is forwarded as the client sent it' }, route.source, { resource: table }));
  }
  if (Object.keys(rewrite).length) filters.unshift({ type: 'URLRewrite', urlRewrite: rewrite });
  const wait = ctx.timeouts.of(route);
  if (regex || wait.idleSeconds !== undefined) filters.push(ctx.trafficPolicies.filterFor(ctx.namespace, { rewrite: regex, streamIdleSeconds: wait.idleSeconds }));
  return {
    ...(filters.length ? { filters } : {}),
    backendRefs: a.destinations.map((d) => backendRef(d, ctx, route, table)),
    // no retry policy: Gateway API's standard channel has none, and no retry never re-runs a function
    timeouts: { request: wait.timeout },
  };
}

/**
 * A pathRewrite that kgateway's URLRewrite would not apply as Gloo does, as the regex rewrite that does
 * (a kgateway TrafficPolicy); undefined where URLRewrite states it. `path` is the rule's first match,
 * `matcher` the model matcher it was written from.
 */
function pathRewriteAsRegex(replaced: string, matcher: Matcher, path: GatewayMatch['path']): { readonly rewrite: RegexRewrite; readonly what: string } | undefined {
  // the rewrite as RE2 writes a literal in a substitution
  const literal = replaced.replace(/\\/g, '\\\\');
  // the empty prefix matches every path, and Gloo's rewrite replaces none of it: the rewrite goes in front
  // (`/z` rewritten to `/` is sent as `//z`, Envoy's prefix_rewrite of ``); written as PathPrefix `/`,
  // ReplacePrefixMatch would replace the `/` itself
  if (matcher.path?.kind === 'prefix' && matcher.path.value === '') return { rewrite: { pattern: '^', substitution: literal }, what: `the empty prefix rewritten to \`${replaced}\`` };
  // a case-insensitive prefix's rewrite replaces what it matched, whatever the case: only a regex says so;
  // Gloo replaces the characters the prefix matched (Envoy's prefix_rewrite)
  const foldedPrefix = caseFolded(matcher) && matcher.path?.kind === 'prefix' ? matcher.path.value : undefined;
  if (foldedPrefix !== undefined) return { rewrite: { pattern: `(?i)^${quoteRe2(foldedPrefix)}`, substitution: literal }, what: `the case-insensitive prefix \`${foldedPrefix}\` rewritten to \`${replaced}\`` };
  // kgateway writes ReplacePrefixMatch `/` as the regex `^<prefix>\/*` with the prefix unescaped
  // (krtcollections/builtin.go, convertURLRewrite), where a path's `$ ( ) * +` are operators (Envoy
  // refuses `^/c++\/*`; a `.` still matches itself): the same rewrite, the prefix escaped
  if (replaced === '/' && path.type === 'PathPrefix' && REGEX_OPERATORS.test(path.value)) return { rewrite: { pattern: `^${quoteRe2(path.value)}\\/*`, substitution: '/' }, what: `the prefix \`${path.value}\` rewritten to \`/\`` };
  // kgateway writes ReplaceFullPath as the regex rewrite `.*` -> the path (convertURLRewrite), whose
  // substitution RE2 reads as a rewrite string (`\1`, `\\`); after an exact match Gloo writes the path
  // as it is (Envoy's prefix_rewrite): the same rewrite, `\` doubled
  if (path.type !== 'PathPrefix' && matcher.path?.kind !== 'regex' && replaced.includes('\\')) return { rewrite: { pattern: '^.*$', substitution: literal }, what: `the path rewritten to \`${replaced}\`` };
  return undefined;
}

/**
 * A rule whose path rewrite or redirect is longer than the CRD takes (HTTPPathModifier's ReplaceFullPath
 * and ReplacePrefixMatch: `maxLength: 1024`) answers 500, as one whose regex rewrite it refuses: the
 * path unrewritten could be another resource, a redirect elsewhere another page.
 */
function tooLong(field: string, value: string, route: RouteNode, ctx: RuleContext, table: RouteNode['chain'][number]['table']): Record<string, unknown> {
  ctx.findings.push(finding('GW7103', { route: route.name, what: `a ${field} of ${value.length.toLocaleString('en-US')} characters`, instead: `the Gateway API takes ${MAX_PATH.toLocaleString('en-US')}: the rule answers 500` }, route.source, { resource: table }));
  return { filters: [ctx.directResponses.filterFor(ctx.namespace, 500, `${field} cannot be rendered for the Gateway API`, route, ctx.findings)] };
}

/**
 * The rule's answer where kgateway's CRD refuses a regex rewrite (traffic-policies.ts): 500 (GW7103 says
 * why), since a function sent another path than Gloo sends could serve another resource; undefined where
 * the TrafficPolicy can state it. `field`: what the direct response names; `what`: the finding.
 */
function regexRewriteRefused(rewrite: RegexRewrite, field: string, what: string, route: RouteNode, ctx: RuleContext, table: RouteNode['chain'][number]['table']): Record<string, unknown> | undefined {
  const refused = ctx.trafficPolicies.refusal(rewrite);
  if (refused === undefined) return undefined;
  ctx.findings.push(finding('GW7103', { route: route.name, what, instead: `${refused}: the rule answers 500 instead of forwarding the path unrewritten` }, route.source, { resource: table }));
  return { filters: [ctx.directResponses.filterFor(ctx.namespace, 500, `${field} cannot be rendered for the Gateway API`, route, ctx.findings)] };
}

// what a PathPrefix value may hold that is an operator in a regular expression, `.` aside
const REGEX_OPERATORS = /[$()*+]/;

/**
 * The pathRewrite a URLRewrite filter states: none beside a regexRewrite, which the model applies instead
 * (model/path-rewrite.ts, pathRewriteFor) and kgateway would not apply after a prefix rewrite
 * (url_rewrite.go, applyURLRewrite: only where no `prefix_rewrite` is set).
 */
export function replacedPath(a: RouteNode['action']): string | undefined {
  return a.kind === 'forward' && !a.regexRewrite ? a.pathRewrite : undefined;
}

/**
 * A Gloo host (a redirect's or a rewrite's, which may carry a `:port`) as the Gateway API states one: a
 * lower-case PreciseHostname (host names compare without case) and the port apart, which a redirect
 * takes as `port` and a URLRewrite cannot take.
 */
function hostAndPort(host: string): { hostname: string; port?: number } {
  const at = host.lastIndexOf(':');
  return at < 0 ? { hostname: host.toLowerCase() } : { hostname: host.slice(0, at).toLowerCase(), port: Number(host.slice(at + 1)) };
}

function backendRef(d: Destination, ctx: RuleContext, route: RouteNode, table: RouteNode['chain'][number]['table']): Record<string, unknown> {
  if (d.kind === 'lambda') {
    const ref = ctx.backends.backendFor(d);
    reportOptions(d, ref.namespace + '/' + ref.name, ctx, route, table);
    if (ref.namespace !== ctx.namespace) ctx.references({ toNamespace: ref.namespace, group: 'gateway.kgateway.dev', kind: 'Backend' });
    return { group: 'gateway.kgateway.dev', kind: 'Backend', name: ref.name, ...(ref.namespace !== ctx.namespace ? { namespace: ref.namespace } : {}), weight: d.weight };
  }
  if (d.namespace !== ctx.namespace) ctx.references({ toNamespace: d.namespace, group: '', kind: 'Service' });
  return { name: d.name, ...(d.namespace !== ctx.namespace ? { namespace: d.namespace } : {}), port: d.port as number, weight: d.weight };
}

function reportOptions(d: LambdaDestination, backend: string, ctx: RuleContext, route: RouteNode, table: RouteNode['chain'][number]['table']): void {
  if (payloadExact(d) || ctx.reported.has(backend)) return;
  ctx.reported.add(backend);
  const what = `request ${d.options.request === 'wrap' ? 'wrapped as an event' : 'passed through'} with the response ${d.options.response === 'raw' ? 'passed through' : d.options.response === 'unwrap-alb' ? 'unwrapped as from an ALB' : 'unwrapped'}`;
  ctx.findings.push(finding('GW7103', { route: route.name, what: `the Lambda ${what} (Backend ${backend})`, instead: `kgateway's payloadTransformMode has two settings; it gets ${payloadMode(d)}` }, d.source, { resource: table }));
}
