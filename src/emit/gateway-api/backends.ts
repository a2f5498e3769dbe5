import type { LambdaDestination } from '../../model/types';
import { LazyDocument, type EmittedDocument } from '../emitted';
import { NamespacedNames } from '../names';

/** How kgateway's Backend passes a request and its response: Envoy's JSON event and unwrapping, or the bytes as they are. */
export type PayloadMode = 'Envoy' | 'None';

export interface BackendRef {
  readonly name: string;
  readonly namespace: string;
}

interface BackendEntry {
  readonly ref: BackendRef;
  readonly d: LambdaDestination;
  readonly payload: PayloadMode;
}

/**
 * kgateway Backends (gateway.kgateway.dev/v1alpha1, `spec.aws.lambda`): one per function, qualifier,
 * invoke role and invocation options, since kgateway builds one Envoy cluster per Backend with the ARN in
 * its filter (plugins/backend/aws.go). A Backend lives in its CloudProvider's namespace, the team that
 * owns the account; routes in another namespace reach it through a ReferenceGrant.
 */
export class BackendSet {
  private readonly byKey = new Map<string, BackendEntry>();
  private readonly names = new NamespacedNames();

  /** The Backend for a destination, created on first use. */
  backendFor(d: LambdaDestination): BackendRef {
    const payload = payloadMode(d);
    const key = [d.arn, d.invokeRole?.arn ?? '', d.options.invocation, payload].join('|');
    const known = this.byKey.get(key);
    if (known) return known.ref;
    const namespace = d.provider.namespace;
    const qualifier = d.qualifier === '$LATEST' ? '' : `-${d.qualifier}`;
    const ref = { name: this.names.nameFor(namespace, key, `lambda-${d.functionName}${qualifier}`), namespace };
    this.byKey.set(key, { ref, d, payload });
    return ref;
  }

  /** Every Backend as a document, sorted by namespace and name; each made when written (one per function). */
  documents(): EmittedDocument[] {
    return [...this.byKey.values()]
      .sort((a, b) => (a.ref.namespace + '/' + a.ref.name < b.ref.namespace + '/' + b.ref.name ? -1 : 1))
      .map((entry) => new LazyDocument(entry, backendFileName, backend));
  }

  /** Whether some Backend assumes an invoke role (the Envoy version note). */
  get assumesRoles(): boolean {
    return [...this.byKey.values()].some((b) => b.d.invokeRole !== undefined);
  }
}

const backendFileName = ({ ref }: BackendEntry) => `backend-${ref.namespace}-${ref.name}.yaml`;

function backend({ ref, d, payload }: BackendEntry): Record<string, unknown> {
  return {
    apiVersion: 'gateway.kgateway.dev/v1alpha1',
    kind: 'Backend',
    metadata: { name: ref.name, namespace: ref.namespace },
    spec: {
      // deprecated in favour of inferring it from the field set, but older kgateway releases require it
      type: 'AWS',
      aws: {
        region: d.region,
        // no auth: Envoy's default chain (IRSA, Pod Identity); AssumeRole chains from it (kgateway #14148)
        ...(d.invokeRole ? { auth: { type: 'AssumeRole', assumeRole: { roleArn: d.invokeRole.arn } } } : {}),
        lambda: {
          accountId: d.accountId,
          functionName: d.functionName,
          qualifier: d.qualifier,
          invocationMode: d.options.invocation === 'async' ? 'Async' : 'Sync',
          payloadTransformMode: payload,
        },
      },
    },
  };
}

/**
 * Gloo's request and response options, as kgateway's one switch: `Envoy` is Envoy's aws_lambda
 * transformation (`payload_passthrough: false`: the request as a JSON event, the function's
 * statusCode/headers/body answer unwrapped), `None` passes both through. A request wrapped for an
 * unwrapped response (Gloo 2.3's default) is `Envoy`; raw both ways (2.2's default) is `None`; any
 * other combination takes the side of the response, and is reported by the route mapping.
 */
export function payloadMode(d: LambdaDestination): PayloadMode {
  return d.options.response === 'raw' ? 'None' : 'Envoy';
}

/** Whether the payload mode states the destination's options exactly. */
export function payloadExact(d: LambdaDestination): boolean {
  const mode = payloadMode(d);
  return mode === 'None' ? d.options.request === 'raw' && d.options.response === 'raw' : d.options.request === 'wrap' && d.options.response === 'unwrap-api-gateway';
}
