import { globMatcher, type Glob } from './glob';

const compiled = new Map<string, Glob>();

// what a glob's parts match: one character (CHARACTER: itself; ONE_IN_SEGMENT: any but `/`), a run of
// them (RUN_IN_SEGMENT; ANY_PATH: anything), or nothing (SEGMENTS: the start of `**/`, which may be left
// out whole: its ANY_PATH and `/` are the next two parts)
const CHARACTER = 0;
const ONE_IN_SEGMENT = 1;
const RUN_IN_SEGMENT = 2;
const ANY_PATH = 3;
const SEGMENTS = 4;
const SLASH = 47;

/**
 * A path glob as .gitignore-style tools read them, matched against a `/`-separated path relative to the
 * repository root: `*` any run within one segment, `?` one character, `**` any number of segments. A glob
 * without `/` matches a file name in any folder (`values.yaml`), one ending in `/` a folder and everything
 * under it.
 */
export function pathGlob(glob: string): Glob {
  let matcher = compiled.get(glob);
  if (matcher) return matcher;
  let g = glob.replace(/^\.\//, '');
  // a bare name (`values*.yaml`, the default excludes) matches the last segment in any folder: matched on
  // that segment alone, where `*` and `?` cannot meet a `/`, by the scan of globs (every file of a
  // walk is tested against every exclude). Not with `**`, which may.
  if (g !== '' && !g.includes('/') && !g.includes('**')) {
    const name = globMatcher(g);
    compiled.set(glob, (matcher = { test: (path) => name.test(path.slice(path.lastIndexOf('/') + 1)) }));
    return matcher;
  }
  if (!g.includes('/')) g = `**/${g}`;
  if (g.endsWith('/')) g += '**';
  const kinds: number[] = [];
  const chars: number[] = [];
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*' && g[i + 1] === '*') {
      const slash = g[i + 2] === '/';
      // `**/` is (?:.*/)?, nothing or anything that ends in a `/`; `**` elsewhere is anything
      if (slash) kinds.push(SEGMENTS, ANY_PATH, CHARACTER), chars.push(0, 0, SLASH);
      else kinds.push(ANY_PATH), chars.push(0);
      i += slash ? 2 : 1;
    } else {
      kinds.push(c === '*' ? RUN_IN_SEGMENT : c === '?' ? ONE_IN_SEGMENT : CHARACTER);
      chars.push(g.charCodeAt(i));
    }
  }
  // the two sets of parts reached, made once: a glob is tested against every file of a walk
  const parts = { kinds: Uint8Array.from(kinds), chars: Uint16Array.from(chars), now: new Uint8Array(kinds.length + 4), next: new Uint8Array(kinds.length + 4) };
  compiled.set(glob, (matcher = { test: (path) => matches(parts, path) }));
  return matcher;
}

/**
 * Whether the whole path matches: the set of parts the path so far can have reached, carried one
 * character at a time (a Thompson simulation). The glob comes from the command line or .gwctl.yaml, which
 * a pull request may change, and the paths from the repository: a backtracking regular expression took
 * exponential time on `*a*a*a…*b` against a long file name of `a`s. This takes at most the product of
 * the two lengths.
 */
function matches(parts: { kinds: Uint8Array; chars: Uint16Array; now: Uint8Array; next: Uint8Array }, path: string): boolean {
  const { kinds, chars } = parts;
  const n = kinds.length;
  let { now, next } = parts;
  now.fill(0);
  now[0] = 1;
  close(kinds, now);
  for (let t = 0; t < path.length; t++) {
    const c = path.charCodeAt(t);
    next.fill(0);
    for (let p = 0; p < n; p++) {
      if (!now[p]) continue;
      const kind = kinds[p]!;
      if (kind === CHARACTER) {
        if (c === chars[p]) next[p + 1] = 1;
      } else if (kind === ONE_IN_SEGMENT) {
        if (c !== SLASH) next[p + 1] = 1;
      } else if (kind === RUN_IN_SEGMENT) {
        if (c !== SLASH) next[p] = 1;
      } else if (kind === ANY_PATH) {
        next[p] = 1;
      }
      // SEGMENTS takes no character: its next part does
    }
    close(kinds, next);
    [now, next] = [next, now];
  }
  return now[n] === 1;
}

// the parts reached without a character: past a run that may be empty, past a `**/` left out
function close(kinds: Uint8Array, states: Uint8Array): void {
  for (let p = 0; p < kinds.length; p++) {
    if (!states[p]) continue;
    const kind = kinds[p];
    if (kind === RUN_IN_SEGMENT || kind === ANY_PATH || kind === SEGMENTS) states[p + 1] = 1;
    if (kind === SEGMENTS) states[p + 3] = 1;
  }
}
