import { describe, expect, it } from 'vitest';
import { HostPatternIndex } from '../../src/model/host-patterns';
import { hostCovers } from '../../src/model/listeners';
import { seededRandom } from '../../scripts/lib/seeded-random.mjs';

describe('the patterns that may cover a host', () => {
  it('holds every pattern that covers it, in the list\'s order, on random lists and hosts', () => {
    const random = seededRandom(7);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const labels = ['a', 'b', 'api', 'x-bar', 'bar', 'example', 'com', 'Example'];
    const name = () => Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(labels)).join('.');
    const pattern = () => pick(['*', name(), `*.${name()}`, `*${name()}`, `*-${name()}`, `*${name().slice(1)}`]);
    for (let run = 0; run < 2_000; run++) {
      const patterns = Array.from({ length: 1 + Math.floor(random() * 40) }, pattern);
      const index = new HostPatternIndex(patterns);
      for (let h = 0; h < 10; h++) {
        const host = pick([name(), `*.${name()}`, `*${name()}`, pick(patterns)]);
        const covering = patterns.flatMap((p, i) => (hostCovers(p, host) ? [i] : []));
        const candidates = index.candidates(host);
        expect(candidates).toEqual([...candidates].sort((a, b) => a - b));
        expect(candidates.filter((i) => hostCovers(patterns[i]!, host)), `${host} in ${JSON.stringify(patterns)}`).toEqual(covering);
      }
    }
  });

  it('leaves out what cannot cover the host', () => {
    const index = new HostPatternIndex(['*.example.com', 'api.example.com', '*', 'other.org', '*.org', '*-bar.example.com']);
    expect(index.candidates('API.example.com')).toEqual([0, 1, 2]);
    expect(index.candidates('x-bar.example.com')).toEqual([0, 2, 5]);
    expect(index.candidates('*.v1.example.com')).toEqual([0, 2]);
  });
});
