import { finding, type Finding } from '../diagnostics/finding';
import { servingTimeoutPolicies } from '../model/request-timeouts';
import type { Model, PolicyNode } from '../model/types';

/**
 * Every Gloo Platform policy of the input, said to be left behind: gwctl renders routing, and an
 * ExtAuthPolicy, a RateLimitPolicy or a TransformationPolicy is not routing. A configuration rendered
 * from manifests that protect routes with an ExtAuthPolicy served those routes without authentication,
 * the policy only counted among the skipped kinds. A security policy (who may call, what they see) is an
 * error, so that such an output is not written unless --force: it fails closed (GW7017); any other is a
 * warning (GW7016). On every target that serves routes.
 *
 * A RetryTimeoutPolicy that selects routes by label and sets a request timeout is rendered: each route
 * it selects waits that long (route-timeouts.ts). What it says of retries is not (GW7025, where it says
 * anything): the outputs retry what never reached the destination, whatever the policy asks. One that
 * selects only routes of tables for sidecars (the mesh's, which the output does not serve) is left
 * behind as any other policy of the mesh is (GW7016).
 */
export function unrenderedPolicies(model: Model, target: string): Finding[] {
  const findings: Finding[] = [];
  const rendered: ReadonlySet<PolicyNode> = servingTimeoutPolicies(model.policies ?? [], model.listeners);
  // a policy that selects no route the output serves (GW4047) leaves nothing behind
  for (const p of model.policies ?? []) {
    if (p.selectsNoRoute) continue;
    if (!rendered.has(p)) {
      findings.push(finding(p.security ? 'GW7017' : 'GW7016', { kind: p.ref.kind, name: nameOf(p), target, applies: p.appliesTo }, p.source, { resource: p.ref }));
    } else if (p.retriesWritten) {
      findings.push(finding('GW7025', { kind: p.ref.kind, name: nameOf(p), target, applies: p.appliesTo, written: p.retriesWritten.text }, p.retriesWritten.source, { resource: p.ref }));
    }
  }
  return findings;
}

const nameOf = (p: PolicyNode) => `${p.ref.namespace}/${p.ref.name}`;

