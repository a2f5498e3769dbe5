import { finding, type Finding } from '../diagnostics/finding';
import { headerKey } from './pseudo-headers';
import type { Matcher, RouteNode, ValueMatch } from './types';
import { minOf, pushAll } from '../data/push-all';
import { listenerMatchers, servedMatchers } from './matchers';
import { nthOfName, numberedName } from './nth-of-name';
import { firstAndMore, NAMES_SHOWN } from '../text/first-and-more';
import { asciiLower } from '../text/ascii-lower';

/**
 * A route's matchers on a listener of `port` (listenerMatchers), each without its port: on that listener
 * a matcher of the port and one of none take the same requests. A route none of whose matchers is served
 * there has none, and neither covers nor is covered.
 */
function onListener(route: RouteNode, port: number): readonly Matcher[] {
  const here = listenerMatchers(route, port);
  return here.some((m) => m.port !== undefined) ? here.map((m) => (m.port === undefined ? m : { ...m, port: undefined })) : here;
}

/**
 * Routes that can never match because an earlier route of the same host matches every request they
 * match, each with the first such route; with `port`, on a listener of that port (onListener). Earlier
 * matchers are indexed by path (EarlierMatchers), so a route is compared only with the routes whose path
 * could cover it: no pairwise scan.
 */
export function shadowedRoutes(routes: readonly RouteNode[], port?: number): Array<{ readonly route: RouteNode; readonly by: RouteNode }> {
  const shadowed: Array<{ route: RouteNode; by: RouteNode }> = [];
  const earlier = new EarlierMatchers();
  routes.forEach((route, index) => {
    // (a matcher Envoy refuses matches nothing: it covers no route and needs no cover)
    const matchers = port === undefined ? servedMatchers(route) : onListener(route, port);
    const covering = earlier.covering(matchers);
    // (covering names at least one route when it answers at all)
    if (covering !== undefined) shadowed.push({ route, by: routes[minOf(covering)]! });
    earlier.add(index, matchers);
  });
  return shadowed;
}

interface NamedShadow {
  readonly route: RouteNode;
  readonly by: RouteNode;
  readonly name: string;
  readonly byName: string;
}

/**
 * GW4007 for every route an earlier route shadows (shadowedRoutes), each route named as the routes table
 * names it (two routes `home` of two tables are `home` and `home~2`), once per route and list of routes,
 * naming the hosts the list is served on: hosts of one table
 * have one list (`key`, the table and its filter; a host several tables serve has a key of its own), and
 * a table of 3,000 hosts and 1,000 shadowed routes was 3 million findings, each host's list analysed again.
 */
export class ShadowReports {
  // hosts as a set: a table served on two listeners is noted for each of its hosts on each
  private readonly lists = new Map<string, { readonly hosts: Set<string>; readonly shadowed: readonly NamedShadow[]; readonly port?: number; readonly namesPorts?: boolean }>();

  /**
   * `port`: the listener's. A matcher of one port matches on its listener only (a route of port 8080
   * that takes every path hides the routes after it there, not on port 80): where the list has one, the
   * routes shadowed on this listener alone are reported too, naming the port.
   */
  note(key: string, host: string, routes: readonly RouteNode[], port?: number): void {
    let list = this.lists.get(key);
    if (list) list.hosts.add(host);
    // whether a matcher names a port: asked once per list, not per host
    else this.lists.set(key, (list = { hosts: new Set([host]), shadowed: namedShadows(routes), namesPorts: routes.some((r) => r.matchers.some((m) => m.port !== undefined)) }));
    if (port === undefined || !list.namesPorts) return;
    const onPort = this.lists.get(`${key}\n${port}`);
    if (onPort) {
      onPort.hosts.add(host);
      return;
    }
    // by name, unique on a list: each listener flattens the table into route objects of its own
    const everywhere = new Set(list.shadowed.map((s) => s.name));
    this.lists.set(`${key}\n${port}`, { hosts: new Set([host]), port, shadowed: namedShadows(routes, port).filter((s) => !everywhere.has(s.name)) });
  }

  report(findings: Finding[]): void {
    for (const { hosts, shadowed, port } of this.lists.values()) {
      const host = firstAndMore([...hosts], NAMES_SHOWN, ', ') + (port === undefined ? '' : ` (port ${port})`);
      for (const { route, by, name, byName } of shadowed) {
        findings.push(
          finding('GW4007', { route: name, host, by: byName }, route.source, {
            resource: route.chain[route.chain.length - 1]!.table,
            related: [{ message: `route \`${byName}\`, which matches first`, at: by.source }],
          }),
        );
      }
    }
  }
}

/** The routes shadowed on a list (on a listener of `port`: shadowedRoutes), each route named as the routes table names it. */
function namedShadows(routes: readonly RouteNode[], port?: number): NamedShadow[] {
  const shadowed = shadowedRoutes(routes, port);
  if (shadowed.length === 0) return [];
  const nth = nthOfName(routes);
  const at = new Map(routes.map((r, i) => [r, i]));
  const nameOf = (r: RouteNode) => numberedName(r.name, nth[at.get(r)!]!);
  return shadowed.map(({ route, by }) => ({ route, by, name: nameOf(route), byName: nameOf(by) }));
}

/**
 * Whether a route before `route` on the host matches every request `m` matches: the question asked of
 * the requests a path rewrite would change (rewrite-checks.ts, GW4038; the Gateway API's GW7106). The
 * index of the host's routes is built on the first question, so hosts without one pay nothing.
 */
export function earlierRoutes(routes: readonly RouteNode[]): (route: RouteNode, m: Matcher) => boolean {
  let all: EarlierMatchers | undefined;
  const at = new Map<RouteNode, number>();
  return (route, m) => {
    if (!all) {
      all = new EarlierMatchers();
      routes.forEach((r, i) => {
        all!.add(i, servedMatchers(r));
        at.set(r, i);
      });
    }
    const index = at.get(route) ?? routes.length;
    return all.covering([m])?.some((i) => i < index) ?? false;
  };
}

/**
 * The matchers of a host's routes so far, indexed by path (prefix strings, exact paths, regex texts, and
 * those with no path), and which of those routes cover a route's matchers.
 */
export class EarlierMatchers {
  private readonly anyPath = new Bucket();
  private readonly byPrefix = new Map<string, Bucket>();
  private readonly byExact = new Map<string, Bucket>();
  private readonly byRegex = new Map<string, Bucket>();

  add(index: number, matchers: readonly Matcher[]): void {
    for (const m of matchers) {
      const entry = { index, matcher: m };
      // a prefix `/` may cover a matcher without a path, which looks for candidates among these only
      if (!m.path || matchesAnyPath(m)) this.anyPath.add(entry);
      else bucketOf(m.path.kind === 'prefix' ? this.byPrefix : m.path.kind === 'exact' ? this.byExact : this.byRegex, key(m)).add(entry);
    }
  }

  /** indexes of earlier routes that cover every matcher given; undefined when none does */
  covering(matchers: readonly Matcher[]): number[] | undefined {
    let common: Set<number> | undefined;
    for (const m of matchers) {
      const candidates: Entry[] = [];
      this.anyPath.candidatesFor(m, candidates);
      if (m.path) {
        const value = m.path.value;
        const lower = asciiLower(value);
        if (m.path.kind !== 'regex') {
          for (let i = 0; i <= value.length; i++) {
            this.byPrefix.get(value.slice(0, i))?.candidatesFor(m, candidates);
            if (lower !== value) this.byPrefix.get(lower.slice(0, i))?.candidatesFor(m, candidates);
          }
          if (m.path.kind === 'exact') {
            this.byExact.get(value)?.candidatesFor(m, candidates);
            if (lower !== value) this.byExact.get(lower)?.candidatesFor(m, candidates);
          }
        } else {
          // a case-insensitive expression is indexed by its lower-case text
          this.byRegex.get(value)?.candidatesFor(m, candidates);
          if (lower !== value) this.byRegex.get(lower)?.candidatesFor(m, candidates);
        }
      }
      const here = new Set(candidates.filter((c) => covers(c.matcher, m)).map((c) => c.index));
      common = common ? new Set([...common].filter((i) => here.has(i))) : here;
      if (common.size === 0) return undefined;
    }
    return common ? [...common] : undefined;
  }
}

const key = (m: Matcher) => (m.path!.ignoreCase ? asciiLower(m.path!.value) : m.path!.value);

/**
 * The earlier matchers of one path, indexed by their first header or query condition: a matcher covers
 * another only if every one of its conditions is among the other's, so a matcher with conditions is a
 * candidate only for matchers that have its first one. 20,000 routes on one prefix told apart by a header
 * are then compared with the one route that could cover each, not with every earlier one.
 */
class Bucket {
  private readonly unconditional: Entry[] = [];
  private readonly byCondition = new Map<string, Entry[]>();

  add(entry: Entry): void {
    const first = conditionKeys(entry.matcher, true)[0];
    if (first === undefined) this.unconditional.push(entry);
    else push(this.byCondition, first, entry);
  }

  candidatesFor(m: Matcher, out: Entry[]): void {
    pushAll(out, this.unconditional);
    if (this.byCondition.size === 0) return;
    for (const k of new Set(conditionKeys(m))) pushAll(out, this.byCondition.get(k) ?? []);
  }
}

/**
 * The conditions of a matcher as `covers` compares them (header names as foldName reads them). An
 * earlier matcher is indexed by those that restrict (restricting): one every request meets needs no
 * match in the later one.
 */
function conditionKeys(m: Matcher, earlier = false): string[] {
  const key = (kind: string, name: string, c: ValueMatch) => `${kind}\u0000${name}\u0000${c.value ?? ''}\u0000${c.value === undefined ? 1 : 0}${c.regex ? 1 : 0}${c.invert ? 1 : 0}`;
  return [...(earlier ? restricting(m.headers) : m.headers).map((h) => key('h', foldName(h.name), h)), ...m.queryParameters.map((q) => key('q', q.name, q))];
}

function bucketOf(map: Map<string, Bucket>, k: string): Bucket {
  let bucket = map.get(k);
  if (!bucket) map.set(k, (bucket = new Bucket()));
  return bucket;
}

interface Entry {
  readonly index: number;
  readonly matcher: Matcher;
}

/** Does `a` match every request `b` matches? Conservative: false when it cannot tell. */
export function covers(a: Matcher, b: Matcher): boolean {
  // a matcher without a path is Envoy's prefix `/` (Istio writes it so), which a prefix `/` covers
  if (a.path && !(matchesAnyPath(a) && !b.path)) {
    if (!b.path) return false;
    // a case-insensitive b matches spellings a case-sensitive a does not
    if (b.path.ignoreCase && !a.path.ignoreCase) return false;
    // as Envoy folds case: ASCII letters only
    const fold = (s: string) => (a.path!.ignoreCase ? asciiLower(s) : s);
    if (a.path.kind === 'prefix') {
      if (b.path.kind === 'regex') return false;
      if (!fold(b.path.value).startsWith(fold(a.path.value))) return false;
    } else if (a.path.kind !== b.path.kind || fold(a.path.value) !== fold(b.path.value)) {
      return false;
    }
  }
  if (a.method && a.method !== b.method) return false;
  if (a.port !== undefined && a.port !== b.port) return false;
  return subset(restricting(a.headers), b.headers, foldName) && subset(a.queryParameters, b.queryParameters, asWritten);
}

/**
 * The header conditions that exclude some request: one every request meets (ValueMatch.alwaysMet, GW4048:
 * `host != http://legacy.example.com`, a Host no request holds) restricts nothing, so a prefix `/` with it
 * still matches every request a later route could take.
 */
const restricting = (headers: readonly ValueMatch[]): readonly ValueMatch[] => (headers.some((h) => h.alwaysMet) ? headers.filter((h) => !h.alwaysMet) : headers);

/**
 * How a condition's name is compared: header names carry no case (RFC 9110, 5.1), and name one entry of
 * Envoy's request header map (`host` is `:authority`: pseudo-headers.ts); Envoy looks a query parameter
 * up by its exact name (QueryParameterMatcher::matches, source/common/router/config_utility.cc), so
 * `Page=1` does not cover `page=1`.
 */
const foldName = headerKey;
const asWritten = (name: string) => name;

/** A prefix `/`: it matches what a matcher without a path matches (both are Envoy's prefix `/`). */
const matchesAnyPath = (m: Matcher) => m.path?.kind === 'prefix' && m.path.value === '/';

const sameCondition = (x: ValueMatch, y: ValueMatch, name: (n: string) => string) =>
  name(x.name) === name(y.name) && x.value === y.value && x.regex === y.regex && x.invert === y.invert;

function subset(a: readonly ValueMatch[], b: readonly ValueMatch[], name: (n: string) => string): boolean {
  if (a.length * b.length <= 64) return a.every((x) => b.some((y) => sameCondition(x, y, name)));
  // by key where the lists are long: two routes of 30,000 headers each compared every pair (22 s, 1.9 s now)
  const keys = new Set(b.map((v) => conditionKey(v, name)));
  return a.every((x) => keys.has(conditionKey(x, name)));
}

/** What sameCondition compares, as one text: JSON, so that no name or value can run into the next. */
const conditionKey = (v: ValueMatch, name: (n: string) => string) => JSON.stringify([name(v.name), v.value ?? null, v.regex, v.invert]);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
