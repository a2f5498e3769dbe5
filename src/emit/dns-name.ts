/** The longest Kubernetes object name (a DNS subdomain). */
export const DNS_NAME_MAX = 253;

/**
 * A Kubernetes object name (a DNS subdomain): lower-case alphanumerics, `-` and `.`, at most 253
 * characters, each `.`-separated label alphanumeric at both ends (a route named `/a/./b` is `a.b`, not
 * `a-.-b`, which the API server refuses).
 */
export function dnsName(raw: string): string {
  const labels = raw.toLowerCase().replace(/\$latest/g, 'latest').replace(/[^a-z0-9.-]+/g, '-').split('.');
  const name = labels.map((l) => l.replace(/^-+|-+$/g, '')).filter(Boolean).join('.').slice(0, DNS_NAME_MAX);
  return name.replace(/[^a-z0-9]+$/, '') || 'x';
}

/**
 * `name` with `suffix` (`-2`, `-000`) after it, cut so that the whole stays within `max` characters: a
 * suffix cut off a name at its limit would make two names one.
 */
export function withSuffix(name: string, suffix: string, max = DNS_NAME_MAX): string {
  return name.length + suffix.length <= max ? name + suffix : name.slice(0, max - suffix.length).replace(/[^A-Za-z0-9]+$/, '') + suffix;
}
