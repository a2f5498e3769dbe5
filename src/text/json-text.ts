import { BEYOND_C0, hasLogCommand, LOG_COMMAND } from './printable';

// What JSON.stringify leaves raw but a terminal or a CI log acts on: printable's set past C0 (JSON escapes
// only U+0000 to U+001F). Outside strings JSON text is ASCII, so escaping these anywhere changes no value.
const RAW_IN_JSON = new RegExp(`[${BEYOND_C0}]`, 'g');

// and the first `#` of a CI log command (`##[`, `##vso[`, `##teamcity[`: printable.ts), as `\u0023`: `#`
// stands only inside strings, where the escape is the same character (a leading `::` begins no JSON line)
const escapeRaw = (text: string) => {
  const escaped = text.replace(RAW_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return hasLogCommand(escaped) ? escaped.replace(LOG_COMMAND, '\\u0023') : escaped;
};

/** JSON.stringify whose output has no character a terminal would act on; the same value when parsed. */
export function jsonText(value: unknown, indent?: number): string {
  return escapeRaw(JSON.stringify(value, null, indent));
}
