import type { Matcher, ValueMatch } from '../../model/types';

/**
 * What an HTTPRoute match may hold (gateway.networking.k8s.io_httproutes.yaml, v1): a path of at most
 * 1,024 characters which, for Exact and PathPrefix, is absolute, of the characters of an RFC 3986 path
 * and without `//`, `/./`, `/../`, `%2f`, `#` or a trailing `/.` or `/..` (the CRD's CEL rules); a method of
 * its enum; header and query parameter names that are HTTP tokens of at most 256 characters, values of
 * at most 4,096 (header) and 1,024 (query) characters. Gloo takes more (Envoy compares the raw strings):
 * a matcher that holds anything else cannot be written, and the reason says why.
 */
export function unwritableMatch(m: Matcher, pathType: 'Exact' | 'PathPrefix' | 'RegularExpression', path: string): string | undefined {
  if (path.length > 1024) return `the path \`${short(path)}\` (more than 1,024 characters)`;
  if (pathType !== 'RegularExpression' && !isGatewayPath(path)) return `the path \`${short(path)}\``;
  if (m.method !== undefined && !METHODS.has(m.method.toUpperCase())) return `the method \`${short(m.method)}\``;
  // the CRD's enum is upper case, and Gloo's `post` matches no request (Envoy compares :method exactly,
  // GW4020): written as POST, it would match what Gloo never does
  if (m.method !== undefined && m.method !== m.method.toUpperCase()) return `the method \`${short(m.method)}\`, which no request matches on Gloo (GW4020)`;
  return valuesProblem(m.headers, 'header', 4096) ?? valuesProblem(m.queryParameters, 'query parameter', 1024);
}

/** HTTPRouteMatch.method's enum (httproutes CRD). */
export const METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);
const TOKEN = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]{1,256}$/;
const PATH_CHARACTERS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|%[0-9a-fA-F]{2})+$/;

function isGatewayPath(path: string): boolean {
  return (
    path.startsWith('/') &&
    PATH_CHARACTERS.test(path) &&
    !/\/\/|\/\.\.?\/|%2f|#/i.test(path) &&
    !/\/\.\.?$/.test(path)
  );
}

function valuesProblem(list: readonly ValueMatch[], what: string, maxValue: number): string | undefined {
  for (const v of list) {
    if (!TOKEN.test(v.name)) return `the ${what} name \`${short(v.name)}\``;
    if (v.value !== undefined && v.value.length > maxValue) return `the ${what} ${v.name}'s value of ${v.value.length.toLocaleString('en-US')} characters`;
  }
  return undefined;
}

const short = (s: string) => (s.length > 60 ? `${s.slice(0, 60)}…` : s);
