import { alphabet } from './name-alphabet';

/**
 * What a query parameter's value is matched as: the query as sent, split at `&` and the first `=`, not
 * decoded (envoyproxy/envoy source/common/router/config_impl.cc, RouteEntryImplBase::matchRoute, calls
 * parseQueryString, not parseAndDecodeQueryString), so `a b` arrives as `a%20b` or `a+b`. It holds no
 * space or control character (the request target holds none, RFC 9112 3.2), no `&` (it ends the value)
 * and no `#` (the fragment is never part of what Envoy routes by); it may be empty (`?q=`, `?q`), and may
 * hold `=`, `?` and, for all gwctl can tell, a raw byte past ASCII. A superset of the values sent: a regex
 * that matches none of it matches no request.
 */
export const QUERY_VALUES = alphabet(
  'a query value holds no space, control character, `&` or `#`: Envoy matches it as sent, split at `&`, without decoding `%20` or `+`',
  (c) => c > ' ' && c !== '\u007f' && c !== '&' && c !== '#',
  Infinity,
  { empty: true, beyond: true },
);
