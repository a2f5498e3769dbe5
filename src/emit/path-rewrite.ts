import type { RouteAction } from '../model/types';

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
