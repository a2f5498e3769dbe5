import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze';
import { withListenerSelection } from '../../src/model/listener-selection';
import type { ListenerNode, PolicyNode } from '../../src/model/types';
import type { Workspaces } from '../../src/model/workspaces';
import { analyzeText } from '../helpers/analyze-text';
import { docs, statusTableDoc, virtualGatewayDoc, workspaceDoc } from '../helpers/manifest-docs';
import { memoryHost } from '../helpers/memory-host';
import { runInProcess } from '../helpers/run-in-process';

// two gateways: edge (namespace gateways, labelled tier=edge, port 80) and internal (namespace shop, port 8080)
const gateways = docs(
  virtualGatewayDoc({ name: 'edge', namespace: 'gateways', port: 80, labels: '{tier: edge}' }),
  virtualGatewayDoc({ name: 'internal', namespace: 'shop', port: 8080 }),
  statusTableDoc({ name: 'shop', namespace: 'shop', host: 'shop.example.com', gateways: '[{name: edge, namespace: gateways}, {name: internal, namespace: shop}]' }),
);
// each namespace its own workspace, the gateways' serving a table of their own
const workspaces = docs(workspaceDoc('shop'), workspaceDoc('gateways'), statusTableDoc({ name: 'edge-status', namespace: 'gateways', host: 'edge.example.com', gateways: '[{name: edge}]' }));
const listenerPolicy = (name: string, listeners: string, ns = 'shop') => `---
apiVersion: resilience.policy.gloo.solo.io/v2
kind: ListenerConnectionPolicy
metadata: {name: ${name}, namespace: ${ns}}
spec:
  applyToListeners: ${listeners}
  config: {perConnectionBufferLimitBytes: 16384}
`;

async function reach(text: string) {
  const { analysis } = await analyzeText(text);
  return Object.fromEntries((analysis.model.policies ?? []).map((p) => [p.ref.name, { ...p.listenerReach, none: p.selectsNoRoute ?? false }]));
}

const appliesTo = async (text: string) => Object.fromEntries(((await analyzeText(text)).analysis.model.policies ?? []).map((p) => [p.ref.name, p.appliesTo]));

describe("a policy's applyToListeners, compared with the listeners the output serves (ListenerSelector: the VirtualGateway's name, namespace and labels, the port)", () => {
  it('selects by name, namespace, labels and port number; a listener of none of them is no selection', async () => {
    const got = await reach(
      gateways +
        listenerPolicy('by-name', '[{virtualGateway: {name: edge, namespace: gateways}}]') +
        listenerPolicy('by-labels', '[{virtualGateway: {labels: {tier: edge}, namespace: gateways}}]') +
        listenerPolicy('by-port', '[{port: {number: 8080}}]') +
        listenerPolicy('every', '[{}]') +
        listenerPolicy('other-port', '[{virtualGateway: {name: edge, namespace: gateways}, port: {number: 443}}]') +
        listenerPolicy('other-labels', '[{virtualGateway: {labels: {tier: internal}}}]') +
        listenerPolicy('other-namespace', '[{virtualGateway: {name: internal, namespace: gateways}}]') +
        listenerPolicy('two', '[{virtualGateway: {name: nowhere}}, {virtualGateway: {name: internal}, port: {number: 8080}}]'),
    );
    expect(got).toEqual({
      'by-name': { selects: ['gateways/edge:80'], may: [], none: false },
      'by-labels': { selects: ['gateways/edge:80'], may: [], none: false },
      // no namespace named, and no Workspace in the input: every gateway is of the policy's workspace
      'by-port': { selects: ['shop/internal:8080'], may: [], none: false },
      every: { selects: ['gateways/edge:80', 'shop/internal:8080'], may: [], none: false },
      'other-port': { selects: [], may: [], none: true },
      'other-labels': { selects: [], may: [], none: true },
      'other-namespace': { selects: [], may: [], none: true },
      // the best answer of any pick
      two: { selects: ['shop/internal:8080'], may: [], none: false },
    });
  });

  it('names the served listeners it selects, one or more, in what it applies to', async () => {
    expect(await appliesTo(gateways + listenerPolicy('one', '[{port: {number: 80}}]') + listenerPolicy('every', '[{}]') + listenerPolicy('unserved', '[{port: {number: 443}}]'))).toEqual({
      one: 'listener gateways/edge:80 and the others it selects',
      every: 'listeners gateways/edge:80, shop/internal:8080 and the others it selects',
      unserved: 'the listeners it selects',
    });
  });

  it('selects no default listener (the tables attached to no VirtualGateway), which no ListenerSelector names', async () => {
    const unattached = docs(statusTableDoc({ name: 'loose', namespace: 'shop', host: 'loose.example.com', gateways: '[]' })).replace('  virtualGateways: []\n', '');
    expect(await reach(unattached + listenerPolicy('every', '[{}]'))).toEqual({ every: { selects: [], may: [], none: true } });
  });

  it("may select what it asks of what gwctl does not compare: a cluster, a workspace, a port by name, a gateway of another workspace", async () => {
    const got = await reach(
      docs(workspaces, gateways) +
        listenerPolicy('cluster', '[{virtualGateway: {name: edge, namespace: gateways, cluster: east}}]') +
        listenerPolicy('workspace', '[{virtualGateway: {name: internal, workspace: shop}}]') +
        listenerPolicy('port-name', '[{virtualGateway: {name: internal}, port: {name: http}}]') +
        listenerPolicy('no-mapping', '[edge]') +
        // a port number written as a string, a name that is no string: read as what gwctl cannot compare
        listenerPolicy('port-text', "[{virtualGateway: {name: internal}, port: {number: '8080'}}]") +
        listenerPolicy('name-number', '[{virtualGateway: {name: 7, namespace: shop}}]') +
        listenerPolicy('label-number', '[{virtualGateway: {namespace: shop, labels: {tier: 1}}}]') +
        // no namespace: the shop's own gateway is selected; the edge (the gateways workspace's) may be, imported
        listenerPolicy('own-workspace', '[{}]') +
        // a policy of a namespace no Workspace owns is no policy Gloo reads: what it selects is undecided,
        // even a gateway of a namespace no Workspace owns either
        '---\n' +
        virtualGatewayDoc({ name: 'outer', namespace: 'outside', port: 9090 }) +
        '---\n' +
        statusTableDoc({ name: 'outer', namespace: 'outside', host: 'outer.example.com', gateways: '[{name: outer}]' }) +
        listenerPolicy('unowned', '[{virtualGateway: {name: outer}}]', 'nowhere') +
        // still no selection where a name, namespace, label or port rules it out
        listenerPolicy('ruled-out', '[{virtualGateway: {name: edge, namespace: gateways, cluster: east}, port: {number: 8443}}]'),
    );
    expect(got).toEqual({
      cluster: { selects: [], may: ['gateways/edge:80'], none: false },
      workspace: { selects: [], may: ['shop/internal:8080'], none: false },
      'port-name': { selects: [], may: ['shop/internal:8080'], none: false },
      'no-mapping': { selects: [], may: ['gateways/edge:80', 'outside/outer:9090', 'shop/internal:8080'], none: false },
      'port-text': { selects: [], may: ['shop/internal:8080'], none: false },
      'name-number': { selects: [], may: ['shop/internal:8080'], none: false },
      'label-number': { selects: [], may: ['shop/internal:8080'], none: false },
      'own-workspace': { selects: ['shop/internal:8080'], may: ['gateways/edge:80', 'outside/outer:9090'], none: false },
      unowned: { selects: [], may: ['outside/outer:9090'], none: false },
      'ruled-out': { selects: [], may: [], none: true },
    });
  });

  it('is read only where the listeners are all a policy selects by', async () => {
    const both = `---
apiVersion: resilience.policy.gloo.solo.io/v2
kind: ListenerConnectionPolicy
metadata: {name: both, namespace: shop}
spec:
  applyToListeners: [{virtualGateway: {name: nowhere}}]
  applyToWorkloads: [{selector: {labels: {app: orders}}}]
`;
    const { analysis } = await analyzeText(gateways + both);
    const [policy] = analysis.model.policies ?? [];
    expect(policy!.listenerSelection).toBeUndefined();
    expect(policy!.selectsNoRoute).toBeUndefined();
  });

  it('names the served listeners it selects in GW7016, leaves nothing behind where it selects none, and answers routes --request per listener', async () => {
    const text = gateways + listenerPolicy('edge-only', '[{virtualGateway: {name: edge, namespace: gateways}}]') + listenerPolicy('elsewhere', '[{virtualGateway: {name: edge, namespace: gateways}, port: {number: 443}}]');
    const rendered = await runInProcess(['render', '-t', 'envoy', '-', '-o', '/dev/null', '--findings-format', 'json', '-q'], { input: text });
    const said = JSON.parse(rendered.stderr).diagnostics.filter((f: { code: string }) => f.code === 'GW7016').map((f: { message: string }) => f.message);
    expect(said).toEqual(['ListenerConnectionPolicy shop/edge-only is not rendered for Envoy: listener gateways/edge:80 and the others it selects are served by this output without it']);
    const policiesAt = async (authority: string) => {
      const answer = await runInProcess(['routes', '-', '-q', '--format', 'json', '--request', `GET http://${authority}/status`], { input: text });
      return JSON.parse(answer.stdout).answers.map((a: { listener: string; policies?: Array<{ name: string; selection: string }> }) => [a.listener, (a.policies ?? []).map((p) => `${p.name} ${p.selection}`)]);
    };
    expect(await policiesAt('shop.example.com')).toEqual([['gateways/edge:80', ['edge-only selects']]]);
    expect(await policiesAt('shop.example.com:8080')).toEqual([['shop/internal:8080', []]]);
    // one that may select a listener is listed under its routes as undecided
    const maybe = text + listenerPolicy('east', '[{virtualGateway: {name: internal, cluster: east}}]');
    const answer = await runInProcess(['routes', '-', '-q', '--format', 'json', '--request', 'GET http://shop.example.com:8080/status'], { input: maybe });
    expect(JSON.parse(answer.stdout).answers[0].policies.map((p: { name: string; selection: string }) => `${p.name} ${p.selection}`)).toEqual(['east undecided']);
  });

  it('decides nothing where the listeners stopped before serving every route (GW4044)', async () => {
    const input = gateways + listenerPolicy('nowhere', '[{virtualGateway: {name: nowhere}}]');
    const run = async (maxRoutes?: number) => (await analyze(memoryHost({ 'in.yaml': input }), { paths: ['in.yaml'], stdinName: '<stdin>', ...(maxRoutes !== undefined ? { maxRoutes } : {}) })).model.policies![0]!;
    expect((await run()).selectsNoRoute).toBe(true);
    const stopped = await run(0);
    expect(stopped.selectsNoRoute).toBeUndefined();
  });

  it('decides within a budget of listener and pick tests: past it a policy stays undecided, as before', () => {
    const anchor = {} as PolicyNode['source'];
    const policy = (name: string, picks = 1): PolicyNode => ({ ref: { kind: 'ListenerConnectionPolicy', namespace: 'shop', name }, security: false, appliesTo: 'the listeners it selects', listenerSelection: { selectors: Array.from({ length: picks }, () => ({ labels: {}, open: false })), source: anchor }, source: anchor });
    const listener = (port: number) => ({ gateway: { kind: 'VirtualGateway', namespace: 'shop', name: 'gw' }, name: `shop/gw:${port}`, port, protocol: 'http', httpsRedirect: false, hosts: [] }) as ListenerNode;
    // two listeners: the first policy's one pick costs 2 of the 5, the second's two picks 4
    const decided = withListenerSelection([policy('first'), policy('second', 2)], new Map(), [listener(80), listener(8080)], { enabled: false } as Workspaces, true, 5);
    expect(decided.map((p) => [p.ref.name, p.listenerReach?.selects ?? null])).toEqual([
      ['first', ['shop/gw:80', 'shop/gw:8080']],
      ['second', null],
    ]);
    expect(decided[1]!.selectsNoRoute).toBeUndefined();
  });
});
