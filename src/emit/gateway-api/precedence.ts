/** An HTTPRoute match as gwctl writes it. */
export interface GatewayMatch {
  readonly path: { readonly type: 'Exact' | 'PathPrefix' | 'RegularExpression'; readonly value: string };
  readonly method?: string;
  readonly headers?: ReadonlyArray<{ readonly type: 'Exact' | 'RegularExpression'; readonly name: string; readonly value: string }>;
  readonly queryParams?: ReadonlyArray<{ readonly type: 'Exact' | 'RegularExpression'; readonly name: string; readonly value: string }>;
}

/**
 * The Gateway API's order among matches (HTTPRoute `spec.rules[].matches`, CRD description): an Exact
 * path, then the longest PathPrefix, then a method, then the most headers, then the most query
 * parameters; ties keep the oldest Route, then `namespace/name` order, then rule order. Regular
 * expressions are implementation-specific: gwctl ranks them below every prefix and says so in its
 * findings. Larger ranks first; compared field by field.
 */
export function precedence(m: GatewayMatch): readonly number[] {
  const path = m.path.type === 'Exact' ? 2 : m.path.type === 'PathPrefix' ? 1 : 0;
  return [path, m.path.type === 'PathPrefix' ? m.path.value.replace(/\/+$/, '').length : 0, m.method ? 1 : 0, m.headers?.length ?? 0, m.queryParams?.length ?? 0];
}

export function outranks(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
}

/** What sets `a` above `b`, in words. */
export function rankReason(a: GatewayMatch, b: GatewayMatch): string {
  const [pa, pb] = [precedence(a), precedence(b)];
  if (pa[0] !== pb[0]) return a.path.type === 'Exact' ? 'an exact path ranks above a prefix' : 'a prefix ranks above a regular expression, whose rank is implementation-specific';
  if (pa[1] !== pb[1]) return 'a longer prefix ranks first';
  if (pa[2] !== pb[2]) return 'a method match ranks first';
  if (pa[3] !== pb[3]) return 'more header matches rank first';
  return 'more query parameter matches rank first';
}

/** PathPrefix matches whole segments: `/a` matches `/a` and `/a/b`, not `/ab`; a trailing `/` is ignored. */
export function prefixMatches(prefix: string, path: string): boolean {
  const p = prefix.replace(/\/+$/, '');
  return p === '' || path === p || path.startsWith(p + '/');
}

/**
 * Whether some request could match both. Decided on what is certain: paths that cannot meet, different
 * methods, the same header or query parameter required with two different exact values. A regular
 * expression is taken to overlap what it does not obviously exclude.
 */
export function overlaps(a: GatewayMatch, b: GatewayMatch): boolean {
  if (!pathsMeet(a.path, b.path)) return false;
  if (a.method && b.method && a.method !== b.method) return false;
  return !excludes(a.headers, b.headers, true) && !excludes(a.queryParams, b.queryParams, false);
}

function pathsMeet(a: GatewayMatch['path'], b: GatewayMatch['path']): boolean {
  if (a.type === 'RegularExpression' || b.type === 'RegularExpression') {
    const [regex, other] = a.type === 'RegularExpression' ? [a, b] : [b, a];
    if (other.type === 'RegularExpression') return true;
    // a prefix the expression's literal start rules out: `/find/[a-z]+` never meets `/export`
    if (other.type === 'PathPrefix') {
      const literal = literalStart(regex.value);
      const p = other.value.replace(/\/+$/, '');
      return literal.startsWith(p) || p.startsWith(literal);
    }
    try {
      return new RegExp(`^(?:${regex.value})$`).test(other.value);
    } catch {
      return true;
    }
  }
  if (a.type === 'Exact' && b.type === 'Exact') return a.value === b.value;
  if (a.type === 'Exact') return prefixMatches(b.value, a.value);
  if (b.type === 'Exact') return prefixMatches(a.value, b.value);
  return prefixMatches(a.value, b.value) || prefixMatches(b.value, a.value);
}

/** The characters every match of an expression starts with: up to its first operator. */
function literalStart(regex: string): string {
  const body = regex.startsWith('^') ? regex.slice(1) : regex;
  const m = /^[^.[\](){}*+?|\\^$]*/.exec(body)![0];
  // a quantifier applies to the character before it, which is then not certain
  return /[*+?{]/.test(body[m.length] ?? '') ? m.slice(0, -1) : m;
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
