import { describe, expect, it } from 'vitest';
import { analyzeText } from '../helpers/analyze-text';

const ws = (name: string, namespaces: string[], labels = '') =>
  `apiVersion: admin.gloo.solo.io/v2\nkind: Workspace\nmetadata: {name: ${name}, namespace: gloo-mesh${labels}}\nspec:\n  workloadClusters: [{name: '*', namespaces: [${namespaces.map((n) => `{name: '${n}'}`).join(', ')}]}]\n---\n`;
const settings = (ns: string, spec: string) => `apiVersion: admin.gloo.solo.io/v2\nkind: WorkspaceSettings\nmetadata: {name: ${ns}, namespace: ${ns}}\nspec: ${spec}\n---\n`;
const provider = (ns: string, role = true) =>
  `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: p, namespace: ${ns}}\nspec: {aws: {accountId: '111111111111', region: us-east-1${role ? ', lambda: {invokeRoleName: r}' : ''}, }}\n---\n`;
const table = (ns: string, providerNs: string) =>
  `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ${ns}}\nspec:\n  hosts: [x.example.com]\n  virtualGateways: [{name: gw}]\n  http: [{name: r, forwardTo: {destinations: [{awsLambda: {cloudProvider: {name: p, namespace: ${providerNs}}, function: f}}]}}]\n---\n` +
  `apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: gw, namespace: ${ns}}\nspec: {listeners: [{port: {number: 80}, http: {}}]}\n---\n`;

const codes = async (text: string) => (await analyzeText(text)).findings.map((f) => f.code).filter((c) => c.startsWith('GW6'));

describe('workspaces', () => {
  const both = ws('a', ['a']) + ws('b', ['b']);
  const exportToA = settings('b', '{exportTo: [{workspaces: [{name: a}]}]}');
  const importFromB = settings('a', '{importFrom: [{workspaces: [{name: b}]}]}');

  it('needs the owner\'s export and the consumer\'s import', async () => {
    expect(await codes(both + provider('b') + table('a', 'b'))).toEqual(['GW6002']);
    expect(await codes(both + exportToA + provider('b') + table('a', 'b'))).toEqual(['GW6003']);
    expect(await codes(both + exportToA + importFromB + provider('b') + table('a', 'b'))).toEqual([]);
  });

  it('reads label selectors against the Namespace objects in the input, and says when it cannot (GW6011)', async () => {
    const byLabels = (name: string, selector: string) =>
      `apiVersion: admin.gloo.solo.io/v2\nkind: Workspace\nmetadata: {name: ${name}, namespace: gloo-mesh}\nspec:\n  workloadClusters: [{name: '*', namespaces: [${selector}]}]\n---\n`;
    const namespace = (name: string, team: string) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}, labels: {team: ${team}}}\n---\n`;
    const labelled = byLabels('a', '{labels: {team: a}}') + byLabels('b', '{labels: {team: b}}');
    // the labels decide: a owns a, b owns b, and the route from a to b's provider needs an export
    expect(await codes(labelled + namespace('a', 'a') + namespace('b', 'b') + provider('b') + table('a', 'b'))).toEqual(['GW6002']);
    // labels no workspace selects: in no workspace (GW6005 for the table and the gateway of a)
    expect(await codes(labelled + namespace('a', 'c') + namespace('b', 'c') + provider('b') + table('a', 'b'))).toEqual(['GW6005', 'GW6005']);
    // no Namespace objects: both workspaces may select both namespaces; the first by name takes them
    expect(await codes(labelled + provider('b') + table('a', 'b'))).toEqual(['GW6011', 'GW6011']);
    // a name and labels both select: the name alone is not enough
    const named = byLabels('a', "{name: 'a', labels: {team: a}}") + byLabels('b', "{name: 'b'}");
    expect(await codes(named + namespace('a', 'z') + provider('b') + table('a', 'b'))).toEqual(['GW6005', 'GW6005']);
    // the management namespace, whose labels the input does not show, is in no workspace: its provider serves both
    expect(await codes(labelled + namespace('a', 'a') + namespace('b', 'b') + provider('gloo-mesh') + table('a', 'gloo-mesh') + table('b', 'gloo-mesh').replace(/name: t,/g, 'name: t2,').replace(/name: gw,/g, 'name: gw2,').replace(/{name: gw}/g, '{name: gw2}'))).toEqual([]);
    // of two possible claims by labels, the exact name is taken, and GW6011 says so
    const exactFirst = await analyzeText(byLabels('a', '{labels: {team: a}}') + byLabels('b', "{name: 'a', labels: {team: a}}") + table('a', 'a'));
    expect(exactFirst.findings.find((f) => f.code === 'GW6011')?.message).toContain('workspaces `b` and `a` select namespaces by labels; gwctl takes `b`');
    // a claim by name wins over a possible claim by labels, without GW6001
    expect(await codes(byLabels('a', '{labels: {team: a}}') + byLabels('b', "{name: 'a'}, {name: 'b'}") + provider('b') + table('a', 'b'))).toEqual([]);
    // and over several, without GW6011: the name decides
    expect(await codes(byLabels('a', '{labels: {team: a}}') + byLabels('c', '{labels: {team: a}}') + byLabels('b', "{name: 'a'}, {name: 'b'}") + provider('b') + table('a', 'b'))).toEqual([]);
  });

  it('requires an imported CloudProvider to name its invoke role', async () => {
    expect(await codes(both + exportToA + importFromB + provider('b', false) + table('a', 'b'))).toEqual(['GW6004']);
  });

  it('matches exported resources by kind and labels, and workspaces by selector', async () => {
    const byLabel = settings('b', '{exportTo: [{workspaces: [{selector: {tier: apps}}], resources: [{kind: ALL, labels: {shared: "yes"}}]}]}');
    const wsA = ws('a', ['a'], ', labels: {tier: apps}') + ws('b', ['b']);
    const labelled = provider('b').replace('metadata: {name: p, namespace: b}', 'metadata: {name: p, namespace: b, labels: {shared: "yes"}}');
    expect(await codes(wsA + byLabel + importFromB + labelled + table('a', 'b'))).toEqual([]);
    expect(await codes(wsA + byLabel + importFromB + provider('b') + table('a', 'b'))).toEqual(['GW6002']);
    const routeTablesOnly = settings('b', '{exportTo: [{workspaces: [{name: a}], resources: [{kind: ROUTE_TABLE}]}]}');
    expect(await codes(both + routeTablesOnly + importFromB + provider('b') + table('a', 'b'))).toEqual(['GW6002']);
  });

  it('matches an exported resource\'s name and namespace exactly, as TypedObjectSelector says; a workspace\'s name as a glob', async () => {
    const exportNamed = (resource: string) => settings('b', `{exportTo: [{workspaces: [{name: 'a*'}], resources: [{kind: ALL, ${resource}}]}]}`);
    expect(await codes(both + exportNamed('name: p, namespace: b') + importFromB + provider('b') + table('a', 'b'))).toEqual([]);
    expect(await codes(both + exportNamed("name: 'p*'") + importFromB + provider('b') + table('a', 'b'))).toEqual(['GW6002']);
    expect(await codes(both + exportNamed("namespace: 'b*'") + importFromB + provider('b') + table('a', 'b'))).toEqual(['GW6002']);
  });

  it('reads an empty name or namespace as unset (proto3): a selector without it', async () => {
    const exportEmpty = settings('b', "{exportTo: [{workspaces: [{name: ''}], resources: [{kind: ALL, name: '', namespace: ''}]}]}");
    expect(await codes(both + exportEmpty + importFromB + provider('b') + table('a', 'b'))).toEqual([]);
    // a namespace entry named '' claims every namespace, as one without a name: b is in both workspaces
    expect(await codes(ws('a', ['']) + ws('b', ['b']) + provider('b') + table('b', 'b'))).toContain('GW6001');
  });

  it('claims no namespace for a cluster entry without namespaces, and says so (GW6008)', async () => {
    const noNamespaces = `apiVersion: admin.gloo.solo.io/v2\nkind: Workspace\nmetadata: {name: a, namespace: gloo-mesh}\nspec:\n  workloadClusters: [{name: '*'}]\n---\n`;
    const { findings, analysis } = await analyzeText(noNamespaces + ws('b', ['b']) + provider('b') + table('a', 'b'));
    // namespace a is in no workspace: the table and the gateway there are reported (GW6005), not a's
    expect(findings.map((f) => f.code).filter((c) => c.startsWith('GW6')).sort()).toEqual(['GW6005', 'GW6005', 'GW6008']);
    expect(analysis.model.providers[0]!.workspace).toBe('b');
  });

  describe('configEnabled', () => {
    // workspace a spans namespaces a (configuration read) and a-off (not read); the CloudProvider in
    // a-off is not configuration Gloo reads
    const split = (offValue: string, onValue = 'configEnabled: true, ') =>
      `apiVersion: admin.gloo.solo.io/v2\nkind: Workspace\nmetadata: {name: a, namespace: gloo-mesh}\nspec:\n  workloadClusters: [{name: '*', namespaces: [{${onValue}name: a}, {${offValue}name: a-off}]}]\n---\n`;

    it('leaves out the resources of a namespace whose configuration Gloo does not read (GW6009)', async () => {
      const { findings, analysis } = await analyzeText(split('configEnabled: false, ') + provider('a-off') + table('a', 'a-off'));
      const gw6 = findings.filter((f) => f.code.startsWith('GW6'));
      expect(gw6.map((f) => f.code)).toEqual(['GW6009']);
      expect(gw6[0]!.message).toContain('CloudProvider a-off/p is in namespace `a-off`');
      expect(gw6[0]!.related?.[0]?.at).toMatchObject({ pointer: '/spec/workloadClusters/0/namespaces/1/configEnabled' });
      // the route's provider is gone: Gloo would not find it either
      expect(analysis.model.providers).toEqual([]);
      const missing = findings.find((f) => f.code === 'GW3001')!;
      expect(missing.message).toContain('Workspace `a` reads no configuration from namespace a-off (configEnabled: false)');
    });

    it('says why a delegate finds no table in such a namespace', async () => {
      const parent = `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: root, namespace: a}\nspec:\n  hosts: [y.example.com]\n  virtualGateways: [{name: gw}]\n  http: [{name: d, delegate: {routeTables: [{namespace: a-off}]}}]\n---\n`;
      const child = `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: child, namespace: a-off}\nspec:\n  http: [{name: r, directResponse: {status: 200}}]\n---\n`;
      const { findings } = await analyzeText(split('configEnabled: false, ') + provider('a') + table('a', 'a') + parent + child);
      expect(findings.map((f) => f.code).filter((c) => c.startsWith('GW6'))).toEqual(['GW6009']);
      expect(findings.find((f) => f.code === 'GW4004')!.message).toContain('reads no configuration from namespace a-off');
    });

    it('reads every namespace of a cluster when one leaves configEnabled unset, and says the false does nothing (GW6010)', async () => {
      const { findings, analysis } = await analyzeText(split('configEnabled: false, ', '') + provider('a-off') + table('a', 'a-off'));
      expect(findings.map((f) => f.code).filter((c) => c.startsWith('GW6'))).toEqual(['GW6010']);
      expect(analysis.model.providers.map((p) => p.ref.name)).toEqual(['p']);
      // null is the field unset, as the API server reads it
      const nulled = await analyzeText(split('configEnabled: false, ', 'configEnabled: null, ') + provider('a-off') + table('a', 'a-off'));
      expect(nulled.findings.map((f) => f.code).filter((c) => c.startsWith('GW6'))).toEqual(['GW6010']);
    });

    it('reads nothing from a cluster entry set to false, whatever its namespaces say', async () => {
      const off = `apiVersion: admin.gloo.solo.io/v2\nkind: Workspace\nmetadata: {name: a, namespace: gloo-mesh}\nspec:\n  workloadClusters: [{name: mgmt, configEnabled: true, namespaces: [{name: a}]}, {name: '*', configEnabled: false, namespaces: [{configEnabled: true, name: b}]}]\n---\n`;
      const { findings, analysis } = await analyzeText(off + provider('b') + table('a', 'b'));
      expect(findings.map((f) => f.code).filter((c) => c.startsWith('GW6'))).toEqual(['GW6009']);
      expect(analysis.model.providers).toEqual([]);
    });

    it('reads a namespace that one cluster entry turns off and another reads', async () => {
      const both = `apiVersion: admin.gloo.solo.io/v2\nkind: Workspace\nmetadata: {name: a, namespace: gloo-mesh}\nspec:\n  workloadClusters: [{name: mgmt, configEnabled: true, namespaces: [{name: a}, {name: b}]}, {name: '*', configEnabled: false, namespaces: [{name: b}]}]\n---\n`;
      const { findings, analysis } = await analyzeText(both + provider('b') + table('a', 'b'));
      expect(findings.map((f) => f.code).filter((c) => c.startsWith('GW6'))).toEqual([]);
      expect(analysis.model.providers.map((p) => p.ref.name)).toEqual(['p']);
    });

    it('does not read the WorkspaceSettings of such a namespace', async () => {
      const wsB = `apiVersion: admin.gloo.solo.io/v2\nkind: Workspace\nmetadata: {name: b, namespace: gloo-mesh}\nspec:\n  workloadClusters: [{name: '*', namespaces: [{configEnabled: true, name: b}, {configEnabled: false, name: b-settings}]}]\n---\n`;
      const exportFromOff = `apiVersion: admin.gloo.solo.io/v2\nkind: WorkspaceSettings\nmetadata: {name: b, namespace: b-settings}\nspec: {exportTo: [{workspaces: [{name: a}]}]}\n---\n`;
      const { findings } = await analyzeText(ws('a', ['a']) + wsB + exportFromOff + importFromB + provider('b') + table('a', 'b'));
      expect(findings.map((f) => f.code).filter((c) => c.startsWith('GW6')).sort()).toEqual(['GW6002', 'GW6009']);
    });
  });

  it('the global WorkspaceSettings exports and imports for every workspace, beside their own', async () => {
    const global = (spec: string) => `apiVersion: admin.gloo.solo.io/v2\nkind: WorkspaceSettings\nmetadata: {name: global, namespace: gloo-mesh}\nspec: ${spec}\n---\n`;
    expect(await codes(both + global("{exportTo: [{workspaces: [{name: '*'}]}]}") + importFromB + provider('b') + table('a', 'b'))).toEqual([]);
    expect(await codes(both + exportToA + global("{importFrom: [{workspaces: [{name: '*'}]}]}") + provider('b') + table('a', 'b'))).toEqual([]);
    expect(await codes(both + global("{exportTo: [{workspaces: [{name: '*'}]}], importFrom: [{workspaces: [{name: '*'}]}]}") + provider('b') + table('a', 'b'))).toEqual([]);
    // a global entry for other workspaces admits nothing here
    expect(await codes(both + global("{exportTo: [{workspaces: [{name: 'z*'}]}]}") + importFromB + provider('b') + table('a', 'b'))).toEqual(['GW6002']);
  });

  it('an entry without workspaces admits every workspace; a selector admits only the workspaces that carry its labels', async () => {
    expect(await codes(both + settings('b', '{exportTo: [{resources: [{kind: CLOUD_PROVIDER}]}]}') + importFromB + provider('b') + table('a', 'b'))).toEqual([]);
    const bySelector = settings('b', '{exportTo: [{workspaces: [{selector: {tier: apps}}]}]}');
    expect(await codes(ws('a', ['a'], ', labels: {tier: apps}') + ws('b', ['b']) + bySelector + importFromB + provider('b') + table('a', 'b'))).toEqual([]);
    expect(await codes(ws('a', ['a'], ', labels: {tier: data}') + ws('b', ['b']) + bySelector + importFromB + provider('b') + table('a', 'b'))).toEqual(['GW6002']);
    expect(await codes(both + bySelector + importFromB + provider('b') + table('a', 'b'))).toEqual(['GW6002']);
  });

  it('a claim by name that holds, even a glob, wins over one by labels the input cannot check', async () => {
    const byLabels = `apiVersion: admin.gloo.solo.io/v2\nkind: Workspace\nmetadata: {name: a, namespace: gloo-mesh}\nspec:\n  workloadClusters: [{name: '*', namespaces: [{name: shop, labels: {team: shop}}]}]\n---\n`;
    const { analysis } = await analyzeText(byLabels + ws('b', ['sh*']) + provider('shop') + table('shop', 'shop'));
    expect(analysis.model.providers[0]!.workspace).toBe('b');
  });

  it('a cluster entry named \'\' is one without a name (proto3): every cluster, so a reference\'s cluster never disagrees with it', async () => {
    const emptyCluster = `apiVersion: admin.gloo.solo.io/v2\nkind: Workspace\nmetadata: {name: a, namespace: gloo-mesh}\nspec:\n  workloadClusters: [{name: '', namespaces: [{name: a}]}]\n---\n`;
    const withCluster = table('a', 'a').replace('cloudProvider: {name: p, namespace: a}', 'cloudProvider: {name: p, namespace: a, cluster: cluster1}');
    expect(withCluster).toContain('cluster: cluster1');
    expect((await analyzeText(emptyCluster + provider('a') + withCluster)).findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual([]);
    // a named cluster does disagree, and agrees where it is the reference's
    const named = emptyCluster.replace("name: '', namespaces", "name: cluster2, namespaces");
    expect((await analyzeText(named + provider('a') + withCluster)).findings.map((f) => f.code)).toContain('GW3001');
    const same = emptyCluster.replace("name: '', namespaces", "name: cluster1, namespaces");
    expect((await analyzeText(same + provider('a') + withCluster)).findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual([]);
  });

  it('lets every workspace use a CloudProvider in a namespace no Workspace claims', async () => {
    expect(await codes(both + provider('gloo-mesh') + table('a', 'gloo-mesh'))).toEqual([]);
  });

  it('checks nothing without a Workspace in the input', async () => {
    expect(await codes(provider('b') + table('a', 'b'))).toEqual([]);
  });

  it('gives a namespace to the exact claim over a glob, and reports the overlap', async () => {
    const { findings, analysis } = await analyzeText(ws('a', ['a*']) + ws('z', ['ab']) + provider('ab') + table('ab', 'ab'));
    expect(findings.map((f) => f.code).filter((c) => c.startsWith('GW6'))).toEqual(['GW6001']);
    expect(analysis.model.providers[0]!.workspace).toBe('z');
    // the first two claims by workspace name, exact and glob alike
    const three = await analyzeText(ws('a', ['a*']) + ws('b', ['ab']) + ws('c', ['a*']) + provider('ab'));
    // whatever Gloo resource the namespace holds
    const gateway = table('ab', 'ab').split('---\n')[1]! + '---\n';
    const resources = `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: r, namespace: ab}\nspec: {provider: p, lambda: []}\n---\n`;
    for (const only of [gateway, resources, settings('ab', '{}')]) expect(await codes(ws('a', ['a*']) + ws('b', ['ab']) + only), only).toContain('GW6001');
    expect(three.findings.filter((f) => f.code === 'GW6001').map((f) => f.message)).toEqual(['namespace `ab` is claimed by workspaces `a` and `b`']);
    expect(three.analysis.model.providers[0]!.workspace).toBe('b');
  });

  it('names an unknown workspace a WorkspaceSettings shares with, and the one it may mean (GW6006)', async () => {
    const found = await analyzeText(ws('payments', ['payments']) + ws('a', ['a']) + settings('a', '{exportTo: [{workspaces: [{name: payment}, {name: zzz}, {name: "pay*"}]}]}'));
    expect(found.findings.filter((f) => f.code === 'GW6006').map((f) => f.message)).toEqual([expect.stringContaining('`payment`'), expect.stringContaining('`zzz`')]);
    const [near, far] = found.findings.filter((f) => f.code === 'GW6006');
    expect(near!.message).toMatch(/; did you mean `payments`\?$/);
    expect(far!.message).not.toContain('did you mean');
  });

  it('says once for each WorkspaceSettings after a workspace\'s first that Gloo reads one (GW6007)', async () => {
    const second = (name: string) => settings('a', '{}').replace('name: a,', `name: ${name},`);
    expect(await codes(ws('a', ['a']) + settings('a', '{}'))).toEqual([]);
    const two = await analyzeText(ws('a', ['a']) + settings('a', '{}') + second('a-2'));
    expect(two.findings.filter((f) => f.code.startsWith('GW6')).map((f) => `${f.code} ${f.message}`)).toEqual(['GW6007 workspace `a` has more than one WorkspaceSettings; gwctl merges them, Gloo does not']);
    expect(await codes(ws('a', ['a']) + settings('a', '{}') + second('a-2') + second('a-3'))).toEqual(['GW6007', 'GW6007']);
  });
});
