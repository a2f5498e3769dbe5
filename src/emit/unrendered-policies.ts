import { finding, type Finding } from '../diagnostics/finding';
import type { Model } from '../model/types';

/**
 * Every Gloo Platform policy of the input, said to be left behind: gwctl renders routing, and an
 * ExtAuthPolicy, a RateLimitPolicy or a TransformationPolicy is not routing. A configuration rendered
 * from manifests that protect routes with an ExtAuthPolicy served those routes without authentication,
 * the policy only counted among the skipped kinds. A security policy (who may call, what they see) is an
 * error, so that such an output is not written unless --force: it fails closed (GW7017); any other is a
 * warning (GW7016). On every target that serves routes.
 */
export function unrenderedPolicies(model: Model, target: string): Finding[] {
  // a policy that selects no route the output serves (GW4047) leaves nothing behind
  return (model.policies ?? []).filter((p) => !p.selectsNoRoute).map((p) => finding(p.security ? 'GW7017' : 'GW7016', { kind: p.ref.kind, name: `${p.ref.namespace}/${p.ref.name}`, target, applies: p.appliesTo }, p.source, { resource: p.ref }));
}
