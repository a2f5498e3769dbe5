import { AffixIndex } from '../data/affix-index';

/**
 * Globs (glob.ts: `*` any run, `?` one character) that may match a text, found without testing each:
 * every namespace is looked up among the Workspaces' namespace globs, and 16,000 Workspaces claiming
 * `team-<n>-*` took 13.7 s for their 16,000 namespaces, where 4,000 took 1.5 s. A glob is kept under the
 * longer of its literal prefix and its literal suffix; a glob with neither (`*`, `*-a-*`) is a candidate
 * for every text. The caller still tests each candidate.
 */
export class GlobIndex {
  // made at the first glob each takes: a Workspace's settings make two indexes, most of them small
  private prefixes: AffixIndex | undefined;
  private suffixes: AffixIndex | undefined;

  add(glob: string, id: number): void {
    const first = glob.search(/[*?]/);
    const prefix = first < 0 ? glob : glob.slice(0, first);
    const suffix = first < 0 ? '' : glob.slice(Math.max(glob.lastIndexOf('*'), glob.lastIndexOf('?')) + 1);
    if (prefix.length >= suffix.length) (this.prefixes ??= new AffixIndex(false)).add(prefix, id);
    else (this.suffixes ??= new AffixIndex(true)).add(suffix, id);
  }

  /** The ids of the globs that may match `text`, ascending (the order they were added in, when ids are). */
  candidates(text: string): readonly number[] {
    const lists: Array<readonly number[]> = [];
    this.prefixes?.collect(text, lists);
    this.suffixes?.collect(text, lists);
    // each glob is under one key: the lists hold distinct ids, each list ascending. One list is the
    // answer as it is (every Workspace claiming `*`: thousands of ids, for every namespace)
    if (lists.length <= 1) return lists[0] ?? [];
    return Array.from(Int32Array.from(lists.flat()).sort());
  }
}
