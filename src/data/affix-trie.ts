/**
 * Ids kept under keys, found by the keys that begin a text (or, read backwards, that end it): one walk
 * along the text instead of a test of every key, where a list of patterns is searched for each of many
 * names (a listener's host patterns for every table's hosts; the Workspaces' namespace globs for every
 * namespace). The walk takes at most the length of the longest key.
 */
export class AffixTrie {
  private readonly root: TrieNode = { next: new Map(), ends: [] };

  constructor(private readonly backwards: boolean) {}

  add(key: string, id: number): void {
    let node = this.root;
    const n = key.length;
    for (let i = 0; i < n; i++) {
      const c = key[this.backwards ? n - 1 - i : i]!;
      let child = node.next.get(c);
      if (!child) node.next.set(c, (child = { next: new Map(), ends: [] }));
      node = child;
    }
    node.ends.push(id);
  }

  /**
   * Pushes onto `into` the list of ids of every key that begins the text (ends it, backwards), the empty
   * key's too: each list in the order its ids were added, the lists by key length.
   */
  collect(text: string, into: Array<readonly number[]>): void {
    let node: TrieNode | undefined = this.root;
    const n = text.length;
    if (node.ends.length) into.push(node.ends);
    for (let i = 0; i < n && node; i++) {
      node = node.next.get(text[this.backwards ? n - 1 - i : i]!);
      if (node?.ends.length) into.push(node.ends);
    }
  }
}

interface TrieNode {
  readonly next: Map<string, TrieNode>;
  readonly ends: number[];
}
