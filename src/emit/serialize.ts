import type { Emitted } from './emitted';
import { jsonChunks, yamlChunks } from './stream-writer';
import { lazyFlatMap } from './lazy-flat-map';

export type OutputFormat = 'yaml' | 'json';

const header = (emitted: Emitted) => emitted.header.map((line) => `# ${line}`.trimEnd()).join('\n') + '\n';

/** Every document in one stream: YAML documents separated by `---`, or JSON (a `kind: List` when several). */
export function* serializeStream(emitted: Emitted, format: OutputFormat): Generator<string> {
  if (format === 'json') {
    const { documents } = emitted;
    // each document made as the writer reaches it, as in YAML, not every one at once before the first
    yield* jsonChunks(documents.length === 1 ? documents[0]!.value : { apiVersion: 'v1', kind: 'List', items: lazyFlatMap(documents, (d) => [d.value]) });
    return;
  }
  yield header(emitted);
  for (const d of emitted.documents) {
    yield '---\n';
    yield* yamlChunks(d.value);
  }
}

/** One document per file, for --out-dir. */
export function* serializeDocument(emitted: Emitted, index: number, format: OutputFormat): Generator<string> {
  const value = emitted.documents[index]!.value;
  if (format === 'json') {
    yield* jsonChunks(value);
    return;
  }
  yield header(emitted);
  yield* yamlChunks(value);
}
