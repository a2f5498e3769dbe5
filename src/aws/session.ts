import type { AwsApis, TemporaryCredentials } from './apis';
import { createSdkApis } from './sdk-apis';

export interface AwsFlags {
  readonly profile?: string | undefined;
  readonly endpointUrl?: string | undefined;
  /** seconds */
  readonly awsTimeout: number;
}

/**
 * Attempts per AWS call (the first and four retries, with the SDK's backoff). With --aws-timeout on each,
 * a hung endpoint ends the run within ATTEMPTS x timeout plus the backoff (about 52 s at the default 10 s):
 * the first call that cannot be answered ends it.
 */
export const AWS_ATTEMPTS = 5;

/** AWS APIs per region, created once each, with the command line's profile, endpoint and bounds. */
export function awsSession(flags: AwsFlags, credentials?: TemporaryCredentials, warn?: (line: string) => void): (region: string) => Promise<AwsApis> {
  const byRegion = new Map<string, Promise<AwsApis>>();
  return (region) => {
    let apis = byRegion.get(region);
    if (!apis) {
      apis = createSdkApis({ region, profile: flags.profile, endpoint: flags.endpointUrl, timeoutMs: flags.awsTimeout * 1000, maxAttempts: AWS_ATTEMPTS, credentials, warn });
      byRegion.set(region, apis);
    }
    return apis;
  };
}
