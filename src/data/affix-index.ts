/**
 * Ids kept under keys, found by the keys that begin a text (or, read backwards, that end it): a lookup
 * of the text's beginning (end) at each length some key has, instead of a test of every key, where a
 * list of patterns is searched for each of many names (a listener's host patterns for every table's
 * hosts; the Workspaces' namespace globs and their settings' workspace globs for every namespace and
 * workspace). One map entry a key: a trie of a node and a map per character held 36 MB more on corpus
 * L, whose 7,693 WorkspaceSettings each name a few workspaces.
 */
export class AffixIndex {
  private readonly byKey = new Map<string, number[]>();
  private readonly lengthSet = new Set<number>();
  /** the lengths some key has, ascending; made again when a key of a new length was added */
  private lengths: number[] | undefined = [];

  constructor(private readonly backwards: boolean) {}

  add(key: string, id: number): void {
    const list = this.byKey.get(key);
    if (list) return void list.push(id);
    this.byKey.set(key, [id]);
    if (!this.lengthSet.has(key.length)) {
      this.lengthSet.add(key.length);
      this.lengths = undefined;
    }
  }

  /**
   * Pushes onto `into` the list of ids of every key that begins the text (ends it, backwards), the empty
   * key's too: each list in the order its ids were added, the lists by key length.
   */
  collect(text: string, into: Array<readonly number[]>): void {
    const n = text.length;
    this.lengths ??= [...this.lengthSet].sort((a, b) => a - b);
    for (const length of this.lengths) {
      if (length > n) break;
      const list = this.byKey.get(this.backwards ? text.slice(n - length) : text.slice(0, length));
      if (list) into.push(list);
    }
  }
}
