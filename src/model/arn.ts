import PATTERNS from '../../schemas/source/patterns.json';

const REGION = new RegExp(PATTERNS.awsRegion.pattern);
/** Whether a text is an AWS region's name (us-west-1, us-gov-east-1), as the schemas check a provider's `region`. */
export const isRegionName = (region: string): boolean => REGION.test(region);

/** AWS partition of a region: the first field of every ARN in it. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eusc-')) return 'aws-eusc';
  return 'aws';
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

/** The role name of a role ARN (`arn:aws:iam::1:role/path/name` -> `name`), or the value itself. */
export function roleNameOf(value: string): string {
  const m = /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(value);
  return m ? m[1]! : value;
}

/** The regional Lambda endpoint an Envoy cluster must target for functions of this region. */
export function lambdaEndpoint(region: string): string {
  return partitionOf(region) === 'aws-cn' ? `lambda.${region}.amazonaws.com.cn` : `lambda.${region}.amazonaws.com`;
}
