import { describe, expect, it } from 'vitest';
import { checkAssumption, gatewayBeyondNeed, gatewaySession, type GatewayRole, type TrustedRole } from '../../src/aws/checks/gateway-role';
import type { AwsApis } from '../../src/aws/apis';
import type { PolicyStatement } from '../../src/aws/policy/policy-document';
import type { Finding } from '../../src/diagnostics/finding';
import { trustPolicy } from '../../src/emit/iam/trust-policy';

const nowhere = { kind: 'span', file: { name: 'x' } as never, start: 0, end: 0 } as const;
const GATEWAY = 'arn:aws:iam::111111111111:role/gateway';
const doc = (...Statement: PolicyStatement[]) => ({ Version: '2012-10-17', Statement });
const trustedRole = (arn: string, ...trust: PolicyStatement[]): TrustedRole => ({
  role: { name: arn.slice(arn.lastIndexOf('/') + 1), arn, from: 'provider', source: nowhere, owner: { kind: 'CloudProvider', namespace: 'n', name: 'p' } },
  accountId: arn.split(':')[4]!,
  trustPolicy: doc(...trust),
});
const BOTH = ['sts:AssumeRole', 'sts:TagSession'];
const trustsGateway: PolicyStatement = { Effect: 'Allow', Principal: { AWS: GATEWAY }, Action: BOTH };
const gatewayRole = (...statements: PolicyStatement[]): GatewayRole => ({ arn: GATEWAY, name: 'gateway', accountId: '111111111111', policies: [{ name: 'inline policy gateway', document: doc(...statements) }], boundary: undefined });
const check = (read: GatewayRole | undefined, ...roles: TrustedRole[]) => {
  const findings: Finding[] = [];
  checkAssumption({ arn: GATEWAY, read }, roles, findings);
  return findings.map((f) => [f.code, f.severity, f.message]);
};

const SAME = 'arn:aws:iam::111111111111:role/team-a-invoker';
const OTHER = 'arn:aws:iam::222222222222:role/team-b-invoker';

describe('whether the gateway\'s role may assume each invoke role', () => {
  it('nothing where the trust names the role and, across accounts, its policies allow both actions', () => {
    expect(check(gatewayRole({ Effect: 'Allow', Action: BOTH, Resource: OTHER }), trustedRole(SAME, trustsGateway), trustedRole(OTHER, trustsGateway))).toEqual([]);
  });

  it('nothing for the trust policy `render --target iam --gateway-role` writes, with the policy it writes', () => {
    const rendered = trustPolicy({ kind: 'role', roleArn: GATEWAY }, '222222222222', 'aws');
    expect(check(gatewayRole({ Sid: 'AssumeInvokeRoles', Effect: 'Allow', Action: BOTH, Resource: [SAME, OTHER] }), { ...trustedRole(OTHER), trustPolicy: rendered })).toEqual([]);
  });

  it('GW8015: a trust that names someone else, or denies the gateway\'s role', () => {
    expect(check(undefined, trustedRole(SAME, { ...trustsGateway, Principal: { AWS: 'arn:aws:iam::111111111111:role/other' } }))).toEqual([
      ['GW8015', 'error', 'the gateway\'s role arn:aws:iam::111111111111:role/gateway may not assume role `team-a-invoker`: no statement of its trust policy allows it'],
    ]);
    // (Pod Identity may still assume it: a role no gateway identity may assume at all is GW8013 instead)
    expect(check(undefined, trustedRole(SAME, trustsGateway, { Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: BOTH }, { Sid: 'NoOne', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }))).toEqual([
      ['GW8015', 'error', 'the gateway\'s role arn:aws:iam::111111111111:role/gateway may not assume role `team-a-invoker`: its trust policy (NoOne) denies it'],
    ]);
  });

  it('not GW8015 where no gateway identity may assume the role: GW8013 says so', () => {
    expect(check(undefined, trustedRole(SAME, { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }))).toEqual([]);
  });

  it('GW8015 names a deleted user too, and not a principal a Deny names', () => {
    const message = String(check(undefined, trustedRole(SAME, { ...trustsGateway, Principal: { AWS: ['AIDAJQABLZS4A3QDU576Q', 'arn:aws:iam::111111111111:role/other'] } }, { Effect: 'Deny', Principal: { AWS: 'AROA3XFRBF535PLBIFPI4' }, Action: 'sts:AssumeRole' }))[0]?.[2]);
    expect(message).toContain('it names AIDAJQABLZS4A3QDU576Q, a role or user deleted');
    expect(message).not.toContain('AROA3XFRBF535PLBIFPI4');
  });

  it('GW8015 names a deleted role the trust still holds: the gateway\'s role created again is another principal', () => {
    expect(check(undefined, trustedRole(SAME, { ...trustsGateway, Principal: { AWS: ['AROA3XFRBF535PLBIFPI4', 'arn:aws:iam::111111111111:role/other'] } }))).toEqual([
      ['GW8015', 'error', 'the gateway\'s role arn:aws:iam::111111111111:role/gateway may not assume role `team-a-invoker`: no statement of its trust policy allows it; it names AROA3XFRBF535PLBIFPI4, a role or user deleted since the trust policy was saved: one created again with the same name is another principal'],
    ]);
  });

  it('GW8015 as a warning where a condition gwctl cannot evaluate decides it', () => {
    expect(check(undefined, trustedRole(SAME, { ...trustsGateway, Condition: { StringEquals: { 'sts:ExternalId': 'x' } } }))).toEqual([
      ['GW8015', 'warning', 'the gateway\'s role arn:aws:iam::111111111111:role/gateway may not assume role `team-a-invoker`: that depends on sts:ExternalId in its trust policy (statement 1), which gwctl cannot evaluate offline'],
    ]);
  });

  it('GW8016: a trust that allows AssumeRole alone', () => {
    expect(check(undefined, trustedRole(SAME, { ...trustsGateway, Action: 'sts:AssumeRole' }))).toEqual([
      ['GW8016', 'warning', 'the gateway\'s role arn:aws:iam::111111111111:role/gateway may assume role `team-a-invoker` but not tag the session (its trust policy allows no sts:TagSession): a gateway role given by EKS Pod Identity carries its session tags into every AssumeRole it makes, and STS refuses the call'],
    ]);
  });

  it('GW8017: across accounts, the gateway role\'s policies must allow the call too', () => {
    expect(check(gatewayRole({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*' }), trustedRole(OTHER, trustsGateway))).toEqual([
      ['GW8017', 'error', 'the policies of the gateway\'s role arn:aws:iam::111111111111:role/gateway do not allow sts:AssumeRole on role `team-b-invoker` (none allows it): role `team-b-invoker` is in account 222222222222, and across accounts the caller\'s policies must allow the call as well as the role\'s trust'],
    ]);
    // and sts:TagSession, for the Pod Identity tags
    expect(check(gatewayRole({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: OTHER }), trustedRole(OTHER, trustsGateway))).toEqual([
      ['GW8016', 'warning', 'the gateway\'s role arn:aws:iam::111111111111:role/gateway may assume role `team-b-invoker` but not tag the session (of the gateway\'s role\'s policies, none allows sts:TagSession on it): a gateway role given by EKS Pod Identity carries its session tags into every AssumeRole it makes, and STS refuses the call'],
    ]);
  });

  it('GW8017: in one account, where the trust names the account and leaves it to the caller\'s policies', () => {
    const byAccount: PolicyStatement = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: BOTH };
    expect(check(gatewayRole(), trustedRole(SAME, byAccount))).toEqual([
      ['GW8017', 'error', 'the policies of the gateway\'s role arn:aws:iam::111111111111:role/gateway do not allow sts:AssumeRole on role `team-a-invoker` (none allows it): the trust policy of the role allows the call to the account, which leaves it to the caller\'s policies'],
    ]);
    // a trust that names the role grants it on its own in its account: no Allow of the role's is needed
    expect(check(gatewayRole(), trustedRole(SAME, trustsGateway))).toEqual([]);
  });

  it('GW8017 in one account, where the trust names the role: a Deny of the role\'s or its boundary still limits it', () => {
    const reason = 'the trust grants the call on its own in one account, but the caller\'s Deny and permissions boundary still limit it';
    expect(check(gatewayRole({ Sid: 'NoChains', Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*' }), trustedRole(SAME, trustsGateway))).toEqual([
      ['GW8017', 'error', `the policies of the gateway's role arn:aws:iam::111111111111:role/gateway do not allow sts:AssumeRole on role \`team-a-invoker\` (inline policy gateway (NoChains) denies it): ${reason}`],
    ]);
    const bounded = { ...gatewayRole(), boundary: { name: 'permissions boundary edge', document: doc({ Effect: 'Allow', Action: 'lambda:*', Resource: '*' }) } };
    expect(check(bounded, trustedRole(SAME, trustsGateway))).toEqual([
      ['GW8017', 'error', `the policies of the gateway's role arn:aws:iam::111111111111:role/gateway do not allow sts:AssumeRole on role \`team-a-invoker\` (its permissions boundary edge does not allow it): ${reason}`],
    ]);
  });

  it('GW8017: a permissions boundary that does not allow the call, or a Deny', () => {
    const allowed = gatewayRole({ Effect: 'Allow', Action: BOTH, Resource: OTHER });
    const bounded = { ...allowed, boundary: { name: 'permissions boundary edge', document: doc({ Effect: 'Allow', Action: 'lambda:*', Resource: '*' }) } };
    expect(check(bounded, trustedRole(OTHER, trustsGateway)).map((f) => f[2])).toEqual([expect.stringContaining('(its permissions boundary edge does not allow it)')]);
    const denied = gatewayRole({ Effect: 'Allow', Action: BOTH, Resource: OTHER }, { Sid: 'NoChains', Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*' });
    expect(check(denied, trustedRole(OTHER, trustsGateway)).map((f) => f[2])).toEqual([expect.stringContaining('(inline policy gateway (NoChains) denies it)')]);
  });

  it('GW8017 as a warning where a condition decides the role\'s own policies, or its boundary', () => {
    const conditional = gatewayRole({ Sid: 'FromTheOffice', Effect: 'Allow', Action: BOTH, Resource: OTHER, Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } });
    expect(check(conditional, trustedRole(OTHER, trustsGateway))).toEqual([
      ['GW8017', 'warning', 'the policies of the gateway\'s role arn:aws:iam::111111111111:role/gateway do not allow sts:AssumeRole on role `team-b-invoker` (that depends on aws:SourceIp in inline policy gateway (FromTheOffice)): role `team-b-invoker` is in account 222222222222, and across accounts the caller\'s policies must allow the call as well as the role\'s trust'],
    ]);
    const allowed = gatewayRole({ Effect: 'Allow', Action: BOTH, Resource: OTHER });
    const boundedBy = (...statements: PolicyStatement[]) => ({ ...allowed, boundary: { name: 'permissions boundary edge', document: doc(...statements) } });
    expect(check(boundedBy({ Sid: 'Office', Effect: 'Allow', Action: 'sts:*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }), trustedRole(OTHER, trustsGateway)).map((f) => [f[0], f[1]])).toEqual([['GW8017', 'warning']]);
    expect(check(boundedBy({ Effect: 'Allow', Action: 'sts:*', Resource: '*' }, { Sid: 'NoChains', Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*' }), trustedRole(OTHER, trustsGateway)).map((f) => f[2])).toEqual([expect.stringContaining('(permissions boundary edge (NoChains) denies it)')]);
  });

  it('the policies are not judged where they were not read', () => {
    expect(check(undefined, trustedRole(OTHER, trustsGateway))).toEqual([]);
  });
});

describe('what the gateway\'s role may assume beyond the invoke roles (GW8010)', () => {
  it('any role of an account it assumes one in, or of its own', () => {
    expect(gatewayBeyondNeed(gatewayRole({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::222222222222:role/*' }), [], [OTHER], [])).toEqual([
      'it allows assuming any role of account 222222222222, where it needs sts:AssumeRole on 1 invoke role',
    ]);
    expect(gatewayBeyondNeed(gatewayRole({ Effect: 'Allow', Action: 'sts:*', Resource: '*' }), [], [SAME, OTHER], [])).toEqual([
      'it allows assuming any role of account 111111111111, 222222222222, where it needs sts:AssumeRole on 2 invoke roles',
    ]);
  });
  it('not exactly the invoke roles, nor policies it could not read', () => {
    expect(gatewayBeyondNeed(gatewayRole({ Effect: 'Allow', Action: BOTH, Resource: [SAME, OTHER] }), [], [SAME, OTHER], [])).toEqual([]);
    expect(gatewayBeyondNeed({ ...gatewayRole(), policies: undefined }, [], [SAME], [])).toEqual([]);
  });
});

describe('the session the gateway\'s role is read with', () => {
  it('with --assume-role, the role of that name in its account, of its partition', async () => {
    const asked: string[] = [];
    const base = { sts: { assumeRole: async (arn: string) => (asked.push(arn), { accessKeyId: 'a', secretAccessKey: 's', sessionToken: 't' }) } } as unknown as AwsApis;
    const identity = { account: '123456789012', arn: 'arn:aws-cn:sts::123456789012:assumed-role/ci/run' };
    const session = await gatewaySession('arn:aws-cn:iam::555555555555:role/gateway', 'cn-north-1', new Map(), identity, base, async () => base, { role: 'gwctl-readonly', apisWith: () => async () => base });
    expect(asked).toEqual(['arn:aws-cn:iam::555555555555:role/gwctl-readonly']);
    expect(typeof session === 'string' ? session : [session.accountId, session.region]).toEqual(['555555555555', 'cn-north-1']);
    // without --assume-role, the account is said to be out of reach
    expect(await gatewaySession('arn:aws-cn:iam::555555555555:role/gateway', 'cn-north-1', new Map(), identity, base, async () => base, undefined)).toBe('the AWS credentials are arn:aws-cn:sts::123456789012:assumed-role/ci/run in account 123456789012');
  });
});
