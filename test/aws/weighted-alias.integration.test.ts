import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsEnv, throughProxy } from '../helpers/moto';
import { runCliAsync } from '../helpers/run-cli';
import { motoAvailable, useMoto } from './aws-tier';

/**
 * A weighted alias (RoutingConfig): `quotes:live` names version 1 (published with a 3 s timeout) and
 * sends a quarter of its invocations to version 2 (published with 100 s), as a canary of CodeDeploy's
 * makes it. GetFunctionConfiguration of the alias answers version 1's configuration only.
 */
const PLAN = {
  region: 'us-west-1',
  roles: [{ name: 'quotes-invoker', inline: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-west-1:123456789012:function:quotes*' }] } }],
  functions: [{ name: 'quotes', versions: 2, versionTimeouts: { 1: 3, 2: 100 }, aliases: { live: { version: '1', weights: { '2': 0.25 } }, stable: '1' } }],
};

const manifest = (qualifier: string) => `apiVersion: infrastructure.gloo.solo.io/v2
kind: CloudProvider
metadata: {name: aws, namespace: shop}
spec:
  aws: {accountId: '123456789012', region: us-west-1, lambda: {invokeRoleName: quotes-invoker}}
---
apiVersion: infrastructure.gloo.solo.io/v2
kind: CloudResources
metadata: {name: functions, namespace: shop}
spec:
  provider: aws
  aws:
    lambda:
      - lambdaFunctionName: quotes
        qualifier: ${qualifier}
---
apiVersion: networking.gloo.solo.io/v2
kind: VirtualGateway
metadata: {name: gw, namespace: shop}
spec:
  listeners: [{port: {number: 80}, http: {}}]
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: shop, namespace: shop}
spec:
  hosts: [shop.example.com]
  virtualGateways: [{name: gw}]
  http:
    - name: quotes
      matchers: [{uri: {prefix: /quotes}}]
      forwardTo:
        destinations:
          - awsLambda: {cloudProvider: {name: aws}, function: quotes, qualifier: ${qualifier}}
`;

describe.skipIf(!motoAvailable)('gwctl validate --aws: the versions a weighted alias sends invocations to, against moto_server', () => {
  const { moto } = useMoto(PLAN);
  const validate = async (qualifier: string, endpoint: string, ...extra: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-weighted-'));
    writeFileSync(join(dir, 'shop.yaml'), manifest(qualifier));
    const result = await runCliAsync(['validate', 'shop.yaml', '--aws', '-f', 'json', '-q', '--root', dir, ...extra], { env: awsEnv(endpoint), cwd: dir });
    return { code: result.code, stderr: result.stderr, said: JSON.parse(result.stdout).diagnostics.filter((d: { code: string }) => ['GW8007', 'GW8020', 'GW8021'].includes(d.code)).map((d: { code: string; severity: string; line: number; message: string }) => `${d.severity} ${d.code} ${d.line} ${d.message}`) };
  };

  it('reads the other version\'s timeout: the alias\'s own (version 1, 3 s) is within the route\'s, a quarter of its invocations may run 100 s (GW8020)', async () => {
    const result = await validate('live', moto().endpoint, '--route-timeout', '1m');
    expect(result.stderr).toBe('');
    expect(result.said).toEqual([
      'warning GW8020 34 version 2 of function quotes, to which alias live sends 25% of its invocations, may run for 100 s (its timeout in Lambda), and the route waits 60 s (--route-timeout): a request it still serves then is answered 504 while the function runs on to its end',
    ]);
    // long enough for both, nothing; an alias of one version, or the version itself, asks nothing more
    expect((await validate('live', moto().endpoint, '--route-timeout', '2m')).said).toEqual([]);
    expect((await validate('stable', moto().endpoint, '--route-timeout', '1m')).said).toEqual([]);
  });

  it('reads the other version\'s state (GW8021), and says what it could not check without lambda:GetAlias (GW8007)', async () => {
    const script = ({ method, url }: { method: string; url: string }) =>
      method === 'GET' && /^\/2015-03-31\/functions\/quotes\/configuration\?Qualifier=2$/.test(url)
        ? { status: 200, contentType: 'application/json', body: JSON.stringify({ FunctionName: 'quotes', Version: '2', Timeout: 3, State: 'Failed', StateReasonCode: 'InvalidImage', StateReason: 'The image is gone' }) }
        : undefined;
    await throughProxy(moto().endpoint, { script }, async (proxy) => {
      expect((await validate('live', proxy.endpoint, '--route-timeout', '1m')).said).toEqual([
        'error GW8021 14 version 2 of function quotes, to which alias live sends 25% of its invocations, is Failed in Lambda (InvalidImage: The image is gone): Lambda invokes no function in this state, and it stays so until the function is deleted and created again: every request routed to it fails',
      ]);
    });
    await throughProxy(moto().endpoint, { deny: true, match: /^GET \/2015-03-31\/functions\/quotes\/aliases\/live/ }, async (proxy) => {
      expect((await validate('live', proxy.endpoint, '--route-timeout', '1m')).said).toEqual([
        'warning GW8007 14 could not check the versions alias live of function quotes sends invocations to: the credentials lack lambda:GetAlias',
      ]);
    });
  });
});
