import { flatCopy } from '../text/flat-concat';

// V8 cuts a substring of 13 characters or more as a view into the string it came from, and that view
// keeps the whole parent alive. The YAML parsers cut every scalar from a copy of its document's text
// (js-yaml appends a terminator to the text it is given), so one name kept by the model would keep its
// document's text: on the monorepo L benchmark, a second copy of the whole input (about 120 MB).
const VIEW_MIN_LENGTH = 13;

/** A string of its own: the same characters, holding on to no larger text. */
const own = (s: string): string => (s.length < VIEW_MIN_LENGTH ? s : flatCopy(s));

/**
 * The same data, made compact in place:
 * - every list at its exact size. A list built entry by entry, as YAML builds them, keeps room for 16
 *   more entries (about 130 bytes): most lists in manifests hold one or two entries, so on a large
 *   input that room is a third of the data's memory.
 * - every string its own (see `own`), not a view into the text it was parsed from.
 */
export function compactData(value: unknown): unknown {
  if (typeof value === 'string') return own(value);
  if (Array.isArray(value)) return value.map(compactData);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key in record) {
      const child = record[key];
      if (typeof child === 'string') {
        if (child.length >= VIEW_MIN_LENGTH) record[key] = own(child);
      } else if (child !== null && typeof child === 'object') record[key] = compactData(child);
    }
  }
  return value;
}
