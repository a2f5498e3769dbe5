import { describe, expect, it } from 'vitest';
import { analyzeText } from '../helpers/analyze-text';

// Values the CRD takes and Envoy refuses, with the whole route configuration that holds them: each is
// reported before anything is rendered (test/helpers/loadable-output.ts checks the property itself).
const table = (route: string) =>
  `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [a.example.com]\n  http:\n    - name: r\n${route}`;
const codes = async (route: string) => (await analyzeText(table(route))).findings.map((f) => f.code).filter((c) => c !== 'GW4003');
const forward = '      forwardTo: {destinations: [{ref: {name: svc}, port: {number: 80}}]}\n';

describe('values Envoy refuses though the CRD takes them', () => {
  it('an empty regular expression, as a matcher or a rewrite pattern (GW4015)', async () => {
    expect(await codes(`      matchers: [{uri: {regex: ""}}]\n${forward}`)).toEqual(['GW4015']);
    expect(await codes('      forwardTo: {regexRewrite: {pattern: {regex: ""}, substitution: /x}, destinations: [{ref: {name: svc}, port: {number: 80}}]}\n')).toEqual(['GW4015']);
  });

  it('a line break in a redirect, a rewrite or a substitution; a host name that is none (GW2006)', async () => {
    expect(await codes('      redirect: {hostRedirect: "a\\nb"}\n')).toEqual(['GW2006']);
    expect(await codes('      redirect: {pathRedirect: "/a\\nb"}\n')).toEqual(['GW2006']);
    expect(await codes('      forwardTo: {pathRewrite: "/a\\nb", destinations: [{ref: {name: svc}, port: {number: 80}}]}\n')).toEqual(['GW2006']);
    expect(await codes('      forwardTo: {regexRewrite: {pattern: {regex: "^/a"}, substitution: "/b\\nc"}, destinations: [{ref: {name: svc}, port: {number: 80}}]}\n')).toEqual(['GW2006']);
    expect(await codes('      forwardTo: {hostRewrite: "-x.example.com", destinations: [{ref: {name: svc}, port: {number: 80}}]}\n')).toEqual(['GW2006']);
    // a port is accepted (gwctl decides), an empty value is none
    expect(await codes('      redirect: {hostRedirect: "shop.example.com:8443", pathRedirect: ""}\n')).toEqual([]);
  });

  it('a reference to a name no Kubernetes object can have (GW2006); an empty namespace is the table\'s own', async () => {
    expect(await codes('      forwardTo: {destinations: [{ref: {name: Reviews}, port: {number: 80}}]}\n')).toEqual(['GW2006']);
    expect(await codes('      forwardTo: {destinations: [{ref: {name: reviews, namespace: "a b"}, port: {number: 80}}]}\n')).toEqual(['GW2006']);
    expect(await codes('      forwardTo: {destinations: [{ref: {name: reviews, namespace: ""}, port: {number: 80}}]}\n')).toEqual([]);
  });

  it('a destination with neither `ref` nor `awsLambda` (GW2003): the route is replaced, not forwarded to a Service named ""', async () => {
    const { analysis, findings } = await analyzeText(table('      forwardTo: {destinations: [{port: {number: 80}}]}\n'));
    expect(findings.map((f) => f.code).filter((c) => c !== 'GW4003')).toEqual(['GW2003']);
    expect(analysis.model.listeners[0]!.hosts[0]!.routes[0]!.action).toEqual({ kind: 'direct', status: 500, replaced: { code: 'GW2003', reason: 'the destination names nothing to forward to' } });
  });
});
