/**
 * Lenient readers for parsed YAML. Later stages run on resources that may have failed the schema, so
 * they never assume a shape: a value of the wrong type reads as absent.
 */
export type Obj = Record<string, unknown>;

export const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
/**
 * A proto3 string field of a Gloo resource: an empty string is the field unset, as Gloo reads it (proto3
 * cannot tell the two apart: `value: ""` in a header matcher matches any value, `namespace: ""` in a
 * reference is the parent's namespace). Not for a member of a oneof, which keeps its presence
 * (`uri.prefix: ""` is a prefix).
 */
export const setStr = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
export const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
export const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const obj = (v: unknown): Obj => (isObject(v) ? v : {});
/** Whether a field is written: a field written null is unset (the API server prunes it, protobuf's JSON reader skips it). */
export const isSet = (v: unknown): boolean => v !== undefined && v !== null;

/** The empty string map, shared (stringMap of a value without strings). */
export const NO_STRINGS: Readonly<Record<string, string>> = Object.freeze({});

/** The string entries of a mapping; an empty map is one shared object (there are many). */
export function stringMap(v: unknown): Readonly<Record<string, string>> {
  if (!isObject(v)) return NO_STRINGS;
  let out: Record<string, string> | undefined;
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') (out ??= {})[k] = val;
  return out ?? NO_STRINGS;
}

/** "a string ("50")", "a list", "null": how messages name what was found. */
/**
 * What a value is, without its text: for a document that is no manifest, which may be any file a link
 * or a configuration named (a runner's credentials), where describeValue would quote it.
 */
export function describeShape(v: unknown): string {
  if (typeof v === 'string') return `a string of ${v.length === 1 ? '1 character' : `${v.length} characters`}`;
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return 'a boolean';
  return describeValue(v);
}

export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `a string (${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)})`;
  if (typeof v === 'number') return `a number (${v})`;
  if (typeof v === 'boolean') return `a boolean (${v})`;
  return typeof v;
}
