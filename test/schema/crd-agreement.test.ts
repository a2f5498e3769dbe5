import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import patterns from '../../schemas/source/patterns.json';
import { CRD_CHECKED_KINDS } from '../../src/load/kinds';
import { ROOT } from '../helpers/run-cli';

// The 2.3+ schemas must agree with the real Gloo Platform 2.14 CRDs (vendored in schemas/upstream from the
// published chart): every field path the CRD allows is allowed by ours, and ours rejects any field the CRD
// does not define.
const CRDS = join(ROOT, 'schemas/upstream/gloo-platform-2.14');
const KINDS: ReadonlyArray<readonly [kind: string, group: string, version: string]> = [
  ['CloudProvider', 'infrastructure.gloo.solo.io', 'v2'],
  ['CloudResources', 'infrastructure.gloo.solo.io', 'v2'],
  ['RouteTable', 'networking.gloo.solo.io', 'v2'],
  ['VirtualGateway', 'networking.gloo.solo.io', 'v2'],
  ['Workspace', 'admin.gloo.solo.io', 'v2'],
  ['WorkspaceSettings', 'admin.gloo.solo.io', 'v2'],
  // and every kind checked against its CRD alone, at the version its CRD serves
  ...Object.entries(CRD_CHECKED_KINDS).map(([kind, apiVersion]) => [kind, ...(apiVersion.split('/') as [string, string])] as const),
];

type Schema = Record<string, any>;
type Segment = string | '[]' | '{}';

function crdSpec(kind: string, group: string, version: string): Schema {
  for (const doc of parseAllDocuments(readFileSync(join(CRDS, `${group}.yaml`), 'utf8'))) {
    const crd = doc.toJS();
    if (crd?.spec?.group === group && crd.spec.names?.kind === kind) return crd.spec.versions.find((v: Schema) => v.name === version && v.served).schema.openAPIV3Schema.properties.spec;
  }
  throw new Error(`no CRD for ${kind}`);
}

/** Every node of a schema with its path: properties, array items ([]) and map values ({}). */
function paths(node: Schema, at: Segment[] = []): Array<{ at: Segment[]; node: Schema }> {
  const out = [{ at, node }];
  for (const [k, v] of Object.entries(node.properties ?? {})) out.push(...paths(v as Schema, [...at, k]));
  if (node.items) out.push(...paths(node.items, [...at, '[]']));
  if (node.additionalProperties && typeof node.additionalProperties === 'object') out.push(...paths(node.additionalProperties, [...at, '{}']));
  return out;
}

function nodeAt(schema: Schema, at: Segment[]): Schema | undefined {
  let node: Schema | undefined = schema;
  for (const s of at) node = s === '[]' ? node?.items : s === '{}' ? node?.additionalProperties : node?.properties?.[s];
  return node;
}

const EXAMPLES = new Map(Object.values(patterns).map((p) => [p.pattern, p.example]));

/** A value our schema accepts at that place, so that only the field's presence is under test. */
function sample(ours: Schema | undefined): unknown {
  if (!ours) return 'x';
  if (ours.enum) return ours.enum[0];
  const type = Array.isArray(ours.type) ? ours.type[0] : ours.type;
  switch (type) {
    case 'string': return ours.pattern ? EXAMPLES.get(ours.pattern) ?? 'x' : 'x';
    case 'integer': case 'number': return Math.min(Math.max(ours.minimum ?? 1, 1), ours.maximum ?? Infinity);
    case 'boolean': return true;
    case 'array': return [];
    default: return {};
  }
}

function documentWith(kind: string, apiVersion: string, at: Segment[], leaf: unknown): { doc: Schema; pointer: string } {
  const spec: any = at.length === 0 ? leaf : {};
  let node: any = spec;
  let pointer = '/spec';
  at.forEach((segment, i) => {
    const last = i === at.length - 1;
    const next = last ? leaf : at[i + 1] === '[]' ? [] : {};
    if (segment === '[]') { node.push(next); pointer += '/0'; }
    else { const key = segment === '{}' ? 'k' : segment; node[key] = next; pointer += '/' + key; }
    node = next;
  });
  return { doc: { apiVersion, kind, metadata: { name: 'n', namespace: 'ns' }, spec }, pointer };
}

const describePath = (at: Segment[]) => 'spec' + at.map((s) => (s === '[]' || s === '{}' ? s : '.' + s)).join('');

describe.each(KINDS)('%s: schemas/v2.3 against the 2.14 CRD', (kind, group, version) => {
  const crd = crdSpec(kind, group, version);
  const apiVersion = `${group}/${version}`;
  const ours = JSON.parse(readFileSync(join(ROOT, 'schemas/v2.3', `${kind}.json`), 'utf8')) as Schema;
  const validate = new Ajv({ allErrors: true, strictRequired: false }).compile(ours);
  const oursSpec = ours.properties.spec as Schema;
  const crdPaths = paths(crd).filter((p) => p.at.length > 0);
  const errorsOf = (doc: Schema): ErrorObject[] => (validate(doc) ? [] : validate.errors ?? []);

  it('allows every field path of the CRD, with a value of the CRD\'s type', () => {
    // (an InsightsConfig's spec has two fields, a KubernetesCluster's two)
    expect(crdPaths.length).toBeGreaterThan(kind === 'RouteTable' ? 200 : 1);
    const refused: string[] = [];
    for (const { at } of crdPaths) {
      const { doc, pointer } = documentWith(kind, apiVersion, at, sample(nodeAt(oursSpec, at)));
      const bad = errorsOf(doc).filter((e) => e.keyword === 'additionalProperties' || (e.keyword === 'type' && e.instancePath === pointer));
      if (bad.length) refused.push(`${describePath(at)}: ${bad.map((e) => `${e.instancePath} ${e.message}`).join('; ')}`);
    }
    expect(refused).toEqual([]);
  });

  it('rejects a field the CRD does not define, in every object of the CRD', () => {
    const objects = crdPaths.filter(({ node }) => node.type === 'object' && !node.additionalProperties && !node['x-kubernetes-preserve-unknown-fields']);
    // the spec itself, then every object inside it: an InsightsConfig's and a KubernetesCluster's have none
    expect(objects.length > 0).toBe(kind !== 'InsightsConfig' && kind !== 'KubernetesCluster');
    const accepted: string[] = [];
    for (const { at } of [{ at: [] as Segment[] }, ...objects]) {
      const { doc, pointer } = documentWith(kind, apiVersion, at, { gwctlUndefinedField: 1 });
      const hit = errorsOf(doc).some((e) => e.keyword === 'additionalProperties' && e.instancePath === (at.length ? pointer : '/spec') && e.params.additionalProperty === 'gwctlUndefinedField');
      if (!hit) accepted.push(describePath(at));
    }
    expect(accepted).toEqual([]);
  });

  it('defines no field the CRD lacks', () => {
    const crdSet = new Set(crdPaths.map((p) => describePath(p.at)));
    const extra = paths(oursSpec).filter((p) => p.at.length > 0).map((p) => describePath(p.at)).filter((p) => !crdSet.has(p));
    expect(extra).toEqual([]);
  });
});
