import { describe, expect, it } from 'vitest';
import { FunctionVariants } from '../../src/emit/function-variants';
import { functionArn } from '../../src/model/arn';
import type { InvokeRole, LambdaDestination, LambdaOptions } from '../../src/model/types';

const source = { kind: 'file', file: { name: 't.yaml' }, start: 0, end: 0 } as never;
const role = (n: number): InvokeRole => ({ name: `invoke-${n}`, arn: `arn:aws:iam::111111111111:role/invoke-${n}`, from: 'provider', source, owner: { kind: 'CloudProvider', namespace: 'n', name: 'p' } as never });
const WRAPPED: LambdaOptions = { invocation: 'sync', request: 'wrap', response: 'unwrap-api-gateway' };

function destination(functionName: string, { account = '111111111111', qualifier = '$LATEST', invokeRole, options = WRAPPED }: { account?: string; qualifier?: string; invokeRole?: InvokeRole; options?: LambdaOptions } = {}): LambdaDestination {
  return {
    kind: 'lambda', provider: { kind: 'CloudProvider', namespace: 'n', name: 'p' } as never, functionName, qualifier, logicalName: functionName,
    get arn() {
      return functionArn('us-east-1', account, functionName, qualifier);
    },
    accountId: account, region: 'us-east-1', partition: 'aws', invokeRole, options, weight: 100, source,
  };
}

// the payload passes through where the response is raw, as both emitters have it
const variantsOf = () => new FunctionVariants<string>((d) => d.options.response === 'raw');

describe('FunctionVariants: what an emitter made for a function, role and options', () => {
  it('finds it again from any destination of the same function, role and options, and from no other', () => {
    const variants = variantsOf();
    expect(variants.get(destination('orders'))).toBeUndefined();
    variants.add(destination('orders'), 'a');
    // `$LATEST` and no version are one function (model/arn.ts); a request option the emitter does not
    // tell apart is the same variant
    expect(variants.get(destination('orders', { qualifier: '' }))).toBe('a');
    expect(variants.get(destination('orders', { options: { ...WRAPPED, request: 'raw' } }))).toBe('a');
    expect(variants.get(destination('orders', { options: { ...WRAPPED, response: 'raw' } }))).toBeUndefined();
    expect(variants.get(destination('orders', { options: { ...WRAPPED, invocation: 'async' } }))).toBeUndefined();
    expect(variants.get(destination('orders', { qualifier: '2' }))).toBeUndefined();
    expect(variants.get(destination('orders', { account: '222222222222' }))).toBeUndefined();
    expect(variants.get(destination('orders', { invokeRole: role(1) }))).toBeUndefined();
    expect(variants.get(destination('billing'))).toBeUndefined();
  });

  it('keeps finding each once a function name has more variants than a list is walked for (keyed by ARN and role from then on)', () => {
    const variants = variantsOf();
    // one function name in 30 accounts, each invoked as 3 roles, synchronously and not: 180 variants
    const all: Array<[LambdaDestination, string]> = [];
    for (let a = 0; a < 30; a++) {
      for (let r = 0; r < 3; r++) {
        for (const invocation of ['sync', 'async'] as const) {
          all.push([destination('orders', { account: String(100000000000 + a), invokeRole: role(r), options: { ...WRAPPED, invocation } }), `${a}/${r}/${invocation}`]);
        }
      }
    }
    for (const [d, value] of all) {
      expect(variants.get(d)).toBeUndefined();
      variants.add(d, value);
    }
    // found from another destination object of the same function, role and options
    for (const [d, value] of all) expect(variants.get({ ...d, arn: d.arn })).toBe(value);
    expect([...variants.all()].map((v) => v.value).sort()).toEqual(all.map(([, value]) => value).sort());
    expect(variants.get(destination('orders', { account: '100000000000', invokeRole: role(3) }))).toBeUndefined();
  });
});
