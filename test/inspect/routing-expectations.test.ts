import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze';
import { nodeHost } from '../../src/host/node-host';
import { hostlessListener, matchRequest, parseRequest } from '../../src/inspect/match-request';
import { checkExpectation, chooseAnswer, pickWeighted, type Expectation } from '../../src/inspect/routing-expectations';
import { loadRegexEngine } from '../../src/model/regex-engine';
import type { Model } from '../../src/model/types';
import { ROOT } from '../helpers/run-cli';
import { analyzeText } from '../helpers/analyze-text';
import { gatewayWith } from '../helpers/gateway-with';

// A routing test passes when checkExpectation finds nothing: a check that finds too little passes tests
// it should fail, which no passing test shows. Each case here is a test that must fail, and how it says so.

/** What a routing test of `line` (and headers) says against a model: its problems, empty when it passes. */
const judge = async (model: Model, line: string, expectation: Expectation, headers: string[] = []) => {
  const request = parseRequest(line, headers);
  const answers = matchRequest(model, request, await loadRegexEngine(), false);
  return checkExpectation(chooseAnswer(answers, expectation), request, expectation, answers.length ? undefined : hostlessListener(model, request));
};

describe('routing tests of the bundled example that must fail', async () => {
  const { model } = await analyze(nodeHost(), { paths: [join(ROOT, 'fixtures/examples')], stdinName: '-' });
  const V1 = 'arn:aws:lambda:us-west-1:111111111111:function:orders-api:1';
  const V2 = 'arn:aws:lambda:us-west-1:111111111111:function:orders-api:2';

  it('judge the listener a test names: a request without a port reaches both', async () => {
    const line = 'GET /team-a/orders/42';
    const host = ['Host: api.example.com'];
    expect(await judge(model, line, { listener: 'istio-gateways/north-south-gw:443', route: 'team-a/orders-canary' }, host)).toEqual([]);
    expect(await judge(model, line, { listener: 'istio-gateways/north-south-gw:443', route: 'https-redirect' }, host)).toEqual(['expected route https-redirect, got route team-a/orders-canary']);
  });

  it('served, where nothing is', async () => {
    expect(await judge(model, 'GET https://api.example.com/nowhere', { notServed: false })).toEqual(['expected served, but no route matches (404)']);
    expect(await judge(model, 'GET https://other.example.com/', { notServed: false })).toEqual(['expected served, but no listener serves the host']);
  });

  it('a redirect elsewhere', async () => {
    expect(await judge(model, 'GET http://api.example.com/a?b=1', { redirect: 'https://api.example.com/a' })).toEqual(['expected a redirect to https://api.example.com/a, got https://api.example.com/a?b=1']);
  });

  it('a weight without the destination it is the share of, among two', async () => {
    expect(await judge(model, 'GET https://api.example.com/team-a/orders/1', { weight: 90 })).toEqual(['a weight needs the function or service it is the share of']);
  });

  it('a draw that picks the other destination, and a draw without a destination', async () => {
    expect(await judge(model, 'GET https://api.example.com/team-a/orders/1', { function: V2, randomValue: 89 })).toEqual([`random value 89 picks ${V1}, not ${V2}`]);
    expect(await judge(model, 'GET https://api.example.com/team-a/orders/1', { function: V2, randomValue: 90 })).toEqual([]);
    expect(await judge(model, 'GET https://api.example.com/team-a/orders/1', { randomValue: 90 })).toEqual(['randomValue needs the function or service the draw must pick']);
  });

  it('a path received from a route that forwards nothing', async () => {
    expect(await judge(model, 'GET http://api.example.com/a', { path: '/a' })).toEqual(['expected the destination to receive path /a, but the route forwards nothing']);
  });

  it('a function named without a qualifier is its $LATEST, which the route does not invoke', async () => {
    expect(await judge(model, 'GET https://api.example.com/team-a/orders/1', { function: { name: 'orders-api' } })).toEqual([`expected a destination function orders-api, got ${V1}, ${V2}`]);
    expect(await judge(model, 'GET https://api.example.com/team-a/orders/1', { function: { name: 'orders-api', qualifier: '2' } })).toEqual([]);
  });
});

describe('routing tests of redirects, replaced routes and roles that must fail', async () => {
  const providers = ['orders', 'audit']
    .map((name) => `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: ${name}, namespace: shop}\nspec: {aws: {accountId: '111111111111', region: us-east-1, lambda: {invokeRoleName: ${name}-invoker}}}\n---\n` +
      `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: ${name}, namespace: shop}\nspec: {provider: ${name}, aws: {lambda: [{lambdaFunctionName: ${name}}]}}\n---\n`)
    .join('');
  const { analysis } = await analyzeText(
    gatewayWith(
      ['{port: {number: 80}, http: {}}', '{port: {number: 443}, http: {}, tls: {mode: SIMPLE, secretName: tls}}'],
      [
        '{name: moved, matchers: [{uri: {prefix: /old}}], redirect: {hostRedirect: new.example.com, pathRedirect: /new}}',
        '{name: elsewhere, matchers: [{uri: {prefix: /away}}], redirect: {pathRedirect: /here}}',
        '{name: broken, matchers: [{uri: {regex: "/b("}}, {uri: {prefix: /broken}}], directResponse: {status: 200}}',
        '{name: split, matchers: [{uri: {prefix: /split}}], forwardTo: {destinations: [{awsLambda: {cloudProvider: {name: orders}, function: orders}, weight: 50}, {awsLambda: {cloudProvider: {name: audit}, function: audit}, weight: 50}]}}',
      ],
      { namespace: 'shop', host: 'shop.example.com', before: providers },
    ),
  );
  const model = analysis.model;
  const AUDIT = 'arn:aws:lambda:us-east-1:111111111111:function:audit';

  it('is read as written: its only error is the regex the test of a replaced route needs', () => {
    expect(analysis.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['GW4015']);
  });

  it('a redirect goes to the host it names, on the scheme of the listener it came in on', async () => {
    expect(await judge(model, 'GET http://shop.example.com/old', { redirect: 'http://new.example.com/new' })).toEqual([]);
    expect(await judge(model, 'GET https://shop.example.com/away?x=1', { redirect: 'https://shop.example.com/here?x=1' })).toEqual([]);
    expect(await judge(model, 'GET https://shop.example.com/away', { redirect: 'http://shop.example.com/here' })).toEqual(['expected a redirect to http://shop.example.com/here, got https://shop.example.com/here']);
  });

  it('a route replaced for another reason than the test says', async () => {
    expect(await judge(model, 'GET http://shop.example.com/broken', { replaced: 'GW4015' })).toEqual([]);
    expect(await judge(model, 'GET http://shop.example.com/broken', { replaced: 'GW4036' })).toEqual(['expected the route replaced (GW4036), got replaced (GW4015)']);
  });

  it('the role of the destination the test names, not of the route\'s first function', async () => {
    expect(await judge(model, 'GET http://shop.example.com/split', { function: AUDIT, role: 'audit-invoker' })).toEqual([]);
    expect(await judge(model, 'GET http://shop.example.com/split', { function: AUDIT, role: 'orders-invoker' })).toEqual(['expected invoke role orders-invoker, got audit-invoker']);
  });
});

describe('pickWeighted (Envoy\'s pickClusterIndex: random_value % total_weight)', () => {
  it('takes the draw modulo the weights\' sum, not modulo 100', () => {
    const d = [{ weight: 1, name: 'a' }, { weight: 2, name: 'b' }];
    expect([0, 1, 2, 3, 4, 5, 101].map((v) => pickWeighted(d, v)?.name)).toEqual(['a', 'b', 'b', 'a', 'b', 'b', 'b']);
    expect(pickWeighted([{ weight: 0 }], 3)).toBeUndefined();
  });
});
