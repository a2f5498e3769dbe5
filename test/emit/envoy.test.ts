import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type protobuf from 'protobufjs';
import { envoyInvariantViolations } from '../helpers/envoy/invariants';
import { envoyProtos } from '../helpers/envoy/envoy-protos';
import { checkProtoJson } from '../helpers/envoy/proto-json';
import { ROOT, runCli } from '../helpers/run-cli';

const BOOTSTRAP = 'envoy.config.bootstrap.v3.Bootstrap';

// Golden outputs: the bundled example and fixtures covering both forms, canaries, both dialects,
// delegation and filtered routes. Each is also read strictly against Envoy's API and its invariants.
const CASES: Array<[string, string[]]> = [
  ['examples-upstream', ['fixtures/examples']],
  ['examples-listener', ['fixtures/examples', '--envoy-form', 'listener']],
  ['seed-01-dialect-2.2', ['fixtures/seeds/01-gloo-platform-lambda.yaml']],
  ['features-upstream', ['fixtures/render/features.yaml']],
  ['features-listener', ['fixtures/render/features.yaml', '--envoy-form', 'listener']],
  ['delegation', ['fixtures/model/delegation.yaml', '--force']],
  ['filters', ['fixtures/model/filters.yaml', '--force']],
  ['weights', ['fixtures/model/weights.yaml', '--force']],
  ['collisions-dialect-2.2', ['fixtures/model/collisions.yaml', '--force', '--envoy-form', 'listener']],
];

let root: protobuf.Root;
beforeAll(async () => {
  root = await envoyProtos();
});

const render = (args: string[]) => runCli(['render', '--target', 'envoy', '-q', '--min-severity', 'error', ...args]);

describe.each(CASES)('gwctl render --target envoy: %s', (name, args) => {
  const first = render(args);

  it('renders, matching its golden file', async () => {
    expect(first.stderr).not.toMatch(/internal error/);
    expect(first.code).toBe(0);
    await expect(first.stdout).toMatchFileSnapshot(`../golden/envoy/${name}.yaml`);
  });

  it('reads as envoy.config.bootstrap.v3.Bootstrap, strictly', () => {
    expect(checkProtoJson(root, BOOTSTRAP, parse(first.stdout))).toEqual([]);
  });

  it('keeps the eight invariants', () => {
    expect(envoyInvariantViolations(parse(first.stdout))).toEqual([]);
  });

  it('is deterministic: the same input gives the same bytes', () => {
    expect(render(args).stdout).toBe(first.stdout);
  });
});

describe('the strict reader and the invariants can fail', () => {
  const good = () => parse(render(['fixtures/examples']).stdout);
  const listenerForm = () => parse(render(['fixtures/examples', '--envoy-form', 'listener']).stdout);
  // the example's routes are served on its TLS listener (port 80 only redirects)
  const hcm = (b: any) => b.static_resources.listeners.find((l: any) => l.address.socket_address.port_value === 443).filter_chains[0].filters[0].typed_config;

  it('rejects a misspelt field', () => {
    const b = good();
    b.static_resources.clusters[0].transport_socket.typed_config.snii = b.static_resources.clusters[0].transport_socket.typed_config.sni;
    expect(checkProtoJson(root, BOOTSTRAP, b)).toEqual([expect.stringMatching(/UpstreamTlsContext has no field snii$/)]);
  });

  it('rejects a stale v2 type URL and an empty router config', () => {
    const b = good();
    hcm(b)['@type'] = 'type.googleapis.com/envoy.config.filter.network.http_connection_manager.v2.HttpConnectionManager';
    expect(checkProtoJson(root, BOOTSTRAP, b)).toEqual([expect.stringMatching(/does not resolve to a known message$/)]);
    const c = good();
    hcm(c).http_filters[0].typed_config = {};
    expect(checkProtoJson(root, BOOTSTRAP, c)).toEqual([expect.stringMatching(/an Any needs "@type"/)]);
  });

  it('rejects wrong value types, bad enums and empty required strings', () => {
    const b = good();
    b.static_resources.clusters[0].connect_timeout = 5;
    b.static_resources.clusters[0].lb_policy = 'ROUND_ROBBIN';
    const lambda = b.static_resources.clusters[0].typed_extension_protocol_options['envoy.extensions.upstreams.http.v3.HttpProtocolOptions'].http_filters[0].typed_config;
    lambda.arn = '';
    expect(checkProtoJson(root, BOOTSTRAP, b)).toHaveLength(3);
  });

  it('the published Envoy 1.14 tutorial config fails the check, as it should', () => {
    const seed = parse(readFileSync(join(ROOT, 'fixtures/seeds/04-envoy-1.14-lambda.yaml'), 'utf8'));
    const issues = checkProtoJson(root, BOOTSTRAP, seed);
    expect(issues.some((i) => /v2\.HttpConnectionManager does not resolve/.test(i))).toBe(true);
    expect(issues.some((i) => /api\.v2\.auth\.UpstreamTlsContext does not resolve/.test(i))).toBe(true);
  });

  it('catches a broken invariant in each of the eight ways', () => {
    const cases: Array<[RegExp, (b: any) => void, () => any]> = [
      [/^1: /, (b) => (b.static_resources.clusters[0].load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address.address = 'lambda.us-east-9.amazonaws.com'), good],
      [/^2: /, (b) => (hcm(b).route_config.virtual_hosts[0].routes[1].typed_per_filter_config = { 'envoy.filters.http.lambda': {} }), listenerForm],
      [/^3: /, (b) => hcm(b).http_filters.reverse(), listenerForm],
      [/^4: /, (b) => (b.static_resources.clusters[0].metadata.filter_metadata['com.amazonaws.lambda'].egress_gateway = 'true'), listenerForm],
      [/^5: /, (b) => (hcm(b).route_config.virtual_hosts[0].routes[1].route.weighted_clusters.clusters[0].typed_per_filter_config['envoy.filters.http.aws_lambda'].invoke_config.host_rewrite = 'localhost:10000'), listenerForm],
      [/^6: /, (b) => (b.static_resources.clusters[0].typed_extension_protocol_options['envoy.extensions.upstreams.http.v3.HttpProtocolOptions'].http_filters[0].typed_config.arn = 'arn:aws:lambda:us-west-1:function:x'), good],
      [/^7: /, (b) => (b.static_resources.clusters.push({ ...b.static_resources.clusters[0], name: 'ec2_instance_metadata_server_internal' })), good],
      [/^8: /, (b) => b.static_resources.clusters.push(b.static_resources.clusters[0]), good],
    ];
    for (const [rule, breakIt, make] of cases) {
      const b = make();
      expect(envoyInvariantViolations(b)).toEqual([]);
      breakIt(b);
      expect(envoyInvariantViolations(b).some((v) => rule.test(v)), String(rule)).toBe(true);
    }
  });
});

describe('gwctl render: behaviour', () => {
  it('refuses to render input with errors, and says so', () => {
    const result = runCli(['render', '--target', 'envoy', 'fixtures/model/filters.yaml']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('GW5003');
    expect(result.stderr).toContain('gwctl: nothing rendered: the input has findings at or above error (render anyway with --force)');
  });

  it('--force renders failed routes as direct responses 500', () => {
    const result = runCli(['render', '--target', 'envoy', 'fixtures/model/filters.yaml', '--force', '-q']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('inline_string: "route replaced: invalid configuration (GW5003)"');
  });

  it('-o writes the file atomically and nothing to stdout; json is the same bootstrap', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-render-'));
    const out = join(dir, 'envoy.yaml');
    const result = runCli(['render', '--target', 'envoy', 'fixtures/examples', '-o', out, '-q']);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(readdirSync(dir)).toEqual(['envoy.yaml']);
    const json = runCli(['render', '--target', 'envoy', 'fixtures/examples', '--output-format', 'json', '-q']);
    expect(JSON.parse(json.stdout)).toEqual(parse(readFileSync(out, 'utf8')));
  });

  it('honours --listen, --route-timeout and --ca-file', () => {
    const b = parse(runCli(['render', '-t', 'envoy', 'fixtures/model/weights.yaml', '--force', '-q', '--listen', '127.0.0.1:8000', '--route-timeout', '2m']).stdout);
    expect(b.static_resources.listeners[0].address.socket_address).toEqual({ address: '127.0.0.1', port_value: 8000 });
    expect(b.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0].route.timeout).toBe('120s');
    const c = parse(runCli(['render', '-t', 'envoy', 'fixtures/examples', '-q', '--ca-file', '/ca.pem']).stdout);
    expect(c.static_resources.clusters[0].transport_socket.typed_config.common_tls_context.validation_context.trusted_ca.filename).toBe('/ca.pem');
  });

  it('rejects bad flag values as usage errors', () => {
    expect(runCli(['render', '-t', 'envoy', 'fixtures/examples', '--listen', 'x:99999']).code).toBe(2);
    expect(runCli(['render', '-t', 'envoy', 'fixtures/examples', '--route-timeout', 'soon']).code).toBe(2);
    expect(runCli(['render', 'fixtures/examples']).code).toBe(2);
  });

  it('the listener form warns, by provider, that invoke roles cannot be honoured', () => {
    const result = runCli(['render', '--target', 'envoy', 'fixtures/examples', '--envoy-form', 'listener']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('the Envoy listener form cannot assume an invoke role: functions of CloudProvider team-a/aws-team-a, CloudProvider team-b/aws-team-b are invoked with the gateway\'s own credentials  GW7001');
  });

  it('the upstream form signs as each provider\'s invoke role, with the custom chain', () => {
    const b = parse(render(['fixtures/examples']).stdout);
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
});
