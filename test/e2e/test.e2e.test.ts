import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routerCheck, type RouterCheckTest } from '../helpers/envoy/route-check';
import { ROOT, runCli } from '../helpers/run-cli';

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

/** A routing test file of this text, in a folder of its own. */
function testFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gwctl-test-')), name);
  writeFileSync(file, text);
  return file;
}

// one test of catch-all-last.yaml's health route, reaching one of its four reachable routes
const HEALTH_ONLY = 'tests:\n  - request: GET http://shop.example.com/healthz\n    expect: { route: health }\n';

/** Runs `gwctl test --export-envoy-tests` and checks every exported test against the exported route configuration. */
function exportAndCheck(manifests: string, tests: string) {
  const dir = mkdtempSync(join(tmpdir(), 'gwctl-rct-'));
  const result = runCli(['test', manifests, '--tests', tests, '-q', '--export-envoy-tests', join(dir, 'tests.json')]);
  const pairs = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.route-config.json'));
  const failures = pairs.flatMap((f) => routerCheck(readJson(join(dir, f.replace(/\.json$/, '.route-config.json'))), readJson(join(dir, f)).tests as RouterCheckTest[]));
  return { result, dir, pairs, failures };
}

describe('gwctl test, end to end', () => {
  it('passes the bundled example\'s tests and reaches every route', () => {
    const result = runCli(['test', 'fixtures/examples', '--tests', 'fixtures/examples-tests', '-q']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^PASS {2}plain HTTP is redirected to HTTPS/);
    expect(result.stdout).toContain('\n10 passed, 0 failed\ncoverage: 7 of 7 routes reached (100%)\n');
  });

  it('fails a wrong expectation with the --request explanation, lists unreached routes, and honours --fail-under', () => {
    const file = testFile('wrong.yaml', 'tests:\n  - name: wrong alias\n    request: GET https://api.example.com/team-b/invoices/7\n    expect:\n      function: { name: invoices, qualifier: beta }\n');
    const result = runCli(['test', 'fixtures/examples', '--tests', file, '-q', '--fail-under', '50']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL  wrong alias\n      expected a destination function invoices:beta, got arn:aws:lambda:eu-west-1:222222222222:function:invoices:prod\n');
    expect(result.stdout).toContain('      |   4.  team-b/invoices-beta  prefix /team-b/invoices, header x-beta=true  no: header x-beta is missing');
    expect(result.stdout).toContain('coverage: 1 of 7 routes reached (14.2%), --fail-under 50%\nroutes no test reached:\n');
    expect(result.stderr).toBe('gwctl: coverage 14.2% is under --fail-under 50%\n');
  });

  it('counts only the routes a request can reach, and lists the others with the reason', () => {
    // two routes of the host come after a catch-all (GW4007): every other route is tested
    const shadowed = ['test', 'fixtures/model/semantics/catch-all-last.yaml', '--tests', 'fixtures/model/semantics/catch-all-last.tests.yaml', '-q', '--fail-under', '100'];
    const text = runCli(shadowed);
    expect(text.code).toBe(0);
    expect(text.stderr.match(/GW4007/g)).toHaveLength(2);
    expect(text.stdout).toContain(
      [
        'coverage: 4 of 4 routes reached (100%), --fail-under 100%; 2 routes no request can reach are not counted',
        'routes no request can reach:',
        '  istio-gateways/north-south-gw:80  shop.example.com  orders-default  (fixtures/model/semantics/catch-all-last.yaml:72)  route `home~2` before it matches every request it matches (GW4007)',
        '  istio-gateways/north-south-gw:80  shop.example.com  legacy  (fixtures/model/semantics/catch-all-last.yaml:47)  route `home~2` before it matches every request it matches (GW4007)',
        '',
      ].join('\n'),
    );
    const json = JSON.parse(runCli([...shadowed, '--format', 'json']).stdout);
    expect(json.coverage).toMatchObject({ percent: 100, routes: 4, reached: 4, unreached: [], failUnder: 100 });
    expect(json.coverage.unreachable).toEqual([
      { listener: 'istio-gateways/north-south-gw:80', host: 'shop.example.com', route: 'orders-default', file: 'fixtures/model/semantics/catch-all-last.yaml', line: 72, reason: 'shadowed', by: 'home~2' },
      { listener: 'istio-gateways/north-south-gw:80', host: 'shop.example.com', route: 'legacy', file: 'fixtures/model/semantics/catch-all-last.yaml', line: 47, reason: 'shadowed', by: 'home~2' },
    ]);
    // routes whose every matcher Envoy refuses match nothing
    const refused = JSON.parse(runCli(['test', 'fixtures/model/semantics/refused-matcher.yaml', '--tests', 'fixtures/model/semantics/refused-matcher.tests.yaml', '-q', '--format', 'json']).stdout);
    expect(refused.coverage).toMatchObject({ percent: 100, routes: 2, reached: 2 });
    expect(refused.coverage.unreachable.map((r: { route: string; reason: string }) => `${r.route} ${r.reason}`)).toEqual(['beta refused', 'team-a refused']);
    // a reachable route no test reaches still counts
    const one = testFile('one.yaml', HEALTH_ONLY);
    const partial = runCli(['test', 'fixtures/model/semantics/catch-all-last.yaml', '--tests', one, '-q', '--fail-under', '100']);
    expect(partial.code).toBe(1);
    expect(partial.stdout).toContain('coverage: 1 of 4 routes reached (25%), --fail-under 100%; 2 routes no request can reach are not counted\nroutes no test reached:\n');
  });

  it('with --fail-under, JUnit has coverage as a test case of its own, failing under the bar', () => {
    const one = testFile('one.yaml', HEALTH_ONLY);
    const args = ['test', 'fixtures/model/semantics/catch-all-last.yaml', '--tests', one, '-q', '--format', 'junit'];
    const under = runCli([...args, '--fail-under', '50']);
    expect(under.code).toBe(1);
    expect(under.stdout).toContain('<testsuites name="gwctl test" tests="2" failures="1" errors="0">');
    expect(under.stdout).toContain(
      [
        '  <testsuite name="coverage" tests="1" failures="1" errors="0">',
        '    <testcase name="at least 50% of the reachable routes reached" classname="coverage">',
        '      <failure message="coverage 25% is under --fail-under 50%">routes no test reached:',
        '  istio-gateways/north-south-gw:80  shop.example.com  home  (fixtures/model/semantics/catch-all-last.yaml:38)',
      ].join('\n'),
    );
    const met = runCli([...args, '--fail-under', '25']);
    expect(met.code).toBe(0);
    expect(met.stdout).toContain('<testsuites name="gwctl test" tests="2" failures="0" errors="0">');
    expect(met.stdout).toContain('    <testcase name="at least 25% of the reachable routes reached" classname="coverage"/>');
    // without --fail-under coverage is no check: the suites are the test files alone
    expect(runCli(args).stdout).not.toContain('coverage');
  });

  it('writes JSON and JUnit results', () => {
    const json = JSON.parse(runCli(['test', 'fixtures/examples', '--tests', 'fixtures/examples-tests', '-q', '--format', 'json']).stdout);
    expect(json.coverage).toMatchObject({ percent: 100, routes: 7, reached: 7, unreached: [] });
    expect(json.tests).toHaveLength(10);
    expect(json.tests[2]).toMatchObject({ passed: true, route: 'team-a/orders-canary', listener: 'istio-gateways/north-south-gw:443' });
    const junit = runCli(['test', 'fixtures/examples', '--tests', 'fixtures/examples-tests', '-q', '--format', 'junit']).stdout;
    expect(junit).toContain('<testsuites name="gwctl test" tests="10" failures="0" errors="0">');
  });

  it('refuses a malformed test file as a usage error that names the place', () => {
    const file = testFile('bad.yaml', 'tests:\n  - request: GET https://a.example.com/\n    expect:\n      funtcion: x\n');
    const result = runCli(['test', 'fixtures/examples', '--tests', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}: /tests/0/expect/funtcion: unknown expectation`);
    expect(runCli(['test', 'fixtures/examples']).code).toBe(2);
  });
});

describe('gwctl test --export-envoy-tests: the compiled Envoy routes agree with the model', () => {
  it('on the bundled example, one test and route configuration per listener', () => {
    const { result, pairs, failures } = exportAndCheck('fixtures/examples', 'fixtures/examples-tests');
    expect(result.code).toBe(0);
    expect(pairs.sort()).toEqual(['tests.istio-gateways.north-south-gw.443.json', 'tests.istio-gateways.north-south-gw.80.json']);
    expect(failures).toEqual([]);
  });

  it('on listeners that share a port: one route configuration per connection manager (port 80) and per TLS filter chain', () => {
    const { result, pairs, failures } = exportAndCheck('fixtures/render/shared-ports.yaml', 'fixtures/render/shared-ports.tests.yaml');
    expect(result.code).toBe(0);
    expect(pairs.sort()).toEqual(['tests.gateways.edge.443.json', 'tests.gateways.edge.443_2.json', 'tests.gateways.edge.80.json']);
    expect(failures).toEqual([]);
  });

  it('leaves out, and names, the tests of a listener the Envoy output cannot serve on its port', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-rct-clash-'));
    const manifests = join(dir, 'gateways.yaml');
    const gateway = (name: string, tls: string) => `apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: ${name}, namespace: ops}\nspec:\n  listeners: [{port: {number: 8443}, http: {}${tls}}]\n---\n`;
    const table = (name: string, gw: string) => `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: ${name}, namespace: ops}\nspec:\n  hosts: [${name}.example.com]\n  virtualGateways: [{name: ${gw}}]\n  http: [{name: r, directResponse: {status: 200}}]\n---\n`;
    // gateways in name order: `plain` keeps port 8443, and `tls` is left out of the Envoy output
    writeFileSync(manifests, gateway('tls', ', tls: {mode: SIMPLE, secretName: s}') + gateway('plain', '') + table('a', 'tls') + table('b', 'plain').replace(/---\n$/, ''));
    const tests = join(dir, 'tests.yaml');
    writeFileSync(tests, 'tests:\n  - name: over TLS\n    request: GET https://a.example.com:8443/\n    expect: {status: 200}\n  - name: plain\n    request: GET http://b.example.com:8443/\n    expect: {status: 200}\n');
    const result = runCli(['test', manifests, '--tests', tests, '-q', '--export-envoy-tests', join(dir, 'out.json')]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('gwctl: not exported: 1 test(s) served by a listener the Envoy output leaves out (`gwctl render --target envoy` says why, GW7014): over TLS\n');
    expect(readJson(join(dir, 'out.json')).tests.map((t: { test_name: string }) => t.test_name)).toEqual(['plain']);
  });

  it('with ports in the Host header and host names in any case: the route configurations ignore the port, as the model does', () => {
    const { result, dir, failures } = exportAndCheck('fixtures/model/semantics/host-port-and-case.yaml', 'fixtures/model/semantics/host-port-and-case.tests.yaml');
    expect(result.code).toBe(0);
    expect(failures).toEqual([]);
    const config = readJson(join(dir, 'tests.gateways.edge.8443.route-config.json'));
    const tests = readJson(join(dir, 'tests.gateways.edge.8443.json')).tests;
    expect(tests.map((t: { input: { authority: string } }) => t.input.authority)).toContain('SHOP.Example.COM:8443');
    // without it, every test that sends a port finds no virtual host
    delete config.ignore_port_in_host_matching;
    expect(routerCheck(config, tests)).toHaveLength(tests.length);
    const redirects = readJson(join(dir, 'tests.gateways.edge.8080.json')).tests;
    expect(redirects[0].validate.path_redirect).toBe('https://shop.example.com:8080/cart');
  });

  it('with path rewrites: the path each route sends on, prefix and regex rewrites, as Envoy\'s router rewrites it', () => {
    const { result, dir, failures } = exportAndCheck('fixtures/model/semantics/prefix-rewrite-slash.yaml', 'fixtures/model/semantics/prefix-rewrite-slash.tests.yaml');
    expect(result.code).toBe(0);
    expect(failures).toEqual([]);
    const config = readJson(join(dir, 'tests.route-config.json'));
    const tests = readJson(join(dir, 'tests.json')).tests as RouterCheckTest[];
    expect(tests.map((t) => t.validate.path_rewrite)).toEqual(['//get?show_env=1', '/', '/v2users', '/42', '/status/ready', '/profiles/ann/photo', '/users/ann', '/guide', '/', '//a']);
    // a hostRewrite to a service: the Host header it sets (none written where the route sets none)
    expect(tests.map((t) => t.validate.host_rewrite).filter(Boolean)).toEqual(['status.internal']);
    // the checker reads the rewrites from the configuration: a rewrite changed there fails its tests
    const routes = config.virtual_hosts[0].routes as Array<{ name: string; route?: Record<string, any> }>;
    routes.find((r) => r.name === 'httpbin')!.route!.prefix_rewrite = '/x';
    routes.find((r) => r.name === 'users')!.route!.regex_rewrite.substitution = '/people/\\1';
    delete routes.find((r) => r.name === 'health')!.route!.host_rewrite_literal;
    expect(routerCheck(config, tests)).toEqual([
      'the published example doubles the slash: path_rewrite is "/x/get?show_env=1", expected "//get?show_env=1"',
      'the prefix alone becomes the rewrite: path_rewrite is "/x", expected "/"',
      'an exact match has its whole path replaced: host_rewrite is "shop.example.com", expected "status.internal"',
      'a regexRewrite replaces what its pattern matches, groups included: path_rewrite is "/people/ann/photo", expected "/profiles/ann/photo"',
    ]);
  });

  it('with host rewrites: the Host a hostRewrite sets, and none for autoHostRewrite, which needs the upstream host', () => {
    const { result, dir, failures } = exportAndCheck('fixtures/model/semantics/host-rewrite.yaml', 'fixtures/model/semantics/host-rewrite.tests.yaml');
    expect(result.code).toBe(0);
    expect(failures).toEqual([]);
    const tests = readJson(join(dir, 'tests.json')).tests as RouterCheckTest[];
    expect(tests.map((t) => [t.test_name, t.validate.host_rewrite])).toEqual([
      ['hostRewrite replaces the Host', 'api.internal'],
      ['autoHostRewrite sends the name of the Service drawn', undefined],
      ["the canary's draw sends the canary's name", undefined],
      ['a function is invoked by ARN, whatever the hostRewrite', undefined],
      ['without a rewrite the Host goes on as sent, port included', undefined],
      ['a URL with the scheme\'s own port sends the Host without it', undefined],
    ]);
    // the route configuration asks Envoy for the automatic rewrite the model answers with
    const routes = readJson(join(dir, 'tests.route-config.json')).virtual_hosts[0].routes as Array<{ name: string; route?: Record<string, unknown> }>;
    expect(routes.find((r) => r.name === 'feed')!.route!.auto_host_rewrite).toBe(true);
  });

  it('with two root tables on one host: the first table\'s catch-all is compiled last, as the model orders it', () => {
    const { result, dir, failures } = exportAndCheck('fixtures/model/semantics/catch-all-last.yaml', 'fixtures/model/semantics/catch-all-last.tests.yaml');
    expect(result.code).toBe(0);
    expect(failures).toEqual([]);
    const config = readJson(join(dir, 'tests.route-config.json'));
    expect(config.virtual_hosts[0].routes.map((r: { name: string }) => r.name)).toEqual(['health', 'home', 'orders', 'home~2', 'orders-default', 'legacy']);
  });

  it('exports the path the gateway routes by, normalised', () => {
    const { result, dir, failures } = exportAndCheck('fixtures/model/semantics/path-normalisation.yaml', 'fixtures/model/semantics/path-normalisation.tests.yaml');
    expect(result.code).toBe(0);
    expect(failures).toEqual([]);
    expect(readJson(join(dir, 'tests.json')).tests.map((t: { input: { path: string } }) => t.input.path)).toEqual(['/admin/users', '/admin', '/admin', '/admin', '/public%2F..%2Fadmin', '//admin']);
  });

  it('exports the query as sent, and the router check reads its first values undecoded as Envoy does', () => {
    const { result, dir, failures } = exportAndCheck('fixtures/model/semantics/query-parameters.yaml', 'fixtures/model/semantics/query-parameters.tests.yaml');
    expect(result.code).toBe(0);
    expect(failures).toEqual([]);
    expect(readJson(join(dir, 'tests.json')).tests.map((t: { input: { path: string } }) => t.input.path)).toContain('/search?tag=c%2B%2B');
  });

  it('with regex rewrites: every match replaced, and nothing where the substitution names a missing group, as RE2 does', () => {
    const { result, dir, failures } = exportAndCheck('fixtures/model/semantics/regex-rewrite-every-match.yaml', 'fixtures/model/semantics/regex-rewrite-every-match.tests.yaml');
    expect(result.code).toBe(0);
    expect(failures).toEqual([]);
    expect(readJson(join(dir, 'tests.json')).tests.map((t: RouterCheckTest) => t.validate.path_rewrite)).toContain('/legacy/items/7');
  });

  it('reads the query from the first `?`, a later one in a value, on the model and the router check alike', () => {
    const { result, failures } = exportAndCheck('fixtures/real-world/query-parameter-matchers', 'fixtures/real-world/query-parameter-matchers/tests.yaml');
    expect(result.code).toBe(0);
    expect(failures).toEqual([]);
  });

  it('renders an empty header or query value as a presence match, as Gloo reads it', () => {
    const { result, dir, failures } = exportAndCheck('fixtures/model/semantics/empty-is-unset.yaml', 'fixtures/model/semantics/empty-is-unset.tests.yaml');
    expect(result.code).toBe(0);
    expect(failures).toEqual([]);
    const routes = readJson(join(dir, 'tests.route-config.json')).virtual_hosts[0].routes;
    expect(routes[0].match.headers).toEqual([{ name: 'x-beta', present_match: true }]);
    expect(routes[1].match.query_parameters).toEqual([{ name: 'debug', present_match: true }]);
  });

  it('leaves out the matchers Envoy refuses, whose requests reach the routes after them, as the model answers', () => {
    const { result, dir, failures } = exportAndCheck('fixtures/model/semantics/refused-matcher.yaml', 'fixtures/model/semantics/refused-matcher.tests.yaml');
    // the input has errors (GW4015, GW4036): exit 1, the tests exported all the same
    expect(result.code).toBe(1);
    expect(failures).toEqual([]);
    expect(readJson(join(dir, 'tests.json')).tests).toHaveLength(4);
    const routes = readJson(join(dir, 'tests.route-config.json')).virtual_hosts[0].routes;
    expect(routes.map((r: { name: string }) => r.name)).toEqual(['reports', 'fallback']);
  });

  it.each(readdirSync(join(ROOT, 'fixtures/real-world')))('on the real-world set %s', (set) => {
    const { result, failures } = exportAndCheck(`fixtures/real-world/${set}`, `fixtures/real-world/${set}/tests.yaml`);
    expect(result.code).toBe(0);
    expect(failures).toEqual([]);
  });

  it('the checker catches a compiled route that disagrees (a canary weight, a cluster, a redirect)', () => {
    const { dir } = exportAndCheck('fixtures/examples', 'fixtures/examples-tests');
    const config = readJson(join(dir, 'tests.istio-gateways.north-south-gw.443.route-config.json'));
    const tests = readJson(join(dir, 'tests.istio-gateways.north-south-gw.443.json')).tests;
    const canary = config.virtual_hosts[0].routes.find((r: { name: string }) => r.name === 'team-a/orders-canary');
    canary.route.weighted_clusters.clusters[0].weight = 96;
    canary.route.weighted_clusters.clusters[1].weight = 4;
    expect(routerCheck(config, tests)).toEqual([expect.stringContaining('a draw in the last tenth lands on the canary, version 2: cluster_name is "lambda_111111111111_us-west-1_orders-api_1"')]);
    const redirect = readJson(join(dir, 'tests.istio-gateways.north-south-gw.80.route-config.json'));
    delete redirect.virtual_hosts[0].routes[0].redirect.https_redirect;
    expect(routerCheck(redirect, readJson(join(dir, 'tests.istio-gateways.north-south-gw.80.json')).tests)).toHaveLength(1);
  });
});
