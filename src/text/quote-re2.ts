/** RE2 (and Go, Envoy) escaping of a literal. */
export function quoteRe2(literal: string): string {
  return literal.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
