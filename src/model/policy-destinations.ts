import { finding } from '../diagnostics/finding';
import { isObject, obj, setStr } from '../data/values';
import { anchorIn } from '../load/resource';
import { resolvePolicyDestination, type ResolveContext } from './destinations';
import type { LambdaDestination, PolicyNode } from './types';

/**
 * The destinations the policies send requests to (a MirrorPolicy's mirror, a JWT provider's keys:
 * load/policy-destinations.ts), resolved as a route's destination is, for what Gloo would not find: a
 * Lambda function's CloudProvider, its sharing with the policy's workspace, the function; a
 * VirtualDestination's or ExternalService's sharing, and its port. Their CRDs require none of the names,
 * which a route's schema does: a destination without one names nothing to send to (GW2003), as a route's
 * would. Nothing is rendered of a policy: the functions that resolve are kept on it for `validate --aws`
 * (aws/checks/function-uses.ts) and `render --target iam`. Only the policies Gloo reads are given (none in a
 * namespace of `configEnabled: false`).
 */
export function withPolicyDestinations(policies: readonly PolicyNode[], ctx: ResolveContext): readonly PolicyNode[] {
  if (!policies.some((p) => p.destinations)) return policies;
  return policies.map((given) => {
    // what the load stage held for the model is read here, and not carried on (it holds the document)
    const { destinations: held, ...p } = given;
    if (!held) return given;
    const { policy } = held;
    const lambdas: LambdaDestination[] = [];
    for (const { pointer, value } of held.written) {
      const named = namedIn(value);
      if ('missing' in named) {
        ctx.findings.push(finding('GW2003', { where: `This ${policy.kind}'s \`${named.field}\``, field: named.missing }, anchorIn(policy, `${pointer}/${named.at}`), { resource: policy.ref }));
        continue;
      }
      const resolved = resolvePolicyDestination(ctx, policy, pointer, value, named.name);
      if (resolved) lambdas.push(resolved);
    }
    return lambdas.length ? { ...p, lambdas } : p;
  });
}

/**
 * The name a destination names its target by (a CloudProvider's, or a `ref`'s object's), and a Lambda
 * destination's function; or what is missing, where, and in which field.
 */
function namedIn(d: Readonly<Record<string, unknown>>): { name: string } | { missing: string; field: string; at: string } {
  if (isObject(d.awsLambda)) {
    const l = d.awsLambda;
    const name = setStr(obj(l.cloudProvider).name);
    if (name === undefined) return isObject(l.cloudProvider) ? { missing: 'name', field: 'awsLambda.cloudProvider', at: 'awsLambda/cloudProvider' } : { missing: 'cloudProvider', field: 'awsLambda', at: 'awsLambda' };
    return setStr(l.function) === undefined ? { missing: 'function', field: 'awsLambda', at: 'awsLambda' } : { name };
  }
  const name = setStr(obj(d.ref).name);
  return name === undefined ? { missing: 'name', field: 'ref', at: 'ref' } : { name };
}
