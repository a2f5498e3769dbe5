import { describe, expect, it } from 'vitest';
import { routeWaits } from '../../src/aws/checks/route-timeout';
import { analyzeText } from '../helpers/analyze-text';

// one route to Lambda, labelled `wait: long`, and another, `wait: other`
const gateway = `apiVersion: networking.gloo.solo.io/v2
kind: VirtualGateway
metadata: {name: gw, namespace: g}
spec:
  listeners: [{port: {number: 80}, http: {}}]
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: t, namespace: g}
spec:
  hosts: [a.example.com]
  virtualGateways: [{name: gw}]
  http:
    - name: long
      labels: {wait: long}
      matchers: [{uri: {prefix: /long}}]
      directResponse: {status: 200}
    - name: other
      labels: {wait: other}
      matchers: [{uri: {prefix: /other}}]
      directResponse: {status: 200}
`;
const policy = (name: string, config: string, label = 'long') => `---
apiVersion: resilience.policy.gloo.solo.io/v2
kind: RetryTimeoutPolicy
metadata: {name: ${name}, namespace: g}
spec:
  applyToRoutes: [{route: {labels: {wait: ${label}}}}]
  config: ${config}
`;

async function waits(...policies: string[]) {
  const { analysis } = await analyzeText(gateway + policies.join(''));
  const wait = routeWaits(analysis.model.policies ?? [], { seconds: 35, from: 'default' });
  const routes = analysis.model.listeners.flatMap((l) => l.hosts.flatMap((h) => h.routes));
  return Object.fromEntries(routes.map((r) => [r.name, `${wait(r).seconds} ${wait(r).given ? 'given' : 'default'} ${wait(r).from.split(',')[0]}`]));
}

describe("how long Gloo Platform's gateway waits on one invocation (GW8020's wait)", () => {
  it('is the perTryTimeout where shorter than the request timeout, the request timeout where not', async () => {
    expect(await waits(policy('p', '{requestTimeout: 5m, retries: {perTryTimeout: 30s}}'))).toEqual({ long: '30 given the perTryTimeout of RetryTimeoutPolicy g/p', other: "35 default the default of gwctl's renders; --route-timeout sets it" });
    expect((await waits(policy('p', '{requestTimeout: 20s, retries: {perTryTimeout: 30s}}'))).long).toBe('20 given the requestTimeout of RetryTimeoutPolicy g/p');
    // no timeout at all (0s): the per-try timeout is the wait
    expect((await waits(policy('p', '{requestTimeout: 0s, retries: {perTryTimeout: 30s}}'))).long).toBe('30 given the perTryTimeout of RetryTimeoutPolicy g/p');
  });

  it('without a request-timeout policy: the longest perTryTimeout of the policies that select the route', async () => {
    const both = await waits(policy('short', '{retries: {perTryTimeout: 10s}}'), policy('long', '{retries: {perTryTimeout: 45s}}'), policy('elsewhere', '{retries: {perTryTimeout: 90s}}', 'other'));
    expect(both).toEqual({ long: '45 given the perTryTimeout of RetryTimeoutPolicy g/long', other: '90 given the perTryTimeout of RetryTimeoutPolicy g/elsewhere' });
    // the other order in the input: the same answer
    expect((await waits(policy('long', '{retries: {perTryTimeout: 45s}}'), policy('short', '{retries: {perTryTimeout: 10s}}'))).long).toBe('45 given the perTryTimeout of RetryTimeoutPolicy g/long');
  });

  it('has no per-try timeout where the policy does not retry (attempts: 0), nor for one of 0', async () => {
    expect((await waits(policy('p', '{requestTimeout: 5m, retries: {attempts: 0, perTryTimeout: 30s}}'))).long).toBe('300 given the requestTimeout of RetryTimeoutPolicy g/p');
    expect((await waits(policy('p', '{retries: {perTryTimeout: 0s}}'))).long).toBe("35 default the default of gwctl's renders; --route-timeout sets it");
  });
});
