import { UsageError } from '../../errors';
import type { Finding } from '../../diagnostics/finding';
import { utf16Marked } from '../../load/byte-order';
import { decode } from '../../load/decode';
import { kubernetesText } from '../../load/kubernetes-text';
import { parseDocuments } from '../../load/parse-documents';
import { Locator } from '../../source/locate';

/**
 * A file `discover --write` is to edit, as bytes: its text, to splice into, and its byte order mark, to
 * write back. A file that is not UTF-8 text is refused where it would be read as something else: a
 * lenient decoding would write U+FFFD over every byte of a Latin-1 comment; a UTF-16 one would be
 * written back as UTF-8.
 */
export function textToEdit(fileName: string, bytes: Uint8Array): { readonly text: string; readonly bom: string } {
  // read, but not written: gwctl writes UTF-8, and would write the file back in another encoding
  const utf16 = utf16Marked(bytes);
  if (utf16) throw new UsageError(`--write ${fileName}: the file is ${utf16.toUpperCase()}, which kubectl and gwctl read, but gwctl writes UTF-8 only and would write it back changed: save it as UTF-8 first`);
  const decoded = decode(fileName, bytes);
  const refused = decoded.findings.find((f) => f.code === 'GW1004' || f.code === 'GW1005');
  if (refused) throw refusal(fileName, refused, 'gwctl would write it back changed');
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes), bom: bom ? '\uFEFF' : '' };
}

/**
 * The data of every document of a text as Kubernetes reads it (load/kubernetes-text.ts, parse-documents.ts),
 * which is what the cluster will hold. `discover --write` edits the text with the yaml library, a YAML 1.2
 * reader, and reads the list it edits both ways: an edit is safe only where both read the same. A file
 * with a reading error, or with a line break only one of them sees (GW1016), is refused, with the
 * finding validate would report. Needs the yaml library loaded (loadYaml).
 */
export function kubernetesValues(fileName: string, text: string): unknown[] {
  const read = kubernetesText(fileName, text);
  const parsed = read.parse ? parseDocuments(read.file) : undefined;
  const findings = [...read.findings, ...(parsed?.findings ?? [])];
  const refused = findings.find((f) => f.severity === 'error' || f.code === 'GW1016');
  if (refused || !parsed) throw refusal(fileName, refused ?? findings[0]!, 'gwctl edits a file only where Kubernetes and YAML 1.2 read it alike');
  return parsed.documents.map((d) => d.value);
}

function refusal(fileName: string, f: Finding, why: string): UsageError {
  const at = new Locator().locate(f.at);
  return new UsageError(`--write ${fileName}:${at.line}:${at.column}: ${f.message} (${f.code}); ${why}: fix it first`);
}
