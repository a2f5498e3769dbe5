import type { Matcher, RouteNode } from '../model/types';

/** A route without matchers matches every request: as one matcher, the matcher of nothing. */
const ANY: Matcher = Object.freeze({ headers: Object.freeze([]), queryParameters: Object.freeze([]) });
const ONLY_ANY: readonly Matcher[] = Object.freeze([ANY]);

/**
 * The matchers of a route that a target is given, at least one for a route that matches every request:
 * all but those Envoy refuses (Matcher.refused: a regex RE2 rejects, a header or query matcher without a
 * name). Envoy refuses the whole route configuration for one of them (route_components.proto,
 * RegexMatcher and HeaderMatcher), and Gloo Edge and the Gateway API pass them on to Envoy. The model
 * replaces such a route by a 500 and reports it as an error, so only `render --force` writes it: with its
 * other matchers, and without these, whose requests go on to the routes after it, as when a gateway drops
 * a route it cannot translate. An empty list: nothing of the route can be written.
 */
export function writableMatchers(route: RouteNode): readonly Matcher[] {
  const matchers = route.matchers;
  if (matchers.length === 0) return ONLY_ANY;
  // nearly every route: its own list, shared
  if (!matchers.some((m) => m.refused)) return matchers;
  return matchers.filter((m) => !m.refused);
}
