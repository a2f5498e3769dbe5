import { finding, type Finding, type ResourceRef } from '../../diagnostics/finding';
import { HostError } from '../../errors';
import type { Anchor } from '../../source/anchor';
import { AwsCallError } from '../apis';

/** A call whose AccessDenied becomes a finding (GW8007, naming the permission); undefined then. Other failures end the run. */
export async function guarded<T>(findings: Finding[], at: Anchor, what: string, run: () => Promise<T>, resource?: ResourceRef): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AwsCallError && error.failure === 'access-denied') {
      findings.push(finding('GW8007', { what, permission: error.permission }, at, { resource }));
      return undefined;
    }
    throw toHostError(error);
  }
}

/** A call that must be answered: any failure ends the run. */
export async function fatal<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    throw toHostError(error);
  }
}

export function toHostError(error: unknown): Error {
  if (!(error instanceof AwsCallError)) return error as Error;
  if (error.failure === 'credentials') return new HostError(`AWS rejected the credentials: ${error.message} (check --profile or the AWS_* variables)`);
  if (error.failure === 'access-denied') return new HostError(`${error.message}; gwctl needs ${error.permission}`);
  return new HostError(error.message);
}
