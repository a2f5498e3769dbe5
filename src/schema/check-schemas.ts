import type { Finding } from '../diagnostics/finding';
import type { CheckedObject } from '../load/resource';
import { explainErrors } from './explain-errors';
import { schemaKeyOf } from './schema-key';
import { loadCheckers, loadExplainer } from './schema-loaders';

/**
 * Validates every resource against the strict schema of its kind and dialect: the checker for all of
 * them, the explainer (all errors, with their schema paths) for those the checker rejects.
 */
export async function checkSchemas(resources: readonly CheckedObject[]): Promise<Finding[]> {
  const checkers = await loadCheckers(resources.map(schemaKeyOf));
  const findings: Finding[] = [];
  for (const resource of resources) {
    const key = schemaKeyOf(resource);
    if (checkers.get(key)!(resource.value)) continue;
    const explain = await loadExplainer(key);
    if (!explain(resource.value)) findings.push(...(await explainErrors(resource, key, explain.errors ?? [])));
  }
  return findings;
}
