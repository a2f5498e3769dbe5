import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/load/classify';
import { decode } from '../../src/load/decode';
import { parseDocuments } from '../../src/load/parse-documents';
import { schemaKeyOf, type SchemaKey } from '../../src/schema/schema-key';
import { loadCheckers, loadExplainer } from '../../src/schema/schema-loaders';
import { ROOT } from '../helpers/run-cli';
import { loadYaml } from '../../src/source/yaml-library';

// the fixtures are parsed while the tests are collected; some take the exact path, which uses the yaml library
await loadYaml();

// Every schema has two validators (scripts/build.mjs): the checker, run on every document, and the
// explainer, run on the documents the checker rejects. They must accept exactly the same documents:
// here on every manifest in fixtures/ and on each of them broken in every place, one way at a time.

function manifests(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) manifests(path, out);
    else if (/\.(ya?ml|json)$/.test(name)) out.push(path);
  }
  return out;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The document broken once per place: a key removed, an unknown key added, a value of the wrong type. */
function* broken(value: Json): Generator<Json> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      for (const variant of broken(item)) yield value.map((v, j) => (j === i ? variant : v));
      yield value.filter((_, j) => j !== i);
    }
    yield [...value, 'unexpected'];
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      const { [key]: removed, ...rest } = value;
      yield rest;
      for (const variant of broken(removed!)) yield { ...value, [key]: variant };
    }
    yield { ...value, zz_unknown: 1 };
  } else {
    yield typeof value === 'string' ? 12345 : 'not-a-number';
    if (typeof value === 'string') yield `${value}!~`;
  }
}

// The 2.2 dialect of WorkspaceSettings (CLOUD_PROVIDER in a resource kind): no fixture has one.
const WORKSPACE_SETTINGS_2_2 = `
apiVersion: admin.gloo.solo.io/v2
kind: WorkspaceSettings
metadata: { name: team-a, namespace: team-a }
spec:
  exportTo:
    - workspaces: [{ name: ops }]
      resources: [{ kind: CLOUD_PROVIDER, name: aws-team-a }, { kind: ROUTE_TABLE, labels: { expose: 'true' } }]
  importFrom:
    - workspaces: [{ selector: { tier: platform } }]
`;

describe('checker and explainer', () => {
  const documents = new Map<SchemaKey, Json[]>();
  const sources: Array<[string, Uint8Array]> = manifests(join(ROOT, 'fixtures')).map((path) => [path, readFileSync(path)]);
  sources.push(['workspace-settings-2.2.yaml', new TextEncoder().encode(WORKSPACE_SETTINGS_2_2)]);
  for (const [path, bytes] of sources) {
    const decoded = decode(path, bytes);
    if (!decoded.ok) continue;
    for (const resource of classify(parseDocuments(decoded.file).documents).resources) {
      const key = schemaKeyOf(resource);
      documents.set(key, [...(documents.get(key) ?? []), resource.value as Json]);
    }
  }

  it('the fixtures hold every kind in both dialects', () => {
    expect([...documents.keys()].sort()).toEqual([
      'v2.2/CloudProvider', 'v2.2/CloudResources', 'v2.2/RouteTable', 'v2.2/WorkspaceSettings',
      'v2.3/CloudProvider', 'v2.3/CloudResources', 'v2.3/RouteTable', 'v2.3/VirtualGateway', 'v2.3/Workspace', 'v2.3/WorkspaceSettings',
    ]);
  });

  it('accept and reject the same documents', async () => {
    const checkers = await loadCheckers(documents.keys());
    let rejected = 0;
    let total = 0;
    for (const [key, values] of documents) {
      const check = checkers.get(key)!;
      const explain = await loadExplainer(key);
      for (const value of values) {
        for (const variant of [value, ...broken(value)]) {
          const verdict = explain(variant);
          if (check(variant) !== verdict) throw new Error(`${key}: the checker says ${!verdict}, the explainer ${verdict}, for ${JSON.stringify(variant)}`);
          total++;
          if (!verdict) rejected++;
        }
      }
    }
    // enough of both verdicts for the agreement to mean something
    expect(total).toBeGreaterThan(5_000);
    expect(rejected / total).toBeGreaterThan(0.3);
    expect(rejected / total).toBeLessThan(0.95);
  });
});
