import { isObject, obj, type Obj } from '../data/values';
import { pointerSegment } from '../source/pointer';

/** A destination a policy sends requests to: its pointer in the policy, and the destination as written. */
export interface PolicyDestination {
  readonly pointer: string;
  readonly value: Obj;
}

/**
 * The destinations of a policy that sends requests of its own: a MirrorPolicy's `config.destination`
 * ("The destination to which to send mirrored traffic") and a JWT provider's `remote.destinationRef` (the
 * server of its keys), each a RouteTable's destination in the 2.14 CRDs, of `awsLambda` or `ref`, whose
 * references default to the policy's own namespace. The model resolves them as it does a route's
 * (model/policy-destinations.ts): before, a mirror to a misspelt provider mirrored nothing, and nothing
 * said so.
 */
export function policyDestinations(kind: string, spec: unknown): PolicyDestination[] {
  const config = obj(obj(spec).config);
  const found: PolicyDestination[] = [];
  const take = (value: unknown, pointer: string) => {
    if (isObject(value) && (isObject(value.awsLambda) || isObject(value.ref))) found.push({ pointer, value });
  };
  if (kind === 'MirrorPolicy') take(config.destination, '/spec/config/destination');
  else if (kind === 'JWTPolicy') {
    for (const [name, provider] of Object.entries(obj(config.providers))) take(obj(obj(provider).remote).destinationRef, `/spec/config/providers/${pointerSegment(name)}/remote/destinationRef`);
  }
  return found;
}
