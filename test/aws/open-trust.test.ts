import { describe, expect, it } from 'vitest';
import { openTrust } from '../../src/aws/checks/open-trust';
import type { PolicyStatement } from '../../src/aws/policy/policy-document';

const ROLE = 'arn:aws:iam::123456789012:role/shop-invoker';
const ISSUER = 'oidc.eks.us-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
const PROVIDER = `arn:aws:iam::123456789012:oidc-provider/${ISSUER}`;
const trust = (...Statement: PolicyStatement[]) => ({ Version: '2012-10-17', Statement });
const web = (Condition?: PolicyStatement['Condition']): PolicyStatement => ({ Effect: 'Allow', Principal: { Federated: PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity', ...(Condition ? { Condition } : {}) });

describe('an invoke role\'s trust policy open beyond the identities it names', () => {
  it.each([
    ['Principal "*"', trust({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }), 'any AWS principal of any account'],
    ['{"AWS": "*"}, every sts action', trust({ Sid: 'Open', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:*' }), 'any AWS principal of any account'],
    ['an OIDC provider with no sub condition', trust(web({ StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com' } })), `every service account of the cluster whose OIDC provider is ${ISSUER}`],
    ['an OIDC provider with no condition', trust(web()), `every service account of the cluster whose OIDC provider is ${ISSUER}`],
    ['a sub pattern that takes every service account', trust(web({ StringLike: { [`${ISSUER}:sub`]: 'system:serviceaccount:*' } })), `every service account of the cluster whose OIDC provider is ${ISSUER}`],
  ])('%s', (_, policy, who) => {
    expect(openTrust(policy, ROLE)?.who).toBe(who);
  });

  it.each([
    ['the gateway\'s role', trust({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/gateway' }, Action: 'sts:AssumeRole' })],
    ['an account\'s root', trust({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' })],
    ['the role\'s own account', trust({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' })],
    ['an OIDC provider limited by a condition gwctl cannot judge', trust(web({ StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com' }, IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }))],
    // the check is of clusters' OIDC providers (IAM's oidc-provider ARNs): other web identities are not judged
    ['a web identity provider that is no cluster\'s', trust({ Effect: 'Allow', Principal: { Federated: 'accounts.google.com' }, Action: 'sts:AssumeRoleWithWebIdentity' })],
    ['"*" limited by the organization (a key gwctl cannot judge)', trust({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } })],
    ['"*" for another action', trust({ Effect: 'Allow', Principal: '*', Action: 'sts:TagSession' })],
    ['"*" denied', trust({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }, { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' })],
    ['the service account pinned', trust(web({ StringEquals: { [`${ISSUER}:sub`]: 'system:serviceaccount:gateways:envoy', [`${ISSUER}:aud`]: 'sts.amazonaws.com' } }))],
    ['EKS Pod Identity, as AWS\'s own example writes it', trust({ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] })],
    ['what gwctl renders for IRSA', trust(web({ StringEquals: { [`${ISSUER}:sub`]: 'system:serviceaccount:gloo:gw', [`${ISSUER}:aud`]: 'sts.amazonaws.com' } }))],
  ])('not %s', (_, policy) => {
    expect(openTrust(policy, ROLE)).toBeUndefined();
  });

  it('names the statement that opens it', () => {
    expect(openTrust(trust({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/gateway' }, Action: 'sts:AssumeRole' }, { Sid: 'Open', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }), ROLE)).toEqual({ who: 'any AWS principal of any account', by: 'its trust policy (Open)' });
  });
});
