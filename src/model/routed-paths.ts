import { alphabet } from './name-alphabet';
import type { RegexEngine } from './regex-engine';
import type { Matcher } from './types';

/**
 * What a route's path regex is matched against: the path without its query and fragment (envoyproxy/envoy
 * source/common/common/matchers.cc, PathMatcher::match: `removeQueryAndFragment`, which
 * RegexRouteEntryImpl::matches calls), so no `?` or `#`; the request target holds no space or control
 * character (RFC 9112, 3.2), and the gateway routes a path percent-encoded past ASCII
 * (model/normalize-path.ts). A superset of the paths routed: a regex that matches none of it matches no
 * request.
 */
const inRoutedPath = (c: string) => c > ' ' && c < '\u007f' && c !== '?' && c !== '#';

/** Any part of a routed path, the empty one included: a delegated child's regex follows its parent's prefix. */
export const PATH_PARTS = alphabet('a routed path holds no space, control character, `?` or `#`: Envoy matches a regex against the path without its query', inRoutedPath, Infinity, { empty: true });

/** A whole routed path: it starts with `/`. */
const ROUTED_PATHS = alphabet('a routed path starts with `/`', inRoutedPath, Infinity, { first: (c) => c === '/' });

/**
 * Why a path that stands alone (a root table's, or a child's under a parent matcher without a path) can
 * start no request path, else undefined: an exact or prefix path without a leading `/`, a regex that
 * matches no text starting with one (`api/v[0-9]+`). A regex that matches no part of a routed path at all
 * is GW4045's (matchers.ts, unsendable), said where the table is read.
 */
export function slashlessPath(path: Matcher['path'], engine: RegexEngine): string | undefined {
  if (!path) return undefined;
  if (path.kind !== 'regex') return path.value !== '' && !path.value.startsWith('/') ? 'does not start with `/`: request paths always do' : undefined;
  if (path.value.startsWith('/') || path.value.startsWith('^/')) return undefined;
  return engine.matchesSome(path.value, PATH_PARTS) === true && engine.matchesSome(path.value, ROUTED_PATHS) === false ? 'matches no text that starts with `/`, as every request path does' : undefined;
}
