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

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !isList(v);

export function* yamlChunks(value: unknown): Generator<string> {
  let buffer = '';
  /**
   * Writes `v` after `head` (a key with its colon, or a dash, already indented): scalars on the same line,
   * collections on the lines below at `indent`. Map items of a list put their first key on the dash line.
   * Scalars, most of what is written, are appended here directly: a generator per scalar was most of the
   * time of a large render.
   */
  function* node(head: string, v: unknown, indent: number): Generator<string> {
    if (isMap(v)) {
      const pad = ' '.repeat(indent);
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
      const pad = ' '.repeat(head.endsWith('-') ? indent + 2 : indent);
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
const NUMBER_LIKE = /^[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$|^0[xob][\da-fA-F_]+$|^[-+]?\d+(?::[0-5]?\d)+(?:\.\d*)?$|^\d{4}-\d\d?-\d\d?(?:[Tt ].*)?$/;
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`\s]/;

// Keys and many values repeat thousands of times in a large output: each string is judged once.
const judged = new Map<string, string>();
const JUDGED_MAX = 50_000;

export function scalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v > 0 ? '.inf' : v < 0 ? '-.inf' : '.nan';
  const s = String(v);
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
