import type { Matcher, RouteAction } from './types';
import type { RegexEngine } from './regex-engine';

/**
 * A route's path rewrite, for any target: Gloo's pathRewrite replaces the prefix a prefix matcher
 * matched, or the whole path after an exact match (the prefix matched is the whole path) or a regex
 * match (as a pattern of the whole path); a regexRewrite replaces what its RE2 pattern matches, Envoy's
 * RegexMatchAndSubstitute, which Gloo passes on (route_table.proto, ForwardToAction). Envoy and Gloo
 * Edge spell the two forms as prefix and regex rewrites of their own.
 */
export type PathRewrite =
  | { readonly kind: 'prefix'; readonly to: string }
  | { readonly kind: 'regex'; readonly pattern: string; readonly substitution: string };

/** The rewrite of a route's action for a matcher (`regexMatch`: the matcher's path is a regex), if any. */
export function pathRewriteFor(action: RouteAction, regexMatch: boolean): PathRewrite | undefined {
  if (action.kind !== 'forward') return undefined;
  if (action.regexRewrite) return { kind: 'regex', pattern: action.regexRewrite.pattern, substitution: action.regexRewrite.substitution };
  if (action.pathRewrite === undefined) return undefined;
  return regexMatch ? { kind: 'regex', pattern: '^.*$', substitution: action.pathRewrite } : { kind: 'prefix', to: action.pathRewrite };
}

/**
 * The path a route's destination receives for a request `matcher` matched, as Envoy rewrites it
 * (source/common/router/config_impl.cc, finalizePathHeader): a prefix rewrite replaces as many characters
 * as the prefix matched (the whole path after an exact match, `/` for a route without a path matcher),
 * character for character, so `/httpbin` rewritten to `/` sends `/httpbin/get` as `//get`; a regex
 * rewrite replaces every match of its pattern in the path, the query kept. Undefined when the route
 * rewrites nothing, or its pattern does not compile (the route is then replaced: GW4015).
 */
export function rewrittenPath(action: RouteAction, matcher: Matcher, path: string, engine: RegexEngine): string | undefined {
  const rewrite = pathRewriteFor(action, matcher.path?.kind === 'regex');
  if (!rewrite) return undefined;
  if (rewrite.kind === 'regex') return engine.substitute(rewrite.pattern, path, rewrite.substitution);
  const matched = !matcher.path ? 1 : matcher.path.kind === 'exact' ? path.length : matcher.path.value.length;
  return prefixRewritten(path, matched, rewrite.to);
}

/**
 * Envoy's prefix rewrite of a path whose first `matched` characters the route matched: those characters
 * replaced by `to`, character for character, whatever slashes either ends with (finalizePathHeader).
 */
export function prefixRewritten(path: string, matched: number, to: string): string {
  return to + path.slice(matched);
}

/**
 * The Host header rewrite a forward asks for, as every target sends it: none to a Lambda function,
 * which is invoked by ARN at its signed endpoint, so a Host header means nothing to it (GW7006).
 */
export function hostRewriteFor(action: RouteAction): { readonly host?: string; readonly auto: boolean } {
  if (action.kind !== 'forward' || action.destinations.some((d) => d.kind === 'lambda')) return { auto: false };
  return { ...(action.hostRewrite !== undefined ? { host: action.hostRewrite } : {}), auto: Boolean(action.autoHostRewrite) };
}

/** A regexRewrite as findings, tables and diffs show it: `pattern -> substitution`. */
export function regexRewriteText(r: { readonly pattern: string; readonly substitution: string }): string {
  return `${r.pattern} -> ${r.substitution}`;
}
