import type { ServiceDestination } from './types';

/**
 * A Service destination as tables, explanations and diffs show it: `service team-a/reviews:9080`, with
 * the endpoints it selects when the route names a subset (`service team-a/reviews:9080 (subset
 * version=v2)`): a route to one subset and a route to another are to different endpoints.
 */
export function serviceText(d: ServiceDestination): string {
  return `${d.targetKind.toLowerCase()} ${d.namespace}/${d.name}${d.port !== undefined ? `:${d.port}` : ''}${subsetSuffix(d)}`;
}

/** ` (subset version=v2)` for a destination that names a subset; nothing for one that names none. */
export const subsetSuffix = (d: ServiceDestination): string => (d.subset ? ` (subset ${subsetText(d.subset)})` : '');

/**
 * `version=v2, zone=a`: the labels in key order, whatever order they are written in, so that two
 * subsets are the same exactly when their texts are.
 */
export const subsetText = (subset: Readonly<Record<string, string>>): string =>
  Object.entries(subset)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
