import { describe, expect, it } from 'vitest';
import { analyzeText } from '../helpers/analyze-text';
import { docs } from '../helpers/manifest-docs';

// A route's port held to the ports of the VirtualDestination or ExternalService it names (GW3016, GW3017;
// the cases with routing tests are fixtures/model/semantics/destination-ports and destination-workspaces,
// which holds the workspaces' exports and imports).
const destination = (kind: 'VirtualDestination' | 'ExternalService', name: string, ports: string, namespace = 'shop') =>
  `apiVersion: networking.gloo.solo.io/v2\nkind: ${kind}\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n  hosts: [${name}.global]\n  ports: ${ports}\n`;
const table = (destinationYaml: string) =>
  `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: shop}\nspec:\n  hosts: [shop.example.com]\n  http:\n    - name: r\n      forwardTo:\n        destinations:\n          - ${destinationYaml}\n`;
const codes = async (text: string) => (await analyzeText(text)).findings.filter((f) => f.code.startsWith('GW301')).map((f) => [f.code, f.message]);

describe('a destination port held to the ports its VirtualDestination or ExternalService provides', () => {
  const two = '[{number: 80, protocol: HTTP}, {number: 443, protocol: HTTPS}]';

  it('asks nothing of two objects of one kind, namespace and name: which one is reached is not known', async () => {
    const input = docs(destination('VirtualDestination', 'vd', two), destination('VirtualDestination', 'vd', '[{number: 80, protocol: HTTP}]'), table('{ref: {name: vd}, kind: VIRTUAL_DESTINATION, port: {number: 8080}}'));
    expect(await codes(input)).toEqual([]);
    // one of them alone is asked
    expect(await codes(docs(destination('VirtualDestination', 'vd', two), table('{ref: {name: vd}, kind: VIRTUAL_DESTINATION, port: {number: 8080}}')))).toEqual([
      ['GW3017', 'this destination targets port 8080 of VirtualDestination shop/vd, which provides ports 80, 443'],
    ]);
  });

  it('finds the object in the namespace the reference names, else the table\'s', async () => {
    const elsewhere = destination('ExternalService', 'api', '[{name: https, number: 443, protocol: HTTPS}]', 'partners');
    expect(await codes(docs(elsewhere, table('{ref: {name: api, namespace: partners}, kind: EXTERNAL_SERVICE, port: {number: 80}}')))).toEqual([
      ['GW3017', 'this destination targets port 80 of ExternalService partners/api, which provides port 443 (`https`) only'],
    ]);
    // the table's own namespace holds no `api`: not asked
    expect(await codes(docs(elsewhere, table('{ref: {name: api}, kind: EXTERNAL_SERVICE, port: {number: 80}}')))).toEqual([]);
  });

  it('an ExternalService port without a name is found by its number only', async () => {
    const unnamed = destination('ExternalService', 'api', '[{number: 443, protocol: HTTPS}, {name: plain, number: 80, protocol: HTTP}]');
    expect(await codes(docs(unnamed, table('{ref: {name: api}, kind: EXTERNAL_SERVICE, port: {number: 443}}')))).toEqual([]);
    expect(await codes(docs(unnamed, table('{ref: {name: api}, kind: EXTERNAL_SERVICE, port: {name: plain}}')))).toEqual([]);
    expect(await codes(docs(unnamed, table('{ref: {name: api}, kind: EXTERNAL_SERVICE, port: {name: https}}')))).toEqual([
      ['GW3017', 'this destination targets the port named `https` of ExternalService shop/api, which provides ports 443, 80 (`plain`)'],
    ]);
    expect(await codes(docs(unnamed, table('{ref: {name: api}, kind: EXTERNAL_SERVICE}')))).toEqual([
      ['GW3016', 'this destination names no port of ExternalService shop/api, which provides ports 443, 80 (`plain`): the API requires one where the destination provides more than one'],
    ]);
  });

  it('a VirtualDestination port\'s `name`, which its CRD does not define (GW2001), names nothing', async () => {
    const named = destination('VirtualDestination', 'vd', '[{name: https, number: 443, protocol: HTTPS}, {number: 80, protocol: HTTP}]');
    expect(await codes(docs(named, table('{ref: {name: vd}, kind: VIRTUAL_DESTINATION, port: {name: https}}')))).toEqual([
      ['GW3017', 'this destination targets the port named `https` of VirtualDestination shop/vd, which provides ports 443, 80 (a VirtualDestination\'s ports have no names)'],
    ]);
  });

  it('a VirtualDestination whose ports say no number (refused by its schema) is not asked', async () => {
    expect(await codes(docs(destination('VirtualDestination', 'vd', '[{protocol: HTTP}]'), table('{ref: {name: vd}, kind: VIRTUAL_DESTINATION}')))).toEqual([]);
    expect(await codes(docs(destination('VirtualDestination', 'vd', '[{protocol: HTTP}]'), table('{ref: {name: vd}, kind: VIRTUAL_DESTINATION, port: {number: 8080}}')))).toEqual([]);
    // nor an ExternalService of no ports at all (its CRD requires none)
    expect(await codes(docs(destination('ExternalService', 'api', '[]'), table('{ref: {name: api}, kind: EXTERNAL_SERVICE, port: {number: 443}}')))).toEqual([]);
  });

  it('one of another workspace not exported: GW6002 at the destination, the object named beside it', async () => {
    const workspace = (name: string) => `apiVersion: admin.gloo.solo.io/v2\nkind: Workspace\nmetadata: {name: ${name}, namespace: gloo-mesh}\nspec:\n  workloadClusters: [{name: c1, namespaces: [{name: ${name}}]}]\n`;
    const input = docs(workspace('shop'), workspace('pay'), destination('VirtualDestination', 'ledger', '[{number: 80, protocol: HTTP}]', 'pay'), table('{ref: {name: ledger, namespace: pay}, kind: VIRTUAL_DESTINATION}'));
    const { findings } = await analyzeText(input);
    const said = findings.filter((f) => f.code === 'GW6002');
    expect(said.map((f) => [f.message, f.line, f.related?.map((r) => r.message)])).toEqual([
      ['VirtualDestination pay/ledger is in workspace `pay`, which does not export it to workspace `shop`', 29, ['the VirtualDestination']],
    ]);
    // the object's name, in its own document
    expect(said[0]!.related![0]!.at).toMatchObject({ pointer: '/metadata/name' });
  });
});

describe('a VirtualDestination or ExternalService in a namespace no configuration is read from', () => {
  const workspace = (drafts: string) =>
    `apiVersion: admin.gloo.solo.io/v2\nkind: Workspace\nmetadata: {name: shop, namespace: gloo-mesh}\nspec:\n  workloadClusters:\n    - name: c1\n      namespaces:\n        - {name: shop, configEnabled: true}\n        - {name: drafts${drafts}}\n`;
  const vd = destination('VirtualDestination', 'vd', '[{number: 80, protocol: HTTP}]', 'drafts');
  const route = table('{ref: {name: vd, namespace: drafts}, kind: VIRTUAL_DESTINATION, port: {number: 80}}');
  const said = async (text: string) => (await analyzeText(text)).findings.filter((f) => ['GW6009', 'GW3018', 'GW6010'].includes(f.code)).map((f) => f.code);

  it('is said where it is (GW6009), and a route to it where it names it (GW3018)', async () => {
    expect(await said(docs(workspace(', configEnabled: false'), vd, route))).toEqual(['GW6009', 'GW3018']);
    // the route's finding points at the object and at what turns its namespace off
    const unread = (await analyzeText(docs(workspace(', configEnabled: false'), vd, route))).findings.find((f) => f.code === 'GW3018')!;
    expect(unread.related?.map((r) => r.message)).toEqual(['the VirtualDestination', 'configEnabled: false']);
  });

  it('is read where the namespace is: configEnabled true, or a false that turns nothing off beside an entry that leaves it unset (GW6010)', async () => {
    expect(await said(docs(workspace(', configEnabled: true'), vd, route))).toEqual([]);
    const unsetBeside = workspace(', configEnabled: false').replace('{name: shop, configEnabled: true}', '{name: shop}');
    expect(await said(docs(unsetBeside, vd, route))).toEqual(['GW6010']);
  });

  it('is said without a route to it, and a route to an object of a namespace read is served', async () => {
    expect(await said(docs(workspace(', configEnabled: false'), vd))).toEqual(['GW6009']);
    const read = destination('VirtualDestination', 'vd', '[{number: 80, protocol: HTTP}]', 'shop');
    expect(await said(docs(workspace(', configEnabled: false'), read, table('{ref: {name: vd}, kind: VIRTUAL_DESTINATION, port: {number: 80}}')))).toEqual([]);
  });
});

describe('the labels of the object a destination names, which a policy\'s destination selector of labels is compared with', () => {
  const labelled = `apiVersion: networking.gloo.solo.io/v2\nkind: VirtualDestination\nmetadata: {name: vd, namespace: shop, labels: {app: ledger}}\nspec:\n  hosts: [vd.global]\n  ports: [{number: 80, protocol: HTTP}]\n`;
  const labelsOf = async (destinationYaml: string) => {
    const gateway = `apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: gw, namespace: shop}\nspec:\n  listeners: [{port: {number: 80}, http: {}}]\n`;
    const served = table(destinationYaml).replace('  hosts: [shop.example.com]\n', '  hosts: [shop.example.com]\n  virtualGateways: [{name: gw}]\n');
    const { analysis } = await analyzeText(docs(gateway, labelled, served));
    const routes = analysis.model.listeners.flatMap((l) => l.hosts.flatMap((h) => h.routes));
    const d = routes[0]!.action.kind === 'forward' ? routes[0]!.action.destinations[0]! : undefined;
    return d?.kind === 'service' ? d.objectLabels : 'not a service';
  };

  it('are carried where the input holds the object, and not for a reference of a cluster (another cluster\'s object may differ)', async () => {
    expect(await labelsOf('{ref: {name: vd}, kind: VIRTUAL_DESTINATION, port: {number: 80}}')).toEqual({ app: 'ledger' });
    expect(await labelsOf('{ref: {name: vd, cluster: east}, kind: VIRTUAL_DESTINATION, port: {number: 80}}')).toBeUndefined();
    // a Service of that name is not the VirtualDestination
    expect(await labelsOf('{ref: {name: vd}, port: {number: 80}}')).toBeUndefined();
  });
});
