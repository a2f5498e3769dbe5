import { quoteRe2 } from '../text/quote-re2';

/** A regex whose `*` was meant as a glob's: where, and what to write instead. */
export interface GlobLike {
  /** the first such `*` with the character it repeats (`/*`, `-*`) */
  readonly piece: string;
  /** the character repeated, as written */
  readonly char: string;
  /** the pattern with `.` before each such `*`: any text there */
  readonly suggestion: string;
  /** a text the glob would take and the regex does not (`/api/x` for `/api/*`), for a pattern of glob characters only */
  readonly sample?: string;
}

// what a glob is written with: names and paths, and `*`; a `.` is a glob's literal dot and a regex's any
// character, so it says nothing of which was meant
const GLOB_CHARACTERS = /^[A-Za-z0-9\-_/.:@~=,%*]+$/;

/**
 * A regex that reads as a glob, else undefined. In RE2 `*` repeats what comes before it, none or more
 * times: `/api/*` matches `/api`, `/api/` and `/api//`, not `/api/users`, and `team-a-*` matches `team-a`
 * and `team-a--`, not `team-a-orders`. Envoy and Gloo take such a regex, and the routes or names it was
 * meant for are not matched. Said of two shapes only, so that a regex meant as one is left alone: a `/*`
 * anywhere (a path's slash repeated is rarely what a route needs: `/?` says a trailing slash or none),
 * and in a pattern written only with the characters of names and paths and `*` (no `^`, `$`, group,
 * class, escape or other quantifier, which say a regex was meant), every `*` after another character
 * than `.` (`servicelog*`, `v1*`). Where the pattern is then a text but for its `*`s, `sample` is one
 * the glob takes and the regex does not (each `*` taken as `x`, or `y` where it repeats an `x`).
 */
export function globLike(pattern: string): GlobLike | undefined {
  const stars = literalStars(pattern);
  if (stars.length === 0) return undefined;
  const globLooking = GLOB_CHARACTERS.test(pattern);
  const flagged = globLooking ? stars : stars.filter((s) => s.char === '/');
  if (flagged.length === 0) return undefined;
  let suggestion = '';
  let sample = '';
  let from = 0;
  for (const s of flagged) {
    suggestion += `${pattern.slice(from, s.at)}.*`;
    // the glob's `*` taken as one character other than the one the regex repeats
    sample += `${pattern.slice(from, s.at)}${s.char === 'x' ? 'y' : 'x'}`;
    from = s.at + 1;
  }
  suggestion += pattern.slice(from);
  sample += pattern.slice(from);
  const first = flagged[0]!;
  const piece = pattern.slice(first.from, first.at + 1);
  // a sample is a text only where the pattern holds no syntax but the `*`s it stands for (a `.` is any
  // character); the regex does not take it, each `*` standing for another character than it repeats
  if (!globLooking || pattern.includes('.')) return { piece, char: first.char, suggestion };
  return { piece, char: first.char, suggestion, sample };
}

/**
 * The `*`s of a pattern outside character classes that repeat one literal character (written as is, or
 * escaped: `\/`), with the character, where its atom starts and where the `*` is. A `\Q` quote makes the
 * pattern one this reading leaves alone.
 */
function literalStars(pattern: string): Array<{ char: string; from: number; at: number }> {
  const stars: Array<{ char: string; from: number; at: number }> = [];
  let atom: { char: string; from: number } | undefined;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined || next === 'Q') return [];
      // `\/` is a slash: the one escape that matters here, a pattern with an escape being no glob
      atom = { char: next, from: i };
      i++;
    } else if (c === '[') {
      // to the class's end: a `]` first (or after `^`) is part of it, an escape is skipped
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      atom = undefined;
      i = j;
    } else if (c === '*') {
      if (atom) stars.push({ char: atom.char, from: atom.from, at: i });
      atom = undefined;
    } else if ('+?()|^$.'.includes(c)) {
      // `.` is any character (`.*` any text, as meant); the rest end an atom or quantify it
      atom = undefined;
    } else {
      // a brace too: a `*` after a count (`{2}*`) RE2 refuses, so one after a `}` repeats a literal one
      atom = { char: c, from: i };
    }
  }
  return stars;
}

/** A finding's fields for a glob-like regex (GW4050, GW5006). */
export function globFields(glob: GlobLike): { piece: string; char: string; suggestion: string; sample: string } {
  return { piece: glob.piece, char: glob.char, suggestion: glob.suggestion, sample: glob.sample === undefined ? '' : `; it does not match \`${glob.sample}\`` };
}

/**
 * What to write for an exact or prefix path with a `*` in it, else undefined. Envoy compares such a path
 * as written, `*` included (a character the gateway routes unescaped: RFC 3986 sub-delims), so the prefix
 * `/api/*` takes only paths that begin `/api/*`, where a glob would take any path below `/api/`. A prefix
 * whose `*`s all end it is the prefix without them; any other is a regex, each `*` a segment's text
 * (`[^/]*`, as a glob's) and `**` any text, a prefix's followed by anything.
 */
export function globPath(kind: 'exact' | 'prefix', value: string): { readonly kind: 'prefix' | 'regex'; readonly value: string } | undefined {
  if (!value.includes('*')) return undefined;
  const stem = value.replace(/\*+$/, '');
  if (kind === 'prefix' && !stem.includes('*')) return { kind: 'prefix', value: stem };
  const regex = value
    .split(/(\*+)/)
    .map((part, i) => (i % 2 === 0 ? quoteRe2(part) : part.length > 1 ? '.*' : '[^/]*'))
    .join('');
  return { kind: 'regex', value: kind === 'prefix' ? `${regex}.*` : regex };
}
