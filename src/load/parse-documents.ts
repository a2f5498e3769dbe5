import { Composer, isMap, isScalar, Parser, visit, type Document, type YAMLError } from 'yaml';
import { compactArrays } from '../data/compact-arrays';
import { finding, type Finding } from '../diagnostics/finding';
import { spanAnchor } from '../source/anchor';
import type { ManifestDocument } from '../source/manifest-document';
import type { SourceFile } from '../source/source-file';
import { helmSourceOf } from './helm-source';
import { excessiveNesting, NESTING_LIMIT } from './nesting-depth';

/** A document and its data, as YAML gives it. */
export interface ParsedDocument {
  readonly doc: ManifestDocument;
  readonly value: unknown;
}

export interface ParsedFile {
  readonly documents: ParsedDocument[];
  /** every YAML document of the file, parsed or not, empty or not */
  readonly documentCount: number;
  /** documents with nothing in them, and documents not checked because of a YAML error */
  readonly emptyCount: number;
  readonly brokenCount: number;
  readonly findings: Finding[];
}

// An alias may be expanded this many times per document: far above what real manifests use, far below
// what it takes to exhaust memory.
const MAX_ALIAS_COUNT = 100;

/** The top-level keys that make a document worth reading: a manifest, a `kind: List`, a routing test file. */
const TOP_KEYS: ReadonlySet<string> = new Set(['apiVersion', 'kind', 'items', 'tests']);
const NOT_A_MANIFEST: Readonly<Record<string, unknown>> = Object.freeze({});

// `{{ .Values.x }}`, `{{- include "x" . }}`, `{{ $x := ... }}`: Go template actions, as Helm charts hold them
const HELM_ACTION = /\{\{-?\s*(?:[.$]|(?:include|template|if|range|with|define|toYaml|tpl|end|else|printf|default|quote|required)\b)[^}]*\}\}/;

/**
 * Splits a file into YAML documents and turns each into plain data. The policy: a document with a YAML
 * error is reported and not checked further (its data would be a guess); the other documents of the file
 * go on. Nothing here throws for bad input.
 */
export function parseDocuments(file: SourceFile): ParsedFile {
  const findings: Finding[] = [];
  const deep = excessiveNesting(file.text);
  if (deep >= 0) {
    findings.push(finding('GW1010', { limit: NESTING_LIMIT }, spanAnchor(file, deep, deep + 1)));
    return { documents: [], documentCount: 0, emptyCount: 0, brokenCount: 0, findings };
  }
  const documents: ParsedDocument[] = [];
  const empty: number[] = [];
  // One document at a time: each syntax tree is garbage as soon as its data is taken, so memory and
  // garbage collection stay proportional to one document, not to the file.
  // logLevel 'error': the yaml library would print its warnings on stderr itself; gwctl reports them as findings
  // uniqueKeys off: the yaml library compares each key with every key before it (10,000 keys, 1.6 s);
  // duplicateKeys() below finds the same duplicates with one set per mapping
  const composer = new Composer({ prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  let index = -1;
  let broken = 0;
  for (const doc of composer.compose(new Parser().parse(file.text)) as Iterable<Document>) {
    index++;
    const contents = doc.contents;
    // A mapping with none of the keys a manifest, a List or a routing test file has is counted, not read:
    // CI files, Helm values, a million tiny documents cost their parse and nothing more
    if (doc.errors.length === 0 && isMap(contents) && !contents.items.some((p) => isScalar(p.key) && typeof p.key.value === 'string' && TOP_KEYS.has(p.key.value))) {
      const [start, , end] = doc.range ?? [0, 0, 0];
      documents.push({ doc: { file, index, start, end }, value: NOT_A_MANIFEST });
      continue;
    }
    const duplicates = duplicateKeys(doc);
    if (doc.errors.length > 0 || duplicates.length > 0) {
      for (const error of doc.errors) findings.push(yamlErrorFinding(file, error));
      for (const key of duplicates) findings.push(finding('GW1002', { key: duplicateKeyName(file.text, key) }, spanAnchor(file, key, key + 1)));
      broken++;
      continue;
    }
    for (const warning of doc.warnings) findings.push(finding('GW1011', { detail: warning.message }, spanAnchor(file, warning.pos[0], warning.pos[1])));
    if (contents === null || (isScalar(contents) && contents.value === null && contents.range?.[0] === contents.range?.[1])) {
      empty.push(doc.range?.[0] ?? 0);
      continue;
    }
    const [start, , end] = doc.range ?? [0, 0, 0];
    // a chart's template read before `helm template` ran: its `{{ ... }}` parse as YAML flow mappings
    const template = HELM_ACTION.exec(file.text.slice(start, end));
    if (template) {
      findings.push(finding('GW1012', {}, spanAnchor(file, start + template.index, start + template.index + template[0].length)));
      broken++;
      continue;
    }
    let value: unknown;
    try {
      value = compactArrays(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
    } catch (error) {
      findings.push(
        error instanceof RangeError
          ? finding('GW1010', { limit: NESTING_LIMIT }, spanAnchor(file, start))
          : finding('GW1009', { detail: `more than ${MAX_ALIAS_COUNT} alias expansions` }, spanAnchor(file, start)),
      );
      broken++;
      continue;
    }
    const helmSource = helmSourceOf(file.text, start, end);
    documents.push({ doc: { file, index, start, end, ...(helmSource ? { helmSource } : {}) }, value });
  }
  if (documents.length === 0 && findings.length === 0) {
    findings.push(finding('GW1006', {}, spanAnchor(file, 0)));
  } else {
    for (const offset of empty) findings.push(finding('GW1007', {}, spanAnchor(file, offset, offset + 3)));
  }
  return { documents, documentCount: index + 1, emptyCount: empty.length, brokenCount: broken, findings };
}

function yamlErrorFinding(file: SourceFile, error: YAMLError): Finding {
  const [start, end] = error.pos;
  const at = spanAnchor(file, start, Math.max(start, end));
  switch (error.code) {
    case 'DUPLICATE_KEY':
      return finding('GW1002', { key: duplicateKeyName(file.text, start) }, at);
    case 'TAB_AS_INDENT':
      return finding('GW1003', {}, at);
    case 'RESOURCE_EXHAUSTION':
      return finding('GW1010', { limit: NESTING_LIMIT }, at);
    default:
      return finding('GW1001', { detail: lowerFirst(error.message) }, at);
  }
}

/**
 * Offsets of the keys that repeat an earlier key of the same mapping, as the yaml library's uniqueKeys
 * would report them (scalar keys equal by value, and by type: `1` and `"1"` differ), in linear time.
 */
function duplicateKeys(doc: Document): number[] {
  const found: number[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key;
        if (!isScalar(key)) continue;
        const id = typeof key.value === 'string' ? `s:${key.value}` : key.value;
        if (seen.has(id)) found.push(key.range?.[0] ?? 0);
        else seen.add(id);
      }
    },
  });
  return found;
}

// The error marks the start of the repeated key; the key runs to its `:` (or is quoted).
function duplicateKeyName(text: string, start: number): string {
  const match = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^:\n#]*))/.exec(text.slice(start, start + 256));
  return (match?.[1] ?? match?.[2] ?? match?.[3] ?? '').trim() || '?';
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
