import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { iamViolations, type ExpectedTrust, type IamOutput } from '../helpers/iam-checks';
import { ROOT, runCli } from '../helpers/run-cli';
import { analyze } from '../../src/analyze';
import { nodeHost } from '../../src/host/node-host';
import { INLINE_POLICY_LIMIT, renderIam } from '../../src/emit/iam/render-iam';
import { policyDocumentData, terraformLiteral } from '../../src/emit/iam/terraform';
import type { PolicyDocument } from '../../src/aws/policy/policy-document';
import { runInProcess } from '../helpers/run-in-process';
import { goldenRenderTests, renderTarget } from '../helpers/render-golden';
import { memoryHost } from '../helpers/memory-host';
import { main } from '../../src/cli/main';

const ISSUER = 'oidc.eks.us-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
// Golden outputs: the bundled example (three invoke roles, a canary, delegation, filters) with each kind of
// trust, a fixture with routes on the gateway's own credentials, and Terraform's syntax.
const CASES: Array<[string, string[], ExpectedTrust]> = [
  ['examples', ['fixtures/examples'], { kind: 'pod-identity' }],
  ['examples-pod-identity-pinned', ['fixtures/examples', '--service-account', 'gloo-mesh-gateways/istio-ingressgateway'], { kind: 'pod-identity', namespace: 'gloo-mesh-gateways', serviceAccount: 'istio-ingressgateway' }],
  ['examples-pod-identity-cluster', ['fixtures/examples', '--service-account', 'gloo-mesh-gateways/istio-ingressgateway', '--eks-cluster', 'arn:aws:eks:us-east-1:111111111111:cluster/gateways'], { kind: 'pod-identity', namespace: 'gloo-mesh-gateways', serviceAccount: 'istio-ingressgateway', cluster: { tag: 'eks-cluster-arn', value: 'arn:aws:eks:us-east-1:111111111111:cluster/gateways' } }],
  ['examples-pod-identity-cluster-name', ['fixtures/examples', '--eks-cluster', 'gateways'], { kind: 'pod-identity', cluster: { tag: 'eks-cluster-name', value: 'gateways' } }],
  ['examples-irsa', ['fixtures/examples', '--oidc-provider', `https://${ISSUER}`, '--service-account', 'gloo-mesh-gateways/istio-ingressgateway'], { kind: 'irsa', issuer: ISSUER, namespace: 'gloo-mesh-gateways', serviceAccount: 'istio-ingressgateway' }],
  ['examples-gateway-role', ['fixtures/examples', '--gateway-role', 'arn:aws:iam::111111111111:role/gateway'], { kind: 'role', roleArn: 'arn:aws:iam::111111111111:role/gateway' }],
  ['features', ['fixtures/render/features.yaml'], { kind: 'pod-identity' }],
  ['filters', ['fixtures/model/filters.yaml', '--force'], { kind: 'pod-identity' }],
  ['cross-account', ['fixtures/aws/cross-account-permissions.yaml'], { kind: 'pod-identity' }],
  // a route whose matchers name only a port no listener has invokes nothing: its function is not granted
  ['matcher-port', ['fixtures/aws/matcher-port-grants.yaml'], { kind: 'pod-identity' }],
  // a MirrorPolicy's and a JWT provider's functions, invoked by Gloo Platform's gateway as their providers' roles
  ['policy-destinations', ['fixtures/aws/policy-lambda-grants.yaml'], { kind: 'pod-identity' }],
  ['cross-account-gateway-role', ['fixtures/aws/cross-account-permissions.yaml', '--gateway-role', 'arn:aws:iam::123456789012:role/gateway'], { kind: 'role', roleArn: 'arn:aws:iam::123456789012:role/gateway' }],
  // one invoke role: the gateway's role still gets its statement; no Lambda route: no policy for anyone
  ['one-role-gateway-role', ['fixtures/real-world/lambda-2.3-basic', '--gateway-role', 'arn:aws:iam::986112284769:role/gateway'], { kind: 'role', roleArn: 'arn:aws:iam::986112284769:role/gateway' }],
  // the gateway's role given to the pods by Pod Identity, pinned; or by IRSA: its own trust is written too
  ['examples-gateway-role-pod-identity', ['fixtures/examples', '--gateway-role', 'arn:aws:iam::111111111111:role/gateway', '--service-account', 'gloo-mesh-gateways/istio-ingressgateway', '--eks-cluster', 'arn:aws:eks:us-east-1:111111111111:cluster/gateways'], { kind: 'role', roleArn: 'arn:aws:iam::111111111111:role/gateway', base: { kind: 'pod-identity', namespace: 'gloo-mesh-gateways', serviceAccount: 'istio-ingressgateway', cluster: { tag: 'eks-cluster-arn', value: 'arn:aws:eks:us-east-1:111111111111:cluster/gateways' } } }],
  ['examples-gateway-role-irsa', ['fixtures/examples', '--gateway-role', 'arn:aws:iam::111111111111:role/gateway', '--oidc-provider', ISSUER, '--service-account', 'gloo-mesh-gateways/istio-ingressgateway'], { kind: 'role', roleArn: 'arn:aws:iam::111111111111:role/gateway', base: { kind: 'irsa', issuer: ISSUER, namespace: 'gloo-mesh-gateways', serviceAccount: 'istio-ingressgateway' } }],
  // one invoke role, the cluster and the service account named: the association that gives it to the pods
  ['one-role-pod-identity-association', ['fixtures/real-world/lambda-2.3-basic', '--service-account', 'gloo-mesh-gateways/istio-ingressgateway', '--eks-cluster', 'gateways'], { kind: 'pod-identity', namespace: 'gloo-mesh-gateways', serviceAccount: 'istio-ingressgateway', cluster: { tag: 'eks-cluster-name', value: 'gateways' } }],
  ['no-lambda-gateway-role', ['fixtures/real-world/httpbin-delegation-by-name', '--gateway-role', 'arn:aws:iam::986112284769:role/gateway'], { kind: 'role', roleArn: 'arn:aws:iam::986112284769:role/gateway' }],
];

const render = (args: string[]) => renderTarget('iam', args);
const routesOf = async (args: string[]) => JSON.parse((await runInProcess(['routes', '--format', 'json', '--findings-format', 'json', ...args.filter((a) => a.startsWith('fixtures/'))])).stdout);

describe.each(CASES)('gwctl render --target iam: %s', async (name, args, trust) => {
  const first = await goldenRenderTests('iam', args, `../golden/iam/${name}.json`);

  it('grants exactly what the routes invoke, to exactly the gateway identity (gwctl\'s evaluator)', async () => {
    expect(iamViolations(JSON.parse(first.stdout), await routesOf(args), trust)).toEqual([]);
  });
});

describe('gwctl render --target iam --iam-format terraform', async () => {
  const args = ['fixtures/examples', '--oidc-provider', ISSUER, '--service-account', 'gloo-mesh-gateways/istio-ingressgateway'];
  const tf = await render([...args, '--iam-format', 'terraform']);

  it('renders, matching its golden file', async () => {
    expect([tf.code, tf.stderr]).toEqual([0, '']);
    await expect(tf.stdout).toMatchFileSnapshot('../golden/iam/examples-terraform.json');
  });

  it('states the same grants as the JSON form, in aws_iam_policy_document\'s terms', async () => {
    const json: IamOutput = JSON.parse((await render(args)).stdout);
    const data = JSON.parse(tf.stdout).data.aws_iam_policy_document;
    for (const entry of json.invokeRoles) {
      const [, , , , account, resource] = entry.role!.split(':');
      const stem = `${resource!.replace(/^role\//, '').replace(/[^A-Za-z0-9_]/g, '_')}_${account}`;
      const invoke = (entry.invokePolicy.Statement as any[])[0];
      expect(data[`${stem}_invoke`].statement).toEqual([{ sid: invoke.Sid, effect: 'Allow', actions: ['lambda:InvokeFunction'], resources: [invoke.Resource].flat() }]);
      const trust = (entry.trustPolicy!.Statement as any[])[0];
      expect(data[`${stem}_trust`].statement[0].principals).toEqual([{ type: 'Federated', identifiers: [trust.Principal.Federated] }]);
      expect(data[`${stem}_trust`].statement[0].condition.map((c: any) => [c.variable, c.values[0]])).toEqual(Object.entries(trust.Condition.StringEquals));
    }
    expect(Object.keys(data)).toHaveLength(json.invokeRoles.length * 2);
  });
});

describe('the IAM checker can fail', async () => {
  const args = ['fixtures/examples', '--oidc-provider', ISSUER, '--service-account', 'gloo-mesh-gateways/istio-ingressgateway'];
  const text = (await render(args)).stdout;
  const routes = await routesOf(args);
  const trust: ExpectedTrust = { kind: 'irsa', issuer: ISSUER, namespace: 'gloo-mesh-gateways', serviceAccount: 'istio-ingressgateway' };
  const fresh = (): any => JSON.parse(text);
  const statement = (out: any, i = 0) => out.invokeRoles[i].invokePolicy.Statement[0];

  it('names each broken property', async () => {
    const wildcard = fresh();
    statement(wildcard).Resource = '*';
    expect(iamViolations(wildcard, routes, trust).some((p) => /may also invoke .*probe-function/.test(p))).toBe(true);

    const qualifiers = fresh();
    statement(qualifiers).Resource = statement(qualifiers).Resource.map((arn: string) => arn.replace(/:[^:]+$/, (q) => (arn.split(':').length > 7 ? ':*' : q)));
    expect(iamViolations(qualifiers, routes, trust).some((p) => /may also invoke .*probe-qualifier/.test(p))).toBe(true);

    const missing = fresh();
    statement(missing).Resource = statement(missing).Resource.slice(1);
    expect(iamViolations(missing, routes, trust).some((p) => / may not invoke arn:aws:lambda:/.test(p))).toBe(true);

    const actions = fresh();
    statement(actions).Action = 'lambda:*';
    expect(iamViolations(actions, routes, trust)).toContain(`${fresh().invokeRoles[0].role} may also lambda:UpdateFunctionCode`);

    const anyone = fresh();
    delete anyone.invokeRoles[0].trustPolicy.Statement[0].Condition;
    expect(iamViolations(anyone, routes, trust).some((p) => /system:serviceaccount:other:istio-ingressgateway for sts\.amazonaws\.com may assume it/.test(p))).toBe(true);

    const dropped = fresh();
    dropped.invokeRoles.pop();
    expect(iamViolations(dropped, routes, trust).some((p) => /^no policy for /.test(p))).toBe(true);
  });
});

describe('the IAM checker can fail: Pod Identity pinned to a cluster', async () => {
  const cluster = 'arn:aws:eks:us-east-1:111111111111:cluster/gateways';
  const args = ['fixtures/examples', '--service-account', 'gloo-mesh-gateways/istio-ingressgateway', '--eks-cluster', cluster];
  const text = (await render(args)).stdout;
  const routes = await routesOf(args);
  const trust: ExpectedTrust = { kind: 'pod-identity', namespace: 'gloo-mesh-gateways', serviceAccount: 'istio-ingressgateway', cluster: { tag: 'eks-cluster-arn', value: cluster } };
  const condition = (out: any): Record<string, string> => out.invokeRoles[0].trustPolicy.Statement[0].Condition.StringEquals;

  it('passes as rendered, and names a trust that any cluster, or another pod, may take', () => {
    expect(iamViolations(JSON.parse(text), routes, trust)).toEqual([]);
    const anyCluster = JSON.parse(text);
    delete condition(anyCluster)['aws:RequestTag/eks-cluster-arn'];
    expect(iamViolations(anyCluster, routes, trust)).toContain(`${anyCluster.invokeRoles[0].role}: EKS Pod Identity for gloo-mesh-gateways/istio-ingressgateway in ${cluster.replace('us-east-1', 'eu-west-3')} may assume it`);
    const byName = JSON.parse(text);
    // a name alone is the same name in every region and account of the partition
    delete condition(byName)['aws:RequestTag/eks-cluster-arn'];
    condition(byName)['aws:RequestTag/eks-cluster-name'] = 'gateways';
    expect(iamViolations(byName, routes, trust).some((p) => /in arn:aws:eks:eu-west-3:111111111111:cluster\/gateways may assume it/.test(p))).toBe(true);
    const wrong = JSON.parse(text);
    condition(wrong)['aws:RequestTag/eks-cluster-arn'] = cluster.replace('gateways', 'other');
    expect(iamViolations(wrong, routes, trust).some((p) => / in arn:aws:eks:us-east-1:111111111111:cluster\/gateways may not assume it/.test(p))).toBe(true);
  });
});

describe('gwctl render --target iam --out-dir', () => {
  it('writes each role\'s policies as files aws iam takes, and the Terraform form as .tf.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-iam-'));
    expect((await render(['fixtures/examples', '--out-dir', dir])).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([
      '.gwctl-rendered',
      '111111111111-team-a-lambda-invoker.invoke-policy.json',
      '111111111111-team-a-lambda-invoker.trust-policy.json',
      '222222222222-team-b-invoker.invoke-policy.json',
      '222222222222-team-b-invoker.trust-policy.json',
    ]);
    const stream: IamOutput = JSON.parse((await render(['fixtures/examples'])).stdout);
    for (const entry of stream.invokeRoles) {
      const [, , , , account, resource] = entry.role!.split(':');
      const base = `${account}-${resource!.replace(/^role\//, '')}`;
      expect(JSON.parse(readFileSync(join(dir, `${base}.invoke-policy.json`), 'utf8'))).toEqual(entry.invokePolicy);
      expect(JSON.parse(readFileSync(join(dir, `${base}.trust-policy.json`), 'utf8'))).toEqual(entry.trustPolicy);
    }
    const tf = mkdtempSync(join(tmpdir(), 'gwctl-iam-tf-'));
    expect((await render(['fixtures/examples', '--out-dir', tf, '--iam-format', 'terraform'])).code).toBe(0);
    const tfFiles = readdirSync(tf).filter((f) => !f.startsWith('.'));
    expect(tfFiles.length).toBe(stream.invokeRoles.length);
    expect(tfFiles.every((f) => f.endsWith('.tf.json'))).toBe(true);
    // each role's functions are its own account's: no aws_lambda_permission, and no empty block for one
    expect(tfFiles.map((f) => Object.keys(JSON.parse(readFileSync(join(tf, f), 'utf8'))))).toEqual(tfFiles.map(() => ['data']));
  });

  it('keeps what it writes where the file system is blind to case: a role\'s name written in other letters replaces its files', async () => {
    // macOS and Windows: `…-Team-A-Lambda-Invoker.invoke-policy.json` and `…-team-a-lambda-invoker…` are
    // one file; the earlier render's name, stale to this one, was removed after the write, and the new
    // policy with it
    const examples = Object.fromEntries(readdirSync(join(ROOT, 'fixtures/examples')).map((f) => [`/in/${f}`, readFileSync(join(ROOT, 'fixtures/examples', f), 'utf8')]));
    const teamA = examples['/in/20-team-a.yaml']!;
    // the gateway's filter on team A's roles takes either spelling
    examples['/in/10-gateway.yaml'] = examples['/in/10-gateway.yaml']!.replace('- team-a-[a-z-]+', "- '[Tt]eam-[Aa]-[A-Za-z-]+'");
    const host = memoryHost({ ...examples, '/in/20-team-a.yaml': teamA.replace('invokeRoleName: team-a-lambda-invoker', 'invokeRoleName: Team-A-Lambda-Invoker'), '/out/notes.txt': 'kept' }, { caseInsensitive: true });
    const files = async () => (await host.readDir('/out')).map((e) => e.name).sort();
    expect(await main(['render', '-t', 'iam', '/in', '--out-dir', '/out', '-q'], host)).toBe(0);
    expect(await files()).toContain('111111111111-Team-A-Lambda-Invoker.invoke-policy.json');
    await host.writeFileAtomic('/in/20-team-a.yaml', teamA);
    expect(await main(['render', '-t', 'iam', '/in', '--out-dir', '/out', '-q'], host)).toBe(0);
    expect(await files()).toEqual([
      '.gwctl-rendered',
      '111111111111-team-a-lambda-invoker.invoke-policy.json',
      '111111111111-team-a-lambda-invoker.trust-policy.json',
      '222222222222-team-b-invoker.invoke-policy.json',
      '222222222222-team-b-invoker.trust-policy.json',
      'notes.txt',
    ]);
    const policy = JSON.parse(new TextDecoder().decode(await host.readFile('/out/111111111111-team-a-lambda-invoker.invoke-policy.json')));
    expect(JSON.stringify(policy)).toContain('lambda:InvokeFunction');
  });
});

describe('the IAM checker can fail on function permissions', async () => {
  const args = ['fixtures/aws/cross-account-permissions.yaml'];
  const text = (await render(args)).stdout;
  const routes = await routesOf(args);
  const trust: ExpectedTrust = { kind: 'pod-identity' };
  const fresh = (): any => JSON.parse(text);
  const shop = (out: any) => out.invokeRoles.find((e: any) => e.role?.endsWith('/shop-invoker'));
  const billing = (out: any) => out.invokeRoles.find((e: any) => e.role?.endsWith('/billing.invoker@shop'));

  it('passes the output as written: three permissions for one role, one for the other, none for a function of the role\'s account', async () => {
    expect(iamViolations(fresh(), routes, trust)).toEqual([]);
    expect(shop(fresh()).functionPermissions.map((p: any) => `${p.FunctionName.split(':')[6]}:${p.Qualifier ?? ''}`)).toEqual(['tax-rates:', 'partner-quotes:canary', 'partner-quotes:live']);
    expect(billing(fresh()).functionPermissions).toHaveLength(1);
  });

  it('names each broken permission', async () => {
    const dropped = fresh();
    shop(dropped).functionPermissions.pop();
    expect(iamViolations(dropped, routes, trust)).toEqual([`${shop(dropped).role}: the account of arn:aws:lambda:us-west-1:210987654321:function:partner-quotes:live does not let it invoke that`]);
    const unqualified = fresh();
    delete shop(unqualified).functionPermissions[2].Qualifier;
    expect(iamViolations(unqualified, routes, trust)).toEqual([
      `${shop(unqualified).role}: the account of arn:aws:lambda:us-west-1:210987654321:function:partner-quotes:live does not let it invoke that`,
      `${shop(unqualified).role}: a permission on arn:aws:lambda:us-west-1:210987654321:function:partner-quotes, which it needs none on`,
    ]);
    const someoneElse = fresh();
    shop(someoneElse).functionPermissions[0].Principal = 'arn:aws:iam::123456789012:role/someone-else';
    expect(iamViolations(someoneElse, routes, trust).some((p) => p.includes('tax-rates does not let it invoke that'))).toBe(true);
    const sameAccount = fresh();
    shop(sameAccount).functionPermissions.push({ ...shop(sameAccount).functionPermissions[0], FunctionName: 'arn:aws:lambda:us-west-1:123456789012:function:cart' });
    expect(iamViolations(sameAccount, routes, trust)).toEqual([`${shop(sameAccount).role}: a permission on arn:aws:lambda:us-west-1:123456789012:function:cart, which it needs none on`]);
    const sharedId = fresh();
    billing(sharedId).functionPermissions[0].StatementId = shop(sharedId).functionPermissions[2].StatementId;
    expect(iamViolations(sharedId, routes, trust).some((p) => /statement id gwctl-123456789012-shop-invoker is already in the policy of .*partner-quotes:live/.test(p))).toBe(true);
    // the gateway's own credentials: no permission without --gateway-role, as gwctl cannot name it
    const unnamed = fresh();
    unnamed.invokeRoles.find((e: any) => e.role === null).functionPermissions.push({ ...shop(unnamed).functionPermissions[0] });
    expect(iamViolations(unnamed, routes, trust)).toEqual(['the gateway identity has function permissions: gwctl cannot name it']);
    const badId = fresh();
    billing(badId).functionPermissions[0].StatementId = 'gwctl-billing.invoker@shop';
    expect(iamViolations(badId, routes, trust)).toEqual([`${billing(badId).role}: statement id gwctl-billing.invoker@shop is not one AddPermission takes`]);
  });

  it('writes them as a file per role beside its policies, and as aws_lambda_permission resources for Terraform', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-iam-permissions-'));
    expect((await render([...args, '--out-dir', dir])).code).toBe(0);
    expect(readdirSync(dir).filter((f) => f.includes('function-permissions')).sort()).toEqual(['123456789012-billing.invoker@shop.function-permissions.json', '123456789012-shop-invoker.function-permissions.json']);
    expect(JSON.parse(readFileSync(join(dir, '123456789012-shop-invoker.function-permissions.json'), 'utf8'))).toEqual(shop(fresh()).functionPermissions);
    const tf = JSON.parse((await render([...args, '--iam-format', 'terraform'])).stdout);
    const resources = Object.values(tf.resource.aws_lambda_permission) as any[];
    const fromJson = fresh().invokeRoles.flatMap((e: any) => e.functionPermissions);
    expect(resources.map((r) => ({ FunctionName: r.function_name, ...(r.qualifier ? { Qualifier: r.qualifier } : {}), StatementId: r.statement_id, Action: r.action, Principal: r.principal }))).toEqual(fromJson);
  });
});

describe('the IAM checker can fail on the gateway role\'s function permissions', async () => {
  const args = ['fixtures/aws/cross-account-permissions.yaml', '--gateway-role', 'arn:aws:iam::123456789012:role/gateway'];
  const text = (await render(args)).stdout;
  const routes = await routesOf(args);
  const trust: ExpectedTrust = { kind: 'role', roleArn: 'arn:aws:iam::123456789012:role/gateway' };
  const gateway = (out: any) => out.invokeRoles.find((e: any) => e.role === null);

  it('lists one for the function of another account the gateway calls on its own credentials, none for its own account\'s', async () => {
    expect(iamViolations(JSON.parse(text), routes, trust)).toEqual([]);
    expect(gateway(JSON.parse(text)).functionPermissions).toEqual([
      { FunctionName: 'arn:aws:lambda:us-west-1:210987654321:function:partner-status', StatementId: 'gwctl-123456789012-gateway', Action: 'lambda:InvokeFunction', Principal: 'arn:aws:iam::123456789012:role/gateway' },
    ]);
    const dropped = JSON.parse(text);
    gateway(dropped).functionPermissions.length = 0;
    expect(iamViolations(dropped, routes, trust)).toEqual(['the gateway identity: the account of arn:aws:lambda:us-west-1:210987654321:function:partner-status does not let it invoke that']);
  });

  it('lets the gateway\'s role assume and tag exactly the invoke roles', () => {
    const assume = (out: any) => gateway(out).invokePolicy.Statement.find((s: any) => s.Sid === 'AssumeInvokeRoles');
    expect(assume(JSON.parse(text))).toEqual({ Sid: 'AssumeInvokeRoles', Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: ['arn:aws:iam::123456789012:role/billing.invoker@shop', 'arn:aws:iam::123456789012:role/shop-invoker'] });
    const any = JSON.parse(text);
    assume(any).Resource = 'arn:aws:iam::123456789012:role/*';
    expect(iamViolations(any, routes, trust)).toEqual(['the gateway identity may also assume arn:aws:iam::123456789012:role/probe-role']);
    const untagged = JSON.parse(text);
    assume(untagged).Action = 'sts:AssumeRole';
    expect(iamViolations(untagged, routes, trust)).toEqual([
      'the gateway identity may not sts:TagSession on arn:aws:iam::123456789012:role/shop-invoker',
      'the gateway identity may not sts:TagSession on arn:aws:iam::123456789012:role/billing.invoker@shop',
    ]);
    const invokerAssumes = JSON.parse(text);
    invokerAssumes.invokeRoles.find((e: any) => e.role?.endsWith('/shop-invoker')).invokePolicy.Statement.push(assume(invokerAssumes));
    expect(iamViolations(invokerAssumes, routes, trust).sort()).toEqual(['arn:aws:iam::123456789012:role/shop-invoker may also assume arn:aws:iam::123456789012:role/billing.invoker@shop', 'arn:aws:iam::123456789012:role/shop-invoker may also assume arn:aws:iam::123456789012:role/shop-invoker']);
  });
});

describe('gwctl render --target iam --force on input with schema errors', () => {
  it('renders without an internal error when an account is not one, and lists no permission it could not name', async () => {
    const text = readFileSync('fixtures/aws/cross-account-permissions.yaml', 'utf8').replace(/accountId: '123456789012'/g, "accountId: '12345'");
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-iam-force-'));
    writeFileSync(join(dir, 'in.yaml'), text);
    const result = await render([join(dir, 'in.yaml'), '--force']);
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code).toBe(0);
    const out: IamOutput = JSON.parse(result.stdout);
    // the roles' account (12345) is not one; the functions' accounts are: each is another account
    expect(out.invokeRoles.flatMap((e) => e.functionPermissions).every((p) => /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:/.test(p.FunctionName))).toBe(true);
  });
});

describe('gwctl render --target iam: usage errors', () => {
  it.each([
    [['--oidc-provider', ISSUER], /--oidc-provider needs --service-account NAMESPACE\/NAME/],
    [['--oidc-provider', ISSUER, '--gateway-role', 'arn:aws:iam::111111111111:role/g'], /--oidc-provider needs --service-account NAMESPACE\/NAME/],
    [['--gateway-role', 'gateway'], /option '--gateway-role <arn>' argument 'gateway' is invalid\. expected a role ARN/],
    [['--gateway-role', 'arn:aws:iam::111111111111:role/has space'], /option '--gateway-role <arn>' argument 'arn:aws:iam::111111111111:role\/has space' is invalid\. expected a role ARN/],
    [['--service-account', 'Bad_NS/x'], /--service-account Bad_NS\/x: expected NAMESPACE\/NAME/],
    [['--oidc-provider', 'not an issuer', '--service-account', 'a/b'], /--oidc-provider not an issuer: expected the cluster's OIDC issuer/],
    // a bare name, without the issuer's domain, names no provider IAM has
    [['--oidc-provider', 'gateways-oidc', '--service-account', 'a/b'], /--oidc-provider gateways-oidc: expected the cluster's OIDC issuer/],
    [['--eks-cluster', 'gateways', '--oidc-provider', ISSUER, '--service-account', 'a/b'], /--eks-cluster applies to EKS Pod Identity, not to --oidc-provider/],
    [['--eks-cluster', 'gateways', '--gateway-role', 'arn:aws:iam::111111111111:role/g', '--oidc-provider', ISSUER, '--service-account', 'a/b'], /--eks-cluster applies to EKS Pod Identity, not to --oidc-provider/],
    [['--eks-cluster', '-gateways'], /--eks-cluster -gateways: expected the name of the gateway's EKS cluster or its ARN/],
    [['--eks-cluster', 'a'.repeat(101)], /expected the name of the gateway's EKS cluster or its ARN/],
    [['--eks-cluster', 'arn:aws:eks:us-east-1:1111:cluster/gateways'], /expected the name of the gateway's EKS cluster or its ARN/],
    [['--eks-cluster', 'arn:aws:iam::111111111111:role/gateways'], /expected the name of the gateway's EKS cluster or its ARN/],
    [['--eks-cluster', 'arn:aws:eks:us west 1:111111111111:cluster/gateways'], /expected the name of the gateway's EKS cluster or its ARN/],
    [['--eks-cluster', 'arn:aws:eks:us-west-1:111111111111:cluster/-gateways'], /expected the name of the gateway's EKS cluster or its ARN/],
  ])('%j', async (extra, message) => {
    const result = await render(['fixtures/examples', ...extra]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });
});

describe('gwctl render --target iam: what IAM would refuse or cannot give', () => {
  // one provider, 200 routed functions: about 14,000 characters of ARNs
  const many = (n: number) =>
    [
      'apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: aws, namespace: shop}\nspec:\n  aws: {accountId: "123456789012", region: us-west-1, lambda: {invokeRoleName: shop-invoker}}',
      `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: fns, namespace: shop}\nspec:\n  provider: aws\n  aws:\n    lambda:\n${Array.from({ length: n }, (_, i) => `      - lambdaFunctionName: function-number-${i}\n`).join('')}`,
      `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: rt, namespace: shop}\nspec:\n  hosts: [shop.example.com]\n  http:\n${Array.from({ length: n }, (_, i) => `    - name: r${i}\n      matchers: [{uri: {prefix: /f${i}/}}]\n      forwardTo: {destinations: [{awsLambda: {cloudProvider: {name: aws}, function: function-number-${i}}}]}\n`).join('')}`,
    ].join('\n---\n');

  it('a policy larger than IAM allows for a role is a warning that says by how much', async () => {
    const result = await runInProcess(['render', '--target', 'iam', '-', '--findings-format', 'json', '--min-severity', 'warning'], { input: many(200) });
    expect(result.code).toBe(0);
    const found = JSON.parse(result.stderr).diagnostics.filter((d: { code: string }) => d.code === 'GW7012');
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/^the invoke policy of role `shop-invoker` lists 200 ARNs in \d+ characters; IAM allows 10240 in the inline policies of a role$/);
    expect((await runInProcess(['render', '--target', 'iam', '-', '--findings-format', 'json', '--min-severity', 'warning'], { input: many(20) })).stderr).not.toMatch(/GW7012/);
  });

  it('several invoke roles that trust EKS Pod Identity are a warning; trusting the gateway\'s role is not', async () => {
    const pod = await render(['fixtures/examples', '--min-severity', 'warning']);
    expect(pod.stderr).toMatch(/2 invoke roles trust EKS Pod Identity \(team-a-lambda-invoker, team-b-invoker\).*GW7013/);
    // at the second role: the first is the one the gateway's pods could be given
    const [found] = JSON.parse((await render(['fixtures/examples', '--min-severity', 'warning', '--findings-format', 'json'])).stderr).diagnostics;
    expect([found.code, found.file, found.line]).toEqual(['GW7013', 'fixtures/examples/30-team-b.yaml', 13]);
    expect((await render(['fixtures/examples', '--min-severity', 'warning', '--gateway-role', 'arn:aws:iam::111111111111:role/gateway'])).stderr).toBe('');
  });

  it('an invoke role of another account than the cluster\'s, named by its ARN, is a warning: Pod Identity gives roles of the cluster\'s account only', async () => {
    const run = async (cluster: string) => JSON.parse((await render(['fixtures/examples', '--min-severity', 'warning', '--findings-format', 'json', '--eks-cluster', cluster])).stderr).diagnostics.filter((d: { code: string }) => d.code === 'GW7023');
    // team-b-invoker is in 222222222222, team-a's role in 111111111111
    const [found, ...more] = await run('arn:aws:eks:us-east-1:111111111111:cluster/gateways');
    expect(more).toEqual([]);
    expect([found.file, found.line, found.message]).toEqual(['fixtures/examples/30-team-b.yaml', 13, 'invoke role `team-b-invoker` is in account 222222222222, and the EKS cluster arn:aws:eks:us-east-1:111111111111:cluster/gateways in 111111111111: Pod Identity gives a cluster\'s pods roles of the cluster\'s own account only, so no association can use the trust policy written for it']);
    expect((await run('arn:aws:eks:us-east-1:222222222222:cluster/gateways')).map((d: { message: string }) => d.message.slice(0, 62))).toEqual(['invoke role `team-a-lambda-invoker` is in account 111111111111']);
    // a name says no account
    expect(await run('gateways')).toEqual([]);
  });

  it('the checker fails on a gateway role without its trust, or one open to another service account', async () => {
    const args = ['fixtures/examples', '--gateway-role', 'arn:aws:iam::111111111111:role/gateway', '--service-account', 'gloo-mesh-gateways/istio-ingressgateway'];
    const text = (await render(args)).stdout;
    const routes = await routesOf(args);
    const trust: ExpectedTrust = { kind: 'role', roleArn: 'arn:aws:iam::111111111111:role/gateway', base: { kind: 'pod-identity', namespace: 'gloo-mesh-gateways', serviceAccount: 'istio-ingressgateway' } };
    expect(iamViolations(JSON.parse(text), routes, trust)).toEqual([]);
    const gateway = (out: any) => out.invokeRoles.find((e: any) => e.role === null);
    const none = JSON.parse(text);
    gateway(none).trustPolicy = null;
    expect(iamViolations(none, routes, trust)).toEqual(['the gateway\'s role has no trust policy']);
    const open = JSON.parse(text);
    delete gateway(open).trustPolicy.Statement[0].Condition;
    expect(iamViolations(open, routes, trust)).toEqual(['the gateway\'s role: EKS Pod Identity for other/istio-ingressgateway in arn:aws:eks:us-east-1:123456789012:cluster/any may assume it']);
  });

  it('the checker fails on an association missing, for another role, or where none can be named', async () => {
    const args = ['fixtures/real-world/lambda-2.3-basic', '--service-account', 'gw/envoy', '--eks-cluster', 'gateways'];
    const text = (await render(args)).stdout;
    const routes = await routesOf(args);
    const trust: ExpectedTrust = { kind: 'pod-identity', namespace: 'gw', serviceAccount: 'envoy', cluster: { tag: 'eks-cluster-name', value: 'gateways' } };
    expect(iamViolations(JSON.parse(text), routes, trust)).toEqual([]);
    const missing = JSON.parse(text);
    delete missing.podIdentityAssociation;
    expect(iamViolations(missing, routes, trust)).toEqual(['no Pod Identity association, where the flags name all it takes']);
    const other = JSON.parse(text);
    other.podIdentityAssociation.roleArn = 'arn:aws:iam::986112284769:role/other';
    expect(iamViolations(other, routes, trust)).toEqual([expect.stringMatching(/^the Pod Identity association .* is not /)]);
    // two invoke roles: a service account has one association, so none is written
    const two = (await render(['fixtures/examples', '--service-account', 'gw/envoy', '--eks-cluster', 'gateways'])).stdout;
    expect(JSON.parse(two).podIdentityAssociation).toBeUndefined();
    expect(iamViolations({ ...JSON.parse(two), podIdentityAssociation: JSON.parse(text).podIdentityAssociation }, await routesOf(['fixtures/examples']), trust)).toEqual([expect.stringMatching(/^a Pod Identity association, where none can be named/)]);
  });

  it('the association in Terraform\'s form, and as a file of its own with --out-dir', async () => {
    const args = ['fixtures/real-world/lambda-2.3-basic', '--service-account', 'gw/envoy', '--eks-cluster', 'arn:aws:eks:us-east-1:986112284769:cluster/gateways'];
    const tf = JSON.parse((await render([...args, '--iam-format', 'terraform'])).stdout);
    expect(tf.resource.aws_eks_pod_identity_association).toEqual({ gateway: { cluster_name: 'gateways', namespace: 'gw', service_account: 'envoy', role_arn: 'arn:aws:iam::986112284769:role/lambda-invoke-role' } });
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-iam-association-'));
    expect((await render([...args, '--out-dir', dir])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'pod-identity-association.json'), 'utf8'))).toEqual({ clusterName: 'gateways', namespace: 'gw', serviceAccount: 'envoy', roleArn: 'arn:aws:iam::986112284769:role/lambda-invoke-role' });
    // a cluster of another account than the role's: no association can use it (GW7023), none is written
    expect(JSON.parse((await render(['fixtures/real-world/lambda-2.3-basic', '--service-account', 'gw/envoy', '--eks-cluster', 'arn:aws:eks:us-east-1:111111111111:cluster/gateways'])).stdout).podIdentityAssociation).toBeUndefined();
  });

  it('the gateway role\'s IRSA trust names the OIDC provider of its own account and partition', async () => {
    const out = JSON.parse((await render(['fixtures/examples', '--gateway-role', 'arn:aws-cn:iam::555555555555:role/gateway', '--oidc-provider', ISSUER, '--service-account', 'gloo/gw'])).stdout);
    expect(out.invokeRoles.find((e: any) => e.role === null).trustPolicy.Statement[0].Principal).toEqual({ Federated: `arn:aws-cn:iam::555555555555:oidc-provider/${ISSUER}` });
  });

  it('with --gateway-role, it is that role Pod Identity gives: the invoke roles may be in any account', async () => {
    const run = async (...flags: string[]) => JSON.parse((await render(['fixtures/examples', '--min-severity', 'warning', '--findings-format', 'json', '--eks-cluster', 'arn:aws:eks:us-east-1:111111111111:cluster/gateways', ...flags])).stderr).diagnostics.filter((d: { code: string }) => d.code === 'GW7023').map((d: { message: string }) => d.message);
    expect(await run('--gateway-role', 'arn:aws:iam::111111111111:role/gateway')).toEqual([]);
    expect(await run('--gateway-role', 'arn:aws:iam::333333333333:role/gateway')).toEqual(['the gateway\'s role `gateway` is in account 333333333333, and the EKS cluster arn:aws:eks:us-east-1:111111111111:cluster/gateways in 111111111111: Pod Identity gives a cluster\'s pods roles of the cluster\'s own account only, so no association can use the trust policy written for it']);
  });
});

describe('gwctl render --target iam --output-format', () => {
  it('json is what it writes anyway; yaml on the command line is a usage error, never a silent JSON', async () => {
    expect((await runInProcess(['render', '--target', 'iam', 'fixtures/examples', '-q', '--output-format', 'json'])).code).toBe(0);
    const yaml = await runInProcess(['render', '--target', 'iam', 'fixtures/examples', '-q', '--output-format', 'yaml']);
    expect(yaml.code).toBe(2);
    expect(yaml.stdout).toBe('');
    expect(yaml.stderr).toMatch(/--output-format yaml does not apply to --target iam: IAM policies are JSON \(--iam-format terraform for Terraform's JSON syntax\)/);
    expect(yaml.stderr).not.toMatch(/\n\s+at /);
  });

  it('a configuration file that asks for YAML (for the other targets) leaves the IAM output JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-iam-config-'));
    writeFileSync(join(dir, '.gwctl.yaml'), 'render:\n  outputFormat: yaml\n');
    const input = join(process.cwd(), 'fixtures/examples');
    const result = runCli(['render', '--target', 'iam', input, '-q'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
    expect(runCli(['render', '--target', 'envoy', input, '-q'], { cwd: dir }).stdout).toMatch(/^[#a-z]/);
  });
});

describe('aws_iam_policy_document: a policy in the data source\'s terms', () => {
  it('writes each condition key as a block, its values as a list of strings, one value or several', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: ['arn:aws:iam::111111111111:role/a'] }, Condition: { StringEquals: { 'aws:PrincipalTag/team': ['a', 'b'], 'aws:RequestedRegion': 'us-east-1' }, NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 } } }] };
    expect(policyDocumentData(doc as PolicyDocument)).toEqual({
      statement: [{
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111111111111:role/a'] }],
        condition: [
          { test: 'StringEquals', variable: 'aws:PrincipalTag/team', values: ['a', 'b'] },
          { test: 'StringEquals', variable: 'aws:RequestedRegion', values: ['us-east-1'] },
          { test: 'NumericLessThan', variable: 'aws:MultiFactorAuthAge', values: ['3600'] },
        ],
      }],
    });
  });
});

describe('Terraform JSON strings are templates: what the input names is written as a literal', () => {
  it('escapes ${ and %{, and leaves every other string as it is', () => {
    // an IAM policy variable, a directive, and a qualifier that starts with $ but is no template
    const value = { statement: [{ resources: ['arn:aws:s3:::b/${aws:username}/*', 'x%{if true}y%{endif}', 'f:$LATEST', '$$ and %% alone'] }], n: 1, ok: true, none: null };
    expect(terraformLiteral(value)).toEqual({ statement: [{ resources: ['arn:aws:s3:::b/$${aws:username}/*', 'x%%{if true}y%%{endif}', 'f:$LATEST', '$$ and %% alone'] }], n: 1, ok: true, none: null });
  });

  it('in both the stream and the files render writes, wherever a name of the input lands', async () => {
    const analysis = await analyze(nodeHost(), { paths: [join(ROOT, 'fixtures/examples')], stdinName: '-' });
    // the schema keeps `${` out of function names today; the writer does not rely on it
    for (const l of analysis.model.listeners) for (const h of l.hosts) for (const r of h.routes) if (r.action.kind === 'forward') for (const d of r.action.destinations) if (d.kind === 'lambda') Object.defineProperty(d, 'arn', { value: `${d.arn}-\${x}` });
    const out = renderIam(analysis.model, { trust: { kind: 'pod-identity' }, format: 'terraform' });
    for (const text of [JSON.stringify(out.stream), ...out.documents.map((d) => JSON.stringify(d.value))]) {
      expect(text).toContain('-$${x}');
      expect(text).not.toMatch(/[^$]\$\{x\}/);
    }
  });
});

describe('gwctl render --target iam: what accounts, partitions and names decide', () => {
  const provider = (name: string, account: string, region: string, role: string) =>
    `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  aws: {accountId: "${account}", region: ${region}, lambda: {invokeRoleName: ${role}}}`;
  const functions = (provider: string, names: string[]) =>
    `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: ${provider}-functions, namespace: shop}\nspec:\n  provider: ${provider}\n  aws:\n    lambda:\n${names.map((n) => `      - lambdaFunctionName: ${n}\n`).join('')}`;
  const table = (routes: Array<[string, string]>) =>
    `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: rt, namespace: shop}\nspec:\n  hosts: [shop.example.com]\n  http:\n${routes
      .map(([p, f], i) => `    - name: r${i}\n      matchers: [{uri: {prefix: /r${i}/}}]\n      forwardTo: {destinations: [{awsLambda: {cloudProvider: {name: ${p}}, function: ${f}}}]}\n`)
      .join('')}`;
  const iam = async (input: string, extra: string[] = []) => {
    const result = await runInProcess(['render', '--target', 'iam', '-', '-q', '--min-severity', 'error', ...extra], { input });
    expect([result.code, result.stderr]).toEqual([0, '']);
    return result.stdout;
  };

  it('roles of one name in two accounts are two roles, each granted its own account\'s functions', async () => {
    const input = [provider('east', '111111111111', 'us-east-1', 'invoker'), provider('west', '222222222222', 'us-west-2', 'invoker'), functions('east', ['orders']), functions('west', ['billing']), table([['east', 'orders'], ['west', 'billing']])].join('\n---\n');
    const out: IamOutput = JSON.parse(await iam(input));
    expect(out.invokeRoles.map((e) => [e.role, (e.invokePolicy.Statement as any[])[0].Resource])).toEqual([
      ['arn:aws:iam::111111111111:role/invoker', 'arn:aws:lambda:us-east-1:111111111111:function:orders'],
      ['arn:aws:iam::222222222222:role/invoker', 'arn:aws:lambda:us-west-2:222222222222:function:billing'],
    ]);
  });

  it('in China: the OIDC provider\'s ARN in aws-cn, given as an ARN or as the issuer with a trailing slash', async () => {
    const input = [provider('beijing', '111111111111', 'cn-north-1', 'invoker'), functions('beijing', ['orders']), table([['beijing', 'orders']])].join('\n---\n');
    const issuer = 'oidc.eks.cn-north-1.amazonaws.com.cn/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
    const expected = {
      Sid: 'GatewayServiceAccount',
      Effect: 'Allow',
      Principal: { Federated: `arn:aws-cn:iam::111111111111:oidc-provider/${issuer}` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${issuer}:sub`]: 'system:serviceaccount:gateways:envoy', [`${issuer}:aud`]: 'sts.amazonaws.com' } },
    };
    for (const given of [`arn:aws-cn:iam::111111111111:oidc-provider/${issuer}`, `https://${issuer}/`]) {
      const out: IamOutput = JSON.parse(await iam(input, ['--oidc-provider', given, '--service-account', 'gateways/envoy']));
      expect(out.invokeRoles.map((e) => [e.role, (e.invokePolicy.Statement as any[])[0].Resource, e.trustPolicy!.Statement]), given).toEqual([
        ['arn:aws-cn:iam::111111111111:role/invoker', 'arn:aws-cn:lambda:cn-north-1:111111111111:function:orders', [expected]],
      ]);
    }
  });

  it('Terraform names: a role name starting with a digit is prefixed, a permission on an unqualified function says so', async () => {
    const input = [provider('shop', '111111111111', 'us-east-1', '1st-invoker'), functions('shop', ['arn:aws:lambda:us-east-1:222222222222:function:partner']), table([['shop', 'arn:aws:lambda:us-east-1:222222222222:function:partner']])].join('\n---\n');
    const tf = JSON.parse(await iam(input, ['--iam-format', 'terraform']));
    expect(Object.keys(tf.data.aws_iam_policy_document)).toEqual(['_1st_invoker_111111111111_invoke', '_1st_invoker_111111111111_trust']);
    expect(tf.resource.aws_lambda_permission).toEqual({
      _1st_invoker_111111111111_invokes_partner_unqualified: {
        function_name: 'arn:aws:lambda:us-east-1:222222222222:function:partner',
        statement_id: 'gwctl-111111111111-1st-invoker',
        action: 'lambda:InvokeFunction',
        principal: 'arn:aws:iam::111111111111:role/1st-invoker',
      },
    });
  });

  it('GW7012 from one character over IAM\'s 10,240, not at them', async () => {
    // 140 functions of 64-character names: about 11,000 characters; then names cut until the policy is
    // exactly at the limit, as the output measures it
    const names = Array.from({ length: 140 }, (_, i) => `${String(i).padStart(3, '0')}-${'f'.repeat(60)}`);
    const inputOf = (ns: string[]) => [provider('shop', '111111111111', 'us-east-1', 'invoker'), functions('shop', ns), table(ns.map((n) => ['shop', n] as [string, string]))].join('\n---\n');
    const size = async (ns: string[]) => JSON.stringify((JSON.parse(await iam(inputOf(ns))) as IamOutput).invokeRoles[0]!.invokePolicy).length;
    let over = (await size(names)) - INLINE_POLICY_LIMIT;
    expect(over).toBeGreaterThan(0);
    const cut = names.map((n) => {
      const drop = Math.min(over, 59);
      over -= drop;
      return n.slice(0, n.length - drop);
    });
    expect(await size(cut)).toBe(INLINE_POLICY_LIMIT);
    const warnings = async (ns: string[]) => (await runInProcess(['render', '--target', 'iam', '-', '--min-severity', 'warning'], { input: inputOf(ns) })).stderr;
    expect(await warnings(cut)).not.toContain('GW7012');
    const oneMore = cut.map((n, i) => (i === 0 ? `${n}g` : n));
    expect(await warnings(oneMore)).toContain(`lists 140 ARNs in ${INLINE_POLICY_LIMIT + 1} characters; IAM allows 10240 in the inline policies of a role  GW7012`);
  });
});
