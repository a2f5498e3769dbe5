import { isObject, obj, type Obj } from '../data/values';
import { pointerSegment } from '../source/pointer';

/** A Lambda function a policy sends requests to, where it names one: its destination's pointer in the policy, and the destination. */
export interface PolicyLambdaDestination {
  readonly pointer: string;
  readonly value: Obj;
}

/**
 * The destinations of a policy that name a Lambda function (`awsLambda`): a MirrorPolicy's
 * `config.destination` ("The destination to which to send mirrored traffic") and a JWT provider's
 * `remote.destinationRef` (the server of its keys), each a RouteTable's destination in the 2.14 CRDs, its
 * CloudProvider a reference that defaults to the policy's own namespace. The model resolves them as it
 * does a route's (model/policy-destinations.ts): before, a mirror to a misspelt provider mirrored
 * nothing, and nothing said so. Their `ref` destinations (a Service, a VirtualDestination) are not asked.
 */
export function policyLambdaDestinations(kind: string, spec: unknown): PolicyLambdaDestination[] {
  const config = obj(obj(spec).config);
  const found: PolicyLambdaDestination[] = [];
  const take = (value: unknown, pointer: string) => {
    if (isObject(value) && isObject(value.awsLambda)) found.push({ pointer, value });
  };
  if (kind === 'MirrorPolicy') take(config.destination, '/spec/config/destination');
  else if (kind === 'JWTPolicy') {
    for (const [name, provider] of Object.entries(obj(config.providers))) take(obj(obj(provider).remote).destinationRef, `/spec/config/providers/${pointerSegment(name)}/remote/destinationRef`);
  }
  return found;
}

