import { describe, expect, it } from 'vitest';
import { FunctionVariants } from '../../src/emit/function-variants';
import { functionArn } from '../../src/model/arn';
import type { InvokeRole, LambdaDestination } from '../../src/model/types';

const source = { kind: 'file', file: { name: 't.yaml' }, start: 0, end: 0 } as never;
const role = (n: number): InvokeRole => ({ name: `invoke-${n}`, arn: `arn:aws:iam::111111111111:role/invoke-${n}`, from: 'provider', source, owner: { kind: 'CloudProvider', namespace: 'n', name: 'p' } as never });

function destination(functionName: string, { account = '111111111111', qualifier = '$LATEST', invokeRole }: { account?: string; qualifier?: string; invokeRole?: InvokeRole } = {}): LambdaDestination {
  return {
    kind: 'lambda', provider: { kind: 'CloudProvider', namespace: 'n', name: 'p' } as never, functionName, qualifier, logicalName: functionName,
    get arn() {
      return functionArn('us-east-1', account, functionName, qualifier);
    },
    accountId: account, region: 'us-east-1', partition: 'aws', invokeRole,
    options: { invocation: 'sync', request: 'wrap', response: 'unwrap-api-gateway' }, weight: 100, source,
  };
}

describe('FunctionVariants: what an emitter made for a function, role and options', () => {
  it('finds it again from any destination of the same function, role and options, and from no other', () => {
    const variants = new FunctionVariants<string>();
    expect(variants.get(destination('orders'), 0)).toBeUndefined();
    variants.add(destination('orders'), 0, 'a');
    // `$LATEST` and no version are one function (model/arn.ts)
    expect(variants.get(destination('orders', { qualifier: '' }), 0)).toBe('a');
    expect(variants.get(destination('orders'), 1)).toBeUndefined();
    expect(variants.get(destination('orders', { qualifier: '2' }), 0)).toBeUndefined();
    expect(variants.get(destination('orders', { account: '222222222222' }), 0)).toBeUndefined();
    expect(variants.get(destination('orders', { invokeRole: role(1) }), 0)).toBeUndefined();
    expect(variants.get(destination('billing'), 0)).toBeUndefined();
  });

  it('keeps finding each once a function name has more variants than a list is walked for (keyed by ARN and role from then on)', () => {
    const variants = new FunctionVariants<string>();
    // one function name in 30 accounts, each invoked as 3 roles and with 2 options: 180 variants
    const all: Array<[LambdaDestination, number, string]> = [];
    for (let a = 0; a < 30; a++) {
      for (let r = 0; r < 3; r++) {
        for (const options of [0, 2]) all.push([destination('orders', { account: String(100000000000 + a), invokeRole: role(r) }), options, `${a}/${r}/${options}`]);
      }
    }
    for (const [d, options, value] of all) {
      expect(variants.get(d, options)).toBeUndefined();
      variants.add(d, options, value);
    }
    for (const [d, options, value] of all) expect(variants.get({ ...d, arn: d.arn }, options)).toBe(value);
    expect([...variants.all()].map((v) => v.value).sort()).toEqual(all.map(([, , value]) => value).sort());
    expect(variants.get(destination('orders', { account: '100000000000', invokeRole: role(3) }), 0)).toBeUndefined();
  });
});
