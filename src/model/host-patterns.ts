import { AffixIndex } from '../data/affix-index';

/**
 * The patterns of a list (`*`, `api.example.com`, `*.example.com`, `*-bar.example.com`) that may cover a
 * host, in the list's order, found without testing each: a listener's allowedRouteTables is searched for
 * every host of every table attached to it, and 2,000 entries for 3,000 tables took 1.5 s where one
 * entry takes nothing. The candidates are those `hostCovers` (listeners.ts) can accept: `*`, the host
 * itself, and each `*` + suffix of the host (of a wildcard host's own suffix), found by walking a trie of
 * the wildcard patterns' suffixes read backwards; the caller still tests each candidate.
 */
export class HostPatternIndex {
  private readonly any: number[] = [];
  private readonly exact = new Map<string, number[]>();
  private readonly suffixes = new AffixIndex(true);

  constructor(patterns: readonly string[]) {
    patterns.forEach((raw, i) => {
      const p = raw.toLowerCase();
      if (p === '*') this.any.push(i);
      else if (p.startsWith('*')) this.suffixes.add(p.slice(1), i);
      const list = this.exact.get(p);
      if (list) list.push(i);
      else this.exact.set(p, [i]);
    });
  }

  /** Indices of the patterns that may cover `host`, ascending. */
  candidates(host: string): number[] {
    const h = host.toLowerCase();
    const lists: Array<readonly number[]> = [this.any, this.exact.get(h) ?? []];
    this.suffixes.collect(h.startsWith('*') ? h.slice(1) : h, lists);
    return [...new Set(lists.flat())].sort((a, b) => a - b);
  }
}
