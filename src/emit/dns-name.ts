/** A Kubernetes object name: lower-case alphanumerics, `-` and `.`, at most 253 characters, alphanumeric at both ends. */
export function dnsName(raw: string): string {
  const name = raw.toLowerCase().replace(/\$latest/g, 'latest').replace(/[^a-z0-9.-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '').slice(0, 253);
  return name.replace(/[^a-z0-9]+$/, '') || 'x';
}
