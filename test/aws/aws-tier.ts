import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startMoto, type Moto } from '../helpers/moto';
import { seed, type SeedPlan } from '../helpers/aws-seed';

/**
 * The AWS integration tier: moto_server started on a free port for the file's tests, seeded, stopped
 * after. Without moto_server the tier is skipped with a notice, unless GWCTL_REQUIRE_MOTO is set (CI).
 */
export const SHOP: SeedPlan = {
  region: 'us-west-1',
  roles: [
    {
      name: 'shop-invoker',
      inline: {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'Orders', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-west-1:123456789012:function:orders-*' },
          { Sid: 'AuditFromTheOffice', Effect: 'Allow', Action: 'lambda:Invoke*', Resource: 'arn:aws:lambda:us-west-1:123456789012:function:audit', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } },
        ],
      },
      managed: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-west-1:123456789012:function:orders-events' }] },
    },
    { name: 'partner-invoker' },
  ],
  functions: [
    { name: 'orders-api', versions: 2, aliases: { live: '2', canary: '1' } },
    { name: 'orders-events' },
    { name: 'reports', versions: 1 },
    { name: 'audit' },
  ],
};

// Whether moto_server is installed, from PATH: starting one only to stop it cost each file of the tier
// about a second (a server that is installed but will not start fails the tier's setup instead).
export const motoAvailable = (() => {
  const installed = (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir || '.', 'moto_server'), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!installed) {
    if (process.env.GWCTL_REQUIRE_MOTO) throw new Error('moto_server is required for the AWS integration tier (pip install "moto[server]")');
    console.warn('NOTICE: moto_server not found: the AWS integration tier is skipped. Install it with: pip install "moto[server]"');
  }
  return installed;
})();

/** Starts moto before the file's tests (reseeding before each run of `reseed`), stops it after. */
export function useMoto(plan: SeedPlan | readonly SeedPlan[] = SHOP): { moto: () => Moto; reseed: () => Promise<void> } {
  const plans = Array.isArray(plan) ? plan : [plan as SeedPlan];
  let moto: Moto | undefined;
  beforeAll(async () => {
    if (!motoAvailable) return;
    moto = (await startMoto())!;
    for (const p of plans) await seed(moto.endpoint, p);
  });
  afterAll(async () => {
    await moto?.stop();
  });
  return {
    moto: () => moto!,
    reseed: async () => {
      await moto!.reset();
      for (const p of plans) await seed(moto!.endpoint, p);
    },
  };
}
