import { readFileSync } from 'node:fs';
import { HostError } from '../errors';
import { nodeBuiltin } from '../host/node-builtin';
import { kubernetesLineBreaks } from '../text/yaml-line-breaks';
import { utf16Marked, utf16Text } from './byte-order';

// node:crypto takes milliseconds to load, and only large inputs need it: loaded on first use
let crypto: typeof import('node:crypto') | undefined;
const utf8 = new TextDecoder('utf-8');

/** What identifies a text: its SHA-1, which native code computes at about a gigabyte a second. */
export function textDigest(text: string): string {
  crypto ??= nodeBuiltin<typeof import('node:crypto')>('node:crypto');
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
  // Positions are offsets in the text: the text must be the one parsed. The file decoded without a
  // finding then (load/decode.ts: UTF-8 with a byte order mark dropped, or UTF-16 after its mark;
  // Kubernetes' line breaks); decoded the same way now, anything
  // else gives another text, and another digest. (Not decode() itself: this module loads with the host,
  // at every start, and decode() would bring the catalogue of findings with it.)
  const utf16 = utf16Marked(bytes);
  const text = kubernetesLineBreaks(utf16 ? utf16Text(bytes, utf16, false) : utf8.decode(bytes));
  if (textDigest(text) !== digest) throw new HostError(`${path} changed while gwctl was reading it; run gwctl again`);
  return text;
}
