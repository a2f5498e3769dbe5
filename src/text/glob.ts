/** A compiled glob: whether a whole text matches it. */
export interface Glob {
  test(text: string): boolean;
}

/**
 * A pattern as `wildcards` matches it: `chars[i]` is a literal character where `kinds[i]` is LITERAL,
 * and stands for any run of characters (ANY_RUN) or any one (ANY_ONE) otherwise.
 */
export interface WildcardPattern {
  readonly chars: string;
  readonly kinds: Uint8Array;
}

const LITERAL = 0;
const ANY_RUN = 1;
const ANY_ONE = 2;

/**
 * `*` any run of characters, `?` one (a UTF-16 unit), everything else literal; with `escape`, the
 * character after it is literal whatever it is (an IAM policy's `${*}` is `\u0000*`: policy/evaluate.ts).
 */
export function wildcardPattern(text: string, escape?: string): WildcardPattern {
  let chars = '';
  const kinds: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === escape && i + 1 < text.length) {
      chars += text[++i]!;
      kinds.push(LITERAL);
    } else {
      chars += c;
      kinds.push(c === '*' ? ANY_RUN : c === '?' ? ANY_ONE : LITERAL);
    }
  }
  return { chars, kinds: Uint8Array.from(kinds) };
}

// Compiled once per distinct glob: access checks test the same few globs for every pair of workspaces.
const compiled = new Map<string, Glob>();

/** `*` any run of characters, `?` one character (a UTF-16 unit), everything else literal; the whole text. */
export function globMatcher(glob: string): Glob {
  let matcher = compiled.get(glob);
  if (!matcher && glob === '*') compiled.set(glob, (matcher = { test: () => true }));
  if (!matcher) {
    const pattern = wildcardPattern(glob);
    compiled.set(glob, (matcher = { test: (text) => wildcards(pattern, text) }));
  }
  return matcher;
}

/**
 * Whether the whole text matches the pattern. A scan that returns to the last run wildcard on a
 * mismatch, never a regular expression: patterns and texts both come from the input (a Workspace's
 * namespace glob and the namespaces, an IAM policy and the ARNs), and a backtracking engine takes
 * exponential time on `*a*a*a…*b` against a text of `a`s (a namespace glob of 14 stars against a
 * 63-character namespace did not finish). This scan takes at most the product of the two lengths.
 */
export function wildcards(pattern: WildcardPattern, text: string): boolean {
  const { chars, kinds } = pattern;
  let p = 0;
  let t = 0;
  // the last run wildcard, and where in the text its run ends so far: a mismatch after it makes the run one longer
  let run = -1;
  let runEnd = 0;
  while (t < text.length) {
    if (p < chars.length && kinds[p] === ANY_RUN) {
      run = p++;
      runEnd = t;
    } else if (p < chars.length && (kinds[p] === ANY_ONE || chars.charCodeAt(p) === text.charCodeAt(t))) {
      p++;
      t++;
    } else if (run >= 0) {
      p = run + 1;
      t = ++runEnd;
    } else {
      return false;
    }
  }
  while (p < chars.length && kinds[p] === ANY_RUN) p++;
  return p === chars.length;
}
