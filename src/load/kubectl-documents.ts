import type { Document } from 'yaml';
import { previousLineStart } from '../text/line-index';

/**
 * What kubectl (and Argo CD, Flux) make of a document otherwise than YAML does. They split a file at
 * the lines that start with `---` and read the first YAML document of each part
 * (k8s.io/apimachinery, pkg/util/yaml/decoder.go; sigs.k8s.io/yaml reads one document): a document
 * after `...` with no `---` of its own is never read, and gwctl leaves it out too; a directive
 * (`%YAML`, `%TAG`) is left alone in the part before the `---` it needs, and kubectl refuses it ("did not
 * find expected <document start>", recorded in fixtures/kubernetes-yaml/refused-directive.yaml).
 */
export function kubectlDocumentProblem(doc: Document, index: number, empty: boolean, text: string): { detail: string; at: number; unread: boolean } | undefined {
  const at = doc.range?.[0] ?? 0;
  if (index > 0 && !doc.directives?.docStart && !empty) {
    return { at, unread: true, detail: 'kubectl splits a file at `---` lines only and reads the first YAML document between two of them: this one, after `...` with no `---` of its own, is never applied (gwctl leaves it out)' };
  }
  if (doc.directives?.yaml.explicit || Object.keys(doc.directives?.tags ?? {}).length > 1) {
    // the first directive line before the document's `---`
    const marker = text.lastIndexOf('---', at);
    let first = marker;
    for (let line = previousLineStart(text, marker); line >= 0 && text.startsWith('%', line); line = previousLineStart(text, line)) first = line;
    return { at: first, unread: false, detail: 'a directive (`%YAML`, `%TAG`): kubectl splits the file at the `---` after it and refuses the directive left without its document ("did not find expected <document start>")' };
  }
  return undefined;
}
