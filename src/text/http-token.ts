/**
 * RFC 9110, 5.6.2: what an HTTP method and a header name are made of. Envoy refuses a request whose
 * header name is not one before routing (source/common/http/header_validation.h, headerNameIsValid), so
 * a request gwctl routes has none, and a matcher that needs one is met by no request (GW4045).
 */
export const isHttpToken = (text: string): boolean => /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(text);
