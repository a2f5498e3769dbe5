import { readFileSync, statSync } from 'node:fs';
import { textDigest } from './reread-text';
import { shareValues } from '../data/compact-data';
import { decode } from './decode';
import { excessiveNesting } from './nesting-depth';
import { DECLINED, isNotAManifest, quickParseText, withFile, type QuickParsed } from './parse-documents';
import type { ParsedFile } from './parse-documents';
import type { ThreadAnswer } from '../host/host';
import type { SourceFile } from '../source/source-file';

/**
 * A regular file read, decoded and parsed on a parse thread; null whenever the main thread should read
 * the file itself, which then reports what there is to report: not a regular file, larger than `limit`,
 * not valid UTF-8, unreadable. The main thread's path is the reference; this one only takes the files it
 * can take without a finding.
 */
export function readAndEncode(path: string, limit: number): ThreadAnswer | null {
  const info = statSync(path);
  if (!info.isFile() || info.size > limit) return null;
  const bytes = readFileSync(path);
  if (bytes.length > limit) return null;
  const decoded = decode(path, bytes);
  if (!decoded.ok || decoded.findings.length) return null;
  const documents = encodeQuickAnswer(decoded.file.text);
  // declined: the main thread goes straight to the exact path, not through the quick path again
  if (documents === DECLINED) return { text: decoded.file.text, bytes: bytes.length, declined: true };
  if (documents === null) return { text: decoded.file.text, bytes: bytes.length };
  return { bytes: bytes.length, documents, digest: textDigest(decoded.file.text) };
}

/**
 * The quick path's answer for a text, as JSON, which the main thread reads about three times faster
 * than js-yaml reads the YAML (and faster than a structured clone). DECLINED: the quick path cannot
 * vouch for the text, the exact path reads it. Null means "parse it on the main thread": the nesting is
 * too deep to parse safely, or the data holds a number
 * JSON cannot carry (NaN, an infinity, -0). The main thread then takes the path it takes for every
 * file, with the same findings, so a thread never changes what is reported.
 */
export function encodeQuickAnswer(text: string): string | typeof DECLINED | null {
  if (excessiveNesting(text) >= 0) return null;
  const answer = quickParseText(text, false);
  if (answer === DECLINED) return DECLINED;
  const documents = answer.documents.map((d) => (isNotAManifest(d.value) ? { ...d, value: undefined } : d));
  for (const d of documents) if (d.value !== undefined && !jsonExact(d.value)) return null;
  // a document that is not a manifest travels without a value (JSON drops `undefined`)
  return JSON.stringify({ documents, documentCount: answer.documentCount });
}

/** The file's documents from an encoded answer. */
export function decodeQuickAnswer(file: SourceFile, encoded: string): ParsedFile {
  const answer = JSON.parse(encoded) as QuickParsed;
  for (const document of answer.documents) shareValues(document.value);
  return withFile(file, answer, (value) => value === undefined);
}

/** Whether JSON gives back exactly this value: every number finite and not -0. */
function jsonExact(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(jsonExact);
  for (const key in value) if (!jsonExact((value as Record<string, unknown>)[key])) return false;
  return true;
}
