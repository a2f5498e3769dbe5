import { describe, expect, it } from 'vitest';
import { runCli, transcript } from '../helpers/run-cli';

const cases: Array<[string, string[]]> = [
  ['examples-table', ['routes', 'fixtures/examples']],
  ['delegation-table', ['routes', 'fixtures/model/delegation.yaml', '--min-severity', 'error']],
  ['filters-table', ['routes', 'fixtures/model/filters.yaml', '-q', '--min-severity', 'error']],
  ['request-canary', ['routes', 'fixtures/examples', '-q', '--request', 'GET https://api.example.com/team-a/orders/42']],
  ['request-header', ['routes', 'fixtures/examples', '-q', '--request', 'GET https://api.example.com/team-b/invoices', '-H', 'x-beta: true']],
  ['request-404', ['routes', 'fixtures/examples', '-q', '--request', 'DELETE https://api.example.com/team-c/x']],
  ['request-no-host', ['routes', 'fixtures/examples', '-q', '--request', 'GET https://unknown.example.org/']],
  ['request-replaced', ['routes', 'fixtures/model/filters.yaml', '-q', '--min-severity', 'error', '--request', 'GET http://api.example.com:10000/pay/west']],
  ['request-normalised', ['routes', 'fixtures/model/semantics/path-normalisation.yaml', '-q', '--request', 'GET http://www.example.com/public/%2e%2e/admin']],
  // autoHostRewrite, a hostRedirect, a provider without an invoke role: what a user reads in each cell
  ['features-table', ['routes', 'fixtures/render/features.yaml', '-q', '--min-severity', 'error']],
  ['no-routes', ['routes', 'fixtures/examples/00-workspaces.yaml', '-q']],
  ['rewrites-table', ['routes', 'fixtures/model/semantics/prefix-rewrite-slash.yaml', '-q', '--min-severity', 'error']],
  // the policies that select the route by the labels on its way, and one whose selection is not decided
  ['request-policies', ['routes', 'fixtures/model/semantics/policy-route-labels.yaml', '-q', '--min-severity', 'error', '--request', 'GET http://api.example.com/orders/new']],
  ['request-policies-unselected', ['routes', 'fixtures/model/semantics/policy-empty-selection.yaml', '-q', '--min-severity', 'error', '--request', 'GET http://shop.example.com/cart']],
  ['request-policies-by-destination', ['routes', 'fixtures/model/semantics/policy-by-destination.yaml', '-q', '--min-severity', 'error', '--request', 'GET http://shop.example.com/orders/1']],
  // a destination selector's labels, compared with the VirtualDestination's the input holds: one selects, one without a namespace may
  ['request-policies-by-destination-labels', ['routes', 'fixtures/model/semantics/policy-destination-labels.yaml', '-q', '--min-severity', 'error', '--request', 'GET http://shop.example.com/ledger']],
  ['request-policies-gateway-proxies', ['routes', 'fixtures/render/gateway-access-policy.yaml', '-q', '--request', 'GET http://api.example.com/orders/7']],
  // what each kind of policy applies to, where its proto decides: the Service route's destinations, workloads, listeners
  ['request-policies-kinds', ['routes', 'fixtures/render/policy-kinds.yaml', '-q', '--request', 'GET http://shop.example.com/orders/1']],
  ['request-rewritten', ['routes', 'fixtures/model/semantics/prefix-rewrite-slash.yaml', '-q', '--min-severity', 'error', '--request', 'GET http://shop.example.com/httpbin/get?show_env=1']],
];

describe('gwctl routes, end to end', () => {
  it.each(cases)('%s', async (name, args) => {
    const result = runCli(args);
    expect(result.stderr).not.toMatch(/internal error/);
    await expect(transcript(args, result)).toMatchFileSnapshot(`../golden/routes/${name}.txt`);
  });

  it('prints the model as JSON with every source placed', () => {
    const result = runCli(['routes', 'fixtures/examples', '--format', 'json', '-q']);
    expect(result.code).toBe(0);
    const model = JSON.parse(result.stdout);
    const route = model.listeners[1].hosts[0].routes.find((r: { name: string }) => r.name === 'team-a/orders-canary');
    expect(route.source).toEqual({ file: 'fixtures/examples/20-team-a.yaml', line: 41, column: 7, pointer: '/spec/http/0' });
    expect(route.action.destinations.map((d: { weight: number }) => d.weight)).toEqual([90, 10]);
  });

  it('answers --request as JSON, with the path sent where the gateway routes by another', () => {
    const json = JSON.parse(runCli(['routes', 'fixtures/model/semantics/path-normalisation.yaml', '-q', '--format', 'json', '--request', 'GET http://www.example.com/public/../admin']).stdout);
    expect(json.request).toMatchObject({ path: '/admin', sentPath: '/public/../admin' });
    expect(json.answers[0].route.name).toBe('admin');
  });

  it('answers --request as JSON with the path the destination receives, where the route rewrites it', () => {
    const args = ['routes', 'fixtures/model/semantics/prefix-rewrite-slash.yaml', '-q', '--min-severity', 'error', '--format', 'json'];
    const rewritten = runCli([...args, '--request', 'GET http://shop.example.com/users/ann/profile']);
    expect(rewritten.code).toBe(0);
    expect(rewritten.stderr).toBe('');
    expect(JSON.parse(rewritten.stdout).answers[0].rewrittenPath).toBe('/profiles/ann');
    const plain = runCli([...args, '--request', 'GET http://shop.example.com/nothing']);
    expect(JSON.parse(plain.stdout).answers[0]).not.toHaveProperty('rewrittenPath');
  });

  it('answers --request as JSON', () => {
    const result = runCli(['routes', 'fixtures/examples', '--format', 'json', '-q', '--request', 'POST https://api.example.com/team-a/events']);
    const out = JSON.parse(result.stdout);
    expect(out.answers[0].route.name).toBe('team-a/order-events');
    expect(out.answers[0].attempts.at(-1)).toEqual({ route: 'team-a/order-events', matched: true });
  });

  it('exits 1 when the manifests have errors, with the findings on stderr and the table on stdout', () => {
    const result = runCli(['routes', 'fixtures/model/references.yaml']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('GW3001');
    expect(result.stdout).toMatch(/^LISTENER/);
  });

  it('rejects a malformed --request as a usage error', () => {
    expect(runCli(['routes', 'fixtures/examples', '--request', 'GET http://[x']).code).toBe(2);
  });

  it('a request that names no host, or -H without --request, is a usage error', () => {
    const noHost = runCli(['routes', 'fixtures/examples', '--request', 'POST /team-a/events']);
    expect(noHost).toMatchObject({ code: 2, stdout: '' });
    expect(noHost.stderr).toContain('the request names no host');
    expect(runCli(['routes', 'fixtures/examples', '-H', 'x-beta: true']).code).toBe(2);
  });

  it('answers a path with a Host header, and resolves children given with --context', () => {
    const result = runCli(['routes', 'fixtures/model/context/gateway.yaml', '--context', 'fixtures/model/context/team.yaml', '-q', '--request', 'GET /orders', '-H', 'Host: api.example.com:80']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('served by route teams/list (fixtures/model/context/team.yaml:11)');
  });
});
