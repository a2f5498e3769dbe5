import { describe, expect, it } from 'vitest';
import { withGatewayWorkloads } from '../../src/model/gateway-workloads';
import type { ListenerNode, PolicyNode } from '../../src/model/types';
import type { Workspaces } from '../../src/model/workspaces';
import { analyzeText } from '../helpers/analyze-text';
import { statusTableDoc } from '../helpers/manifest-docs';
import { runInProcess } from '../helpers/run-in-process';

// a gateway whose proxies its VirtualGateway selects as `workloads` says (undefined: none written)
const gateway = (workloads?: string, ns = 'istio-gateways') => `---
apiVersion: networking.gloo.solo.io/v2
kind: VirtualGateway
metadata: {name: gw, namespace: ${ns}}
spec:${workloads === undefined ? '' : `\n  workloads: ${workloads}`}
  listeners: [{port: {number: 80}, http: {}}]
---
${statusTableDoc({ name: 'api', namespace: ns, host: 'api.example.com', gateways: '[{name: gw}]' })}`;
const access = (workloads: string, ns = 'istio-gateways', kind = 'AccessPolicy', group = 'security') => `---
apiVersion: ${group}.policy.gloo.solo.io/v2
kind: ${kind}
metadata: {name: p, namespace: ${ns}}
spec:
  applyToWorkloads: ${workloads}
  config: {}
`;
const workspace = (name: string, ns: string) => `---
apiVersion: admin.gloo.solo.io/v2
kind: Workspace
metadata: {name: ${name}, namespace: gloo-mesh}
spec:
  workloadClusters: [{name: '*', namespaces: [{name: ${ns}}]}]
`;

const ingress = "[{selector: {labels: {istio: ingressgateway, app: gw}, namespace: istio-gateways, cluster: c1}}]";

/** whether the policy is said to be enforced at the gateway, and what it applies to */
async function atGateway(text: string): Promise<[boolean, string]> {
  const { analysis } = await analyzeText(text);
  const [p] = analysis.model.policies ?? [];
  return [p!.security, p!.appliesTo];
}

describe("a security policy's applyToWorkloads that selects a served gateway's proxies is the gateway's (GW7017)", () => {
  it('selects them when it asks only labels the gateway selects them by, in its namespace and cluster', async () => {
    expect(await atGateway(gateway(ingress) + access('[{selector: {labels: {istio: ingressgateway}}}]'))).toEqual([true, 'the proxies of VirtualGateway istio-gateways/gw and the other workloads it selects']);
    expect((await atGateway(gateway(ingress) + access('[{selector: {labels: {istio: ingressgateway, app: gw}, namespace: istio-gateways, cluster: c1}}]')))[0]).toBe(true);
    // any of its selectors
    expect((await atGateway(gateway(ingress) + access('[{selector: {labels: {app: orders}}}, {selector: {labels: {app: gw}}}]')))[0]).toBe(true);
    // an empty selector selects every workload, the gateway's too
    expect((await atGateway(gateway(ingress) + access('[{}]')))[0]).toBe(true);
    expect((await atGateway(gateway(ingress) + access('[{selector: {}}]')))[0]).toBe(true);
  });

  it("an AccessPolicy's applyToDestinations is ignored beside its applyToWorkloads (access_policy.proto)", async () => {
    const both = access('[{selector: {labels: {istio: ingressgateway}}}]').replace('  applyToWorkloads:', '  applyToDestinations: [{selector: {name: orders}}]\n  applyToWorkloads:');
    expect(await atGateway(gateway(ingress) + both)).toEqual([true, 'the proxies of VirtualGateway istio-gateways/gw and the other workloads it selects']);
    // another kind's destinations come first: enforced at them
    const other = both.replace('kind: AccessPolicy', 'kind: ExtAuthPolicy');
    expect(await atGateway(gateway(ingress) + other)).toEqual([false, 'the destinations it selects']);
  });

  it('names every served gateway whose proxies it selects', async () => {
    const second = gateway(ingress, 'edge').replace('api.example.com', 'edge.example.com').replace('namespace: istio-gateways, cluster: c1', 'namespace: edge, cluster: c1');
    const { analysis } = await analyzeText(gateway(ingress) + second + access('[{selector: {labels: {istio: ingressgateway}}}]'));
    expect(analysis.model.policies![0]!.gatewayProxies).toEqual(['edge/gw', 'istio-gateways/gw']);
    expect(analysis.model.policies![0]!.appliesTo).toBe('the proxies of VirtualGateways edge/gw, istio-gateways/gw and the other workloads it selects');
  });

  it('not where it asks what the gateway does not select by, or elsewhere, or what gwctl does not compare', async () => {
    for (const workloads of [
      '[{selector: {labels: {istio: ingressgateway, version: v2}}}]',
      '[{selector: {labels: {istio: egressgateway}}}]',
      '[{selector: {labels: {istio: ingressgateway}, namespace: orders}}]',
      '[{selector: {labels: {istio: ingressgateway}, cluster: c2}}]',
      '[{selector: {labels: {istio: ingressgateway}, workspace: ops}}]',
      '[{kind: VM, selector: {labels: {istio: ingressgateway}}}]',
      // a namespace, cluster or labels gwctl cannot read widen nothing: read as absent, each would select the gateway's proxies
      '[{selector: {labels: {istio: ingressgateway}, namespace: 7}}]',
      '[{selector: {labels: {istio: ingressgateway}, cluster: [c1]}}]',
      '[{selector: {labels: {istio: ingressgateway, version: 2}}}]',
      '[{selector: {labels: istio}}]',
    ]) {
      expect(await atGateway(gateway(ingress) + access(workloads)), workloads).toEqual([false, 'the workloads it selects']);
    }
  });

  it("reads the gateway's workloads as the CRD defines them: none written is every gateway proxy, a VM or nil selector none", async () => {
    // any gateway proxy: only a pick of nothing selects it for certain
    expect((await atGateway(gateway() + access('[{selector: {}}]')))[0]).toBe(true);
    expect((await atGateway(gateway() + access('[{selector: {labels: {istio: ingressgateway}}}]')))[0]).toBe(false);
    expect((await atGateway(gateway() + access('[{selector: {namespace: istio-gateways}}]')))[0]).toBe(false);
    // an empty list is none written (protobuf's repeated field): every gateway proxy
    expect((await atGateway(gateway('[]') + access('[{selector: {}}]')))[0]).toBe(true);
    // a selector of VMs, or a nil one, selects no proxy of the gateway
    expect((await atGateway(gateway('[{kind: VM, selector: {labels: {istio: ingressgateway}}}]') + access('[{selector: {labels: {istio: ingressgateway}}}]')))[0]).toBe(false);
    expect((await atGateway(gateway('[{selector: null}]') + access('[{selector: {}}]')))[0]).toBe(false);
  });

  it("only of the policy's own workspace, and only of a security policy, and only of a gateway that serves", async () => {
    const pick = '[{selector: {labels: {istio: ingressgateway}}}]';
    expect((await atGateway(workspace('gw', 'istio-gateways') + workspace('team', 'orders') + gateway(ingress) + access(pick, 'orders')))[0]).toBe(false);
    expect((await atGateway(workspace('gw', 'istio-gateways') + gateway(ingress) + access(pick)))[0]).toBe(true);
    // nor of a namespace no workspace owns (no policy Gloo reads), where the proxies' namespace is owned by none either
    const elsewhere = gateway("[{selector: {labels: {istio: ingressgateway}, namespace: istio-system}}]");
    expect((await atGateway(workspace('gw', 'istio-gateways') + elsewhere + access(pick, 'nowhere')))[0]).toBe(false);
    expect((await atGateway(workspace('gw', 'istio-gateways') + workspace('sys', 'istio-system') + elsewhere + access(pick, 'istio-system')))[0]).toBe(true);
    // a policy of another group is no security policy, wherever it applies
    expect((await atGateway(gateway(ingress) + access(pick, 'istio-gateways', 'WasmDeploymentPolicy', 'extensions')))[0]).toBe(false);
    // a gateway that serves no listener (its tables elsewhere) is not the output's
    const idle = gateway(ingress).replace('virtualGateways: [{name: gw}]', 'virtualGateways: [{name: other}]');
    expect((await atGateway(idle + access(pick)))[0]).toBe(false);
  });

  it('selects every route that gateway serves in routes --request, in words and in JSON', async () => {
    const args = ['routes', 'fixtures/render/gateway-access-policy.yaml', '-q', '--format', 'json', '--request', 'GET http://api.example.com/orders/7'];
    const [answer] = JSON.parse((await runInProcess(args)).stdout).answers;
    expect(answer.policies.map((p: { name: string; selection: string }) => `${p.name} ${p.selection}`)).toEqual(['office-ips-only selects', 'orders-callers undecided']);
  });

  it("selects the routes of the gateway whose proxies it selects, and may select another gateway's", async () => {
    const eastWest = gateway("[{selector: {labels: {istio: eastwestgateway}, namespace: istio-gateways}}]", 'mesh').replace('api.example.com', 'mesh.example.com').replace('number: 80', 'number: 15443');
    const text = gateway(ingress) + eastWest + access('[{selector: {labels: {istio: ingressgateway}}}]');
    const selection = async (url: string) => {
      const result = await runInProcess(['routes', '-', '-q', '--format', 'json', '--request', `GET ${url}`], { input: text });
      return JSON.parse(result.stdout).answers[0].policies.map((p: { selection: string }) => p.selection);
    };
    expect(await selection('http://api.example.com/status')).toEqual(['selects']);
    expect(await selection('http://mesh.example.com:15443/status')).toEqual(['undecided']);
  });

  it('decides within a budget of gateway and pick tests: past it a policy stays one of the workloads (GW7016), as before', () => {
    const anchor = {} as PolicyNode['source'];
    const policy = (name: string): PolicyNode => ({ ref: { kind: 'AccessPolicy', namespace: 'gw', name }, security: false, appliesTo: 'the workloads it selects', workloadSelection: { selectors: [{ labels: {}, open: false }], source: anchor }, source: anchor });
    const listener = { gateway: { kind: 'VirtualGateway', namespace: 'gw', name: 'gw' }, name: 'gw/gw:80', port: 80, protocol: 'http', httpsRedirect: false, hosts: [] } as ListenerNode;
    const gateways = new Map([['gw/gw', { namespace: 'gw', selectors: null }]]);
    const decided = withGatewayWorkloads([policy('first'), policy('second')], gateways, [listener], { enabled: false } as Workspaces, 1);
    expect(decided.map((p) => [p.ref.name, p.security, p.gatewayProxies ?? null])).toEqual([
      ['first', true, ['gw/gw']],
      ['second', false, null],
    ]);
  });
});
