import type { LambdaDestination } from '../../model/types';
import { LazyDocument, type EmittedDocument } from '../emitted';
import { NamespacedNames } from '../names';
import { FunctionVariants, type FunctionVariant } from '../function-variants';

/** How kgateway's Backend passes a request and its response: Envoy's JSON event and unwrapping, or the bytes as they are. */
export type PayloadMode = 'Envoy' | 'None';

export interface BackendRef {
  readonly name: string;
  readonly namespace: string;
}

/**
 * kgateway Backends (gateway.kgateway.dev/v1alpha1, `spec.aws.lambda`): one per function, qualifier,
 * invoke role and invocation options, since kgateway builds one Envoy cluster per Backend with the ARN in
 * its filter (plugins/backend/aws.go). A Backend lives in its CloudProvider's namespace, the team that
 * owns the account; routes in another namespace reach it through a ReferenceGrant.
 */
export class BackendSet {
  // the name of the Backend of each function, invoke role and options (function-variants.ts): the rules
  // are made again as they are written, and these are live until then; the variant is all a Backend is
  // written from
  private readonly variants = new FunctionVariants<string>((d) => payloadMode(d) === 'None');
  private readonly names = new NamespacedNames();

  /** The Backend for a destination, created on first use. */
  backendFor(d: LambdaDestination): BackendRef {
    const namespace = d.provider.namespace;
    let name = this.variants.get(d);
    if (name === undefined) {
      const qualifier = d.qualifier === '$LATEST' ? '' : `-${d.qualifier}`;
      name = this.names.unique(namespace, `lambda-${d.functionName}${qualifier}`);
      this.variants.add(d, name);
    }
    return { name, namespace };
  }

  /** Every Backend as a document, sorted by namespace and name; each made when written (one per function). */
  documents(): EmittedDocument[] {
    const key = (v: Backend) => v.destination.provider.namespace + '/' + v.value;
    return [...this.variants.all()].sort((a, b) => (key(a) < key(b) ? -1 : 1)).map((v) => new LazyDocument(v, backendFileName, backend));
  }
}

/** A Backend: its name, and the first destination that invokes it. */
type Backend = FunctionVariant<string>;

const backendFileName = ({ destination, value }: Backend) => `backend-${destination.provider.namespace}-${value}.yaml`;

function backend({ destination: d, value: name }: Backend): Record<string, unknown> {
  return {
    apiVersion: 'gateway.kgateway.dev/v1alpha1',
    kind: 'Backend',
    metadata: { name, namespace: d.provider.namespace },
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
          payloadTransformMode: payloadMode(d),
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
