import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/diagnostics/finding';
import { distributeWeights } from '../../src/model/weights';
import { analyzeText } from '../helpers/analyze-text';

async function weigh(raw: Array<number | undefined>) {
  const { analysis } = await analyzeText('apiVersion: admin.gloo.solo.io/v2\nkind: Workspace\nmetadata: {name: w, namespace: ns}\nspec: {}\n');
  const findings: Finding[] = [];
  const weights = distributeWeights(analysis.resources[0]!, raw.map((_, i) => `/d/${i}`), raw, findings);
  return { weights, codes: findings.map((f) => f.code) };
}

describe('destination weights', () => {
  it('accepts weights adding up to 100', async () => {
    expect(await weigh([90, 10])).toEqual({ weights: [90, 10], codes: [] });
  });

  it('spreads the remainder over unweighted destinations, odd percents first', async () => {
    expect(await weigh([50, undefined, undefined, undefined])).toEqual({ weights: [50, 17, 17, 16], codes: [] });
    expect(await weigh([undefined, undefined])).toEqual({ weights: [50, 50], codes: [] });
  });

  it('a weight of 0 is no weight (proto3): the destination shares the remainder, and GW4033 says so; alone, it takes all, unremarked', async () => {
    expect(await weigh([50, 0, undefined])).toEqual({ weights: [50, 25, 25], codes: ['GW4033'] });
    expect(await weigh([0])).toEqual({ weights: [100], codes: [] });
  });

  it('a sum just over 100 is refused, with an unweighted destination or without', async () => {
    expect(await weigh([60, 41])).toMatchObject({ weights: { failure: { code: 'GW4008' } }, codes: ['GW4008'] });
    expect(await weigh([60, 41, undefined])).toMatchObject({ weights: { failure: { code: 'GW4008' } }, codes: ['GW4008'] });
  });

  it('reports sums other than 100, over 100, and destinations left with nothing', async () => {
    expect((await weigh([60, 30])).codes).toEqual(['GW4008']);
    expect((await weigh([80, 30, undefined])).codes).toEqual(['GW4008']);
    expect(await weigh([60, 30])).toMatchObject({ weights: { failure: { code: 'GW4008' } } });
    // route_table.proto: "50 + 50 + an unweighted destination" leaves no remainder and is invalid
    expect(await weigh([50, 50, undefined])).toMatchObject({ weights: { failure: { code: 'GW4010' } }, codes: ['GW4010'] });
    expect(await weigh([100, undefined])).toMatchObject({ codes: ['GW4010'] });
    // at least 1 each: 99 leaves 1 for two unweighted destinations
    expect((await weigh([99, undefined, undefined])).codes).toEqual(['GW4010']);
    expect(await weigh([98, undefined, undefined])).toEqual({ weights: [98, 1, 1], codes: [] });
  });

  it('notes a weight on a single destination', async () => {
    expect(await weigh([40])).toEqual({ weights: [100], codes: ['GW4009'] });
    expect(await weigh([undefined])).toEqual({ weights: [100], codes: [] });
  });
});
