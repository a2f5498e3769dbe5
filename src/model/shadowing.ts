import { finding, type Finding } from '../diagnostics/finding';
import type { Matcher, RouteNode, ValueMatch } from './types';
import { minOf, pushAll } from '../data/push-all';

/**
 * Routes that can never match because an earlier route of the same host matches every request they
 * match. Earlier matchers are indexed by path (prefix strings, exact paths, regex texts, and those with
 * no path), so a route is compared only with the routes whose path could cover it: no pairwise scan.
 */
export function reportShadowedRoutes(host: string, routes: readonly RouteNode[], findings: Finding[]): void {
  const anyPath: Entry[] = [];
  const byPrefix = new Map<string, Entry[]>();
  const byExact = new Map<string, Entry[]>();
  const byRegex = new Map<string, Entry[]>();
  const key = (m: Matcher) => (m.path!.ignoreCase ? m.path!.value.toLowerCase() : m.path!.value);

  routes.forEach((route, index) => {
    const covering = coveringRoutes(route.matchers.length ? route.matchers : [MATCH_ALL]);
    const by = covering === undefined ? undefined : minOf(covering);
    if (by !== undefined && Number.isFinite(by)) {
      const earlier = routes[by]!;
      findings.push(
        finding('GW4007', { route: route.name, host, by: earlier.name }, route.source, {
          resource: route.chain[route.chain.length - 1]!.table,
          related: [{ message: `route \`${earlier.name}\`, which matches first`, at: earlier.source }],
        }),
      );
    }
    for (const m of route.matchers.length ? route.matchers : [MATCH_ALL]) {
      const entry = { index, matcher: m };
      if (!m.path) anyPath.push(entry);
      else push(m.path.kind === 'prefix' ? byPrefix : m.path.kind === 'exact' ? byExact : byRegex, key(m), entry);
    }
  });

  /** indexes of earlier routes that cover every matcher of the route; undefined when none does */
  function coveringRoutes(matchers: readonly Matcher[]): number[] | undefined {
    let common: Set<number> | undefined;
    for (const m of matchers) {
      const candidates = [...anyPath];
      if (m.path) {
        const value = m.path.value;
        const lower = value.toLowerCase();
        if (m.path.kind !== 'regex') {
          for (let i = 0; i <= value.length; i++) {
            pushAll(candidates, byPrefix.get(value.slice(0, i)) ?? []);
            if (lower !== value) pushAll(candidates, byPrefix.get(lower.slice(0, i)) ?? []);
          }
          if (m.path.kind === 'exact') pushAll(pushAll(candidates, byExact.get(value) ?? []), byExact.get(lower) ?? []);
        } else {
          pushAll(candidates, byRegex.get(value) ?? []);
        }
      }
      const here = new Set(candidates.filter((c) => covers(c.matcher, m)).map((c) => c.index));
      common = common ? new Set([...common].filter((i) => here.has(i))) : here;
      if (common.size === 0) return undefined;
    }
    return common ? [...common] : undefined;
  }
}

interface Entry {
  readonly index: number;
  readonly matcher: Matcher;
}

const MATCH_ALL: Matcher = { headers: [], queryParameters: [] };

/** Does `a` match every request `b` matches? Conservative: false when it cannot tell. */
export function covers(a: Matcher, b: Matcher): boolean {
  if (a.path) {
    if (!b.path) return false;
    // a case-insensitive b matches spellings a case-sensitive a does not
    if (b.path.ignoreCase && !a.path.ignoreCase) return false;
    const fold = (s: string) => (a.path!.ignoreCase ? s.toLowerCase() : s);
    if (a.path.kind === 'prefix') {
      if (b.path.kind === 'regex') return false;
      if (!fold(b.path.value).startsWith(fold(a.path.value))) return false;
    } else if (a.path.kind !== b.path.kind || fold(a.path.value) !== fold(b.path.value)) {
      return false;
    }
  }
  if (a.method && a.method !== b.method) return false;
  if (a.port !== undefined && a.port !== b.port) return false;
  return subset(a.headers, b.headers) && subset(a.queryParameters, b.queryParameters);
}

const sameCondition = (x: ValueMatch, y: ValueMatch) =>
  x.name.toLowerCase() === y.name.toLowerCase() && x.value === y.value && x.regex === y.regex && x.invert === y.invert;

function subset(a: readonly ValueMatch[], b: readonly ValueMatch[]): boolean {
  return a.every((x) => b.some((y) => sameCondition(x, y)));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
