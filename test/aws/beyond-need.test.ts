import { describe, expect, it } from 'vitest';
import { beyondNeed } from '../../src/aws/checks/beyond-need';
import type { ProviderNode } from '../../src/model/types';

const base = 'arn:aws:lambda:us-west-1:123456789012:function';
const provider = { region: 'us-west-1', accountId: '123456789012', functions: [{ arn: `${base}:orders` }, { arn: `${base}:billing` }] } as unknown as ProviderNode;
const policy = (Action: string, Resource: string | string[]) => [{ name: 'inline policy invoke', document: { Statement: [{ Effect: 'Allow' as const, Action, Resource }] } }];
const needed = [`${base}:orders`, `${base}:pay:live`];

describe('an invoke role allowed more than its routes need', () => {
  it('exactly the ARNs needed is not broader', () => {
    expect(beyondNeed(policy('lambda:InvokeFunction', needed), needed, [provider])).toBeUndefined();
  });

  it('names each way a policy is broader', () => {
    expect(beyondNeed(policy('lambda:InvokeFunction', '*'), needed, [provider])).toBe('it allows invoking any function in us-west-1, where its routes need lambda:InvokeFunction on 2 ARNs');
    expect(beyondNeed(policy('lambda:InvokeFunction', [`${base}:orders`, `${base}:pay:*`]), needed, [provider])).toBe('it allows invoking any version or alias of pay, where its routes need lambda:InvokeFunction on 2 ARNs');
    expect(beyondNeed(policy('lambda:InvokeFunction', [...needed, `${base}:pay`, `${base}:billing`]), needed, [provider])).toBe(
      `it allows invoking pay unqualified ($LATEST); invoking ${base}:billing, which no route of the role uses, where its routes need lambda:InvokeFunction on 2 ARNs`,
    );
    expect(beyondNeed(policy('lambda:*', needed), needed, [provider])).toBe('it allows lambda:UpdateFunctionCode; lambda:DeleteFunction; lambda:AddPermission, where its routes need lambda:InvokeFunction on 2 ARNs');
  });

  it('asks every region of the role\'s providers, counts one ARN as one, and judges a role with no route not at all', () => {
    const ireland = { region: 'eu-west-1', accountId: '123456789012', functions: [] } as unknown as ProviderNode;
    const anywhereInIreland = policy('lambda:InvokeFunction', [`${base}:orders`, 'arn:aws:lambda:eu-west-1:123456789012:function:*']);
    expect(beyondNeed(anywhereInIreland, [`${base}:orders`], [provider, ireland])).toBe('it allows invoking any function in eu-west-1, where its routes need lambda:InvokeFunction on 1 ARN');
    // no route invokes as the role: nothing is needed, so nothing is more than needed
    expect(beyondNeed(policy('lambda:*', '*'), [], [provider])).toBeUndefined();
  });
});

