import type { Finding } from '../diagnostics/finding';

/** One output document, named so that a directory of files is stable across runs. */
export interface EmittedDocument {
  /** file name (without directory), unique within one emission */
  readonly name: string;
  /** plain data; a list may be an Iterable, built as the stream writer reaches it (see lazy-flat-map.ts) */
  readonly value: unknown;
}

/** What an emitter returns: documents to write, and findings about what could not be expressed exactly. */
export interface Emitted {
  readonly documents: readonly EmittedDocument[];
  readonly findings: readonly Finding[];
  /** lines for the comment at the top of YAML output */
  readonly header: readonly string[];
  /** what a stream (stdout, -o) holds when it is not the documents one after the other: one JSON value (iam) */
  readonly stream?: unknown;
}
