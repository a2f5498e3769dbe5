import { describe, expect, it } from 'vitest';
import { BackendSet, payloadExact, payloadMode } from '../../src/emit/gateway-api/backends';
import { functionArn } from '../../src/model/arn';
import type { InvokeRole, LambdaDestination } from '../../src/model/types';

const source = { kind: 'file', file: { name: 't.yaml' }, start: 0, end: 0 } as never;
const role: InvokeRole = { name: 'invoke', arn: 'arn:aws:iam::111111111111:role/invoke', from: 'provider', source, owner: { kind: 'CloudProvider', namespace: 'n', name: 'p' } as never };

function destination(functionName: string, namespace: string, invokeRole?: InvokeRole): LambdaDestination {
  return {
    kind: 'lambda', provider: { kind: 'CloudProvider', namespace, name: 'p' } as never, functionName, qualifier: '$LATEST', logicalName: functionName,
    arn: functionArn('us-east-1', '111111111111', functionName, '$LATEST'),
    accountId: '111111111111', region: 'us-east-1', partition: 'aws', invokeRole,
    options: { invocation: 'sync', request: 'wrap', response: 'unwrap-api-gateway' }, weight: 100, source,
  };
}

describe('BackendSet: one kgateway Backend per function, role and options', () => {
  it('takes the payload mode from the response, and a Backend of each mode for one function', () => {
    const withOptions = (request: 'wrap' | 'raw', response: 'unwrap-api-gateway' | 'raw') => ({ ...destination('orders', 'team-a'), options: { invocation: 'sync' as const, request, response } });
    expect([payloadMode(withOptions('wrap', 'unwrap-api-gateway')), payloadExact(withOptions('wrap', 'unwrap-api-gateway'))]).toEqual(['Envoy', true]);
    expect([payloadMode(withOptions('raw', 'raw')), payloadExact(withOptions('raw', 'raw'))]).toEqual(['None', true]);
    // a raw request for an unwrapped response is Envoy's, not exactly; a wrapped one for a raw response None's
    expect([payloadMode(withOptions('raw', 'unwrap-api-gateway')), payloadExact(withOptions('raw', 'unwrap-api-gateway'))]).toEqual(['Envoy', false]);
    expect([payloadMode(withOptions('wrap', 'raw')), payloadExact(withOptions('wrap', 'raw'))]).toEqual(['None', false]);
    const set = new BackendSet();
    const wrapped = set.backendFor(withOptions('wrap', 'unwrap-api-gateway'));
    const raw = set.backendFor(withOptions('raw', 'raw'));
    expect([wrapped.name, raw.name]).toEqual(['lambda-orders', 'lambda-orders-2']);
    expect(set.backendFor(withOptions('raw', 'unwrap-api-gateway'))).toEqual(wrapped);
    expect(set.documents().map((d) => (d.value as { spec: { aws: { lambda: { payloadTransformMode: string } } } }).spec.aws.lambda.payloadTransformMode)).toEqual(['Envoy', 'None']);
  });

  it('lists them sorted by namespace and name, each made when it is read (one per function: held at once they outweighed the model)', () => {
    const set = new BackendSet();
    for (const [f, ns, r] of [['orders', 'team-b', role], ['catalogue', 'team-a', undefined], ['orders', 'team-b', role], ['audit', 'team-b', undefined]] as const) set.backendFor(destination(f, ns, r));
    const documents = set.documents();
    expect(documents.map((d) => d.name)).toEqual(['backend-team-a-lambda-catalogue.yaml', 'backend-team-b-lambda-audit.yaml', 'backend-team-b-lambda-orders.yaml']);
    const orders = documents[2]!;
    // made afresh on each read, the same each time
    expect(orders.value).not.toBe(orders.value);
    expect(orders.value).toEqual(orders.value);
    expect(orders.value).toEqual({
      apiVersion: 'gateway.kgateway.dev/v1alpha1',
      kind: 'Backend',
      metadata: { name: 'lambda-orders', namespace: 'team-b' },
      spec: {
        type: 'AWS',
        aws: {
          region: 'us-east-1',
          auth: { type: 'AssumeRole', assumeRole: { roleArn: 'arn:aws:iam::111111111111:role/invoke' } },
          lambda: { accountId: '111111111111', functionName: 'orders', qualifier: '$LATEST', invocationMode: 'Sync', payloadTransformMode: 'Envoy' },
        },
      },
    });
  });
});
