import { accountOf } from '../../model/arn';
import { AwsCallError, type AwsApis, type AwsIdentity, type TemporaryCredentials } from '../apis';
import { toHostError } from './guarded';

/** One account's checks: the APIs to use there, who they act as, and a region of its partition for IAM. */
export interface AccountSession {
  readonly accountId: string;
  readonly identity: AwsIdentity;
  /** where IAM (a global service, one endpoint per partition) is asked: a region of the account's partition */
  readonly region: string;
  readonly apisFor: (region: string) => Promise<AwsApis>;
}

/**
 * The session of a read-only role gwctl assumes in an account (--assume-role), or undefined where STS
 * refuses it (AccessDenied: the caller says what could then not be checked); any other failure ends the run.
 */
export async function assumeChecker(base: AwsApis, roleArn: string, region: string, apisWith: (credentials: TemporaryCredentials) => (region: string) => Promise<AwsApis>): Promise<AccountSession | undefined> {
  try {
    const credentials = await base.sts.assumeRole(roleArn, 'gwctl-validate');
    const accountId = accountOf(roleArn);
    return { accountId, identity: { account: accountId, arn: roleArn }, region, apisFor: apisWith(credentials) };
  } catch (error) {
    if (!(error instanceof AwsCallError) || error.failure !== 'access-denied') throw toHostError(error);
    return undefined;
  }
}
