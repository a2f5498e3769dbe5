import type { AwsApis, TemporaryCredentials } from './apis';
import { createSdkApis } from './sdk-apis';

export interface AwsFlags {
  readonly profile?: string | undefined;
  readonly endpointUrl?: string | undefined;
  /** seconds */
  readonly awsTimeout: number;
}

/** AWS APIs per region, created once each, with the command line's profile, endpoint and bounds. */
export function awsSession(flags: AwsFlags, maxAttempts: number, credentials?: TemporaryCredentials, warn?: (line: string) => void): (region: string) => Promise<AwsApis> {
  const byRegion = new Map<string, Promise<AwsApis>>();
  return (region) => {
    let apis = byRegion.get(region);
    if (!apis) {
      apis = createSdkApis({ region, profile: flags.profile, endpoint: flags.endpointUrl, timeoutMs: flags.awsTimeout * 1000, maxAttempts, credentials, warn });
      byRegion.set(region, apis);
    }
    return apis;
  };
}
