/**
 * A string with its ASCII letters in lower case and every other character as it is: how Envoy folds
 * case where a matcher ignores it (`absl::StartsWithIgnoreCase`, `absl::EqualsIgnoreCase`), where
 * JavaScript's toLowerCase would also fold `K` (the Kelvin sign) into `k`.
 */
export function asciiLower(s: string): string {
  return /[A-Z]/.test(s) ? s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32)) : s;
}
