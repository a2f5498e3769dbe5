import { describe, expect, it } from 'vitest';
import { gatewayTrustGap } from '../../src/aws/checks/gateway-trust';
import type { PolicyStatement } from '../../src/aws/policy/policy-document';
import { trustPolicy } from '../../src/emit/iam/trust-policy';

const ROLE = 'arn:aws:iam::123456789012:role/shop-invoker';
const ISSUER = 'oidc.eks.us-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const PROVIDER = `arn:aws:iam::123456789012:oidc-provider/${ISSUER}`;
const trust = (...Statement: PolicyStatement[]) => ({ Version: '2012-10-17', Statement });
const LAMBDA: PolicyStatement = { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' };
const POD_IDENTITY: PolicyStatement = { Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] };

describe('an invoke role no gateway can assume (GW8013)', () => {
  it.each([
    ['a function\'s execution role (the Lambda service)', trust(LAMBDA), 'only the service lambda.amazonaws.com'],
    ['services that are no gateway', trust({ ...LAMBDA, Principal: { Service: ['lambda.amazonaws.com', 'ec2.amazonaws.com'] } }), 'only the service lambda.amazonaws.com, the service ec2.amazonaws.com'],
    ['a SAML provider (people, not a gateway)', trust({ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::123456789012:saml-provider/corp' }, Action: 'sts:AssumeRoleWithSAML' }), 'only the identity provider arn:aws:iam::123456789012:saml-provider/corp'],
    ['a role allowed another action only', trust({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/gateway' }, Action: 'sts:TagSession' }), 'no principal'],
    ['the gateway\'s role refused by a Deny', trust({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/gateway' }, Action: 'sts:AssumeRole' }, { Effect: 'Deny', Principal: '*', Action: 'sts:*' }), 'no principal'],
    ['Pod Identity denied', trust(POD_IDENTITY, LAMBDA, { Effect: 'Deny', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: 'sts:AssumeRole' }), 'only the service lambda.amazonaws.com'],
    ['no statement', trust(), 'no principal'],
    // the gateway's role deleted since: IAM shows its unique id, and the trust allows no one
    ['a deleted role', trust({ Effect: 'Allow', Principal: { AWS: 'AROA3XFRBF535PLBIFPI4' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }), 'only AROA3XFRBF535PLBIFPI4 (a role or user deleted since the trust policy was saved: one created again with the same name is another principal)'],
    ['the Lambda service twice', trust(LAMBDA, { ...LAMBDA, Action: 'sts:AssumeRole*' }), 'only the service lambda.amazonaws.com'],
    // a Deny names no one who may assume the role; a statement without a principal grants nothing in a trust policy
    ['the Lambda service, and a Deny of another service', trust(LAMBDA, { Effect: 'Deny', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }), 'only the service lambda.amazonaws.com'],
    ['the Lambda service, and a statement without a principal', trust({ Effect: 'Allow', Action: 'sts:AssumeRole' }, LAMBDA), 'only the service lambda.amazonaws.com'],
  ])('%s', (_, policy, trusts) => {
    expect(gatewayTrustGap(policy, ROLE)).toEqual({ code: 'GW8013', trusts });
  });

  it.each([
    ['the gateway\'s role', trust({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/gateway' }, Action: 'sts:AssumeRole' })],
    ['an account, by its id', trust({ Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: 'sts:AssumeRole' })],
    ['an account\'s root, in China', trust({ Effect: 'Allow', Principal: { AWS: 'arn:aws-cn:iam::111111111111:root' }, Action: 'sts:AssumeRole' })],
    ['anyone (GW8012 says that)', trust({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' })],
    ['an execution role that also trusts the gateway\'s role', trust(LAMBDA, { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/gateway' }, Action: ['sts:AssumeRole', 'sts:TagSession'] })],
    ['a cluster\'s OIDC provider, pinned to a service account (a condition gwctl does not know the value of)', trust({ Effect: 'Allow', Principal: { Federated: PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { [`${ISSUER}:sub`]: 'system:serviceaccount:gloo:gw' } } })],
    ['EKS Pod Identity, as AWS writes it', trust(POD_IDENTITY)],
    ['EKS Pod Identity pinned by its session tags', trust({ ...POD_IDENTITY, Condition: { StringEquals: { 'aws:RequestTag/kubernetes-namespace': 'gloo' } } })],
    ['a NotPrincipal statement (not judged)', trust({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::123456789012:role/other' }, Action: 'sts:AssumeRole' } as PolicyStatement)],
  ])('not %s', (_, policy) => {
    expect(gatewayTrustGap(policy, ROLE)).toBeUndefined();
  });

  it('not any trust policy gwctl renders', () => {
    for (const gateway of [
      { kind: 'pod-identity' as const },
      { kind: 'pod-identity' as const, serviceAccount: { namespace: 'gloo', name: 'gw' }, cluster: { tag: 'eks-cluster-name' as const, value: 'gateways', name: 'gateways' } },
      { kind: 'irsa' as const, oidcProvider: `https://${ISSUER}`, serviceAccount: { namespace: 'gloo', name: 'gw' } },
      { kind: 'role' as const, roleArn: 'arn:aws:iam::123456789012:role/gateway' },
    ]) expect(gatewayTrustGap(trustPolicy(gateway, '123456789012', 'aws'), ROLE)).toBeUndefined();
  });
});

describe('EKS Pod Identity that may not tag the session (GW8014)', () => {
  it('AssumeRole alone', () => {
    expect(gatewayTrustGap(trust({ ...POD_IDENTITY, Action: 'sts:AssumeRole' }), ROLE)).toEqual({ code: 'GW8014', why: 'its trust policy allows no sts:TagSession' });
  });
  it('TagSession denied', () => {
    expect(gatewayTrustGap(trust(POD_IDENTITY, { Sid: 'NoTags', Effect: 'Deny', Principal: '*', Action: 'sts:TagSession' }), ROLE)).toEqual({ code: 'GW8014', why: 'its trust policy (NoTags) denies sts:TagSession' });
  });
  it('not where sts:* covers both', () => {
    expect(gatewayTrustGap(trust({ ...POD_IDENTITY, Action: 'sts:*' }), ROLE)).toBeUndefined();
  });
});
