import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ROOT } from '../helpers/run-cli';
import { runInProcess } from '../helpers/run-in-process';

// One table on the listeners of ports 80 and 8080; route `admin` matches on 8080 only (docs/semantics.md,
// "A matcher's `port` is the listener's")
const MANIFESTS = 'fixtures/model/semantics/matcher-port.yaml';

type Json = Record<string, any>;
const render = async (target: string) => {
  const result = await runInProcess(['render', '--target', target, MANIFESTS, '--findings-format', 'json', '--min-severity', 'info']);
  expect(result.code).toBe(0);
  return { resources: parseAllDocuments(result.stdout).map((d) => d.toJS() as Json).filter(Boolean), codes: JSON.parse(result.stderr).diagnostics.map((d: Json) => d.code) };
};

describe('a matcher of one listener port, in each output', () => {
  it('Envoy: the route is in the 8080 listener\'s routes only', async () => {
    const { resources } = await render('envoy');
    const listeners: Json[] = resources[0]!.static_resources.listeners;
    const routesOn = (port: number) => {
      const listener = listeners.find((l) => l.address.socket_address.port_value === port)!;
      const hcm = listener.filter_chains[0].filters[0].typed_config;
      return hcm.route_config.virtual_hosts.flatMap((v: Json) => v.routes.map((r: Json) => r.name));
    };
    expect(routesOn(8080)).toEqual(['admin', 'status', 'site']);
    expect(routesOn(80)).toEqual(['site']);
  });

  it('Gloo Edge: the 8080 listener\'s VirtualService has it, the 80 one\'s not', async () => {
    const { resources } = await render('gloo');
    const routesOf = (port: string) => resources.find((r) => r.kind === 'VirtualService' && r.metadata.name.includes(`-${port}-`))!.spec.virtualHost.routes.map((r: Json) => r.name);
    expect(routesOf('8080')).toEqual(['admin', 'status', 'site']);
    expect(routesOf('80')).toEqual(['site']);
  });

  it('Gateway API: the HTTPRoute of the 8080 section has its rule, the 80 one\'s not, and nothing is announced as lost', async () => {
    const { resources, codes } = await render('gateway-api');
    const rulesOf = (section: string) => resources.find((r) => r.kind === 'HTTPRoute' && r.spec.parentRefs[0].sectionName === section)!.spec.rules.map((r: Json) => r.name);
    expect(rulesOf('http-8080')).toEqual(['admin', 'status', 'site']);
    expect(rulesOf('http-80')).toEqual(['site']);
    expect(codes).not.toContain('GW7103');
  });

  it('gwctl test: unreachable on port 80, not a route no test reached; coverage per listener', async () => {
    const result = await runInProcess(['test', MANIFESTS, '--tests', join(ROOT, 'fixtures/model/semantics/matcher-port.tests.yaml'), '--format', 'json', '-q']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).findings).toEqual([]);
    const coverage = JSON.parse(result.stdout).coverage;
    expect(coverage).toMatchObject({ percent: 100, routes: 4, reached: 4, unreached: [] });
    expect(coverage.unreachable).toEqual([
      { listener: 'gateways/edge:80', host: 'shop.example.com', route: 'admin', file: MANIFESTS, line: 40, reason: 'port', ports: [8080] },
      { listener: 'gateways/edge:80', host: 'shop.example.com', route: 'status', file: MANIFESTS, line: 52, reason: 'port', ports: [8080, 8443] },
    ]);
  });

  it('a route of one port that matches every path shadows the routes after it on that listener only', async () => {
    // a maintenance page first, for every request on 8080
    const manifests = join(mkdtempSync(join(tmpdir(), 'gwctl-port-')), 'in.yaml');
    const text = readFileSync(join(ROOT, MANIFESTS), 'utf8').replace('  http:\n', '  http:\n    - name: maintenance\n      matchers: [{port: 8080}]\n      directResponse: {status: 503}\n');
    writeFileSync(manifests, text);
    const result = await runInProcess(['test', manifests, '--tests', '-', '--format', 'json', '-q'], { input: 'tests:\n  - request: GET http://shop.example.com:8080/\n    expect: {status: 503}\n  - request: GET http://shop.example.com/\n    expect: {route: site}\n' });
    const { unreachable, unreached } = JSON.parse(result.stdout).coverage;
    const on8080 = unreachable.filter((r: Json) => r.listener === 'gateways/edge:8080').map((r: Json) => [r.route, r.reason, r.by]);
    expect(on8080).toEqual([['admin', 'shadowed', 'maintenance'], ['status', 'shadowed', 'maintenance'], ['site', 'shadowed', 'maintenance']]);
    // on port 80 the maintenance route matches nothing, and the site is served
    expect(unreachable.filter((r: Json) => r.listener === 'gateways/edge:80').map((r: Json) => [r.route, r.reason])).toEqual([['maintenance', 'port'], ['admin', 'port'], ['status', 'port']]);
    expect(unreached).toEqual([]);
  });

  it('coverage counts a route per listener: a test on 8080 alone leaves the site route on 80 unreached', async () => {
    const result = await runInProcess(['test', MANIFESTS, '--tests', '-', '-q'], { input: 'tests:\n  - request: GET http://shop.example.com:8080/\n    expect: {route: site}\n' });
    expect(result.stdout).toContain('coverage: 1 of 4 routes reached (25%)');
    expect(result.stdout).toContain('routes no test reached:\n  gateways/edge:80  shop.example.com  site  (fixtures/model/semantics/matcher-port.yaml:63)\n');
  });
});
