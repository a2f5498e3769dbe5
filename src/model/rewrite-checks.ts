import { finding, type Finding } from '../diagnostics/finding';
import { anchorIn, type Resource } from '../load/resource';
import { compileRouteRegex, type RegexEngine } from './regex-engine';
import type { Matcher, RouteAction } from './types';

/**
 * A forwarding route's path rewrites, checked as Gloo states them (route_table.proto, ForwardToAction):
 * - `regexRewrite`: "The value must follow a valid RE2 regex pattern"; otherwise GW4015 and the route is
 *   replaced by a 500, as for a matcher's regex.
 * - `pathRewrite`: "Rewriting the path when a regex matcher is used is currently unsupported": GW4027 for
 *   each regex matcher of the route; the targets replace the whole path there (emit/path-rewrite.ts).
 * Returns the action, replaced when the rewrite cannot be served.
 */
export function checkRewrites(action: RouteAction, matchers: readonly Matcher[], table: Resource, pointer: string, engine: RegexEngine, findings: Finding[]): RouteAction {
  if (action.kind !== 'forward') return action;
  const rewrite = action.pathRewrite;
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
  }
  return action;
}
