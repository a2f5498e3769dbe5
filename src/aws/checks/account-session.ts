import type { AwsApis, AwsIdentity } from '../apis';

/** One account's checks: the APIs to use there, and who they act as. */
export interface AccountSession {
  readonly accountId: string;
  readonly identity: AwsIdentity;
  readonly apisFor: (region: string) => Promise<AwsApis>;
}
