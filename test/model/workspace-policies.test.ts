import { describe, expect, it } from 'vitest';
import { requestTimeouts } from '../../src/model/request-timeouts';
import { analyzeText } from '../helpers/analyze-text';
import { workspaceDoc } from '../helpers/manifest-docs';

// two workspaces, each with its gateway and table; `nowhere` is owned by none
const workspace = (name: string) => `---\n${workspaceDoc(name)}`;
const gateway = (ns: string, port: number) => `---
apiVersion: networking.gloo.solo.io/v2
kind: VirtualGateway
metadata: {name: gw, namespace: ${ns}}
spec:
  listeners: [{port: {number: ${port}}, http: {}}]
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: routes, namespace: ${ns}}
spec:
  hosts: [${ns}.example.com]
  virtualGateways: [{name: gw}]
  http:
    - name: ${ns}-status
      matchers: [{uri: {prefix: /status}}]
      directResponse: {status: 200}
`;
const everyRoute = (name: string, ns: string, timeout: string, spec = '') => `---
apiVersion: resilience.policy.gloo.solo.io/v2
kind: RetryTimeoutPolicy
metadata: {name: ${name}, namespace: ${ns}}
spec:${spec}
  config: {requestTimeout: ${timeout}}
`;

async function timeouts(text: string) {
  const { analysis, findings } = await analyzeText(text);
  const routes = analysis.model.listeners.flatMap((l) => l.hosts.flatMap((h) => h.routes));
  const timeoutOf = requestTimeouts(analysis.model.policies ?? []);
  return { byRoute: Object.fromEntries(routes.map((r) => [r.name, timeoutOf(r)?.seconds])), findings: findings.map((f) => `${f.code}@${f.line}`), policies: analysis.model.policies ?? [] };
}

describe('a policy with no selector: every route of its workspace ("If empty, the policy applies to all routes in the workspace")', () => {
  it("gives the routes of its own workspace its timeout, and no other workspace's", async () => {
    const text = [workspace('shop'), workspace('ops'), gateway('shop', 80), gateway('ops', 8080), everyRoute('shop-wide', 'shop', '2m')].join('');
    const { byRoute, findings } = await timeouts(text);
    expect(byRoute).toEqual({ 'shop-status': 120, 'ops-status': undefined });
    expect(findings.filter((f) => f.startsWith('GW4047'))).toEqual([]);
    // `applyToRoutes: []` is empty too
    expect((await timeouts(text.replace('spec:\n  config', 'spec:\n  applyToRoutes: []\n  config'))).byRoute).toEqual({ 'shop-status': 120, 'ops-status': undefined });
  });

  it('selects every route where the input has no Workspace: everything is one workspace', async () => {
    const { byRoute } = await timeouts([gateway('shop', 80), gateway('ops', 8080), everyRoute('all', 'shop', '45s')].join(''));
    expect(byRoute).toEqual({ 'shop-status': 45, 'ops-status': 45 });
  });

  it("leaves undecided a policy whose namespace no workspace owns: it is no policy Gloo reads, and its timeout is not written", async () => {
    const { byRoute, policies } = await timeouts([workspace('shop'), gateway('shop', 80), everyRoute('stray', 'nowhere', '2m')].join(''));
    expect(byRoute).toEqual({ 'shop-status': undefined });
    expect(policies[0]!.routeSelection).toBeUndefined();
    // nor one of a namespace whose owner reads no configuration from it (configEnabled: false): Gloo
    // ignores it, and the model leaves it out (GW6009, build-model.ts withoutUnreadPolicies)
    const off = workspace('ops').replace("namespaces: [{name: ops}]", "namespaces: [{name: ops, configEnabled: false}]");
    expect(off).not.toBe(workspace('ops'));
    const quiet = await timeouts([workspace('shop'), off, gateway('shop', 80), everyRoute('unread', 'ops', '2m')].join(''));
    expect(quiet.byRoute).toEqual({ 'shop-status': undefined });
    expect(quiet.policies).toEqual([]);
    // and one whose applyToRoutes holds entries that are no mappings selects what gwctl does not read: not every route
    const odd = await timeouts([workspace('shop'), gateway('shop', 80), everyRoute('odd', 'shop', '2m', '\n  applyToRoutes: [route]')].join(''));
    expect(odd.policies[0]!.workspaceWide).toBeUndefined();
    expect(odd.byRoute).toEqual({ 'shop-status': undefined });
  });

  it("is read by kind: a JWTPolicy's too (jwt_policy.proto); an ExtAuthPolicy with no selector applies to no route (ext_auth_policy.proto), left undecided", async () => {
    const extAuth = '---\napiVersion: security.policy.gloo.solo.io/v2\nkind: ExtAuthPolicy\nmetadata: {name: auth, namespace: shop}\nspec:\n  config: {glooAuth: {configs: []}}\n';
    const jwt = '---\napiVersion: security.policy.gloo.solo.io/v2\nkind: JWTPolicy\nmetadata: {name: jwt, namespace: shop}\nspec:\n  config: {providers: {}}\n';
    const { policies } = await timeouts([workspace('shop'), gateway('shop', 80), extAuth, jwt].join(''));
    expect(policies.map((p) => [p.ref.kind, p.appliesTo, p.workspaceWide !== undefined, p.routeSelection?.selectors])).toEqual([
      ['ExtAuthPolicy', 'the destinations of its workspace', false, undefined],
      ['JWTPolicy', 'the routes of its workspace', true, [{ labels: {}, workspace: 'shop' }]],
    ]);
  });

  it('is read by kind, as each proto words its empty selection: every route, every destination, or left undecided', async () => {
    const kindOf = (kind: string, group: string, spec = '  config: {}\n') => `---\napiVersion: ${group}.policy.gloo.solo.io/v2\nkind: ${kind}\nmetadata: {name: ${kind.toLowerCase()}, namespace: shop}\nspec:\n${spec}`;
    const kinds = [
      ['FaultInjectionPolicy', 'resilience'], ['WAFPolicy', 'security'], ['CORSPolicy', 'security'], ['DLPPolicy', 'security'],
      ['TransformationPolicy', 'trafficcontrol'], ['HeaderManipulationPolicy', 'trafficcontrol'],
      ['RateLimitPolicy', 'trafficcontrol'], ['AccessPolicy', 'security'],
      ['CSRFPolicy', 'security'], ['MirrorPolicy', 'trafficcontrol'], ['HTTPBufferPolicy', 'trafficcontrol'],
    ] as const;
    const { policies } = await timeouts([workspace('shop'), gateway('shop', 80), ...kinds.map(([kind, group]) => kindOf(kind, group))].join(''));
    const selects = [{ labels: {}, workspace: 'shop' }];
    expect(policies.map((p) => [p.ref.kind, p.appliesTo, p.routeSelection?.selectors])).toEqual([
      ['FaultInjectionPolicy', 'the routes of its workspace', selects],
      ['WAFPolicy', 'the routes of its workspace', selects],
      ['CORSPolicy', 'the routes of its workspace', selects],
      ['DLPPolicy', 'the routes of its workspace', selects],
      ['TransformationPolicy', 'the routes of its workspace', selects],
      ['HeaderManipulationPolicy', 'the routes of its workspace', selects],
      // "If empty, no rate limits are applied on routes", "applies to all destinations in the workspace"
      ['RateLimitPolicy', 'the destinations of its workspace', undefined],
      // "will apply to all ports on all destinations in the workspace"
      ['AccessPolicy', 'the destinations of its workspace', undefined],
      // "If empty, the policy applies to all routes in the workspace" (the 2.14 CRDs; the latest protos
      // say "all workloads" of the same selector of routes)
      ['CSRFPolicy', 'the routes of its workspace', selects],
      ['MirrorPolicy', 'the routes of its workspace', selects],
      // nothing said, by the proto or the 2.14 CRD: as before, undecided
      ['HTTPBufferPolicy', 'the routes of its workspace', undefined],
    ]);
    // a selector other than applyToRoutes is no empty selection: a HeaderManipulationPolicy's
    // applyToRouteDestinations, or a field of a later API gwctl does not know
    const selected = await timeouts([
      workspace('shop'), gateway('shop', 80),
      kindOf('HeaderManipulationPolicy', 'trafficcontrol', '  applyToRouteDestinations: [{selector: {name: orders}}]\n  config: {}\n'),
      kindOf('WAFPolicy', 'security', '  applyToGateways: [{selector: {name: gw}}]\n  config: {}\n'),
    ].join(''));
    expect(selected.policies.map((p) => [p.ref.kind, p.appliesTo, p.workspaceWide !== undefined, p.routeSelection])).toEqual([
      ['HeaderManipulationPolicy', 'routes to the destinations it selects', false, undefined],
      ['WAFPolicy', 'the objects it selects', false, undefined],
    ]);
  });

  it("is read by kind for every kind of the 2.14 chart's policy groups the protos decide: destinations, workloads, listeners, or nothing an output serves", async () => {
    const kindOf = (kind: string, group: string, spec = '  config: {}\n') => `---\napiVersion: ${group}.policy.gloo.solo.io/v2\nkind: ${kind}\nmetadata: {name: ${kind.toLowerCase()}, namespace: shop}\nspec:\n${spec}`;
    const byGraphqlLabel = '  applyToRoutes: [{route: {labels: {}}}]\n  config: {}\n';
    const kinds = [
      ['LuaPolicy', 'extensions'], ['OutlierDetectionPolicy', 'resilience'], ['LoadBalancerPolicy', 'trafficcontrol'], ['ConnectionPolicy', 'resilience'],
      ['AdaptiveRequestConcurrencyPolicy', 'resilience'], ['FailoverPolicy', 'resilience'], ['ClientTLSPolicy', 'security'],
      ['AccessLogPolicy', 'observability'], ['WasmDeploymentPolicy', 'extensions'], ['TrimProxyConfigPolicy', 'resilience'],
      ['ListenerConnectionPolicy', 'resilience'], ['ProxyProtocolPolicy', 'trafficcontrol'], ['ActiveHealthCheckPolicy', 'resilience'],
      ['GraphQLAllowedQueryPolicy', 'security', byGraphqlLabel], ['GraphQLPersistedQueryCachePolicy', 'resilience', byGraphqlLabel], ['RateLimitClientConfig', 'trafficcontrol', '  raw: {}\n'],
    ] as const;
    const { policies } = await timeouts([workspace('shop'), gateway('shop', 80), ...kinds.map(([kind, group, spec]) => kindOf(kind, group, spec))].join(''));
    expect(policies.map((p) => [p.ref.kind, p.appliesTo, p.security, Boolean(p.routeSelection), p.atDestinations ?? false, p.destinationKinds ?? null, p.selectsNoRoute ?? false])).toEqual([
      // "If omitted and the policy also does not select any destinations, the policy applies to all routes in the workspace"
      ['LuaPolicy', 'the routes of its workspace', false, true, false, null, false],
      // "all destinations in the workspace"; an OutlierDetectionPolicy "virtual destinations or external
      // services. Selecting Kubernetes services is not supported" (the 2.14 CRD)
      ['OutlierDetectionPolicy', 'the destinations of its workspace', false, false, true, ['VIRTUAL_DESTINATION', 'EXTERNAL_SERVICE'], true],
      ['LoadBalancerPolicy', 'the destinations of its workspace', false, false, true, null, true],
      ['ConnectionPolicy', 'the destinations of its workspace', false, false, true, null, true],
      // "external services are not supported"
      ['AdaptiveRequestConcurrencyPolicy', 'the destinations of its workspace', false, false, true, ['SERVICE', 'VIRTUAL_DESTINATION'], true],
      // "all destinations in the workspace" (the 2.14 CRD), "Kubernetes services or virtual destinations"
      ['FailoverPolicy', 'the destinations of its workspace', false, false, true, ['SERVICE', 'VIRTUAL_DESTINATION'], true],
      // destinations only, the empty selection unsaid: no security policy of the gateway's routes
      ['ClientTLSPolicy', 'the destinations it selects', false, false, true, null, true],
      ['AccessLogPolicy', 'the workloads of its workspace', false, false, false, null, false],
      ['WasmDeploymentPolicy', 'the workloads of its workspace', false, false, false, null, false],
      ['TrimProxyConfigPolicy', 'the workloads of its workspace', false, false, false, null, false],
      ['ListenerConnectionPolicy', 'the listeners it selects', false, false, false, null, false],
      ['ProxyProtocolPolicy', 'the listeners it selects', false, false, false, null, false],
      // "If empty, no healthchecks are performed"
      ['ActiveHealthCheckPolicy', 'no destination', false, false, false, null, true],
      // graphql routes only, whatever the labels: every output answers one 500
      ['GraphQLAllowedQueryPolicy', 'graphql routes, which every output answers 500', false, false, false, null, true],
      ['GraphQLPersistedQueryCachePolicy', 'graphql routes, which every output answers 500', false, false, false, null, true],
      ['RateLimitClientConfig', 'nothing of its own: the RateLimitPolicies that name it apply its rules', false, false, false, null, true],
    ]);
    // a FailoverPolicy's applyToDestinations is of Services and virtual destinations too; a LuaPolicy's of Services
    const selecting = await timeouts([
      workspace('shop'), gateway('shop', 80),
      kindOf('FailoverPolicy', 'resilience', '  applyToDestinations: [{kind: VIRTUAL_DESTINATION, selector: {name: orders}}]\n  config: {}\n'),
      kindOf('LuaPolicy', 'extensions', '  applyToDestinations: [{selector: {name: orders}}]\n  config: {}\n'),
    ].join(''));
    expect(selecting.policies.map((p) => [p.ref.kind, p.appliesTo, p.destinationKinds])).toEqual([
      ['FailoverPolicy', 'the destinations it selects', ['SERVICE', 'VIRTUAL_DESTINATION']],
      ['LuaPolicy', 'the destinations it selects', ['SERVICE']],
    ]);
    // the security kinds of destinations: an ExtAuthPolicy's and a JWTPolicy's "Only Kubernetes services",
    // an AccessPolicy's "virtual destinations are not supported" (the 2.14 CRD); a RateLimitPolicy any
    const security = await timeouts([
      workspace('shop'), gateway('shop', 80),
      kindOf('ExtAuthPolicy', 'security'),
      kindOf('JWTPolicy', 'security', '  applyToDestinations: [{selector: {name: orders}}]\n  config: {}\n'),
      kindOf('AccessPolicy', 'security'),
      kindOf('RateLimitPolicy', 'trafficcontrol'),
    ].join(''));
    expect(security.policies.map((p) => [p.ref.kind, p.destinationKinds ?? null])).toEqual([
      ['ExtAuthPolicy', ['SERVICE']],
      ['JWTPolicy', ['SERVICE']],
      ['AccessPolicy', ['SERVICE', 'EXTERNAL_SERVICE']],
      ['RateLimitPolicy', null],
    ]);
  });

  it('is no selection of every route where its route selector writes what gwctl cannot read (a label value that is no string)', async () => {
    // `tier: 1` is an integer to YAML: the CRD's schema refuses it, and read as absent it selected every route
    for (const route of ['{labels: {tier: 1}}', '{labels: {tier: gold}, namespace: 7}', '{labels: tier}']) {
      const { byRoute, policies } = await timeouts([gateway('shop', 80), everyRoute('odd', 'shop', '10m', `\n  applyToRoutes: [{route: ${route}}]`)].join(''));
      expect(byRoute, route).toEqual({ 'shop-status': undefined });
      expect(policies[0]!.routeSelection, route).toBeUndefined();
    }
    const { policies } = await timeouts([gateway('shop', 80), everyRoute('odd', 'shop', '10m', '\n  applyToRoutes: [{route: {labels: {tier: 1}}}]')].join(''));
    expect(policies[0]!.appliesTo).toBe('routes labelled tier=1');
  });

  it('is GW4047 where its workspace serves no route, said at its spec', async () => {
    const text = [workspace('shop'), workspace('quiet'), gateway('shop', 80), everyRoute('idle', 'quiet', '2m')].join('');
    const { byRoute, findings, policies } = await timeouts(text);
    expect(byRoute).toEqual({ 'shop-status': undefined });
    const specLine = text.split('\n').findIndex((l, i, all) => l === 'spec:' && all[i - 1]!.includes('name: idle')) + 1;
    expect(findings).toContain(`GW4047@${specLine}`);
    expect(policies[0]!.selectsNoRoute).toBe(true);
  });

  it('two in one workspace overlap on each of its routes (GW4056); one selecting by label is unchanged', async () => {
    const labelled = '\n  applyToRoutes: [{route: {labels: {team: none}}}]';
    const { findings } = await timeouts([workspace('shop'), gateway('shop', 80), everyRoute('one', 'shop', '1m'), everyRoute('two', 'shop', '2m'), everyRoute('labelled', 'shop', '3m', labelled)].join(''));
    expect(findings.filter((f) => /GW4056|GW4047/.test(f)).map((f) => f.split('@')[0])).toEqual(['GW4056', 'GW4047']);
  });
});
