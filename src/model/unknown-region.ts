import { finding, type Finding, type ResourceRef } from '../diagnostics/finding';
import type { Anchor } from '../source/anchor';
import { isKnownRegion, isRegionName, knownRegions, lambdaEndpoint, REGIONS_FROM } from './arn';
import { suggest } from './suggestions';

/**
 * GW3014 for a region of AWS's form that the AWS SDK gwctl ships knows no region of (`us-wset-1`): the
 * schema takes the form, and Gloo any string, so the gateway's calls would go to an endpoint no region
 * answers. A name not of the form is the schema's (GW2006), and none here. Once per place written: a
 * provider's `region`, or the region of a function's ARN.
 */
export function unknownRegion(region: string, at: Anchor, resource: ResourceRef): Finding | undefined {
  if (!isRegionName(region) || isKnownRegion(region)) return undefined;
  const near = nearestRegion(region);
  return finding('GW3014', { region, sdk: REGIONS_FROM, suggestion: near ? ` (did you mean \`${near}\`?)` : '', endpoint: lambdaEndpoint(region) }, at, { resource });
}

/** The region AWS has that a misspelt one (`us-wset-1`) most likely means, if one is near enough. */
export const nearestRegion = (region: string): string | undefined => suggest(region, knownRegions(), 2);
