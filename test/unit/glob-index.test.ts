import { describe, expect, it } from 'vitest';
import { globMatcher } from '../../src/text/glob';
import { GlobIndex } from '../../src/text/glob-index';
import { seededRandom } from '../../scripts/lib/seeded-random.mjs';

describe('the globs that may match a text', () => {
  it('holds every glob that matches it, in the order added, on random globs and texts', () => {
    const random = seededRandom(11);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const parts = ['a', 'b', 'team', '-', 'prod', 'ns', '*', '?', ''];
    const glob = () => Array.from({ length: Math.floor(random() * 5) }, () => pick(parts)).join('');
    const text = () => Array.from({ length: Math.floor(random() * 5) }, () => pick(parts.filter((p) => p !== '*' && p !== '?'))).join('');
    for (let run = 0; run < 2_000; run++) {
      const globs = Array.from({ length: 1 + Math.floor(random() * 30) }, glob);
      const index = new GlobIndex();
      globs.forEach((g, i) => index.add(g, i));
      for (let t = 0; t < 10; t++) {
        const name = text();
        const matching = globs.flatMap((g, i) => (globMatcher(g).test(name) ? [i] : []));
        const candidates = index.candidates(name);
        expect(candidates).toEqual([...new Set(candidates)].sort((a, b) => a - b));
        expect(candidates.filter((i) => globMatcher(globs[i]!).test(name)), `${name} in ${JSON.stringify(globs)}`).toEqual(matching);
      }
    }
  });

  it('leaves out what cannot match, by the longer of its literal prefix and suffix', () => {
    const index = new GlobIndex();
    ['team-a-*', '*-prod', 'team-*-prod', '*', 'exact', '?-x', 'team-b-*'].forEach((g, i) => index.add(g, i));
    expect(index.candidates('team-a-prod')).toEqual([0, 1, 2, 3]);
    expect(index.candidates('exact')).toEqual([3, 4]);
    expect(index.candidates('q-x')).toEqual([3, 5]);
    expect(index.candidates('other')).toEqual([3]);
  });
});
