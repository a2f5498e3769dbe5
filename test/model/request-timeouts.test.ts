import { describe, expect, it } from 'vitest';
import { selectsRoute } from '../../src/model/policy-selection';
import { isTimeoutPolicy, requestTimeouts, servingTimeoutPolicies } from '../../src/model/request-timeouts';
import { analyzeText } from '../helpers/analyze-text';

// a table labelled tier=gold, in namespace shop, delegating to one labelled team=a; routes with their own labels
const tables = `apiVersion: networking.gloo.solo.io/v2
kind: VirtualGateway
metadata: {name: gw, namespace: shop}
spec:
  listeners: [{port: {number: 80}, http: {}}]
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: parent, namespace: shop, labels: {tier: gold}}
spec:
  hosts: [shop.example.com]
  virtualGateways: [{name: gw}]
  http:
    - name: to-child
      labels: {kind: delegated}
      matchers: [{uri: {prefix: /a}}]
      delegate: {routeTables: [{name: child}]}
    - name: own
      labels: {speed: slow}
      matchers: [{uri: {prefix: /own}}]
      directResponse: {status: 200}
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: child, namespace: shop, labels: {team: a}}
spec:
  http:
    - name: inner
      labels: {speed: fast}
      matchers: [{uri: {prefix: /a/inner}}]
      directResponse: {status: 200}
`;
const policy = (name: string, timeout: string, route: string) => `---
apiVersion: resilience.policy.gloo.solo.io/v2
kind: RetryTimeoutPolicy
metadata: {name: ${name}, namespace: shop}
spec:
  applyToRoutes:
    - route: ${route}
  config: {requestTimeout: ${timeout}}
`;

describe('the request timeout of each route: by the labels its selectors need, as selectsRoute reads them', () => {
  it('matches selectsRoute on every route: a table\'s label, a delegating route\'s, two labels, none, a namespace alone', async () => {
    const text = [
      tables,
      policy('gold', '10s', '{labels: {tier: gold}}'),
      policy('team-fast', '20s', '{labels: {team: a, speed: fast}}'),
      policy('delegated', '30s', '{labels: {kind: delegated}}'),
      policy('everything', '5s', '{}'),
      policy('in-shop', '40s', '{namespace: shop}'),
      policy('other', '90s', '{labels: {speed: other}}'),
      // its first label is on every route (the index offers it to each), its second on \`own\` alone
      policy('gold-and-slow', '99s', '{labels: {tier: gold, speed: slow}}'),
      // as long as gold's, and later in the input: of two as long, the first is named
      policy('slow-too', '10s', '{labels: {speed: slow}}'),
    ].join('');
    const { analysis } = await analyzeText(text);
    const routes = analysis.model.listeners.flatMap((l) => l.hosts.flatMap((h) => h.routes));
    const policies = analysis.model.policies ?? [];
    const timeoutOf = requestTimeouts(policies);
    // the same as asking every policy of every route, the longest where several select it
    const naive = (chain: (typeof routes)[number]['chain']) =>
      policies.filter(isTimeoutPolicy).filter((p) => !p.selectsNoRoute && selectsRoute(p.routeSelection.selectors, chain)).reduce<number | undefined>((m, p) => Math.max(m ?? 0, p.requestTimeout.seconds), undefined);
    expect(routes.map((r) => [r.name, timeoutOf(r)?.seconds, timeoutOf(r)?.policy.ref.name])).toEqual([
      ['to-child/inner', 40, 'in-shop'],
      ['own', 99, 'gold-and-slow'],
    ]);
    for (const r of routes) expect(timeoutOf(r)?.seconds, r.name).toBe(naive(r.chain));
    // without the namespace's policy, the labels decide: the delegating route's 30 s for inner
    const labelled = await analyzeText(text.replace(policy('in-shop', '40s', '{namespace: shop}'), ''));
    const byLabels = requestTimeouts(labelled.analysis.model.policies ?? []);
    expect(labelled.analysis.model.listeners.flatMap((l) => l.hosts.flatMap((h) => h.routes)).map((r) => [r.name, byLabels(r)?.policy.ref.name])).toEqual([
      ['to-child/inner', 'delegated'],
      ['own', 'gold-and-slow'],
    ]);
    // the policies that select a served route: not `other`, whose label no route carries (GW4047 too)
    expect([...servingTimeoutPolicies(policies, analysis.model.listeners)].map((p) => p.ref.name).sort()).toEqual(['delegated', 'everything', 'gold', 'gold-and-slow', 'in-shop', 'slow-too', 'team-fast']);
  });
});
