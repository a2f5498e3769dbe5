import type { NameAlphabet } from './name-alphabet';

/**
 * Whether an RE2 program can match anything at all: some whole text, or some name of an alphabet (an
 * IAM role name, a Lambda function name) when one is given. A filter pattern that matches no name allows
 * nothing, and says so nowhere but in the routes it refuses: `${ROLE_PATTERN}` left unexpanded (in RE2
 * `$` ends the text, so nothing can follow it), a role's ARN where the filter reads the role's name.
 *
 * The program is re2js's (RE2/J's Prog: instructions with an op, `out`, `arg` and rune ranges), compiled
 * for the whole-text match Gloo asks. Which texts match is a question of paths: a path from the start to
 * MATCH whose rune instructions each take one character, of the alphabet, with the beginning-of-text
 * conditions met before the first character and the end-of-text conditions after the last. So it is a
 * shortest-path search (each rune instruction a step of one character, everything else free), over each
 * instruction in four phases: nothing read yet or something, the end of the text reached or not. The
 * first MATCH reached with a name's length answers; none reached means nothing can match.
 *
 * Word boundaries (`\b`, `\B`) are taken as met: they are the only conditions on neighbouring characters,
 * and taking them as met can only answer "matches something" where the truth is "nothing" (no finding),
 * never the reverse. Without an alphabet (any text), a line boundary (`(?m)^`, `(?m)$`) is taken as met
 * anywhere, as a line feed may be beside it; a name holds no line feed, so with an alphabet a line
 * boundary is the text's. Undefined: the program holds an instruction this reading does not know.
 */
export function programMatchesSome(program: unknown, names: NameAlphabet | undefined): boolean | undefined {
  const prog = program as Partial<Program> | null;
  if (!prog || !Array.isArray(prog.inst) || typeof prog.start !== 'number') return undefined;
  const insts = prog.inst;
  const maxLength = names ? names.maxLength : Infinity;
  // by instruction, and whether it reads the first character (which some alphabets restrict further)
  const takes = new Map<number, boolean>();
  const takesSome = (pc: number, inst: Inst, first: boolean): boolean => {
    const byFirst = first && names?.first !== undefined;
    const chars = !names ? undefined : byFirst ? names.first : names.chars;
    const key = byFirst ? -1 - pc : pc;
    let answer = takes.get(key);
    if (answer === undefined) takes.set(key, (answer = runeTakesSome(inst, chars, !byFirst && names?.beyond === true)));
    return answer;
  };
  // the fewest characters read to reach each state (pc * 4 + phase), found a length at a time: the
  // states of this length (free steps add to it) and those of the next (a rune instruction's step)
  const distance = new Float64Array(insts.length * 4).fill(Infinity);
  let layer: number[] = [];
  let next: number[] = [];
  const reach = (pc: number, phase: number, d: number, into: number[]): void => {
    const state = pc * 4 + phase;
    if (pc < 0 || pc >= insts.length || d >= distance[state]!) return;
    distance[state] = d;
    into.push(state);
  };
  reach(prog.start, BEGIN, 0, layer);
  for (let d = 0; layer.length > 0 && d <= maxLength; d++) {
    while (layer.length > 0) {
      const state = layer.pop()!;
      // reached with fewer characters since it was put in this layer: done then
      if (distance[state]! < d) continue;
      const pc = state >> 2;
      const phase = state & 3;
      const inst = insts[pc]!;
      switch (inst.op) {
        case ALT:
        case ALT_MATCH:
          reach(inst.out, phase, d, layer);
          reach(inst.arg, phase, d, layer);
          break;
        case CAPTURE:
        case NOP:
          reach(inst.out, phase, d, layer);
          break;
        case EMPTY_WIDTH:
          for (const after of afterCondition(inst.arg, phase, names !== undefined)) reach(inst.out, after, d, layer);
          break;
        case FAIL:
          break;
        case MATCH:
          // a name is never empty; any text may be, and some alphabets' texts
          if (!names || names.empty || phase === READ || phase === READ_ENDED) return true;
          break;
        case RUNE:
        case RUNE1:
        case RUNE_ANY:
        case RUNE_ANY_NOT_NL:
          if ((phase === BEGIN || phase === READ) && takesSome(pc, inst, phase === BEGIN)) reach(inst.out, READ, d + 1, next);
          break;
        default:
          return undefined;
      }
    }
    [layer, next] = [next, layer];
  }
  return false;
}

// re2js's instruction codes and empty-width conditions (RE2/J's Inst and Utils)
const ALT = 1;
const ALT_MATCH = 2;
const CAPTURE = 3;
const EMPTY_WIDTH = 4;
const FAIL = 5;
const MATCH = 6;
const NOP = 7;
const RUNE = 8;
const RUNE1 = 9;
const RUNE_ANY = 10;
const RUNE_ANY_NOT_NL = 11;
const BEGIN_LINE = 1;
const END_LINE = 2;
const BEGIN_TEXT = 4;
const END_TEXT = 8;
// RE2/J's flag on a one-rune instruction that matches its rune in any case, and the two characters
// past ASCII an ASCII letter folds to (k, s)
const FOLD_CASE = 1;
const KELVIN_SIGN = 0x212a;
const LONG_S = 0x17f;

// the phases: nothing read yet, or something; then the same with the end of the text reached
const BEGIN = 0;
const READ = 1;
const BEGIN_ENDED = 2;
const READ_ENDED = 3;

interface Inst {
  readonly op: number;
  readonly out: number;
  readonly arg: number;
  readonly runes: Int32Array;
  matchRune(rune: number): boolean;
}

interface Program {
  readonly inst: readonly Inst[];
  readonly start: number;
}

/** The phases after an empty-width condition in `phase`, none when it cannot hold there. */
function afterCondition(flags: number, phase: number, oneLine: boolean): number[] {
  const begun = phase === READ || phase === READ_ENDED;
  const ended = phase === BEGIN_ENDED || phase === READ_ENDED;
  // a line's beginning is the text's in a name; in any text, a line feed may be just before
  if ((flags & BEGIN_TEXT || (oneLine && flags & BEGIN_LINE)) && begun) return [];
  if (flags & END_TEXT || (oneLine && flags & END_LINE)) return [ended ? phase : phase + 2];
  // a line's end in any text: the text's end, or a line feed next
  if (flags & END_LINE) return ended ? [phase] : [phase, phase + 2];
  return [phase];
}

/**
 * Whether a rune instruction takes some character of a table of ASCII, or past ASCII when `beyond` (any
 * character, without a table).
 */
function runeTakesSome(inst: Inst, chars: Uint8Array | undefined, beyond: boolean): boolean {
  if (!chars) return inst.op === RUNE_ANY || inst.op === RUNE_ANY_NOT_NL || inst.runes.length > 0;
  if (beyond && takesBeyondAscii(inst)) return true;
  for (let c = 0; c < 128; c++) {
    if (chars[c] !== 1) continue;
    if (inst.op === RUNE_ANY || (inst.op === RUNE_ANY_NOT_NL && c !== 10) || ((inst.op === RUNE || inst.op === RUNE1) && inst.matchRune(c))) return true;
  }
  return false;
}

/**
 * Whether a rune instruction takes some character past ASCII. Its runes are one character (folded when
 * the instruction's FOLD_CASE flag is set: RE2 folds `k` and `s` to the Kelvin sign and the long s, the
 * only ASCII letters whose case orbit leaves ASCII) or ranges in ascending order, folding included.
 */
function takesBeyondAscii(inst: Inst): boolean {
  if (inst.op === RUNE_ANY || inst.op === RUNE_ANY_NOT_NL) return true;
  const runes = inst.runes;
  if (runes.length === 0) return false;
  if (runes.length === 1) return runes[0]! >= 128 || ((inst.arg & FOLD_CASE) !== 0 && (inst.matchRune(KELVIN_SIGN) || inst.matchRune(LONG_S)));
  return runes[runes.length - 1]! >= 128;
}

/**
 * Whether an RE2 program, matched against whole texts, matches every text that holds no line feed (a
 * header's value, the empty one included): `.*` does, and an inverted condition `!~ .*` is met by no
 * request. Answered only for programs that read every character with `.` (`.*`, `(.*)`, `^.*$`,
 * `(?s).+|`), where every such text of one length is alike, so the question is one of lengths: the sets
 * of instructions reached after each length are followed until one repeats, each holding a match where
 * the text ends. Undefined for any other program (a literal, a class, a word boundary): not known, and
 * no finding is made of it.
 */
export function programMatchesEvery(program: unknown): boolean | undefined {
  const prog = program as Partial<Program> | null;
  if (!prog || !Array.isArray(prog.inst) || typeof prog.start !== 'number') return undefined;
  const insts = prog.inst;
  // the instructions reached from `from` without reading, `begun` once a character was read, and whether
  // the text ends there (only then does an end condition hold; a line's ends are the text's, as a value
  // holds no line feed); undefined when an instruction is one this reading does not answer for
  const closure = (from: readonly number[], begun: boolean, ends: boolean): { matched: boolean; reads: number[] } | undefined => {
    const seen = new Set<number>();
    const stack = [...from];
    const reads: number[] = [];
    let matched = false;
    while (stack.length > 0) {
      const pc = stack.pop()!;
      if (pc < 0 || pc >= insts.length || seen.has(pc)) continue;
      seen.add(pc);
      const inst = insts[pc]!;
      switch (inst.op) {
        case ALT:
        case ALT_MATCH:
          stack.push(inst.out, inst.arg);
          break;
        case CAPTURE:
        case NOP:
          stack.push(inst.out);
          break;
        case EMPTY_WIDTH:
          if (inst.arg & ~(BEGIN_LINE | END_LINE | BEGIN_TEXT | END_TEXT)) return undefined;
          if ((inst.arg & (BEGIN_LINE | BEGIN_TEXT) && begun) || (inst.arg & (END_LINE | END_TEXT) && !ends)) break;
          stack.push(inst.out);
          break;
        case FAIL:
          break;
        case MATCH:
          matched = true;
          break;
        case RUNE_ANY:
        case RUNE_ANY_NOT_NL:
          reads.push(inst.out);
          break;
        default:
          return undefined;
      }
    }
    return { matched, reads: [...new Set(reads)].sort((a, b) => a - b) };
  };
  let at: readonly number[] = [prog.start];
  let begun = false;
  const lengths = new Set<string>();
  for (;;) {
    const key = `${begun ? 1 : 0}:${at.join(',')}`;
    if (lengths.has(key)) return true;
    lengths.add(key);
    const ending = closure(at, begun, true);
    const going = closure(at, begun, false);
    if (!ending || !going) return undefined;
    if (!ending.matched) return false;
    at = going.reads;
    begun = true;
  }
}
