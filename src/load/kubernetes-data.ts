import type { Alias, Document, Node, Pair, Scalar, YAMLMap } from 'yaml';
import { yamlLibrary } from '../source/yaml-library';
import { kubernetesKey, kubernetesNumber, kubernetesPlainScalar, kubernetesTaggedScalar, YAML_11_BOOLEANS } from '../text/kubernetes-scalars';

/** Where a document's data parts from what Kubernetes reads, or where Kubernetes refuses it. */
export interface DataProblem {
  readonly kind: 'refused' | 'aliases' | 'differs';
  readonly detail: string;
  /** offsets in the file */
  readonly start: number;
  readonly end: number;
}

export type DocumentData =
  | {
      readonly value: unknown;
      readonly differs: DataProblem[];
      /** offsets of the keys that repeat an earlier key of their mapping (GW1002) */
      readonly duplicates: number[];
    }
  | { readonly problem: DataProblem };

class Refused extends Error {
  constructor(readonly problem: DataProblem) {
    super(problem.detail);
  }
}

/**
 * A document's data as sigs.k8s.io/yaml gives it to the API server (go-yaml v2, then JSON): plain scalars
 * read by YAML 1.1's rules (kubernetes-scalars.ts), explicit tags as go-yaml reads them, merge keys
 * (`<<: *defaults`) applied in the order go-yaml applies them (decode.go: each entry of a mapping is set
 * in turn, a merge sets every key of its mappings, the first of a list of mappings last, so that it wins;
 * a key set before the merge is overwritten by it), keys written as JSON keys. Aliases are copied, at
 * most `maxAliases` of them in a document (an alias inside what an alias copies counts again): past that
 * the document is refused, as "billion laughs" documents must be. `differs`: each plain scalar a YAML 1.2
 * reader takes otherwise (GW1014). `yaml-1.2`: gwctl's own files (routing tests), which `gwctl test`
 * reads with the yaml library's YAML 1.2 core schema, read the same way here, with the same limits.
 */
export function kubernetesData(doc: Document, maxAliases: number, reader: 'kubernetes' | 'yaml-1.2' = 'kubernetes'): DocumentData {
  const state: State = { doc, aliases: 0, maxAliases, differs: [], differsAt: new Set(), duplicates: [], checked: new WeakSet(), core: reader === 'yaml-1.2' };
  try {
    return { value: nodeData(doc.contents as Node | null, state), differs: state.differs, duplicates: state.duplicates };
  } catch (error) {
    if (error instanceof Refused) return { problem: error.problem };
    throw error;
  }
}

interface State {
  readonly doc: Document;
  aliases: number;
  readonly maxAliases: number;
  readonly differs: DataProblem[];
  readonly differsAt: Set<number>;
  readonly duplicates: number[];
  /** mappings whose keys were compared: an alias copies a mapping, not its duplicates */
  readonly checked: WeakSet<YAMLMap>;
  /** the alias written in the document whose copy is being made: where too many expansions are placed */
  outerAlias?: Alias;
  /** scalars as the YAML 1.2 core schema reads them (gwctl's own files), merge keys as plain keys */
  readonly core: boolean;
}

function rangeOf(node: { range?: readonly number[] | null } | null | undefined): [number, number] {
  const range = node?.range;
  return range ? [range[0]!, range[1]!] : [0, 0];
}

function refuse(kind: DataProblem['kind'], detail: string, node: { range?: readonly number[] | null } | null | undefined): never {
  const [start, end] = rangeOf(node);
  throw new Refused({ kind, detail, start, end });
}

function nodeData(node: Node | null, state: State): unknown {
  const { isAlias, isMap, isScalar, isSeq } = yamlLibrary();
  if (node === null || node === undefined) return null;
  if (isAlias(node)) {
    const outer = state.outerAlias === undefined;
    if (outer) state.outerAlias = node;
    try {
      return nodeData(aliased(node, state), state);
    } finally {
      if (outer) state.outerAlias = undefined;
    }
  }
  if (isScalar(node)) return scalarData(node, state);
  if (isSeq(node)) return node.items.map((item) => nodeData(item as Node | null, state));
  if (isMap(node)) return fillMapping(node, {}, state);
  return null;
}

/** The node an alias names, counted against the document's budget. */
function aliased(alias: Alias, state: State): Node {
  // placed at the alias the document writes, not at one inside what it copies
  if (++state.aliases > state.maxAliases) refuse('aliases', `more than ${state.maxAliases} alias expansions`, state.outerAlias ?? alias);
  const target = alias.resolve(state.doc);
  // anchors name nodes of their own document only (YAML 1.2.2, 3.2.2.2): go-yaml refuses the rest
  if (!target) refuse('refused', `the alias *${alias.source} names no anchor before it in this document (anchors do not reach across documents)`, alias);
  return target as Node;
}

function scalarData(node: Scalar, state: State): unknown {
  if (state.core) return node.value;
  const source = String(node.source ?? node.value ?? '');
  const { Scalar: ScalarClass } = yamlLibrary();
  const plain = node.type === ScalarClass.PLAIN || node.type === undefined;
  let reading;
  if (node.tag !== undefined && node.tag !== '!') reading = kubernetesTaggedScalar(node.tag, source);
  else if (plain && node.tag === undefined) {
    reading = kubernetesPlainScalar(source);
    if ('value' in reading) noteDifference(node, source, reading.value, state);
  } else reading = { value: source };
  if ('refused' in reading) refuse('refused', reading.refused, node);
  return reading.value;
}

/** Records a plain scalar the YAML 1.2 core schema reads otherwise (the yaml library's value). */
function noteDifference(node: Scalar, source: string, kubernetes: unknown, state: State): void {
  const core = node.value;
  // (`===`: `-0` is 0 to both readers once it is JSON)
  if (core === kubernetes) return;
  const [start, end] = rangeOf(node);
  // once per place: an alias copies what it names, warnings included
  if (state.differsAt.has(start)) return;
  state.differsAt.add(start);
  const detail = YAML_11_BOOLEANS.has(source)
    ? `\`${source}\` is the boolean ${String(kubernetes)} to Kubernetes, whose YAML reader follows YAML 1.1, and the string "${source}" to YAML 1.2 readers`
    : `\`${source}\` is ${describe(kubernetes)} to Kubernetes, whose YAML reader follows YAML 1.1, and ${describe(core)} to YAML 1.2 readers`;
  state.differs.push({ kind: 'differs', detail, start, end });
}

const describe = (value: unknown): string => (typeof value === 'string' ? `the string ${JSON.stringify(value)}` : typeof value === 'number' ? `the number ${value}` : String(value));

/**
 * Sets a mapping's entries on `into` in go-yaml's order, merges included; returns `into`. A key written
 * alike to an earlier one of the same mapping (as Kubernetes writes keys into JSON: `y` and `on` are both
 * `true`; for gwctl's own files, by value and type) is a duplicate: go-yaml hands such keys over in a Go
 * map's order, so which value wins is chance. Merge keys repeat freely (decode.go applies each in turn).
 */
function fillMapping(map: YAMLMap, into: Record<string, unknown>, state: State): Record<string, unknown> {
  const seen = state.checked.has(map) ? undefined : new Set<string>();
  state.checked.add(map);
  for (const pair of map.items as Array<Pair<Node | null, Node | null>>) {
    const keyNode = pair.key;
    if (!state.core && isMergeKey(keyNode)) {
      merge(pair.value, into, state);
      continue;
    }
    const { key, id } = keyOf(keyNode, map, state);
    if (seen) {
      if (seen.has(id)) state.duplicates.push(rangeOf(keyNode)[0]);
      else seen.add(id);
    }
    // a key such as `__proto__` is data: defined, not assigned through the prototype
    Object.defineProperty(into, key, { value: nodeData(pair.value, state), writable: true, enumerable: true, configurable: true });
  }
  return into;
}

/**
 * A key as it is written into JSON, and what tells it from the others of its mapping: for a manifest the
 * JSON key (kubernetesKey); for gwctl's own files the yaml library's reading, by value and type.
 */
function keyOf(keyNode: Node | null, map: YAMLMap, state: State): { readonly key: string; readonly id: string } {
  const value = nodeData(keyNode, state);
  if (state.core && (value === null || typeof value !== 'object')) return { key: value === null ? '' : String(value), id: `${typeof value}:${String(value)}` };
  const written = kubernetesKey(value, keyNumber(keyNode, state.doc));
  if ('refused' in written) refuse('refused', written.refused, keyNode ?? map);
  return { key: written.key, id: written.key };
}

/**
 * How go-yaml read a key that is a number: an int, a uint or a float (JSON writes each its own way).
 * Undefined for one tagged `!!float` or not a plain scalar: kubernetesKey writes a number it is not told
 * is an integer as a float32, as sigs.k8s.io/yaml writes a float key.
 */
function keyNumber(key: Node | null, doc: Document): ReturnType<typeof kubernetesNumber> {
  const { isAlias, isScalar, Scalar: ScalarClass } = yamlLibrary();
  if (isAlias(key)) return keyNumber((key.resolve(doc) as Node | undefined) ?? null, doc);
  if (!isScalar(key)) return undefined;
  const source = String(key.source ?? '');
  if (key.tag === undefined ? key.type !== ScalarClass.PLAIN : key.tag !== 'tag:yaml.org,2002:int') return undefined;
  return kubernetesNumber(source);
}

/** go-yaml's isMerge: `<<` plain and untagged, or tagged !!merge. */
function isMergeKey(key: Node | null): boolean {
  const { isScalar, Scalar: ScalarClass } = yamlLibrary();
  if (!isScalar(key) || key.source !== '<<') return false;
  return (key.tag === undefined && key.type === ScalarClass.PLAIN) || key.tag === 'tag:yaml.org,2002:merge';
}

/** go-yaml's merge: a mapping, an alias of one, or a list of them applied last to first. */
function merge(value: Node | null, into: Record<string, unknown>, state: State): void {
  const { isAlias, isMap, isSeq } = yamlLibrary();
  const source = isAlias(value) ? aliased(value, state) : value;
  if (isMap(source)) {
    fillMapping(source, into, state);
    return;
  }
  if (isSeq(source) && !isAlias(value)) {
    const items = source.items as Array<Node | null>;
    for (let i = items.length - 1; i >= 0; i--) {
      const item = isAlias(items[i]) ? aliased(items[i] as Alias, state) : items[i];
      if (!isMap(item)) refuse('refused', 'map merge requires map or sequence of maps as the value', items[i] ?? value);
      fillMapping(item, into, state);
    }
    return;
  }
  refuse('refused', 'map merge requires map or sequence of maps as the value', value);
}
