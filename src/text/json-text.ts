// What JSON.stringify leaves raw but a terminal or a CI log acts on: DEL, the C1 controls, the line and
// paragraph separators and the bidirectional controls (JSON escapes only U+0000 to U+001F). Outside
// strings JSON text is ASCII, so escaping these anywhere in it changes no value.
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const escapeRaw = (text: string) => text.replace(RAW_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** JSON.stringify whose output has no character a terminal would act on; the same value when parsed. */
export function jsonText(value: unknown, indent?: number): string {
  return escapeRaw(JSON.stringify(value, null, indent));
}
