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
import { hasUnsafe } from '../text/printable';

const CHUNK = 1 << 16;

function isList(v: unknown): v is Iterable<unknown> {
  return Array.isArray(v) || (v !== null && typeof v === 'object' && Symbol.iterator in v);
}

const PADS: string[] = [];
const spaces = (n: number) => (PADS[n] ??= ' '.repeat(n));

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !isList(v);

/**
 * Subtrees an emitter places many times over (a retry policy on every route, a region's TLS settings on
 * every cluster): marked with `reusable`, each is written once per place it can take (its indentation,
 * under a key or as a list item) and its text reused after that. Most of a large Envoy render is such
 * repeats. A reusable subtree is frozen (its text must stay true) and holds no generators.
 */
const reused = new WeakMap<object, Map<number, string>>();

export function reusable<T extends object>(value: T): T {
  if (!reused.has(value)) reused.set(deepFreeze(value), new Map());
  return value;
}

/**
 * A reusable subtree per key, made on first use. At most `keep` are kept: where keys come from the input
 * (a method name), a module-level cache must not grow with it; past that, subtrees are made each time.
 */
export function reusablePer<K, V extends object>(make: (key: K) => V, keep = Infinity): (key: K) => V {
  const made = new Map<K, V>();
  return (key) => {
    let value = made.get(key);
    if (value === undefined) {
      value = reusable(make(key));
      if (made.size < keep) made.set(key, value);
    }
    return value;
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

// The place of a subtree, for its text: where the head ends (nothing, a key's colon or a dash) and the indentation.
const placeOf = (head: string, indent: number) => indent * 3 + (head === '' ? 0 : head.endsWith('-') ? 1 : 2);
const HEAD_OF_PLACE = ['', '-', ':'];

export function* yamlChunks(value: unknown): Generator<string> {
  let buffer = '';
  /** The text that follows a head of this place: every form of a reusable subtree is made once. */
  function textAfterHead(v: object, forms: Map<number, string>, head: string, indent: number): string {
    const place = placeOf(head, indent);
    let text = forms.get(place);
    if (text === undefined) {
      const outer = buffer;
      const mark = HEAD_OF_PLACE[place % 3]!;
      buffer = '';
      // a reusable subtree holds no generators, so the walk runs to its end here
      let whole = '';
      for (const chunk of node(mark, v, indent, true)) whole += chunk;
      text = (whole + buffer).slice(mark.length);
      buffer = outer;
      forms.set(place, text);
    }
    return text;
  }
  /**
   * Writes `v` after `head` (a key with its colon, or a dash, already indented): scalars on the same line,
   * collections on the lines below at `indent`. Map items of a list put their first key on the dash line.
   * Scalars, most of what is written, are appended here directly: a generator per scalar was most of the
   * time of a large render.
   */
  function* node(head: string, v: unknown, indent: number, writingReusable = false): Generator<string> {
    const forms = !writingReusable && v !== null && typeof v === 'object' ? reused.get(v) : undefined;
    if (forms !== undefined) {
      buffer += head + textAfterHead(v as object, forms, head, indent);
    } else if (isMap(v)) {
      const pad = spaces(indent);
      let first = true;
      for (const k in v) {
        const child = v[k];
        if (child === undefined) continue;
        // a map in a list: its first key rides on the dash
        const lead = first && head.endsWith('-') ? `${head} ` : first && head ? `${head}\n${pad}` : pad;
        if (child === null || typeof child !== 'object') buffer += `${lead}${scalar(k)}: ${scalar(child)}\n`;
        else yield* node(`${lead}${scalar(k)}:`, child, indent + 2);
        first = false;
      }
      if (first) buffer += `${head}${head ? ' ' : ''}{}\n`;
    } else if (isList(v)) {
      const iterator = v[Symbol.iterator]();
      let next = iterator.next();
      if (next.done) return void (buffer += `${head}${head ? ' ' : ''}[]\n`);
      // a list under a key is indented two more; a list in a list starts on the line below its dash
      const pad = spaces(head.endsWith('-') ? indent + 2 : indent);
      let first = true;
      while (!next.done) {
        const lead = first && head ? `${head}\n${pad}-` : `${pad}-`;
        const item = next.value;
        if (item === null || typeof item !== 'object') buffer += `${lead} ${scalar(item)}\n`;
        else yield* node(lead, item, pad.length + 2);
        first = false;
        if (buffer.length >= CHUNK) {
          yield buffer;
          buffer = '';
        }
        next = iterator.next();
      }
    } else {
      buffer += `${head}${head ? ' ' : ''}${scalar(v)}\n`;
    }
  }
  yield* node('', value, 0);
  if (buffer) yield buffer;
}

export function* jsonChunks(value: unknown): Generator<string> {
  let buffer = '';
  function* write(v: unknown, indent: string): Generator<string> {
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

// Strings YAML 1.1 (Kubernetes' parser) or 1.2 would read as something else, or that need quoting.
const SPECIAL = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|=|<<)$/;
// YAML 1.1's float needs no digit at all: `.`, `-.` and `1._` are floats to a 1.1 reader (yaml's 1.1 schema)
const NUMBER_LIKE = /^[-+]?(?:\d[\d_]*(?:\.[\d_]*)?|\.[\d_]*)(?:[eE][-+]?\d+)?$|^0[xob][\da-fA-F_]+$|^[-+]?\d+(?::[0-5]?\d)+(?:\.\d*)?$|^\d{4}-\d\d?-\d\d?(?:[Tt ].*)?$/;
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`\s]/;

// Starts with a letter, `_` or `/`, then letters, digits and `_./:-` with no `: ` or `:` at the end:
// never a number, a date, an indicator or a comment. Only the words SPECIAL lists still need quotes.
const PLAIN_BEYOND_DOUBT = /^[A-Za-z_/](?:[\w./-]|:(?=[\w./-]))*$/;

// Keys and many values repeat thousands of times in a large output: each string is judged once.
const judged = new Map<string, string>();
const JUDGED_MAX = 50_000;

export function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v > 0 ? '.inf' : v < 0 ? '-.inf' : '.nan';
  const s = String(v);
  // most strings of an output (names, paths, ARNs) are plain beyond doubt: judged without the cache
  if (PLAIN_BEYOND_DOUBT.test(s) && !SPECIAL.test(s)) return s;
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
    !NUMBER_LIKE.test(s);
  return plain ? s : jsonText(s);
}
