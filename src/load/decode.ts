import { finding, type Finding } from '../diagnostics/finding';
import { spanAnchor } from '../source/anchor';
import { SourceFile } from '../source/source-file';
import { utf16Marked, utf16Text } from './byte-order';
import { kubernetesText } from './kubernetes-text';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export interface Decoded {
  readonly file: SourceFile;
  /** false when the bytes are not text gwctl can parse; `findings` says why */
  readonly ok: boolean;
  readonly findings: Finding[];
}

/**
 * Bytes to text. A UTF-8 byte order mark is dropped (columns then count as an editor shows them); a
 * UTF-16 one says the file is UTF-16, which kubectl reads (byte-order.ts). Binary files (a NUL byte, as
 * git decides) and invalid UTF-8 are findings placed at the offending byte, invalid UTF-16 at the start.
 * The text is read as Kubernetes reads it (kubernetes-text.ts); rereadText gives the same text.
 */
export function decode(name: string, bytes: Uint8Array): Decoded {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  const utf16 = utf16Marked(bytes);
  if (utf16) {
    // read as kubectl reads it (byte-order.ts); what is not UTF-16 is refused, as invalid UTF-8 is
    let text: string;
    try {
      text = utf16Text(bytes, utf16, true);
    } catch {
      const file = new SourceFile(name, '');
      const detail = 'its byte order mark says UTF-16, but its bytes are an odd number, or hold half of a surrogate pair';
      return { file, ok: false, findings: [finding('GW1005', { encoding: utf16.toUpperCase(), detail }, spanAnchor(file, 0))] };
    }
    const { file, findings, parse } = kubernetesText(name, text);
    return { file, findings, ok: parse };
  }
  const nul = body.subarray(0, 8000).indexOf(0);
  if (nul >= 0) {
    const file = new SourceFile(name, '');
    return { file, ok: false, findings: [finding('GW1004', {}, spanAnchor(file, 0))] };
  }
  let text: string;
  try {
    text = strictUtf8.decode(body);
  } catch {
    const bad = firstInvalidUtf8(body);
    const file = new SourceFile(name, lenientUtf8.decode(body));
    const offset = lenientUtf8.decode(body.subarray(0, bad)).length;
    const byte = body[bad]!.toString(16).toUpperCase().padStart(2, '0');
    const detail = `byte 0x${byte} at byte offset ${bad + (hasBom ? 3 : 0)} does not start a valid UTF-8 sequence (Latin-1 or Windows-1252 text?)`;
    return { file, ok: false, findings: [finding('GW1005', { encoding: 'UTF-8', detail }, spanAnchor(file, offset, offset + 1))] };
  }
  const { file, findings, parse } = kubernetesText(name, text);
  return { file, findings, ok: parse };
}


/** Index of the first byte that is not part of a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    if (length > 1) {
      try {
        strictUtf8.decode(bytes.subarray(i, i + length));
      } catch {
        return i;
      }
    }
    i += length;
  }
  return bytes.length;
}
