import { describe, expect, it } from 'vitest';
import type { Obj } from '../../src/data/values';
import type { Resource } from '../../src/load/resource';
import { ShareEntries, type ShareKind } from '../../src/model/share-entries';
import { seededRandom } from '../../scripts/lib/seeded-random.mjs';

describe('a WorkspaceSettings\' export or import entries', () => {
  it('indexed (16 entries and more) answers as its entries asked one by one, on random entries, workspaces and resources', () => {
    const random = seededRandom(5);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const names = ['team-a', 'team-b', 'ops', 'gateways', 'team-ab', 'search', 'billing', 'data', 'edge', 'team-z'];
    const workspaceSelector = (): Obj =>
      pick([
        { name: pick(names) },
        { name: pick(['team-*', 'ga*ys', 'o?s', '*-b', 'b*', '*ch']) },
        { selector: { tier: pick(['1', '2']) } },
        { name: pick(names), selector: { tier: pick(['1', '2']) } },
        { name: '' },
      ]);
    const resourceSelector = (): Obj => ({ kind: pick(['ROUTE_TABLE', 'CLOUD_PROVIDER']), ...pick([{ name: pick(['rt', 'aws']) }, { namespace: pick(['ns-a', 'ns-b']) }, { labels: { share: 'yes' } }]) });
    // an entry without workspaces, or with a nameless selector, is asked for every workspace
    const entry = (): Obj => ({
      ...(random() < 0.97 ? { workspaces: Array.from({ length: 1 + Math.floor(random() * 2) }, workspaceSelector) } : {}),
      resources: Array.from({ length: 1 + Math.floor(random() * 2) }, resourceSelector),
    });
    let admitted = 0;
    for (let run = 0; run < 300; run++) {
      const raw = Array.from({ length: 16 + Math.floor(random() * 20) }, entry);
      const indexed = new ShareEntries(raw);
      const oneByOne = raw.map((e) => new ShareEntries([e]));
      for (let q = 0; q < 20; q++) {
        const other = { name: pick(names), labels: { tier: pick(['1', '2']) } };
        const target = { ref: { name: pick(['rt', 'aws', 'x']), namespace: pick(['ns-a', 'ns-b']) }, labels: pick([{ share: 'yes' }, {}]) } as unknown as Resource;
        const kind: ShareKind = pick(['ROUTE_TABLE', 'CLOUD_PROVIDER']);
        const expected = oneByOne.some((s) => s.admits(other, target, kind));
        if (expected) admitted++;
        expect(indexed.admits(other, target, kind), JSON.stringify({ raw, other, target, kind })).toBe(expected);
      }
    }
    // both answers occur: the comparison is not of two constants
    expect(admitted).toBeGreaterThan(1_000);
    expect(admitted).toBeLessThan(6_000);
  });
});

describe('a resource selector without a kind', () => {
  it('selects every kind: ALL is the kind enum\'s zero value, the first of the CRD\'s list', () => {
    const entries = new ShareEntries([{ workspaces: [{ name: 'web' }], resources: [{ name: 'rt' }] }]);
    const rt = { ref: { name: 'rt', namespace: 'ns' }, labels: {} } as unknown as Resource;
    expect(entries.admits({ name: 'web', labels: {} }, rt, 'ROUTE_TABLE')).toBe(true);
    expect(entries.admits({ name: 'web', labels: {} }, rt, 'CLOUD_PROVIDER')).toBe(true);
    expect(entries.admits({ name: 'web', labels: {} }, { ...rt, ref: { name: 'other', namespace: 'ns' } } as unknown as Resource, 'ROUTE_TABLE')).toBe(false);
  });
});
