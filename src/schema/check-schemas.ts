import type { Finding } from '../diagnostics/finding';
import type { Resource } from '../load/resource';
import { explainErrors } from './explain-errors';
import { schemaKeyOf } from './schema-key';
import { loadValidators } from './schema-loaders';

/** Validates every resource against the strict schema of its kind and dialect. */
export async function checkSchemas(resources: readonly Resource[]): Promise<Finding[]> {
  const validators = await loadValidators(resources.map(schemaKeyOf));
  const findings: Finding[] = [];
  for (const resource of resources) {
    const key = schemaKeyOf(resource);
    const validate = validators.get(key)!;
    if (!validate(resource.value)) findings.push(...(await explainErrors(resource, key, validate.errors ?? [])));
  }
  return findings;
}
