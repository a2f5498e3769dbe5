import type { SourceFile } from './source-file';

/**
 * One YAML document of a file: where it is. Neither its syntax tree (ten times the memory of the data)
 * nor its data is kept here, because anchors everywhere point at documents: findings re-parse the
 * document's text to place themselves (see locate.ts), and the data travels separately until the model
 * stage has read it (see load/resource.ts).
 */
export interface ManifestDocument {
  readonly file: SourceFile;
  /** 0-based position of the document in its file */
  readonly index: number;
  /** offsets of the document's text in the file */
  readonly start: number;
  readonly end: number;
  /** the template named by Helm's `# Source: chart/templates/x.yaml` comment, when the file is Helm output */
  readonly helmSource?: string;
}
