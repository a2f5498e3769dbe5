import { CORE_SCHEMA, FAILSAFE_SCHEMA, load as loadData, Type } from 'js-yaml';
import type { Document, YAMLError } from 'yaml';
import { yamlLibrary } from '../source/yaml-library';
import { eachWithoutStackTraces } from '../source/without-stack-traces';
import { compactData } from '../data/compact-data';
import { hasExoticYaml } from './exotic-yaml';
import { finding, type Finding } from '../diagnostics/finding';
import { spanAnchor } from '../source/anchor';
import type { ManifestDocument } from '../source/manifest-document';
import type { SourceFile } from '../source/source-file';
import { helmSourceOf } from './helm-source';
import { excessiveNesting, NESTING_LIMIT } from './nesting-depth';
import { controlCharacterFinding } from './control-characters';
import { kubectlDocumentProblem } from './kubectl-documents';
import { previousLineStart } from '../text/line-index';
import { kubernetesData, type DocumentData } from './kubernetes-data';
import { readsBackPlain, YAML_11_BOOLEANS } from '../text/kubernetes-scalars';

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

// the yaml library's warnings about the YAML 1.1 tags, which gwctl reads as Kubernetes does
const KUBERNETES_TAG_WARNING = /^Unresolved tag: tag:yaml\.org,2002:(?:binary|timestamp|omap|pairs|set|merge|bool|int|float|null|str)$/;

/** The top-level keys that make a document worth reading: a manifest, a `kind: List`, a routing test file. */
const TOP_KEYS: ReadonlySet<string> = new Set(['apiVersion', 'kind', 'items', 'tests']);
const NOT_A_MANIFEST: Readonly<Record<string, unknown>> = Object.freeze({});

// `{{ .Values.x }}`, `{{- include "x" . }}`, `{{ $x := ... }}`: Go template actions, as Helm charts hold them
const HELM_ACTION = /\{\{-?\s*(?:[.$]|(?:include|template|if|range|with|define|toYaml|tpl|end|else|printf|default|quote|required)\b)[^}]*\}\}/;

/**
 * Splits a file into YAML documents and turns each into plain data. The policy: a document with a YAML
 * error is reported and not checked further (its data would be a guess); the other documents of the file
 * go on. Nothing here throws for bad input. `quick`: the quick path's answer, when the caller has it; a
 * DECLINED answer needs the yaml library loaded (loadYaml).
 */
export function parseDocuments(file: SourceFile, quick?: QuickAnswer): ParsedFile {
  const deep = excessiveNesting(file.text);
  if (deep >= 0) return withoutDeepDocuments(file, deep);
  const answer = quick ?? quickParseText(file.text);
  return answer === DECLINED ? exactParse(file) : withFile(file, answer);
}

/**
 * A file with a document that nests past the limit (`deep`, where the first one does): each such document
 * is reported and left out, its characters made spaces (its lines kept, so every offset stays), and the
 * rest of the file is read as it would be without it. The parser never sees the nesting that would
 * exhaust its stack, and the file's other documents are checked: left out with it, they would pass
 * unread, and what refers to them would be reported as missing.
 */
function withoutDeepDocuments(file: SourceFile, deep: number): ParsedFile {
  const findings: Finding[] = [];
  const left: DocumentRange[] = [];
  const text = file.text;
  while (deep >= 0) {
    findings.push(finding('GW1010', { limit: NESTING_LIMIT }, spanAnchor(file, deep, deep + 1)));
    const range = documentAround(text, deep);
    left.push(range);
    const next = excessiveNesting(text.slice(range.end));
    deep = next < 0 ? -1 : range.end + next;
  }
  let blanked = '';
  let from = 0;
  for (const { start, end } of left) {
    blanked += text.slice(from, start) + text.slice(start, end).replace(/[^\r\n]/g, ' ');
    from = end;
  }
  return exactParse(file, findings, { text: blanked + text.slice(from), left });
}

interface DocumentRange {
  readonly start: number;
  readonly end: number;
}

// a line that starts or ends a document (YAML 1.2.2, 9.1.4): a marker at the start of the line, then
// a space, a tab or the line's end; one ends even a block or quoted scalar
const DOCUMENT_MARKER_LINE = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

/**
 * The document holding `at`: from just after the `---` before it (content may follow the marker on its
 * line) or the line after a `...`, or the start of the text, to the next marker line or the text's end.
 */
function documentAround(text: string, at: number): DocumentRange {
  let start = 0;
  for (let line = text.lastIndexOf('\n', at - 1) + 1; line >= 0; line = previousLineStart(text, line)) {
    if (text.startsWith('---', line) || text.startsWith('...', line)) {
      DOCUMENT_MARKER_LINE.lastIndex = line;
      const marker = DOCUMENT_MARKER_LINE.exec(text);
      if (marker?.index === line) {
        const lineEnd = text.indexOf('\n', line);
        start = marker[0] === '---' ? line + 3 : lineEnd < 0 ? text.length : lineEnd + 1;
        break;
      }
    }
  }
  const lineEnd = text.indexOf('\n', at);
  DOCUMENT_MARKER_LINE.lastIndex = lineEnd < 0 ? text.length : lineEnd + 1;
  const next = lineEnd < 0 ? null : DOCUMENT_MARKER_LINE.exec(text);
  return { start, end: next ? next.index : text.length };
}

/**
 * The exact path: the yaml library's parser, composer and checks, for every file the quick path does
 * not take. Every YAML problem is found and placed here. The caller has loaded the library (loadYaml).
 */
export function exactParse(file: SourceFile, findings: Finding[] = [], without?: { readonly text: string; readonly left: readonly DocumentRange[] }): ParsedFile {
  const { Composer, isMap, isScalar, Parser } = yamlLibrary();
  const control = controlCharacterFinding(file);
  if (control) findings.push(control);
  const documents: ParsedDocument[] = [];
  const empty: number[] = [];
  // One document at a time: each syntax tree is garbage as soon as its data is taken, so memory and
  // garbage collection stay proportional to one document, not to the file.
  // logLevel 'error': the yaml library would print its warnings on stderr itself; gwctl reports them as findings
  // uniqueKeys off: the yaml library compares each key with every key before it (10,000 keys, 1.6 s),
  // and by its own reading of keys; kubernetesData finds duplicates as Kubernetes reads keys, one set per
  // mapping
  // resolveKnownTags off: the YAML 1.1 tags (!!binary, !!timestamp, !!omap, ...) are read as Kubernetes
  // reads them (kubernetes-data.ts), not as the yaml library would
  const composer = new Composer({ prettyErrors: false, uniqueKeys: false, logLevel: 'error', resolveKnownTags: false });
  let index = -1;
  let broken = 0;
  // the documents left out (withoutDeepDocuments) are each one broken document, whether the spaces that
  // stand for them read as an empty document or as none
  const left = new Set(without?.left);
  const text = without?.text ?? file.text;
  for (const doc of eachWithoutStackTraces(composer.compose(new Parser().parse(text)) as Iterable<Document>)) {
    index++;
    const contents = doc.contents;
    const blank = left.size > 0 && isEmpty(contents) ? [...left].find((r) => doc.range !== undefined && doc.range[0] >= r.start - 3 && doc.range[0] <= r.end) : undefined;
    if (blank) {
      left.delete(blank);
      broken++;
      continue;
    }
    const kubectl = kubectlDocumentProblem(doc, index, isEmpty(contents), text);
    if (kubectl) {
      findings.push(finding('GW1015', { detail: kubectl.detail }, spanAnchor(file, kubectl.at, kubectl.at + 1)));
      if (kubectl.unread) {
        broken++;
        continue;
      }
    }
    // A mapping with none of the keys a manifest, a List or a routing test file has is counted, not read:
    // CI files, Helm values, a million tiny documents cost their parse and nothing more
    // (a merge key may bring apiVersion and kind: such a mapping is read)
    if (doc.errors.length === 0 && isMap(contents) && !contents.items.some((p) => isScalar(p.key) && typeof p.key.value === 'string' && (TOP_KEYS.has(p.key.value) || p.key.value === '<<'))) {
      const [start, , end] = doc.range ?? [0, 0, 0];
      documents.push({ doc: { file, index, start, end }, value: NOT_A_MANIFEST });
      continue;
    }
    const [start, , end] = doc.range ?? [0, 0, 0];
    // a chart's template read before `helm template` ran: its `{{ ... }}` parse as YAML flow mappings, or
    // most often not at all (`name: {{ .Release.Name }}-api` is a flow mapping followed by text): the
    // template is the cause to name, not the syntax error it makes
    const template = HELM_ACTION.exec(file.text.slice(start, end));
    if (template) {
      findings.push(finding('GW1012', {}, spanAnchor(file, start + template.index, start + template.index + template[0].length)));
      broken++;
      continue;
    }
    if (doc.errors.length > 0) {
      // A byte order mark inside a document (YAML 1.2.2, 5.2: only before one) makes the yaml library
      // report every token after it, none of them at the mark. The mark before the first error is
      // reported, then that error alone: the rest follow from it (one mark that is data, in a quoted
      // value, and an error after it unrelated: the error is still shown).
      const bom = doc.errors.length > 0 ? byteOrderMarkBefore(file.text, doc.range, doc.errors) : -1;
      if (bom >= 0) findings.push(finding('GW1001', { detail: 'a byte order mark (U+FEFF) inside a document; YAML allows one only before a document' }, spanAnchor(file, bom, bom + 1)));
      for (const error of bom >= 0 ? doc.errors.slice(0, 1) : doc.errors) findings.push(yamlErrorFinding(file, error));
      broken++;
      continue;
    }
    for (const warning of doc.warnings) {
      if (!KUBERNETES_TAG_WARNING.test(warning.message)) findings.push(finding('GW1011', { detail: warning.message }, spanAnchor(file, warning.pos[0], warning.pos[1])));
    }
    if (isEmpty(contents)) {
      empty.push(doc.range?.[0] ?? 0);
      continue;
    }
    let data: DocumentData;
    try {
      data = kubernetesData(doc, MAX_ALIAS_COUNT, isRoutingTests(contents) ? 'yaml-1.2' : 'kubernetes');
    } catch (error) {
      // aliases of aliases nested past the stack: the nesting limit, met through aliases
      if (!(error instanceof RangeError)) throw error;
      findings.push(finding('GW1010', { limit: NESTING_LIMIT }, spanAnchor(file, start)));
      broken++;
      continue;
    }
    if ('problem' in data) {
      const { kind, detail, start: from, end: to } = data.problem;
      findings.push(kind === 'aliases' ? finding('GW1009', { detail }, spanAnchor(file, from, to)) : finding('GW1015', { detail }, spanAnchor(file, from, Math.max(from, to))));
      broken++;
      continue;
    }
    // a key given twice (found as the keys were read): which value Kubernetes keeps is not certain
    if (data.duplicates.length > 0) {
      for (const key of data.duplicates) findings.push(finding('GW1002', { key: duplicateKeyName(file.text, key) }, spanAnchor(file, key, key + 1)));
      broken++;
      continue;
    }
    for (const d of data.differs) findings.push(finding('GW1014', { detail: d.detail }, spanAnchor(file, d.start, Math.max(d.start, d.end))));
    const value = compactData(data.value);
    const helmSource = helmSourceOf(file.text, start, end);
    documents.push({ doc: { file, index, start, end, ...(helmSource ? { helmSource } : {}) }, value });
  }
  if (documents.length === 0 && findings.length === 0) {
    findings.push(finding('GW1006', {}, spanAnchor(file, 0)));
  } else {
    for (const offset of empty) findings.push(finding('GW1007', {}, spanAnchor(file, offset, offset + 3)));
  }
  return { documents, documentCount: index + 1 + left.size, emptyCount: empty.length, brokenCount: broken + left.size, findings };
}

/** A document with nothing in it: no node, or a null scalar of no characters. */
function isEmpty(contents: Document['contents']): boolean {
  const { isScalar } = yamlLibrary();
  return contents === null || (isScalar(contents) && contents.value === null && contents.range?.[0] === contents.range?.[1]);
}

const MARKER = /^---[ ]*(?:#[^\n]*)?\r?$/;

/** What the quick path makes of a text, with no file attached: it can be computed on another thread. */
export interface QuickParsed {
  readonly documents: ReadonlyArray<{ readonly index: number; readonly start: number; readonly end: number; readonly helmSource?: string; readonly value: unknown }>;
  readonly documentCount: number;
}

/** The quick path cannot vouch for the text: the exact path reads it. */
export const DECLINED = 'declined';
export type QuickAnswer = QuickParsed | typeof DECLINED;

/**
 * The quick path, for files of plain mappings (what manifests are): each document's data from js-yaml,
 * which reads YAML for data about ten times faster than the yaml library composes its syntax tree, and in a
 * fraction of the memory. It reads plain scalars with js-yaml's core schema (QUICK_SCALAR), which gives
 * what Kubernetes reads wherever it takes the file. Anything the quick path cannot vouch for is DECLINED,
 * and the file takes the exact path, whose findings are the ones reported: a YAML error, an empty
 * document, a document that is not a mapping, a Helm template, an anchor, alias or tag, a scalar YAML 1.1
 * and 1.2 read otherwise.
 * Positions are unaffected: they are read from the document's text when shown (source/locate.ts), and
 * documents have the same text whichever path read them.
 *
 * `compact`: make the data compact (compactData). A parse thread does not: its data crosses as JSON,
 * JSON.parse builds lists at their size and strings of their own, and the main thread shares the short
 * values when it reads the answer (decodeQuickAnswer).
 */
export function quickParseText(text: string, compact = true): QuickAnswer {
  // a file with anchors, tags, directives, tabs or control characters takes the exact path; so does one with a byte order
  // mark after its start, which js-yaml skips at the start of a document and the yaml library does not
  // everywhere (`---\n\uFEFF\n#\nkind: A` is an error to it)
  if (hasExoticYaml(text) || text.includes('\uFEFF', 1) || mayHaveCollectionKey(text)) return DECLINED;
  const chunks: Array<{ start: number; end: number }> = [];
  let start = 0;
  let sawMarker = false;
  // every line that starts with `---`, found by searching for it rather than line by line
  for (let lineStart = text.startsWith('---') ? 0 : markerLineAfter(text, 0); lineStart >= 0; lineStart = markerLineAfter(text, lineStart)) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    // `--- {a: 1}`, `--- |`: content on the marker line is the exact path's
    if (!MARKER.test(text.slice(lineStart, lineEnd))) return DECLINED;
    chunks.push({ start, end: lineStart });
    sawMarker = true;
    start = newline < 0 ? text.length : newline + 1;
  }
  chunks.push({ start, end: text.length });
  // what precedes the first marker is a document only if it has content
  if (sawMarker && blankOrComments(text.slice(chunks[0]!.start, chunks[0]!.end))) chunks.shift();
  const documents: Array<QuickParsed['documents'][number]> = [];
  for (const [index, chunk] of chunks.entries()) {
    const source = text.slice(chunk.start, chunk.end);
    if (blankOrComments(source) || HELM_ACTION.test(source)) return DECLINED;
    let data: unknown;
    try {
      partsFromKubernetes = false;
      sawMergeKey = false;
      data = loadData(source, { schema: QUICK_SCHEMA });
    } catch {
      return DECLINED;
    }
    // a merge key may bring apiVersion and kind, which js-yaml does not merge
    if (sawMergeKey) return DECLINED;
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return DECLINED;
    if (!Object.keys(data).some((k) => TOP_KEYS.has(k))) {
      // not read, however its scalars read (a CI file's `on:`, a values file's `enabled: yes`)
      documents.push({ index, start: chunk.start, end: chunk.end, value: NOT_A_MANIFEST });
      continue;
    }
    if (partsFromKubernetes) return DECLINED;
    const helmSource = helmSourceOf(text, chunk.start, chunk.end);
    documents.push({ index, start: chunk.start, end: chunk.end, ...(helmSource ? { helmSource } : {}), value: compact ? compactData(data) : data });
  }
  if (documents.length === 0) return DECLINED;
  return { documents, documentCount: chunks.length };
}

// Set while js-yaml reads a document when a plain scalar is one the quick path cannot vouch for, and
// when it is the merge key `<<`.
let partsFromKubernetes = false;
let sawMergeKey = false;
const DECIMAL_INTEGER = /^(?:0|-?[1-9][0-9]*)$/;
// the core schema's implicit types (null, bool, int, float): js-yaml keeps them on the schema, untyped
const CORE_IMPLICIT = (CORE_SCHEMA as unknown as { readonly implicit: readonly Type[] }).implicit;

// The first characters of every plain scalar that is not text to some reader: null (`~`, `null`), the
// booleans of YAML 1.2 (`true`, `false`) and 1.1 (`yes`, `no`, `on`, `off`, `y`, `n`), numbers, `<<`.
const MAYBE_NOT_TEXT = new Uint8Array(128);
for (const c of '~nNtTfFyYoO.+-0123456789<') MAYBE_NOT_TEXT[c.charCodeAt(0)] = 1;
let coreValue: unknown;

/**
 * The one implicit type of the quick path's schema: a plain scalar as js-yaml's core schema reads it
 * (null, bool, int, float, else text), and a note of the scalars where Kubernetes' YAML 1.1 reader
 * parts from it (`yes`, `012`, `1_000`), of `<<` (a merge key to Kubernetes), and of the values whose
 * form as a mapping key js-yaml writes otherwise than Kubernetes (a null, a float): the file then takes
 * the exact path, which reads them as Kubernetes does and says so (GW1014). Most scalars are names and
 * paths, text to every reader by their first character: one test instead of the core schema's four
 * (its float pattern tried on every one), which is what this costs.
 */
const QUICK_SCALAR = new Type('tag:gwctl:quick-scalar', {
  kind: 'scalar',
  resolve(text: string): boolean {
    const c = text.charCodeAt(0);
    if (!(c < 128 && MAYBE_NOT_TEXT[c] === 1)) return false;
    coreValue = text;
    for (const type of CORE_IMPLICIT) {
      if (type.resolve(text)) {
        coreValue = type.construct(text);
        break;
      }
    }
    if (c === 0x3c /* < */) {
      if (text === '<<') sawMergeKey = true;
    } else if (c === 0x2b || c === 0x2d || c === 0x2e || (c >= 0x30 && c <= 0x39)) {
      // + - . and digits: numbers other than decimal integers, and what either reader takes for one
      if (!DECIMAL_INTEGER.test(text)) {
        if (!readsBackPlain(text) || typeof coreValue !== 'string') partsFromKubernetes = true;
      }
    } else if (coreValue === null || YAML_11_BOOLEANS.has(text)) {
      partsFromKubernetes = true;
    }
    return coreValue !== text;
  },
  construct: () => coreValue,
});

const QUICK_SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [QUICK_SCALAR] });

/**
 * Whether a text may hold a mapping key that is a list or a mapping: an explicit key (`? ` at the start of
 * a line, after its indentation, or after a flow indicator) or a flow collection before `: `. js-yaml
 * writes such a key as text (`[x]` as `x`), where Kubernetes refuses the document (GW1015). What only
 * looks like one (`]:` inside a quoted value) costs a file the exact path, nothing more.
 */
function mayHaveCollectionKey(text: string): boolean {
  for (let at = text.indexOf('?'); at >= 0; at = text.indexOf('?', at + 1)) {
    const after = text.charCodeAt(at + 1);
    if (!(at + 1 === text.length || after === 0x20 || after === 0x0a || after === 0x0d)) continue;
    let before = at - 1;
    while (before >= 0 && text.charCodeAt(before) === 0x20) before--;
    const c = before < 0 ? 0x0a : text.charCodeAt(before);
    if (c === 0x0a || c === 0x0d || c === 0x7b || c === 0x5b || c === 0x2c || c === 0x2d /* - */) return true;
  }
  for (const close of [']', '}']) {
    for (let at = text.indexOf(close); at >= 0; at = text.indexOf(close, at + 1)) {
      let next = at + 1;
      while (text.charCodeAt(next) === 0x20) next++;
      if (text.charCodeAt(next) !== 0x3a /* : */) continue;
      const after = text.charCodeAt(next + 1);
      if (next + 1 === text.length || after === 0x20 || after === 0x0a || after === 0x0d || after === 0x2c || after === 0x7d || after === 0x5d) return true;
    }
  }
  return false;
}

/** A routing test file (`tests:` and no apiVersion or kind): gwctl's own format, not a manifest. */
function isRoutingTests(contents: unknown): boolean {
  const { isMap, isScalar } = yamlLibrary();
  if (!isMap(contents)) return false;
  const keys = contents.items.map((p) => (isScalar(p.key) ? p.key.value : undefined));
  return keys.includes('tests') && !keys.includes('apiVersion') && !keys.includes('kind');
}

/** A document that is not a manifest: counted, not read. */
export function isNotAManifest(value: unknown): boolean {
  return value === NOT_A_MANIFEST;
}

/** The quick path's answer, placed in its file. An answer that crossed threads has lost the identity of NOT_A_MANIFEST: `notManifest` restores it. */
export function withFile(file: SourceFile, quick: QuickParsed, notManifest: (value: unknown) => boolean = isNotAManifest): ParsedFile {
  const documents = quick.documents.map(({ index, start, end, helmSource, value }) => ({
    doc: helmSource ? { file, index, start, end, helmSource } : { file, index, start, end },
    value: notManifest(value) ? NOT_A_MANIFEST : value,
  }));
  return { documents, documentCount: quick.documentCount, emptyCount: 0, brokenCount: 0, findings: [] };
}

/** The start of the first line after `from` that begins with `---`, or -1. */
function markerLineAfter(text: string, from: number): number {
  const at = text.indexOf('\n---', from);
  return at < 0 ? -1 : at + 1;
}

// white space as String.prototype.trimStart takes it (line terminators included), from lastIndex on
const SPACE = /\s*/y;

/**
 * Whether a text has only blank lines and comments: white space (line breaks included) skipped, then a
 * comment to the end of its line, until something else or the end. Not one regular expression: the
 * obvious one, lines of optional spaces and an optional comment repeated, backtracks exponentially on a
 * line of spaces followed by anything else, and files are untrusted input. Not split into lines either: a
 * document's first line mostly decides, and a split made all of its lines (13 ms of validate of M).
 */
function blankOrComments(text: string): boolean {
  for (let i = 0; ; ) {
    SPACE.lastIndex = i;
    SPACE.test(text);
    i = SPACE.lastIndex;
    if (i >= text.length) return true;
    if (text.charCodeAt(i) !== 0x23 /* # */) return false;
    const newline = text.indexOf('\n', i);
    if (newline < 0) return true;
    i = newline + 1;
  }
}

/**
 * The last byte order mark of a document at or before its first error, past the start of the text (where it is
 * the stream's), or -1.
 */
function byteOrderMarkBefore(text: string, range: readonly number[] | null | undefined, errors: readonly YAMLError[]): number {
  const start = Math.max(range?.[0] ?? 0, 1);
  // a loop, not Math.min(...): a document can hold hundreds of thousands of errors, past the arguments
  // a call can take (`a: |` and `-` lines, 100,000 times: 500,000 errors)
  let firstError = Infinity;
  for (const e of errors) if (e.pos[0] < firstError) firstError = e.pos[0];
  const at = text.lastIndexOf('\uFEFF', firstError);
  return at >= start ? at : -1;
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

// The error marks the start of the repeated key; the key runs to its `:` (or is quoted).
function duplicateKeyName(text: string, start: number): string {
  const match = /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^:\n#]*))/.exec(text.slice(start, start + 256));
  return (match?.[1] ?? match?.[2] ?? match?.[3] ?? '').trim() || '?';
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
