import { Document, isMap, isNode, isScalar, isSeq, parseAllDocuments, Scalar, visit, type Node, type YAMLSeq } from 'yaml';
import { readsBackPlain } from '../../text/kubernetes-scalars';
import { asArray, isObject, obj, setStr, str } from '../../data/values';
import { UsageError } from '../../errors';
import { valueAt } from '../../source/pointer';
import type { Dialect } from '../../load/kinds';
import { derivedLogicalName } from '../../model/providers';
import type { DiscoveredEntry, Discovery } from './discover-functions';
import { kubernetesValues } from './kubernetes-reading';
import { readsAsJson } from '../../load/json-stream';
import { spliceFlow } from './flow-list-splice';

export interface CloudResourcesTarget {
  readonly dialect: Dialect;
  /** the CloudProvider's name (CloudResources name a provider of their own namespace) */
  readonly provider: string;
  readonly namespace: string;
  /** metadata.name of a CloudResources gwctl creates */
  readonly name: string;
  /** the account and region listed: an entry naming a function by ARN elsewhere is never this run's to judge */
  readonly accountId?: string;
  readonly region?: string;
  /** what other CloudResources of the provider already declare (other documents, other files) */
  readonly declared?: ReadonlyArray<{ readonly functionName: string; readonly qualifier: string; readonly logicalName: string; readonly accountId: string; readonly region: string }>;
}

export interface Entry extends DiscoveredEntry {
  readonly logicalName?: string;
}

export interface MergeOutcome {
  readonly text: string;
  readonly added: readonly Entry[];
  readonly kept: number;
  /** written in the file, no longer in AWS: removed with --prune, else left and reported */
  readonly missing: readonly Entry[];
  /** 2.2 logical names that would have collided, and the name given instead */
  readonly renamed: ReadonlyArray<{ readonly entry: Entry; readonly wanted: string }>;
}

const GROUP = { 'v2.2': 'networking.gloo.solo.io/v2', 'v2.3': 'infrastructure.gloo.solo.io/v2' } as const;
const listPath = (dialect: Dialect) => (dialect === 'v2.2' ? ['spec', 'lambda'] : ['spec', 'aws', 'lambda']);
// qualifiers come resolved: $LATEST, not empty (readEntry, the model's declared functions, discovery)
const keyOf = (e: DiscoveredEntry) => `${e.functionName}|${e.qualifier}`;

const ARN = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([^:]+)(?::(.+))?$/;

/**
 * An entry as this run listed it: an ARN of the listed account and region is its function's name (its
 * qualifier read already, readEntry); an ARN of anywhere else is undefined: this run did not look there, so
 * it can neither confirm nor deny that function.
 */
function asListed(e: DiscoveredEntry, target: CloudResourcesTarget): DiscoveredEntry | undefined {
  const m = ARN.exec(e.functionName);
  if (!m) return e;
  if (m[1] !== target.region || m[2] !== target.accountId) return undefined;
  return { functionName: m[3]!, qualifier: e.qualifier };
}

/** A new CloudResources document listing the entries: YAML, or JSON (two spaces a level) when `json`. */
export function newCloudResources(target: CloudResourcesTarget, entries: readonly DiscoveredEntry[], taken: Set<string> = new Set(), json = false): { text: string; entries: Entry[]; renamed: MergeOutcome['renamed'] } {
  const named = nameEntries(target.dialect, entries, taken);
  const list = named.entries.map((e) => entryValue(target.dialect, e));
  const spec = target.dialect === 'v2.2' ? { provider: target.provider, lambda: list } : { provider: target.provider, aws: { lambda: list } };
  const manifest = { apiVersion: GROUP[target.dialect], kind: 'CloudResources', metadata: { name: target.name, namespace: target.namespace }, spec };
  const text = json ? JSON.stringify(manifest, null, 2) + '\n' : kubernetesYaml(new Document(manifest)).toString({ lineWidth: 0 });
  return { text, entries: named.entries, renamed: named.renamed };
}

/**
 * Merges discovered functions into an existing file without touching what is written there: entries,
 * their comments and their order stay byte for byte; new entries are appended in a stable order after
 * the last one, in its indentation; entries gone from AWS are reported, and removed only with `prune`.
 * The edits are text splices on the positions the parser reports, and the result is parsed again and
 * compared with what was intended before anything is returned. The file is read with the yaml library,
 * which places the edits, and as Kubernetes reads it (kubernetes-reading.ts): where the two differ in the
 * list edited, an edit is refused. A JSON file (kubectl reads a file that starts with `{` as JSON) gets
 * JSON, and is never rendered again as YAML.
 */
export function mergeCloudResources(existing: string, fileName: string, target: CloudResourcesTarget, discovery: Discovery, prune: boolean): MergeOutcome {
  const kubernetes = kubernetesValues(fileName, existing);
  // logLevel 'error': the yaml library would print its warnings on stderr itself, with the file's text
  const docs = parseAllDocuments(existing, { prettyErrors: false, logLevel: 'error' });
  const list = Array.isArray(docs) ? docs : [];
  const broken = list.find((d) => d.errors.length > 0);
  if (broken) throw new UsageError(`--write ${fileName}: the file does not parse (${broken.errors[0]!.message}); fix it first`);
  const doc = findTarget(list, target);
  const nl = existing.includes('\r\n') ? '\r\n' : '\n';
  const json = readsAsJson(existing);
  const written12 = doc ? listOf(doc, target.dialect) : undefined;
  const kubernetesTarget = targetIndex(kubernetes, target);
  sameReading(fileName, written12, kubernetesTarget < 0 ? undefined : listIn(kubernetes[kubernetesTarget], target.dialect));

  // the file's other CloudResources of the provider declare functions too, whether or not the file is an input
  const inFile = otherEntries(kubernetes, target, kubernetesTarget);
  const declaredKeys = new Set([
    ...(target.declared ?? []).filter((d) => d.accountId === target.accountId && d.region === target.region).map(keyOf),
    ...inFile.flatMap((e) => {
      const listed = asListed(e, target);
      return listed ? [keyOf(listed)] : [];
    }),
  ]);
  const declaredNames = [...(target.declared ?? []).map((d) => d.logicalName), ...inFile.map((e) => e.logicalName ?? derivedLogicalName(e.functionName, e.qualifier))];
  if (!doc) {
    if (json) throw new UsageError(`--write ${fileName}: the file is JSON and holds no CloudResources of CloudProvider ${target.namespace}/${target.provider} to add to; write to a YAML file, or a new one`);
    // a new (or empty) file named .json is written as JSON, which is what its name promises its readers
    const asJson = existing.trim() === '' && /\.json$/i.test(fileName);
    const created = newCloudResources({ ...target, declared: [] }, discovery.entries.filter((e) => !declaredKeys.has(keyOf(e))), new Set(declaredNames), asJson);
    const separator = existing.length === 0 || asJson ? '' : existing.endsWith('\n') ? `---${nl}` : `${nl}---${nl}`;
    const text = (asJson ? '' : existing + separator) + created.text.replace(/\n/g, nl);
    return verified(text, target, { text, added: created.entries, kept: 0, missing: [], renamed: created.renamed }, created.entries.map(keyOf), fileName);
  }

  const path = listPath(target.dialect);
  const current = written12!.map(readEntry);
  const found = new Set(discovery.entries.map(keyOf));
  // what is declared already, here or in another CloudResources of the provider, is not added again
  const listed = current.map((e) => asListed(e, target));
  const written = new Set([...listed.flatMap((e) => (e ? [keyOf(e)] : [])), ...declaredKeys]);
  const missing = current.filter((_, i) => {
    const e = listed[i];
    return e !== undefined && !found.has(keyOf(e)) && discovery.covers(e);
  });
  const taken = new Set([...current.map((e) => e.logicalName ?? derivedLogicalName(e.functionName, e.qualifier)), ...declaredNames]);
  const named = nameEntries(target.dialect, discovery.entries.filter((e) => !written.has(keyOf(e))), taken);
  const removed = prune ? new Set(missing.map(keyOf)) : new Set<string>();

  const seq = doc.getIn(path, true);
  const spliced = !isSeq(seq)
    ? undefined
    : seq.flow
      ? spliceFlow(existing, seq, current.map((e) => removed.has(keyOf(e))), named.entries.map((e) => entryValue(target.dialect, e)), json, nl)
      : seq.items.length > removed.size || named.entries.length > 0
        ? splice(existing, seq as YAMLSeq, current, removed, named.entries, target.dialect, nl)
        : emptied(existing, doc, path, seq as YAMLSeq, current, removed, target.dialect, nl);
  if (spliced === undefined && isSeq(seq) && seq.flow && seq.range && existing.slice(seq.range[0], seq.range[1]).includes('#')) {
    throw new UsageError(`--write ${fileName}: the comments among the pruned entries of the flow list of functions would be lost; write the list in block style (one \`- \` entry a line), or prune by hand`);
  }
  if (spliced === undefined && json) {
    const name = str(obj(obj(doc.toJS({ maxAliasCount: 100 })).metadata).name) ?? '';
    throw new UsageError(`--write ${fileName}: the file is JSON, and gwctl edits JSON only in a list of functions it has: add "lambda": [] to ${listPath(target.dialect).join('.')} of CloudResources ${target.namespace}/${name}`);
  }
  const text = spliced ?? rewriteDocument(existing, doc, path, current.filter((e) => !removed.has(keyOf(e))), named.entries, target.dialect);
  const expected = [...current.filter((e) => !removed.has(keyOf(e))), ...named.entries].map(keyOf);
  return verified(text, target, { text, added: named.entries, kept: current.length - removed.size, missing, renamed: named.renamed }, expected, fileName);
}

function findTarget(docs: Document[], target: CloudResourcesTarget): Document | undefined {
  const values = docs.map((d) => d.toJS({ maxAliasCount: 100 }) as unknown);
  const at = targetIndex(values, target);
  return at < 0 ? undefined : docs[at];
}

/** A CloudResources of the provider, in its dialect. */
function ofProvider(v: unknown, target: CloudResourcesTarget): boolean {
  if (!isObject(v) || v.kind !== 'CloudResources' || v.apiVersion !== GROUP[target.dialect]) return false;
  return obj(v.spec).provider === target.provider && (str(obj(v.metadata).namespace) ?? 'default') === target.namespace;
}

/** The CloudResources of the provider to edit: the one of the name gwctl gives, else the first. */
function targetIndex(values: readonly unknown[], target: CloudResourcesTarget): number {
  const matches = values.flatMap((v, i) => (ofProvider(v, target) ? [i] : []));
  return matches.find((i) => obj(obj(values[i]).metadata).name === target.name) ?? matches[0] ?? -1;
}

/** The entries of the provider's CloudResources in the documents but the one at `skip`, a `kind: List`'s items included. */
function otherEntries(values: readonly unknown[], target: CloudResourcesTarget, skip: number): Entry[] {
  const out: Entry[] = [];
  const entries = (v: unknown) => {
    if (ofProvider(v, target)) for (const e of listIn(v, target.dialect)) out.push(readEntry(e));
  };
  // a list of any kind (`kind: List`, `CloudResourcesList`) at the top, as load/classify.ts reads one
  values.forEach((v, i) => (isObject(v) && typeof v.kind === 'string' && v.kind.endsWith('List') && 'items' in v ? asArray(v.items).forEach(entries) : i !== skip && entries(v)));
  return out;
}

/** The list of the CloudResources to edit, in documents' data (as Kubernetes reads them); undefined without one. */
function targetList(values: readonly unknown[], target: CloudResourcesTarget): unknown[] | undefined {
  const at = targetIndex(values, target);
  return at < 0 ? undefined : listIn(values[at], target.dialect);
}

/** A CloudResources's list of functions, in its data. */
const listIn = (value: unknown, dialect: Dialect): unknown[] => asArray(valueAt(value, '/' + listPath(dialect).join('/')));

/**
 * The list gwctl edits, as the yaml library reads it and as Kubernetes does, entry by entry: a merge key
 * (`- <<: *defaults`), a U+2028 that hides an entry from one of them, `qualifier: 012` (12 to one, 10 to
 * the other) would have gwctl add what the cluster already has, or keep what it does not.
 */
function sameReading(fileName: string, yaml12: readonly unknown[] | undefined, kubernetes: readonly unknown[] | undefined): void {
  const shape = (list: readonly unknown[] | undefined) =>
    list?.map((v) => {
      const e = obj(v);
      return JSON.stringify([e.lambdaFunctionName, e.qualifier, e.logicalName]);
    });
  const a = shape(yaml12);
  const b = shape(kubernetes);
  if (a?.length === b?.length && (a ?? []).every((x, i) => x === b![i])) return;
  const at = (a ?? []).findIndex((x, i) => x !== b?.[i]);
  const which = a === undefined || b === undefined ? 'the CloudResources to edit' : `entry ${at < 0 ? a.length + 1 : at + 1} of its list of functions`;
  throw new UsageError(`--write ${fileName}: Kubernetes reads ${which} otherwise than YAML 1.2 does (\`gwctl validate\` says where); gwctl edits a file only where both read it alike: fix it first`);
}

/** The list as data (`getIn` would give the syntax node). */
function listOf(doc: Document, dialect: Dialect): unknown[] {
  return listIn(doc.toJS({ maxAliasCount: 100 }), dialect);
}

/**
 * An entry of a file: its qualifier is the one it writes, else its ARN's, else $LATEST, and an empty one is
 * none, as validate reads it (model/providers.ts): a `qualifier: $LATEST` written beside the ARN of an alias
 * is $LATEST to both, so the alias is neither taken as declared nor its $LATEST added twice.
 */
function readEntry(v: unknown): Entry {
  const e = obj(v);
  const functionName = str(e.lambdaFunctionName) ?? '';
  const logicalName = str(e.logicalName);
  const qualifier = setStr(e.qualifier) ?? ARN.exec(functionName)?.[4] ?? '$LATEST';
  return { functionName, qualifier, ...(logicalName !== undefined ? { logicalName } : {}) };
}

/** 2.2 entries need a logical name: the derived one, or `-2`, `-3`... when it is taken (reported). */
function nameEntries(dialect: Dialect, entries: readonly DiscoveredEntry[], taken: Set<string>): { entries: Entry[]; renamed: Array<{ entry: Entry; wanted: string }> } {
  const renamed: Array<{ entry: Entry; wanted: string }> = [];
  // a suffix never takes a name another new entry derives for itself (`beta-2` is function beta-2's)
  const derived = new Set(entries.map((e) => derivedLogicalName(e.functionName, e.qualifier)));
  const out = entries.map((e): Entry => {
    if (dialect !== 'v2.2') return e;
    const wanted = derivedLogicalName(e.functionName, e.qualifier);
    let logicalName = wanted;
    for (let n = 2; taken.has(logicalName) || (logicalName !== wanted && derived.has(logicalName)); n++) logicalName = `${wanted}-${n}`;
    taken.add(logicalName);
    const entry = { ...e, logicalName };
    if (logicalName !== wanted) renamed.push({ entry, wanted });
    return entry;
  });
  return { entries: out, renamed };
}

function entryValue(dialect: Dialect, e: Entry): Record<string, string> {
  return dialect === 'v2.2'
    ? { logicalName: e.logicalName ?? derivedLogicalName(e.functionName, e.qualifier), lambdaFunctionName: e.functionName, qualifier: e.qualifier }
    : { lambdaFunctionName: e.functionName, qualifier: e.qualifier };
}

const scalar = (v: string) => kubernetesYaml(new Document(v)).toString().trimEnd();

/**
 * What gwctl writes, quoted where Kubernetes would read it otherwise: the yaml library quotes what a YAML
 * 1.2 reader would take for a number or a boolean, but kubectl reads with YAML 1.1's rules, where a
 * function or alias named `yes`, `on`, `n` or `1_000` (all valid Lambda names) is a boolean or a number
 * (text/kubernetes-scalars.ts). Every string a plain read would not give back is double-quoted.
 */
function kubernetesYaml<T extends Document | Node>(node: T): T {
  visit(node, {
    Scalar(_, s) {
      if (typeof s.value === 'string' && !readsBackPlain(s.value)) s.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return node;
}

function splice(text: string, seq: YAMLSeq, current: readonly Entry[], removed: ReadonlySet<string>, added: readonly Entry[], dialect: Dialect, nl: string): string | undefined {
  const spans: Array<{ start: number; end: number; indent: number }> = [];
  for (const item of seq.items) {
    const range = (item as { range?: [number, number, number] }).range;
    if (!range || !isMap(item)) return undefined;
    let dash = range[0] - 1;
    while (dash >= 0 && text[dash] === ' ') dash--;
    if (text[dash] !== '-') return undefined;
    const lineStart = text.lastIndexOf('\n', dash) + 1;
    if (text.slice(lineStart, dash).trim() !== '') return undefined;
    const lineEnd = text.indexOf('\n', range[1] - 1);
    spans.push({ start: lineStart, end: lineEnd < 0 ? text.length : lineEnd + 1, indent: dash - lineStart });
  }
  const indent = ' '.repeat(spans[0]!.indent);
  const lines = added.map((e) =>
    Object.entries(entryValue(dialect, e))
      .map(([k, v], i) => `${indent}${i === 0 ? '- ' : '  '}${k}: ${scalar(v)}${nl}`)
      .join(''),
  );
  const last = spans[spans.length - 1]!;
  const edits: Array<{ start: number; end: number; text: string }> = [];
  if (lines.length) edits.push({ start: last.end, end: last.end, text: (text[last.end - 1] === '\n' ? '' : nl) + lines.join('') });
  current.forEach((e, i) => {
    if (!removed.has(keyOf(e))) return;
    const floor = i > 0 ? spans[i - 1]!.end : 0;
    const start = commentsAbove(text, spans[i]!, floor);
    // blank lines between two entries both removed set apart nothing any more: they go too
    const between = i > 0 && removed.has(keyOf(current[i - 1]!)) && /^\s*$/.test(text.slice(floor, start));
    edits.push({ start: between ? floor : start, end: spans[i]!.end, text: '' });
  });
  let out = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/**
 * A block list whose every entry is pruned, and nothing added: the entries go as `splice` removes them
 * (each with the comments that describe it) and the key takes `[]` on its own line, after its colon (and
 * its tag or anchor, if it has one) and before a comment there. Rendering the document again, as before,
 * rewrote lines the edit had nothing to do with (`metadata: {name: fns}` became `metadata: { name: fns
 * }`). Undefined where the key is not written plainly as `lambda:`: the document is rendered again.
 */
function emptied(text: string, doc: Document, path: string[], seq: YAMLSeq, current: readonly Entry[], removed: ReadonlySet<string>, dialect: Dialect, nl: string): string | undefined {
  const parent = doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === path[path.length - 1]);
  const keyEnd = pair && isScalar(pair.key) ? pair.key.range?.[1] : undefined;
  if (keyEnd === undefined || !/^[ \t]*:/.test(text.slice(keyEnd))) return undefined;
  // `[]` goes after the list's tag or anchor (`lambda: !!seq`, `lambda: &fns`), which stay its own
  const colon = text.indexOf(':', keyEnd) + 1;
  const after = colon + /^(?:[ \t]+[!&][^\s#,[\]{}]*)*/.exec(text.slice(colon))![0].length;
  // the key's line must end there, or in a comment: the list started on the lines after it
  if (!/^[ \t]*(?:#[^\n]*)?\r?\n/.test(text.slice(after))) return undefined;
  let out = splice(text, seq, current, removed, [], dialect, nl);
  if (out === undefined) return undefined;
  // the list ended the file without a final line break: the key's line now ends it, and keeps it so
  if (!text.endsWith('\n')) out = out.replace(/\r?\n$/, '');
  return `${out.slice(0, after)} []${out.slice(after)}`;
}

/**
 * Where a removed entry's text starts: the comment lines right above its dash, at its indentation and with
 * no blank line between, describe it and go with it; a comment set apart by a blank line stays.
 */
function commentsAbove(text: string, span: { start: number; indent: number }, floor: number): number {
  let start = span.start;
  while (start > floor) {
    const lineStart = text.lastIndexOf('\n', start - 2) + 1;
    const line = text.slice(lineStart, start).replace(/\r?\n$/, '');
    if (lineStart < floor || !/^ *#/.test(line) || line.length - line.trimStart().length !== span.indent) break;
    start = lineStart;
  }
  return start;
}

/**
 * Flow lists, an emptied list or no list at all: the document's contents are rendered again, with their
 * comments (the list's own comments carried to the new list). Only the contents' text is replaced: what
 * precedes them (the `---` marker, a header comment) and follows them stays as written, and the comments
 * the renderer would print before the first key are those, so they are not printed a second time.
 */
function rewriteDocument(text: string, doc: Document, path: string[], kept: readonly Entry[], added: readonly Entry[], dialect: Dialect): string {
  const previous = doc.getIn(path, true);
  const seq = kubernetesYaml(doc.createNode([...kept, ...added].map((e) => entryValue(dialect, e))));
  if (isNode(previous)) {
    seq.commentBefore = previous.commentBefore;
    seq.comment = previous.comment;
  }
  doc.setIn(path, seq);
  const contents = doc.contents!;
  const [start, end] = contents.range ?? [0, text.length];
  contents.commentBefore = null;
  let rendered = new Document(contents).toString({ lineWidth: 0 }).replace(/^(?:[ \t]*(?:#.*)?\n)+/, '');
  if (!text.slice(start, end).endsWith('\n')) rendered = rendered.replace(/\n$/, '');
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  // a comment of a CRLF file keeps its CR in the yaml library's node: one line break, as the file writes it
  return text.slice(0, start) + rendered.replace(/\r*\n/g, nl) + text.slice(end);
}

/** The result read again, by the yaml library and as Kubernetes reads it: both must list what was intended. */
function verified(text: string, target: CloudResourcesTarget, outcome: MergeOutcome, expected: string[], fileName: string): MergeOutcome {
  const docs = parseAllDocuments(text, { prettyErrors: false, logLevel: 'error' });
  const doc = Array.isArray(docs) && docs.every((d) => d.errors.length === 0) ? findTarget(docs, target) : undefined;
  const keys = (list: readonly unknown[] | undefined) => list?.map((v) => keyOf(readEntry(v))).sort().join('\n');
  let kubernetes: string | undefined;
  try {
    kubernetes = keys(targetList(kubernetesValues(fileName, text), target));
  } catch {
    kubernetes = undefined;
  }
  const intended = [...expected].sort().join('\n');
  if (!doc || keys(listOf(doc, target.dialect)) !== intended || kubernetes !== intended) {
    throw new Error(`merging into ${fileName} did not give the intended entries; the file is left as it was`);
  }
  return outcome;
}
