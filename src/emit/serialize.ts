import { stringify } from 'yaml';
import type { Emitted } from './emitted';

export type OutputFormat = 'yaml' | 'json';

// Repeated objects are written out, never as YAML anchors; long strings are never folded.
const YAML_OPTIONS = { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false } as const;

/** Every document in one stream: YAML documents separated by `---`, or JSON (a `kind: List` when several). */
export function serializeStream(emitted: Emitted, format: OutputFormat): string {
  if (format === 'json') {
    const values = emitted.documents.map((d) => d.value);
    return JSON.stringify(values.length === 1 ? values[0] : { apiVersion: 'v1', kind: 'List', items: values }, null, 2) + '\n';
  }
  const header = emitted.header.map((line) => `# ${line}`.trimEnd()).join('\n');
  return header + '\n' + emitted.documents.map((d) => '---\n' + stringify(d.value, YAML_OPTIONS)).join('');
}

/** One document per file, for --out-dir. */
export function serializeDocument(emitted: Emitted, index: number, format: OutputFormat): string {
  const value = emitted.documents[index]!.value;
  if (format === 'json') return JSON.stringify(value, null, 2) + '\n';
  return emitted.header.map((line) => `# ${line}`.trimEnd()).join('\n') + '\n' + stringify(value, YAML_OPTIONS);
}
