import { finding, type Finding } from '../diagnostics/finding';
import { anchorIn, type Resource } from '../load/resource';
import { compileRouteRegex, maxSubmatch, type RegexEngine } from './regex-engine';
import type { Matcher, RouteAction, RouteNode, RouteOrigin } from './types';
import { earlierRoutes } from './shadowing';
import { servedMatchers } from './matchers';
import { nodeAnchor } from '../source/anchor';
import { prefixRewritten } from './path-rewrite';
import { globFields, globLike } from './glob-like';

/**
 * A forwarding route's path rewrites, checked as Gloo states them (route_table.proto, ForwardToAction):
 * - `regexRewrite`: "The value must follow a valid RE2 regex pattern"; otherwise GW4015 and the route is
 *   replaced by a 500, as for a matcher's regex.
 *   A substitution that names a group the pattern does not have (`\2` of one group) rewrites nothing:
 *   GW4041 (re2/re2.cc, GlobalReplace; Envoy's regex_rewrite calls it).
 * - `pathRewrite`: "Rewriting the path when a regex matcher is used is currently unsupported": GW4027 for
 *   each regex matcher of the route; the targets replace the whole path there (model/path-rewrite.ts).
 * Returns the action, replaced when the rewrite cannot be served.
 */
export function checkRewrites(action: RouteAction, matchers: readonly Matcher[], table: Resource, pointer: string, engine: RegexEngine, findings: Finding[]): RouteAction {
  if (action.kind !== 'forward') return action;
  const rewrite = action.pathRewrite;
  // an empty pathRewrite is none (proto3), left out where the action is read (destinations.ts)
  if (rewrite !== undefined && !rewrite.startsWith('/')) {
    // Envoy puts the rewrite in place of what the matcher took and checks no leading `/` (prefix_rewrite
    // is any header value): the destination receives `v2/orders`, which is not an origin-form path
    // for the first matcher: after an exact or regex match the rewrite is the whole path
    const path = matchers[0]?.path;
    const prefix = path === undefined ? '/' : path.value;
    const sent = path !== undefined && path.kind !== 'prefix' ? rewrite : prefixRewritten(prefix + (prefix.endsWith('/') ? 'items' : '/items'), prefix.length, rewrite);
    findings.push(finding('GW4042', { to: rewrite, receives: sent }, anchorIn(table, `${pointer}/forwardTo/pathRewrite`), { resource: table.ref }));
  }
  if (rewrite !== undefined) {
    matchers.forEach((m, j) => {
      if (m.path?.kind !== 'regex') return;
      const related = [{ message: 'the regex matcher', at: anchorIn(table, `${pointer}/matchers/${j}/uri/regex`) }];
      findings.push(finding('GW4027', { rewrite, regex: m.path.value }, anchorIn(table, `${pointer}/forwardTo/pathRewrite`), { resource: table.ref, related }));
    });
  }
  if (action.regexRewrite) {
    const compiled = compileRouteRegex(engine, action.regexRewrite.pattern);
    if ('error' in compiled) {
      findings.push(finding('GW4015', { detail: compiled.error }, anchorIn(table, `${pointer}/forwardTo/regexRewrite/pattern/regex`), { resource: table.ref }));
      return { kind: 'direct', status: 500, replaced: { code: 'GW4015', reason: 'the regexRewrite pattern is not valid RE2' } };
    }
    // RE2::GlobalReplace replaces nothing when the substitution names a group the pattern lacks
    const { pattern, substitution } = action.regexRewrite;
    // a `*` written as a glob's: the pattern is searched for in the path, so one whose `*` ends it still
    // finds the text before it (`/api/*` rewrites `/api/` in `/api/users`, as one who wrote it may mean);
    // one with more after it finds nothing in the paths it was meant for (`/api/*/users` in
    // `/api/v1/users`), and the path goes on as sent
    const glob = globLike(pattern);
    if (glob && pattern.slice(pattern.indexOf(glob.piece) + glob.piece.length) !== '') {
      findings.push(finding('GW4050', { pattern, ...globFields(glob) }, anchorIn(table, `${pointer}/forwardTo/regexRewrite/pattern/regex`), { resource: table.ref }));
    }
    const wanted = maxSubmatch(substitution);
    const count = wanted > 0 ? engine.groupCount(pattern) : 0;
    const groups = count === 0 ? 'no group' : count === 1 ? 'one group' : `${count} groups`;
    if (wanted > count) findings.push(finding('GW4041', { substitution, wanted, pattern, groups }, anchorIn(table, `${pointer}/forwardTo/regexRewrite/substitution`), { resource: table.ref }));
  }
  return action;
}

/** A prefix whose rewrite ends otherwise than it does, with a request that shows what it does. */
export interface SlashMismatch {
  readonly matcher: Matcher;
  readonly prefix: string;
  /** the prefix of the paths sent on wrong: `${prefix}/` when the slash is doubled, the prefix itself when dropped */
  readonly under: string;
  readonly example: string;
  readonly sent: string;
}

/**
 * The prefixes of a route whose pathRewrite ends otherwise than they do, one with `/` and the other
 * without. Envoy replaces the characters the prefix matched (source/common/router/config_impl.cc,
 * finalizePathHeader; route_components.proto, RouteAction.prefix_rewrite: "Pay careful attention to the
 * use of trailing slashes"), so the prefix `/httpbin` rewritten to `/` sends `/httpbin/get` as `//get`,
 * and `/api/` rewritten to `/v2` sends `/api/users` as `/v2users`. Gloo Platform passes pathRewrite on as
 * that prefix rewrite, as the published examples with `/httpbin` and `/` show. `matchers` are those the
 * route is served by, delegation's combined prefixes included; a route without a path matcher matches
 * the prefix `/`.
 */
export function slashMismatches(action: RouteAction, matchers: readonly Matcher[]): SlashMismatch[] {
  if (action.kind !== 'forward' || action.pathRewrite === undefined) return [];
  const rewrite = action.pathRewrite;
  const out: SlashMismatch[] = [];
  for (const m of matchers) {
    if (m.path && m.path.kind !== 'prefix') continue;
    const prefix = m.path ? m.path.value : '/';
    if (prefix.endsWith('/') === rewrite.endsWith('/')) continue;
    const doubled = !prefix.endsWith('/');
    const example = doubled ? `${prefix}/get` : `${prefix}get`;
    out.push({ matcher: m, prefix, under: doubled ? `${prefix}/` : prefix, example, sent: prefixRewritten(example, prefix.length, rewrite) });
  }
  return out;
}

/**
 * The matcher of the requests a mismatch sends on wrong: those under `under`, with the matcher's other
 * conditions. Asked of the routes before (shadowing.ts, earlierRoutes): Envoy's own advice for stripping
 * a prefix is two routes, `/prefix/` and then `/prefix`, both rewritten to `/`, which leaves the second
 * only the path `/prefix` itself.
 */
export function sentWrong(m: SlashMismatch): Matcher {
  return { ...m.matcher, path: { kind: 'prefix', value: m.under, ignoreCase: m.matcher.path?.ignoreCase ?? false } };
}

/**
 * GW4038 for the routes of a host whose pathRewrite sends requests on with a slash doubled or dropped,
 * once per route and prefix however many hosts serve the route. gwctl decides to warn: the configuration
 * is valid, and some destinations take a doubled slash. Not where an earlier route of the host takes
 * every such request (sentWrong).
 */
export class SlashReports {
  private readonly reported = new Map<RouteOrigin, Set<string>>();

  report(routes: readonly RouteNode[], findings: Finding[]): void {
    let taken: ReturnType<typeof earlierRoutes> | undefined;
    for (const route of routes) {
      if (route.action.kind !== 'forward' || route.action.pathRewrite === undefined) continue;
      const origin = route.chain[route.chain.length - 1]!;
      for (const m of slashMismatches(route.action, servedMatchers(route))) {
        if ((taken ??= earlierRoutes(routes))(route, sentWrong(m))) continue;
        let seen = this.reported.get(origin);
        if (!seen) this.reported.set(origin, (seen = new Set()));
        if (seen.has(m.prefix)) continue;
        seen.add(m.prefix);
        const source = route.source;
        const at = source.kind === 'node' ? nodeAnchor(source.doc, `${source.pointer}/forwardTo/pathRewrite`) : source;
        findings.push(finding('GW4038', { rewrite: route.action.pathRewrite, prefix: m.prefix, example: m.example, sent: m.sent }, at, { resource: origin.table }));
      }
    }
  }
}
