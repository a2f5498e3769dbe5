import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AwsCallError, type AwsApis } from '../../src/aws/apis';
import { checkAws } from '../../src/aws/checks/check-aws';
import type { PolicyDocument } from '../../src/aws/policy/policy-document';
import { loadRegexEngine } from '../../src/model/regex-engine';
import { analyzeText } from '../helpers/analyze-text';
import { ROOT } from '../helpers/run-cli';

// moto serves one account per set of credentials and cannot read another account's function, so the
// cross-account path is tested here with the APIs substituted (the narrow interface exists for this).
function fakeApis(resourcePolicy: PolicyDocument | null, calls: string[], boundary: PolicyDocument | null = null): AwsApis {
  return {
    sts: { whoAmI: async () => ({ account: '123456789012', arn: 'arn:aws:iam::123456789012:user/ci' }), assumeRole: async () => ({ accessKeyId: '', secretAccessKey: '', sessionToken: '' }) },
    iam: {
      role: async () => ({ trustPolicy: { Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] }, boundaryArn: boundary ? 'arn:aws:iam::123456789012:policy/team-boundary' : undefined }),
      listRoleNames: async () => ['shop-invoker'],
      rolePolicies: async () => [{ name: 'inline policy invoke', document: { Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*' }] } }],
      permissionsBoundary: async (arn) => (arn === 'arn:aws:iam::123456789012:policy/team-boundary' && boundary ? { name: 'permissions boundary team-boundary', document: boundary } : null),
    },
    lambda: {
      listFunctions: async () => [],
      listVersions: async () => [],
      listAliases: async () => [],
      aliasWeights: async (name, alias) => {
        calls.push(`aliasWeights ${name} ${alias}`);
        return [];
      },
      configuration: async (name, qualifier) => {
        calls.push(`configuration ${name} ${qualifier}`);
        return { timeoutSeconds: 3 };
      },
      resourcePolicy: async (name, qualifier) => {
        calls.push(`policy ${name} ${qualifier}`);
        return resourcePolicy;
      },
    },
  };
}

/** A table delegating to `child` with an allowedRoutes filter on the CloudProvider's `aws` fields. */
const parentFiltering = (aws: string) => `apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: parent, namespace: shop}
spec:
  hosts: [shop.example.com]
  http:
    - name: shop
      delegate:
        routeTables: [{name: child}]
        allowedRoutes:
          - cloudProvider: {aws: ${aws}}
`;

describe('validate --aws: a function in another account', async () => {
  const { analysis } = await analyzeText(readFileSync(join(ROOT, 'fixtures/aws/cross-account.yaml'), 'utf8'));
  const engine = await loadRegexEngine();
  const run = async (policy: PolicyDocument | null, boundary: PolicyDocument | null = null) => {
    const calls: string[] = [];
    const apis = fakeApis(policy, calls, boundary);
    const findings = await checkAws({ model: analysis.model, filterPatterns: analysis.filterPatterns, apisFor: async () => apis, engine, concurrency: 2 });
    return { calls, findings: findings.filter((f) => f.code !== 'GW8010').map((f) => [f.code, f.message]) };
  };
  const allowing = (principal: string): PolicyDocument => ({ Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-west-1:210987654321:function:partner-quotes:live' }] });

  it('is looked up by ARN, and passes when its resource policy allows the role', async () => {
    const { calls, findings } = await run(allowing('arn:aws:iam::123456789012:role/shop-invoker'));
    // the alias's weights, by ARN too (lambda:GetAlias): the versions it also sends invocations to
    expect(calls).toEqual([
      'configuration arn:aws:lambda:us-west-1:210987654321:function:partner-quotes live',
      'aliasWeights arn:aws:lambda:us-west-1:210987654321:function:partner-quotes live',
      'policy arn:aws:lambda:us-west-1:210987654321:function:partner-quotes live',
    ]);
    expect(findings).toEqual([]);
  });

  it('decides the resource policy\'s conditions on what the call is known to carry, as for the role\'s own policies', async () => {
    const conditioned = (Condition: object): PolicyDocument => ({
      Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/shop-invoker' }, Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-west-1:210987654321:function:partner-quotes:live', Condition } as never],
    });
    // before: the cross-account resource policy was read with no context: GW8006 for the function's own region
    expect((await run(conditioned({ StringEquals: { 'aws:RequestedRegion': 'us-west-1', 'aws:PrincipalAccount': '123456789012' } }))).findings).toEqual([]);
    expect((await run(conditioned({ StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } }))).findings.map(([code]) => code)).toEqual(['GW8008']);
    expect((await run(conditioned({ StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }))).findings.map(([code]) => code)).toEqual(['GW8006']);
  });

  it('is an error when the resource policy allows someone else, or there is none', async () => {
    expect((await run(allowing('arn:aws:iam::999999999999:role/other'))).findings).toEqual([
      ['GW8008', 'the resource policy of arn:aws:lambda:us-west-1:210987654321:function:partner-quotes:live (account 210987654321) does not allow role arn:aws:iam::123456789012:role/shop-invoker to invoke it: no statement allows it'],
    ]);
    expect((await run(null)).findings[0]![1]).toMatch(/: the function has no resource policy$/);
  });

  it('a permissions boundary caps what the role\'s policies and the resource policy grant', async () => {
    const granted = allowing('arn:aws:iam::123456789012:role/shop-invoker');
    const onlyS3: PolicyDocument = { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
    expect((await run(granted, onlyS3)).findings).toEqual([
      ['GW8005', 'role `shop-invoker` may not invoke arn:aws:lambda:us-west-1:210987654321:function:partner-quotes:live: its permissions boundary team-boundary does not allow lambda:InvokeFunction on it'],
    ]);
    const lambdaOk: PolicyDocument = { Statement: [{ Effect: 'Allow', Action: 'lambda:*', Resource: '*' }] };
    expect((await run(granted, lambdaOk)).findings).toEqual([]);
    const denies: PolicyDocument = { Statement: [{ Sid: 'NoPartners', Effect: 'Deny', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:*:210987654321:*' }, ...lambdaOk.Statement as never[]] };
    expect((await run(granted, denies)).findings[0]![1]).toMatch(/explicitly denied by permissions boundary team-boundary \(NoPartners\)/);
  });
});

describe('validate --aws: a role gwctl may not look up', async () => {
  const { analysis } = await analyzeText(readFileSync(join(ROOT, 'fixtures/aws/cross-account.yaml'), 'utf8'));
  const engine = await loadRegexEngine();

  it('is one finding naming iam:GetRole, and its policies are not asked for as if it existed', async () => {
    const apis = fakeApis(null, []);
    const asked: string[] = [];
    const denied: AwsApis = {
      ...apis,
      iam: {
        ...apis.iam,
        role: async () => {
          throw new AwsCallError('access-denied', 'iam:GetRole', 'iam GetRole failed: AccessDenied');
        },
        rolePolicies: async (name) => {
          asked.push(name);
          return apis.iam.rolePolicies(name);
        },
      },
    };
    const findings = await checkAws({ model: analysis.model, filterPatterns: analysis.filterPatterns, apisFor: async () => denied, engine, concurrency: 2 });
    expect(findings.filter((f) => f.code === 'GW8007').map((f) => f.message)).toEqual(['could not check that role shop-invoker exists: the credentials lack iam:GetRole']);
    expect(findings.filter((f) => f.code === 'GW8002' || f.code === 'GW8012')).toEqual([]);
    expect(asked).toEqual([]);
  });
});

describe('validate --aws: "the closest is" for iamRoles patterns, within a budget', async () => {
  // patterns a letter off a role, against an account of 10,000 roles: 300 took 8 s, each distance
  // computed; past the budget the rest get their GW8004 without a suggestion
  const roles = Array.from({ length: 10_000 }, (_, i) => `team-role-${String(i).padStart(5, '0')}`);
  const patterns = Array.from({ length: 100 }, (_, i) => `team-role-${String(i).padStart(5, '0')}x`);
  const text = `apiVersion: infrastructure.gloo.solo.io/v2
kind: CloudProvider
metadata: {name: aws, namespace: shop}
spec:
  aws: {accountId: "123456789012", region: us-east-1, lambda: {invokeRoleName: team-role-00000}}
---
${parentFiltering(`{iamRoles: [${patterns.join(', ')}]}`)}`;
  const { analysis } = await analyzeText(text);
  const apis = fakeApis(null, []);
  const engine = await loadRegexEngine();

  it('suggests for the first patterns, then stops, the same on every run', async () => {
    const run = async () => {
      const findings = await checkAws({ model: analysis.model, filterPatterns: analysis.filterPatterns, apisFor: async () => ({ ...apis, iam: { ...apis.iam, listRoleNames: async () => roles } }), engine, concurrency: 2 });
      return findings.filter((f) => f.code === 'GW8004').map((f) => f.message);
    };
    const first = await run();
    expect(first).toHaveLength(100);
    const suggested = first.filter((m) => m.includes('; the closest is'));
    expect(first[0]).toBe('`team-role-00000x` matches none of the 10000 IAM roles of account 123456789012; the closest is `team-role-00000`');
    // about half, with this budget: the test is of the bound, not of its figure
    expect(suggested.length).toBeGreaterThan(10);
    expect(suggested.length).toBeLessThan(90);
    expect(first.at(-1)).not.toContain('the closest is');
    expect(await run()).toEqual(first);
  });
});

describe('validate --aws: a function of the role\'s own account, its resource policy and the role\'s boundary', async () => {
  const text = `apiVersion: infrastructure.gloo.solo.io/v2
kind: CloudProvider
metadata: {name: aws, namespace: shop}
spec:
  aws: {accountId: "123456789012", region: us-west-1, lambda: {invokeRoleName: shop-invoker}}
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: shop, namespace: shop}
spec:
  hosts: [shop.example.com]
  http:
    - name: orders
      forwardTo: {destinations: [{awsLambda: {cloudProvider: {name: aws}, function: orders, qualifier: live}}]}
`;
  const { analysis } = await analyzeText(text);
  const engine = await loadRegexEngine();
  const orders = 'arn:aws:lambda:us-west-1:123456789012:function:orders:live';
  const fromTheOffice = { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } };
  const invoke = (Condition?: object): PolicyDocument => ({ Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*', ...(Condition ? { Condition } : {}) } as never] });
  const run = async (identity: PolicyDocument, resource: PolicyDocument | null, boundary: PolicyDocument | null) => {
    const apis = fakeApis(resource, [], boundary);
    const own = { ...apis, iam: { ...apis.iam, rolePolicies: async () => [{ name: 'inline policy invoke', document: identity }] } };
    const findings = await checkAws({ model: analysis.model, filterPatterns: analysis.filterPatterns, apisFor: async () => own, engine, concurrency: 2 });
    return findings.filter((f) => f.code !== 'GW8010').map((f) => `${f.code} ${f.message}`);
  };
  const grant: PolicyDocument = { Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/shop-invoker' }, Action: 'lambda:InvokeFunction', Resource: orders }] };

  it('an identity policy that depends on what gwctl cannot know is settled by a resource policy that allows the role', async () => {
    expect(await run(invoke(fromTheOffice), null, null)).toEqual([expect.stringMatching(/^GW8006 whether role `shop-invoker` may invoke .*function:orders:live depends on aws:SourceIp/)]);
    expect(await run(invoke(fromTheOffice), grant, null)).toEqual([]);
  });

  it('a boundary caps an undecided grant, and leaves a grant undecided when it depends on what gwctl cannot know', async () => {
    const onlyS3: PolicyDocument = { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
    expect(await run(invoke(fromTheOffice), null, onlyS3)).toEqual([`GW8005 role \`shop-invoker\` may not invoke ${orders}: its permissions boundary team-boundary does not allow lambda:InvokeFunction on it`]);
    expect(await run(invoke(), null, invoke(fromTheOffice))).toEqual([expect.stringMatching(/^GW8006 whether role `shop-invoker` may invoke .*function:orders:live depends on aws:SourceIp in permissions boundary team-boundary/)]);
  });
});

describe('validate --aws: an iamRoles pattern is judged against the roles of the accounts it names', async () => {
  const provider = (name: string, account: string) => `apiVersion: infrastructure.gloo.solo.io/v2
kind: CloudProvider
metadata: {name: ${name}, namespace: shop}
spec:
  aws: {accountId: "${account}", region: us-west-1, lambda: {invokeRoleName: invoker}}
`;
  const text = `${provider('shop', '123456789012')}---
${provider('partner', '210987654321')}---
${parentFiltering('{accountIds: ["123456789012"], iamRoles: [partner-.*]}')}`;
  const { analysis } = await analyzeText(text);
  const engine = await loadRegexEngine();

  it('a role of another account does not satisfy it', async () => {
    // each account is checked as the role --assume-role names in it; only the partner's has partner-invoker
    const fake = fakeApis(null, []);
    // the credentials of an assumed role carry its account here, for the APIs made with them
    const apis: AwsApis = { ...fake, sts: { ...fake.sts, assumeRole: async (arn) => ({ accessKeyId: arn.split(':')[4]!, secretAccessKey: '', sessionToken: '' }) } };
    const inAccount = (account: string): AwsApis => ({ ...apis, iam: { ...apis.iam, listRoleNames: async () => (account === '210987654321' ? ['partner-invoker', 'invoker'] : ['invoker']) } });
    const findings = await checkAws({
      model: analysis.model,
      filterPatterns: analysis.filterPatterns,
      apisFor: async () => apis,
      assumeRole: 'gwctl-readonly',
      apisWith: (credentials) => async () => inAccount(credentials.accessKeyId),
      engine,
      concurrency: 2,
    });
    expect(findings.filter((f) => f.code === 'GW8001' || f.code === 'GW8009')).toEqual([]);
    expect(findings.filter((f) => f.code === 'GW8004').map((f) => f.message)).toEqual(['`partner-.*` matches none of the 1 IAM roles of account 123456789012']);
    // named for the partner's account, the same pattern is met
    const partners = await analyzeText(text.replace('accountIds: ["123456789012"]', 'accountIds: ["210987654321"]'));
    const met = await checkAws({ model: partners.analysis.model, filterPatterns: partners.analysis.filterPatterns, apisFor: async () => apis, assumeRole: 'gwctl-readonly', apisWith: (credentials) => async () => inAccount(credentials.accessKeyId), engine, concurrency: 2 });
    expect(met.filter((f) => f.code === 'GW8004')).toEqual([]);
  });
});

describe('validate --aws: IAM is asked in a region of the account\'s partition', async () => {
  // IAM is global, one endpoint per partition: a China account's roles are not at us-east-1's endpoint
  const { analysis } = await analyzeText(`apiVersion: infrastructure.gloo.solo.io/v2
kind: CloudProvider
metadata: {name: aws-cn, namespace: shop}
spec:
  aws: {accountId: '123456789012', region: cn-north-1, lambda: {invokeRoleName: shop-invoker}}
---
${parentFiltering('{iamRoles: [shop-invoker]}')}---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: child, namespace: shop}
spec:
  http:
    - name: orders
      forwardTo:
        destinations:
          - awsLambda: {cloudProvider: {name: aws-cn}, function: orders}
`);
  const engine = await loadRegexEngine();

  it('the roles, their patterns and the gateway\'s role', async () => {
    const regions = new Set<string>();
    const apisFor = async (region: string) => {
      const apis = fakeApis(null, []);
      const iam = Object.fromEntries(Object.entries(apis.iam).map(([k, f]) => [k, (...args: unknown[]) => (regions.add(region), (f as (...a: unknown[]) => unknown)(...args))]));
      return { ...apis, iam } as unknown as AwsApis;
    };
    await checkAws({ model: analysis.model, filterPatterns: analysis.filterPatterns, apisFor, engine, concurrency: 2, gatewayRole: 'arn:aws-cn:iam::123456789012:role/gateway' });
    expect([...regions]).toEqual(['cn-north-1']);
  });
});

describe('validate --aws: which qualifiers are asked for the versions of a weighted alias', async () => {
  const text = `apiVersion: infrastructure.gloo.solo.io/v2
kind: CloudProvider
metadata: {name: aws, namespace: shop}
spec:
  aws: {accountId: "123456789012", region: us-west-1, lambda: {invokeRoleName: shop-invoker}}
---
apiVersion: infrastructure.gloo.solo.io/v2
kind: CloudResources
metadata: {name: functions, namespace: shop}
spec:
  provider: aws
  aws:
    lambda:
      - {lambdaFunctionName: orders, qualifier: canary}
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: shop, namespace: shop}
spec:
  hosts: [shop.example.com]
  http:
    - name: live
      matchers: [{uri: {prefix: /live}}]
      forwardTo: {destinations: [{awsLambda: {cloudProvider: {name: aws}, function: orders, qualifier: live}}]}
    - name: pinned
      matchers: [{uri: {prefix: /pinned}}]
      forwardTo: {destinations: [{awsLambda: {cloudProvider: {name: aws}, function: orders, qualifier: '3'}}]}
    - name: latest
      forwardTo: {destinations: [{awsLambda: {cloudProvider: {name: aws}, function: orders}}]}
`;
  const { analysis } = await analyzeText(text);
  const engine = await loadRegexEngine();

  it('only an alias a route invokes: not a version (GetAlias refuses a number as a name), $LATEST, or an alias only declared', async () => {
    const calls: string[] = [];
    await checkAws({ model: analysis.model, filterPatterns: analysis.filterPatterns, apisFor: async () => fakeApis(null, calls), engine, concurrency: 1 });
    expect(calls.filter((c) => c.startsWith('aliasWeights'))).toEqual(['aliasWeights orders live']);
    expect(calls).toContain('configuration orders canary');
  });
});
