import { finding } from '../diagnostics/finding';
import { isObject, obj, setStr } from '../data/values';
import { anchorIn } from '../load/resource';
import { resolvePolicyLambda, type ResolveContext } from './destinations';
import type { LambdaDestination, PolicyNode } from './types';

/**
 * The Lambda functions the policies send requests to (a MirrorPolicy's mirror, a JWT provider's keys:
 * load/policy-lambda-destinations.ts), resolved as a route's destination is, for what Gloo would not
 * find: the CloudProvider, its sharing with the policy's workspace, the function. Their CRDs require
 * neither the provider's name nor the function, which a route's schema does: a destination of neither
 * names nothing to send to (GW2003), as a route's would. Nothing is rendered of a policy: the functions
 * that resolve are kept on it for `validate --aws` (aws/checks/function-uses.ts). Only the policies Gloo
 * reads are given (none in a namespace of `configEnabled: false`).
 */
export function withPolicyLambdas(policies: readonly PolicyNode[], ctx: ResolveContext): readonly PolicyNode[] {
  if (!policies.some((p) => p.lambdaDestinations)) return policies;
  return policies.map((given) => {
    // what the load stage held for the model is read here, and not carried on (it holds the document)
    const { lambdaDestinations: held, ...p } = given;
    if (!held) return given;
    const { policy } = held;
    const lambdas: LambdaDestination[] = [];
    for (const { pointer, value } of held.destinations) {
      const l = obj(value.awsLambda);
      const missing = setStr(obj(l.cloudProvider).name) === undefined ? (isObject(l.cloudProvider) ? 'cloudProvider.name' : 'cloudProvider') : setStr(l.function) === undefined ? 'function' : undefined;
      if (missing !== undefined) {
        const at = missing === 'cloudProvider.name' ? `${pointer}/awsLambda/cloudProvider` : `${pointer}/awsLambda`;
        ctx.findings.push(finding('GW2003', { where: `This ${policy.kind}'s \`awsLambda\``, field: missing }, anchorIn(policy, at), { resource: policy.ref }));
        continue;
      }
      const resolved = resolvePolicyLambda(ctx, policy, pointer, value);
      if (resolved) lambdas.push(resolved);
    }
    return lambdas.length ? { ...p, lambdas } : p;
  });
}
