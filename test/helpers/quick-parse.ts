import { DECLINED, quickParseText, withFile, type ParsedFile } from '../../src/load/parse-documents';
import type { SourceFile } from '../../src/source/source-file';

/** The quick path for a file, as parseDocuments takes it: its documents, or undefined where it declines. */
export function quickParse(file: SourceFile): ParsedFile | undefined {
  const answer = quickParseText(file.text);
  return answer === DECLINED ? undefined : withFile(file, answer);
}
