import { flatCopy } from '../text/flat-concat';

// V8 cuts a substring of 13 characters or more as a view into the string it came from, and that view
// keeps the whole parent alive. The YAML parsers cut every scalar from a copy of its document's text
// (js-yaml appends a terminator to the text it is given), so one name kept by the model would keep its
// document's text: on the monorepo L benchmark, a second copy of the whole input (about 120 MB).
const VIEW_MIN_LENGTH = 13;

/** A string of its own: the same characters, holding on to no larger text. */
const own = (s: string): string => (s.length < VIEW_MIN_LENGTH ? s : flatCopy(s));

// Short values repeat across documents (a region, a method, a namespace, an apiVersion, a label): on
// corpus M, 210,000 of the data's 250,000 strings are copies of another, a quarter of the objects on the
// heap after parsing, each one for every collection to copy or mark. One copy is kept of each value up
// to SHARED_MAX_LENGTH characters, for the first SHARED_KEPT distinct values met; values come from the
// input, so the table is bounded, and a value met after it is full stays a string of its own.
const SHARED_MAX_LENGTH = 64;
const SHARED_KEPT = 1 << 16;
const sharedValues = new Map<string, string>();

/** The string as one copy shared by every equal value; else as `keep` keeps it. */
function shared(s: string, keep: (s: string) => string): string {
  if (s.length > SHARED_MAX_LENGTH) return keep(s);
  const known = sharedValues.get(s);
  if (known !== undefined) return known;
  const copy = keep(s);
  if (sharedValues.size < SHARED_KEPT) sharedValues.set(copy, copy);
  return copy;
}

/**
 * The same data, made compact in place:
 * - every list at its exact size. A list built entry by entry, as YAML builds them, keeps room for 16
 *   more entries (about 130 bytes): most lists in manifests hold one or two entries, so on a large
 *   input that room is a third of the data's memory.
 * - every string its own (see `own`), not a view into the text it was parsed from, and short values
 *   shared (see `shared`).
 */
export function compactData(value: unknown): unknown {
  return compactIn(value, sharedOwn, true);
}

/**
 * Data that JSON.parse made (a parse thread's answer), made as compact as compactData makes the data of
 * a YAML parser, in place: JSON.parse already builds lists at their size and strings of their own, so
 * only short values are shared.
 */
export function shareValues(value: unknown): unknown {
  return compactIn(value, sharedFromJson, false);
}

const sharedOwn = (s: string): string => shared(s, own);
const itself = (s: string) => s;

// V8's JSON.parse already gives one string for each value of up to 10 characters (it internalizes them:
// measured, 200,000 equal values of 10 characters cost no heap, of 11 characters 32 bytes each).
const JSON_SHARED_MAX_LENGTH = 10;

/** A value of a JSON.parse result, shared if JSON.parse did not. */
const sharedFromJson = (s: string): string => (s.length <= JSON_SHARED_MAX_LENGTH ? s : shared(s, itself));

/** The walk of both: every string as `keep` gives it; lists copied at their size, or kept and changed in place. */
function compactIn(value: unknown, keep: (s: string) => string, copyLists: boolean): unknown {
  if (typeof value === 'string') return keep(value);
  if (Array.isArray(value)) {
    if (copyLists) return value.map((item) => compactIn(item, keep, true));
    for (let i = 0; i < value.length; i++) value[i] = compactIn(value[i], keep, false);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key in record) {
      const child = record[key];
      // always stored: `!==` compares strings by value, so it cannot tell the shared copy from the original
      if (typeof child === 'string') record[key] = keep(child);
      else if (child !== null && typeof child === 'object') record[key] = compactIn(child, keep, copyLists);
    }
  }
  return value;
}
