import PATTERNS from '../../schemas/source/patterns.json';
import PARTITIONS from '../../schemas/source/aws-partitions.json';

const REGION = new RegExp(PATTERNS.awsRegion.pattern);
/** Whether a text has the form of an AWS region's name (us-west-1, us-gov-east-1, eusc-de-east-1), as the schemas check a provider's `region`. */
export const isRegionName = (region: string): boolean => REGION.test(region);

interface Partition {
  readonly id: string;
  readonly dnsSuffix: string;
  readonly regionRegex: RegExp;
}
// AWS's partitions as the AWS SDK gwctl ships knows them (scripts/generate-aws-partitions.mjs)
const PARTITION_LIST: readonly Partition[] = PARTITIONS.partitions.map((p) => ({ id: p.id, dnsSuffix: p.dnsSuffix, regionRegex: new RegExp(p.regionRegex) }));
const BY_REGION = new Map(PARTITIONS.partitions.flatMap((p, i) => p.regions.map((r) => [r, PARTITION_LIST[i]!] as const)));
const COMMERCIAL = PARTITION_LIST.find((p) => p.id === 'aws')!;

/**
 * A region's partition as the AWS SDK resolves it (util-endpoints, partition()): the one that lists the
 * region, else the first whose form of region names it has, else the commercial one. The regions of the
 * ISO-E and ISO-F clouds (`eu-isoe-west-1`, `us-isof-south-1`) and of Europe's sovereign cloud
 * (`eusc-de-east-1`) are in partitions of their own, whose ARNs and endpoints say so (`arn:aws-iso-e:`,
 * `lambda.eusc-de-east-1.amazonaws.eu`).
 */
function partitionFor(region: string): Partition {
  return BY_REGION.get(region) ?? PARTITION_LIST.find((p) => p.regionRegex.test(region)) ?? COMMERCIAL;
}

/** Whether AWS has a region of this name, as the AWS SDK gwctl ships knows. */
export const isKnownRegion = (region: string): boolean => BY_REGION.has(region);
/** The regions AWS has, as the AWS SDK gwctl ships knows (for suggestions). */
export const knownRegions = (): readonly string[] => [...BY_REGION.keys()];
/** The AWS SDK whose regions gwctl knows (`@aws-sdk/core 3.981.0`). */
export const REGIONS_FROM = PARTITIONS.from;

/** The domain a region's endpoints are under (`amazonaws.com`, `amazonaws.com.cn`, `amazonaws.eu`). */
export function dnsSuffixOf(region: string): string {
  return partitionFor(region).dnsSuffix;
}

/** AWS partition of a region: the first field of every ARN in it. */
export function partitionOf(region: string): string {
  return partitionFor(region).id;
}

/** Whether a qualifier names no version in an ARN: none, or $LATEST (the unqualified ARN). */
export const unqualified = (qualifier: string): boolean => !qualifier || qualifier === '$LATEST';

/** The function ARN Lambda's Invoke takes. $LATEST is the unqualified ARN. */
export function functionArn(region: string, accountId: string, functionName: string, qualifier: string): string {
  // one list of exactly its parts, joined into a flat string (see text/flat-concat.ts): an ARN is
  // spelled on every read (model/function-nodes.ts), three times per destination by render envoy
  const partition = partitionOf(region);
  return unqualified(qualifier)
    ? ['arn:', partition, ':lambda:', region, ':', accountId, ':function:', functionName].join('')
    : ['arn:', partition, ':lambda:', region, ':', accountId, ':function:', functionName, ':', qualifier].join('');
}

export function roleArn(region: string, accountId: string, roleName: string): string {
  return `arn:${partitionOf(region)}:iam::${accountId}:role/${roleName}`;
}

/** A function named by full ARN in a manifest: its parts, or undefined for a plain name. */
export function parseFunctionArn(value: string): { region: string; accountId: string; functionName: string; qualifier?: string } | undefined {
  const m = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([A-Za-z0-9_-]{1,64})(?::([A-Za-z0-9_$-]{1,128}))?$/.exec(value);
  if (!m) return undefined;
  return { region: m[1]!, accountId: m[2]!, functionName: m[3]!, ...(m[4] ? { qualifier: m[4] } : {}) };
}

/** The account of an ARN (`arn:aws:iam::123456789012:role/r` -> `123456789012`): its fifth field. */
export const accountOf = (arn: string): string => arn.split(':')[4] ?? '';
/** The partition an ARN names (`aws`, `aws-cn`, `aws-us-gov`, ...). */
export const partitionOfArn = (arn: string): string => arn.split(':')[1] || 'aws';
/** A role's ARN in a partition, where a region is not at hand (a role named by another role's ARN). */
export const roleArnIn = (partition: string, accountId: string, roleName: string): string => `arn:${partition}:iam::${accountId}:role/${roleName}`;

/** The issuer of an IAM OIDC provider's ARN (`arn:aws:iam::1:oidc-provider/oidc.eks.../id/X` -> `oidc.eks.../id/X`), or undefined for anything else. */
export function oidcProviderIssuer(value: string): string | undefined {
  return /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/(.+)$/.exec(value)?.[1];
}

/** `https://oidc.eks.REGION.amazonaws.com/id/X`, `oidc.eks...` or a provider ARN, as the issuer IAM keys conditions by. */
export function oidcIssuer(value: string): string {
  return (oidcProviderIssuer(value) ?? value.replace(/^https:\/\//, '')).replace(/\/+$/, '');
}

/** The role name of a role ARN (`arn:aws:iam::1:role/path/name` -> `name`), or the value itself. */
export function roleNameOf(value: string): string {
  const m = /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(value);
  return m ? m[1]! : value;
}

/** The regional Lambda endpoint an Envoy cluster must target for functions of this region. */
export function lambdaEndpoint(region: string): string {
  return `lambda.${region}.${partitionFor(region).dnsSuffix}`;
}
