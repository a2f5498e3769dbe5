import { isHttpToken } from '../text/http-token';
import { headerKey } from '../model/pseudo-headers';
import { UsageError } from '../errors';
import { normalizePath } from '../model/normalize-path';
import { asciiLower } from '../text/ascii-lower';
import { printable } from '../text/printable';
import { forbiddenInAuthority, forbiddenInHeaderValue } from '../model/header-values';
import { hostCovers, isWildcardHost } from '../model/listeners';
import type { RegexEngine } from '../model/regex-engine';
import { MATCH_ALL } from '../model/matchers';
import { hostRewriteFor, rewrittenPath } from '../model/path-rewrite';
import type { HostNode, ListenerNode, Matcher, Model, RouteNode, ValueMatch } from '../model/types';
import { firstBy } from '../data/first-by';
import { under } from '../data/under';

export interface TestRequest {
  readonly method: string;
  /** the host the virtual host is chosen by: lower case, without a port */
  readonly host: string;
  /**
   * the Host header as the client sends it: the one given, else the URL's authority without the scheme's
   * default port (curl and browsers leave it out); a redirect keeps it (Envoy's processRequestHost)
   */
  readonly authority: string;
  readonly port?: number;
  readonly scheme?: 'http' | 'https';
  /** the path the gateway routes by: normalised as Gloo's gateways do (model/normalize-path.ts) */
  readonly path: string;
  /** the path as sent, when normalising changed it */
  readonly sentPath?: string;
  /**
   * the query's parameters as Envoy's router reads them (source/common/http/utility.cc, parseQueryString):
   * split at `&` and the first `=`, not decoded (`a+b` and `a%20b` stay so)
   */
  readonly query: ReadonlyMap<string, string[]>;
  /** the query as sent, without its `?`: a redirect keeps it */
  readonly rawQuery: string;
  /** lower-case names */
  readonly headers: ReadonlyMap<string, string>;
}

export interface Attempt {
  readonly route: RouteNode;
  /** why it did not match; undefined for the route that matched */
  readonly reason?: string;
}

export interface RequestAnswer {
  readonly listener: ListenerNode;
  readonly host: HostNode;
  /** the routes tried in order, the last one matched when `route` is set; empty unless asked to explain */
  readonly attempts: readonly Attempt[];
  /** how many routes were tried */
  readonly tried: number;
  readonly route?: RouteNode;
  /**
   * the path the route's destination receives, when the route rewrites it (model/path-rewrite.ts,
   * rewrittenPath: for the first of its matchers the request matches), without the query, which is kept
   */
  readonly rewrittenPath?: string;
  /**
   * the Host header the destination receives when the route rewrites it to a name (hostRewrite; to a
   * Lambda function the header means nothing, and the function's endpoint is signed instead: GW7006)
   */
  readonly rewrittenHost?: string;
}

/**
 * `GET https://api.example.com/orders?id=1`, or a path with a `Host` header (`POST /orders -H "Host: api.example.com"`),
 * plus `-H "name: value"` headers. The port is the URL's, else the Host header's, else the scheme's default
 * (443 for https, 80 for http); a path-only request without a port in its Host header names no port. The path
 * is routed as Gloo's gateways normalise it (dot segments removed, `%2F` kept: model/normalize-path.ts).
 */
const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);

/** What a request and a header are called in messages: the command line's flags, or a test's place. */
export interface RequestNames {
  readonly request: string;
  readonly header: string;
}
const FLAGS: RequestNames = { request: '--request', header: '-H' };

/**
 * A request gwctl cannot make, and which part says why: the request line, or the header at `header`, an
 * index into the lines given (a routing test file names the place it is written at).
 */
export class RequestError extends UsageError {
  constructor(
    message: string,
    readonly header?: number,
  ) {
    super(message);
  }
}

export function parseRequest(line: string, headerLines: readonly string[], names: RequestNames = FLAGS, shown = line): TestRequest {
  // the request line's own separators, a space or a tab (RFC 9112, 3): not every character JavaScript
  // calls white space (U+2028 in a URL split it, and what followed was dropped unread)
  const parts = line.replace(/^[ \t]+|[ \t]+$/g, '').split(/[ \t]+/);
  const [method, target] = parts.length >= 2 ? [parts[0]!.toUpperCase(), parts[1]!] : ['GET', parts[0] ?? ''];
  if (parts.length > 2) throw new RequestError(`${names.request} ${JSON.stringify(shown)}: expected "METHOD URL", and a URL holds no space: write it as %20`);
  // what Envoy refuses before routing, a client cannot send: a method that is no token (RFC 9110, 9.1),
  // a control character or space in the request target, a header name that is no token, a control
  // character but a tab in a value (source/common/http/header_validation.h: headerNameIsValid,
  // headerValueIsValid; model/header-values.ts)
  if (parts.length === 2 && !isHttpToken(parts[0]!)) throw new RequestError(`${names.request} ${JSON.stringify(shown)}: the method ${JSON.stringify(parts[0])} is not an HTTP token`);
  const control = /[\u0000-\u001f\u007f]/.exec(target);
  // escaped as every output escapes it (printable: JSON.stringify leaves DEL as it is)
  if (control) throw new RequestError(`${names.request} ${JSON.stringify(shown)}: the URL holds the control character "${printable(control[0])}", which the gateway refuses before routing: percent-encode it`);
  const headers = new Map<string, string>();
  for (const [index, h] of headerLines.entries()) {
    const colon = h.indexOf(':');
    if (colon <= 0) throw new RequestError(`${names.header} ${JSON.stringify(h)}: expected "Name: value"`, index);
    // a header given twice is matched as Envoy joins it: its values with `,` (source/common/http/
    // header_utility.cc, getAllOfHeaderAsString in matchHeaders)
    const name = h.slice(0, colon).trim().toLowerCase();
    // the whitespace Envoy strips around a value it receives (source/common/http/http1/codec_impl.cc:
    // ltrim in onHeaderValue, rtrim in completeLastHeader; StringUtil's " \t\f\v\n\r"), not every
    // character JavaScript calls white space (a no-break space is part of the value). The value is
    // checked first, as onHeaderValue checks it before it strips: a form feed or a vertical tab, even at
    // an end, is refused, so only spaces and tabs are ever stripped
    const raw = h.slice(colon + 1);
    const value = raw.replace(/^[ \t]+|[ \t]+$/g, '');
    if (!isHttpToken(name)) throw new RequestError(`${names.header} ${JSON.stringify(h)}: the name ${JSON.stringify(name)} is not an HTTP token (letters, digits and !#$%&'*+-.^_\`|~)`, index);
    const control = forbiddenInHeaderValue(raw);
    if (control !== undefined) throw new RequestError(`${names.header} ${JSON.stringify(h)}: a header value holds no control character but a tab ("${printable(control)}"): the gateway answers 400 before routing`, index);
    // the Host's own set, checked on the value the codec keeps (model/header-values.ts, AUTHORITY_VALUES)
    const notAuthority = name === 'host' ? forbiddenInAuthority(value) : undefined;
    if (notAuthority !== undefined) throw new RequestError(`${names.header} ${JSON.stringify(h)}: a Host holds letters, digits and !$%&'()*+,-.:;=@[]_~ only (${printable(JSON.stringify(notAuthority))}): the gateway answers 400 before routing`, index);
    headers.set(name, headers.has(name) ? `${headers.get(name)},${value}` : value);
  }
  const usage = () => new RequestError(`${names.request} ${JSON.stringify(shown)}: expected "METHOD URL", such as "GET https://api.example.com/orders", or "METHOD /path" with -H "Host: api.example.com"`);
  const m = /^(?:([a-z][a-z0-9+.-]*):\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#.*)?$/i.exec(target);
  // `GET` alone is a method without its URL, not a request to a host named get; `-q` alone a flag taken
  // for the request (`--request -q`), where `GET http://-x.example.com/` is a host a client may send
  if (!m || target === '' || (parts.length === 1 && (HTTP_METHODS.has(target) || target.startsWith('-')))) throw usage();
  const [, scheme, authority, rawPath, rawQuery] = m;
  if (scheme === undefined && !rawPath!.startsWith('/')) {
    // `api.example.com/orders`: a URL without its scheme
    return parseRequest(`${method} http://${target}`, headerLines, names, line);
  }
  // `http://user:password@host/`: a client sends the user information as an Authorization header (curl:
  // Basic), never in the Host header the virtual host is chosen by; which header the user means is theirs
  // to say
  if (authority?.includes('@')) {
    throw new RequestError(`${names.request} ${JSON.stringify(shown)}: the URL holds a user name or password, which a client sends as an Authorization header, not in the Host: give that header with ${names.header} and leave them out of the URL`);
  }
  const hostHeader = headers.get('host');
  const authorityHost = authority !== undefined && authority !== '' ? authority : undefined;
  const hostPort = authorityHost ?? hostHeader;
  if (hostPort === undefined) {
    throw new RequestError(`${names.request} ${JSON.stringify(shown)}: the request names no host; give a URL (https://api.example.com/...) or a Host header (-H "Host: api.example.com")`);
  }
  const hp = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(hostPort);
  if (!hp || !/^([A-Za-z0-9_.*-]+|\[[0-9A-Fa-f:.]+\])$/.test(hp[1]!)) throw usage();
  // a Host header, when given, is what Envoy matches the virtual host against, without its port: Gloo's
  // gateways ignore the port in host matching (docs/semantics.md#requests-routes---request-gwctl-test)
  const hostOnly = (hostHeader ?? hostPort).replace(/:\d{1,5}$/, '');
  const explicitPort = hp[2] !== undefined ? Number(hp[2]) : undefined;
  // 0 is a port number, if none a client connects to (a listener on it is refused, and serves nothing)
  if (explicitPort !== undefined && explicitPort > 65535) throw new RequestError(`${names.request} ${JSON.stringify(shown)}: port ${explicitPort} is not a TCP port (0 to 65535)`);
  const lower = scheme?.toLowerCase();
  if (lower !== undefined && lower !== 'http' && lower !== 'https') throw usage();
  const defaultPort = lower === 'https' ? 443 : lower === 'http' ? 80 : undefined;
  const port = explicitPort ?? defaultPort;
  const sentHost = hostHeader ?? (explicitPort !== undefined && explicitPort === defaultPort ? hp[1]! : hostPort);
  const query = new Map<string, string[]>();
  for (const param of rawQuery ? rawQuery.split('&') : []) {
    const equal = param.indexOf('=');
    const [k, v] = equal < 0 ? [param, ''] : [param.slice(0, equal), param.slice(equal + 1)];
    const values = query.get(k);
    if (values) values.push(v);
    else query.set(k, [v]);
  }
  const sentPath = rawPath === '' ? '/' : rawPath!;
  const routedPath = normalizePath(sentPath);
  // Envoy's canonicalisation fails on an escaped NUL, and the connection manager answers 400
  if (routedPath === undefined) throw new RequestError(`${names.request} ${JSON.stringify(shown)}: the path holds %00, which the gateway refuses before routing (its path normalisation fails: 400)`);
  return {
    method,
    host: hostOnly.toLowerCase(),
    authority: sentHost,
    ...(port !== undefined ? { port } : {}),
    ...(lower !== undefined ? { scheme: lower as 'http' | 'https' } : {}),
    path: routedPath,
    ...(routedPath !== sentPath ? { sentPath } : {}),
    query,
    rawQuery: rawQuery ?? '',
    headers,
  };
}

/**
 * Which route serves a request, and why the routes before it did not: per listener (those on the
 * request's port, or all when it names none), the virtual host Envoy would pick, then the routes in order.
 * With `explain` false the routes tried are counted, not listed, and no reason is put in words: `gwctl
 * test` asks that of every request, and explains only those whose test fails.
 */
export function matchRequest(model: Model, request: TestRequest, engine: RegexEngine, explain = true): RequestAnswer[] {
  const answers: RequestAnswer[] = [];
  for (const listener of model.listeners) {
    if (request.port !== undefined && listener.port !== request.port) continue;
    const host = pickHost(hostIndex(listener), request.host);
    if (!host) continue;
    const attempts: Attempt[] = [];
    let matched: RouteNode | undefined;
    let rewritten: string | undefined;
    let tried = 0;
    for (const route of host.routes) {
      tried++;
      const mismatch = routeMismatch(route, request, listener, engine, explain);
      if (typeof mismatch === 'string') {
        if (explain) attempts.push({ route, reason: mismatch });
        continue;
      }
      if (explain) attempts.push({ route });
      matched = route;
      rewritten = rewrittenPath(route.action, mismatch, request.path, engine);
      break;
    }
    const hostRewrite = matched ? hostRewriteFor(matched.action).host : undefined;
    answers.push({ listener, host, attempts, tried, ...(matched ? { route: matched } : {}), ...(rewritten !== undefined ? { rewrittenPath: rewritten } : {}), ...(hostRewrite !== undefined ? { rewrittenHost: hostRewrite } : {}) });
  }
  return answers;
}

/**
 * The plain-HTTP listener on the request's port when none of its hosts takes the request (matchRequest
 * answered nothing): Envoy answers such a request itself, 404 with the response flag NR ("no route"),
 * since the connection manager is reached whatever the Host header says. Over TLS there is no such
 * answer: the handshake names the host (SNI), and a name no filter chain has ends the connection. A
 * request without a port names no listener.
 */
export function hostlessListener(model: Model, request: TestRequest): ListenerNode | undefined {
  if (request.port === undefined) return undefined;
  return model.listeners.find((l) => l.port === request.port && l.protocol === 'http');
}

/** A listener's hosts by name in lower case, and its wildcards, longest first: made once per listener. */
interface HostIndex {
  readonly exact: ReadonlyMap<string, HostNode>;
  readonly wildcards: readonly HostNode[];
  readonly any: HostNode | undefined;
}

// `gwctl test` asks for a host of every request: looking through a listener's hosts for each, 20,000
// requests on a listener of 20,000 hosts took seconds
const hostIndexes = new WeakMap<ListenerNode, HostIndex>();

const hostIndex = (listener: ListenerNode): HostIndex =>
  under(hostIndexes, listener, () => ({
    // the first of a name, as a search in order finds it
    exact: firstBy(listener.hosts, (h) => [h.host.toLowerCase()]),
    // longest first; of equal length, in the listener's order (the sort is stable)
    wildcards: listener.hosts.filter((x) => isWildcardHost(x.host)).sort((a, b) => b.host.length - a.host.length),
    any: listener.hosts.find((x) => x.host === '*'),
  }));

/**
 * Envoy's virtual host order (route_config.proto, VirtualHost.domains): the exact host, then the longest
 * suffix wildcard (`*.example.com`, `*-bar.example.com`), then `*`.
 */
function pickHost(index: HostIndex, requested: string): HostNode | undefined {
  const h = requested.toLowerCase();
  return index.exact.get(h) ?? index.wildcards.find((x) => hostCovers(x.host, h)) ?? index.any;
}

// why a route does not match, when no one asked: the words are made only to explain
const UNSAID = 'no';

/** Why the route does not match, or the matcher that matches (Envoy tries a route's matchers in order, each a route of its own). */
function routeMismatch(route: RouteNode, request: TestRequest, listener: ListenerNode, engine: RegexEngine, explain: boolean): string | Matcher {
  if (route.matchers.length === 0) return MATCH_ALL;
  const reasons: string[] = [];
  for (const m of route.matchers) {
    const reason = matcherMismatch(m, request, listener, engine, explain);
    if (reason === undefined) return m;
    if (explain) reasons.push(reason);
  }
  return explain ? reasons.join('; and ') : UNSAID;
}

function matcherMismatch(m: Matcher, request: TestRequest, listener: ListenerNode, engine: RegexEngine, explain: boolean): string | undefined {
  const port = listener.port;
  // no target is given such a matcher (servedMatchers): it matches no request
  if (m.refused) return explain ? 'Envoy refuses this matcher, and no target is given it' : UNSAID;
  const p = m.path;
  if (p) {
    // ASCII letters only, as Envoy folds case (the path routed is ASCII: normalize-path.ts)
    const fold = (s: string) => (p.ignoreCase ? asciiLower(s) : s);
    const path = fold(request.path);
    const value = fold(p.value);
    if (p.kind === 'exact' && path !== value) return explain ? `path ${request.path} is not ${p.value}` : UNSAID;
    if (p.kind === 'prefix' && !path.startsWith(value)) return explain ? `path ${request.path} does not start with ${p.value}` : UNSAID;
    if (p.kind === 'regex' && !regexMatches(engine, p.value, request.path)) return explain ? `path ${request.path} does not match ${p.value}` : UNSAID;
  }
  if (m.method && m.method !== request.method) return explain ? `method ${request.method} is not ${m.method}` : UNSAID;
  if (m.port !== undefined && m.port !== port) return explain ? `listener port ${port} is not ${m.port}` : UNSAID;
  for (const h of m.headers) {
    const value = headerValue(request, headerKey(h.name), listener);
    // a missing header is read as an empty value by an inverted condition with a value (as Istio writes
    // Gloo Platform's): the model says whether that meets it (ValueMatch.missingMeets)
    if (value === undefined && h.invert && h.value !== undefined) {
      if (h.missingMeets) continue;
      return explain ? `header ${h.name} is missing, which is read as an empty value, and an empty value matches ${h.value}` : UNSAID;
    }
    const reason = valueMismatch('header', h, value !== undefined ? [value] : [], engine, explain);
    if (reason !== undefined) return reason;
  }
  for (const q of m.queryParameters) {
    // Envoy reads the first value of a parameter given twice (source/common/router/config_utility.cc,
    // QueryParameterMatcher::matches: "ignoring all but the first value for a given key")
    const reason = valueMismatch('query parameter', q, request.query.get(q.name)?.slice(0, 1) ?? [], engine, explain);
    if (reason !== undefined) return reason;
  }
  return undefined;
}

/**
 * The value of the entry of Envoy's request header map a header matcher reads (its key: headerKey), or
 * undefined when the request has none: the pseudo-headers hold the request's own values as Envoy routes
 * it: `:authority` the Host as sent (the URL's authority without the scheme's default port, or the Host
 * header given; the gateways ignore its port for the virtual host only), `:method`, `:path` the path
 * routed with the query as sent, `:scheme` the listener's (Envoy sets it from the connection). Before,
 * they were looked up among the headers given, where none is: a matcher on `:authority` or on `host`
 * without a Host header given was judged missing, which no request is.
 */
function headerValue(request: TestRequest, key: string, listener: ListenerNode): string | undefined {
  switch (key) {
    case ':authority':
      return request.authority;
    case ':method':
      return request.method;
    case ':path':
      return request.path + (request.rawQuery ? `?${request.rawQuery}` : '');
    case ':scheme':
      return listener.protocol;
    default:
      return request.headers.get(key);
  }
}

function valueMismatch(what: string, v: ValueMatch, values: readonly string[], engine: RegexEngine, explain: boolean): string | undefined {
  const hit = values.length > 0 && (v.value === undefined || values.some((x) => (v.regex ? regexMatches(engine, v.value!, x) : x === v.value)));
  if (hit !== v.invert) return undefined;
  if (!explain) return UNSAID;
  if (v.invert) return `${what} ${v.name} must not be ${v.value === undefined ? 'present' : v.value}`;
  if (values.length === 0) return `${what} ${v.name} is missing`;
  return `${what} ${v.name} is ${JSON.stringify(values[0])}, not ${v.regex ? `~ ${v.value}` : JSON.stringify(v.value)}`;
}

function regexMatches(engine: RegexEngine, pattern: string, input: string): boolean {
  const compiled = engine.compile(pattern);
  return 'error' in compiled ? false : compiled.matches(input);
}
