import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRoleCommand, GetRoleCommand, IAMClient, PutRolePolicyCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import { credentialsIn } from '../helpers/aws-seed';
import { awsEnv, freePort, throughProxy } from '../helpers/moto';
import { runCli, runCliAsync } from '../helpers/run-cli';
import { motoAvailable, SHOP, useMoto } from './aws-tier';

// the shop account, plus a function that only its resource policy lets the invoke role call; `reports`
// may run for two minutes, and orders-api's $LATEST for ten (its versions, which the routes name, for 3 s)
const TIMEOUTS: Readonly<Record<string, { timeout?: number; latestTimeout?: number }>> = { reports: { timeout: 120 }, 'orders-api': { latestTimeout: 600 } };
const PLAN = { ...SHOP, functions: [...SHOP.functions.map((f) => ({ ...f, ...TIMEOUTS[f.name] })), { name: 'invoices', versions: 1, aliases: { live: '1' }, permission: { principal: 'arn:aws:iam::123456789012:role/shop-invoker' } }] };

const FIXTURE = 'fixtures/aws/shop.yaml';

describe.skipIf(!motoAvailable)('gwctl validate --aws, against moto_server', () => {
  const { moto } = useMoto(PLAN);
  const validate = (env: Record<string, string>, ...extra: string[]) => runCliAsync(['validate', FIXTURE, '--aws', '-f', 'json', '-q', ...extra], { env });
  const byCode = (stdout: string) => {
    const out: Record<string, Array<{ line: number; column?: number; message: string }>> = {};
    for (const d of JSON.parse(stdout).diagnostics) (out[d.code] ??= []).push({ line: d.line, ...(d.code === 'GW8003' ? { column: d.column } : {}), message: d.message });
    return out;
  };

  it('finds what the live account disagrees with, each at its manifest field', async () => {
    const result = await validate(awsEnv(moto().endpoint));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const found = byCode(result.stdout);
    expect(found.GW8001).toEqual([{ line: 51, message: 'the AWS credentials are arn:aws:sts::123456789012:user/moto in account 123456789012, but CloudProvider partners/aws-elsewhere is account 999999999999: it could not be checked' }]);
    expect(found.GW8001).toHaveLength(1);
    expect(found.GW8002).toEqual([{ line: 46, message: 'IAM role `no-such-role` does not exist in account 123456789012' }]);
    // at the word at fault: the qualifier when only it is missing, the function's name when the function is
    expect(found.GW8003!.map((f) => [f.line, f.column, f.message])).toEqual([
      [29, 20, 'version 9 of function orders-api does not exist in account 123456789012, region us-west-1'],
      [31, 29, 'function ghost does not exist in account 123456789012, region us-west-1'],
    ]);
    expect(found.GW8005!.map((f) => f.message)).toEqual([
      'role `shop-invoker` may not invoke arn:aws:lambda:us-west-1:123456789012:function:orders-events: explicitly denied by managed policy shop-invoker-managed (statement 1)',
      'role `shop-invoker` may not invoke arn:aws:lambda:us-west-1:123456789012:function:reports: neither the role\'s policies nor the function\'s resource policy allow lambda:InvokeFunction on it',
    ]);
    expect(found.GW8005!.every((f) => f.line === 13)).toBe(true);
    expect(found.GW8006).toEqual([
      { line: 13, message: 'whether role `shop-invoker` may invoke arn:aws:lambda:us-west-1:123456789012:function:audit depends on aws:SourceIp in inline policy shop-invoker-inline (AuditFromTheOffice), which gwctl cannot evaluate offline' },
    ]);
    // the iamRoles patterns are for any account, and the partner's was not checked: they are not judged
    // (the --assume-role tests below judge them against both accounts)
    expect(found.GW8004).toBeUndefined();
    // orders-api:live and orders-api:1 exist and orders-api:live may be invoked: no finding for them;
    // invoices is allowed by its resource policy alone (same account: either kind of policy suffices)
    expect(JSON.stringify(found)).not.toMatch(/function:orders-api:live|version 1 of|invoices/);
  });

  it('compares the timeout of each function a request waits on with the route timeout (GW8020): information against the renders\' default, a warning against one given', async () => {
    const outlasting = (stdout: string) => JSON.parse(stdout).diagnostics.filter((d: { code: string }) => d.code === 'GW8020').map((d: { severity: string; line: number; message: string }) => [d.severity, d.line, d.message]);
    const said = (route: number, from: string) => `function reports may run for 120 s (its timeout in Lambda), and the route waits ${route} s (${from}): a request it still serves then is answered 504 while the function runs on to its end`;
    // the version the alias names is read (3 s), not $LATEST (600 s): orders-api:live is not said
    const byDefault = await validate(awsEnv(moto().endpoint));
    expect(outlasting(byDefault.stdout)).toEqual([['info', 117, said(35, "the default of gwctl's renders; --route-timeout sets it")]]);
    const given = await validate(awsEnv(moto().endpoint), '--route-timeout', '1m');
    expect(outlasting(given.stdout)).toEqual([['warning', 117, said(60, '--route-timeout')]]);
    // as long as the function's own: the router waits for Lambda's answer
    expect(outlasting((await validate(awsEnv(moto().endpoint), '--route-timeout', '2m')).stdout)).toEqual([]);
    // the configuration file's render.routeTimeout is the one render writes, and the one validate compares
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-aws-timeout-'));
    const manifest = readFileSync(FIXTURE, 'utf8');
    writeFileSync(join(dir, 'shop.yaml'), manifest);
    writeFileSync(join(dir, '.gwctl.yaml'), 'render:\n  routeTimeout: 90s\n');
    const configured = await runCliAsync(['validate', 'shop.yaml', '--aws', '-f', 'json', '-q', '--root', dir], { env: awsEnv(moto().endpoint), cwd: dir });
    expect(outlasting(configured.stdout)).toEqual([['warning', 117, said(90, 'render.routeTimeout in the configuration file')]]);
    // on Gloo Platform's gateway a RetryTimeoutPolicy sets the route's timeout: the longest of those that
    // select the route by label is read, and said, where the renders' is not
    const policy = (name: string, timeout: string, labels = '{timeout: long}') => `---\napiVersion: resilience.policy.gloo.solo.io/v2\nkind: RetryTimeoutPolicy\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  applyToRoutes:\n    - route:\n        labels: ${labels}\n  config:\n    requestTimeout: ${timeout}\n`;
    const labelled = manifest.replace('    - name: reports\n', '    - name: reports\n      labels: {timeout: long}\n').replace('    - name: orders\n', '    - name: orders\n      labels: {timeout: other}\n');
    writeFileSync(join(dir, '.gwctl.yaml'), '{}\n');
    const withPolicies = async (...policies: string[]) => {
      writeFileSync(join(dir, 'shop.yaml'), labelled + policies.join(''));
      return outlasting((await runCliAsync(['validate', 'shop.yaml', '--aws', '-f', 'json', '-q', '--root', dir], { env: awsEnv(moto().endpoint), cwd: dir })).stdout);
    };
    // in the form Go's ParseDuration reads, which the policy's proto names (`1m30s` is 90 s)
    expect(await withPolicies(policy('reports-wait', '1m30s'))).toEqual([['warning', 119, said(90, 'the requestTimeout of RetryTimeoutPolicy shop/reports-wait')]]);
    expect(await withPolicies(policy('short', '0.5s'), policy('reports-wait', '2.5m'))).toEqual([]);
    // `0s` is no timeout at all ("the Envoy timeout for HTTP requests is disabled in Istio"), longer than any other
    expect(await withPolicies(policy('short', '1m'), policy('unbounded', '0s'))).toEqual([]);
    // on Gloo Platform's gateway its perTryTimeout ends each attempt, the first too: the wait is the shorter
    const retrying = (name: string, config: string, labels = '{timeout: long}') => `---\napiVersion: resilience.policy.gloo.solo.io/v2\nkind: RetryTimeoutPolicy\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  applyToRoutes:\n    - route:\n        labels: ${labels}\n  config:\n${config}`;
    const perTry = (name: string, seconds: number) => said(seconds, `the perTryTimeout of RetryTimeoutPolicy shop/${name}, which ends each attempt on Gloo Platform's gateway`);
    expect(await withPolicies(retrying('attempts', '    requestTimeout: 5m\n    retries: {attempts: 2, retryOn: connect-failure, perTryTimeout: 30s}\n'))).toEqual([['warning', 119, perTry('attempts', 30)]]);
    expect(await withPolicies(retrying('attempts', '    requestTimeout: 5m\n    retries: {perTryTimeout: 3m}\n'))).toEqual([]);
    // retries alone: no request timeout (Istio's default is none), and each attempt ends at 1 minute
    expect(await withPolicies(retrying('retries-only', '    retries: {perTryTimeout: 1m}\n'))).toEqual([['warning', 119, perTry('retries-only', 60)]]);
    // attempts: 0 writes no retry policy, and so no per-try timeout (and is GW2015 beside it)
    expect(await withPolicies(retrying('no-attempts', '    requestTimeout: 5m\n    retries: {attempts: 0, perTryTimeout: 30s}\n'))).toEqual([]);
    // one that selects another route (orders) leaves this one to the renders' timeout
    expect(await withPolicies(policy('elsewhere', '150s', '{timeout: other}'))).toEqual([['info', 119, said(35, "the default of gwctl's renders; --route-timeout sets it")]]);
    // queued (ASYNC): the gateway answers 202 once Lambda has the event, and nobody waits for its end
    writeFileSync(join(dir, 'shop.yaml'), manifest.replace('              function: reports\n', '              function: reports\n              options:\n                invocationStyle: ASYNC\n'));
    expect(outlasting((await runCliAsync(['validate', 'shop.yaml', '--aws', '-f', 'json', '-q', '--route-timeout', '1m', '--root', dir], { env: awsEnv(moto().endpoint), cwd: dir })).stdout)).toEqual([]);
  });

  it('a routed function Lambda does not invoke as it stands is said (GW8021): Failed an error, Inactive and Pending warnings', async () => {
    // moto's functions are all Active: the proxy answers as Lambda does for functions in the other states
    const states: Record<string, object> = {
      audit: { State: 'Failed', StateReasonCode: 'SubnetOutOfIPAddresses', StateReason: 'All subnets are out of IP addresses\u001b[2J' },
      'orders-events': { State: 'Inactive', StateReasonCode: 'Idle', StateReason: 'Function has been idle' },
      invoices: { State: 'Pending', StateReasonCode: 'Creating' },
      // declared, routed by no route: nothing invokes it
      ghost: { State: 'Failed' },
    };
    const script = ({ method, url }: { method: string; url: string }) => {
      const name = /^\/2015-03-31\/functions\/([^/?]+)\/configuration/.exec(url)?.[1];
      const state = method === 'GET' && name ? states[decodeURIComponent(name)] : undefined;
      return state ? { status: 200, contentType: 'application/json', body: JSON.stringify({ FunctionName: name, FunctionArn: `arn:aws:lambda:us-west-1:123456789012:function:${name}`, Timeout: 3, ...state }) } : undefined;
    };
    await throughProxy(moto().endpoint, { script }, async (proxy) => {
      const result = await validate(awsEnv(proxy.endpoint));
      expect(result.code).toBe(1);
      const said = JSON.parse(result.stdout).diagnostics.filter((d: { code: string }) => d.code === 'GW8021').map((d: { severity: string; line: number; message: string }) => [d.severity, d.line, d.message]);
      expect(said).toEqual([
        ['warning', 30, 'function orders-events is Inactive in Lambda (Idle: Function has been idle): idle long enough for Lambda to reclaim its resources, it fails the first requests routed to it while Lambda restores them, and stays Inactive if that fails'],
        ['error', 33, 'function audit is Failed in Lambda (SubnetOutOfIPAddresses: All subnets are out of IP addresses\\x1b[2J): Lambda invokes no function in this state, and it stays so until the function is deleted and created again: every request routed to it fails'],
        ['warning', 34, 'function invoices is Pending in Lambda (Creating): Lambda invokes it only once it is Active: requests routed to it fail until then'],
      ]);
    });
  });

  it('a routed function whose last update is not in effect is said (GW8022): Failed a warning, InProgress information', async () => {
    // moto's updates all succeed at once: the proxy answers as Lambda does for the others
    const updates: Record<string, object> = {
      'orders-events': { LastUpdateStatus: 'Failed', LastUpdateStatusReasonCode: 'EniLimitExceeded', LastUpdateStatusReason: 'Lambda was not able to create an ENI\u001b]0;x\u0007' },
      invoices: { LastUpdateStatus: 'InProgress' },
      audit: { LastUpdateStatus: 'Successful' },
      // declared, routed by no route: nothing invokes it
      ghost: { LastUpdateStatus: 'Failed' },
    };
    const script = ({ method, url }: { method: string; url: string }) => {
      const name = /^\/2015-03-31\/functions\/([^/?]+)\/configuration/.exec(url)?.[1];
      const update = method === 'GET' && name ? updates[decodeURIComponent(name)] : undefined;
      return update ? { status: 200, contentType: 'application/json', body: JSON.stringify({ FunctionName: name, FunctionArn: `arn:aws:lambda:us-west-1:123456789012:function:${name}`, Timeout: 3, State: 'Active', ...update }) } : undefined;
    };
    await throughProxy(moto().endpoint, { script }, async (proxy) => {
      const result = await validate(awsEnv(proxy.endpoint));
      const said = JSON.parse(result.stdout).diagnostics.filter((d: { code: string }) => /GW802[12]/.test(d.code)).map((d: { code: string; severity: string; line: number; message: string }) => [d.code, d.severity, d.line, d.message]);
      expect(said).toEqual([
        ['GW8022', 'warning', 30, 'function orders-events: its last update is Failed in Lambda (EniLimitExceeded: Lambda was not able to create an ENI\\x1b]0;x\\x07): Lambda abandoned the update, and requests routed to it run the code and configuration from before it'],
        ['GW8022', 'info', 34, 'function invoices: its last update is InProgress in Lambda: until it completes, requests routed to it run the code and configuration from before it (and the timeout read here may be the new one)'],
      ]);
    });
  });

  it('--route-timeout without --aws, or not a duration the renders take, is a usage error', () => {
    expect(runCli(['validate', FIXTURE, '--route-timeout', '1m'])).toMatchObject({ code: 2, stdout: '', stderr: "gwctl: error: --route-timeout is compared with the functions' own timeouts in AWS: give --aws too\n" });
    expect(runCli(['validate', FIXTURE, '--aws', '--route-timeout', '20m'])).toMatchObject({ code: 2, stdout: '', stderr: "gwctl: error: --route-timeout 20m: longer than Lambda's 15 minutes, the longest a function runs\n" });
    // a render setting validate reads only with --aws: without it, one render would refuse ends no run
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-aws-timeout-'));
    writeFileSync(join(dir, 'shop.yaml'), readFileSync(FIXTURE, 'utf8'));
    writeFileSync(join(dir, '.gwctl.yaml'), 'render:\n  routeTimeout: soon\n');
    expect(runCli(['validate', 'shop.yaml', '-q', '--root', dir], { cwd: dir }).code).toBe(0);
    expect(runCli(['validate', 'shop.yaml', '-q', '--aws', '--root', dir], { cwd: dir })).toMatchObject({ code: 2, stdout: '', stderr: 'gwctl: error: --route-timeout soon: expected a duration such as 35s, 2m or 1500ms\n' });
  });

  it('judges a role only on the functions a request can invoke: not those of a route on a port no listener has', async () => {
    // `reports`, which the role may not invoke (GW8005 above), routed by a matcher of port 8443 only: no
    // listener has it (GW4043), so no request invokes the function, and render --target iam grants nothing
    const manifest = readFileSync(FIXTURE, 'utf8').replace('            prefix: /reports\n', '            prefix: /reports\n          port: 8443\n');
    const file = join(mkdtempSync(join(tmpdir(), 'gwctl-aws-port-')), 'shop.yaml');
    writeFileSync(file, manifest);
    const result = await runCliAsync(['validate', file, '--aws', '-f', 'json', '-q'], { env: awsEnv(moto().endpoint) });
    const found = byCode(result.stdout);
    expect(found.GW4043!.map((f) => f.message)).toEqual([expect.stringContaining('route `shop/reports` is for port 8443')]);
    expect(found.GW8005!.map((f) => f.message)).toEqual([expect.stringContaining('may not invoke arn:aws:lambda:us-west-1:123456789012:function:orders-events:')]);
    // the function must still exist: it is declared, and checked as every declared function is
    expect(found.GW8003).toHaveLength(2);
  });

  it('a policy\'s Lambda destination is looked up and its invocation judged as a route\'s: a mirror to a function that does not exist, one the role may not invoke', async () => {
    // `reports` on port 8443 alone, which no request reaches (the test above): only the mirror invokes it
    const mirror = (name: string, fn: string) =>
      `---\napiVersion: trafficcontrol.policy.gloo.solo.io/v2\nkind: MirrorPolicy\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  config:\n    destination:\n      awsLambda:\n        cloudProvider: {name: aws-shop}\n        function: ${fn}\n`;
    const manifest = readFileSync(FIXTURE, 'utf8').replace('            prefix: /reports\n', '            prefix: /reports\n          port: 8443\n');
    const lines = manifest.split('\n').length;
    const file = join(mkdtempSync(join(tmpdir(), 'gwctl-aws-mirror-')), 'shop.yaml');
    // a version of a function that exists, which it does not have: said at the policy's `qualifier`
    const version = mirror('to-version', 'orders-api').replace('        function: orders-api\n', "        function: orders-api\n        qualifier: '7'\n");
    writeFileSync(file, manifest + mirror('to-reports', 'reports') + mirror('to-nothing', 'orders-shadow') + version);
    const result = await runCliAsync(['validate', file, '--aws', '-f', 'json', '-q'], { env: awsEnv(moto().endpoint) });
    expect(result.stderr).toBe('');
    const found = byCode(result.stdout);
    // each policy's function at its own `function:` line: the manifest, then ten lines a policy
    expect(found.GW3007!.map((f) => [f.line, f.message])).toEqual([
      [lines + 19, expect.stringContaining('function `orders-shadow`')],
      [lines + 29, expect.stringContaining('function `orders-api` (qualifier `7`)')],
    ]);
    expect(found.GW8003!.map((f) => [f.line, f.column, f.message])).toEqual([
      [29, 20, 'version 9 of function orders-api does not exist in account 123456789012, region us-west-1'],
      [31, 29, 'function ghost does not exist in account 123456789012, region us-west-1'],
      [lines + 19, 19, 'function orders-shadow does not exist in account 123456789012, region us-west-1'],
      [lines + 30, 20, 'version 7 of function orders-api does not exist in account 123456789012, region us-west-1'],
    ]);
    expect(found.GW8005!.map((f) => f.message)).toEqual([
      expect.stringContaining('may not invoke arn:aws:lambda:us-west-1:123456789012:function:orders-events:'),
      expect.stringContaining('may not invoke arn:aws:lambda:us-west-1:123456789012:function:reports:'),
    ]);
  });

  it('a name AWS refuses to look up (a region, a role, a function, a qualifier) is an error, and the rest is checked', async () => {
    // first in the files: the region the identity is asked in was the first provider's, which the AWS SDK
    // refused ("Region not accepted"), and the run ended there, exit 2, with no report; IAM and Lambda
    // answer a malformed name with a validation error (the proxy below answers as they do), which ended it too
    const bad =
      `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: aws-nowhere, namespace: shop}\nspec:\n  aws:\n    accountId: '123456789012'\n    region: "evil.example.com/x?"\n    lambda: {invokeRoleName: shop-invoker}\n---\n` +
      `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: aws-bad-names, namespace: shop}\nspec:\n  aws:\n    accountId: '123456789012'\n    region: us-west-1\n    lambda: {invokeRoleName: "shop invoker!"}\n---\n` +
      `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: bad-names, namespace: shop}\nspec:\n  provider: aws-bad-names\n  aws:\n    lambda:\n      - {lambdaFunctionName: "orders api"}\n      - {lambdaFunctionName: orders-api, qualifier: "v 1"}\n---\n`;
    const byArn = `---\napiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: by-arn, namespace: shop}\nspec:\n  hosts: [arn.example.com]\n  http:\n    - name: r\n      forwardTo:\n        destinations:\n          - awsLambda: {cloudProvider: {name: aws-shop}, function: 'arn:aws:lambda:xx-1:123456789012:function:orders-api'}\n`;
    const file = join(mkdtempSync(join(tmpdir(), 'gwctl-aws-names-')), 'shop.yaml');
    writeFileSync(file, bad + readFileSync(FIXTURE, 'utf8') + byArn);
    const validation = (service: string) => ({ status: 400, contentType: service === 'iam' ? 'text/xml' : 'application/json', body: service === 'iam' ? '<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>1 validation error detected</Message></Error></ErrorResponse>' : '{"__type":"ValidationException","message":"1 validation error detected"}' });
    const script = ({ url, body }: { url: string; body: string }) => (/shop(\+|%20| )invoker/.test(body) ? validation('iam') : /orders(%20| )api|v(%20| )1/.test(url) ? validation('lambda') : undefined);
    await throughProxy(moto().endpoint, { script }, async (proxy) => {
      const result = await runCliAsync(['validate', file, '--aws', '-f', 'json', '-q'], { env: awsEnv(proxy.endpoint) });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(1);
      const found = byCode(result.stdout);
      expect(found.GW8011!.map((f) => f.message).sort()).toEqual([
        'CloudProvider shop/aws-nowhere was not checked against AWS: `evil.example.com/x?` is not the name of an AWS region',
        'IAM role `shop invoker!` was not checked against AWS: `shop invoker!` is not an IAM role name',
        'function orders api was not checked against AWS: `orders api` is not a Lambda function name',
        'function orders-api was not checked against AWS: `xx-1` is not the name of an AWS region',
        'alias v 1 of function orders-api was not checked against AWS: `v 1` is not a Lambda qualifier',
      ].sort());
      expect(found.GW8011!.find((f) => f.message.startsWith('CloudProvider'))!.line).toBe(7);
      // the schema says what is wrong with each field, and the shop's own findings are all there
      expect(found.GW2006!.map((f) => f.line)).toEqual(expect.arrayContaining([7, 17]));
      expect(found.GW8002).toEqual([{ line: 74, message: 'IAM role `no-such-role` does not exist in account 123456789012' }]);
      expect(found.GW8003).toHaveLength(2);
    });
  });

  it('a region of AWS\'s form that AWS does not have: its functions are an error where no endpoint answers, and the rest is checked', async () => {
    // the first provider (by namespace and name): the identity was asked in its region, where nothing
    // answers, and that, or the first call for its function, ended the run (exit 2) with no report
    const typo = `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: aws-typo, namespace: a-team}\nspec:\n  aws:\n    accountId: '123456789012'\n    region: us-wset-1\n    lambda: {invokeRoleName: shop-invoker}\n---\napiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: typo-functions, namespace: a-team}\nspec:\n  provider: aws-typo\n  aws:\n    lambda:\n      - {lambdaFunctionName: orders-api}\n---\n`;
    const file = join(mkdtempSync(join(tmpdir(), 'gwctl-aws-typo-')), 'shop.yaml');
    writeFileSync(file, typo + readFileSync(FIXTURE, 'utf8'));
    // the calls signed for us-wset-1 find nothing listening
    await throughProxy(moto().endpoint, { reset: true, match: /\/us-wset-1\/(lambda|sts)\/aws4_request/ }, async (proxy) => {
      const result = await runCliAsync(['validate', file, '--aws', '-f', 'json', '-q'], { env: awsEnv(proxy.endpoint) });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(1);
      const found = byCode(result.stdout);
      expect(found.GW3014!.map((f) => f.line)).toEqual([7]);
      expect(found.GW8011).toEqual([{ line: 17, message: 'function orders-api was not checked against AWS: `us-wset-1` is not a region AWS answers in' }]);
      expect(found.GW8003).toHaveLength(2);
      expect(proxy.faults()).toBeGreaterThan(0);
    });
  });

  it('a provider of another account is an error, skipped only when the user says so', async () => {
    const skipped = await validate(awsEnv(moto().endpoint), '--suppress', 'GW8001=CloudProvider partners/aws-elsewhere');
    expect(byCode(skipped.stdout).GW8001).toBeUndefined();
    expect(JSON.parse(skipped.stdout).diagnostics.filter((d: { severity: string }) => d.severity === 'error').length).toBeGreaterThan(0);
  });

  // Bounds on work, not on the clock (machine load would break those): a refused connection ends the run
  // (the test's own timeout is the hang bound), a slow endpoint gets at most validate's 5 attempts.
  it('a dead endpoint is a clear error, exit 2', async () => {
    const port = await freePort();
    const result = await validate(awsEnv(`http://127.0.0.1:${port}`));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^gwctl: error: cannot reach AWS at http://127\\.0\\.0\\.1:${port} for sts:GetCallerIdentity \\(connection refused; 5 attempts\\)\n$`));
  });

  // The three tests below wait on the SDK's backoff and timeouts more than they compute: they run side by
  // side, each with a proxy of its own in front of moto, which they only read.
  it.concurrent('survives throttling: the SDK retries with backoff', async ({ expect }) => {
    await throughProxy(moto().endpoint, { throttle: 4 }, async (proxy) => {
      const result = await validate(awsEnv(proxy.endpoint));
      expect(proxy.faults()).toBe(4);
      expect(result.code).toBe(1);
      expect(Object.keys(byCode(result.stdout))).toEqual(expect.arrayContaining(['GW8002', 'GW8003', 'GW8005']));
    });
  });

  it.concurrent('turns AccessDenied into a finding naming the permission gwctl needs', async ({ expect }) => {
    await throughProxy(moto().endpoint, { deny: true, match: /Action=ListRoles/ }, async (proxy) => {
      const result = await validate(awsEnv(proxy.endpoint), '--assume-role', 'gwctl-readonly');
      // one finding per account the pattern is meant for, each naming the permission
      expect(byCode(result.stdout).GW8007).toEqual(
        ['123456789012', '999999999999'].map((account) => ({ line: 80, message: `could not check the iamRoles filters against the roles of account ${account}: the credentials lack iam:ListRoles` })),
      );
    });
  });

  it.concurrent('the SDK\'s warnings are one line each, said once, however many clients meet them', async ({ expect }) => {
    // a profile and static keys both set: the SDK warns, in several lines, from each client it resolves
    // credentials for (STS, IAM and Lambda here)
    const credentials = join(mkdtempSync(join(tmpdir(), 'gwctl-aws-profile-')), 'credentials');
    writeFileSync(credentials, '[ci]\naws_access_key_id = testing\naws_secret_access_key = testing\n');
    const result = await validate({ ...awsEnv(moto().endpoint), AWS_PROFILE: 'ci', AWS_SHARED_CREDENTIALS_FILE: credentials });
    expect(result.code).toBe(1);
    const sdk = result.stderr.split('\n').filter((line) => line.includes('AWS SDK'));
    expect(sdk).toHaveLength(1);
    expect(sdk[0]).toMatch(/^gwctl: warning: AWS SDK: Multiple credential sources detected: Both AWS_PROFILE and the pair AWS_ACCESS_KEY_ID\/AWS_SECRET_ACCESS_KEY static credentials are set\. [^\n]*$/);
  });

  it.concurrent('credentials AWS rejects (HTTP 403, as AccessDenied is) stop the run as rejected credentials, not as permissions to grant', async ({ expect }) => {
    // from the start: STS answers who the caller is with ExpiredToken
    await throughProxy(moto().endpoint, { reject: 'ExpiredToken', match: /Action=GetCallerIdentity/ }, async (proxy) => {
      const result = await validate(awsEnv(proxy.endpoint));
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^gwctl: error: AWS rejected the credentials: sts GetCallerIdentity failed at http:\/\/127\.0\.0\.1:\d+: ExpiredToken: The security token included in the request is expired \(check --profile or the AWS_\* variables\)\n$/);
    });
    // part way: the assumed role's session ends (it lasts 15 minutes) while Lambda is being read
    await throughProxy(moto().endpoint, { reject: 'ExpiredTokenException', match: /\/functions\// }, async (proxy) => {
      const result = await validate(awsEnv(proxy.endpoint));
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^gwctl: error: AWS rejected the credentials: lambda GetFunctionConfiguration failed at .*: ExpiredTokenException: The security token included in the request is expired \(check --profile or the AWS_\* variables\)\n$/);
    });
  });

  it.concurrent('reads every page of a role\'s policies: a grant or a deny on a later page still counts', async ({ expect }) => {
    // IAM may answer a list with fewer items than asked for, and IsTruncated: here the first page of each
    // of the role's policy lists is empty, the policies on the page after it
    const firstPage = (action: string, list: string) =>
      `<${action}Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><${action}Result><${list}/><IsTruncated>true</IsTruncated><Marker>page-2</Marker></${action}Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></${action}Response>`;
    await throughProxy(moto().endpoint, {
      match: /Action=List(Attached)?RolePolicies/,
      script: ({ body }) => {
        if (body.includes('Marker=page-2')) return { forward: body.replace('&Marker=page-2', '').replace('Marker=page-2&', '') };
        return body.includes('Action=ListAttachedRolePolicies')
          ? { status: 200, contentType: 'text/xml', body: firstPage('ListAttachedRolePolicies', 'AttachedPolicies') }
          : { status: 200, contentType: 'text/xml', body: firstPage('ListRolePolicies', 'PolicyNames') };
      },
    }, async (proxy) => {
      const paged = await validate(awsEnv(proxy.endpoint));
      // both lists of the role with policies were read a page at a time
      expect(proxy.faults()).toBeGreaterThanOrEqual(4);
      const direct = await validate(awsEnv(moto().endpoint));
      expect(byCode(paged.stdout).GW8005).toEqual(byCode(direct.stdout).GW8005);
      expect(byCode(paged.stdout).GW8005!.map((f) => f.message)).toEqual([
        expect.stringContaining('function:orders-events: explicitly denied by managed policy shop-invoker-managed'),
        expect.stringContaining('function:reports: neither'),
      ]);
    });
  });

  it.concurrent('a route to an alias is judged by the alias\'s resource policy, which Lambda keeps apart from the function\'s', async ({ expect }) => {
    // AddPermission with a qualifier grants on that version or alias alone, and GetPolicy answers per
    // qualifier (moto answers every qualifier with the function's policy: the proxy answers as Lambda
    // does, a policy on one of the two and none on the other)
    const manifest = readFileSync(FIXTURE, 'utf8').replace('      - lambdaFunctionName: invoices\n', '      - lambdaFunctionName: invoices\n        qualifier: live\n').replace('              function: invoices\n', '              function: invoices\n              qualifier: live\n');
    const file = join(mkdtempSync(join(tmpdir(), 'gwctl-aws-alias-')), 'shop.yaml');
    writeFileSync(file, manifest);
    const run = (script: (r: { url: string }) => { status: number; contentType: string; body: string } | undefined) =>
      throughProxy(moto().endpoint, { match: /GET \/2015-03-31\/functions\/invoices\/policy/, script }, (proxy) => runCliAsync(['validate', file, '--aws', '-f', 'json', '-q'], { env: awsEnv(proxy.endpoint) }));
    const none = { status: 404, contentType: 'application/json', body: JSON.stringify({ __type: 'ResourceNotFoundException', message: 'No policy is associated with the given resource.' }) };
    const grant = (resource: string) => ({ Sid: 'gateway', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/shop-invoker' }, Action: 'lambda:InvokeFunction', Resource: resource });
    const policy = { status: 200, contentType: 'application/json', body: JSON.stringify({ Policy: JSON.stringify({ Version: '2012-10-17', Statement: [grant('arn:aws:lambda:us-west-1:123456789012:function:invoices:live')] }) }) };
    const onAlias = await run(({ url }) => (url.includes('Qualifier=live') ? policy : none));
    expect(JSON.stringify(byCode(onAlias.stdout).GW8005)).not.toContain('invoices');
    // the grant on the function itself does not reach the alias
    const onFunction = await run(({ url }) => (url.includes('Qualifier=live') ? none : { ...policy, body: JSON.stringify({ Policy: JSON.stringify({ Version: '2012-10-17', Statement: [grant('arn:aws:lambda:us-west-1:123456789012:function:invoices')] }) }) }));
    expect(byCode(onFunction.stdout).GW8005!.map((f) => f.message)).toContain('role `shop-invoker` may not invoke arn:aws:lambda:us-west-1:123456789012:function:invoices:live: neither the role\'s policies nor the function\'s resource policy allow lambda:InvokeFunction on it');
  });

  it.concurrent('a managed policy is read at its default version, the one IAM enforces', async ({ expect }) => {
    // v2 of shop-invoker-managed, the default now, no longer denies orders-events (moto holds v1 alone:
    // the proxy answers for v2 as IAM would)
    const iam = (action: string, result: string) => `<${action}Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></${action}Response>`;
    const v2 = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'lambda:DeleteFunction', Resource: '*' }] };
    await throughProxy(moto().endpoint, {
      match: /Action=GetPolicy(Version)?&.*shop-invoker-managed/,
      script: ({ body }) => {
        if (body.startsWith('Action=GetPolicy&')) return { status: 200, contentType: 'text/xml', body: iam('GetPolicy', '<Policy><PolicyName>shop-invoker-managed</PolicyName><DefaultVersionId>v2</DefaultVersionId><PolicyId>P</PolicyId><Path>/</Path><Arn>arn:aws:iam::123456789012:policy/shop-invoker-managed</Arn><AttachmentCount>1</AttachmentCount><IsAttachable>true</IsAttachable></Policy>') };
        if (body.includes('VersionId=v2')) return { status: 200, contentType: 'text/xml', body: iam('GetPolicyVersion', `<PolicyVersion><Document>${encodeURIComponent(JSON.stringify(v2))}</Document><VersionId>v2</VersionId><IsDefaultVersion>true</IsDefaultVersion></PolicyVersion>`) };
        return undefined;
      },
    }, async (proxy) => {
      const result = await validate(awsEnv(proxy.endpoint));
      expect(proxy.faults()).toBe(2);
      const denied = byCode(result.stdout).GW8005!.map((f) => f.message);
      expect(denied).toEqual([expect.stringContaining('function:reports: neither')]);
    });
  });

  it.concurrent('a policy document AWS would not have stored is an error naming the call and the policy, exit 2', async ({ expect }) => {
    await throughProxy(moto().endpoint, {
      match: /GET \/2015-03-31\/functions\/invoices\/policy/,
      script: () => ({ status: 200, contentType: 'application/json', body: JSON.stringify({ Policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: { 'lambda:InvokeFunction': 1 } }] }) }) }),
    }, async (proxy) => {
      const result = await validate(awsEnv(proxy.endpoint));
      expect(result.stderr).toBe('gwctl: error: lambda GetPolicy answered the resource policy of invoices as a policy document gwctl cannot read: statement 1: Action is not a string or a list of strings\n');
      expect(result.code).toBe(2);
      expect(proxy.faults()).toBe(1);
    });
  });

  it.concurrent('a slow endpoint times out after a bounded number of attempts, exit 2, never a hang', async ({ expect }) => {
    await throughProxy(moto().endpoint, { delayMs: 20_000 }, async (proxy) => {
      const result = await validate(awsEnv(proxy.endpoint), '--aws-timeout', '1');
      expect(result.code).toBe(2);
      // in gwctl's words: what it could not do, the bound and the attempts; nothing of the SDK's internals
      expect(result.stderr).toMatch(/^gwctl: error: cannot reach AWS at http:\/\/127\.0\.0\.1:\d+ for sts:GetCallerIdentity \(no answer within 1 s; 5 attempts\)\n$/);
      // the first call (sts:GetCallerIdentity) ends the run: each of its attempts reached the proxy once
      expect(proxy.faults()).toBeGreaterThan(0);
      expect(proxy.faults()).toBeLessThanOrEqual(5);
    });
  });

  it('missing credentials are a clear error, exit 2', () => {
    const env = { ...awsEnv(moto().endpoint), AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
    const result = runCli(['validate', FIXTURE, '--aws', '-q'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^gwctl: error: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

// The shop account again, its invoke role capped by a permissions boundary that allows only S3
const BOUNDED = { ...SHOP, roles: [{ ...SHOP.roles[0]!, boundary: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } }, ...SHOP.roles.slice(1)] };

describe.skipIf(!motoAvailable)('gwctl validate --aws: permissions boundaries, against moto_server', () => {
  const { moto } = useMoto(BOUNDED);

  it('a boundary that does not allow lambda:InvokeFunction denies what the role\'s policies allow', async () => {
    const result = await runCliAsync(['validate', FIXTURE, '--aws', '-f', 'json', '-q'], { env: awsEnv(moto().endpoint) });
    const messages = JSON.parse(result.stdout).diagnostics.filter((d: { code: string }) => d.code === 'GW8005').map((d: { message: string }) => d.message);
    expect(messages).toContain('role `shop-invoker` may not invoke arn:aws:lambda:us-west-1:123456789012:function:orders-api:live: its permissions boundary shop-invoker-boundary does not allow lambda:InvokeFunction on it');
  });
});

// Two accounts: the shop's, and the partner account 999999999999 (its provider, aws-elsewhere, in the fixture)
const PARTNER = {
  region: 'us-west-1',
  account: '999999999999',
  roles: [{ name: 'partner-invoker', inline: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-west-1:999999999999:function:partner-quotes' }] } }, { name: 'partner-ops' }],
  functions: [{ name: 'partner-quotes' }],
};

describe.skipIf(!motoAvailable)('gwctl validate --aws --assume-role: one run, every account, against moto_server', () => {
  const { moto } = useMoto([SHOP, PARTNER]);
  const diagnostics = (stdout: string): Array<{ code: string; severity: string; message: string }> => JSON.parse(stdout).diagnostics;

  it('checks each provider in its own account as the named role: no provider is left unchecked', async () => {
    const result = await runCliAsync(['validate', FIXTURE, '--aws', '--assume-role', 'gwctl-readonly', '-f', 'json', '-q'], { env: awsEnv(moto().endpoint) });
    const found = diagnostics(result.stdout);
    expect(result.stderr).toBe('');
    expect(found.filter((d) => d.code === 'GW8001')).toEqual([]);
    // partner-invoker exists in the partner account: no GW8002 for it; no-such-role is still missing in the shop's
    expect(found.filter((d) => d.code === 'GW8002').map((d) => d.message)).toEqual(['IAM role `no-such-role` does not exist in account 123456789012']);
    // an iamRoles pattern without accountIds is meant for every account checked, and judged against all their roles
    expect(found.filter((d) => d.code === 'GW8004').map((d) => d.message)).toEqual(['`shop-invokr` matches none of the 4 IAM roles of account 123456789012, 999999999999; the closest is `shop-invoker`']);
  });

  it('looks a provider\'s functions up in its own account, as the role assumed there', async () => {
    // a route of the partner's provider to its function, which exists in the partner account only
    const file = join(mkdtempSync(join(tmpdir(), 'gwctl-aws-partner-')), 'shop.yaml');
    writeFileSync(file, readFileSync(FIXTURE, 'utf8') + '---\napiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: partner-functions, namespace: partners}\nspec:\n  provider: aws-elsewhere\n  aws:\n    lambda:\n      - lambdaFunctionName: partner-quotes\n---\napiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: partner, namespace: partners}\nspec:\n  hosts: [partner.example.com]\n  http:\n    - name: quotes\n      forwardTo:\n        destinations:\n          - awsLambda:\n              cloudProvider: {name: aws-elsewhere, namespace: partners}\n              function: partner-quotes\n');
    const result = await runCliAsync(['validate', file, '--aws', '--assume-role', 'gwctl-readonly', '-f', 'json', '-q'], { env: awsEnv(moto().endpoint) });
    const found = diagnostics(result.stdout);
    expect(result.stderr).toBe('');
    expect(found.filter((d) => /partner-quotes/.test(d.message))).toEqual([]);
    // with the credentials given (account 123456789012) it was "function partner-quotes does not exist"
    expect(found.filter((d) => d.code === 'GW8003').map((d) => d.message)).toEqual([
      'version 9 of function orders-api does not exist in account 123456789012, region us-west-1',
      'function ghost does not exist in account 123456789012, region us-west-1',
      'function invoices does not exist in account 123456789012, region us-west-1',
    ]);
  });

  it('a provider whose account id is none is an error, and the others are checked', async () => {
    // the role ARN made of it (arn:aws:iam::12345:role/gwctl-readonly) is answered with a ValidationError,
    // which ended the run, exit 2, with no report
    const file = join(mkdtempSync(join(tmpdir(), 'gwctl-aws-account-')), 'shop.yaml');
    writeFileSync(file, "apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: aws-short, namespace: shop}\nspec:\n  aws:\n    accountId: '12345'\n    region: us-west-1\n    lambda: {invokeRoleName: shop-invoker}\n---\n" + readFileSync(FIXTURE, 'utf8'));
    const script = ({ body }: { body: string }) => (body.includes('Action=AssumeRole') && body.includes('%3A%3A12345%3A') ? { status: 400, contentType: 'text/xml', body: '<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>1 validation error detected</Message></Error></ErrorResponse>' } : undefined);
    await throughProxy(moto().endpoint, { script }, async (proxy) => {
      const result = await runCliAsync(['validate', file, '--aws', '--assume-role', 'gwctl-readonly', '-f', 'json', '-q'], { env: awsEnv(proxy.endpoint) });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(1);
      const found = diagnostics(result.stdout);
      expect(found.filter((d) => d.code === 'GW8011').map((d) => d.message)).toEqual(['CloudProvider shop/aws-short was not checked against AWS: `12345` is not an AWS account id']);
      expect(found.filter((d) => d.code === 'GW8002').map((d) => d.message)).toEqual(['IAM role `no-such-role` does not exist in account 123456789012']);
    });
  });

  it('reads every page of an account\'s roles: a role on a later page still matches its pattern', async () => {
    // the first page of each account's ListRoles is empty, with IsTruncated and a marker; the roles follow
    const firstPage = '<ListRolesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListRolesResult><Roles/><IsTruncated>true</IsTruncated><Marker>page-2</Marker></ListRolesResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListRolesResponse>';
    await throughProxy(moto().endpoint, {
      match: /Action=ListRoles/,
      script: ({ body }) => (body.includes('Marker=page-2') ? { forward: body.replace('&Marker=page-2', '').replace('Marker=page-2&', '') } : { status: 200, contentType: 'text/xml', body: firstPage }),
    }, async (proxy) => {
      const result = await runCliAsync(['validate', FIXTURE, '--aws', '--assume-role', 'gwctl-readonly', '-f', 'json', '-q'], { env: awsEnv(proxy.endpoint) });
      expect(proxy.faults()).toBe(4);
      expect(diagnostics(result.stdout).filter((d) => d.code === 'GW8004').map((d) => d.message)).toEqual(['`shop-invokr` matches none of the 4 IAM roles of account 123456789012, 999999999999; the closest is `shop-invoker`']);
    });
  });

  it('an AssumeRole answer without the whole of its credentials ends the run, exit 2, rather than signing with a part', async () => {
    const answer = '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>secret</SecretAccessKey><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/gwctl-readonly/gwctl-validate</Arn><AssumedRoleId>AROA:gwctl-validate</AssumedRoleId></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>';
    const asked: string[] = [];
    await throughProxy(moto().endpoint, { match: /Action=AssumeRole/, script: ({ body }) => (asked.push(body), { status: 200, contentType: 'text/xml', body: answer }) }, async (proxy) => {
      const result = await runCliAsync(['validate', FIXTURE, '--aws', '--assume-role', 'gwctl-readonly', '-f', 'json', '-q'], { env: awsEnv(proxy.endpoint) });
      // asked for the shortest session STS gives: a read-only check needs no more
      expect(asked[0]).toContain('DurationSeconds=900');
      expect(result).toMatchObject({ code: 2, stdout: '', stderr: 'gwctl: error: AssumeRole arn:aws:iam::999999999999:role/gwctl-readonly returned no credentials\n' });
    });
  });

  it('a role that cannot be assumed leaves its providers unchecked: an error on each, not a pass', async () => {
    await throughProxy(moto().endpoint, { deny: true, match: /Action=AssumeRole/ }, async (proxy) => {
      const result = await runCliAsync(['validate', FIXTURE, '--aws', '--assume-role', 'gwctl-readonly', '-f', 'json', '-q'], { env: awsEnv(proxy.endpoint) });
      expect(result.code).toBe(1);
      const denied = diagnostics(result.stdout).filter((d) => d.code === 'GW8009');
      expect(denied.map((d) => [d.severity, d.message])).toEqual([
        ['error', 'could not assume arn:aws:iam::123456789012:role/gwctl-readonly as arn:aws:sts::123456789012:user/moto: CloudProvider shop/aws-shop could not be checked'],
        ['error', 'could not assume arn:aws:iam::123456789012:role/gwctl-readonly as arn:aws:sts::123456789012:user/moto: CloudProvider shop/aws-no-role could not be checked'],
        ['error', 'could not assume arn:aws:iam::999999999999:role/gwctl-readonly as arn:aws:sts::123456789012:user/moto: CloudProvider partners/aws-elsewhere could not be checked'],
      ]);
      // nothing was checked, so no iamRoles pattern was judged either
      expect(diagnostics(result.stdout).filter((d) => d.code === 'GW8004')).toEqual([]);
    });
  });

  it('credentials of another account judge no iamRoles pattern against that account\'s roles', async () => {
    const partner = await credentialsIn(moto().endpoint, '999999999999');
    const env = { ...awsEnv(moto().endpoint), AWS_ACCESS_KEY_ID: partner.accessKeyId, AWS_SECRET_ACCESS_KEY: partner.secretAccessKey, AWS_SESSION_TOKEN: partner.sessionToken };
    const result = await runCliAsync(['validate', FIXTURE, '--aws', '-f', 'json', '-q'], { env });
    const found = diagnostics(result.stdout);
    expect(found.filter((d) => d.code === 'GW8001')).toHaveLength(2);
    // the partner's provider is checked; the pattern, for any account, is not judged: a role it is meant
    // to match may be in the shop's account, which was not (it was judged against the partner's alone)
    expect(found.filter((d) => d.code === 'GW8004')).toEqual([]);
    expect(found.filter((d) => d.code === 'GW8002')).toEqual([]);
  });

  it('an invalid role name is a usage error', () => {
    const result = runCli(['validate', FIXTURE, '--aws', '--assume-role', 'arn:aws:iam::1:role/x'], { env: awsEnv(moto().endpoint) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^gwctl: error: option '--assume-role <name>' argument 'arn:aws:iam::1:role\/x' is invalid\. expected an IAM role name/);
  });
});

describe.skipIf(!motoAvailable)('gwctl validate --aws: least privilege, against moto_server', () => {
  const { moto } = useMoto(SHOP);

  it('reports an invoke role whose trust policy lets any principal assume it: a warning, an error with --strict-iam', async () => {
    const iam = new IAMClient({ endpoint: moto().endpoint, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
    const before = (await iam.send(new GetRoleCommand({ RoleName: 'shop-invoker' }))).Role!.AssumeRolePolicyDocument!;
    const open = (stdout: string) => JSON.parse(stdout).diagnostics.filter((d: { code: string }) => d.code === 'GW8012').map((d: { severity: string; line: number; message: string }) => [d.severity, d.line, d.message]);
    const message = 'the trust policy of role `shop-invoker` lets any AWS principal of any account assume it (its trust policy (Anyone)): whoever does invokes the routed functions as the gateway';
    try {
      await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'shop-invoker', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Anyone', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] }) }));
      expect(open((await runCliAsync(['validate', FIXTURE, '--aws', '-f', 'json', '-q'], { env: awsEnv(moto().endpoint) })).stdout)).toEqual([['warning', 13, message]]);
      expect(open((await runCliAsync(['validate', FIXTURE, '--aws', '--strict-iam', '-f', 'json', '-q'], { env: awsEnv(moto().endpoint) })).stdout)).toEqual([['error', 13, message]]);
    } finally {
      await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'shop-invoker', PolicyDocument: decodeURIComponent(before) }));
    }
    // as seeded (the Lambda service and the gateway's role), nothing
    expect(open((await runCliAsync(['validate', FIXTURE, '--aws', '-f', 'json', '-q'], { env: awsEnv(moto().endpoint) })).stdout)).toEqual([]);
  });

  it('reports an invoke role no gateway can assume (GW8013, an error), and one Pod Identity may not tag (GW8014, a warning)', async () => {
    const iam = new IAMClient({ endpoint: moto().endpoint, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
    const before = (await iam.send(new GetRoleCommand({ RoleName: 'shop-invoker' }))).Role!.AssumeRolePolicyDocument!;
    const gaps = (stdout: string) => JSON.parse(stdout).diagnostics.filter((d: { code: string }) => d.code === 'GW8013' || d.code === 'GW8014').map((d: { code: string; severity: string; line: number; message: string }) => [d.code, d.severity, d.line, d.message]);
    const withTrust = async (...Statement: object[]) => {
      await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'shop-invoker', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement }) }));
      return runCliAsync(['validate', FIXTURE, '--aws', '-f', 'json', '-q'], { env: awsEnv(moto().endpoint) });
    };
    try {
      // the function's execution role named as the invoke role
      const execution = await withTrust({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' });
      expect(gaps(execution.stdout)).toEqual([['GW8013', 'error', 13, 'the trust policy of role `shop-invoker` lets only the service lambda.amazonaws.com assume it: no identity a gateway can have (a role, a service account\'s token through an OIDC provider, EKS Pod Identity) may, so the gateway cannot assume the role and the routes that invoke as it fail']]);
      expect(execution.code).toBe(1);
      // the gateway's role deleted since the trust was saved: IAM shows its unique id there
      const deleted = await withTrust({ Effect: 'Allow', Principal: { AWS: 'AROA3XFRBF535PLBIFPI4' }, Action: ['sts:AssumeRole', 'sts:TagSession'] });
      expect(gaps(deleted.stdout).map((g: string[]) => g.slice(0, 2))).toEqual([['GW8013', 'error']]);
      expect(gaps(deleted.stdout)[0][3]).toContain('lets only AROA3XFRBF535PLBIFPI4 (a role or user deleted since the trust policy was saved');
      const untagged = await withTrust({ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: 'sts:AssumeRole' });
      expect(gaps(untagged.stdout)).toEqual([['GW8014', 'warning', 13, 'the trust policy of role `shop-invoker` lets EKS Pod Identity assume it but not tag the session (its trust policy allows no sts:TagSession): Pod Identity tags every session unless its association disables the tags, and STS then refuses it the role']]);
    } finally {
      await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'shop-invoker', PolicyDocument: decodeURIComponent(before) }));
    }
    // as seeded (the Lambda service and the gateway's role), nothing
    expect(gaps((await runCliAsync(['validate', FIXTURE, '--aws', '-f', 'json', '-q'], { env: awsEnv(moto().endpoint) })).stdout)).toEqual([]);
  });

  it('reports an invoke role allowed more than its routes need: information, an error with --strict-iam', async () => {
    const broad = (stdout: string) => JSON.parse(stdout).diagnostics.filter((d: { code: string }) => d.code === 'GW8010').map((d: { severity: string; line: number; message: string }) => [d.severity, d.line, d.message]);
    const message = 'role `shop-invoker` is allowed more than its routes need: it allows invoking any version or alias of orders-api; invoking any version or alias of orders-events; invoking arn:aws:lambda:us-west-1:123456789012:function:orders-api:1, which no route of the role uses; and 1 more, where its routes need lambda:InvokeFunction on 5 ARNs';
    const plain = await runCliAsync(['validate', FIXTURE, '--aws', '-f', 'json', '-q'], { env: awsEnv(moto().endpoint) });
    expect(broad(plain.stdout)).toEqual([['info', 13, message]]);
    const strict = await runCliAsync(['validate', FIXTURE, '--aws', '--strict-iam', '-f', 'json', '-q'], { env: awsEnv(moto().endpoint) });
    expect(broad(strict.stdout)).toEqual([['error', 13, message]]);
  });
});

// The shop's functions routed on the gateway's own credentials: a provider with no invoke role
const OWN = 'fixtures/aws/own-credentials.yaml';

describe.skipIf(!motoAvailable)('gwctl validate --aws --gateway-role: the role the gateway runs as, against moto_server', () => {
  const { moto } = useMoto([SHOP, PARTNER]);
  const GATEWAY = 'arn:aws:iam::123456789012:role/gateway';
  const file = join(mkdtempSync(join(tmpdir(), 'gwctl-aws-gateway-')), 'shop.yaml');
  const iamIn = async (account?: string) => new IAMClient({ endpoint: moto().endpoint, region: 'us-east-1', credentials: account ? await credentialsIn(moto().endpoint, account) : { accessKeyId: 'testing', secretAccessKey: 'testing' } });
  const found = (stdout: string, codes: RegExp) => JSON.parse(stdout).diagnostics.filter((d: { code: string }) => codes.test(d.code)).map((d: { code: string; severity: string; message: string }) => [d.code, d.severity, d.message]);
  const run = (...args: string[]) => runCliAsync(['validate', file, '--aws', '-f', 'json', '-q', ...args], { env: awsEnv(moto().endpoint) });

  beforeAll(async () => {
    if (!motoAvailable) return;
    writeFileSync(file, `${readFileSync(FIXTURE, 'utf8')}---\n${readFileSync(OWN, 'utf8')}`);
    // the gateway's role: given by EKS Pod Identity; it may invoke the orders functions, and assume the shop's invoke role
    const iam = await iamIn();
    await iam.send(new CreateRoleCommand({ RoleName: 'gateway', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] }) }));
    await iam.send(new PutRolePolicyCommand({
      RoleName: 'gateway',
      PolicyName: 'gateway',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-west-1:123456789012:function:orders-*' },
          { Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: 'arn:aws:iam::123456789012:role/shop-invoker' },
        ],
      }),
    }));
  });

  it('judges the role\'s trust by each invoke role, and what it invokes on its own credentials', async () => {
    const result = await run('--assume-role', 'gwctl-readonly', '--gateway-role', GATEWAY);
    expect(result.stderr).toBe('');
    expect(found(result.stdout, /^GW80(05|06|08|15|16|17|18)$/).filter((f: string[]) => /gateway/.test(f[2]!))).toEqual([
      // the partner's invoke role trusts the partner account's gateway, not this one
      ['GW8015', 'error', 'the gateway\'s role arn:aws:iam::123456789012:role/gateway may not assume role `partner-invoker`: no statement of its trust policy allows it'],
      // reports, routed on the gateway's own credentials, which its policies do not allow (orders-api:live they do)
      ['GW8005', 'error', 'role `gateway` may not invoke arn:aws:lambda:us-west-1:123456789012:function:reports: neither the role\'s policies nor the function\'s resource policy allow lambda:InvokeFunction on it'],
    ]);
    // its Lambda statement (orders-*) allows more than the two calls routed on it need
    expect(found(result.stdout, /^GW8010$/).filter((f: string[]) => /`gateway`/.test(f[2]!))).toEqual([
      ['GW8010', 'info', 'role `gateway` is allowed more than its routes need: it allows invoking any version or alias of orders-api, where its routes need lambda:InvokeFunction on 2 ARNs'],
    ]);
    // without the flag, the calls on the gateway's own credentials are said to be unjudged, once
    const without = (await run('--assume-role', 'gwctl-readonly')).stdout;
    expect(found(without, /^GW80(05|15|16|17|18)$/).filter((f: string[]) => /gateway/.test(f[2]!))).toEqual([]);
    expect(found(without, /^GW8019$/)).toEqual([['GW8019', 'info', 'functions routed on the gateway\'s own credentials (by a CloudProvider with no invoke role): 2; whether the gateway may invoke them is not judged without its role']]);
    expect(found(result.stdout, /^GW8019$/)).toEqual([]);
    // both placed at the CloudProvider that names no invoke role, where one would be written
    const placed = (stdout: string, code: string) => JSON.parse(stdout).diagnostics.filter((d: { code: string; message: string }) => d.code === code && /gateway|`gateway`/.test(d.message)).map((d: { pointer: string; resource: unknown }) => [d.resource, d.pointer]);
    expect(placed(without, 'GW8019')).toEqual([[{ kind: 'CloudProvider', namespace: 'shop', name: 'aws-own' }, '/metadata/name']]);
    expect(placed(result.stdout, 'GW8010')).toEqual([[{ kind: 'CloudProvider', namespace: 'shop', name: 'aws-own' }, '/metadata/name']]);
  });

  it('across accounts, the gateway role\'s policies must allow the call as well as the trust (GW8017)', async () => {
    const partner = await iamIn('999999999999');
    const before = (await partner.send(new GetRoleCommand({ RoleName: 'partner-invoker' }))).Role!.AssumeRolePolicyDocument!;
    try {
      await partner.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'partner-invoker', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: GATEWAY }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] }) }));
      const result = await run('--assume-role', 'gwctl-readonly', '--gateway-role', GATEWAY);
      expect(found(result.stdout, /^GW80(15|16|17)$/)).toEqual([
        ['GW8017', 'error', 'the policies of the gateway\'s role arn:aws:iam::123456789012:role/gateway do not allow sts:AssumeRole on role `partner-invoker` (none allows it): role `partner-invoker` is in account 999999999999, and across accounts the caller\'s policies must allow the call as well as the role\'s trust'],
      ]);
    } finally {
      await partner.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'partner-invoker', PolicyDocument: decodeURIComponent(before) }));
    }
  });

  it('a role of an account gwctl has no credentials for is said to be unchecked (GW8018), its trusts still judged', async () => {
    const elsewhere = 'arn:aws:iam::555555555555:role/gateway';
    const result = await run('--gateway-role', elsewhere);
    const said = found(result.stdout, /^GW80(15|18)$/);
    expect(said).toContainEqual(['GW8018', 'warning', 'the policies of the gateway\'s role arn:aws:iam::555555555555:role/gateway were not read in account 555555555555: the AWS credentials are arn:aws:sts::123456789012:user/moto in account 123456789012; what they allow it to assume and invoke is not judged']);
    // placed where the manifests rely on the role: the CloudProvider whose functions are invoked on its own credentials (own-credentials.yaml)
    const at = JSON.parse(result.stdout).diagnostics.find((d: { code: string }) => d.code === 'GW8018');
    expect(readFileSync(file, 'utf8').split('\n')[at.line - 1]!.trim()).toBe('metadata: {name: aws-own, namespace: shop}');
    expect(at.line).toBeGreaterThan(readFileSync(FIXTURE, 'utf8').split('\n').length);
    expect(said).toContainEqual(['GW8015', 'error', 'the gateway\'s role arn:aws:iam::555555555555:role/gateway may not assume role `shop-invoker`: no statement of its trust policy allows it']);
  });

  it('judges the gateway role\'s own trust: open to anyone (GW8012), Pod Identity untagged (GW8014); an instance profile\'s is no GW8013', async () => {
    const iam = await iamIn();
    const before = (await iam.send(new GetRoleCommand({ RoleName: 'gateway' }))).Role!.AssumeRolePolicyDocument!;
    const ofGateway = (stdout: string) => found(stdout, /^GW801[234]$/).filter((f: string[]) => /`gateway`/.test(f[2]!));
    try {
      await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'gateway', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Anyone', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] }) }));
      expect(ofGateway((await run('--gateway-role', GATEWAY)).stdout)).toEqual([['GW8012', 'warning', 'the trust policy of role `gateway` lets any AWS principal of any account assume it (its trust policy (Anyone)): whoever does invokes the routed functions as the gateway']]);
      await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'gateway', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }));
      expect(ofGateway((await run('--gateway-role', GATEWAY)).stdout).map((f: string[]) => f.slice(0, 2))).toEqual([['GW8014', 'warning']]);
      // a gateway on EC2 runs as its instance profile's role, which EC2 assumes: that is the gateway's identity
      await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'gateway', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }));
      expect(ofGateway((await run('--gateway-role', GATEWAY)).stdout)).toEqual([]);
    } finally {
      await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'gateway', PolicyDocument: decodeURIComponent(before) }));
    }
    // as created (Pod Identity, both actions): nothing
    expect(ofGateway((await run('--gateway-role', GATEWAY)).stdout)).toEqual([]);
  });

  it('a role that does not exist is GW8002, and invokes nothing', async () => {
    const result = await run('--gateway-role', 'arn:aws:iam::123456789012:role/no-gateway');
    expect(found(result.stdout, /^GW8002$/).map((f: string[]) => f[2])).toContain('IAM role `no-gateway` does not exist in account 123456789012');
    expect(found(result.stdout, /^GW8005$/).map((f: string[]) => f[2]).join('\n')).not.toMatch(/no-gateway/);
    // of another account: the functions' resource policies are not asked about it either (GW8008)
    const partner = await run('--assume-role', 'gwctl-readonly', '--gateway-role', 'arn:aws:iam::999999999999:role/no-gateway');
    expect(found(partner.stdout, /^GW8002$/).map((f: string[]) => f[2])).toContain('IAM role `no-gateway` does not exist in account 999999999999');
    expect(found(partner.stdout, /^GW80(05|06|08)$/).map((f: string[]) => f[2]).join('\n')).not.toMatch(/no-gateway/);
  });

  it('--gateway-role without --aws, or not an ARN, is a usage error', () => {
    expect(runCli(['validate', file, '--gateway-role', GATEWAY])).toMatchObject({ code: 2, stdout: '', stderr: 'gwctl: error: --gateway-role is checked against AWS: give --aws too\n' });
    expect(runCli(['validate', file, '--aws', '--gateway-role', 'gateway']).stderr).toMatch(/^gwctl: error: option '--gateway-role <arn>' argument 'gateway' is invalid\. expected a role ARN/);
  });
});
