import { AddPermissionCommand, CreateAliasCommand, CreateFunctionCommand, LambdaClient, PublishVersionCommand, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { AttachRolePolicyCommand, CreatePolicyCommand, CreateRoleCommand, IAMClient, PutRolePermissionsBoundaryCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * A seeded role is both the functions' execution role (the Lambda service assumes it) and an invoke role
 * (the gateway's role of its account assumes it): an invoke role that only Lambda may assume is GW8013.
 */
const trustOf = (account: string) => JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:role/gateway` }, Action: ['sts:AssumeRole', 'sts:TagSession'] },
  ],
});

/** A minimal zip archive (one stored file), as CreateFunction needs. */
export function zipOf(name: string, content: string): Uint8Array {
  const data = Buffer.from(content);
  const fileName = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20); central.writeUInt32LE(data.length, 24); central.writeUInt16LE(fileName.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + fileName.length, 12); end.writeUInt32LE(30 + fileName.length + data.length, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

function crc32(data: Buffer): number {
  let crc = ~0;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

export interface SeedPlan {
  readonly region: string;
  /** another account than moto's default 123456789012: seeded with credentials of a role assumed there */
  readonly account?: string;
  readonly roles: ReadonlyArray<{ name: string; inline?: object; managed?: object; boundary?: object }>;
  /**
   * `timeout`: the function's Timeout in seconds from its creation (Lambda's default is 3); `versionTimeouts`:
   * the Timeout a version is published with, by version number; `latestTimeout`: $LATEST's, set after its
   * versions are published, which keep the one they were published with. An alias names its version, or
   * its version and the others it sends a share of its invocations to (RoutingConfig)
   */
  readonly functions: ReadonlyArray<{
    name: string;
    versions?: number;
    aliases?: Record<string, string | { readonly version: string; readonly weights: Record<string, number> }>;
    permission?: { principal: string; qualifier?: string };
    timeout?: number;
    versionTimeouts?: Record<number, number>;
    latestTimeout?: number;
  }>;
}

/**
 * Credentials that moto serves as another account: those of a role assumed there (moto keeps one state per
 * account, and attributes assumed-role credentials to the role's account).
 */
export async function credentialsIn(endpoint: string, account: string): Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken: string }> {
  const sts = new STSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
  const out = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/seeder`, RoleSessionName: 'seed' }));
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

/** Seeds moto through the SDK: roles with inline and managed policies, functions, versions, aliases. */
export async function seed(endpoint: string, plan: SeedPlan): Promise<void> {
  const account = plan.account ?? '123456789012';
  const config = { endpoint, region: plan.region, credentials: plan.account ? await credentialsIn(endpoint, plan.account) : { accessKeyId: 'testing', secretAccessKey: 'testing' } };
  const iam = new IAMClient({ ...config, region: 'us-east-1' });
  const lambda = new LambdaClient(config);
  for (const role of plan.roles) {
    await iam.send(new CreateRoleCommand({ RoleName: role.name, AssumeRolePolicyDocument: trustOf(account) }));
    if (role.inline) await iam.send(new PutRolePolicyCommand({ RoleName: role.name, PolicyName: `${role.name}-inline`, PolicyDocument: JSON.stringify(role.inline) }));
    if (role.managed) {
      const policy = await iam.send(new CreatePolicyCommand({ PolicyName: `${role.name}-managed`, PolicyDocument: JSON.stringify(role.managed) }));
      await iam.send(new AttachRolePolicyCommand({ RoleName: role.name, PolicyArn: policy.Policy!.Arn! }));
    }
    if (role.boundary) {
      const policy = await iam.send(new CreatePolicyCommand({ PolicyName: `${role.name}-boundary`, PolicyDocument: JSON.stringify(role.boundary) }));
      await iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: role.name, PermissionsBoundary: policy.Policy!.Arn! }));
    }
  }
  const code = zipOf('index.js', 'exports.handler = async () => ({ statusCode: 200, body: "ok" });');
  for (const fn of plan.functions) {
    await lambda.send(new CreateFunctionCommand({ FunctionName: fn.name, Runtime: 'nodejs20.x', Handler: 'index.handler', Role: `arn:aws:iam::${account}:role/${plan.roles[0]!.name}`, Code: { ZipFile: code }, ...(fn.timeout ? { Timeout: fn.timeout } : {}) }));
    for (let v = 1; v <= (fn.versions ?? 0); v++) {
      // Lambda publishes a new version only when something changed since the last one
      const timeout = fn.versionTimeouts?.[v];
      await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: fn.name, Description: `release ${v}`, ...(timeout ? { Timeout: timeout } : {}) }));
      await lambda.send(new PublishVersionCommand({ FunctionName: fn.name }));
    }
    if (fn.latestTimeout) await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: fn.name, Timeout: fn.latestTimeout }));
    for (const [alias, to] of Object.entries(fn.aliases ?? {})) {
      const routing = typeof to === 'string' ? {} : { RoutingConfig: { AdditionalVersionWeights: to.weights } };
      await lambda.send(new CreateAliasCommand({ FunctionName: fn.name, Name: alias, FunctionVersion: typeof to === 'string' ? to : to.version, ...routing }));
    }
    if (fn.permission) {
      await lambda.send(new AddPermissionCommand({ FunctionName: fn.name, StatementId: 'gateway', Action: 'lambda:InvokeFunction', Principal: fn.permission.principal, ...(fn.permission.qualifier ? { Qualifier: fn.permission.qualifier } : {}) }));
    }
  }
}
