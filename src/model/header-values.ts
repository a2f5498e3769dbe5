import { alphabet, type NameAlphabet } from './name-alphabet';
import { headerKey } from './pseudo-headers';
import { isHttpToken } from '../text/http-token';

/**
 * What a header's value may hold when it reaches routing: a tab, a space, the printable ASCII characters
 * and any byte past ASCII (RFC 9110's obs-text), never another control character or DEL. Envoy refuses a
 * request with one before routing it: its HTTP/1 codec checks each value it receives
 * (envoyproxy/envoy source/common/http/http1/codec_impl.cc, onHeaderValue: headerValueIsValid, else 400
 * "header value contains invalid chars"), and headerValueIsValid (source/common/http/header_validation.cc)
 * is quiche's HeaderValidator::IsValidHeaderValue with obs-text allowed (google/quiche
 * quiche/http2/adapter/header_validator.cc: kHttp2HeaderValueAllowedChars, "\t " and `!` to `~`), as the
 * HTTP/2 codecs check too. It may be empty, and begin or end with white space: HTTP/1's codec strips it
 * (ltrim in onHeaderValue, rtrim in completeLastHeader), but an HTTP/2 value arrives as sent, so such a
 * value is one some request holds (GW4054 says the rest: matchers.ts, spacedEnds).
 */
const inHeaderValue = (c: string) => c === '\t' || (c >= ' ' && c !== '\u007f');

export const HEADER_VALUES = alphabet(
  'a header value holds no control character but a tab: Envoy answers 400 to a request with one, before routing',
  inHeaderValue,
  Infinity,
  { empty: true, beyond: true },
);

/** The first character of `value` that `takes` does not take, or undefined. */
function firstNotTaken(value: string, takes: (c: string) => boolean): string | undefined {
  for (const c of value) if (!takes(c)) return c;
  return undefined;
}

/** The first character of `value` no header value holds (see HEADER_VALUES), or undefined. */
export const forbiddenInHeaderValue = (value: string): string | undefined => firstNotTaken(value, inHeaderValue);

/**
 * What the Host (`:authority`) may hold when it reaches routing, a narrower set than any other header's
 * value: letters, digits and `!$%&'()*+,-.:;=@[]_~`, no space, no other character and none past ASCII.
 * Envoy's codecs refuse a request whose Host holds another before routing it (envoyproxy/envoy
 * source/common/http/http1/codec_impl.cc: requestHeadersValid, else sendProtocolError with
 * http.invalid_authority, 400; source/common/http/header_validation.cc: authorityIsValid, whose table
 * check_authority_h1_h2 is quiche's IsValidAuthority with `@` added). It may be empty (no character to
 * refuse). So `host: https://api.example.com` (a URL for a host) or a Host regex that needs a `/` is met
 * by no request.
 */
const AUTHORITY_CHARS = new Set("!$%&'()*+,-.0123456789:;=@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]_abcdefghijklmnopqrstuvwxyz~");
const inAuthority = (c: string) => AUTHORITY_CHARS.has(c);

export const AUTHORITY_VALUES = alphabet(
  "a Host holds letters, digits and !$%&'()*+,-.:;=@[]_~ only: Envoy answers 400 to a request with another character in it, before routing",
  inAuthority,
  Infinity,
  { empty: true },
);

/**
 * What `:path` holds when it reaches routing: the path the gateway routes by, which starts with `/` and
 * holds no space, control character or `#` (model/normalize-path.ts), with the query as sent after a `?`
 * (inspect/match-request.ts, headerValue). A value that does not start with `/` (`search\?q=.*` written
 * for `/search?q=...`) is met by no request. A character past ASCII is taken as sendable in the query
 * (whether a raw one reaches the router is not settled: model/query-values.ts).
 */
const inPseudoPath = (c: string) => c > ' ' && c !== '\u007f' && c !== '#';

export const PSEUDO_PATH_VALUES = alphabet('`:path` is the path routed and its query: it starts with `/` and holds no space, control character or `#`', inPseudoPath, Infinity, {
  first: (c) => c === '/',
  beyond: true,
});

/**
 * What `:method` holds when it reaches routing: an HTTP token (RFC 9110, 9.1), never a space or another
 * character. Over HTTP/1 Envoy's codec refuses any other method in the request line, and without
 * allow_custom_methods any method not in its list (envoyproxy/envoy
 * source/common/http/http1/balsa_parser.cc, isMethodValid: HPE_INVALID_METHOD, 400); over HTTP/2 the
 * codec refuses a `:method` that is no token (google/quiche quiche/http2/adapter/header_validator.cc,
 * IsValidMethod, kHttpTokenChars). Lower case is a token, sent by an HTTP/2 client: GW4020 speaks of the
 * matcher's `method` field only. The empty value is taken as sendable (IsValidMethod takes it).
 */
const inMethod = (c: string) => isHttpToken(c);

export const METHOD_VALUES = alphabet('`:method` is an HTTP token: letters, digits and !#$%&\'*+-.^_`|~, no space: Envoy answers 400 to a request with another method, before routing', inMethod, Infinity, {
  empty: true,
});

/** What a header of this name holds when it reaches routing: its characters, and what every value starts with. */
export interface HeaderValues {
  readonly alphabet: NameAlphabet;
  readonly forbidden: (value: string) => string | undefined;
  readonly start?: string;
}

/** What a header of this name may hold when it reaches routing: the Host's narrower set, `:path`'s, `:method`'s, or any header value's. */
export function headerValuesOf(name: string): HeaderValues {
  const key = headerKey(name);
  return key === ':authority' ? AUTHORITY : key === ':path' ? PSEUDO_PATH : key === ':method' ? METHOD : ANY_HEADER;
}

/** The first character of `value` no Host holds (see AUTHORITY_VALUES), or undefined. */
export const forbiddenInAuthority = (value: string): string | undefined => firstNotTaken(value, inAuthority);

const AUTHORITY: HeaderValues = { alphabet: AUTHORITY_VALUES, forbidden: forbiddenInAuthority };
const ANY_HEADER: HeaderValues = { alphabet: HEADER_VALUES, forbidden: forbiddenInHeaderValue };
const PSEUDO_PATH: HeaderValues = { alphabet: PSEUDO_PATH_VALUES, forbidden: (value) => firstNotTaken(value, inPseudoPath), start: '/' };
const METHOD: HeaderValues = { alphabet: METHOD_VALUES, forbidden: (value) => firstNotTaken(value, inMethod) };
