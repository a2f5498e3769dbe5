import type { Code } from './catalogue';
import type { ResourceRef } from './finding';
import type { Severity } from './severity';

export interface Placement {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly pointer: string;
}

/** A finding placed in its file: what every output format prints. */
export interface Diagnostic extends Placement {
  readonly code: Code;
  readonly severity: Severity;
  readonly message: string;
  /** null for problems of a file rather than of a resource (syntax, encoding) */
  readonly resource: ResourceRef | null;
  /** the Helm template the document came from, when the input is `helm template` output */
  readonly template?: string;
  readonly related?: ReadonlyArray<Placement & { readonly message: string }>;
}
