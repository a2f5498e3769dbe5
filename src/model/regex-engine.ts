import { RecentlyUsed } from '../data/recently-used';
import type { NameAlphabet } from './name-alphabet';
import { programMatchesEvery, programMatchesSome } from './regex-language';
import { simplePattern, simplePatternMatchesSome } from './simple-pattern';

/**
 * Regular expressions written by other teams (allowedRoutes filters, route matchers) run on RE2
 * semantics, as Gloo and Envoy run them: linear time whatever the pattern, no backreferences or
 * lookaround. JavaScript's RegExp would accept patterns RE2 rejects and can take exponential time.
 * re2js is a port of RE2/J; it is loaded only when the input has a regular expression.
 */
export interface CompiledRegex {
  /** true when the whole input matches (RE2 FullMatch, as Envoy's safe_regex) */
  matches(input: string): boolean;
  /** set when the pattern matches this text alone (it has no syntax): a caller may look it up in a set */
  readonly literal?: string;
}

export interface RegexEngine {
  /** a compiled regex, or the error RE2 reports */
  compile(pattern: string): CompiledRegex | { readonly error: string };
  /**
   * `input` with every match of `pattern` replaced as RE2::GlobalReplace replaces it, which Envoy's
   * regex_rewrite calls (source/common/common/regex.cc, replaceAll): `\0` to `\9` are the groups (an
   * unmatched one is empty), `\\` is a backslash; an empty match is not taken where the last match
   * ended; a substitution that names a group the pattern does not have replaces nothing (re2/re2.cc,
   * GlobalReplace: `nvec > 1 + re.NumberOfCapturingGroups()` returns before the first match). Undefined
   * when the pattern does not compile.
   */
  substitute(pattern: string, input: string, substitution: string): string | undefined;
  /** the capturing groups of a pattern that compiles (0 for one that does not) */
  groupCount(pattern: string): number;
  /**
   * Whether a pattern that compiles matches some name of `names`, or some text at all without it
   * (regex-language.ts); undefined when it does not compile or the answer is not known.
   */
  matchesSome(pattern: string, names: NameAlphabet | undefined): boolean | undefined;
  /**
   * Whether a pattern that compiles matches every text without a line feed, the empty one included
   * (regex-language.ts, programMatchesEvery); undefined when it does not compile or it is not known.
   */
  matchesEvery(pattern: string): boolean | undefined;
}

/** A pattern matched against any part of a text, as a whole-text pattern (RE2: `(?s)` lets `.` take a line feed). */
export const inPart = (pattern: string): string => `(?s:.*)(?:${pattern})(?s:.*)`;

/** The highest group a rewrite string names, as RE2::MaxSubmatch reads it: `\` and a digit; `\\` is no group. */
export function maxSubmatch(substitution: string): number {
  let max = 0;
  for (let i = 0; i < substitution.length; i++) {
    if (substitution[i] !== '\\') continue;
    const d = substitution.charCodeAt(++i) - 48;
    if (d >= 0 && d <= 9 && d > max) max = d;
  }
  return max;
}

let re2js: Promise<typeof import('re2js')> | undefined;

/**
 * The longest pattern gwctl compiles. RE2 runs in linear time, but compiling is proportional to the
 * pattern: a 170 KB alternation of 10,000 names took seconds and half a gigabyte. Longer patterns are
 * refused as invalid (the filter fails closed, the route is replaced), with a message that says why.
 * Envoy itself refuses much smaller route regexes unless its runtime raises re2.max_program_size.
 */
export const MAX_PATTERN_LENGTH = 16 * 1024;

// Compiled programs kept at once. A compiled pattern with its match cache takes a few kilobytes, a large
// monorepo has tens of thousands of patterns, and they are used team by team: a bounded cache keeps
// memory flat at almost no recompilation.
const PROGRAMS = 1024;

/**
 * An engine with caches of its own, freed when the caller drops it (the model stage, once the model is
 * built). Every pattern's verdict (valid, or RE2's error) is kept; compiled programs are kept for the
 * most recently used patterns only, and recompiled when needed again. re2js is imported once.
 */
export async function loadRegexEngine(): Promise<RegexEngine> {
  const { RE2JS } = await (re2js ??= import('re2js'));
  const verdicts = new Map<string, CompiledRegex | { error: string }>();
  const answers = new Map<NameAlphabet, Map<string, boolean | undefined>>();
  const programs = new RecentlyUsed<string, InstanceType<typeof RE2JS>>(PROGRAMS);
  const program = (pattern: string) => {
    let compiled = programs.get(pattern);
    if (!compiled) programs.set(pattern, (compiled = RE2JS.compile(pattern)));
    return compiled;
  };
  const engine: RegexEngine = {
    compile(pattern) {
      let verdict = verdicts.get(pattern);
      if (!verdict) {
        try {
          if (pattern.length > MAX_PATTERN_LENGTH) throw new Error(`the pattern is ${pattern.length} characters long; gwctl compiles patterns of up to ${MAX_PATTERN_LENGTH}`);
          // a name with a wildcard needs no program of its own (see simple-pattern.ts)
          const simple = simplePattern(pattern);
          if (!simple) program(pattern);
          verdict = { matches: lastAnswerKept(simple ? simple.matches : (input: string) => program(pattern).matches(input)), ...(simple?.literal !== undefined ? { literal: simple.literal } : {}) };
        } catch (error) {
          verdict = { error: (error as Error).message.replace(/^error parsing regexp: /, '') };
        }
        verdicts.set(pattern, verdict);
      }
      return verdict;
    },
    substitute(pattern, input, substitution) {
      if ('error' in engine.compile(pattern)) return undefined;
      const m = program(pattern).matcher(input);
      const groups = m.groupCount();
      if (maxSubmatch(substitution) > groups) return input;
      let out = '';
      let copied = 0;
      let from = 0;
      let lastEnd = -1;
      while (from <= input.length && m.find(from)) {
        const start = m.start();
        const end = m.end();
        // RE2 skips an empty match where the last match ended ("Disallow empty match at end of last match")
        if (start === end && start === lastEnd) {
          from = start + 1;
          continue;
        }
        out += input.slice(copied, start) + substitution.replace(/\\([0-9\\])/g, (_, c: string) => (c === '\\' ? '\\' : (m.group(Number(c)) ?? '')));
        copied = lastEnd = end;
        from = end > start ? end : end + 1;
      }
      return out + input.slice(copied);
    },
    groupCount(pattern) {
      return 'error' in engine.compile(pattern) ? 0 : program(pattern).groupCount();
    },
    matchesSome(pattern, names) {
      // by alphabet, each pattern's answer: a path regex is asked of at every route that writes it (the
      // benchmark's monorepo M: 7,953 uses of 19 patterns)
      const kept = names ? (answers.get(names) ?? answers.set(names, new Map()).get(names)!) : undefined;
      if (kept?.has(pattern)) return kept.get(pattern);
      const answer = matchesSomeOnce(pattern, names);
      kept?.set(pattern, answer);
      return answer;
    },
    matchesEvery(pattern) {
      if ('error' in engine.compile(pattern)) return undefined;
      return programMatchesEvery(compiledProgram(pattern));
    },
  };
  const matchesSomeOnce = (pattern: string, names: NameAlphabet | undefined): boolean | undefined => {
    if ('error' in engine.compile(pattern)) return undefined;
    // a pattern of the simple subset is answered from its items, with no program compiled for it
    return simplePatternMatchesSome(pattern, names) ?? programMatchesSome(compiledProgram(pattern), names);
  };
  // RE2's compiled program (re2js keeps it unexported) that regex-language.ts reads
  const compiledProgram = (pattern: string): unknown => (program(pattern) as unknown as { re2Input?: { prog?: unknown } }).re2Input?.prog;
  return engine;
}

/**
 * A match with its last answer kept. Filters are evaluated destination by destination, and consecutive
 * destinations mostly ask the same of a pattern: the invoke role of one team's routes (corpus L: 246,000
 * destinations, half of 390 ms of matching was asking again for the same role).
 */
function lastAnswerKept(matches: (input: string) => boolean): (input: string) => boolean {
  let last: string | undefined;
  let answer = false;
  return (input) => {
    if (input !== last) {
      answer = matches(input);
      last = input;
    }
    return answer;
  };
}

/**
 * A regular expression Envoy matches a request or rewrites a path with: as the engine compiles it, and
 * never empty, which Envoy refuses (type/matcher/v3/regex.proto, RegexMatcher.regex `min_len: 1`) though
 * RE2 compiles it.
 */
export function compileRouteRegex(engine: RegexEngine, pattern: string): CompiledRegex | { readonly error: string } {
  return pattern === '' ? { error: 'the pattern is empty; Envoy requires one (RegexMatcher.regex, min_len 1)' } : engine.compile(pattern);
}
