import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/diagnostics/finding';
import { classify } from '../../src/load/classify';
import { parseDocuments } from '../../src/load/parse-documents';
import { ResourceIndex } from '../../src/model/resource-index';
import { SourceFile } from '../../src/source/source-file';
import { Locator } from '../../src/source/locate';

const table = (namespace: string, name: string, labels: Record<string, string> = {}) =>
  `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: ${name}, namespace: ${namespace}, labels: ${JSON.stringify(labels)}}\nspec: {}\n`;
const provider = (apiVersion: string, namespace: string, name: string) => `apiVersion: ${apiVersion}\nkind: CloudProvider\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec: {}\n`;

function indexOf(...documents: string[]) {
  const file = new SourceFile('index.yaml', documents.join('---\n'));
  const { resources } = classify(parseDocuments(file).documents);
  const findings: Finding[] = [];
  return { index: new ResourceIndex(resources, findings), findings, resources };
}

const names = (list: ReadonlyArray<{ ref: { namespace: string; name: string } }>) => list.map((r) => `${r.ref.namespace}/${r.ref.name}`);

describe('the resource index', () => {
  it('keeps the last of a resource defined three times, and relates each definition to the one before', () => {
    const { index, findings, resources } = indexOf(table('a', 't', { v: '1' }), table('a', 't', { v: '2' }), table('a', 't', { v: '3' }), table('a', 'u'));
    expect(index.named('RouteTable', 'a', 't')).toEqual([resources[2]]);
    expect(index.of('RouteTable')).toEqual([resources[2], resources[3]]);
    // the earlier definitions are in no list: not by label, not by namespace
    expect(index.candidates('RouteTable', { labels: { v: '1' } })).toEqual([]);
    expect(index.inNamespace('RouteTable', 'a')).toEqual([resources[2], resources[3]]);
    const locator = new Locator();
    expect(findings.map((f) => [f.code, locator.locate(f.at).line, locator.locate(f.related![0]!.at).line])).toEqual([
      ['GW3004', 8, 3],
      ['GW3004', 13, 8],
    ]);
  });

  it('finds the candidates of a selector by name alone among the tables of that name, in input order', () => {
    // a chain of 20,000 tables each delegating to the next by name scanned every table for each
    const { index } = indexOf(table('a', 't1'), table('b', 't2'), table('c', 't1', { team: 'x' }), table('a', 't3'));
    expect(names(index.candidates('RouteTable', { name: 't1', labels: {} }))).toEqual(['a/t1', 'c/t1']);
    expect(names(index.candidates('RouteTable', { name: 't1', labels: { team: 'x' } }))).toEqual(['c/t1']);
    expect(index.candidates('RouteTable', { name: 'none', labels: {} })).toEqual([]);
    expect(names(index.candidates('RouteTable', { labels: {} }))).toEqual(['a/t1', 'b/t2', 'c/t1', 'a/t3']);
  });

  it('tells the CloudProviders of the two dialects apart: one name, two kinds to the API server', () => {
    const { index, findings, resources } = indexOf(provider('networking.gloo.solo.io/v2', 'a', 'aws'), provider('infrastructure.gloo.solo.io/v2', 'a', 'aws'));
    expect(findings).toEqual([]);
    expect(index.named('CloudProvider', 'a', 'aws')).toEqual(resources);
    expect(index.named('CloudProvider', 'b', 'aws')).toEqual([]);
    expect(index.named('RouteTable', 'a', 'aws')).toEqual([]);
  });

  it('offers every table a selector can match, from the shortest of its namespace and label lists', () => {
    const { index } = indexOf(
      table('a', 'one', { team: 'x', tier: 'edge' }),
      table('a', 'two', { team: 'x' }),
      table('b', 'three', { team: 'x', tier: 'edge' }),
      table('b', 'four', { team: 'y', zone: 'z' }),
      table('c', 'five', { tier: 'edge', zone: 'z' }),
    );
    // namespace b holds two, label team=x three: the namespace's list, in input order
    expect(names(index.candidates('RouteTable', { namespace: 'b', labels: { team: 'x' } }))).toEqual(['b/three', 'b/four']);
    // label team=y holds one: shorter than namespace b's
    expect(names(index.candidates('RouteTable', { namespace: 'b', labels: { team: 'y' } }))).toEqual(['b/four']);
    // equal lengths, the first list: the labels' before the namespace's (zone=z and namespace b hold two)
    expect(names(index.candidates('RouteTable', { namespace: 'b', labels: { zone: 'z' } }))).toEqual(['b/four', 'c/five']);
    // and the first label's (tier=edge and team=x both hold three)
    expect(names(index.candidates('RouteTable', { labels: { tier: 'edge', team: 'x' } }))).toEqual(['a/one', 'b/three', 'c/five']);
    // a label or namespace nothing has: nothing to check
    expect(index.candidates('RouteTable', { labels: { team: 'z' } })).toEqual([]);
    expect(index.candidates('RouteTable', { namespace: 'd', labels: {} })).toEqual([]);
    // no namespace and no label: every table
    expect(names(index.candidates('RouteTable', { labels: {} }))).toEqual(['a/one', 'a/two', 'b/three', 'b/four', 'c/five']);
    expect(index.candidates('VirtualGateway', { labels: { team: 'x' } })).toEqual([]);
  });
});
