import { CreateOpenIDConnectProviderCommand, CreateRoleCommand, GetRoleCommand, GetRolePolicyCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { awsEnv } from '../helpers/moto';
import { runCli, runCliAsync } from '../helpers/run-cli';
import { motoAvailable, SHOP, useMoto } from './aws-tier';

const FIXTURE = 'fixtures/aws/least-privilege.yaml';
const ISSUER = 'oidc.eks.us-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';

// The policies gwctl emits, created in moto's IAM exactly as emitted (IAM parses and stores them), then
// judged by validate --aws: the role may invoke every routed function, and nothing more.
describe.skipIf(!motoAvailable)('render --target iam, round trip through IAM (moto_server)', () => {
  const { moto } = useMoto(SHOP);

  it('the emitted role is accepted by IAM and passes validate --aws with nothing broader than needed', async () => {
    const rendered = runCli(['render', '--target', 'iam', FIXTURE, '-q', '--oidc-provider', `https://${ISSUER}`, '--service-account', 'gloo-mesh-gateways/istio-ingressgateway']);
    expect(rendered.code).toBe(0);
    const [entry] = JSON.parse(rendered.stdout).invokeRoles;
    expect(entry.role).toBe('arn:aws:iam::123456789012:role/shop-least');

    const iam = new IAMClient({ endpoint: moto().endpoint, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
    await iam.send(new CreateOpenIDConnectProviderCommand({ Url: `https://${ISSUER}`, ClientIDList: ['sts.amazonaws.com'], ThumbprintList: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'] }));
    await iam.send(new CreateRoleCommand({ RoleName: 'shop-least', AssumeRolePolicyDocument: JSON.stringify(entry.trustPolicy) }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'shop-least', PolicyName: 'invoke-routed-functions', PolicyDocument: JSON.stringify(entry.invokePolicy) }));
    // IAM keeps them as given (URL-encoded on the wire)
    const role = await iam.send(new GetRoleCommand({ RoleName: 'shop-least' }));
    expect(JSON.parse(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!))).toEqual(entry.trustPolicy);
    const stored = await iam.send(new GetRolePolicyCommand({ RoleName: 'shop-least', PolicyName: 'invoke-routed-functions' }));
    expect(JSON.parse(decodeURIComponent(stored.PolicyDocument!))).toEqual(entry.invokePolicy);

    const result = await runCliAsync(['validate', FIXTURE, '--aws', '--strict-iam', '-f', 'json', '-q'], { env: awsEnv(moto().endpoint) });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).diagnostics.filter((d: { code: string }) => d.code.startsWith('GW8'))).toEqual([]);
    expect(result.code).toBe(0);
  });
});

// The whole chain: the gateway's role (its trust: Pod Identity pinned; its policy: the invoke role it
// assumes) and the invoke role (trusting it), created as emitted, then judged by validate --aws
// --gateway-role --strict-iam: render and validate agree on every hop.
describe.skipIf(!motoAvailable)('render --target iam --gateway-role, round trip through IAM (moto_server)', () => {
  const { moto } = useMoto(SHOP);
  const GATEWAY = 'arn:aws:iam::123456789012:role/gateway';

  it('the emitted chain is accepted by IAM and passes validate --aws --gateway-role --strict-iam', async () => {
    const rendered = runCli(['render', '--target', 'iam', FIXTURE, '-q', '--gateway-role', GATEWAY, '--service-account', 'gloo-mesh-gateways/istio-ingressgateway', '--eks-cluster', 'arn:aws:eks:us-west-1:123456789012:cluster/gateways']);
    expect(rendered.code).toBe(0);
    const output = JSON.parse(rendered.stdout);
    const gateway = output.invokeRoles.find((e: { role: string | null }) => e.role === null);
    const invoke = output.invokeRoles.find((e: { role: string | null }) => e.role === 'arn:aws:iam::123456789012:role/shop-least');
    expect(output.podIdentityAssociation).toEqual({ clusterName: 'gateways', namespace: 'gloo-mesh-gateways', serviceAccount: 'istio-ingressgateway', roleArn: GATEWAY });

    const iam = new IAMClient({ endpoint: moto().endpoint, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
    await iam.send(new CreateRoleCommand({ RoleName: 'gateway', AssumeRolePolicyDocument: JSON.stringify(gateway.trustPolicy) }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'gateway', PolicyName: 'assume-invoke-roles', PolicyDocument: JSON.stringify(gateway.invokePolicy) }));
    await iam.send(new CreateRoleCommand({ RoleName: 'shop-least', AssumeRolePolicyDocument: JSON.stringify(invoke.trustPolicy) }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'shop-least', PolicyName: 'invoke-routed-functions', PolicyDocument: JSON.stringify(invoke.invokePolicy) }));

    const result = await runCliAsync(['validate', FIXTURE, '--aws', '--strict-iam', '--gateway-role', GATEWAY, '-f', 'json', '-q'], { env: awsEnv(moto().endpoint) });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).diagnostics.filter((d: { code: string }) => d.code.startsWith('GW8'))).toEqual([]);
    expect(result.code).toBe(0);
  });
});
