import type { Obj } from '../data/values';
import { finding, type Finding, type ResourceRef } from '../diagnostics/finding';
import type { AnchorAt } from '../source/anchor';
import { pointerSegment } from '../source/pointer';
import { closest } from '../text/closest';

/**
 * GW2001 for each field of `value` (at `pointer`, `where` in words) that is not `known`, with the field
 * meant where one is near, else the fields there are: the readers of a policy's fields that no
 * generated schema checks (check-policy.ts, retry-timeout-config.ts), said as the schema check says it.
 */
export function unknownFields(value: Obj, known: readonly string[], pointer: string, where: string, at: AnchorAt, resource: ResourceRef): Finding[] {
  const findings: Finding[] = [];
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const near = closest(key, known, Math.max(2, Math.floor(key.length / 3)));
    const suggestion = near ? `; did you mean \`${near}\`?` : known.length ? `; allowed: ${known.join(', ')}` : '; it takes no field';
    findings.push(finding('GW2001', { field: key, where, suggestion }, at(`${pointer}/${pointerSegment(key)}`, 'key'), { resource }));
  }
  return findings;
}
