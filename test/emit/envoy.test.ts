import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type protobuf from 'protobufjs';
import { envoyBehaviourViolations } from '../helpers/envoy/behaviour';
import { envoyInvariantViolations } from '../helpers/envoy/invariants';
import { envoyProtos } from '../helpers/envoy/envoy-protos';
import { checkProtoJson } from '../helpers/envoy/proto-json';
import { ROOT } from '../helpers/run-cli';
import { runInProcess } from '../helpers/run-in-process';
import { goldenRenderTests, renderTarget } from '../helpers/render-golden';
import { writeCorpus } from '../../scripts/generate-corpus.mjs';

const BOOTSTRAP = 'envoy.config.bootstrap.v3.Bootstrap';

// Golden outputs: the bundled example and fixtures covering both forms, canaries, both dialects,
// delegation and filtered routes. Each is also read strictly against Envoy's API and its invariants.
const CASES: Array<[string, string[]]> = [
  ['examples-upstream', ['fixtures/examples']],
  ['examples-listener', ['fixtures/examples', '--envoy-form', 'listener']],
  ['seed-01-dialect-2.2', ['fixtures/seeds/01-gloo-platform-lambda.yaml']],
  ['features-upstream', ['fixtures/render/features.yaml']],
  // --force: the listener form cannot sign a rewritten path, so one route becomes a direct 500 (GW7007)
  ['features-listener', ['fixtures/render/features.yaml', '--envoy-form', 'listener', '--force']],
  ['delegation', ['fixtures/model/delegation.yaml', '--force']],
  ['filters', ['fixtures/model/filters.yaml', '--force']],
  ['weights', ['fixtures/model/weights.yaml', '--force']],
  ['collisions-dialect-2.2', ['fixtures/model/collisions.yaml', '--force', '--envoy-form', 'listener']],
  ['shared-ports', ['fixtures/render/shared-ports.yaml']],
  // RetryTimeoutPolicies' request timeouts on the routes they select, with idle timeouts past 5 minutes
  ['route-timeouts', ['fixtures/render/route-timeouts.yaml']],
];

let root: protobuf.Root;
beforeAll(async () => {
  root = await envoyProtos();
});

const render = (args: string[]) => renderTarget('envoy', args);

describe.each(CASES)('gwctl render --target envoy: %s', async (name, args) => {
  const first = await goldenRenderTests('envoy', args, `../golden/envoy/${name}.yaml`);

  it('reads as envoy.config.bootstrap.v3.Bootstrap, strictly', async () => {
    expect(checkProtoJson(root, BOOTSTRAP, parse(first.stdout))).toEqual([]);
  });

  it('keeps the nine invariants', async () => {
    expect(envoyInvariantViolations(parse(first.stdout))).toEqual([]);
  });

  it('behaves as a production proxy (no re-run retries, fail-closed roles, TLS names, edge defaults)', async () => {
    expect(envoyBehaviourViolations(parse(first.stdout))).toEqual([]);
  });

});

describe('the strict reader and the invariants can fail', async () => {
  // rendered once; each case breaks a copy of its own
  const examples = (await render(['fixtures/examples'])).stdout;
  const examplesListener = (await render(['fixtures/examples', '--envoy-form', 'listener'])).stdout;
  const good = () => parse(examples);
  const listenerForm = () => parse(examplesListener);
  // functions in every partition: China's, the European Sovereign Cloud's and an ISO cloud's endpoints
  const partitionsText = (await render(['fixtures/model/semantics/aws-partitions.yaml'])).stdout;
  const partitions = () => parse(partitionsText);
  const clusterOf = (b: any, region: string) => b.static_resources.clusters.find((c: any) => c.name.includes(`_${region}_`));
  // the example's routes are served on its TLS listener (port 80 only redirects)
  const hcm = (b: any) => b.static_resources.listeners.find((l: any) => l.address.socket_address.port_value === 443).filter_chains[0].filters[0].typed_config;

  it('rejects a misspelt field', async () => {
    const b = good();
    b.static_resources.clusters[0].transport_socket.typed_config.snii = b.static_resources.clusters[0].transport_socket.typed_config.sni;
    expect(checkProtoJson(root, BOOTSTRAP, b)).toEqual([expect.stringMatching(/UpstreamTlsContext has no field snii$/)]);
  });

  it('rejects a stale v2 type URL and an empty router config', async () => {
    const b = good();
    hcm(b)['@type'] = 'type.googleapis.com/envoy.config.filter.network.http_connection_manager.v2.HttpConnectionManager';
    expect(checkProtoJson(root, BOOTSTRAP, b)).toEqual([expect.stringMatching(/does not resolve to a known message$/)]);
    const c = good();
    hcm(c).http_filters[0].typed_config = {};
    expect(checkProtoJson(root, BOOTSTRAP, c)).toEqual([expect.stringMatching(/an Any needs "@type"/)]);
  });

  it('rejects wrong value types, bad enums and empty required strings', async () => {
    const b = good();
    b.static_resources.clusters[0].connect_timeout = 5;
    b.static_resources.clusters[0].lb_policy = 'ROUND_ROBBIN';
    const lambda = b.static_resources.clusters[0].typed_extension_protocol_options['envoy.extensions.upstreams.http.v3.HttpProtocolOptions'].http_filters[0].typed_config;
    lambda.arn = '';
    expect(checkProtoJson(root, BOOTSTRAP, b)).toHaveLength(3);
  });

  it('rejects a header matcher without a name or with a line break in it', async () => {
    const b = good();
    const route = hcm(b).route_config.virtual_hosts[0].routes.find((r: any) => r.match.headers);
    route.match.headers[0].name = '';
    expect(checkProtoJson(root, BOOTSTRAP, b)).toEqual([expect.stringMatching(/\.name: must be at least 1 character\(s\) long$/)]);
    route.match.headers[0].name = 'x-beta\nx';
    expect(checkProtoJson(root, BOOTSTRAP, b)).toEqual([expect.stringMatching(/\.name: "x-beta\\nx" is not a valid header name$/)]);
  });

  it('the published Envoy 1.14 tutorial config fails the check, as it should', async () => {
    const seed = parse(readFileSync(join(ROOT, 'fixtures/seeds/04-envoy-1.14-lambda.yaml'), 'utf8'));
    const issues = checkProtoJson(root, BOOTSTRAP, seed);
    expect(issues.some((i) => /v2\.HttpConnectionManager does not resolve/.test(i))).toBe(true);
    expect(issues.some((i) => /api\.v2\.auth\.UpstreamTlsContext does not resolve/.test(i))).toBe(true);
  });

  it('catches a broken invariant in each of the ten ways', async () => {
    const cases: Array<[RegExp, (b: any) => void, () => any]> = [
      [/^1: /, (b) => (b.static_resources.clusters[0].load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address.address = 'lambda.us-east-9.amazonaws.com'), good],
      // the region's own, with the DNS suffix of another partition
      [/^1: .*eusc-de-east-1, cluster endpoint lambda\.eusc-de-east-1\.amazonaws\.com$/, (b) => (clusterOf(b, 'eusc-de-east-1').load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address.address = 'lambda.eusc-de-east-1.amazonaws.com'), partitions],
      [/^2: /, (b) => (hcm(b).route_config.virtual_hosts[0].routes[1].typed_per_filter_config = { 'envoy.filters.http.lambda': {} }), listenerForm],
      [/^3: /, (b) => hcm(b).http_filters.reverse(), listenerForm],
      [/^4: /, (b) => (b.static_resources.clusters[0].metadata.filter_metadata['com.amazonaws.lambda'].egress_gateway = 'true'), listenerForm],
      [/^5: /, (b) => (hcm(b).route_config.virtual_hosts[0].routes[1].route.weighted_clusters.clusters[0].typed_per_filter_config['envoy.filters.http.aws_lambda'].invoke_config.host_rewrite = 'localhost:10000'), listenerForm],
      [/^6: /, (b) => (b.static_resources.clusters[0].typed_extension_protocol_options['envoy.extensions.upstreams.http.v3.HttpProtocolOptions'].http_filters[0].typed_config.arn = 'arn:aws:lambda:us-west-1:function:x'), good],
      [/^7: /, (b) => (b.static_resources.clusters.push({ ...b.static_resources.clusters[0], name: 'ec2_instance_metadata_server_internal' })), good],
      [/^8: /, (b) => b.static_resources.clusters.push(b.static_resources.clusters[0]), good],
      // Envoy lower-cases domains before it looks for one written twice
      [/^8: duplicate domain/, (b) => { const vh = hcm(b).route_config.virtual_hosts; vh.push({ ...vh[0], name: 'upper', domains: [vh[0].domains[0].toUpperCase()] }); }, good],
      [/^9: .* binds port/, (b) => b.static_resources.listeners.push({ ...b.static_resources.listeners[0], name: 'another' }), good],
      [/^9: .* same match/, (b) => b.static_resources.listeners[0].filter_chains.push(b.static_resources.listeners[0].filter_chains[0]), good],
      [/^9: .* TLS inspector/, (b) => (b.static_resources.listeners[0].filter_chains[0].filter_chain_match = { server_names: ['a.example.com'] }), good],
      [/^9: .* admin interface/, (b) => (b.admin.address.socket_address.port_value = b.static_resources.listeners[0].address.socket_address.port_value), good],
      // the example's TLS listener asking for client certificates with nothing to verify them against
      [/^10: .* no CA/, (b) => (b.static_resources.listeners.find((l: any) => l.filter_chains[0].transport_socket).filter_chains[0].transport_socket.typed_config.require_client_certificate = true), good],
    ];
    for (const [rule, breakIt, make] of cases) {
      const b = make();
      expect(envoyInvariantViolations(b)).toEqual([]);
      breakIt(b);
      expect(envoyInvariantViolations(b).some((v) => rule.test(v)), String(rule)).toBe(true);
    }
  });
});

describe('the behavioural checker can fail', async () => {
  const features = (await render(['fixtures/render/features.yaml'])).stdout;
  const examplesListener = (await render(['fixtures/examples', '--envoy-form', 'listener'])).stdout;
  const good = () => parse(features);
  const listenerForm = () => parse(examplesListener);
  const hcms = (b: any): any[] => b.static_resources.listeners.map((l: any) => l.filter_chains[0].filters[0].typed_config);
  const toLambda = (r: any): boolean => [r.route?.cluster, ...(r.route?.weighted_clusters?.clusters ?? []).map((c: any) => c.name)].some((name) => /^lambda_/.test(name ?? ''));
  const lambdaRoutes = (b: any): any[] => hcms(b).flatMap((h) => h.route_config.virtual_hosts.flatMap((vh: any) => vh.routes)).filter(toLambda);
  const withOwnPolicy = (b: any): any[] => lambdaRoutes(b).filter((r: any) => r.route.retry_policy?.retriable_headers);
  // a virtual host whose policy a Lambda route takes, having none of its own
  const lambdaHost = (b: any): any => hcms(b).flatMap((h) => h.route_config.virtual_hosts).find((vh: any) => vh.routes.some((r: any) => toLambda(r) && !r.route.retry_policy));
  const lambdaClusters = (b: any): any[] => b.static_resources.clusters.filter((c: any) => c.name.startsWith('lambda_'));
  const upstreamFilter = (c: any, name: string) => c.typed_extension_protocol_options['envoy.extensions.upstreams.http.v3.HttpProtocolOptions'].http_filters.find((f: any) => f.name === name).typed_config;
  const withRole = (b: any) => lambdaClusters(b).find((c: any) => upstreamFilter(c, 'envoy.filters.http.aws_request_signing').credential_provider);

  it('names each broken property', async () => {
    const cases: Array<[string, (b: any) => void, () => any]> = [
      ['no-rerun', (b) => (withOwnPolicy(b)[0].route.retry_policy.retry_on = '5xx'), good],
      ['no-rerun', (b) => (withOwnPolicy(b)[0].route.retry_policy.retriable_headers[0].string_match.prefix = 'Too'), good],
      ['no-rerun', (b) => (withOwnPolicy(b)[0].route.retry_policy.retriable_headers[0].name = 'x-amzn-requestid'), good],
      // the form before: a 429 the upstream filter made from the function's statusCode was retried
      ['no-rerun', (b) => Object.assign(withOwnPolicy(b)[0].route.retry_policy, { retry_on: 'connect-failure,retriable-status-codes', retriable_status_codes: [429] }), good],
      // a Lambda route without a policy of its own takes its virtual host's
      ['no-rerun', (b) => (lambdaHost(b).retry_policy.retry_on += ',5xx'), good],
      ['no-rerun', (b) => (lambdaHost(b).retry_policy.retry_on = 'gateway-error'), listenerForm],
      ['no-rerun', (b) => Object.assign(lambdaHost(b).retry_policy, { retry_on: 'retriable-status-codes', retriable_status_codes: [503] }), listenerForm],
      ['no-rewrite-signed', (b) => (lambdaRoutes(b)[0].route.prefix_rewrite = '/x'), listenerForm],
      ['canary-stats', (b) => { const w = hcms(b).flatMap((h) => h.route_config.virtual_hosts.flatMap((vh: any) => vh.routes)).find((r: any) => r.route?.weighted_clusters).route.weighted_clusters.clusters; w[1].name = w[0].name; }, listenerForm],
      // a route that waits longer than its stream may sit idle: its own idle timeout, or no timeout at all under the 5 minutes
      ['timeouts', (b) => (lambdaRoutes(b)[0].route.timeout = '600s'), good],
      ['timeouts', (b) => (lambdaRoutes(b)[0].route.idle_timeout = '30s'), good],
      ['timeouts', (b) => (lambdaRoutes(b)[0].route.timeout = '0s'), good],
      ['timeouts', (b) => (hcms(b)[0].stream_idle_timeout = '30s'), good],
      ['timeouts', (b) => delete hcms(b)[0].request_headers_timeout, good],
      ['tls-name', (b) => (lambdaClusters(b)[0].transport_socket.typed_config.common_tls_context.validation_context.match_typed_subject_alt_names = []), good],
      ['buffer-limit', (b) => delete lambdaClusters(b)[0].per_connection_buffer_limit_bytes, good],
      ['buffer-limit', (b) => (b.static_resources.listeners[0].per_connection_buffer_limit_bytes = 1048576), good],
      ['retries-not-starved', (b) => delete lambdaClusters(b)[0].circuit_breakers, good],
      ['fail-closed', (b) => delete upstreamFilter(withRole(b), 'envoy.filters.http.aws_lambda').credentials, good],
      ['session-name', (b) => (upstreamFilter(withRole(b), 'envoy.filters.http.aws_request_signing').credential_provider.assume_role_credential_provider.role_session_name = `gwctl-${'x'.repeat(60)}`), good],
      ['normalisation', (b) => (hcms(b)[0].normalize_path = false), good],
      ['normalisation', (b) => delete hcms(b)[0].merge_slashes, good],
      ['normalisation', (b) => delete hcms(b)[0].path_with_escaped_slashes_action, good],
      ['host-port', (b) => delete hcms(b)[0].route_config.ignore_port_in_host_matching, good],
      ['direct-body', (b) => hcms(b)[0].route_config.virtual_hosts[0].routes.unshift({ name: 'page', match: { prefix: '/page' }, direct_response: { status: 200, body: { inline_string: 'x'.repeat(4097) } } }), good],
      ['client-address', (b) => delete hcms(b)[0].use_remote_address, good],
      ['headers', (b) => delete hcms(b)[0].common_http_protocol_options.headers_with_underscores_action, good],
      ['server-header', (b) => delete hcms(b)[0].server_header_transformation, good],
      ['access-log', (b) => delete hcms(b)[0].access_log, good],
      ['placeholder-arn', (b) => { const h = hcms(b)[1]; h.http_filters[0].typed_config.arn = /arn:aws:lambda:[^"]*:111111111111:[^"]+/.exec(JSON.stringify(b))![0]; }, listenerForm],
      ['memory-bound', (b) => delete b.overload_manager, good],
      ['regex-size', (b) => delete b.layered_runtime, good],
    ];
    for (const [property, breakIt, make] of cases) {
      const b = make();
      expect(envoyBehaviourViolations(b)).toEqual([]);
      breakIt(b);
      expect(envoyBehaviourViolations(b).map((v) => v.split(':')[0]), property).toContain(property);
    }
  });

  it('lets the listener form retry status 429: its router sees Lambda\'s own status, before the filter reads the function\'s answer', () => {
    const b = listenerForm();
    Object.assign(lambdaHost(b).retry_policy, { retry_on: 'connect-failure,retriable-status-codes', retriable_status_codes: [429] });
    delete lambdaHost(b).retry_policy.retriable_headers;
    expect(envoyBehaviourViolations(b)).toEqual([]);
  });
});

describe('an invoke role\'s session name', () => {
  it('is one STS takes, whatever the CloudProvider\'s namespace and name (up to 63 and 253 characters)', async () => {
    const namespace = 'n'.repeat(63);
    const name = `p.${'q'.repeat(200)}`;
    const input = `apiVersion: infrastructure.gloo.solo.io/v2
kind: CloudProvider
metadata: {name: ${name}, namespace: ${namespace}}
spec: {aws: {accountId: '111111111111', region: us-east-1, lambda: {invokeRoleName: invoker}}}
---
apiVersion: networking.gloo.solo.io/v2
kind: VirtualGateway
metadata: {name: gw, namespace: ${namespace}}
spec: {listeners: [{port: {number: 80}, http: {}}]}
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: t, namespace: ${namespace}}
spec:
  hosts: [x.example.com]
  virtualGateways: [{name: gw}]
  http: [{name: r, forwardTo: {destinations: [{awsLambda: {cloudProvider: {name: ${name}}, function: f}}]}}]
`;
    const result = await runInProcess(['render', '--target', 'envoy', '-q', '-'], { input });
    expect(result.code).toBe(0);
    const b = parse(result.stdout);
    expect(envoyBehaviourViolations(b)).toEqual([]);
    expect(result.stdout).toMatch(/role_session_name: gwctl-n{58}\n/);
  });
});

describe('gwctl render: behaviour', () => {
  it('refuses to render input with errors, and says so', async () => {
    const result = await runInProcess(['render', '--target', 'envoy', 'fixtures/model/filters.yaml']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('GW5003');
    expect(result.stderr).toContain('gwctl: nothing rendered: the input has findings at or above error (render anyway with --force)');
  });

  it('prints the report after the output, and before the error of an output it could not write', async () => {
    // stdout and stderr into one pipe: the order is the order of the writes
    const both = spawnSync('sh', ['-c', `"${process.execPath}" bin/gwctl render -t gateway-api fixtures/examples 2>&1`], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH, NO_COLOR: '1' } });
    expect(both.status).toBe(0);
    const lastDocument = both.stdout.lastIndexOf('\nkind: ');
    const firstFinding = both.stdout.indexOf(' GW7102');
    expect(lastDocument).toBeGreaterThan(0);
    expect(firstFinding).toBeGreaterThan(lastDocument);
    expect(both.stdout.trimEnd().split('\n').at(-1)).toMatch(/^gwctl: read \d+ files/);
    // a write that fails (into a folder that is not there): the findings first, then the error, exit 2
    const failed = await runInProcess(['render', '-t', 'gateway-api', 'fixtures/examples', '-o', join(tmpdir(), 'gwctl-no-such-folder', 'sub', 'out.yaml')]);
    expect(failed.code).toBe(2);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toMatch(/GW7102[\s\S]*gwctl: read \d+ files[\s\S]*gwctl: .*gwctl-no-such-folder/);
    expect(failed.stderr).not.toContain('    at ');
  });

  it('--force renders failed routes as direct responses 500', async () => {
    const result = await runInProcess(['render', '--target', 'envoy', 'fixtures/model/filters.yaml', '--force', '-q']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('inline_string: "route replaced: invalid configuration (GW5003)"');
  });

  it('-o writes the file atomically and nothing to stdout; json is the same bootstrap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-render-'));
    const out = join(dir, 'envoy.yaml');
    const result = await runInProcess(['render', '--target', 'envoy', 'fixtures/examples', '-o', out, '-q']);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(readdirSync(dir)).toEqual(['envoy.yaml']);
    const json = await runInProcess(['render', '--target', 'envoy', 'fixtures/examples', '--output-format', 'json', '-q']);
    expect(JSON.parse(json.stdout)).toEqual(parse(readFileSync(out, 'utf8')));
  });

  it('honours --listen, --route-timeout and --ca-file', async () => {
    const b = parse((await runInProcess(['render', '-t', 'envoy', 'fixtures/model/weights.yaml', '--force', '-q', '--listen', '127.0.0.1:8000', '--route-timeout', '2m'])).stdout);
    expect(b.static_resources.listeners[0].address.socket_address).toEqual({ address: '127.0.0.1', port_value: 8000 });
    expect(b.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0].route.timeout).toBe('120s');
    const c = parse((await runInProcess(['render', '-t', 'envoy', 'fixtures/examples', '-q', '--ca-file', '/ca.pem'])).stdout);
    expect(c.static_resources.clusters[0].transport_socket.typed_config.common_tls_context.validation_context.trusted_ca.filename).toBe('/ca.pem');
  });

  it('--listen takes a port from 1 to 65535; --route-timeout from 1ms to Lambda\'s 15 minutes, refused outside', async () => {
    const render = (...flags: string[]) => runInProcess(['render', '-t', 'envoy', 'fixtures/model/weights.yaml', '--force', '-q', ...flags]);
    for (const bad of ['0.0.0.0:0', '0.0.0.0:65536', '99999', '0']) {
      expect(await render('--listen', bad), bad).toMatchObject({ code: 2, stdout: '', stderr: `gwctl: error: --listen ${bad}: expected ADDRESS:PORT or PORT, such as 0.0.0.0:10000\n` });
    }
    for (const [good, port] of [['0.0.0.0:65535', 65535], ['1', 1]] as const) {
      const result = await render('--listen', good);
      expect(result.code, good).toBe(0);
      expect(parse(result.stdout).static_resources.listeners[0].address.socket_address.port_value, good).toBe(port);
    }
    for (const [bad, why] of [['0s', 'at least 1ms'], ['0.4ms', 'at least 1ms'], ['901s', "longer than Lambda's 15 minutes"], ['16m', "longer than Lambda's 15 minutes"]] as const) {
      const result = await render('--route-timeout', bad);
      expect(result.code, bad).toBe(2);
      expect(result.stderr, bad).toContain(`--route-timeout ${bad}: ${why}`);
    }
    // written in whole milliseconds, without the float's noise (1.1 x 60 is 66.00000000000001), spaces around taken off
    // a duration as Go writes it, as Gloo Platform's policies take it; nothing else
    for (const bad of ['35', '1d', '-1s', '1 m', 'PT35S']) expect((await render('--route-timeout', bad)).stderr, bad).toContain(`--route-timeout ${bad}: expected a duration such as 35s, 2m or 1500ms`);
    for (const [good, written] of [['1ms', '0.001s'], ['15m', '900s'], ['900s', '900s'], ['1.1m', '66s'], ['1.0004s', '1s'], [' 35s ', '35s'], ['1m30s', '90s'], ['1500ms', '1.5s']] as const) {
      const result = await render('--route-timeout', good);
      expect(result.code, good).toBe(0);
      expect(parse(result.stdout).static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0].route.timeout, good).toBe(written);
    }
  });

  it('rejects bad flag values as usage errors', async () => {
    expect((await runInProcess(['render', '-t', 'envoy', 'fixtures/examples', '--listen', 'x:99999'])).code).toBe(2);
    expect((await runInProcess(['render', '-t', 'envoy', 'fixtures/examples', '--route-timeout', 'soon'])).code).toBe(2);
    expect((await runInProcess(['render', 'fixtures/examples'])).code).toBe(2);
  });

  it('--listen takes an IP address: Envoy binds a listener to no name, and refuses a malformed address', async () => {
    // written as given before (`address: localhost`), a bootstrap Envoy refuses at start
    for (const bad of ['localhost:8000', 'a b:80', '999.1.1.1:80', '[zz]:80', '[1.2.3.4]:80', '0:80']) {
      const result = await runInProcess(['render', '-t', 'envoy', 'fixtures/examples', '--listen', bad]);
      expect(result.code, bad).toBe(2);
      expect(result.stderr, bad).toMatch(/^gwctl: error: --listen .*: .* is not an IP address \(IPv4, or IPv6 in brackets as in \[::\]:10000\): Envoy binds a listener to an address, not a name\n$/);
    }
    for (const [good, address] of [['[::]:8080', '::'], ['10.0.0.1:80', '10.0.0.1'], ['8000', '0.0.0.0']] as const) {
      const result = await runInProcess(['render', '-t', 'envoy', 'fixtures/model/weights.yaml', '--force', '-q', '--listen', good]);
      expect(result.code, good).toBe(0);
      expect(parse(result.stdout).static_resources.listeners.some((l: { address: { socket_address: { address: string } } }) => l.address.socket_address.address === address), good).toBe(true);
    }
  });

  it('--envoy-version: the header names the minimum; roles on 1.35-1.38 name the hang; older is refused', async () => {
    expect((await render(['fixtures/examples'])).stdout).toMatch(/^# .*needs Envoy 1\.39 or later .*rendered for 1\.39\./);
    expect((await render(['fixtures/render/features.yaml', '--envoy-form', 'listener', '--force'])).stdout).toMatch(/^# .*listener form: needs Envoy 1\.30 or later/);
    const hang = await runInProcess(['render', '-t', 'envoy', 'fixtures/examples', '--envoy-version', '1.36']);
    expect(hang).toMatchObject({ code: 1, stdout: '' });
    expect(hang.stderr).toMatch(/envoy issue 45643, fixed in 1\.39\.0\)  GW7009/);
    const old = await runInProcess(['render', '-t', 'envoy', 'fixtures/examples', '--envoy-version', '1.32']);
    expect(old.stderr).toContain('GW7008');
    // without roles the upstream form runs on 1.35
    expect((await runInProcess(['render', '-t', 'envoy', 'fixtures/model/weights.yaml', '--force', '-q', '--envoy-version', '1.35'])).code).toBe(0);
    expect((await runInProcess(['render', '-t', 'envoy', 'fixtures/examples', '--envoy-version', '1.29'])).code).toBe(2);
    expect((await runInProcess(['render', '-t', 'envoy', 'fixtures/examples', '--envoy-version', 'latest'])).code).toBe(2);
  });

  it('honours the edge flags: --trusted-hops, --escaped-slashes, --max-request-size, --max-heap, --service-retries', async () => {
    const b = parse((await render(['fixtures/render/features.yaml', '--trusted-hops', '2', '--escaped-slashes', 'redirect', '--max-request-size', '8MiB', '--max-heap', '2G', '--service-retries', '5xx'])).stdout);
    const hcm = b.static_resources.listeners[0].filter_chains[0].filters[0].typed_config;
    expect(hcm).toMatchObject({ xff_num_trusted_hops: 2, path_with_escaped_slashes_action: 'UNESCAPE_AND_REDIRECT' });
    expect(b.static_resources.listeners[0].per_connection_buffer_limit_bytes).toBe(8 * 1024 * 1024);
    expect(b.overload_manager.resource_monitors[0].typed_config.max_heap_size_bytes).toBe(2 * 1024 ** 3);
    const hosts = b.static_resources.listeners.flatMap((l: any) => l.filter_chains[0].filters[0].typed_config.route_config.virtual_hosts);
    const toService = (vh: any) => vh.routes.find((r: any) => r.route && /^svc_/.test(r.route.cluster ?? ''));
    // Envoy applies a route's own policy, else its virtual host's
    const applied = hosts.filter(toService).map((vh: any) => toService(vh).route.retry_policy ?? vh.retry_policy);
    expect(applied.length).toBeGreaterThan(0);
    for (const policy of applied) expect(policy.retry_on).toBe('connect-failure,refused-stream,reset-before-request,5xx');
    // 5xx stays off Lambda routes whatever the flag says
    expect(envoyBehaviourViolations(b)).toEqual([]);
    const none = parse((await render(['fixtures/render/features.yaml', '--service-retries', 'none'])).stdout);
    // no policy on the route, and none on its virtual host for it to take
    const noneHosts = none.static_resources.listeners.flatMap((l: any) => l.filter_chains[0].filters[0].typed_config.route_config.virtual_hosts).filter(toService);
    expect(noneHosts.length).toBeGreaterThan(0);
    for (const vh of noneHosts) expect([toService(vh).route.retry_policy, vh.retry_policy]).toEqual([undefined, undefined]);
    // a route timeout beyond Lambda's 15 minutes is a usage error; the idle timeout follows a long one
    expect((await runInProcess(['render', '-t', 'envoy', 'fixtures/examples', '--route-timeout', '16m'])).code).toBe(2);
    const long = parse((await render(['fixtures/examples', '--route-timeout', '15m'])).stdout);
    expect(long.static_resources.listeners[1].filter_chains[0].filters[0].typed_config.stream_idle_timeout).toBe('960s');
    expect((await runInProcess(['render', '-t', 'envoy', 'fixtures/examples', '--max-request-size', 'lots'])).code).toBe(2);
  });

  it('refuses a route timeout Envoy would read as none, and sizes that would refuse every request', async () => {
    // under half a millisecond was written `0s`: "A value of 0 will disable the route's timeout"
    for (const timeout of ['0.0001s', '0.4ms', '0s']) {
      const result = await runInProcess(['render', '-t', 'envoy', 'fixtures/examples', '--route-timeout', timeout]);
      expect(result.stderr).toBe(`gwctl: error: --route-timeout ${timeout}: at least 1ms (a timeout of 0 is no timeout in Envoy)\n`);
      expect(result.code).toBe(2);
    }
    const fast = parse((await render(['fixtures/examples', '--route-timeout', '1ms'])).stdout);
    expect(JSON.stringify(fast)).toContain('"timeout":"0.001s"');
    // a number without a unit is bytes: a heap of 512 bytes, or 6, refused every request
    const heap = await runInProcess(['render', '-t', 'envoy', 'fixtures/examples', '--max-heap', '512']);
    expect(heap.stderr).toMatch(/--max-heap: at least 64MiB \(.*the overload manager refuses every request\), got 512, which is bytes: give a unit, as in 1GiB\n/);
    expect(heap.code).toBe(2);
    const request = await runInProcess(['render', '-t', 'envoy', 'fixtures/examples', '--max-request-size', '6']);
    expect(request.stderr).toMatch(/--max-request-size: at least 1KiB \(every request with a larger body is answered 413\), got 6, which is bytes: give a unit, as in 6MiB\n/);
    expect((await runInProcess(['validate', 'fixtures/examples', '--max-file-size', '0'])).code).toBe(2);
    expect(parse((await render(['fixtures/examples', '--max-heap', '64MiB'])).stdout).overload_manager.resource_monitors[0].typed_config.max_heap_size_bytes).toBe(64 * 1024 ** 2);
  });

  it('the listener form refuses a path rewrite on a Lambda route (GW7007) and never names a team\'s function at listener level', async () => {
    const result = await runInProcess(['render', '-t', 'envoy', 'fixtures/render/features.yaml', '--envoy-form', 'listener']);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toContain('envoy issue 32101');
    expect(result.stderr).toContain('GW7007');
    // a regexRewrite named as its pattern and substitution
    expect(result.stderr).toContain('the path rewrite `^/v1/catalog/([a-z]+)$ -> /catalog/\\1` cannot be rendered in the Envoy listener form');
    const b = parse((await render(['fixtures/examples', '--envoy-form', 'listener'])).stdout);
    for (const l of b.static_resources.listeners) {
      expect(l.filter_chains[0].filters[0].typed_config.http_filters[0].typed_config.arn).toBe('arn:aws:lambda:us-east-1:000000000000:function:gwctl-placeholder-never-invoked');
    }
  });

  it('the listener form rewrites a path to a Service as written: only a Lambda route is refused (GW7007)', async () => {
    const input =
      `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: aws, namespace: ns}\nspec: {aws: {accountId: '111111111111', region: us-east-1}}\n---\n` +
      `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: fns, namespace: ns}\nspec: {provider: aws, aws: {lambda: [{lambdaFunctionName: f}]}}\n---\n` +
      `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [a.example.com]\n  http:\n` +
      `    - name: svc\n      matchers: [{uri: {prefix: /svc}}]\n      forwardTo: {pathRewrite: /v2, destinations: [{ref: {name: api}, port: {number: 80}}]}\n` +
      `    - name: fn\n      matchers: [{uri: {prefix: /fn}}]\n      forwardTo: {pathRewrite: /v2, destinations: [{awsLambda: {cloudProvider: {name: aws}, function: f}}]}\n`;
    const result = await runInProcess(['render', '-t', 'envoy', '-', '--envoy-form', 'listener', '--force', '--findings-format', 'json'], { input });
    expect(JSON.parse(result.stderr).diagnostics.filter((d: { code: string }) => d.code === 'GW7007').map((d: { line: number }) => d.line)).toEqual([20]);
    const routes = parse(result.stdout).static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes;
    expect(routes.find((r: { name: string }) => r.name === 'svc').route).toMatchObject({ prefix_rewrite: '/v2' });
    expect(routes.find((r: { name: string }) => r.name === 'fn').direct_response.status).toBe(500);
  });

  it('answers 503 for a route one of whose destinations Envoy cannot reach (GW7003), not a split without it', async () => {
    const input =
      `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [a.example.com]\n  http:\n` +
      `    - name: mixed\n      forwardTo: {destinations: [{ref: {name: api}, port: {number: 80}, weight: 90}, {ref: {name: named}, port: {name: http}, weight: 10}]}\n`;
    const result = await runInProcess(['render', '-t', 'envoy', '-', '--force', '--findings-format', 'json'], { input });
    expect(JSON.parse(result.stderr).diagnostics.map((d: { code: string }) => d.code)).toContain('GW7003');
    const [route] = parse(result.stdout).static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes;
    expect(route).toMatchObject({ name: 'mixed', direct_response: { status: 503 } });
    expect(route).not.toHaveProperty('route');
  });

  it('the listener form warns, by provider, that invoke roles cannot be honoured', async () => {
    const result = await runInProcess(['render', '--target', 'envoy', 'fixtures/examples', '--envoy-form', 'listener']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('the Envoy listener form cannot assume an invoke role: functions of CloudProvider team-a/aws-team-a, CloudProvider team-b/aws-team-b are invoked with the gateway\'s own credentials  GW7001');
  });

  // routes reach provider zeta first, alpha second: the finding is in the providers' order, not the routes'
  const twoProviders =
    ['zeta', 'alpha'].map((name, i) => `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: ${name}, namespace: ns}\nspec:\n  aws: {accountId: '${i + 1}${i + 1}1111111111', region: us-east-1, lambda: {invokeRoleName: ${name}-invoker}}\n---\n`).join('') +
    `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [a.example.com]\n  http:\n` +
    ['zeta', 'alpha'].map((name) => `    - name: ${name}\n      matchers: [{uri: {prefix: /${name}}}]\n      forwardTo: {destinations: [{awsLambda: {cloudProvider: {name: ${name}}, function: f}}]}\n`).join('');
  const diagnostics = (stderr: string) => JSON.parse(stderr).diagnostics as Array<{ code: string; line: number; message: string }>;

  it('GW7001 names the providers sorted and stands at the first one\'s CloudProvider, whatever the routes\' order', async () => {
    const result = await runInProcess(['render', '-t', 'envoy', '-', '--envoy-form', 'listener', '--findings-format', 'json'], { input: twoProviders });
    const [gw7001] = diagnostics(result.stderr).filter((d) => d.code === 'GW7001');
    expect(gw7001!.message).toContain('functions of CloudProvider ns/alpha, CloudProvider ns/zeta are invoked');
    expect(gw7001!.line).toBe(9);
  });

  it('an output of Kubernetes Services alone runs on every Envoy gwctl renders for; one Lambda destination needs 1.35 (GW7008)', async () => {
    const services =
      `apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: gw, namespace: ns}\nspec:\n  listeners: [{http: {}, port: {number: 8080}}]\n---\n` +
      `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [a.example.com]\n  virtualGateways: [{name: gw, namespace: ns}]\n  http:\n` +
      `    - name: s\n      forwardTo: {destinations: [{ref: {name: api}, port: {number: 80}}]}\n`;
    const plain = await runInProcess(['render', '-t', 'envoy', '-', '--envoy-version', '1.30'], { input: services });
    expect(plain.stderr).not.toContain('GW7008');
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('upstream form: needs Envoy 1.30 or later (no Lambda destination); rendered for 1.30.');
    const lambda = services.replace('{ref: {name: api}, port: {number: 80}}', '{awsLambda: {cloudProvider: {name: aws}, function: f}}') +
      `---\napiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: aws, namespace: ns}\nspec:\n  aws: {accountId: '111111111111', region: us-east-1}\n`;
    const signed = await runInProcess(['render', '-t', 'envoy', '-', '--envoy-version', '1.34', '--findings-format', 'json'], { input: lambda });
    expect(signed.code).toBe(1);
    expect(diagnostics(signed.stderr).find((d) => d.code === 'GW7008')!.message).toBe('the output needs Envoy 1.35 or later for aws_request_signing credential_provider, and --envoy-version is 1.34');
  });

  it('findings that name providers or roles name five, then how many more (GW7001, GW7009, GW7013)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-providers-'));
    // eight teams, each with a CloudProvider and an invoke role
    writeCorpus(dir, 100);
    const out = mkdtempSync(join(tmpdir(), 'gwctl-providers-out-'));
    const lineOf = async (args: string[], code: string) => {
      const result = await runInProcess(['render', dir, ...args]);
      return result.stderr.split('\n').find((l) => l.includes(code)) ?? `no ${code} in: ${result.stderr}`;
    };
    const providers = await lineOf(['--target', 'envoy', '--envoy-form', 'listener', '-o', join(out, 'listener.yaml')], 'GW7001');
    expect(providers).toMatch(/functions of CloudProvider team-0\/aws, CloudProvider team-1\/aws, CloudProvider team-2\/aws, CloudProvider team-3\/aws, CloudProvider team-4\/aws, and 3 more are invoked with the gateway's own credentials {2}GW7001$/);
    const roles = 'team-0-invoker, team-1-invoker, team-2-invoker, team-3-invoker, team-4-invoker, and 3 more';
    expect(await lineOf(['--target', 'envoy', '--envoy-version', '1.36', '-o', join(out, 'old.yaml')], 'GW7009')).toContain(`invoked as an assumed role (${roles}) hangs`);
    expect(await lineOf(['--target', 'iam', '-o', join(out, 'iam')], 'GW7013')).toContain(`8 invoke roles trust EKS Pod Identity (${roles}), but`);
  });

  it('the upstream form signs as each provider\'s invoke role, with the custom chain', async () => {
    const b = parse((await render(['fixtures/examples'])).stdout);
    const signing = b.static_resources.clusters[0].typed_extension_protocol_options['envoy.extensions.upstreams.http.v3.HttpProtocolOptions'].http_filters[1].typed_config;
    expect(signing).toEqual({
      '@type': 'type.googleapis.com/envoy.extensions.filters.http.aws_request_signing.v3.AwsRequestSigning',
      service_name: 'lambda',
      region: 'us-west-1',
      host_rewrite: 'lambda.us-west-1.amazonaws.com',
      credential_provider: {
        assume_role_credential_provider: { role_arn: 'arn:aws:iam::111111111111:role/team-a-lambda-invoker', role_session_name: 'gwctl-team-a-aws-team-a' },
        custom_credential_provider_chain: true,
      },
    });
  });

  it('gives one function a cluster per invocation, payload and role, and shares it between routes that agree', async () => {
    const b = parse((await render(['fixtures/render/cluster-variants.yaml'])).stdout);
    const routes = b.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts.flatMap((h: { routes: unknown[] }) => h.routes);
    const clusterOf = Object.fromEntries(routes.map((r: { name: string; route: { cluster: string } }) => [r.name, r.route.cluster]));
    const config = (name: string) => {
      const cluster = b.static_resources.clusters.find((c: { name: string }) => c.name === name);
      const [lambda, signing] = cluster.typed_extension_protocol_options['envoy.extensions.upstreams.http.v3.HttpProtocolOptions'].http_filters;
      return { mode: lambda.typed_config.invocation_mode, passthrough: lambda.typed_config.payload_passthrough, role: signing.typed_config.credential_provider?.assume_role_credential_provider.role_arn };
    };
    expect(clusterOf['sync-again']).toBe(clusterOf.sync);
    const distinct = ['sync', 'async', 'raw', 'admin', 'billing'].map((r) => clusterOf[r]);
    expect(new Set(distinct).size).toBe(5);
    expect(config(clusterOf.sync)).toEqual({ mode: 'SYNCHRONOUS', passthrough: false, role: undefined });
    expect(config(clusterOf.async)).toEqual({ mode: 'ASYNCHRONOUS', passthrough: false, role: undefined });
    expect(config(clusterOf.raw)).toEqual({ mode: 'SYNCHRONOUS', passthrough: true, role: undefined });
    expect(config(clusterOf.admin)).toEqual({ mode: 'SYNCHRONOUS', passthrough: false, role: 'arn:aws:iam::111111111111:role/orders-admin-invoker' });
    expect(b.static_resources.clusters).toHaveLength(5);
  });
});

describe('gwctl render --target envoy: a hostRewrite on a route to a function', () => {
  it('is left out (the Host is the Lambda endpoint the request is signed for), and GW7006 says so once', async () => {
    const manifest = `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: aws, namespace: ns}\nspec:\n  aws: {accountId: '111111111111', region: us-east-1, lambda: {invokeRoleName: invoker}}\n---\napiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: fns, namespace: ns}\nspec:\n  provider: aws\n  aws: {lambda: [{lambdaFunctionName: f}]}\n---\napiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [a.example.com]\n  http:\n    - name: fn\n      matchers: [{uri: {prefix: /fn}}, {uri: {prefix: /function}}]\n      forwardTo: {hostRewrite: internal.example.com, destinations: [{awsLambda: {cloudProvider: {name: aws}, function: f}}]}\n`;
    const result = await runInProcess(['render', '-t', 'envoy', '-', '--findings-format', 'json'], { input: manifest });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stderr).diagnostics.filter((d: { code: string }) => d.code === 'GW7006').map((d: { message: string }) => d.message)).toEqual([
      'hostRewrite `internal.example.com` is ignored on a route to Lambda: the Host must be the Lambda endpoint for the request signature to hold',
    ]);
    expect(result.stdout).toContain('prefix: /function');
    expect(result.stdout).not.toContain('internal.example.com');
  });
});
