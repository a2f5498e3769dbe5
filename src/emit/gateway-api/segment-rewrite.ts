import { finding, type Finding } from '../../diagnostics/finding';
import { servedMatchers } from '../../model/matchers';
import { sentWrong, slashMismatches } from '../../model/rewrite-checks';
import { earlierRoutes } from '../../model/shadowing';
import { prefixRewritten } from '../../model/path-rewrite';
import type { Matcher, RouteNode } from '../../model/types';

/**
 * The path kgateway sends on for ReplacePrefixMatch after a PathPrefix match
 * (internal/kgateway/krtcollections/builtin.go, `convertURLRewrite`): the replacement `/` becomes the
 * regex_rewrite `^<prefix>\/*` -> `/`, which drops the slashes after the prefix too; any other becomes
 * Envoy's `prefix_rewrite`, which replaces the characters the prefix matched, as Gloo's pathRewrite does.
 * (The httproutes CRD's table, which ignores trailing slashes on both sides, is not what kgateway does.)
 */
export function kgatewayPrefixRewrite(path: string, prefix: string, replacement: string): string {
  return replacement === '/' ? `/${path.slice(prefix.length).replace(/^\/+/, '')}` : replacement + path.slice(prefix.length);
}

/**
 * GW7106 for the routes of a host set whose ReplacePrefixMatch sends a destination another path than
 * Gloo's prefix rewrite (model/path-rewrite.ts: the characters matched replaced): only a rewrite to `/`
 * after a prefix that does not end in `/`, where Gloo keeps the slash that follows the prefix and
 * kgateway drops it (`/httpbin/get` is `//get` on Gloo, `/get` on kgateway). Those are among the prefixes
 * that end otherwise than their rewrite (model/rewrite-checks.ts, slashMismatches); a request under the
 * prefix is named unless an earlier route of the host takes it on Gloo. Once per route, and only for the
 * routes the output holds (`written`): one it leaves out has its GW7103.
 */
export function segmentRewriteFindings(routes: readonly RouteNode[], findings: Finding[], reported: Set<RouteNode>, written: ReadonlySet<RouteNode>): void {
  let taken: ReturnType<typeof earlierRoutes> | undefined;
  for (const route of routes) {
    const a = route.action;
    // `routes` are Gloo's, every one taking requests from those after it; only the output's are named
    if (a.kind !== 'forward' || a.pathRewrite === undefined || a.regexRewrite || reported.has(route) || !written.has(route)) continue;
    for (const m of slashMismatches(a, servedMatchers(route))) {
      // the Gateway API writes Gloo's prefix `` as `/`, which ends alike; a case-insensitive prefix's
      // rewrite is a regex that replaces the characters matched, as Gloo's (http-rules.ts)
      if (m.prefix === '' || m.matcher.path?.ignoreCase) continue;
      taken ??= earlierRoutes(routes);
      const itself: Matcher = { ...m.matcher, path: { kind: 'exact', value: m.prefix, ignoreCase: m.matcher.path?.ignoreCase ?? false } };
      const examples = [...(taken(route, sentWrong(m)) ? [] : [m.example]), ...(m.under !== m.prefix && !taken(route, itself) ? [m.prefix] : [])];
      // what each sends for each example: Gloo (Envoy's prefix rewrite) and kgateway
      const differing = examples
        .map((example) => ({ example, sent: prefixRewritten(example, m.prefix.length, a.pathRewrite!), gatewaySent: kgatewayPrefixRewrite(example, m.prefix, a.pathRewrite!) }))
        .find((e) => e.gatewaySent !== e.sent);
      if (differing === undefined) continue;
      reported.add(route);
      findings.push(finding('GW7106', { route: route.name, prefix: m.prefix, ...differing }, route.source, { resource: route.chain[route.chain.length - 1]!.table }));
      break;
    }
  }
}
