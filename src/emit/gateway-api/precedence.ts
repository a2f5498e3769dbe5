import type { RegexEngine } from '../../model/regex-engine';

/** An HTTPRoute match as gwctl writes it. */
export interface GatewayMatch {
  readonly path: { readonly type: 'Exact' | 'PathPrefix' | 'RegularExpression'; readonly value: string };
  readonly method?: string;
  readonly headers?: ReadonlyArray<{ readonly type: 'Exact' | 'RegularExpression'; readonly name: string; readonly value: string }>;
  readonly queryParams?: ReadonlyArray<{ readonly type: 'Exact' | 'RegularExpression'; readonly name: string; readonly value: string }>;
}

/**
 * The order among matches kgateway gives them, the Gateway API's (HTTPRoute `spec.rules[].matches`, CRD
 * description: an Exact path, then the longest PathPrefix, then a method, then the most headers, then the
 * most query parameters; ties keep the oldest Route, then `namespace/name` order, then rule order) with
 * what the CRD leaves to the implementation: "The precedence of RegularExpression path matches are
 * implementation-specific". kgateway ranks a RegularExpression below an Exact path and above every
 * PathPrefix, two of them equal on the path, and compares prefixes by the length of the value as
 * written, a trailing `/` counted (kgateway-dev/kgateway
 * internal/kgateway/translator/routeutils/sortable_route.go, `lessPath`; Gloo Gateway 2's
 * projects/gateway2 has the same). Larger ranks first; compared field by field.
 */
export function precedence(m: GatewayMatch): readonly number[] {
  const path = m.path.type === 'Exact' ? 2 : m.path.type === 'RegularExpression' ? 1 : 0;
  return [path, m.path.type === 'PathPrefix' ? m.path.value.length : 0, m.method ? 1 : 0, m.headers?.length ?? 0, m.queryParams?.length ?? 0];
}

export function outranks(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
}

/** What sets `a` above `b`, in words. */
export function rankReason(a: GatewayMatch, b: GatewayMatch): string {
  const [pa, pb] = [precedence(a), precedence(b)];
  if (pa[0] !== pb[0]) {
    if (a.path.type === 'Exact') return b.path.type === 'PathPrefix' ? 'an exact path ranks above a prefix' : 'an exact path ranks above a regular expression';
    return 'kgateway ranks a regular expression above a prefix, an order the Gateway API leaves to the implementation';
  }
  if (pa[1] !== pb[1]) return 'a longer prefix ranks first';
  if (pa[2] !== pb[2]) return 'a method match ranks first';
  if (pa[3] !== pb[3]) return 'more header matches rank first';
  return 'more query parameter matches rank first';
}

/** A match in words, for a finding: its path, and what else it requires. */
export function describeMatch(m: GatewayMatch): string {
  const path = m.path.type === 'Exact' ? `the exact path \`${m.path.value}\`` : m.path.type === 'PathPrefix' ? `the prefix \`${m.path.value}\`` : `the regular expression \`${m.path.value}\``;
  const more = [...(m.method ? [m.method] : []), ...(m.headers ?? []).map((h) => `header ${h.name}`), ...(m.queryParams ?? []).map((q) => `query ${q.name}`)];
  return more.length ? `${path} with ${more.join(', ')}` : path;
}

/**
 * Whether a PathPrefix matches a path as kgateway has Envoy match it (internal/kgateway/translator/
 * irtranslator/route.go, `setEnvoyPathMatcher`): a value that does not end in `/` as Envoy's
 * `path_separated_prefix`, by whole segments (`/a` matches `/a` and `/a/b`, not `/ab`); one that does
 * (`isValidPathSparated` refuses it) as Envoy's `prefix`, by characters (`/a/` matches `/a/b`, not `/a`),
 * as Gloo does. The CRD's own text ignores a trailing `/`; kgateway does not.
 */
export function prefixMatches(prefix: string, path: string): boolean {
  if (prefix.endsWith('/')) return path.startsWith(prefix);
  return path === prefix || path.startsWith(`${prefix}/`);
}

/**
 * Whether some request could match both. Decided on what is certain: paths that cannot meet, different
 * methods, the same header or query parameter required with two different exact values. A regular
 * expression is taken to overlap what its literal start does not exclude (an exact path, it is tested on).
 */
export function overlaps(a: GatewayMatch, b: GatewayMatch, regex: RegexEngine): boolean {
  if (!pathsMeet(a.path, b.path, regex)) return false;
  if (a.method && b.method && a.method !== b.method) return false;
  return !excludes(a.headers, b.headers, true) && !excludes(a.queryParams, b.queryParams, false);
}

function pathsMeet(a: GatewayMatch['path'], b: GatewayMatch['path'], regex: RegexEngine): boolean {
  if (a.type === 'RegularExpression' || b.type === 'RegularExpression') {
    const [expression, other] = a.type === 'RegularExpression' ? [a, b] : [b, a];
    const starts = literalStarts(expression.value);
    if (other.type === 'RegularExpression') {
      const others = literalStarts(other.value);
      return starts.some((a) => others.some((b) => startsMeet(a, b)));
    }
    // a prefix ending in `/` matches by characters, so the paths it takes all start with it as written;
    // one that does not matches whole segments, and its paths start with it too
    if (other.type === 'PathPrefix') return starts.some((a) => startsMeet(a, other.value));
    // on RE2, as kgateway's Envoy runs it: the expression and the exact path both come from the input,
    // and JavaScript's backtracking took exponential time on `/(a+)+b` against `/aaa…c`. One RE2 refuses
    // is taken to meet it.
    const compiled = regex.compile(expression.value);
    return 'error' in compiled || compiled.matches(other.value);
  }
  if (a.type === 'Exact' && b.type === 'Exact') return a.value === b.value;
  if (a.type === 'Exact') return prefixMatches(b.value, a.value);
  if (b.type === 'Exact') return prefixMatches(a.value, b.value);
  return prefixMatches(a.value, b.value) || prefixMatches(b.value, a.value);
}

/**
 * Whether two paths, each known to begin with one of these (an expression's literal start, a prefix),
 * may be one path: unless one rules the other out (`/find/[a-z]+` never meets
 * the prefix `/export`, nor `/export/[0-9]+`).
 */
export function startsMeet(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

/**
 * The characters every match of an expression starts with, one for each of its alternatives outside
 * every group (`/v2/.*|/legacy/[0-9]+`: `/v2/` and `/legacy/`; before, only the first, and a request
 * the second takes was missed): each up to its first operator.
 */
export function literalStarts(regex: string): string[] {
  return alternatives(regex).map((alternative) => {
    const body = alternative.startsWith('^') ? alternative.slice(1) : alternative;
    const m = /^[^.[\](){}*+?|\\^$]*/.exec(body)![0];
    // a quantifier applies to the character before it, which is then not certain
    return /[*+?{]/.test(body[m.length] ?? '') ? m.slice(0, -1) : m;
  });
}

/** An expression split at each `|` outside its groups and classes (RE2 syntax; escapes skipped). */
function alternatives(regex: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < regex.length; i++) {
    const c = regex[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    // a `]` first in a class is a member of it (`[]a]`, `[^]a]`)
    else if (c === '[') {
      inClass = true;
      if (regex[i + 1] === '^') i++;
      if (regex[i + 1] === ']') i++;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth <= 0) {
      out.push(regex.slice(from, i));
      from = i + 1;
    }
  }
  out.push(regex.slice(from));
  return out;
}

function excludes(a: GatewayMatch['headers'], b: GatewayMatch['headers'], ignoreCase: boolean): boolean {
  const key = (n: string) => (ignoreCase ? n.toLowerCase() : n);
  for (const x of a ?? []) for (const y of b ?? []) if (x.type === 'Exact' && y.type === 'Exact' && key(x.name) === key(y.name) && x.value !== y.value) return true;
  return false;
}

/** A request both matches admit, for a message: the more specific path, and the method if one is set. */
export function sampleRequest(a: GatewayMatch, b: GatewayMatch): string {
  const method = a.method ?? b.method ?? 'GET';
  const exact = [a.path, b.path].find((p) => p.type === 'Exact');
  if (exact) return `${method} ${exact.value}`;
  const regex = [a.path, b.path].find((p) => p.type === 'RegularExpression');
  if (regex) return `${method} <a path matching ${regex.value}>`;
  return `${method} ${[a.path.value, b.path.value].sort((x, y) => y.length - x.length)[0]}`;
}
