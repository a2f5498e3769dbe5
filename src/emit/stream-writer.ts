/**
 * YAML and JSON text for plain data, produced in chunks: the output of a large input can exceed what one
 * JavaScript string holds (about 512 MB), and need not be in memory at once. A value may be any
 * Iterable (a generator) where a list is expected; it is consumed as it is written, so an emitter can
 * build each item only when the writer reaches it.
 *
 * The YAML is block style, two-space indentation, sequences indented under their key, strings plain when
 * YAML 1.1 and 1.2 both read them back as the same string, else double-quoted. Deterministic: the same
 * data gives the same bytes.
 */
import { jsonText } from '../text/json-text';
import { readsBackPlain } from '../text/kubernetes-scalars';
import { hasUnsafe } from '../text/printable';
import { textsOf } from './reusable';
import { Filled, templatePieces } from './template';

const CHUNK = 1 << 16;

function isList(v: unknown): v is Iterable<unknown> {
  return Array.isArray(v) || (v !== null && typeof v === 'object' && Symbol.iterator in v);
}

const PADS: string[] = [];
const spaces = (n: number) => (PADS[n] ??= ' '.repeat(n));
// a list item's dash, by indentation, on its line or after a line break
const DASHES: string[] = [];
const DASHES_BELOW: string[] = [];

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !isList(v);

// How the text before a value ends, which decides where the value goes: nothing (the top of a
// document), a key's colon, a list's dash.
const TOP = 0;
const DASH = 1;
const KEY = 2;
type Mode = typeof TOP | typeof DASH | typeof KEY;

// Thrown by the synchronous walk at what the generator walk must take: an iterable that is not an
// array (only a generator can consume it lazily), or a long array (its text is handed out in chunks
// as it is written, instead of staying in memory until the whole value is written, to be copied by
// every young-generation collection meanwhile: a Gloo Upstream lists every function of its provider).
const TO_GENERATOR = Symbol('to the generator');
const LONG_LIST = 256;

/**
 * The text is gathered as a list of parts and joined once per chunk. `a + b` would make V8 keep a tree of
 * every piece (a cons string per `+`), which costs memory, collection, and flattening when the chunk is
 * encoded; `join` writes the parts into one flat string.
 */
export function* yamlChunks(value: unknown): Generator<string> {
  let parts: string[] = [];
  // the length of the text in parts, for the chunk size
  let size = 0;
  // the parts of the chunks the synchronous walk cut off, for the generator to join and hand out (kept
  // as parts, so that a value written from before a cut can still be taken back)
  const cutOff: string[][] = [];
  // while a reusable subtree's text is made: all of it in one piece, whatever its size
  let makingReusable = false;

  function cut(): void {
    if (size >= CHUNK && !makingReusable) {
      cutOff.push(parts);
      parts = [];
      size = 0;
    }
  }

  function handOut(): string[] {
    return cutOff.splice(0).map((chunk) => chunk.join(''));
  }

  /** The text of a reusable subtree after its head, made once for each mode and indentation. */
  function reusedText(v: object, forms: Map<number, string>, mode: Mode, indent: number): string {
    const place = indent * 3 + mode;
    let text = forms.get(place);
    if (text === undefined) forms.set(place, (text = wholeText(v, mode, indent)));
    return text;
  }

  /** The text of `v` at a place, in one piece, apart from the text written so far. */
  function wholeText(v: object, mode: Mode, indent: number): string {
    return partsOf(v, mode, indent).join('');
  }

  /** The parts of the text of `v` at a place (a reusable subtree's text one of them), apart from the text written so far. */
  function partsOf(v: object, mode: Mode, indent: number): string[] {
    const outer = parts;
    const outerSize = size;
    // one text may be made inside another (a template holds reusable subtrees): no chunk is cut until
    // the outermost is made
    const outerMaking = makingReusable;
    parts = [];
    size = 0;
    makingReusable = true;
    try {
      // a reusable subtree holds no lazy iterables, so the synchronous walk writes all of it
      write(mode, v, indent, true);
      return parts;
    } finally {
      makingReusable = outerMaking;
      parts = outer;
      size = outerSize;
    }
  }

  /** A template's use: its pieces at this place, made once, with the values between them. */
  function filled(mode: Mode, v: Filled, indent: number): void {
    const place = indent * 3 + mode;
    const template = v.template;
    let pieces = template.pieces.get(place);
    if (pieces === undefined) template.pieces.set(place, (pieces = templatePieces(template, v.values.length, (prototype) => partsOf(prototype, mode, indent), scalar)));
    if (pieces === null) return write(mode, v.value, indent);
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      const text = typeof piece === 'number' ? scalar(v.values[piece]) : piece;
      parts.push(text);
      size += text.length;
    }
  }

  // Lines, each a few parts: the text before a value (its key and colon, or its dash) is already written.
  function scalarLine(mode: Mode, v: unknown): void {
    const text = scalar(v);
    if (mode === TOP) parts.push(text, '\n');
    else parts.push(' ', text, '\n');
    size += text.length + (mode === TOP ? 1 : 2);
  }

  function empty(mode: Mode, text: string): void {
    const line = mode === TOP ? text.slice(1) : text;
    parts.push(line);
    size += line.length;
  }

  /**
   * Writes `v` where the text so far ends in `mode`: scalars on the same line, collections on the lines
   * below at `indent`, except that a map in a list puts its first key on the dash line. Synchronous, with
   * no generator per collection; at an iterable that is not an array, or a long array, it throws
   * TO_GENERATOR before taking anything from it, and the generator walk (walk) takes over.
   */
  function write(mode: Mode, v: unknown, indent: number, ownText = false): void {
    if (v === null || typeof v !== 'object') return scalarLine(mode, v);
    if (v instanceof Filled) return filled(mode, v, indent);
    // ownText: the reusable subtree whose text is being made
    const forms = ownText ? undefined : textsOf(v);
    if (forms !== undefined) {
      const text = reusedText(v, forms, mode, indent);
      parts.push(text);
      size += text.length;
    } else if (Array.isArray(v)) {
      if (v.length === 0) return empty(mode, ' []\n');
      if (v.length > LONG_LIST && !makingReusable) throw TO_GENERATOR;
      // a list under a key is indented two more; a list in a list starts on the line below its dash
      const pad = spaces(mode === DASH ? indent + 2 : indent);
      for (let i = 0; i < v.length; i++) {
        listItem(mode, pad, i === 0);
        write(DASH, v[i], pad.length + 2);
        cut();
      }
    } else if (Symbol.iterator in v) {
      throw TO_GENERATOR;
    } else {
      let first = true;
      for (const k in v) {
        const child = (v as Record<string, unknown>)[k];
        if (child === undefined) continue;
        if (child === null || typeof child !== 'object') {
          // the line in three parts: the key's head with its space, the value, the line's end
          const head = keyHead(k, mode, indent, first, 1);
          const text = scalar(child);
          parts.push(head, text, '\n');
          size += head.length + text.length + 1;
        } else {
          mapKey(mode, first, k, indent);
          write(KEY, child, indent + 2);
        }
        first = false;
      }
      if (first) empty(mode, ' {}\n');
    }
  }

  // a list's first item under a key or a dash starts on the line below
  function listItem(mode: Mode, pad: string, first: boolean): void {
    const head = first && mode !== TOP ? (DASHES_BELOW[pad.length] ??= `\n${pad}-`) : (DASHES[pad.length] ??= `${pad}-`);
    parts.push(head);
    size += head.length;
  }

  // a key whose value, a map or a list, goes on the lines below it
  function mapKey(mode: Mode, first: boolean, k: string, indent: number): void {
    const head = keyHead(k, mode, indent, first, 0);
    parts.push(head);
    size += head.length;
  }

  /** Writes `v` synchronously if it can be; if not, takes back what it wrote (exactly) and says so. */
  function written(mode: Mode, v: unknown, indent: number): boolean {
    const partsBefore = parts.length;
    const sizeBefore = size;
    const cutBefore = cutOff.length;
    try {
      write(mode, v, indent);
      return true;
    } catch (error) {
      if (error !== TO_GENERATOR) throw error;
      if (cutOff.length > cutBefore) {
        // chunks were cut since: the parts before this value begin the first of them
        parts = cutOff[cutBefore]!.slice(0, partsBefore);
        cutOff.length = cutBefore;
      } else parts.length = partsBefore;
      size = sizeBefore;
      return false;
    }
  }

  /**
   * The same walk as a generator, for a value that holds lazy iterables or long arrays somewhere: each
   * child is written synchronously if it can be (a route, a cluster), else walked here. Lists are
   * consumed one item at a time, and the text handed out in chunks as it grows. What is written twice is
   * the part of a value before its first lazy or long list: the emitters put those (routes, clusters,
   * functions) early or alone.
   */
  function* walk(mode: Mode, v: unknown, indent: number): Generator<string> {
    if (isList(v)) {
      const iterator = v[Symbol.iterator]();
      let next = iterator.next();
      if (next.done) return empty(mode, ' []\n');
      const pad = spaces(mode === DASH ? indent + 2 : indent);
      let first = true;
      while (!next.done) {
        listItem(mode, pad, first);
        if (!written(DASH, next.value, pad.length + 2)) yield* walk(DASH, next.value, pad.length + 2);
        first = false;
        cut();
        if (cutOff.length) yield* handOut();
        next = iterator.next();
      }
    } else {
      const map = v as Record<string, unknown>;
      let first = true;
      for (const k in map) {
        const child = map[k];
        if (child === undefined) continue;
        mapKey(mode, first, k, indent);
        if (!written(KEY, child, indent + 2)) yield* walk(KEY, child, indent + 2);
        first = false;
      }
      if (first) empty(mode, ' {}\n');
    }
  }

  if (!written(TOP, value, 0)) yield* walk(TOP, value, 0);
  if (cutOff.length) yield* handOut();
  if (parts.length) yield parts.join('');
}

/**
 * The nodes of `v` when it is plain JSON data (arrays, objects of Object's own prototype, strings,
 * numbers, booleans, null) of at most `budget` nodes, else -1: such a subtree is written by one
 * JSON.stringify, which makes the same text as the walk below (two-space indentation, undefined members
 * left out, an undefined item as null) at a fraction of its cost. Anything else (a generator or any
 * iterable that is not an array, a template's Filled value, a class instance) is the walk's, as is a
 * subtree past the budget, whose text must not have to fit one string.
 */
function plainNodes(v: unknown, budget: number): number {
  if (v === null || typeof v !== 'object') return typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint' ? -1 : 1;
  let count = 1;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const n = plainNodes(v[i], budget - count);
      if (n < 0 || (count += n) > budget) return -1;
    }
    return count;
  }
  // an object literal may be a lazy list (emit/lazy-flat-map.ts): its items are behind Symbol.iterator,
  // which JSON.stringify does not see
  const prototype = Object.getPrototypeOf(v);
  if ((prototype !== Object.prototype && prototype !== null) || Symbol.iterator in v) return -1;
  for (const k in v) {
    const n = plainNodes((v as Record<string, unknown>)[k], budget - count);
    if (n < 0 || (count += n) > budget) return -1;
  }
  return count;
}

// A route, a cluster, a finding: well under this; the model's lists are over it, and walked
const WHOLE_NODES = 4096;

export function* jsonChunks(value: unknown): Generator<string> {
  let buffer = '';
  function* write(v: unknown, indent: string): Generator<string> {
    if (v instanceof Filled) v = v.value;
    if (v !== null && typeof v === 'object' && plainNodes(v, WHOLE_NODES) > 0) {
      // JSON text has no raw line break inside a string: each one is between members or items
      const text = jsonText(v, 2);
      buffer += indent === '' ? text : text.replace(/\n/g, `\n${indent}`);
      if (buffer.length >= CHUNK) {
        yield buffer;
        buffer = '';
      }
      return;
    }
    const inner = indent + '  ';
    if (isMap(v)) {
      const entries = Object.entries(v).filter(([, c]) => c !== undefined);
      if (entries.length === 0) return void (buffer += '{}');
      buffer += '{\n';
      for (let i = 0; i < entries.length; i++) {
        buffer += `${inner}${jsonText(entries[i]![0])}: `;
        yield* write(entries[i]![1], inner);
        buffer += i < entries.length - 1 ? ',\n' : '\n';
      }
      buffer += `${indent}}`;
    } else if (isList(v)) {
      let first = true;
      for (const item of v) {
        buffer += first ? '[\n' + inner : ',\n' + inner;
        first = false;
        yield* write(item, inner);
        if (buffer.length >= CHUNK) {
          yield buffer;
          buffer = '';
        }
      }
      buffer += first ? '[]' : `\n${indent}]`;
    } else buffer += jsonText(v ?? null);
  }
  yield* write(value, '');
  buffer += '\n';
  yield buffer;
}

// Strings YAML 1.1 (Kubernetes' parser) or 1.2 would read as something else, or that need quoting: `=`
// and `<<` for PyYAML too, whose resolver takes them for YAML 1.1's value and merge types
// (yaml/resolver.py) and whose safe_load refuses both as values.
const SPECIAL = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|=|<<)$/;
// YAML 1.1's float needs no digit at all: `.`, `-.` and `1._` are floats to a 1.1 reader (yaml's 1.1 schema)
const NUMBER_LIKE = /^[-+]?(?:\d[\d_]*(?:\.[\d_]*)?|\.[\d_]*)(?:[eE][-+]?\d+)?$|^0[xob][\da-fA-F_]+$|^[-+]?\d+(?::[0-5]?\d)+(?:\.\d*)?$|^\d{4}-\d\d?-\d\d?(?:[Tt ].*)?$/;
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`\s]/;

// The longest word SPECIAL lists (`false`, `-.inf`): a longer string is none of them.
const SPECIAL_MAX_LENGTH = 5;

// Characters of a string plain beyond doubt (see plainBeyondDoubt): 1 may start it, 2 may follow.
const PLAIN_CHARS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_/]/.test(ch)) PLAIN_CHARS[c] = 1;
  else if (/[0-9.-]/.test(ch)) PLAIN_CHARS[c] = 2;
}

/**
 * Starts with a letter, `_` or `/`, then letters, digits and `_./:-` with no `: ` or `:` at the end
 * (/^[A-Za-z_/](?:[\w./-]|:(?=[\w./-]))*$/): never a number, a date, an indicator or a comment. Only the
 * words SPECIAL lists still need quotes. A loop over a table: as a regular expression, the test cost
 * 360 ms of render envoy of L, most of it the call on short strings.
 */
export function plainBeyondDoubt(s: string): boolean {
  const n = s.length;
  const first = s.charCodeAt(0);
  if (!(first < 128 && PLAIN_CHARS[first] === 1)) return false;
  for (let i = 1; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 128 && PLAIN_CHARS[c] !== 0) continue;
    if (c !== 0x3a || i + 1 === n) return false;
    // `:` only before another of these characters (so never `: ` and never at the end)
    const next = s.charCodeAt(i + 1);
    if (!(next < 128 && PLAIN_CHARS[next] !== 0)) return false;
  }
  return true;
}

// Keys and many values repeat thousands of times in a large output: each string is judged once.
const judged = new Map<string, string>();
const JUDGED_MAX = 50_000;

// The keys of an output are few (the fields of its kinds) and written millions of times: each is judged
// once, found again by the hash V8 keeps in a property name. Keys that are data (labels) are many more:
// past the cap they are judged each time.
const KEYS_MAX = 10_000;

// and with each key, the text before its value at each indentation: a map's keys are on lines of their
// own, except that a map in a list puts its first key on the dash line and a map under a key starts on
// the line below it; a scalar value follows on the key's line after a space. One part per key instead of
// three to five: `join` pays per part.
interface KeyHeads {
  readonly text: string;
  /** ` key:` and ` key: `: the first key of a map in a list, after the dash */
  readonly dash: readonly [string, string];
  /** `  key:` and `  key: ` at index indentation * 2 + (0 | 1) */
  readonly line: string[];
  /** the same after a line break: the first key of a map under a key */
  readonly below: string[];
}
const keyHeads = new Map<string, KeyHeads>();

/** The text before the value of `k`, where the text so far ends in `mode`: a `scalarValue` goes after it on its line. */
function keyHead(k: string, mode: Mode, indent: number, first: boolean, scalarValue: 0 | 1): string {
  let heads = keyHeads.get(k);
  if (heads === undefined) {
    const text = scalar(k);
    heads = { text, dash: [` ${text}:`, ` ${text}: `], line: [], below: [] };
    if (keyHeads.size < KEYS_MAX) keyHeads.set(k, heads);
  }
  if (mode === DASH && first) return heads.dash[scalarValue];
  const at = indent * 2 + scalarValue;
  if (!first || mode === TOP) return (heads.line[at] ??= `${spaces(indent)}${heads.text}:${scalarValue ? ' ' : ''}`);
  return (heads.below[at] ??= `\n${spaces(indent)}${heads.text}:${scalarValue ? ' ' : ''}`);
}

export function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v > 0 ? '.inf' : v < 0 ? '-.inf' : '.nan';
  const s = String(v);
  // most strings of an output (names, paths, ARNs) are plain beyond doubt: judged without the cache
  if (plainBeyondDoubt(s) && (s.length > SPECIAL_MAX_LENGTH || !SPECIAL.test(s))) return s;
  let out = judged.get(s);
  if (out === undefined) {
    if (judged.size >= JUDGED_MAX) judged.clear();
    judged.set(s, (out = quoteIfNeeded(s)));
  }
  return out;
}

function quoteIfNeeded(s: string): string {
  const plain =
    s.length > 0 &&
    !INDICATOR.test(s) &&
    !/\s$/.test(s) &&
    !s.includes(': ') &&
    !s.includes(' #') &&
    !s.endsWith(':') &&
    !hasUnsafe(s) &&
    !s.includes('\ufeff') &&
    !SPECIAL.test(s) &&
    !NUMBER_LIKE.test(s) &&
    // go-yaml removes every underscore before it reads a number (`+_0x1` is 1 to it), which
    // NUMBER_LIKE, the yaml library's YAML 1.1 schema, does not foresee
    readsBackPlain(s);
  return plain ? s : jsonText(s);
}

