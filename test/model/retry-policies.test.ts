import { describe, expect, it } from 'vitest';
import { analyzeText } from '../helpers/analyze-text';
import { runInProcess } from '../helpers/run-in-process';

/** A gateway with a route to Lambda (`fn`, labelled `r: fn`) and a direct response (`dr`, labelled `r: dr`), and one RetryTimeoutPolicy. */
const input = (retries: string, labels = 'r: fn', invocation = '') => `apiVersion: networking.gloo.solo.io/v2
kind: VirtualGateway
metadata: {name: gw, namespace: g}
spec:
  listeners: [{port: {number: 80}, http: {}}]
---
apiVersion: infrastructure.gloo.solo.io/v2
kind: CloudProvider
metadata: {name: aws, namespace: g}
spec:
  aws: {accountId: '111111111111', region: us-east-1, lambda: {invokeRoleName: invoker}}
---
apiVersion: infrastructure.gloo.solo.io/v2
kind: CloudResources
metadata: {name: functions, namespace: g}
spec:
  provider: aws
  aws: {lambda: [{lambdaFunctionName: pay}]}
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: t, namespace: g}
spec:
  hosts: [shop.example.com]
  virtualGateways: [{name: gw}]
  http:
    - name: fn
      labels: {r: fn}
      matchers: [{uri: {prefix: /pay}}]
      forwardTo:
        destinations: [{awsLambda: {cloudProvider: {name: aws}, function: pay${invocation}}}]
    - name: dr
      labels: {r: dr}
      directResponse: {status: 200}
---
apiVersion: resilience.policy.gloo.solo.io/v2
kind: RetryTimeoutPolicy
metadata: {name: p, namespace: g}
spec:
  applyToRoutes: [{route: {labels: {${labels}}}}]
  config:
    retries: ${retries}
`;

const said = async (retries: string, labels?: string, invocation?: string) => (await analyzeText(input(retries, labels, invocation))).findings.filter((f) => f.code === 'GW4055').map((f) => f.message);

describe('retries that run a function again (GW4055)', () => {
  it('are the conditions met after the function ran, each named, with the attempts (2 where unset)', async () => {
    const message = (conditions: string, attempts = 2) => [`RetryTimeoutPolicy g/p retries route \`fn\` on ${conditions}, up to ${attempts} times: the function's own answer is the HTTP status the router decides on, so a function that ran and answered so runs again`];
    expect(await said('{retryOn: 5xx}')).toEqual(message('`5xx`'));
    expect(await said('{attempts: 4, retryOn: "gateway-error"}')).toEqual(message('`gateway-error`', 4));
    expect(await said('{retryOn: "connect-failure, reset, retriable-4xx"}')).toEqual(message('`reset`, `retriable-4xx`'));
    expect(await said('{retryOn: "retriable-headers,503"}')).toEqual(message('`retriable-headers`, `503`'));
    // Istio reads a status as Go's strconv.Atoi does: leading zeros and all
    expect(await said('{retryOn: "0503"}')).toEqual(message('`0503`'));
    // asynchronous: Lambda's own answer, after the event may be queued
    expect(await said('{retryOn: 5xx}', undefined, ', options: {invocationStyle: ASYNC}')).toEqual(message('`5xx`'));
  });

  it('are not what never reached the function, no attempts, or routes that are not to Lambda; Istio\'s defaults are information', async () => {
    expect(await said('{retryOn: "connect-failure,refused-stream,reset-before-request,envoy-ratelimited"}')).toEqual([]);
    // Istio's defaults (no retryOn): a 503 among them before Istio 1.24, said as information
    const defaults = (await analyzeText(input('{attempts: 3}'))).findings.filter((f) => f.code === 'GW4055');
    expect(defaults.map((f) => [f.severity, f.message])).toEqual([['info', "RetryTimeoutPolicy g/p retries route `fn` on Istio's default conditions (no `retryOn`), which include a 503 before Istio 1.24 (istio/istio#52111), up to 3 times: the function's own answer is the HTTP status the router decides on, so a function that ran and answered so runs again"]]);
    expect(await said('{attempts: 0}')).toEqual([]);
    expect(await said('{retryOn: "unavailable,cancelled,retriable-status-codes"}')).toEqual([]);
    expect(await said('{retryOn: 5xx}', 'r: dr')).toEqual([]);
    // a value the API cannot read (GW2014): the policy is not applied, and its retries are not judged
    expect(await said('{attempts: "3", retryOn: 5xx}')).toEqual([]);
    // a status Go's net/http does not know, and a word nothing knows, are passed on by Istio and ignored by
    // Envoy (GW2016): never met
    expect(await said('{retryOn: "599,5xxx"}')).toEqual([]);
  });
});

describe('what routes --request says of a RetryTimeoutPolicy that selects the route', () => {
  const ask = async (retries: string, ...format: string[]) => (await runInProcess(['routes', '-', '-q', '--request', 'POST http://shop.example.com/pay', ...format], { input: input(retries).replace('  config:\n', '  config:\n    requestTimeout: 1m30s\n') })).stdout;

  it('its request timeout and its retries, in words and in JSON', async () => {
    expect(await ask('{attempts: 3, retryOn: "5xx,connect-failure"}')).toContain('    RetryTimeoutPolicy g/p selects it (routes labelled r=fn): request timeout 90 s, up to 3 retries on 5xx, connect-failure\n');
    expect(await ask('{attempts: 2}')).toContain("    RetryTimeoutPolicy g/p selects it (routes labelled r=fn): request timeout 90 s, up to 2 retries on Istio's default conditions\n");
    // the per-try timeout, which ends each attempt, the first too
    expect(await ask('{attempts: 2, perTryTimeout: 20s}')).toContain("    RetryTimeoutPolicy g/p selects it (routes labelled r=fn): request timeout 90 s, up to 2 retries on Istio's default conditions, each attempt ends at 20 s\n");
    expect(JSON.parse(await ask('{attempts: 2, perTryTimeout: 20s}', '--format', 'json')).answers[0].policies[0].retries).toEqual({ attempts: 2, perTryTimeoutSeconds: 20 });
    const [answer] = JSON.parse(await ask('{attempts: 3, retryOn: "5xx,connect-failure"}', '--format', 'json')).answers;
    expect(answer.policies).toEqual([{ kind: 'RetryTimeoutPolicy', namespace: 'g', name: 'p', appliesTo: 'routes labelled r=fn', selection: 'selects', requestTimeoutSeconds: 90, retries: { attempts: 3, retryOn: ['5xx', 'connect-failure'] } }]);
    const [defaults] = JSON.parse(await ask('{attempts: 2}', '--format', 'json')).answers;
    expect(defaults.policies[0].retries).toEqual({ attempts: 2 });
    // `0s` is no timeout at all, as the diff says it
    const unbounded = (await runInProcess(['routes', '-', '-q', '--request', 'POST http://shop.example.com/pay'], { input: input('{attempts: 0}').replace('  config:\n', '  config:\n    requestTimeout: 0s\n') })).stdout;
    expect(unbounded).toContain('    RetryTimeoutPolicy g/p selects it (routes labelled r=fn): request timeout none\n');
  });
});
