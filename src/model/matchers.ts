import { normalizePath } from './normalize-path';
import { exact } from '../data/exact-array';
import { asArray, bool, int, isObject, obj, setStr, str } from '../data/values';
import type { Code } from '../diagnostics/catalogue';
import { finding, type Finding } from '../diagnostics/finding';
import { anchorIn, type Resource } from '../load/resource';
import { compileRouteRegex, type RegexEngine } from './regex-engine';
import { isHttpToken } from '../text/http-token';
import { quoteRe2 } from '../text/quote-re2';
import { REQUEST_PSEUDO_HEADERS } from './pseudo-headers';
import type { Matcher, ValueMatch } from './types';
import { globFields, globLike, globPath } from './glob-like';
import { QUERY_VALUES } from './query-values';
import { headerValuesOf } from './header-values';
import { regexConstruct } from './regex-looking';
import { PATH_PARTS } from './routed-paths';

// Most matchers have no header or query conditions: they all share this one empty list.
const NONE: readonly ValueMatch[] = Object.freeze([]);
const orNone = (list: ValueMatch[]): readonly ValueMatch[] => (list.length ? list : NONE);

/** The matcher of every request: what a route without matchers matches, as one matcher. */
export const MATCH_ALL: Matcher = Object.freeze({ headers: NONE, queryParameters: NONE });
const ONLY_MATCH_ALL: readonly Matcher[] = Object.freeze([MATCH_ALL]);

/**
 * The matchers a route is served by: MATCH_ALL for a route without matchers, and all but those Envoy
 * refuses (Matcher.refused: a regex RE2 rejects, a header or query matcher without a name). Envoy refuses
 * the whole route configuration for one of them (route_components.proto, RegexMatcher and
 * HeaderMatcher), and Gloo Edge and the Gateway API hand theirs on to Envoy: no target is given one, no
 * request is matched by one, and it covers no other route. Such a route is replaced by a 500 and
 * reported as an error, so only `render --force` writes it: with its other matchers, while requests only
 * a refused one would have matched go on to the routes after it, as when a gateway drops a route it
 * cannot translate. An empty list: nothing of the route can be served.
 */
export function servedMatchers(route: { readonly matchers: readonly Matcher[] }): readonly Matcher[] {
  const matchers = route.matchers;
  if (matchers.length === 0) return ONLY_MATCH_ALL;
  // nearly every route: its own list, shared
  if (!matchers.some((m) => m.refused)) return matchers;
  return matchers.filter((m) => !m.refused);
}

/**
 * What a matcher needs that no request holds when the gateway routes it, and where it is in the matcher, else undefined. Envoy
 * loads such a matcher and no request ever matches it: the request target holds no space or control
 * character (RFC 9112, 3.2), and Envoy matches an exact or prefix path against the path as sent, where a
 * space is `%20`; a header name is an HTTP token (RFC 9110, 5.1) or the request is refused before routing
 * (source/common/http/header_validation.h, headerNameIsValid); a query string is split at `&` and the
 * first `=` and ends at `#`, without decoding (source/common/http/utility.cc, parseQueryString); a path
 * regex is matched against the path without its query (routed-paths.ts), so one that needs a space, a `?`
 * or a `#` (`/search\?q=.*`) matches nothing, and a query value regex against the value as sent
 * (query-values.ts), so one that needs a space, a `&` or a `#` (`hello world`) does too. An inverted
 * header matcher may be met by a request without the header (ValueMatch.missingMeets), and a header regex
 * may match what is sent.
 */
export function unsendable(m: Matcher, engine: RegexEngine): { readonly what: string; readonly at: string } | undefined {
  const p = m.path;
  if (p && p.kind !== 'regex') {
    const bad = /[\u0000-\u0020\u007f]/.exec(p.value);
    if (bad) return { what: `a path with ${characterName(bad[0])} in it`, at: `/uri/${p.kind}` };
    const unrouted = neverRouted(p.value, p.kind === 'exact');
    if (unrouted) return { what: unrouted, at: `/uri/${p.kind}` };
  } else if (p && engine.matchesSome(p.value, PATH_PARTS) === false) {
    return { what: `a path the regex \`${p.value}\` matches (${PATH_PARTS.what})`, at: '/uri/regex' };
  }
  // a method in lower case is GW4020's; one that is no token at all (`GET POST`, `/x`) Envoy refuses in
  // the request line before routing (RFC 9110, 9.1: a method is a token)
  if (m.method !== undefined && m.method === m.method.toUpperCase() && !isHttpToken(m.method)) return { what: `the method \`${m.method}\` (not an HTTP token)`, at: '/method' };
  for (let j = 0; j < m.headers.length; j++) {
    const h = m.headers[j]!;
    if (!h.invert && !isHttpToken(h.name) && !REQUEST_PSEUDO_HEADERS.has(h.name.toLowerCase())) return { what: `a header named \`${h.name}\` (not an HTTP token)`, at: `/headers/${j}/name` };
    const value = h.invert ? undefined : noHeaderValue(h, engine);
    if (value) return { what: value, at: `/headers/${j}/value` };
    // `x-debug !~ .*`: a request without the header is judged by the empty value (ValueMatch.missingMeets),
    // which `.*` matches as it matches every other
    if (h.invert && h.regex && h.value !== undefined && engine.matchesEvery(h.value) === true) {
      return { what: `a value of \`${h.name}\` that \`${h.value}\` does not match (it matches every value, and the empty one a request without the header is judged by)`, at: `/headers/${j}/value` };
    }
  }
  for (let j = 0; j < m.queryParameters.length; j++) {
    const q = m.queryParameters[j]!;
    const inName = /[\u0000-\u0020\u007f&=#]/.exec(q.name);
    if (inName) return { what: `a query parameter whose name has ${characterName(inName[0])} in it`, at: `/queryParameters/${j}/name` };
    if (q.value === undefined) continue;
    if (q.regex) {
      // matched against the value as sent (`hello%20world`), so a regex of the decoded text never is
      if (engine.matchesSome(q.value, QUERY_VALUES) === false) return { what: `a value of query parameter \`${q.name}\` that the regex \`${q.value}\` matches (${QUERY_VALUES.what})`, at: `/queryParameters/${j}/value` };
      continue;
    }
    const inValue = /[\u0000-\u0020\u007f&#]/.exec(q.value);
    if (inValue) return { what: `a query parameter whose value has ${characterName(inValue[0])} in it`, at: `/queryParameters/${j}/value` };
  }
  return undefined;
}

/**
 * The inverted header conditions of a matcher that every request meets: the header's name is no HTTP token
 * and no request pseudo-header, so no request that reaches routing carries it (RFC 9110, 5.1; Envoy
 * refuses such a request: source/common/http/header_validation.h, headerNameIsValid), or its value is
 * one no request's header holds (noHeaderValue); and a request without the header meets an inverted
 * presence, and an inverted value an empty value does not meet (ValueMatch.missingMeets). The condition
 * excludes nothing it was written to exclude (`x admin != true` for `x-admin`, `x-env != "prod\n"`).
 * `what` says what no request carries, `at` whether the name or the value says it.
 */
export function vacuousConditions(m: Matcher, engine: RegexEngine, each: (what: string, index: number, at: 'name' | 'value') => void): void {
  m.headers.forEach((h, j) => {
    if (!h.invert || (h.value !== undefined && !h.missingMeets)) return;
    if (!isHttpToken(h.name) && !REQUEST_PSEUDO_HEADERS.has(h.name.toLowerCase())) each(`a header named \`${h.name}\` (not an HTTP token)`, j, 'name');
    else {
      // a value no request's header holds: every request's differs, and one without the header is judged
      // by the empty value, which differs too (missingMeets)
      const never = noHeaderValue(h, engine);
      if (never) each(never, j, 'value');
    }
  });
}

/**
 * A header value compared as text that begins or ends with a space or a tab, in words, or undefined.
 * Envoy's HTTP/1 codec strips them from every value it receives (source/common/http/http1/codec_impl.cc:
 * ltrim in onHeaderValue, rtrim in completeLastHeader), so no HTTP/1 request holds such a value; over
 * HTTP/2 it arrives as sent (Envoy turns nghttp2's RFC 9113 check of leading and trailing whitespace off:
 * source/common/http/http2/codec_impl.cc), which is why it is no GW4045.
 */
export function spacedEnds(value: string): { readonly shape: string; readonly what: string } | undefined {
  const lead = /^[ \t]*/.exec(value)![0];
  const trail = lead.length === value.length ? '' : /[ \t]*$/.exec(value)![0];
  if (lead === '' && trail === '') return undefined;
  const spaces = lead + trail;
  const what = !spaces.includes('\t') ? 'space' : !spaces.includes(' ') ? 'tab' : 'whitespace';
  if (lead.length === value.length) return { shape: `is ${what === 'whitespace' ? what : `${what}s`} alone`, what };
  const where = lead && trail ? 'begins and ends' : lead ? 'begins' : 'ends';
  return { shape: `${where} with ${what === 'whitespace' ? what : `a ${what}`}`, what };
}

/**
 * What a header condition's value needs that no request's header holds (HEADER_VALUES; the Host's own
 * AUTHORITY_VALUES), in words, or undefined: a control character other than a tab in a value compared as
 * text (a YAML block scalar written `|` ends with a line break), a character no Host holds (`/` in
 * `https://api.example.com`), or a regex that matches no value the header may hold.
 */
function noHeaderValue(h: ValueMatch, engine: RegexEngine): string | undefined {
  if (h.value === undefined) return undefined;
  const { alphabet, forbidden, start } = headerValuesOf(h.name);
  if (!h.regex) {
    if (start !== undefined && !h.value.startsWith(start)) return `a value of \`${h.name}\` that does not start with \`${start}\``;
    const bad = forbidden(h.value);
    return bad === undefined ? undefined : `a value of \`${h.name}\` with ${characterName(bad)} in it`;
  }
  return engine.matchesSome(h.value, alphabet) === false ? `a value of \`${h.name}\` that the regex \`${h.value}\` matches (${alphabet.what})` : undefined;
}

/**
 * An exact or prefix path the path a gateway routes by never is, or never starts with, in words; else
 * undefined. Gloo's gateways canonicalise the path before routing (model/normalize-path.ts, Envoy's copy
 * of Chromium's canonicaliser): what that changes (`/café` is routed as `/caf%C3%A9`, `/%7Euser` as
 * `/~user`, `/a/../b` as `/b`; a `?` is escaped, the query being apart) is never met. A routed path is
 * canonical, so an exact path is met only if canonicalising leaves it as it is; a prefix only if it
 * does so with a letter after it (the letter stands for what follows: `/a/..` may begin `/a/..b`). A
 * path that does not begin with `/` is a child's part of a delegated prefix, judged once combined.
 */
function neverRouted(path: string, exact: boolean): string | undefined {
  // nearly every path holds only what canonicalising leaves as it is: one test, no canonicalising
  if (!path.startsWith('/') || !CANONICAL_SUSPECT.test(path)) return undefined;
  const probe = exact ? path : `${path}x`;
  const routed = normalizePath(probe);
  if (routed === probe) return undefined;
  const where = exact ? 'as the path' : 'at the start of the path';
  if (routed === undefined) return `\`${path}\` ${where} (the gateway refuses a path holding %00, 400)`;
  return `\`${path}\` ${where} (the gateway normalises it to \`${exact ? routed : routed.slice(0, -1)}\` before routing)`;
}

// what canonicalising may change: anything but unreserved characters, `/`, the sub-delimiters, `:` `@`
// `[` `]`, and a dot after a slash
const CANONICAL_SUSPECT = /[^A-Za-z0-9\-._~!$&'()*+,;=:@[\]/]|\/\./;

const characterName = (c: string) => (c === ' ' ? 'a space' : /[\u0000-\u001f\u007f]/.test(c) ? `the control character ${JSON.stringify(c)}` : `\`${c}\``);

/** Whether a matcher of the route names a port (few do: what depends on ports skips the others). */
export function namesAPort(route: { readonly matchers: readonly Matcher[] }): boolean {
  return route.matchers.some((m) => m.port !== undefined);
}

/**
 * The matchers a route is served by on a listener of `port`: its served matchers but those that name
 * another port. A matcher's port is the port the request came in on (http_matchers.proto,
 * HTTPRequestMatcher.port), and Istio builds each listener's routes without the matches of other ports
 * (translateRoute). An empty list: the route matches nothing on this listener.
 */
export function listenerMatchers(route: { readonly matchers: readonly Matcher[] }, port: number): readonly Matcher[] {
  const served = servedMatchers(route);
  return served.some((m) => m.port !== undefined && m.port !== port) ? served.filter((m) => m.port === undefined || m.port === port) : served;
}

/**
 * Whether a request on a listener of `port` can match the route (listenerMatchers is not empty): what
 * it would invoke is invoked from that listener, and granted (render --target iam, validate --aws).
 */
export function matchesOnListener(route: { readonly matchers: readonly Matcher[] }, port: number): boolean {
  return servedMatchers(route).some((m) => m.port === undefined || m.port === port);
}

export interface ReadMatchers {
  readonly matchers: Matcher[];
  /** why the route cannot be served as written (a regex RE2 refuses, a header without a name), else undefined */
  readonly unservable: { readonly code: Code; readonly reason: string } | undefined;
}

/** A route's `matchers` as model matchers, with RE2 checks of every regex in them. */
export function readMatchers(table: Resource, routePointer: string, route: Record<string, unknown>, engine: RegexEngine, findings: Finding[]): ReadMatchers {
  let unservable: ReadMatchers['unservable'];
  // whether the matcher being read holds something Envoy refuses
  let refused = false;
  const checkRegex = (pattern: string, pointer: string, value = false) => {
    const compiled = compileRouteRegex(engine, pattern);
    if ('error' in compiled) {
      // Istio's idiom for "any value": its translator reads a header or query regex of `*` alone as
      // presence (istio/istio pilot/pkg/networking/core/route/route.go, canBeConvertedToPresentMatch),
      // which Gloo Platform's own reading may or may not keep: the public sources do not say
      const detail = value && pattern === '*' ? `${compiled.error} (Istio reads a regex of \`*\` alone as the presence of the header or parameter; whether Gloo Platform hands it on unchecked the public sources do not say: for presence, leave \`value\` out)` : compiled.error;
      findings.push(finding('GW4015', { detail }, anchorIn(table, pointer), { resource: table.ref }));
      unservable ??= { code: 'GW4015', reason: 'a regular expression of the matcher is not valid RE2' };
      refused = true;
      return;
    }
    const glob = globLike(pattern);
    if (glob) findings.push(finding('GW4050', { pattern, ...globFields(glob) }, anchorIn(table, pointer), { resource: table.ref }));
  };
  // whether an empty value meets a condition's value (a regex RE2 rejects meets nothing: its matcher is refused)
  const emptyMeets = (value: string, regex: boolean): boolean => {
    if (!regex) return false;
    const compiled = compileRouteRegex(engine, value);
    return !('error' in compiled) && compiled.matches('');
  };
  const matchers = asArray(route.matchers).map((raw, i): Matcher => {
    const m = obj(raw);
    refused = false;
    const base = `${routePointer}/matchers/${i}`;
    const uri = obj(m.uri);
    const ignoreCase = bool(uri.ignoreCase) ?? false;
    let path: Matcher['path'];
    for (const kind of ['exact', 'prefix', 'regex'] as const) {
      const value = str(uri[kind]);
      if (value === undefined) continue;
      // string_match.proto: ignore_case "has no effect for the regex match"
      path = { kind, value, ignoreCase: kind !== 'regex' && ignoreCase };
      if (kind === 'regex') {
        checkRegex(value, `${base}/uri/regex`);
        if (ignoreCase) findings.push(finding('GW4019', { regex: value }, anchorIn(table, `${base}/uri/ignoreCase`), { resource: table.ref }));
        break;
      }
      const pattern = writtenAsPattern(kind, value);
      if (pattern) findings.push(finding(pattern.code, pattern.fields, anchorIn(table, `${base}/uri/${kind}`), { resource: table.ref }));
      // a path without a leading `/` (GW4016) is judged where the table is flattened: a child's follows
      // its parent's prefix there
      break;
    }
    const suffix = str(uri.suffix);
    const fromSuffix = !path && suffix !== undefined;
    if (fromSuffix) {
      // Envoy has no suffix matcher; the same set of paths as an RE2 regex
      path = { kind: 'regex', value: `${ignoreCase ? '(?i)' : ''}.*${quoteRe2(suffix)}`, ignoreCase: false };
      findings.push(finding('GW4017', { regex: path.value }, anchorIn(table, `${base}/uri/suffix`), { resource: table.ref }));
    }
    const values = (field: 'headers' | 'queryParameters'): readonly ValueMatch[] =>
      namedOnce(asArray(m[field]).filter(isObject).map((h, j) => {
        const name = str(h.name) ?? '';
        const subject = field === 'headers' ? 'header' : 'query parameter';
        // Envoy refuses a matcher without a name, and a header name with NUL, CR or LF
        // (route_components.proto: HeaderMatcher.name `min_len: 1, well_known_regex: HTTP_HEADER_NAME,
        // strict: false`; QueryParameterMatcher.name `min_len: 1`): the whole route configuration
        const problem = name === '' ? 'has no name' : field === 'headers' && /[\0\r\n]/.test(name) ? 'has a name with a NUL, CR or LF character' : undefined;
        if (problem !== undefined) {
          findings.push(finding('GW4036', { matched: subject, problem }, anchorIn(table, `${base}/${field}/${j}`), { resource: table.ref }));
          unservable ??= { code: 'GW4036', reason: `a ${subject} matcher ${problem}` };
          refused = true;
        }
        // an empty value is no value: the header or parameter need only be present (solo-apis
        // http_matchers.proto, "If the value is absent ... regardless of the header's value"; Gloo's
        // translator, solo-io/gloo envoyHeaderMatcher and envoyQueryMatcher: `Value == ""` -> present_match)
        const value = setStr(h.value);
        if (h.value === '') {
          findings.push(finding('GW4034', { matched: subject, name }, anchorIn(table, `${base}/${field}/${j}/value`), { resource: table.ref }));
        }
        const regex = bool(h.regex) ?? false;
        if (regex && value !== undefined) checkRegex(value, `${base}/${field}/${j}/value`, true);
        const construct = regex || value === undefined ? undefined : regexConstruct(value);
        if (construct) {
          findings.push(finding('GW4052', { field: `value of ${subject} \`${name}\``, value: value!, construct, matches: 'only that text', fix: 'set `regex: true` beside it' }, anchorIn(table, `${base}/${field}/${j}/value`), { resource: table.ref }));
        }
        // a query parameter matcher has no invertMatch (the CRD's QueryParameterMatcher: name, value,
        // regex): written anyway it is an unknown field (GW2001), which the API server refuses or prunes,
        // and never an inverted match
        const invert = field === 'headers' ? (bool(h.invertMatch) ?? false) : false;
        // a header whose values hold no space at all (the Host, `:path`: header-values.ts) is met by no
        // request with one, over either protocol: GW4045 says so, and GW4054 would say HTTP/2 may send it
        const spaced = field === 'headers' && !regex && value !== undefined && headerValuesOf(name).forbidden(' ') === undefined ? spacedEnds(value) : undefined;
        if (spaced) {
          const consequence = invert ? `this inverted condition excludes no HTTP/1 request, only an HTTP/2 request that sends the ${spaced.what}` : `no HTTP/1 request meets this matcher, only an HTTP/2 request that sends the ${spaced.what}`;
          findings.push(finding('GW4054', { name, shape: spaced.shape, consequence }, anchorIn(table, `${base}/${field}/${j}/value`), { resource: table.ref }));
        }
        // Gloo Platform hands an inverted condition to Istio as `withoutHeaders`, which Istio writes with
        // treat_missing_header_as_empty unless it is one of presence (istio/istio
        // pilot/pkg/networking/core/route/route.go, TranslateRouteMatch): a request without the header is
        // judged as if its value were empty
        if (invert && value !== undefined && !emptyMeets(value, regex)) return { name, value, regex, invert, missingMeets: true as const };
        return { name, value, regex, invert };
      }), field, base, table, findings);
    const method = str(m.method) || undefined;
    if (method !== undefined && method !== method.toUpperCase()) {
      findings.push(finding('GW4020', { method, upper: method.toUpperCase() }, anchorIn(table, `${base}/method`), { resource: table.ref }));
    }
    // port 0 is no port (uint32 in proto3, the CRD allows 0): Istio's translateRoute skips a route for another
    // listener port only when `match.Port != 0` (istio/istio pilot/pkg/networking/core/route/route.go)
    // the header and query lists are read first: their checks set `refused` too
    const headers = values('headers');
    const queryParameters = values('queryParameters');
    const read = matcher(path, headers, queryParameters, method, int(m.port) || undefined, refused || undefined);
    let needs = refused ? undefined : unsendable(read, engine);
    // the regex of a suffix is gwctl's own writing: the finding names the suffix, where it is written
    if (needs?.at === '/uri/regex' && fromSuffix) needs = { what: `a path that ends in \`${suffix}\` (${PATH_PARTS.what})`, at: '/uri/suffix' };
    if (needs) findings.push(finding('GW4045', { what: needs.what }, anchorIn(table, `${base}${needs.at}`), { resource: table.ref }));
    if (refused) return read;
    // an inverted condition every request meets is kept as written (the outputs write it), and said to be
    // met: a route after a matcher that holds one is judged against the matcher without it (shadowing.ts)
    const met = new Set<number>();
    vacuousConditions(read, engine, (what, j, at) => {
      met.add(j);
      findings.push(finding('GW4048', { what }, anchorIn(table, `${base}/headers/${j}/${at}`), { resource: table.ref }));
    });
    if (met.size === 0) return read;
    return matcher(path, headers.map((h, j) => (met.has(j) ? { ...h, alwaysMet: true as const } : h)), queryParameters, method, read.port, undefined);
  });
  return { matchers, unservable };
}

/**
 * An exact or prefix path written as a regex (GW4052) or, failing that, as a glob (GW4051): Envoy compares
 * it as written, so it matches that text alone; the finding says what to write instead.
 */
function writtenAsPattern(kind: 'exact' | 'prefix', value: string): { code: Code; fields: Record<string, string> } | undefined {
  const construct = regexConstruct(value);
  if (construct) {
    const regex = kind === 'prefix' && !/(\.\*|\$)$/.test(value) ? `${value}.*` : value;
    const matches = kind === 'exact' ? 'only that path' : 'only paths that begin with that text';
    return { code: 'GW4052', fields: { field: `${kind} path`, value, construct, matches, fix: `match it with \`uri.regex: ${regex}\`` } };
  }
  const glob = globPath(kind, value);
  if (!glob) return undefined;
  const what = kind === 'exact' ? `only the path \`${value}\` itself` : `only paths that begin \`${value}\``;
  const fix = glob.kind === 'prefix' ? `the prefix \`${glob.value}\`` : `the regex \`${glob.value}\` (\`[^/]*\` a segment, \`.*\` any text)`;
  return { code: 'GW4051', fields: { kind, path: value, what, fix } };
}

/**
 * A name matched twice in one matcher's headers (names compared without case, as HTTP does) or query
 * parameters, both inverted or neither: Gloo Platform hands a matcher to Istio as a VirtualService match,
 * whose `headers`, `withoutHeaders` and `queryParams` are maps by name (istio/api
 * networking/v1alpha3/virtual_service.proto, HTTPMatchRequest), so the two may become one condition,
 * which one being Gloo's choice. The model keeps both, as Envoy and Gloo Edge take a list (GW4039).
 */
function namedOnce(list: ValueMatch[], field: 'headers' | 'queryParameters', base: string, table: Resource, findings: Finding[]): readonly ValueMatch[] {
  if (list.length < 2) return orNone(list);
  // the first of each name (and inversion), by a map: a search of the earlier ones for each took 3.8 s
  // for a matcher of 20,000 headers
  const firsts = new Map<string, number>();
  for (let j = 0; j < list.length; j++) {
    const v = list[j]!;
    const key = `${v.invert ? '!' : '='}${field === 'headers' ? v.name.toLowerCase() : v.name}`;
    const first = firsts.get(key);
    if (first === undefined) firsts.set(key, j);
    else if (v.name !== '') {
      const matched = field === 'headers' ? 'header' : 'query parameter';
      const spelled = list[first]!.name === v.name ? '' : ` (as \`${list[first]!.name}\` before)`;
      findings.push(finding('GW4039', { matched, name: v.name, spelled }, anchorIn(table, `${base}/${field}/${j}/name`), { resource: table.ref }));
    }
  }
  return list;
}

/**
 * A delegated route matches what both its parent and it match. Matchers are ORed lists, so the result is
 * every parent matcher ANDed with every child matcher; pairs that can never match are dropped, and only
 * when none is left do the two conflict. Gloo Platform's rule, not Gloo Edge's: prefixes concatenate
 * (`/product-1` + `/foo` = `/product-1/foo`, `/` + `/lambda` = `/lambda`).
 */
export function combineMatchers(parent: readonly Matcher[], child: readonly Matcher[]): { matchers: readonly Matcher[] } | { conflict: string } {
  // one side matches everything: the other's list itself, shared (no one changes a model list)
  if (parent.length === 0) return { matchers: child };
  if (child.length === 0) return { matchers: parent };
  const out: Matcher[] = [];
  let firstConflict = '';
  for (const p of parent) {
    for (const c of child) {
      const combined = combinePair(p, c);
      if (typeof combined === 'string') firstConflict ||= combined;
      else out.push(combined);
    }
  }
  // every flattened route keeps its matchers
  return out.length ? { matchers: exact(out) } : { conflict: firstConflict };
}

function combinePair(p: Matcher, c: Matcher): Matcher | string {
  let path = p.path ?? c.path;
  if (p.path && c.path) {
    if (p.path.kind !== 'prefix') return `the parent matches the path by ${p.path.kind} (${p.path.value}), which a child cannot extend with ${c.path.kind} ${c.path.value}`;
    // gwctl decides: a prefix or exact path stays one (its kind decides its place in ROUTE_SPECIFICITY
    // and in every target), and folds case when either side does, so the combination never misses what
    // both sides match. A child's regex takes the parent's prefix quoted before it, folded in a `(?i:...)`
    // group where the parent folds case: both matched exactly, as the two ANDed.
    const ignoreCase = p.path.ignoreCase || c.path.ignoreCase;
    const parentPart = quoteRe2(trimSlash(p.path.value, c.path.value));
    path =
      c.path.kind === 'regex'
        ? { kind: 'regex', value: (p.path.ignoreCase ? `(?i:${parentPart})` : parentPart) + c.path.value, ignoreCase: false }
        : { kind: c.path.kind, value: joinPaths(p.path.value, c.path.value), ignoreCase };
  }
  const headers = mergeValues(p.headers, c.headers, 'header');
  if (typeof headers === 'string') return headers;
  const queryParameters = mergeValues(p.queryParameters, c.queryParameters, 'query parameter');
  if (typeof queryParameters === 'string') return queryParameters;
  if (p.method && c.method && p.method !== c.method) return `the parent matches method ${p.method} and the child ${c.method}`;
  if (p.port !== undefined && c.port !== undefined && p.port !== c.port) return `the parent matches port ${p.port} and the child ${c.port}`;
  const method = p.method ?? c.method;
  const port = p.port ?? c.port;
  // what Envoy refuses on either side, it refuses in the two combined
  return matcher(path, headers, queryParameters, method, port, p.refused ?? c.refused);
}

/**
 * Every matcher has the same fields, absent ones undefined: objects built by conditional spreads get a
 * hidden class each, which on a large input costs more memory than the matchers themselves.
 */
function matcher(path: Matcher['path'], headers: readonly ValueMatch[], queryParameters: readonly ValueMatch[], method: string | undefined, port: number | undefined, refused: true | undefined): Matcher {
  return { path, headers, queryParameters, method, port, refused };
}

export function joinPaths(parent: string, child: string): string {
  return parent.endsWith('/') && child.startsWith('/') ? parent + child.slice(1) : parent + child;
}

const trimSlash = (parent: string, child: string) => (parent.endsWith('/') && child.startsWith('/') ? parent.slice(0, -1) : parent);

function mergeValues(a: readonly ValueMatch[], b: readonly ValueMatch[], what: 'header' | 'query parameter'): readonly ValueMatch[] | string {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out = [...a];
  // the first of each name and inversion, by a map, as namedOnce finds them: header names without case,
  // query parameter names as written (Envoy looks one up by its exact name: QueryParameterMatcher::matches,
  // source/common/router/config_utility.cc), so a parent's `Lang` and a child's `lang` are two conditions
  const key = (v: ValueMatch) => `${v.invert ? '!' : '='}${what === 'header' ? v.name.toLowerCase() : v.name}`;
  const firsts = new Map<string, ValueMatch>();
  for (const x of a) if (!firsts.has(key(x))) firsts.set(key(x), x);
  for (const v of b) {
    const same = firsts.get(key(v));
    if (!same) {
      out.push(v);
      firsts.set(key(v), v);
    } else if (same.value !== v.value || same.regex !== v.regex) {
      return `the ${what} ${v.name} must be ${describeValue(same)} for the parent and ${describeValue(v)} for the child`;
    }
  }
  return out;
}

const describeValue = (v: ValueMatch) => (v.value === undefined ? 'present' : v.regex ? `~${v.value}` : `"${v.value}"`);

/**
 * Gloo's ROUTE_SPECIFICITY order key (route_table.proto, DelegateAction.SortMethod): exact > regex >
 * prefix > none; exact and prefix paths by length, longest first; all regex matchers equal. Only the
 * most specific matcher of a route counts.
 */
export function specificity(matchers: readonly Matcher[]): [number, number] {
  let best: [number, number] = [0, 0];
  for (const m of matchers.length ? matchers : ONLY_MATCH_ALL) {
    const rank = m.path ? { exact: 3, regex: 2, prefix: 1 }[m.path.kind] : 0;
    const length = m.path && m.path.kind !== 'regex' ? m.path.value.length : 0;
    if (rank > best[0] || (rank === best[0] && length > best[1])) best = [rank, length];
  }
  return best;
}

/**
 * "prefix /team-a/orders, header x-beta=true, POST": a matcher in one line. A value that begins or ends
 * with white space, holds a line break or is empty is shown quoted, as JSON writes it: in a table its
 * ends are otherwise invisible (`Host=admin.example.com ` read as the host it is not).
 */
export function describeMatcher(m: Matcher): string {
  const parts: string[] = [];
  if (m.path) parts.push(`${m.path.kind} ${shown(m.path.value)}${m.path.ignoreCase ? ' (any case)' : ''}`);
  for (const h of m.headers) parts.push(`header ${h.name}${h.invert ? ' not' : ''}${condition(h)}`);
  for (const q of m.queryParameters) parts.push(`query ${q.name}${condition(q)}`);
  if (m.method) parts.push(m.method);
  if (m.port !== undefined) parts.push(`port ${m.port}`);
  if (m.refused) parts.push('refused by Envoy');
  return parts.length ? parts.join(', ') : 'any request';
}

const shown = (value: string) => (value === '' || /^\s|\s$|[\r\n]/.test(value) ? JSON.stringify(value) : value);
const condition = (v: ValueMatch) => (v.value === undefined ? ' present' : v.regex ? ` ~ ${shown(v.value)}` : `=${shown(v.value)}`);
