import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { glooBehaviourViolations, glooCrdErrors, missingLogicalNames } from '../helpers/gloo-checks';
import { runInProcess } from '../helpers/run-in-process';
import { goldenRenderTests, renderTarget, yamlDocuments } from '../helpers/render-golden';
import { bindPort } from '../../src/emit/gloo/gateways';
import { routerCheck } from '../helpers/envoy/route-check';
import { glooEdgeAnswer } from '../helpers/gloo-edge-routes';

// Golden outputs: the bundled example (several providers, a canary, delegation, filters), both dialects,
// the feature fixture, and the fixtures with delegation and filtered routes.
const CASES: Array<[string, string[]]> = [
  ['examples', ['fixtures/examples']],
  ['seed-01-dialect-2.2', ['fixtures/seeds/01-gloo-platform-lambda.yaml']],
  ['features', ['fixtures/render/features.yaml']],
  ['delegation', ['fixtures/model/delegation.yaml', '--force']],
  ['filters', ['fixtures/model/filters.yaml', '--force']],
  ['weights', ['fixtures/model/weights.yaml', '--force']],
  ['collisions-dialect-2.2', ['fixtures/model/collisions.yaml', '--force', '--aws-secret', 'gloo-system/aws-creds']],
  ['examples-enterprise', ['fixtures/examples', '--gloo-edition', 'enterprise']],
  ['shared-ports', ['fixtures/render/shared-ports.yaml']],
  ['upstream-split', ['fixtures/render/upstream-split.yaml']],
  ['route-timeouts', ['fixtures/render/route-timeouts.yaml']],
];

const render = (args: string[]) => renderTarget('gloo', args);
const documents = yamlDocuments;

/** A RouteTable of these routes (flow YAML lines) for a.example.com on the default listener, rendered for Gloo Edge. */
async function renderRoutes(routes: readonly string[]): Promise<Array<Record<string, any>>> {
  const manifests = ['apiVersion: networking.gloo.solo.io/v2', 'kind: RouteTable', 'metadata: {name: t, namespace: ops}', 'spec:', '  hosts: [a.example.com]', '  http:', ...routes, ''].join('\n');
  const file = join(mkdtempSync(join(tmpdir(), 'gwctl-gloo-routes-')), 'routes.yaml');
  writeFileSync(file, manifests);
  return documents((await render([file])).stdout);
}

/** The name of the route Gloo Edge serves a request of a.example.com with, on the default listener. */
const servedBy = (docs: Array<Record<string, any>>, path: string, method = 'GET') =>
  glooEdgeAnswer(docs, { port: 10000, scheme: 'http', authority: 'a.example.com', path, method, headers: new Map() })?.route?.name;

describe.each(CASES)('gwctl render --target gloo: %s', async (name, args) => {
  const first = await goldenRenderTests('gloo', args, `../golden/gloo/${name}.yaml`);
  const resources = documents(first.stdout);

  it('every resource validates against the Gloo Edge CRDs, unknown fields rejected', async () => {
    expect(resources.length).toBeGreaterThan(0);
    expect(resources.flatMap((r) => glooCrdErrors(r).map((e) => `${r.kind} ${r.metadata.name}: ${e}`))).toEqual([]);
  });

  it('every route\'s logicalName exists on its Upstream', async () => {
    expect(missingLogicalNames(resources)).toEqual([]);
  });

  it('behaves as deployed Gloo expects (no re-run retries, edition fields, a Gateway per listener, unique domains)', async () => {
    expect(glooBehaviourViolations(resources, args.includes('enterprise') ? 'enterprise' : 'oss')).toEqual([]);
  });

});

describe('the Gloo Edge behavioural checker can fail', async () => {
  const text = (await render(['fixtures/examples'])).stdout;
  const fresh = () => documents(text);
  const lambdaRoute = (all: any[]) => all.filter((r) => r.kind === 'VirtualService').flatMap((vs) => vs.spec.virtualHost.routes).find((r: any) => r.routeAction?.single?.destinationSpec?.aws);
  // a VirtualService whose Lambda routes take its virtual host's retries (they have none of their own)
  const lambdaHost = (all: any[]) => all.find((r) => r.kind === 'VirtualService' && r.spec.virtualHost.options?.retries && r.spec.virtualHost.routes.some((route: any) => route.routeAction?.single?.destinationSpec?.aws && !route.options.retries)).spec.virtualHost;
  const tlsService = (all: any[]) => all.find((r) => r.kind === 'VirtualService' && r.spec.sslConfig);

  it('names each broken property', async () => {
    const cases: Array<[string, (all: any[]) => void]> = [
      ['no-rerun', (all) => (lambdaRoute(all).options.retries = { retryOn: '5xx' })],
      ['no-rerun', (all) => (lambdaRoute(all).options.retries = { retryOn: 'retriable-status-codes', retriableStatusCodes: [503] })],
      ['no-rerun', (all) => (lambdaHost(all).options.retries.retryOn = '5xx')],
      ['no-rerun', (all) => (lambdaHost(all).options.retries.retriableStatusCodes = [503])],
      ['edition', (all) => (lambdaRoute(all).routeAction.single.destinationSpec.aws.wrapAsApiGateway = true)],
      // a route that waits past the gateway's 5 idle minutes without an idle timeout of its own, or with a short one
      ['timeouts', (all) => (lambdaRoute(all).options.timeout = '600s')],
      ['timeouts', (all) => (lambdaRoute(all).options.idleTimeout = '10s')],
      ['timeouts', (all) => (lambdaRoute(all).options.timeout = '0s')],
      ['gateways', (all) => all.splice(all.findIndex((r) => r.kind === 'Gateway' && r.spec.ssl), 1)],
      ['gateways', (all) => all.push({ ...all.find((r) => r.kind === 'Gateway'), spec: { ...all.find((r) => r.kind === 'Gateway').spec, httpGateway: {} } })],
      ['unique-domains', (all) => all.push(structuredClone(tlsService(all)))],
      ['sni', (all) => { const copy = structuredClone(tlsService(all)); copy.spec.virtualHost.domains = ['other.example.com']; delete copy.spec.sslConfig.sniDomains; delete tlsService(all).spec.sslConfig.sniDomains; all.push(copy); }],
    ];
    for (const [property, breakIt] of cases) {
      const all = fresh();
      expect(glooBehaviourViolations(all, 'oss')).toEqual([]);
      breakIt(all);
      expect(glooBehaviourViolations(all, 'oss').map((x) => x.split(':')[0]), property).toContain(property);
    }
  });

  it('binds ports below 1024 8000 higher, as Gloo\'s own Gateways do, unless a listener has that port itself', async () => {
    expect(bindPort(443, new Set([80, 443]))).toBe(8443);
    expect(bindPort(443, new Set([443, 8443]))).toBe(443);
    expect(bindPort(9443, new Set([9443]))).toBe(9443);
    // the unprivileged ports begin at 1024
    expect(bindPort(1023, new Set([1023]))).toBe(9023);
    expect(bindPort(1024, new Set([1024]))).toBe(1024);
  });

  it('--gloo-edition: open source gets requestTransformation and an info; Enterprise gets wrapAsApiGateway', async () => {
    const oss = await render(['fixtures/examples', '--min-severity', 'info']);
    expect(oss.stdout).toContain('requestTransformation: true');
    expect(oss.stdout).not.toMatch(/ wrapAsApiGateway:/);
    // one finding for the output, counting the destinations it concerns: each one written so
    expect(oss.stderr.match(/GW7010/g)).toHaveLength(1);
    expect(oss.stderr).toContain(`requestTransformation for ${oss.stdout.match(/requestTransformation: true/g)!.length} Lambda destinations`);
    const enterprise = await runInProcess(['render', '-t', 'gloo', 'fixtures/examples', '--gloo-edition', 'enterprise', '--min-severity', 'info']);
    expect(enterprise.stdout).toContain('wrapAsApiGateway: true');
    expect(enterprise.stdout).not.toContain('requestTransformation');
    expect(enterprise.stderr).not.toContain('GW7010');
  });

  it('--namespace and --aws-secret name what the API server takes, refused before any input is read', async () => {
    for (const [flag, value, expected] of [
      ['--namespace', 'Edge_1', 'a Kubernetes namespace (a lower-case DNS label of at most 63 characters)'],
      ['--aws-secret', 'aws-creds', 'NAMESPACE/NAME of a Kubernetes Secret'],
      ['--aws-secret', 'gloo-system/AWS_creds', 'NAMESPACE/NAME of a Kubernetes Secret'],
    ] as const) {
      expect(await runInProcess(['render', '-t', 'gloo', 'fixtures/examples', flag, value]), value).toEqual({ code: 2, stdout: '', stderr: `gwctl: error: ${flag} ${value}: expected ${expected}\n` });
    }
  });

  it('--aws-secret with an invoke role warns that Gloo assumes roles only with STS credentials', async () => {
    const result = await runInProcess(['render', '-t', 'gloo', 'fixtures/examples', '--aws-secret', 'gloo-system/aws-creds']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/Gloo assumes roleArn only with STS credentials.*GW7011/);
  });
});

describe('the Gloo Edge checks can fail', async () => {
  const examples = (await render(['fixtures/examples'])).stdout;
  const resources = () => documents(examples);

  it('the CRD check rejects an unknown field, a wrong type and the seed\'s placeholder-free shape', async () => {
    const [upstream] = resources();
    upstream!.spec.aws.lambdaFunctions[0].logical_name = 'x';
    upstream!.spec.aws.region = 1;
    expect(glooCrdErrors(upstream!)).toEqual([expect.stringMatching(/additional properties \(logical_name\)/), expect.stringMatching(/region: must be string/)]);
  });

  it('the logicalName check finds a route to a function its Upstream lacks', async () => {
    const all = resources();
    all[0]!.spec.aws.lambdaFunctions.shift();
    expect(missingLogicalNames(all)).toHaveLength(1);
  });
});

describe('gwctl render --target gloo: behaviour', () => {
  it('labels Upstreams so that function discovery leaves them alone, and names every function', async () => {
    const [upstream] = documents((await render(['fixtures/examples'])).stdout);
    expect(upstream!.metadata.labels['discovery.solo.io/function_discovery']).toBe('disabled');
    expect(upstream!.spec.aws.lambdaFunctions.every((f: Record<string, string>) => f.logicalName && f.lambdaFunctionName && f.qualifier)).toBe(true);
  });

  it('without --aws-secret relies on service-account credentials and says so; with it emits a secretRef', async () => {
    const plain = (await render(['fixtures/examples'])).stdout;
    expect(plain).toMatch(/^# AWS credentials: none in the Upstreams\. Gloo must use service-account credentials/m);
    expect(plain).not.toContain('secretRef');
    const withSecret = (await render(['fixtures/examples', '--aws-secret', 'gloo-system/aws'])).stdout;
    expect(documents(withSecret)[0]!.spec.aws.secretRef).toEqual({ name: 'aws', namespace: 'gloo-system' });
  });

  it('--aws-secret with several invoke roles names the first Upstream by name that has one (GW7011)', async () => {
    // the reports team's Upstream is made first (its host sorts first) and named last
    const result = await runInProcess(['render', '-t', 'gloo', 'fixtures/render/upstream-split.yaml', '--aws-secret', 'gloo-system/aws-creds']);
    expect(result.stderr.match(/Upstream \S+ names roleArn \S+/g)).toEqual(['Upstream shop-aws-shop names roleArn arn:aws:iam::123456789012:role/shop-invoker']);
  });

  it('sets awsAccountId where the gateway\'s own credentials invoke (they may be another account\'s)', async () => {
    const [upstream] = documents((await render(['fixtures/render/features.yaml'])).stdout);
    expect(upstream!.spec.aws).toMatchObject({ awsAccountId: '123456789012' });
  });

  it('a function of another account is only on an Upstream of that account, never on the home account\'s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-gloo-acct-'));
    const file = join(dir, 'features.yaml');
    writeFileSync(file, readFileSync('fixtures/render/features.yaml', 'utf8').replaceAll('arn:aws:lambda:eu-central-1:123456789012:function:legacy-export', 'arn:aws:lambda:eu-central-1:999999999999:function:legacy-export'));
    const all = documents((await runInProcess(['render', '-t', 'gloo', file, '-q', '--min-severity', 'error'])).stdout);
    const upstreams = all.filter((r) => r.kind === 'Upstream');
    const holding = upstreams.filter((u) => u.spec.aws.lambdaFunctions.some((f: any) => f.lambdaFunctionName === 'legacy-export'));
    expect(holding.length).toBeGreaterThan(0);
    for (const u of holding) expect(u.spec.aws, u.metadata.name).toMatchObject({ awsAccountId: '999999999999' });
    for (const u of holding) expect(u.spec.aws.lambdaFunctions.map((f: any) => f.lambdaFunctionName)).toEqual(['legacy-export']);
    expect(missingLogicalNames(all)).toEqual([]);
  });

  it('--namespace places every resource; --out-dir writes one file per resource, stable names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-gloo-'));
    const result = await runInProcess(['render', '-t', 'gloo', 'fixtures/examples', '--out-dir', dir, '--namespace', 'edge', '-q']);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(readdirSync(dir).sort()).toEqual([
      '.gwctl-rendered',
      'gateway-istio-gateways-north-south-gw-443.yaml',
      'gateway-istio-gateways-north-south-gw-80.yaml',
      'upstream-team-a-aws-team-a.yaml',
      'upstream-team-b-aws-team-b.yaml',
      'virtualservice-istio-gateways-north-south-gw-443-api.example.com.yaml',
      'virtualservice-istio-gateways-north-south-gw-80-api.example.com.yaml',
    ]);
    for (const file of readdirSync(dir).filter((f) => !f.startsWith('.'))) {
      const [doc] = documents(readFileSync(join(dir, file), 'utf8'));
      expect(doc!.metadata.namespace).toBe('edge');
    }
  });

  it('json output is a kind: List', async () => {
    const list = JSON.parse((await render(['fixtures/examples', '--output-format', 'json'])).stdout);
    expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List' });
    expect(list.items.map((i: { kind: string }) => i.kind)).toEqual(['Upstream', 'Upstream', 'Gateway', 'Gateway', 'VirtualService', 'VirtualService']);
  });

  it('sends each route to the Upstream of its provider and role, however the routes alternate', async () => {
    const docs = documents((await render(['fixtures/render/cluster-variants.yaml'])).stdout);
    const upstreamOf: Record<string, string> = {};
    for (const vs of docs.filter((d) => d.kind === 'VirtualService')) {
      for (const r of vs.spec.virtualHost.routes) upstreamOf[r.name] = r.routeAction.single.upstream.name;
    }
    expect(upstreamOf).toEqual({
      sync: 'gateways-aws-a',
      async: 'gateways-aws-a',
      raw: 'gateways-aws-a',
      billing: 'gateways-aws-b',
      'sync-again': 'gateways-aws-a',
      admin: 'gateways-aws-a-as-orders-admin-invoker',
    });
    const functions = Object.fromEntries(docs.filter((d) => d.kind === 'Upstream').map((u) => [u.metadata.name, u.spec.aws.lambdaFunctions.map((f: { logicalName: string }) => f.logicalName)]));
    expect(functions).toEqual({ 'gateways-aws-a': ['orders:prod'], 'gateways-aws-a-as-orders-admin-invoker': ['orders:prod'], 'gateways-aws-b': ['billing'] });
  });

  it('a hostRewrite on a route to a function is left out, as GW7006 says; a query parameter regex stays one', async () => {
    const manifest = `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: aws, namespace: ns}\nspec:\n  aws: {accountId: '111111111111', region: us-east-1, lambda: {invokeRoleName: invoker}}\n---\napiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: fns, namespace: ns}\nspec:\n  provider: aws\n  aws: {lambda: [{lambdaFunctionName: f}]}\n---\napiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [a.example.com]\n  http:\n    - name: fn\n      matchers: [{uri: {prefix: /fn}, queryParameters: [{name: id, value: '[0-9]+', regex: true}]}]\n      forwardTo: {hostRewrite: internal.example.com, destinations: [{awsLambda: {cloudProvider: {name: aws}, function: f}}]}\n`;
    const result = await runInProcess(['render', '-t', 'gloo', '-', '--findings-format', 'json'], { input: manifest });
    expect(JSON.parse(result.stderr).diagnostics.filter((d: { code: string }) => d.code === 'GW7006').map((d: { message: string }) => d.message)).toEqual([
      'hostRewrite `internal.example.com` is ignored on a route to Lambda: the Host must be the Lambda endpoint for the request signature to hold',
    ]);
    const route = documents(result.stdout).find((d) => d.kind === 'VirtualService')!.spec.virtualHost.routes[0];
    expect(route.matchers).toEqual([{ prefix: '/fn', queryParameters: [{ name: 'id', value: '[0-9]+', regex: true }] }]);
    expect(route.options.hostRewrite).toBeUndefined();
  });

  it('writes an inverted condition a missing header meets both ways, for up to four in a matcher; past that as it is, with GW7024', async () => {
    const inverted = (names: string[]) => names.map((n) => `{name: ${n}, value: '1', invertMatch: true}`).join(', ');
    const manifest = `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [a.example.com]\n  http:\n    - name: two\n      matchers: [{uri: {prefix: /two}, headers: [${inverted(['x-a', 'x-b'])}, {name: x-c, value: '.*', regex: true, invertMatch: true}]}]\n      directResponse: {status: 200}\n    - name: five\n      matchers: [{uri: {prefix: /five}, headers: [${inverted(['x-a', 'x-b', 'x-c', 'x-d', 'x-e'])}]}]\n      directResponse: {status: 200}\n`;
    const result = await runInProcess(['render', '-t', 'gloo', '-', '--findings-format', 'json'], { input: manifest });
    expect(JSON.parse(result.stderr).diagnostics.filter((d: { code: string }) => d.code === 'GW7024').map((d: { message: string }) => d.message)).toEqual([
      'a matcher of this route has 5 inverted header conditions (`x-a`, `x-b`, `x-c`, `x-d`, `x-e`) that a request without the header meets on Gloo Platform and not on Gloo Edge; each is written both ways for up to 4 of them (16 matchers), and these are written as they are: requests without those headers are not served by this matcher',
    ]);
    const [two, five] = documents(result.stdout).find((d) => d.kind === 'VirtualService')!.spec.virtualHost.routes;
    const heads = (m: { headers: Array<{ name: string; value?: string }> }) => m.headers.map((h) => `${h.name}${h.value === undefined ? ' absent' : ''}`).join(' ');
    // x-c !~ .* is met by no request without x-c (an empty value matches .*): written once
    expect(two.matchers.map(heads)).toEqual(['x-a x-b x-c', 'x-a x-b absent x-c', 'x-a absent x-b x-c', 'x-a absent x-b absent x-c']);
    expect(five.matchers.map(heads)).toEqual(['x-a x-b x-c x-d x-e']);
  });

  it('refuses on errors like the Envoy target', async () => {
    expect((await runInProcess(['render', '-t', 'gloo', 'fixtures/model/filters.yaml'])).code).toBe(1);
  });
});

describe('gwctl render --target gloo: a Host header with a port, as Gloo Platform\'s gateways ignore it', () => {
  // Envoy's choice among the domains Gloo Edge hands it (the router check's reading of a route
  // configuration): every VirtualService of the port's Gateway as one virtual host each
  const chooses = (docs: any[], label: string, authority: string) =>
    routerCheck(
      { virtual_hosts: docs.filter((d) => d.kind === 'VirtualService' && d.metadata.labels['gwctl.dev/listener'] === label).map((vs) => ({ name: vs.metadata.name, domains: vs.spec.virtualHost.domains, routes: [] })) },
      [{ test_name: authority, input: { authority, path: '/', method: 'GET' }, validate: { virtual_host_name: '' } }],
    )[0]?.match(/virtual_host_name is "([^"]*)"/)?.[1] ?? '';

  it('an exact host answers with any port; a wildcard host with its listener\'s, without taking the exact host\'s requests', async () => {
    const docs = documents((await render(['fixtures/model/semantics/host-port-and-case.yaml'])).stdout);
    const label = 'gateways.edge.8443';
    expect(chooses(docs, label, 'shop.example.com:8443')).toBe('gateways-edge-8443-shop.example.com');
    expect(chooses(docs, label, 'SHOP.example.com:9443')).toBe('gateways-edge-8443-shop.example.com');
    expect(chooses(docs, label, 'www.example.com:8443')).toBe('gateways-edge-8443-wildcard-example.com');
    expect(chooses(docs, label, 'www.example.com')).toBe('gateways-edge-8443-wildcard-example.com');
    // a wildcard host with another port than its listener's: no domain can say so (one `*` a domain)
    expect(chooses(docs, label, 'www.example.com:9443')).toBe('');
  });
});

describe('gwctl render --target gloo: a method that holds regular-expression characters', async () => {
  // Gloo Edge joins a matcher's methods into one regular expression on :method; an HTTP method token may
  // hold `|`, `.`, `*`, `+`, `^` or `$`. On Gloo Platform a method matches itself exactly.
  const docs = await renderRoutes([
    '    - {name: either, matchers: [{method: "GET|POST"}], directResponse: {status: 201}}',
    '    - {name: search, matchers: [{method: M.SEARCH}], directResponse: {status: 202}}',
    '    - {name: rest, directResponse: {status: 404}}',
  ]);
  const served = (method: string) => servedBy(docs, '/', method);

  it('quotes them, so that Envoy matches the method itself, as Gloo Platform does', async () => {
    const methods = docs.filter((d) => d.kind === 'VirtualService').flatMap((vs) => vs.spec.virtualHost.routes.flatMap((r: any) => r.matchers.flatMap((m: any) => m.methods ?? [])));
    expect(methods).toEqual(['GET\\|POST', 'M\\.SEARCH']);
    // GET and POST are neither `GET|POST` nor `M.SEARCH`: the catch-all answers them
    expect([served('GET'), served('POST'), served('MXSEARCH'), served('M.SEARCH')]).toEqual(['rest', 'rest', 'rest', 'search']);
  });
});

describe('gwctl render --target gloo: a path rewrite on a route that has regex and other matchers', async () => {
  // a rewrite replaces a prefix, or after a regex the whole path: Gloo Edge takes one rewrite a route, so
  // such a route is two, one per kind of matcher; any other route stays one, and none matches more
  const route = (name: string, matchers: string, rewrite: boolean) =>
    `    - {name: ${name}, matchers: [${matchers}], forwardTo: {${rewrite ? 'pathRewrite: /v2, ' : ''}destinations: [{ref: {name: api}, port: {number: 80}}]}}`;
  const docs = await renderRoutes([
    route('both', '{uri: {prefix: /p}}, {uri: {regex: "/r[0-9]+"}}', true),
    route('regex-only', '{uri: {regex: "/q[0-9]+"}}', true),
    route('prefix-only', '{uri: {prefix: /y}}', true),
    route('no-rewrite', '{uri: {prefix: /a}}, {uri: {regex: "/b[0-9]+"}}', false),
    '    - {name: rest, directResponse: {status: 404}}',
  ]);
  const routes = docs.filter((d) => d.kind === 'VirtualService').flatMap((vs) => vs.spec.virtualHost.routes);
  const served = (path: string) => servedBy(docs, path);

  it('splits only where a rewrite meets both kinds, and each part matches what its matchers do', async () => {
    expect(routes.map((r: any) => [r.name, r.matchers, r.options?.prefixRewrite ?? r.options?.regexRewrite?.substitution ?? null])).toEqual([
      ['both', [{ prefix: '/p' }], '/v2'],
      ['both#2', [{ regex: '/r[0-9]+' }], '/v2'],
      ['regex-only', [{ regex: '/q[0-9]+' }], '/v2'],
      ['prefix-only', [{ prefix: '/y' }], '/v2'],
      ['no-rewrite', [{ prefix: '/a' }, { regex: '/b[0-9]+' }], null],
      ['rest', [{ prefix: '/' }], null],
    ]);
    expect(['/p/1', '/r1', '/q1', '/y', '/a/1', '/b2', '/zzz', '/q'].map(served)).toEqual(['both', 'both#2', 'regex-only', 'prefix-only', 'no-rewrite', 'no-rewrite', 'rest', 'rest']);
  });
});
