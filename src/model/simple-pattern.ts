import type { NameAlphabet } from './name-alphabet';
import type { CompiledRegex } from './regex-engine';

/**
 * Most patterns in allowedRoutes filters are a name with a wildcard or a character class in it
 * (`team-a-[a-z]+`, `orders-.*`). Compiling each with re2js costs about a tenth of a millisecond and a few
 * kilobytes, and a monorepo has one or two per team. This module takes the patterns made only of single
 * characters, `.`, simple classes and the quantifiers `*`, `+` and `?`, and matches them with a
 * Thompson simulation: linear in the input, as RE2. Any other pattern (groups, alternation, anchors,
 * counted repetition, negated classes, escapes such as \d, anything RE2 could reject) is declined and
 * goes to re2js. test/model/simple-pattern.test.ts compares the answers with re2js on random patterns.
 */

// RE2 syntax characters: outside a class, each one either means something or makes the pattern invalid
const SYNTAX = new Set(['\\', '.', '+', '*', '?', '(', ')', '|', '[', ']', '{', '}', '^', '$']);
// what `\x` may escape here: a syntax character, or one of these, all literal in RE2 when escaped
const ESCAPABLE = new Set([...SYNTAX, '-', '/']);
const LINE_FEED = 10;
const ALNUM = /^[A-Za-z0-9]$/;

/** An atom: the code points it matches, as inclusive ranges; `.` is everything but a line feed. */
type Ranges = ReadonlyArray<readonly [number, number]>;
const DOT: Ranges = [
  [0, LINE_FEED - 1],
  [LINE_FEED + 1, 0x10ffff],
];

interface Item {
  readonly ranges: Ranges;
  /** the same for ASCII, as a table: names are ASCII, and this test runs for every character */
  readonly ascii: Uint8Array;
  /** may match nothing (`*`, `?`) */
  readonly optional: boolean;
  /** may match again (`*`, `+`) */
  readonly repeats: boolean;
}

// Printable ASCII with no RE2 syntax character: the pattern is its own text, and matches only it.
const LITERAL = /^[ !"#%&',\-/0-9:;<=>@A-Z_`a-z~]*$/;

/** The pattern compiled, when it is in the simple subset; undefined otherwise. */
export function simplePattern(pattern: string): CompiledRegex | undefined {
  // most filter entries name one account, role or function: a string comparison, no automaton
  if (LITERAL.test(pattern)) return { matches: (input) => input === pattern, literal: pattern };
  const items = simpleItems(pattern);
  if (!items) return undefined;
  if (items.length > MASK_ITEMS_MAX) return { matches: (input) => run(items, input) };
  // the items that may be skipped and those that may repeat, as bits (see runMask)
  let optional = 0;
  let repeats = 0;
  items.forEach((it, j) => {
    if (it.optional) optional |= 1 << j;
    if (it.repeats) repeats |= 1 << j;
  });
  return { matches: (input) => runMask(items, optional, repeats, input) };
}

/**
 * Whether a pattern of the simple subset matches some name of `names` (some text, without it); undefined
 * for any other pattern.
 * A literal is one name; otherwise the items that may not be skipped must each take one of the
 * alphabet's characters and fit the length, and one item, every item before it skipped, must take a
 * character a name begins with, unless the empty text is one of the alphabet's (then a pattern whose
 * items may all be skipped matches it).
 */
export function simplePatternMatchesSome(pattern: string, names: NameAlphabet | undefined): boolean | undefined {
  // without an alphabet, any text: a literal matches itself, and every item takes some character
  if (!names) return LITERAL.test(pattern) || simpleItems(pattern) !== undefined ? true : undefined;
  const first = names.first ?? names.chars;
  if (LITERAL.test(pattern)) {
    if (pattern === '') return names.empty;
    return pattern.length <= names.maxLength && first[pattern.charCodeAt(0)] === 1 && [...pattern].every((c) => names.chars[c.charCodeAt(0)] === 1);
  }
  const items = simpleItems(pattern);
  if (!items) return undefined;
  // the ranges, walked up to ASCII's end, and past it for an alphabet that goes beyond (a name is ASCII,
  // a query value need not be): a character here is mostly a range of one
  const takes = (it: Item, table: Uint8Array, beyond: boolean) => it.ranges.some(([lo, hi]) => {
    if (beyond && hi >= 128) return true;
    for (let c = lo; c <= hi && c < 128; c++) if (table[c] === 1) return true;
    return false;
  });
  const required = items.filter((it) => !it.optional);
  if (!required.every((it) => takes(it, names.chars, names.beyond)) || required.length > names.maxLength) return false;
  // the item that reads the first character: one of the leading items that may be skipped, or the first
  // that may not
  const firstBeyond = names.beyond && names.first === undefined;
  for (const it of items) {
    if (takes(it, first, firstBeyond) && required.length + (it.optional ? 1 : 0) <= names.maxLength) return true;
    if (!it.optional) return false;
  }
  return names.empty;
}

/** The items of a pattern in the simple subset, in order; undefined for any other pattern. */
function simpleItems(pattern: string): Item[] | undefined {
  const items: Item[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    let ranges: Ranges;
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined || !ESCAPABLE.has(next)) return undefined;
      ranges = [[next.charCodeAt(0), next.charCodeAt(0)]];
      i += 2;
    } else if (c === '.') {
      ranges = DOT;
      i++;
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      const parsed = end < 0 ? undefined : classRanges(pattern.slice(i + 1, end));
      if (!parsed) return undefined;
      ranges = parsed;
      i = end + 1;
    } else if (SYNTAX.has(c) || c < ' ' || c > '~') {
      // a quantifier with nothing to repeat, groups, anchors, braces; control and non-ASCII characters
      return undefined;
    } else {
      ranges = [[c.charCodeAt(0), c.charCodeAt(0)]];
      i++;
    }
    // one quantifier at most: a second (`a**`, `a+?`, lazy) or braces (`a{2}`, `a*{2}`), which RE2 rejects
    // or gives a meaning of its own, is read as the next atom and declined there (a syntax character)
    const q = pattern[i];
    if (q === '*' || q === '+' || q === '?') {
      i++;
      items.push(item(ranges, q !== '+', q !== '?'));
    } else {
      items.push(item(ranges, false, false));
    }
  }
  return items;
}

// The two state sets, shared by every pattern (a match runs to its end before another can start) and
// grown to the longest pattern: a pair per pattern was two more ArrayBuffers for each of tens of
// thousands of patterns.
let stateA = new Uint8Array(64);
let stateB = new Uint8Array(64);

/**
 * `a-z0-9_-`: letters, digits, `_` and `.`, ranges of letters or digits, `-` first or last. Anything else,
 * a leading `^` (negation) included, is declined.
 */
function classRanges(body: string): Ranges | undefined {
  if (body === '') return undefined;
  const out: Array<[number, number]> = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '-' && (i === 0 || i === body.length - 1)) {
      out.push([45, 45]);
    } else if (ALNUM.test(c) && body[i + 1] === '-' && i + 2 < body.length) {
      const to = body[i + 2]!;
      // a range ends in a letter or digit at or after its start; anything else is RE2's to judge
      if (!ALNUM.test(to) || to < c) return undefined;
      out.push([c.charCodeAt(0), to.charCodeAt(0)]);
      i += 2;
    } else if (ALNUM.test(c) || c === '_' || c === '.') {
      out.push([c.charCodeAt(0), c.charCodeAt(0)]);
    } else {
      return undefined;
    }
  }
  return out;
}

function inRanges(ranges: Ranges, cp: number): boolean {
  for (const [lo, hi] of ranges) if (cp >= lo && cp <= hi) return true;
  return false;
}

// Equal items are one object (items are never changed once built): names are made of few characters,
// and a large input has hundreds of thousands of items, each of which held its ranges and a table of its
// own (an ArrayBuffer and its 128 bytes): validate of the L benchmark peaked 175 MB higher.
const ITEMS_KEPT = 4096;
const itemCache = new Map<string, Item>();

// An item of one ASCII character, the most common by far (a name's letters), found by its code and
// quantifier with no key made: making the key of each was most of the cost of reading a pattern.
const oneCharacter: Array<Item | undefined> = [];

function item(ranges: Ranges, optional: boolean, repeats: boolean): Item {
  const lo = ranges[0]![0];
  if (ranges.length === 1 && lo === ranges[0]![1] && lo < 128) {
    const at = lo * 4 + (optional ? 2 : 0) + (repeats ? 1 : 0);
    return (oneCharacter[at] ??= itemOf(ranges, optional, repeats));
  }
  const key = `${ranges.join(';')}|${optional}|${repeats}`;
  let found = itemCache.get(key);
  if (!found) {
    found = itemOf(ranges, optional, repeats);
    if (itemCache.size < ITEMS_KEPT) itemCache.set(key, found);
  }
  return found;
}

function itemOf(ranges: Ranges, optional: boolean, repeats: boolean): Item {
  const ascii = new Uint8Array(128);
  for (const [lo, hi] of ranges) if (lo < 128) ascii.fill(1, lo, Math.min(hi, 127) + 1);
  return { ranges, ascii, optional, repeats };
}

/**
 * Whether the whole input matches: the set of items reached so far, advanced one code point at a time
 * (RE2 matches code points, not UTF-16 units). State j: the first j items are matched.
 */
function run(items: readonly Item[], input: string): boolean {
  const n = items.length;
  if (stateA.length < n + 1) {
    stateA = new Uint8Array(2 * (n + 1));
    stateB = new Uint8Array(2 * (n + 1));
  }
  let current = stateA;
  let next = stateB;
  current.fill(0, 0, n + 1);
  current[0] = 1;
  close(items, current);
  for (let i = 0; i < input.length; i++) {
    // a surrogate pair is one code point (a lone surrogate, its own)
    const cp = input.codePointAt(i)!;
    if (cp > 0xffff) i++;
    next.fill(0, 0, n + 1);
    let any = false;
    for (let j = 0; j < n; j++) {
      if (!current[j]) continue;
      const item = items[j]!;
      if (cp < 128 ? !item.ascii[cp] : !inRanges(item.ranges, cp)) continue;
      any = true;
      if (item.repeats) next[j] = 1;
      next[j + 1] = 1;
    }
    if (!any) return false;
    close(items, next);
    [current, next] = [next, current];
  }
  return current[n] === 1;
}

// A pattern of up to 30 items has its states (0 to 30) in the bits of one small integer: each code
// point then costs no clearing of an array and no swap (run, above, is for longer patterns: every
// character of a pattern is an item, and a role ARN with a wildcard has 40 or more). Matching cost
// 190 ms of validate of L, where every destination's function name meets its filter.
const MASK_ITEMS_MAX = 30;

/** run, with the state set as bits: bit j set when the first j items are matched. */
function runMask(items: readonly Item[], optional: number, repeats: number, input: string): boolean {
  const n = items.length;
  let current = closeMask(n, optional, 1);
  for (let i = 0; i < input.length; i++) {
    // a surrogate pair is one code point (a lone surrogate, its own)
    const cp = input.codePointAt(i)!;
    if (cp > 0xffff) i++;
    let next = 0;
    for (let j = 0; j < n; j++) {
      const bit = 1 << j;
      if ((current & bit) === 0) continue;
      const item = items[j]!;
      if (cp < 128 ? !item.ascii[cp] : !inRanges(item.ranges, cp)) continue;
      next |= (repeats & bit) | (bit << 1);
    }
    if (next === 0) return false;
    current = closeMask(n, optional, next);
  }
  return (current & (1 << n)) !== 0;
}

/** closeMask: the states reached by skipping optional items, in order, as `close` adds them. */
function closeMask(n: number, optional: number, states: number): number {
  for (let j = 0; j < n; j++) if ((states & optional & (1 << j)) !== 0) states |= 1 << (j + 1);
  return states;
}

/** Adds the states reached by skipping optional items. */
function close(items: readonly Item[], states: Uint8Array): void {
  for (let j = 0; j < items.length; j++) if (states[j] && items[j]!.optional) states[j + 1] = 1;
}
