import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { HostError } from '../errors';
import { decode } from './decode';

// node:crypto takes milliseconds to load, and only large inputs need it: loaded on first use
const builtin = createRequire(import.meta.url);
let crypto: typeof import('node:crypto') | undefined;

/** What identifies a text: its SHA-1, which native code computes at about a gigabyte a second. */
export function textDigest(text: string): string {
  crypto ??= builtin('node:crypto') as typeof import('node:crypto');
  return crypto.createHash('sha1').update(text).digest('base64');
}

/**
 * The text of a file of a large input, read again when a finding needs its positions (see
 * SourceFile.forget).
 * The file must give the text that was parsed: positions in another text would point at the wrong
 * line, so a file changed since then is an error of the run (exit 2), never a finding placed wrong.
 */
export function rereadText(path: string, digest: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new HostError(`cannot read ${path} again to place a finding: ${(error as Error).message}`);
  }
  // positions are offsets in the text: the text must be the one parsed
  const text = decode(path, bytes).file.text;
  if (textDigest(text) !== digest) throw new HostError(`${path} changed while gwctl was reading it; run gwctl again`);
  return text;
}
