import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routerAnswer, routerCheck, type RouterCheckTest } from '../helpers/envoy/route-check';
import { exportAndCheck, readJson } from '../helpers/export-and-check';
import { ROOT } from '../helpers/run-cli';
import { runInProcess } from '../helpers/run-in-process';

// `gwctl test --export-envoy-tests` on fixture after fixture, in process (test/e2e/test.e2e.test.ts runs
// the built binary on the bundled example): what the export writes, read by Envoy's router
// (helpers/envoy/route-check.ts), must answer as the model does.

describe('gwctl test --export-envoy-tests: the compiled Envoy routes agree with the model', () => {
  it('on listeners that share a port: one route configuration per connection manager (port 80) and per TLS filter chain', async () => {
    const { result, dir, pairs, failures } = await exportAndCheck('fixtures/render/shared-ports.yaml', 'fixtures/render/shared-ports.tests.yaml');
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('not exported');
    expect(pairs.sort()).toEqual(['tests.gateways.edge.443.json', 'tests.gateways.edge.443_2.json', 'tests.gateways.edge.80.json']);
    // the three hosts of port 80, two gateways' listeners, are one connection manager's: its file has all three
    const names = (file: string) => readJson(join(dir, file)).tests.map((t: { test_name: string }) => t.test_name);
    expect(names('tests.gateways.edge.80.json')).toEqual(['shop over plain HTTP, on the port it shares with docs and the internal gateway', 'docs over plain HTTP', 'the internal gateway\'s host on the same port']);
    expect(pairs.flatMap(names)).toHaveLength(5);
    expect(failures).toEqual([]);
  });

  it('leaves out, and names, the tests of a listener the Envoy output cannot serve on its port', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-rct-clash-'));
    const manifests = join(dir, 'gateways.yaml');
    const gateway = (name: string, tls: string) => `apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: ${name}, namespace: ops}\nspec:\n  listeners: [{port: {number: 8443}, http: {}${tls}}]\n---\n`;
    const table = (name: string, gw: string) => `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: ${name}, namespace: ops}\nspec:\n  hosts: [${name}.example.com]\n  virtualGateways: [{name: ${gw}}]\n  http: [{name: r, directResponse: {status: 200}}]\n---\n`;
    // gateways in name order: `plain` keeps port 8443, and `tls` is left out of the Envoy output
    writeFileSync(manifests, gateway('tls', ', tls: {mode: SIMPLE, secretName: s}') + gateway('plain', '') + table('a', 'tls') + table('b', 'plain').replace(/---\n$/, ''));
    const tests = join(dir, 'tests.yaml');
    // and a request on a port no listener has: nothing for a route table to say, and nothing left out
    writeFileSync(tests, 'tests:\n  - name: over TLS\n    request: GET https://a.example.com:8443/\n    expect: {status: 200}\n  - name: plain\n    request: GET http://b.example.com:8443/\n    expect: {status: 200}\n  - name: no listener\n    request: GET http://b.example.com:9999/\n    expect: {notServed: true}\n');
    const result = await runInProcess(['test', manifests, '--tests', tests, '-q', '--export-envoy-tests', join(dir, 'out.json')]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('gwctl: not exported: 1 test(s) served by a listener the Envoy output leaves out (`gwctl render --target envoy` says why, GW7014): over TLS\n');
    expect(readJson(join(dir, 'out.json')).tests.map((t: { test_name: string }) => t.test_name)).toEqual(['plain']);
  });

  it('a redirect over TLS keeps the request\'s scheme: the test says the request came over TLS, as Envoy\'s router reads it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-rct-tls-'));
    const manifests = join(dir, 'shop.yaml');
    writeFileSync(
      manifests,
      'apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: edge, namespace: ops}\nspec:\n  listeners: [{port: {number: 443}, http: {}, tls: {mode: SIMPLE, secretName: shop}}]\n---\n' +
        'apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: shop, namespace: ops}\nspec:\n  hosts: [shop.example.com]\n  virtualGateways: [{name: edge}]\n  http: [{name: cart, matchers: [{uri: {prefix: /cart}}], redirect: {hostRedirect: cart.example.com, pathRedirect: /}}]\n',
    );
    const tests = join(dir, 'tests.yaml');
    writeFileSync(tests, 'tests:\n  - name: cart\n    request: GET https://shop.example.com/cart\n    expect: {redirect: "https://cart.example.com/"}\n');
    // a name without an extension: the tests under it, the route configuration beside it as JSON
    const result = await runInProcess(['test', manifests, '--tests', tests, '-q', '--export-envoy-tests', join(dir, 'router-tests')]);
    expect(result.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['router-tests', 'router-tests.route-config.json', 'shop.yaml', 'tests.yaml']);
    const exported = readJson(join(dir, 'router-tests')).tests as RouterCheckTest[];
    expect(exported.map((t) => [t.input.ssl, t.validate.path_redirect])).toEqual([[true, 'https://cart.example.com/']]);
    expect(routerCheck(readJson(join(dir, 'router-tests.route-config.json')), exported)).toEqual([]);
  });

  it('names each listener\'s pair of files within 200 bytes, however long the gateways\' names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-rct-long-'));
    const manifests = join(dir, 'long.yaml');
    // two gateways named at the Kubernetes limit of 253 characters, told apart at the end
    const name = (c: string) => `${'g'.repeat(251)}-${c}`;
    const gateway = (c: string) => `apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: ${name(c)}, namespace: ops}\nspec:\n  listeners: [{port: {number: 80${c === 'a' ? '80' : '81'}}, http: {}}]\n---\n`;
    const table = (c: string) => `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: ${c}, namespace: ops}\nspec:\n  hosts: [${c}.example.com]\n  virtualGateways: [{name: ${name(c)}}]\n  http: [{name: r, directResponse: {status: 200}}]\n---\n`;
    writeFileSync(manifests, gateway('a') + gateway('b') + table('a') + table('b'));
    const tests = join(dir, 'tests.yaml');
    writeFileSync(tests, 'tests:\n  - request: GET http://a.example.com:8080/\n    expect: {status: 200}\n  - request: GET http://b.example.com:8081/\n    expect: {status: 200}\n');
    const result = await runInProcess(['test', manifests, '--tests', tests, '-q', '--export-envoy-tests', join(dir, 'exported-router-tests.json')]);
    expect(result.code).toBe(0);
    const written = readdirSync(dir).filter((f) => f.startsWith('exported-'));
    expect(written).toHaveLength(4);
    expect(written.filter((f) => Buffer.byteLength(f) > 200)).toEqual([]);
  });

  it('with ports in the Host header and host names in any case: the route configurations ignore the port, as the model does', async () => {
    const { result, dir, failures } = await exportAndCheck('fixtures/model/semantics/host-port-and-case.yaml', 'fixtures/model/semantics/host-port-and-case.tests.yaml');
    expect(result.code).toBe(0);
    expect(failures).toEqual([]);
    const config = readJson(join(dir, 'tests.gateways.edge.8443.route-config.json'));
    const tests = readJson(join(dir, 'tests.gateways.edge.8443.json')).tests;
    expect(tests.map((t: { input: { authority: string } }) => t.input.authority)).toContain('SHOP.Example.COM:8443');
    // a Host header given is the authority, not a header beside it, which no client sends
    expect(tests.flatMap((t: RouterCheckTest) => t.input.additional_request_headers ?? []).filter((h: { key: string }) => h.key.toLowerCase() === 'host')).toEqual([]);
    // without it, every test that sends a port finds no virtual host
    delete config.ignore_port_in_host_matching;
    expect(routerCheck(config, tests)).toHaveLength(tests.length);
    const redirects = readJson(join(dir, 'tests.gateways.edge.8080.json')).tests;
    expect(redirects[0].validate.path_redirect).toBe('https://shop.example.com:8080/cart');
  });

  it('with path rewrites: the path each route sends on, prefix and regex rewrites, as Envoy\'s router rewrites it', async () => {
    const { result, dir, failures } = await exportAndCheck('fixtures/model/semantics/prefix-rewrite-slash.yaml', 'fixtures/model/semantics/prefix-rewrite-slash.tests.yaml');
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

  it('with host rewrites: the Host a hostRewrite sets, and none for autoHostRewrite, which needs the upstream host', async () => {
    const { result, dir, failures } = await exportAndCheck('fixtures/model/semantics/host-rewrite.yaml', 'fixtures/model/semantics/host-rewrite.tests.yaml');
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

  it('with two root tables on one host: the first table\'s catch-all is compiled last, as the model orders it', async () => {
    const { result, dir, failures } = await exportAndCheck('fixtures/model/semantics/catch-all-last.yaml', 'fixtures/model/semantics/catch-all-last.tests.yaml');
    expect(result.code).toBe(0);
    expect(failures).toEqual([]);
    const config = readJson(join(dir, 'tests.route-config.json'));
    expect(config.virtual_hosts[0].routes.map((r: { name: string }) => r.name)).toEqual(['health', 'home', 'orders', 'home~2', 'orders-default', 'legacy']);
  });

  it('with header matchers on pseudo-headers (:authority, host, :path with its query, :method, :scheme): Envoy reads the request\'s own', async () => {
    const { result, failures, pairs, dir } = await exportAndCheck('fixtures/model/semantics/pseudo-header-matchers.yaml', 'fixtures/model/semantics/pseudo-header-matchers.tests.yaml');
    expect(result.stderr).not.toMatch(/internal error/);
    expect(pairs).toHaveLength(1);
    expect(failures).toEqual([]);
    // the routes answer directly, which router_check_tool's fields do not tell apart: the route Envoy's
    // router picks, by name, is the one each test expects
    const config = readJson(join(dir, pairs[0]!.replace(/\.json$/, '.route-config.json')));
    const tests = readJson(join(dir, pairs[0]!)).tests as RouterCheckTest[];
    expect(tests.map((t) => routerAnswer(config, t.input).route_name)).toEqual(['by-authority', 'host-with-port', 'any-host', 'by-path-and-query', 'deletes', 'updates', 'updates', 'rest', 'plain-http', 'rest']);
  });

  it('exports the path the gateway routes by, normalised', async () => {
    const { result, dir, failures } = await exportAndCheck('fixtures/model/semantics/path-normalisation.yaml', 'fixtures/model/semantics/path-normalisation.tests.yaml');
    expect(result.code).toBe(0);
    expect(failures).toEqual([]);
    expect(readJson(join(dir, 'tests.json')).tests.map((t: { input: { path: string } }) => t.input.path)).toEqual(['/admin/users', '/admin', '/admin', '/admin', '/public%2F..%2Fadmin', '//admin']);
  });

  it('exports the query as sent, and the router check reads its first values undecoded as Envoy does', async () => {
    const { result, dir, failures } = await exportAndCheck('fixtures/model/semantics/query-parameters.yaml', 'fixtures/model/semantics/query-parameters.tests.yaml');
    expect(result.code).toBe(0);
    expect(failures).toEqual([]);
    expect(readJson(join(dir, 'tests.json')).tests.map((t: { input: { path: string } }) => t.input.path)).toContain('/search?tag=c%2B%2B');
  });

  it('with regex rewrites: every match replaced, and nothing where the substitution names a missing group, as RE2 does', async () => {
    const { result, dir, failures } = await exportAndCheck('fixtures/model/semantics/regex-rewrite-every-match.yaml', 'fixtures/model/semantics/regex-rewrite-every-match.tests.yaml');
    expect(result.code).toBe(0);
    expect(failures).toEqual([]);
    expect(readJson(join(dir, 'tests.json')).tests.map((t: RouterCheckTest) => t.validate.path_rewrite)).toContain('/legacy/items/7');
  });

  it('reads the query from the first `?`, a later one in a value, on the model and the router check alike', async () => {
    const { result, failures } = await exportAndCheck('fixtures/real-world/query-parameter-matchers', 'fixtures/real-world/query-parameter-matchers/tests.yaml');
    expect(result.code).toBe(0);
    expect(failures).toEqual([]);
  });

  it('renders an empty header or query value as a presence match, as Gloo reads it', async () => {
    const { result, dir, failures } = await exportAndCheck('fixtures/model/semantics/empty-is-unset.yaml', 'fixtures/model/semantics/empty-is-unset.tests.yaml');
    expect(result.code).toBe(0);
    expect(failures).toEqual([]);
    const routes = readJson(join(dir, 'tests.route-config.json')).virtual_hosts[0].routes;
    expect(routes[0].match.headers).toEqual([{ name: 'x-beta', present_match: true }]);
    expect(routes[1].match.query_parameters).toEqual([{ name: 'debug', present_match: true }]);
  });

  it('leaves out the matchers Envoy refuses, whose requests reach the routes after them, as the model answers', async () => {
    const { result, dir, failures } = await exportAndCheck('fixtures/model/semantics/refused-matcher.yaml', 'fixtures/model/semantics/refused-matcher.tests.yaml');
    // the input has errors (GW4015, GW4036): exit 1, the tests exported all the same
    expect(result.code).toBe(1);
    expect(failures).toEqual([]);
    expect(readJson(join(dir, 'tests.json')).tests).toHaveLength(4);
    const routes = readJson(join(dir, 'tests.route-config.json')).virtual_hosts[0].routes;
    expect(routes.map((r: { name: string }) => r.name)).toEqual(['reports', 'fallback']);
  });

  it.each(readdirSync(join(ROOT, 'fixtures/real-world')))('on the real-world set %s', async (set) => {
    const { result, failures } = await exportAndCheck(`fixtures/real-world/${set}`, `fixtures/real-world/${set}/tests.yaml`);
    expect(result.code).toBe(0);
    expect(failures).toEqual([]);
  });

  it('the checker catches a compiled route that disagrees (a canary weight, a cluster, a redirect)', async () => {
    const { dir } = await exportAndCheck('fixtures/examples', 'fixtures/examples-tests');
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
