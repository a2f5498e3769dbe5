import type { Finding } from '../diagnostics/finding';

/** One output document, named so that a directory of files is stable across runs. */
export interface EmittedDocument {
  /** file name (without directory), unique within one emission */
  readonly name: string;
  /**
   * plain data; a list may be an Iterable, built as the stream writer reaches it (see lazy-flat-map.ts),
   * and the value a getter that makes it each time it is read (LazyDocument)
   */
  readonly value: unknown;
}

/**
 * A document whose name and value are made when read, and dropped once written: where a target writes a
 * resource per function (a Gateway API Backend), every value at once would outweigh the model, and even
 * the names, kept as the template literals that made them, were 25 MB on corpus L. A class, not an
 * object literal with getters: V8 keeps such literals as dictionaries, several times the size, and a
 * closure per document would keep a context each.
 */
export class LazyDocument<T> implements EmittedDocument {
  constructor(
    private readonly from: T,
    private readonly nameOf: (from: T) => string,
    private readonly make: (from: T) => unknown,
  ) {}

  get name(): string {
    return this.nameOf(this.from);
  }

  get value(): unknown {
    return this.make(this.from);
  }
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
