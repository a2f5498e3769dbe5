import { finding, type Finding } from '../diagnostics/finding';
import type { Model } from '../model/types';

/**
 * Every Gloo Platform policy of the input, said to be left behind: gwctl renders routing, and an
 * ExtAuthPolicy, a RateLimitPolicy or a TransformationPolicy is not routing. A configuration rendered
 * from manifests that protect routes with an ExtAuthPolicy serves those routes without authentication;
 * the summary's count of skipped kinds did not say so (GW7016, on every target that serves routes).
 */
export function unrenderedPolicies(model: Model, target: string): Finding[] {
  return (model.policies ?? []).map((p) => finding('GW7016', { kind: p.ref.kind, name: `${p.ref.namespace}/${p.ref.name}`, target, applies: p.appliesTo }, p.source, { resource: p.ref }));
}
