import { describe, expect, it } from 'vitest';
import { runRoutingTests } from '../../src/inspect/run-routing-tests';
import { formatTestRun } from '../../src/inspect/test-report';
import { readRoutingTests } from '../../src/inspect/routing-tests-file';
import { loadRegexEngine } from '../../src/model/regex-engine';
import { analyzeText } from '../helpers/analyze-text';
import { gatewayWith } from '../helpers/gateway-with';

// Two plain-HTTP listeners, 80 and 8080, and one table on both whose routes name ports
const manifests = gatewayWith(
  ['{port: {number: 80}, http: {}}', '{port: {number: 8080}, http: {}}'],
  [
    '{name: admin, matchers: [{port: 8080, uri: {prefix: /}}], directResponse: {status: 200}}',
    '{name: orders, matchers: [{uri: {prefix: /orders}}], directResponse: {status: 200}}',
    '{name: other-ports, matchers: [{port: 9091, uri: {prefix: /b}}, {port: 9090, uri: {prefix: /a}}], directResponse: {status: 200}}',
  ],
  { namespace: 'shop', host: 'shop.example.com' },
);

const run = async (tests: unknown[], maxChecks?: number, findings?: string[]) => {
  const { analysis } = await analyzeText(manifests);
  const file = readRoutingTests('shop.tests.yaml', { tests, ...(findings ? { findings } : {}) });
  const result = runRoutingTests(analysis.model, [file], analysis.findings, await loadRegexEngine(), undefined, maxChecks);
  return { result, routes: analysis.model.listeners.map((l) => l.hosts[0]!.routes) };
};
const unreachable = (result: Awaited<ReturnType<typeof run>>['result']) =>
  result.unreachable.map((u) => `${u.listener} ${u.route.name}: ${u.reason}${u.reason === 'port' ? ` ${u.ports.join(', ')}` : u.reason === 'shadowed' ? ` by ${u.by.name}` : ''}`);

describe('runRoutingTests: what no request can reach, per listener port', () => {
  it('a route of other ports only, on each listener; on the listener of its port, what a route of every path shadows there', async () => {
    const { result } = await run([]);
    expect(unreachable(result)).toEqual([
      'shop/gw:80 admin: port 8080',
      'shop/gw:80 other-ports: port 9090, 9091',
      'shop/gw:8080 orders: shadowed by admin',
      'shop/gw:8080 other-ports: port 9090, 9091',
    ]);
  });

  it('GW4007 says the same of the model: never reached on the port of its listener, the host named once', async () => {
    const { analysis } = await analyzeText(manifests);
    expect(analysis.findings.filter((f) => f.code === 'GW4007').map((f) => f.message)).toEqual(['route `orders` is never reached on shop.example.com (port 8080): route `admin` before it matches every request it matches']);
    // a route hidden on every listener is named without a port, its host once though both listeners serve it
    const everywhere = gatewayWith(['{port: {number: 80}, http: {}}', '{port: {number: 8080}, http: {}}'], ['{name: all, directResponse: {status: 200}}', '{name: after, matchers: [{uri: {prefix: /a}}], directResponse: {status: 200}}'], { namespace: 'shop', host: 'shop.example.com' });
    expect((await analyzeText(everywhere)).analysis.findings.filter((f) => f.code === 'GW4007').map((f) => f.message)).toEqual(['route `after` is never reached on shop.example.com: route `all` before it matches every request it matches']);
  });

  it('names as the route that shadows the route of the model, not a view of it', async () => {
    const { result, routes } = await run([]);
    const shadowed = result.unreachable.find((u) => u.reason === 'shadowed')!;
    expect(shadowed.reason === 'shadowed' && shadowed.by).toBe(routes[1]![0]);
  });
});

describe('runRoutingTests: coverage', () => {
  it('counts the route of the listener a test names, where its request reaches both', async () => {
    const request = { request: 'GET /orders/1', headers: { Host: 'shop.example.com' } };
    const reached = async (listener: string) => (await run([{ name: 'orders', ...request, expect: { listener, route: 'orders' } }])).result;
    // on 80 the request is served by orders; on 8080 by admin, and the test fails there
    expect((await reached('shop/gw:80')).unreached.map((r) => `${r.listener} ${r.route.name}`)).toEqual(['shop/gw:8080 admin']);
    const on8080 = await reached('shop/gw:8080');
    expect(on8080.results[0]!.problems).toEqual(['expected route orders, got route admin']);
    expect(on8080.unreached.map((r) => `${r.listener} ${r.route.name}`)).toEqual(['shop/gw:80 orders']);
  });
});

describe('runRoutingTests: the bound on routes tried', () => {
  it('counts the routes tried again to explain a failure', async () => {
    // on 80: orders is the second route tried; explained, twice that
    const failing = [{ name: 'f', request: 'GET http://shop.example.com/orders', expect: { status: 404 } }];
    expect((await run(failing, 4)).result.results[0]!.problems).toEqual(['expected status 404, got 200']);
    await expect(run(failing, 3)).rejects.toThrow(/brings the routes tried for the tests past 3/);
    // passing, the routes are tried once
    expect((await run([{ ...failing[0], expect: { status: 200 } }], 2)).result.results[0]!.problems).toEqual([]);
  });
});

describe('gwctl test\'s report (formatTestRun)', () => {
  const EVIL = 'evil\u001b[31m';
  const failing = [{ name: EVIL, request: 'GET http://shop.example.com/orders', expect: { status: 404 } }];

  it('text: every unreachable route with its reason, the count said in the singular for one, the test\'s name escaped', async () => {
    const { result } = await run(failing);
    const text = formatTestRun(result, 'text', undefined);
    expect(text).not.toContain('\u001b');
    expect(text).toContain('FAIL  evil\\x1b[31m\n      expected status 404, got 200\n');
    expect(text).toContain('; 4 routes no request can reach are not counted\n');
    expect(text).toMatch(/\n {2}shop\/gw:80 {2}shop\.example\.com {2}other-ports {2}\(.*\) {2}its matchers match on port 9090, 9091 only, not this listener's\n/);
    expect(formatTestRun({ ...result, unreachable: result.unreachable.slice(0, 1) }, 'text', undefined)).toContain('; 1 route no request can reach is not counted\n');
  });

  it('json: the ports of a route of other ports', async () => {
    const { result } = await run([]);
    const json = JSON.parse(formatTestRun(result, 'json', undefined));
    expect(json.coverage.unreachable.filter((u: { route: string }) => u.route === 'other-ports').map((u: { ports: number[] }) => u.ports)).toEqual([[9090, 9091], [9090, 9091]]);
  });

  it('junit: a case for findings that differ, counted as a failure of its suite, and names and messages escaped', async () => {
    const { result } = await run(failing, undefined, ['GW9999']);
    const xml = formatTestRun(result, 'junit', undefined);
    expect(xml).not.toContain('\u001b');
    expect(xml).toContain('<testsuite name="shop.tests.yaml" tests="2" failures="2" errors="0">');
    expect(xml).toContain('<testcase name="evil\\x1b[31m" classname="shop.tests.yaml">');
    // a problem quotes the test's own text: escaped in the failure's message too
    const named = formatTestRun((await run([{ ...failing[0], expect: { route: EVIL } }])).result, 'junit', undefined);
    expect(named).not.toContain('\u001b');
    expect(named).toContain('<failure message="expected route evil\\x1b[31m, got route orders">');
    expect(xml).toContain('<testcase name="findings" classname="shop.tests.yaml">\n      <failure message="findings differ">expected GW9999\ngot GW4007, GW4043, GW4043</failure>');
  });
});
