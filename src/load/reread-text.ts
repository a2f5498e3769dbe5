import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { HostError } from '../errors';
import { decode } from './decode';

/** What identifies a file's bytes: their SHA-1, which native code computes at about a gigabyte a second. */
export function fileDigest(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('base64');
}

/**
 * The text of a file read and parsed on a parse thread, read again when a finding needs its positions.
 * The file must hold the bytes that were parsed: positions in other bytes would point at the wrong
 * line, so a file changed since then is an error of the run (exit 2), never a finding placed wrong.
 */
export function rereadText(path: string, digest: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new HostError(`cannot read ${path} again to place a finding: ${(error as Error).message}`);
  }
  if (fileDigest(bytes) !== digest) throw new HostError(`${path} changed while gwctl was reading it; run gwctl again`);
  // the same bytes decoded without a finding on the thread; they do here too
  return decode(path, bytes).file.text;
}
