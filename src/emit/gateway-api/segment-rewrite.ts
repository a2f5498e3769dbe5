import { finding, type Finding } from '../../diagnostics/finding';
import { servedMatchers } from '../../model/matchers';
import { sentWrong, slashMismatches } from '../../model/rewrite-checks';
import { earlierRoutes } from '../../model/shadowing';
import { prefixRewritten } from '../../model/path-rewrite';
import type { Matcher, RouteNode } from '../../model/types';

/**
 * The path ReplacePrefixMatch sends on, by the httproutes CRD's table (HTTPPathModifier): the prefix and
 * the replacement compared without a trailing `/`, the rest of the path kept from its `/`, and `/` for
 * an empty result (`/foo/bar`, `/foo`, `/xyz/` -> `/xyz/bar`; `/foo`, `/foo`, `/` -> `/`).
 */
export function replacePrefixMatch(path: string, prefix: string, replacement: string): string {
  const trim = (s: string) => s.replace(/\/+$/, '');
  return trim(replacement) + path.slice(trim(prefix).length) || '/';
}

/**
 * GW7106 for the routes of a host set whose ReplacePrefixMatch sends a destination another path than
 * Gloo's prefix rewrite (model/path-rewrite.ts: the characters matched replaced). The two differ exactly
 * where the prefix and the rewrite end otherwise (model/rewrite-checks.ts, slashMismatches): under the
 * prefix, unless an earlier route of the host takes those requests on Gloo, and on the prefix itself,
 * when the rewrite ends with a `/` the Gateway API drops. Once per route.
 */
export function segmentRewriteFindings(routes: readonly RouteNode[], findings: Finding[], reported: Set<RouteNode>): void {
  let taken: ReturnType<typeof earlierRoutes> | undefined;
  for (const route of routes) {
    const a = route.action;
    if (a.kind !== 'forward' || a.pathRewrite === undefined || a.regexRewrite || reported.has(route)) continue;
    for (const m of slashMismatches(a, servedMatchers(route))) {
      // the Gateway API writes Gloo's prefix `` as `/`, which ends alike
      if (m.prefix === '') continue;
      taken ??= earlierRoutes(routes);
      const itself: Matcher = { ...m.matcher, path: { kind: 'exact', value: m.prefix, ignoreCase: m.matcher.path?.ignoreCase ?? false } };
      const examples = [...(taken(route, sentWrong(m)) ? [] : [m.example]), ...(m.under !== m.prefix && !taken(route, itself) ? [m.prefix] : [])];
      // what each target sends for each example: Gloo's (Envoy's prefix rewrite) and the Gateway API's
      const differing = examples
        .map((example) => ({ example, sent: prefixRewritten(example, m.prefix.length, a.pathRewrite!), gatewaySent: replacePrefixMatch(example, m.prefix, a.pathRewrite!) }))
        .find((e) => e.gatewaySent !== e.sent);
      if (differing === undefined) continue;
      reported.add(route);
      findings.push(finding('GW7106', { route: route.name, prefix: m.prefix, ...differing }, route.source, { resource: route.chain[route.chain.length - 1]!.table }));
      break;
    }
  }
}
