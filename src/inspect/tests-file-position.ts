import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { pointerSegments } from '../source/pointer';

/**
 * Where a JSON pointer into a routing test file's one document is written, as a 1-based line and column:
 * a key's name where the pointer ends at a key (an unknown field is named where it is written), else the
 * value; as far as the pointer goes, where it names what the file does not hold. Undefined when the text
 * is no YAML the yaml library reads. Asked only for a file gwctl refuses, once: it parses the text again.
 */
export function positionIn(text: string, pointer: string): { readonly line: number; readonly column: number } | undefined {
  const lineCounter = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: false, logLevel: 'silent' });
  } catch {
    return undefined;
  }
  if (doc.errors.length > 0) return undefined;
  let node: Node | null | undefined = doc.contents as Node | null;
  let at: Node | null | undefined = node;
  for (const segment of pointerSegments(pointer)) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) break;
      at = pair.key as Node;
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      const item = /^(0|[1-9]\d*)$/.test(segment) ? node.items[Number(segment)] : undefined;
      if (item === undefined) break;
      at = node = item as Node;
    } else break;
  }
  const offset = at?.range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}
