import { describe, expect, it } from 'vitest';
import { partition } from '@aws-sdk/core/client';
import PARTITIONS from '../../schemas/source/aws-partitions.json';
import { isKnownRegion, isRegionName, lambdaEndpoint, partitionOf, REGIONS_FROM, roleArn } from '../../src/model/arn';
import { runInProcess } from '../helpers/run-in-process';

// gwctl resolves a region's partition offline, from the regions the AWS SDK it ships knows
// (scripts/generate-aws-partitions.mjs); the SDK's own resolution, partition(), is the judge
const listed = PARTITIONS.partitions.flatMap((p) => p.regions);
// names no partition lists: each partition's form, and one of none
const unlisted = ['us-wset-1', 'cn-south-9', 'eusc-de-west-2', 'us-gov-north-7', 'us-isob-south-3', 'eu-isoe-north-2', 'us-isof-west-4', 'xx-north-1'];

describe('AWS partitions, as the AWS SDK resolves them', () => {
  it.each([...listed, ...unlisted])('%s: the partition of its ARNs and the host of its Lambda endpoint', (region) => {
    const sdk = partition(region);
    expect(partitionOf(region)).toBe(sdk.name);
    expect(lambdaEndpoint(region)).toBe(`lambda.${region}.${sdk.dnsSuffix}`);
    expect(roleArn(region, '111111111111', 'r')).toBe(`arn:${sdk.name}:iam::111111111111:role/r`);
  });

  it('knows a region where the SDK describes one, and every listed region has the form the schemas take', () => {
    for (const region of [...listed, ...unlisted]) expect(isKnownRegion(region), region).toBe('description' in partition(region));
    expect(listed.filter((r) => !isRegionName(r))).toEqual([]);
    expect(listed).toEqual(expect.arrayContaining(['us-east-1', 'eusc-de-east-1', 'eu-isoe-west-1', 'us-isof-south-1', 'cn-northwest-1', 'us-gov-west-1']));
  });
});

describe('GW3014: a region of AWS\'s form that AWS does not have', () => {
  it('names the SDK that knows the regions, the endpoint the gateway would call, and the nearest region', async () => {
    const result = await runInProcess(['validate', 'fixtures/model/semantics/aws-partitions.yaml', '-f', 'json', '-q']);
    const messages = (JSON.parse(result.stdout).diagnostics as Array<{ code: string; line: number; message: string }>).filter((d) => d.code === 'GW3014').map((d) => `${d.line} ${d.message}`);
    expect(messages).toEqual([
      `44 region \`eusc-de-eats-1\` is not one AWS has, as ${REGIONS_FROM} knows its regions: the gateway would call lambda.eusc-de-eats-1.amazonaws.eu, which no region answers (did you mean \`eusc-de-east-1\`?)`,
      `103 region \`us-wset-1\` is not one AWS has, as ${REGIONS_FROM} knows its regions: the gateway would call lambda.us-wset-1.amazonaws.com, which no region answers (did you mean \`us-west-1\`?)`,
      `179 region \`cn-nrth-1\` is not one AWS has, as ${REGIONS_FROM} knows its regions: the gateway would call lambda.cn-nrth-1.amazonaws.com.cn, which no region answers (did you mean \`cn-north-1\`?)`,
    ]);
  });
});
