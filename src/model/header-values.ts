import { alphabet } from './name-alphabet';

/**
 * What a header's value may hold when it reaches routing: a tab, a space, the printable ASCII characters
 * and any byte past ASCII (RFC 9110's obs-text), never another control character or DEL. Envoy refuses a
 * request with one before routing it: its HTTP/1 codec checks each value it receives
 * (envoyproxy/envoy source/common/http/http1/codec_impl.cc, onHeaderValue: headerValueIsValid, else 400
 * "header value contains invalid chars"), and headerValueIsValid (source/common/http/header_utility.cc)
 * is quiche's HeaderValidator::IsValidHeaderValue with obs-text allowed (google/quiche
 * quiche/http2/adapter/header_validator.cc: kHttp2HeaderValueAllowedChars, "\t " and `!` to `~`), as the
 * HTTP/2 codecs check too. It may be empty. Whitespace at its ends is not said: HTTP/1's codec strips it
 * (ltrim in onHeaderValue, rtrim in completeLastHeader), where an HTTP/2 value arrives as sent.
 */
const inHeaderValue = (c: string) => c === '\t' || (c >= ' ' && c !== '\u007f');

export const HEADER_VALUES = alphabet(
  'a header value holds no control character but a tab: Envoy answers 400 to a request with one, before routing',
  inHeaderValue,
  Infinity,
  { empty: true, beyond: true },
);

/** The first character of `value` no header value holds (see HEADER_VALUES), or undefined. */
export function forbiddenInHeaderValue(value: string): string | undefined {
  for (const c of value) if (!inHeaderValue(c)) return c;
  return undefined;
}
