import { AffixTrie } from '../data/affix-trie';

/**
 * Globs (glob.ts: `*` any run, `?` one character) that may match a text, found without testing each:
 * every namespace is looked up among the Workspaces' namespace globs, and 16,000 Workspaces claiming
 * `team-<n>-*` took 13.7 s for their 16,000 namespaces, where 4,000 took 1.5 s. A glob is kept under the
 * longer of its literal prefix and its literal suffix; a glob with neither (`*`, `*-a-*`) is a candidate
 * for every text. The caller still tests each candidate.
 */
export class GlobIndex {
  private readonly prefixes = new AffixTrie(false);
  private readonly suffixes = new AffixTrie(true);

  add(glob: string, id: number): void {
    const first = glob.search(/[*?]/);
    if (first < 0) return this.prefixes.add(glob, id);
    const prefix = glob.slice(0, first);
    const suffix = glob.slice(Math.max(glob.lastIndexOf('*'), glob.lastIndexOf('?')) + 1);
    if (prefix.length >= suffix.length) this.prefixes.add(prefix, id);
    else this.suffixes.add(suffix, id);
  }

  /** The ids of the globs that may match `text`, ascending (the order they were added in, when ids are). */
  candidates(text: string): number[] {
    const found: number[] = [];
    this.prefixes.collect(text, found);
    this.suffixes.collect(text, found);
    return found.sort((a, b) => a - b);
  }
}
