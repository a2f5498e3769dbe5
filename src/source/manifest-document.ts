import type { SourceFile } from './source-file';

/**
 * One YAML document of a file, kept as plain data. The YAML syntax tree is not kept (it costs ten times
 * the memory of the data); findings re-parse the document's text to place themselves (see locate.ts).
 */
export interface ManifestDocument {
  readonly file: SourceFile;
  /** 0-based position of the document in its file */
  readonly index: number;
  /** offsets of the document's text in the file */
  readonly start: number;
  readonly end: number;
  readonly value: unknown;
  /** the template named by Helm's `# Source: chart/templates/x.yaml` comment, when the file is Helm output */
  readonly helmSource?: string;
}
