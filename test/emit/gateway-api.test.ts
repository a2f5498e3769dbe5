import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dnsName } from '../../src/emit/dns-name';
import { matchRequest, parseRequest } from '../../src/inspect/match-request';
import { chooseAnswer } from '../../src/inspect/routing-expectations';
import { loadRegexEngine } from '../../src/model/regex-engine';
import { readRoutingTests } from '../../src/inspect/routing-tests-file';
import { gatewayApiErrors, streamIdleViolations, unresolvedReferences } from '../helpers/gateway-api-checks';
import { announcedDifferences, isAnnounced } from '../helpers/gateway-api-differences';
import { gatewayExpectationProblems, matchGatewayApi } from '../helpers/gateway-api-matcher';
import { runCase } from '../helpers/routing-cases';
import { ROOT } from '../helpers/run-cli';
import { runInProcess } from '../helpers/run-in-process';
import { goldenRenderTests, renderTarget, yamlDocuments } from '../helpers/render-golden';

// Golden outputs: the bundled example (two teams, a canary, delegation, a redirect listener, a direct
// response), the feature fixture, delegation, filtered and weighted routes, and the 2.2 dialect.
const CASES: Array<[string, string[]]> = [
  ['examples', ['fixtures/examples']],
  ['seed-01-dialect-2.2', ['fixtures/seeds/01-gloo-platform-lambda.yaml']],
  ['features', ['fixtures/render/features.yaml']],
  ['delegation', ['fixtures/model/delegation.yaml', '--force']],
  ['filters', ['fixtures/model/filters.yaml', '--force']],
  ['weights', ['fixtures/model/weights.yaml', '--force']],
  ['precedence', ['fixtures/render/gateway-api-precedence.yaml']],
  ['shared-ports', ['fixtures/render/shared-ports.yaml']],
  ['route-timeouts', ['fixtures/render/route-timeouts.yaml']],
];

const render = (args: string[]) => renderTarget('gateway-api', args);
const documents = yamlDocuments;

describe.each(CASES)('gwctl render --target gateway-api: %s', async (name, args) => {
  const first = await goldenRenderTests('gateway-api', args, `../golden/gateway-api/${name}.yaml`);
  const resources = documents(first.stdout);

  it('every resource validates against its CRD (unknown fields rejected) and the CEL rules on what gwctl writes', async () => {
    expect(resources.length).toBeGreaterThan(0);
    expect(resources.flatMap((r) => gatewayApiErrors(r).map((e) => `${r.kind} ${r.metadata.name}: ${e}`))).toEqual([]);
  });

  it('every reference resolves: Gateways, Backends, DirectResponses, TrafficPolicies, and a ReferenceGrant for each namespace crossed', async () => {
    expect(unresolvedReferences(resources)).toEqual([]);
  });

  it('no forwarding rule waits longer than its stream may sit idle', async () => {
    expect(streamIdleViolations(resources)).toEqual([]);
  });

});

describe('the Gateway API checkers can fail', async () => {
  const text = (await render(['fixtures/examples'])).stdout;
  const fresh = () => documents(text);
  const route = (all: any[]) => all.find((r) => r.kind === 'HTTPRoute' && r.spec.rules.some((x: any) => x.backendRefs?.some((b: any) => b.namespace)));
  const errorsOf = (all: any[]) => all.flatMap((r) => gatewayApiErrors(r));

  it('names each broken property', async () => {
    const unknown = fresh();
    route(unknown).spec.rules[0].retries = 3;
    expect(errorsOf(unknown).some((e) => /must NOT have additional properties \(retries\)/.test(e))).toBe(true);

    const doubleSlash = fresh();
    route(doubleSlash).spec.rules[0].matches[0].path.value = '/team-a//catalogue';
    expect(errorsOf(doubleSlash)).toContain("/spec/rules/0/matches/0/path: must not contain '//'");

    const redirectAndBackends = fresh();
    route(redirectAndBackends).spec.rules[0].filters = [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }];
    expect(errorsOf(redirectAndBackends)).toContain('/spec/rules/0: RequestRedirect filter must not be used together with backendRefs');

    const sameName = fresh();
    route(sameName).spec.rules[0].matches[0].queryParams = [{ type: 'Exact', name: 'v', value: '1' }, { type: 'Exact', name: 'v', value: '2' }];
    expect(errorsOf(sameName)).toContain('/spec/rules/0/matches/0/queryParams/1: Duplicate value: name v');
    const equivalentHeader = fresh();
    route(equivalentHeader).spec.rules[0].matches[0].headers = [{ type: 'Exact', name: 'x-tier', value: 'gold' }, { type: 'Exact', name: 'X-Tier', value: 'gold' }];
    expect(errorsOf(equivalentHeader)).toContain('/spec/rules/0/matches/0/headers/1: header X-Tier repeats an earlier equivalent name, which is ignored');

    // a rule that waits past the 5 idle minutes without a TrafficPolicy of a longer stream idle timeout
    const longWait = fresh();
    route(longWait).spec.rules.find((x: any) => x.backendRefs).timeouts.request = '10m';
    expect(streamIdleViolations(longWait)).toEqual([expect.stringMatching(/is ended before the rule's 10m$/)]);
    expect(streamIdleViolations(fresh())).toEqual([]);

    const twoKinds = fresh();
    twoKinds.find((r) => r.kind === 'Backend')!.spec.static = { hosts: [{ host: 'example.com', port: 80 }] };
    expect(errorsOf(twoKinds)).toContain('/spec: exactly one of the fields in [aws static dynamicForwardProxy gcp priorityGroups] must be set');

    const noGrant = fresh().filter((r) => r.kind !== 'ReferenceGrant');
    expect(unresolvedReferences(noGrant).some((p) => /RefNotPermitted/.test(p))).toBe(true);

    const noBackend = fresh().filter((r) => r.kind !== 'Backend');
    expect(unresolvedReferences(noBackend).some((p) => /Backend .* does not exist/.test(p))).toBe(true);
  });

  it('names a broken or missing TrafficPolicy', async () => {
    const features = (await render(['fixtures/render/features.yaml'])).stdout;
    const withPolicy = () => documents(features);
    const policy = (all: any[]) => all.find((r) => r.kind === 'TrafficPolicy');
    expect(errorsOf(withPolicy())).toEqual([]);

    const empty = withPolicy();
    policy(empty).spec.urlRewrite.pathRegex.substitution = '';
    expect(errorsOf(empty)).toContain('/spec/urlRewrite/pathRegex/substitution: must NOT have fewer than 1 characters');

    const noRegex = withPolicy();
    policy(noRegex).spec.urlRewrite = {};
    expect(errorsOf(noRegex)).toContain('/spec/urlRewrite: at least one of the fields in [pathRegex] must be set');

    const missing = withPolicy().filter((r) => r.kind !== 'TrafficPolicy');
    expect(unresolvedReferences(missing).some((p) => /TrafficPolicy regex-rewrite does not exist/.test(p))).toBe(true);
  });
});

describe('where Gateway API precedence moves a request, a finding says so, and the matcher confirms it', async () => {
  // attached to no VirtualGateway: the default listener, port 10000
  const result = await runInProcess(['render', '--target', 'gateway-api', 'fixtures/render/gateway-api-precedence.yaml', '--findings-format', 'json']);
  const resources = documents(result.stdout);
  const moved = JSON.parse(result.stderr).diagnostics.filter((d: { code: string }) => d.code === 'GW7101').map((d: { message: string }) => d.message);

  it.each([
    ['GET http://api.example.com:10000/api/orders/7', 'orders', 'everything'],
    ['GET http://api.example.com:10000/status/live', 'status-exact', 'status'],
    // kgateway: a regular expression above a prefix, a prefix as long as written
    ['GET http://api.example.com:10000/search/books', 'search-term', 'search'],
    ['GET http://api.example.com:10000/docs/intro', 'docs-pages', 'docs'],
    // an alternative of the expression starts where its first literal does not
    ['GET http://api.example.com:10000/legacy/7', 'renamed', 'legacy'],
  ])('%s goes to %s in the output, not to %s as in Gloo', (request, later, earlier) => {
    expect(matchGatewayApi(resources, parseRequest(request, [])).rule?.name).toBe(later);
    expect(moved.some((m: string) => m.includes(`ranks route \`${later}\` above \`${earlier}\``))).toBe(true);
  });

  it('requests no later route outranks keep their route', async () => {
    expect(matchGatewayApi(resources, parseRequest('GET http://api.example.com:10000/api/other', [])).rule?.name).toBe('everything');
    // a regular expression before a prefix keeps its place: no finding names the prefix
    expect(matchGatewayApi(resources, parseRequest('GET http://api.example.com:10000/items/7', [])).rule?.name).toBe('item');
    expect(moved.some((m: string) => m.includes('route `items`'))).toBe(false);
  });
});

// The same requests, matched by gwctl on the model and by an independent Gateway API matcher on the
// emitted HTTPRoutes: every routing test that holds on the model holds on the output, except where a
// finding announced the difference (precedence, segment prefixes, what the Gateway API cannot state).
// a case of fixtures/model/semantics: its manifests and its routing tests
const semantics = (name: string): [string, string, string] => [name, `fixtures/model/semantics/${name}.yaml`, `fixtures/model/semantics/${name}.tests.yaml`];
const BEHAVIOUR: Array<[string, string, string]> = [
  ['examples', 'fixtures/examples', 'fixtures/examples-tests/api.example.com.yaml'],
  // hosts written in upper case are rendered in lower case, which the Gateway API's hostnames require
  semantics('host-port-and-case'),
  semantics('catch-all-last'),
  // empty values are unset: presence matches, the request's host kept by a redirect
  semantics('empty-is-unset'),
  // prefix rewrites: where the segments of ReplacePrefixMatch send another path than Gloo (GW7106)
  semantics('prefix-rewrite-slash'),
  // case-insensitive paths as RE2 expressions with `(?i)`, a prefix's rewrite as a TrafficPolicy
  semantics('ignore-case-regex'),
  // regex rewrites as kgateway TrafficPolicies: every match replaced, groups, an anchored pattern
  semantics('regex-rewrite-every-match'),
  // a backslash in the path an exact match is rewritten to, which kgateway's ReplaceFullPath would read as RE2's
  semantics('exact-path-rewrite'),
  // listeners on one port with a certificate each, and two gateways on one port: the listener a host reaches
  ['shared-ports', 'fixtures/render/shared-ports.yaml', 'fixtures/render/shared-ports.tests.yaml'],
  // a method in lower case, which no request matches on Gloo: the route is left out, as GW7103 says
  semantics('method-case'),
  // a destination named twice: two backendRefs to one Backend, as Gloo serves it
  semantics('destination-twice'),
  // a header and a query parameter named twice in a matcher: the second condition of each left out (GW7103)
  semantics('match-name-twice'),
  // a rewrite after the empty prefix goes in front of the path: a TrafficPolicy `^` -> the rewrite
  semantics('empty-prefix-rewrite'),
  // pseudo-headers: `:method` as the match's method; the others left out with their routes (GW7103)
  semantics('pseudo-header-matchers'),
  // a route's exact match after its prefix, with a pathRewrite: the Gateway API ranks the exact one first (GW7108)
  ['gateway-api-route-matches', 'fixtures/render/gateway-api-route-matches.yaml', 'fixtures/render/gateway-api-route-matches.tests.yaml'],
  ...readdirSync(join(ROOT, 'fixtures/real-world'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(ROOT, 'fixtures/real-world', e.name, 'tests.yaml')))
    .map((e): [string, string, string] => [e.name, `fixtures/real-world/${e.name}`, `fixtures/real-world/${e.name}/tests.yaml`]),
];

// Requests whose answer differs, each announced: an inverted header match the Gateway API cannot state
// (GW7103), a prefix that outranks an earlier regular expression (GW7101), a host it cannot state (GW7103).
const EXCUSED: Readonly<Record<string, readonly string[]>> = {
  // `/httpbin` rewritten to `/`: Gloo sends `//get`, the Gateway API `/get` (GW7106)
  'httpbin-path-rewrite': ['GET http://gateway.example.com/httpbin/get?show_env=true'],
  // an empty substitution, which kgateway's TrafficPolicy refuses: 500 (GW7103)
  'regex-rewrite-every-match': ['an empty substitution removes the match'],
  // GW7106 for the doubled slash, which kgateway drops with a rewrite to `/` (the dropped slash of `/api/`
  // rewritten to `/v2` is kgateway's too, and the regexRewrite's tests hold: a kgateway TrafficPolicy)
  'prefix-rewrite-slash': [
    'the published example doubles the slash',
    'a delegated route is rewritten from the prefix it is served by, its parent\'s',
  ],
  'header-matchers': ['GET http://reviews.example.com/reviews/1'],
  // a host with a wildcard inside its first label (GW7103): its routes are not rendered
  'wildcard-suffix-hosts': ['GET http://pr-17-preview.example.com/'],
  // a route shadowed on Gloo (after its table's catch-all) that the Gateway API ranks first (GW7101)
  'catch-all-last': ['a route after its table\'s catch-all is not reached'],
  // the route's exact match ranks above its prefix: the whole path is replaced (GW7108)
  'gateway-api-route-matches': ['the exact health path is matched by the prefix first, on Gloo'],
  // routes on :authority, :path and :scheme, which no HTTPRoute match can name (GW7103): left out
  // (a route on `host` is written, and kgateway's Envoy reads it as :authority: kept)
  'pseudo-header-matchers': ['the Host as sent is :authority', 'the path with its query', 'GET http://api.example.com/scheme'],
  // an ExternalService destination, which the Gateway API output answers 503 (GW7004)
  'ai-gateway-delegation': ['the catch-all sends the ExternalService the rewritten path and host'],
};

describe('gwctl render --target gateway-api keeps what gwctl test expects', () => {
  it.each(BEHAVIOUR)('%s', async (_name, manifests, testsFile) => {
    const model = await runCase(join(ROOT, manifests), join(ROOT, testsFile));
    expect(model.failures).toEqual([]);
    const result = await runInProcess(['render', '--target', 'gateway-api', manifests, '--force', '--findings-format', 'json', '--min-severity', 'info']);
    expect(result.code).toBe(0);
    const findings: Array<{ code: string; message: string }> = JSON.parse(result.stderr).diagnostics;
    // the differences the findings announce (helpers/gateway-api-differences.ts)
    const announced = announcedDifferences(findings);
    const engine = await loadRegexEngine();
    const resources = documents(result.stdout);
    // every set's output is also valid against the CRDs, with every reference resolved
    expect(resources.flatMap((r) => gatewayApiErrors(r).map((e) => `${r.kind} ${r.metadata.name}: ${e}`))).toEqual([]);
    expect(unresolvedReferences(resources)).toEqual([]);
    const spec = readRoutingTests(testsFile, parse(readFileSync(join(ROOT, testsFile), 'utf8')));
    const failures: string[] = [];
    const excused: string[] = [];
    let checked = 0;
    for (const test of spec.tests) {
      if (test.expect.replaced !== undefined) continue;
      const request = parseRequest(test.request, test.headers);
      const answer = matchGatewayApi(resources, request);
      const problems = gatewayExpectationProblems(answer, test.expect, dnsName);
      // a difference a finding announced, for the route Gloo serves the request with or the one the output does
      const glooAnswer = chooseAnswer(matchRequest(model.analysis.model, request, engine), test.expect);
      const explained = isAnnounced(announced, { listener: glooAnswer?.listener.name, host: request.host, route: glooAnswer?.route, rule: answer.rule?.name, path: request.path, status: answer.status });
      if (problems.length && explained) {
        excused.push(test.name);
        continue;
      }
      checked++;
      for (const p of problems) failures.push(`${test.name}: ${p}`);
    }
    expect(failures).toEqual([]);
    // the requests a finding excuses are named here, so that the excuse cannot grow unnoticed
    expect(excused).toEqual(EXCUSED[_name] ?? []);
    expect(checked).toBeGreaterThan(0);
  });
});

describe('gwctl render --target gateway-api: a prefix compared by whole segments (GW7102)', () => {
  // a prefix that does not start with `/` matches no request path, on Gloo (GW4016) as in the output,
  // where its route is left out (GW7103): no request changes route, and GW7102 would say one did
  it('is named for a prefix of a segment, not for a prefix that matches nothing', async () => {
    const manifest = `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [h.example.com]\n  http:\n    - name: orders\n      matchers: [{uri: {prefix: /orders}}]\n      directResponse: {status: 200}\n    - name: slashless\n      matchers: [{uri: {prefix: "orders"}}]\n      directResponse: {status: 200}\n`;
    const result = await runInProcess(['render', '--target', 'gateway-api', '-', '--findings-format', 'json', '--min-severity', 'info'], { input: manifest });
    const findings = JSON.parse(result.stderr).diagnostics as Array<{ code: string; message: string }>;
    expect(findings.filter((f) => f.code === 'GW7102').map((f) => f.message)).toEqual([
      'route `orders`: its prefix `/orders` is compared by whole path segments in the Gateway API: `/orders` no longer matches `/ordersx`, which Gloo sent here',
    ]);
    expect(findings.some((f) => f.code === 'GW4016' && f.message.includes('`orders`'))).toBe(true);
  });

  it('is not said, nor GW7106, of a route or matcher the output leaves out (GW7103 says so)', async () => {
    // 17 header conditions: more than a match takes, so the route is left out
    const headers = Array.from({ length: 17 }, (_, i) => `{name: x-h${i}, value: v}`).join(', ');
    const forward = `forwardTo: {pathRewrite: /, destinations: [{ref: {name: httpbin, namespace: ns}, port: {number: 80}}]}`;
    const manifest = `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [h.example.com]\n  http:\n    - name: kept\n      matchers: [{uri: {prefix: /kept}}]\n      ${forward}\n    - name: dropped\n      matchers: [{uri: {prefix: /dropped}, headers: [${headers}]}]\n      ${forward}\n    - name: half\n      matchers: [{uri: {prefix: /half}}, {uri: {prefix: /other}, headers: [${headers}]}]\n      directResponse: {status: 200}\n`;
    const result = await runInProcess(['render', '--target', 'gateway-api', '-', '--findings-format', 'json', '--min-severity', 'info'], { input: manifest });
    const findings = JSON.parse(result.stderr).diagnostics as Array<{ code: string; message: string }>;
    const of = (code: string) => findings.filter((f) => f.code === code).map((f) => /^route `(\w+)`|^(\w+):/.exec(f.message)!.slice(1).find(Boolean));
    expect(of('GW7103')).toEqual(['dropped', 'half']);
    expect(of('GW7102')).toEqual(['kept', 'half']);
    expect(of('GW7106')).toEqual(['kept']);
    // of a route the output holds in part, the prefixes it holds: `/other`'s matcher is left out
    expect(findings.find((f) => f.code === 'GW7102' && f.message.startsWith('route `half`'))!.message).toContain('its prefix `/half` is');
  });
});

describe('gwctl render --target gateway-api: a prefix rewritten to `/` (GW7106)', () => {
  // kgateway's ReplacePrefixMatch is Envoy's prefix_rewrite, as Gloo's, except for `/`: `api` (`/api/`
  // rewritten to `/v2`) sends `/v2get` on both
  it('names each route whose destination would receive another path, and not the pair of routes Envoy advises', async () => {
    const result = await runInProcess(['render', '--target', 'gateway-api', 'fixtures/model/semantics/prefix-rewrite-slash.yaml', '--findings-format', 'json', '-o', join(mkdtempSync(join(tmpdir(), 'gwctl-gw7106-')), 'out.yaml')]);
    expect(result.code).toBe(0);
    const messages = (JSON.parse(result.stderr).diagnostics as Array<{ code: string; message: string }>).filter((f) => f.code === 'GW7106').map((f) => f.message);
    expect(messages).toEqual([
      'route `httpbin`: kgateway rewrites the prefix `/httpbin` to `/` with the slashes after it, so `/httpbin/get` reaches the destination as `/get`, where Gloo sends `//get`',
      'route `team/everything`: kgateway rewrites the prefix `/team` to `/` with the slashes after it, so `/team/get` reaches the destination as `/get`, where Gloo sends `//get`',
    ]);
  });
});

describe('gwctl render --target gateway-api: a prefix with regular expression operators rewritten to `/`', () => {
  // kgateway would put `/c++` unescaped into `^/c++\/*`, which RE2 (and Envoy) refuses; gwctl writes the
  // same rewrite as a TrafficPolicy with the prefix escaped
  it('is a TrafficPolicy RE2 compiles, that sends the path ReplacePrefixMatch `/` would', async () => {
    const manifest = `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [h.example.com]\n  http:\n    - name: cpp\n      matchers: [{uri: {prefix: /c++}}]\n      forwardTo: {pathRewrite: /, destinations: [{ref: {name: docs, namespace: ns}, port: {number: 80}}]}\n    - name: plain\n      matchers: [{uri: {prefix: /c}}]\n      forwardTo: {pathRewrite: /, destinations: [{ref: {name: docs, namespace: ns}, port: {number: 80}}]}\n`;
    const result = await runInProcess(['render', '--target', 'gateway-api', '-', '--findings-format', 'json'], { input: manifest });
    expect(result.code).toBe(0);
    const resources = documents(result.stdout);
    expect(resources.flatMap((r) => gatewayApiErrors(r))).toEqual([]);
    const rules = resources.find((r) => r.kind === 'HTTPRoute')!.spec.rules;
    const cpp = rules.find((r: any) => r.name === 'cpp');
    expect(cpp.filters).toEqual([{ type: 'ExtensionRef', extensionRef: { group: 'gateway.kgateway.dev', kind: 'TrafficPolicy', name: 'regex-rewrite' } }]);
    const pattern = resources.find((r) => r.kind === 'TrafficPolicy')!.spec.urlRewrite.pathRegex.pattern;
    expect(pattern).toBe('^/c\\+\\+\\/*');
    const engine = await loadRegexEngine();
    expect('error' in engine.compile(pattern)).toBe(false);
    expect('error' in engine.compile('^/c++\\/*')).toBe(true);
    expect(matchGatewayApi(resources, parseRequest('GET http://h.example.com:10000/c++/docs', [])).path).toBe('/docs');
    // a prefix without operators keeps ReplacePrefixMatch
    expect(rules.find((r: any) => r.name === 'plain').filters).toEqual([{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }]);
    const gw7106 = JSON.parse(result.stderr).diagnostics.filter((d: { code: string }) => d.code === 'GW7106').map((d: { message: string }) => d.message);
    expect(gw7106).toContain('route `cpp`: kgateway rewrites the prefix `/c++` to `/` with the slashes after it, so `/c++/get` reaches the destination as `/get`, where Gloo sends `//get`');
  });
});

describe('gwctl render --target gateway-api: files and usage', () => {
  it('--out-dir writes one file per resource, and a later render removes what it no longer writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-gwapi-'));
    expect((await render(['fixtures/examples', '--out-dir', dir])).code).toBe(0);
    const files = readdirSync(dir).sort();
    expect(files).toContain('gateway-istio-gateways-north-south-gw.yaml');
    expect(files).toContain('backend-team-a-lambda-orders-api-1.yaml');
    expect(files).toContain('referencegrant-team-b-gwctl-httproutes-from-istio-gateways.yaml');
    expect(files.filter((f) => f.startsWith('httproute-'))).toEqual(['httproute-istio-gateways-north-south-gw-443-api.example.com.yaml', 'httproute-istio-gateways-north-south-gw-80-api.example.com.yaml']);
    expect((await render(['fixtures/render/gateway-api-precedence.yaml', '--out-dir', dir])).code).toBe(0);
    expect(readdirSync(dir).some((f) => f.startsWith('backend-'))).toBe(false);
  });

  it('a host past one HTTPRoute\'s limits: several HTTPRoutes, named in order, a route\'s rules split between two where the matches run out', async () => {
    // 40 routes and one of 127 exact paths between r19 and r20: its matches make two rules (64 + 63);
    // an HTTPRoute takes 16 rules and fewer than 128 matches
    const route = (name: string, matchers: string, status: number) => `    - name: ${name}\n      matchers:\n${matchers}      directResponse:\n        status: ${status}\n`;
    const prefix = (i: number) => route(`r${i}`, `        - uri:\n            prefix: /p${i}/\n`, 200 + i);
    const many = route('many', Array.from({ length: 127 }, (_, k) => `        - uri:\n            exact: /many/${k}\n`).join(''), 299);
    const http = [...Array.from({ length: 20 }, (_, i) => prefix(i)), many, ...Array.from({ length: 20 }, (_, i) => prefix(20 + i))].join('');
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-gwapi-'));
    const file = join(dir, 'big.yaml');
    writeFileSync(file, `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata:\n  name: big\n  namespace: apis\nspec:\n  hosts:\n    - big.example.com\n  http:\n${http}`);
    const result = await render([file]);
    expect(result.code).toBe(0);
    const resources = documents(result.stdout);
    expect(resources.flatMap((r) => gatewayApiErrors(r).map((e) => `${r.kind} ${r.metadata.name}: ${e}`))).toEqual([]);
    const routes = resources.filter((r) => r.kind === 'HTTPRoute');
    expect(routes.map((r) => r.metadata.name)).toEqual([0, 1, 2, 3].map((i) => `gwctl-default-10000-big.example.com-00${i}`));
    expect(routes.map((r) => r.spec.rules.length)).toEqual([16, 5, 16, 5]);
    const names = (i: number, j: number) => Array.from({ length: j - i }, (_, k) => `r${i + k}`);
    expect(routes.flatMap((r) => r.spec.rules.map((x: any) => x.name))).toEqual([...names(0, 20), 'many', 'many-2', ...names(20, 40)]);
    expect(routes[1]!.spec.rules.at(-1).name).toBe('many');
    expect(routes[2]!.spec.rules[0].matches).toHaveLength(63);
    // each request still reaches its route
    const ask = (path: string) => matchGatewayApi(resources, parseRequest(`GET http://big.example.com:10000${path}`, [])).status;
    for (let i = 0; i < 40; i++) expect(ask(`/p${i}/x`)).toBe(200 + i);
    expect([ask('/many/0'), ask('/many/126'), ask('/many/127')]).toEqual([299, 299, 404]);
  });

  it('--gateway-class must be a GatewayClass name', async () => {
    const result = await render(['fixtures/examples', '--gateway-class', 'Not A Class']);
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toMatch(/--gateway-class Not A Class: expected a GatewayClass name/);
  });

  it('--namespace must be a namespace the API server takes', async () => {
    // written as given before: `namespace: BAD NS` on every Gateway, which kubectl apply refuses
    const result = await render(['fixtures/examples', '--namespace', 'BAD NS']);
    expect([result.code, result.stdout]).toEqual([2, '']);
    expect(result.stderr).toBe('gwctl: error: --namespace BAD NS: expected a Kubernetes namespace (a lower-case DNS label of at most 63 characters)\n');
  });
});

describe('hosts keep their own routes in every target, however their routes are named', () => {
  const manifests = 'fixtures/render/same-route-names.yaml';
  const ask = (resources: Array<Record<string, any>>, url: string) => matchGatewayApi(resources, parseRequest(`GET ${url}`, [])).status;

  it('Gateway API', async () => {
    const resources = documents((await render([manifests])).stdout);
    expect(ask(resources, 'http://a.example.com:10000/')).toBe(200);
    expect(ask(resources, 'http://b.example.com:10000/')).toBe(201);
    expect(ask(resources, 'http://c.example.com:10000/a/x')).toBe(202);
    expect(ask(resources, 'http://d.example.com:10000/b/x')).toBe(202);
    expect(ask(resources, 'http://d.example.com:10000/a/x')).toBe(404);
  });

  it('Envoy and Gloo Edge: one virtual host per host here, each with its own answer', async () => {
    const envoy = parse((await renderTarget('envoy', [manifests])).stdout);
    const hosts = envoy.static_resources.listeners.flatMap((l: any) => l.filter_chains.flatMap((c: any) => c.filters.flatMap((f: any) => f.typed_config.route_config?.virtual_hosts ?? [])));
    const answer = (domain: string) => hosts.find((v: any) => v.domains.includes(domain))?.routes.map((r: any) => r.direct_response?.status ?? r.match.prefix ?? r.match.path_separated_prefix);
    expect(answer('a.example.com')).toContain(200);
    expect(answer('b.example.com')).toContain(201);
    const gloo = documents((await renderTarget('gloo', [manifests])).stdout).filter((r) => r.kind === 'VirtualService');
    const glooAnswer = (domain: string) => gloo.find((v) => v.spec.virtualHost.domains.includes(domain))!.spec.virtualHost.routes.map((r: any) => r.directResponseAction?.status);
    expect(glooAnswer('a.example.com')).toEqual([200]);
    expect(glooAnswer('b.example.com')).toEqual([201]);
    const prefixes = (domain: string) => gloo.find((v) => v.spec.virtualHost.domains.includes(domain))!.spec.virtualHost.routes.flatMap((r: any) => r.matchers.map((m: any) => m.prefix));
    expect(prefixes('d.example.com')).toEqual(['/b/x']);
  });
});

describe('more than the Gateway API takes in one resource', async () => {
  const listeners = Array.from({ length: 66 }, (_, i) => `    - port: {number: ${8000 + i}}\n      http: {}`).join('\n');
  const hosts = Array.from({ length: 20 }, (_, i) => `h${i}.example.com`);
  const destinations = Array.from({ length: 17 }, (_, i) => `          - {ref: {name: s${i}, namespace: gw}, port: {number: 80}${i ? ', weight: 6' : ', weight: 4'}}`).join('\n');
  const dir = mkdtempSync(join(tmpdir(), 'gwctl-gwapi-'));
  writeFileSync(
    join(dir, 'in.yaml'),
    `apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: edge, namespace: gw}\nspec:\n  listeners:\n${listeners}\n---\n` +
      `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: gw}\nspec:\n  hosts: [${hosts.join(', ')}]\n  virtualGateways: [{name: edge}]\n  http:\n    - name: many\n      matchers: [{uri: {prefix: /many}}]\n      forwardTo:\n        destinations:\n${destinations}\n    - name: hello\n      directResponse: {status: 200, body: hi}\n`,
  );
  const result = await runInProcess(['render', '--target', 'gateway-api', join(dir, 'in.yaml'), '--findings-format', 'json']);
  const resources = documents(result.stdout);
  const notes = JSON.parse(result.stderr).diagnostics.filter((d: { code: string }) => d.code === 'GW7103').map((d: { message: string }) => d.message);

  it('writes a host set of 20 as HTTPRoutes of 16 hostnames at most, each host in one, with the same rules', async () => {
    expect(result.code).toBe(0);
    expect(resources.flatMap((r) => gatewayApiErrors(r).map((e) => `${r.kind} ${r.metadata.name}: ${e}`))).toEqual([]);
    const onPort = resources.filter((r) => r.kind === 'HTTPRoute' && r.spec.parentRefs[0].sectionName === 'http-8000');
    expect(onPort.map((r) => r.spec.hostnames.length)).toEqual([16, 4]);
    expect(onPort.flatMap((r) => r.spec.hostnames).sort()).toEqual([...hosts].sort());
    expect(onPort[1]!.spec.rules).toEqual(onPort[0]!.spec.rules);
    for (const host of hosts) expect(matchGatewayApi(resources, parseRequest(`GET http://${host}:8000/`, [])).status).toBe(200);
  });

  it('answers 503 for a route of 17 destinations, which one rule cannot weigh, and says so', async () => {
    expect(notes).toContain('many: its 17 destinations (the Gateway API takes 16 in a rule) cannot be written for the Gateway API and kgateway; the rule answers 503');
    expect(matchGatewayApi(resources, parseRequest('GET http://h3.example.com:8000/many', [])).status).toBe(503);
  });

  it('answers 500 for a path rewrite or redirect longer than 1,024 characters, and says so; writes one of 1,024', async () => {
    const long = '/' + 'x'.repeat(1024);
    const fits = '/' + 'y'.repeat(1023);
    const input = join(dir, 'long.yaml');
    writeFileSync(
      input,
      `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [a.example.com]\n  http:\n` +
        `    - name: moved\n      matchers: [{uri: {prefix: /old}}]\n      redirect: {pathRedirect: "${long}"}\n` +
        `    - name: moved-fits\n      matchers: [{uri: {prefix: /older}}]\n      redirect: {pathRedirect: "${fits}"}\n` +
        `    - name: api-fits\n      matchers: [{uri: {exact: /fits}}]\n      forwardTo: {pathRewrite: "${fits}", destinations: [{ref: {name: api}, port: {number: 80}}]}\n` +
        `    - name: api\n      forwardTo: {pathRewrite: "${long}", destinations: [{ref: {name: api}, port: {number: 80}}]}\n`,
    );
    const out = await runInProcess(['render', '--target', 'gateway-api', input, '--findings-format', 'json']);
    expect(out.code).toBe(0);
    const all = documents(out.stdout);
    expect(all.flatMap((r) => gatewayApiErrors(r))).toEqual([]);
    const said = JSON.parse(out.stderr).diagnostics.filter((d: { code: string }) => d.code === 'GW7103').map((d: { message: string }) => d.message);
    expect(said).toEqual([
      'moved: a pathRedirect of 1,025 characters cannot be written for the Gateway API and kgateway; the Gateway API takes 1,024: the rule answers 500',
      'api: a pathRewrite of 1,025 characters cannot be written for the Gateway API and kgateway; the Gateway API takes 1,024: the rule answers 500',
    ]);
    for (const path of ['/old', '/']) expect(matchGatewayApi(all, parseRequest(`GET http://a.example.com:10000${path}`, [])).status).toBe(500);
    expect(matchGatewayApi(all, parseRequest('GET http://a.example.com:10000/older/x', []))).toMatchObject({ redirect: `http://a.example.com:10000${fits}` });
    const rules = all.filter((r) => r.kind === 'HTTPRoute').flatMap((r) => r.spec.rules);
    expect(rules.find((r: { name: string }) => r.name === 'moved-fits').filters[0].requestRedirect.path).toEqual({ type: 'ReplaceFullPath', replaceFullPath: fits });
    expect(rules.find((r: { name: string }) => r.name === 'api-fits').filters[0].urlRewrite.path).toEqual({ type: 'ReplaceFullPath', replaceFullPath: fits });
  });

  it('writes a redirect\'s or a rewrite\'s host in lower case, as a PreciseHostname is', async () => {
    const input = join(dir, 'host-case.yaml');
    writeFileSync(
      input,
      `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [a.example.com]\n  http:\n` +
        `    - name: moved\n      matchers: [{uri: {prefix: /old}}]\n      redirect: {hostRedirect: Shop.Example.COM}\n` +
        `    - name: api\n      forwardTo: {hostRewrite: API.Internal, destinations: [{ref: {name: api}, port: {number: 80}}]}\n`,
    );
    const out = await runInProcess(['render', '--target', 'gateway-api', input, '-q']);
    expect(out.code, out.stderr).toBe(0);
    const all = documents(out.stdout);
    expect(all.flatMap((r) => gatewayApiErrors(r))).toEqual([]);
    const rules = all.filter((r) => r.kind === 'HTTPRoute').flatMap((r) => r.spec.rules);
    expect(rules.find((r: { name: string }) => r.name === 'moved').filters[0].requestRedirect.hostname).toBe('shop.example.com');
    expect(rules.find((r: { name: string }) => r.name === 'api').filters[0].urlRewrite.hostname).toBe('api.internal');
  });

  it('names an HTTPRoute for its host set\'s first host, a wildcard spelt out, and leaves out a host no hostname can state', async () => {
    const input = join(dir, 'wildcards.yaml');
    const rt = (name: string, hosts: string) => `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: ${name}, namespace: ns}\nspec:\n  hosts: ${hosts}\n  http: [{name: ${name}, directResponse: {status: 200}}]\n`;
    writeFileSync(input, [rt('t', "['*-bar.example.com', a.example.com]"), rt('w', "['*.example.org']"), rt('x', "['*-x.example.net']")].join('---\n'));
    const out = await runInProcess(['render', '--target', 'gateway-api', input, '--findings-format', 'json']);
    expect(out.code).toBe(0);
    const routes = documents(out.stdout).filter((r) => r.kind === 'HTTPRoute');
    expect(routes.map((r) => [r.metadata.name, r.spec.hostnames])).toEqual([
      ['gwctl-default-10000-wildcard--bar.example.com', ['a.example.com']],
      ['gwctl-default-10000-wildcard-example.org', ['*.example.org']],
    ]);
    const said = JSON.parse(out.stderr).diagnostics.filter((d: { code: string }) => d.code === 'GW7103').map((d: { message: string }) => d.message.replace(/^.*Gateway API and kgateway; /, ''));
    expect(said).toEqual(['the HTTPRoute serves the other hosts of its set only', 'its routes are not rendered (without hostnames an HTTPRoute would serve every host)']);
  });

  it('writes 64 listeners of a Gateway, and names each one after them, left out with its routes', async () => {
    const gateway = resources.find((r) => r.kind === 'Gateway')!;
    expect(gateway.spec.listeners).toHaveLength(64);
    expect(notes.filter((n: string) => n.startsWith('listener'))).toEqual([8064, 8065].map((port) => `listener gw/edge:${port}: a listener after the 64th of Gateway gw/edge (the Gateway API takes 64) cannot be written for the Gateway API and kgateway; it and its routes are not rendered`));
    expect(resources.some((r) => r.kind === 'HTTPRoute' && r.spec.parentRefs[0].sectionName === 'http-8064')).toBe(false);
  });
});

describe('rule names', () => {
  it('stay unique when a route split for its prefix rewrites meets a route named like a split rule', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-gwapi-'));
    writeFileSync(
      join(dir, 'in.yaml'),
      `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [a.example.com]\n  http:\n` +
        `    - name: docs\n      matchers: [{uri: {prefix: /docs/}}, {uri: {prefix: /manual/}}]\n      forwardTo: {pathRewrite: /pages/, destinations: [{ref: {name: pages}, port: {number: 80}}]}\n` +
        `    - name: docs-2\n      matchers: [{uri: {prefix: /old/}}]\n      directResponse: {status: 410}\n`,
    );
    const result = await runInProcess(['render', '--target', 'gateway-api', join(dir, 'in.yaml')]);
    expect(result.code).toBe(0);
    const resources = documents(result.stdout);
    expect(resources.flatMap((r) => gatewayApiErrors(r))).toEqual([]);
    expect(resources.find((r) => r.kind === 'HTTPRoute')!.spec.rules.map((r: { name: string }) => r.name)).toEqual(['docs', 'docs-2', 'docs-2-2']);
    expect(matchGatewayApi(resources, parseRequest('GET http://a.example.com:10000/old/x', [])).status).toBe(410);
  });
});

describe('a matcher the Gateway API cannot hold', () => {
  const table = (matchers: string) =>
    `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [a.example.com]\n  http:\n    - name: odd\n      matchers: [${matchers}]\n      directResponse: {status: 200, body: odd}\n    - name: rest\n      directResponse: {status: 204}\n`;
  const run = async (matchers: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-gwapi-'));
    writeFileSync(join(dir, 'in.yaml'), table(matchers));
    const result = await runInProcess(['render', '--target', 'gateway-api', join(dir, 'in.yaml'), '--findings-format', 'json', '--min-severity', 'info']);
    const resources = documents(result.stdout);
    const rules = resources.filter((r) => r.kind === 'HTTPRoute').flatMap((r) => r.spec.rules);
    const notes = JSON.parse(result.stderr).diagnostics.filter((d: { code: string }) => d.code === 'GW7103').map((d: { message: string }) => d.message);
    return { result, resources, rules, notes };
  };

  it('leaves out the route whose only matcher holds a path, method or name it cannot, and says so', async () => {
    for (const [matcher, what] of [
      ['{uri: {prefix: "/a|b"}}', 'the path `/a|b`'],
      ['{uri: {exact: "/a//b"}}', 'the path `/a//b`'],
      ['{method: PURGE}', 'the method `PURGE`'],
      ['{headers: [{name: "x a", value: v}]}', 'the header name `x a`'],
      [`{queryParameters: [${Array.from({ length: 17 }, (_, i) => `{name: q${i}}`).join(', ')}]}`, 'its 17 query parameter conditions (the Gateway API takes 16 in a match)'],
    ]) {
      const { result, resources, rules, notes } = await run(matcher!);
      expect(result.code).toBe(0);
      expect(rules.map((r: { name: string }) => r.name)).toEqual(['rest']);
      expect(notes).toEqual([`odd: ${what} cannot be written for the Gateway API and kgateway; the route is left out`]);
      expect(resources.flatMap((r) => gatewayApiErrors(r))).toEqual([]);
    }
  });

  it('writes an exact condition on :method as the match\'s method, where the method enum and the matcher\'s own method allow', async () => {
    const written = await run('{uri: {prefix: /a}, headers: [{name: ":Method", value: PATCH}, {name: x-team, value: a}]}, {method: GET, headers: [{name: ":method", value: GET}]}');
    expect(written.notes).toEqual([]);
    expect(written.rules[0].matches).toEqual([
      { path: { type: 'PathPrefix', value: '/a' }, method: 'PATCH', headers: [{ type: 'Exact', name: 'x-team', value: 'a' }] },
      { path: { type: 'PathPrefix', value: '/' }, method: 'GET' },
    ]);
    for (const matcher of [
      '{headers: [{name: ":method", value: GET, invertMatch: true}]}',
      '{method: GET, headers: [{name: ":method", value: POST}]}',
      '{headers: [{name: ":method", value: PURGE}]}',
      // a regex that is not a list of methods of the enum, or names none the matcher's method is
      '{headers: [{name: ":method", value: "G.T", regex: true}]}',
      '{headers: [{name: ":method", value: "GET|PURGE", regex: true}]}',
      '{headers: [{name: ":method", value: "(?i)get", regex: true}]}',
      '{headers: [{name: ":method", value: "(GET)|(HEAD)", regex: true}]}',
      '{method: POST, headers: [{name: ":method", value: "GET|HEAD", regex: true}]}',
    ]) {
      const { rules, notes } = await run(matcher);
      expect(rules.map((r: { name: string }) => r.name), matcher).toEqual(['rest']);
      expect(notes, matcher).toEqual(['odd: the header name `:method` cannot be written for the Gateway API and kgateway; the route is left out']);
    }
  });

  it('writes a regex on :method that lists methods as one match per method (Envoy matches the whole value)', async () => {
    const written = await run('{uri: {prefix: /a}, headers: [{name: ":method", value: "^(GET|HEAD)$", regex: true}, {name: x-team, value: a}]}, {method: POST, headers: [{name: ":method", value: "(?:PUT|POST|PUT)", regex: true}]}, {headers: [{name: ":method", value: "^DELETE$|PATCH|DELETE", regex: true}]}');
    expect(written.notes).toEqual([]);
    expect(written.rules[0].matches).toEqual([
      { path: { type: 'PathPrefix', value: '/a' }, method: 'GET', headers: [{ type: 'Exact', name: 'x-team', value: 'a' }] },
      { path: { type: 'PathPrefix', value: '/a' }, method: 'HEAD', headers: [{ type: 'Exact', name: 'x-team', value: 'a' }] },
      { path: { type: 'PathPrefix', value: '/' }, method: 'POST' },
      { path: { type: 'PathPrefix', value: '/' }, method: 'DELETE' },
      { path: { type: 'PathPrefix', value: '/' }, method: 'PATCH' },
    ]);
    expect(written.resources.flatMap((r) => gatewayApiErrors(r))).toEqual([]);
  });

  it('keeps the route\'s other matchers, and writes Gloo\'s empty prefix as `/`', async () => {
    const { rules, notes } = await run('{uri: {prefix: "/a|b"}}, {uri: {prefix: ""}, method: GET}');
    expect(rules[0].matches).toEqual([{ path: { type: 'PathPrefix', value: '/' }, method: 'GET' }]);
    expect(notes).toEqual(['odd: the path `/a|b` cannot be written for the Gateway API and kgateway; the matcher that holds it is left out']);
  });
});

describe('a redirect or rewrite host with a port or in upper case', () => {
  it('is written as the Gateway API states a host: lower case, the port apart (a URLRewrite takes none: GW7103)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-gwapi-'));
    writeFileSync(
      join(dir, 'in.yaml'),
      `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [a.example.com]\n  http:\n    - name: moved\n      matchers: [{uri: {prefix: /old}}]\n      redirect: {hostRedirect: "Shop.Example.com:8443"}\n    - name: api\n      forwardTo: {hostRewrite: "API.example.com:8080", destinations: [{ref: {name: api}, port: {number: 80}}]}\n`,
    );
    const result = await runInProcess(['render', '--target', 'gateway-api', join(dir, 'in.yaml'), '--findings-format', 'json', '--min-severity', 'info']);
    expect(result.code).toBe(0);
    const resources = documents(result.stdout);
    expect(resources.flatMap((r) => gatewayApiErrors(r))).toEqual([]);
    const rules = resources.filter((r) => r.kind === 'HTTPRoute').flatMap((r) => r.spec.rules);
    expect(rules.find((r: { name: string }) => r.name === 'moved').filters[0].requestRedirect).toEqual({ hostname: 'shop.example.com', port: 8443, statusCode: 301 });
    expect(rules.find((r: { name: string }) => r.name === 'api').filters[0].urlRewrite).toEqual({ hostname: 'api.example.com' });
    const notes = JSON.parse(result.stderr).diagnostics.filter((d: { code: string }) => d.code === 'GW7103').map((d: { message: string }) => d.message);
    expect(notes).toEqual(['api: the port of hostRewrite `API.example.com:8080` cannot be written for the Gateway API and kgateway; the Host header is rewritten to api.example.com, without it']);
  });
});

describe('what one rule cannot say for each backend', () => {
  const provider = `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: aws, namespace: ns}\nspec:\n  aws: {accountId: '111111111111', region: us-east-1, lambda: {invokeRoleName: invoker}}\n---\napiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: fns, namespace: ns}\nspec:\n  provider: aws\n  aws: {lambda: [{lambdaFunctionName: f}]}\n---\n`;
  const render = async (routes: string) => {
    const manifest = `${provider}apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [a.example.com]\n  http:\n${routes}`;
    const result = await runInProcess(['render', '--target', 'gateway-api', '-', '--findings-format', 'json', '--min-severity', 'info'], { input: manifest });
    const rules = documents(result.stdout).filter((r) => r.kind === 'HTTPRoute').flatMap((r) => r.spec.rules);
    const notes = JSON.parse(result.stderr).diagnostics.filter((d: { code: string }) => d.code === 'GW7103').map((d: { message: string }) => d.message);
    return { rules, notes };
  };
  const service = (name: string) => `{ref: {name: ${name}}, port: {number: 80}}`;

  it('autoHostRewrite names the one Service the rule sends to; to several, the Host goes on as sent, as GW7103 says', async () => {
    const { rules, notes } = await render(`    - name: one\n      matchers: [{uri: {prefix: /one}}]\n      forwardTo: {autoHostRewrite: true, destinations: [${service('a')}]}\n    - name: two\n      forwardTo: {autoHostRewrite: true, destinations: [${service('a')}, ${service('b')}]}\n`);
    expect(rules.find((r: { name: string }) => r.name === 'one').filters).toEqual([{ type: 'URLRewrite', urlRewrite: { hostname: 'a.ns.svc.cluster.local' } }]);
    expect(rules.find((r: { name: string }) => r.name === 'two').filters).toBeUndefined();
    expect(notes).toEqual(['two: autoHostRewrite to several destinations cannot be written for the Gateway API and kgateway; the Host header is forwarded as the client sent it']);
  });

  it('a hostRewrite on a route to a function is left out, as in every target, and GW7006 says so once', async () => {
    const manifest = `${provider}apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [a.example.com, b.example.org]\n  http:\n    - name: fn\n      forwardTo: {hostRewrite: internal.example.com, destinations: [{awsLambda: {cloudProvider: {name: aws}, function: f}}]}\n`;
    const result = await runInProcess(['render', '--target', 'gateway-api', '-', '--findings-format', 'json'], { input: manifest });
    expect(JSON.parse(result.stderr).diagnostics.filter((d: { code: string }) => d.code === 'GW7006')).toHaveLength(1);
    const rules = documents(result.stdout).filter((r) => r.kind === 'HTTPRoute').flatMap((r) => r.spec.rules);
    expect(rules.map((r: { filters?: unknown }) => r.filters)).toEqual([undefined]);
  });

  it('a function whose options kgateway cannot state is named once per Backend, however many routes send to it', async () => {
    const route = (name: string) => `    - name: ${name}\n      matchers: [{uri: {prefix: /${name}}}]\n      forwardTo: {destinations: [{awsLambda: {cloudProvider: {name: aws}, function: f, options: {requestTransformation: REQUEST_DISABLE}}}]}\n`;
    const { notes } = await render(route('a') + route('b'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^a: the Lambda request passed through with the response unwrapped \(Backend /);
  });

  it('names a 2.2 function\'s ALB unwrapping, which kgateway cannot state', async () => {
    const result = await runInProcess(['render', '--target', 'gateway-api', 'fixtures/real-world/lambda-2.2-unwrap-alb', '-o', '/dev/null', '--findings-format', 'json']);
    const notes = JSON.parse(result.stderr).diagnostics.filter((d: { code: string }) => d.code === 'GW7103').map((d: { message: string }) => d.message);
    expect(notes).toEqual([expect.stringMatching(/^lambda: the Lambda request passed through with the response unwrapped as from an ALB \(Backend gloo-mesh\/lambda-alb-echo-2\)/)]);
  });

  it('names a condition the Gateway API cannot hold once, however many matchers hold it', async () => {
    const long = 'x'.repeat(257);
    const { rules, notes } = await render(`    - name: long\n      matchers: [{uri: {prefix: /a}, headers: [{name: ${long}, value: v}]}, {uri: {prefix: /b}, headers: [{name: ${long}, value: v}]}]\n      forwardTo: {destinations: [${service('a')}]}\n`);
    expect(rules).toEqual([]);
    expect(notes).toEqual([`long: the header name \`${'x'.repeat(60)}…\` cannot be written for the Gateway API and kgateway; the route is left out`]);
  });
});

describe('gwctl render --target gateway-api: precedence among one route\'s matches (GW7108)', () => {
  it('says it once per route, only of matches that overlap, and never names a route as outranking itself (GW7101)', async () => {
    const forward = (rewrite: string) => `      forwardTo: {${rewrite}destinations: [{ref: {name: app}, port: {number: 80}}]}\n`;
    const input =
      `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [a.example.com]\n  http:\n` +
      // two exact paths after the route's prefix, each ranked above it: one GW7108
      `    - name: app\n      matchers: [{uri: {prefix: /app/}}, {uri: {exact: /app/health}}, {uri: {exact: /app/ready}}]\n${forward('pathRewrite: /, ')}` +
      `    - name: api\n      matchers: [{uri: {prefix: /api}}]\n${forward('')}` +
      // an exact path ranked above the route's prefix, but not one the prefix matches: nothing to say
      `    - name: apart\n      matchers: [{uri: {prefix: /apart/}}, {uri: {exact: /elsewhere}}]\n${forward('pathRewrite: /, ')}` +
      // split into a rule per prefix by its rewrite, each outranking api's shorter prefix: one GW7101
      `    - name: versions\n      matchers: [{uri: {prefix: /api/v1}}, {uri: {prefix: /api/v2}}]\n${forward('pathRewrite: /v/, ')}`;
    const result = await runInProcess(['render', '--target', 'gateway-api', '-', '-o', '/dev/null', '--findings-format', 'json'], { input });
    const findings: Array<{ code: string; message: string }> = JSON.parse(result.stderr).diagnostics;
    const of = (code: string) => findings.filter((f) => f.code === code).map((f) => f.message.split(':')[0]);
    expect(of('GW7108')).toEqual(['route `app` on a.example.com']);
    expect(of('GW7101')).toEqual(['on a.example.com, the Gateway API ranks route `versions` above `api`, which Gloo matches first (a longer prefix ranks first)']);
    // GW7102 counts a route's prefixes, or names its one
    const prefixes = findings.filter((f) => f.code === 'GW7102').map((f) => f.message.split(' compared')[0]);
    expect(prefixes).toEqual(['route `api`: its prefix `/api` is', 'route `versions`: its 2 prefixes are']);
    // no HTTPRoute for a host set whose every route is left out
    const only = `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [b.example.com]\n  http:\n    - name: lower\n      matchers: [{method: get}]\n${forward('')}`;
    const left = await runInProcess(['render', '--target', 'gateway-api', '-', '--findings-format', 'json'], { input: only });
    expect(JSON.parse(left.stderr).diagnostics.map((d: { code: string }) => d.code)).toContain('GW7103');
    expect(documents(left.stdout).filter((r) => r.kind === 'HTTPRoute')).toEqual([]);
  });

  it('names a route whose exact match, ranked first, rewrites the path otherwise; not one without a rewrite', async () => {
    const result = await runInProcess(['render', '--target', 'gateway-api', 'fixtures/render/gateway-api-route-matches.yaml', '--findings-format', 'json']);
    expect(result.code).toBe(0);
    const findings: Array<{ code: string; message: string; line: number }> = JSON.parse(result.stderr).diagnostics;
    expect(findings.filter((f) => f.code === 'GW7108').map((f) => [f.line, f.message])).toEqual([
      [28, 'route `app` on shop.example.com: the Gateway API ranks its match on the exact path `/app/health` above its match on the prefix `/app/`, which Gloo tries first (an exact path ranks above a prefix): a request both match, such as `GET /app/health`, has its path rewritten as after the exact path `/app/health` (pathRewrite `/`)'],
    ]);
  });
});

