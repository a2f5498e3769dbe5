/**
 * Whether a resource's labels include every label a selector asks for (Kubernetes' matchLabels: an
 * empty selector selects everything). A caller that tries one selector on many resources passes the
 * selector's keys, listed once (`Object.keys(want)`), rather than once per resource.
 */
export function hasLabels(have: Readonly<Record<string, string>>, want: Readonly<Record<string, string>>, keys: readonly string[] = Object.keys(want)): boolean {
  for (const k of keys) if (have[k] !== want[k]) return false;
  return true;
}
