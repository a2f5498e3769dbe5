import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run-in-process';

const report = (args: string[]) => runInProcess(['migrate-report', '-q', ...args]);

describe('gwctl migrate-report', () => {
  it('the bundled example, to the Gateway API, as a Markdown checklist (golden)', async () => {
    const result = await report(['fixtures/examples']);
    expect([result.code, result.stderr]).toEqual([0, '']);
    await expect(result.stdout).toMatchFileSnapshot('../golden/migrate/examples-gateway-api.md');
  });

  it('gives each route the worst of what the target says about it: keeps, changes, loses', async () => {
    const json = JSON.parse((await report(['fixtures/render/features.yaml', '--format', 'json'])).stdout);
    const verdict = (name: string) => json.routes.find((r: { route: string }) => r.route === name);
    expect(json.target).toBe('gateway-api');
    // a Service port given by name cannot be rendered: the route loses its destination
    expect(verdict('ratings').verdict).toBe('loses');
    expect(verdict('ratings').differences.map((d: { code: string }) => d.code)).toContain('GW7003');
    // an inverted header match is dropped: the route changes
    expect(verdict('checkout').differences.map((d: { code: string }) => d.code)).toContain('GW7103');
    expect(json.summary.routes).toBe(json.routes.length);
    expect(json.summary.keeps + json.summary.changes + json.summary.loses).toBe(json.routes.length);
    // a destination kind no target renders (a VirtualDestination): answered 503, lost
    expect(verdict('mesh').verdict).toBe('loses');
    expect(verdict('mesh').differences.map((d: { code: string }) => d.code)).toContain('GW7004');
    // what no route owns (a listener's TLS from files) is to settle before switching; the input's own
    // warnings (GW4013, GW4027) are as true of Gloo Platform today and are not
    expect(json.before.map((b: { code: string }) => b.code)).toEqual(['GW7104']);
  });

  it('a route Gloo serves with what gwctl does not model (graphql, GW4012) loses it, whatever the target', async () => {
    for (const target of ['gateway-api', 'gloo', 'envoy']) {
      const json = JSON.parse((await report(['fixtures/model/semantics/graphql-route.yaml', '--target', target, '--format', 'json'])).stdout);
      const graphql = json.routes.find((r: { route: string }) => r.route === 'graphql');
      expect(graphql.verdict, target).toBe('loses');
      expect(graphql.differences[0], target).toEqual({ code: 'GW4012', message: 'Gloo serves this route, with a graphql action, which gwctl does not model: the output answers it 500' });
      expect(json.summary.loses, target).toBe(1);
    }
  });

  it('a route Gloo Platform replaces for its invalid configuration keeps what it does: the same 500', async () => {
    const json = JSON.parse((await report(['fixtures/model/weights.yaml', '--target', 'envoy', '--format', 'json'])).stdout);
    const replaced = json.routes.filter((r: { does: string }) => r.does.includes(', replaced ('));
    expect(replaced.map((r: { route: string; verdict: string }) => [r.route, r.verdict])).toEqual([['too-little', 'keeps'], ['too-much', 'keeps'], ['nothing-left', 'keeps'], ['staged-canary', 'keeps']]);
  });

  it('lists each difference of a route once, on every host it serves, and two of one code that say different things both', async () => {
    // Gloo Edge renders `ratings` on two listeners and says GW7003 for each
    for (const target of ['gateway-api', 'gloo', 'envoy']) {
      const json = JSON.parse((await report(['fixtures/render/features.yaml', '--target', target, '--format', 'json'])).stdout);
      const ratings = json.routes.filter((r: { route: string }) => r.route === 'ratings');
      expect(ratings.map((r: { listener: string; hosts: string[]; source: string }) => [r.listener, r.hosts, r.source]), target).toEqual([
        ['gateways/edge:8443', ['m.shop.example.com', 'www.shop.example.com'], 'fixtures/render/features.yaml:137'],
        ['gateways/edge:9443', ['m.shop.example.com', 'www.shop.example.com'], 'fixtures/render/features.yaml:137'],
      ]);
      for (const r of ratings) expect(r.differences.filter((d: { code: string }) => d.code === 'GW7003'), target).toHaveLength(1);
    }
    const two = 'apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [a.example.com]\n  http:\n' +
      '    - name: two\n      forwardTo: {destinations: [{ref: {name: a}, port: {name: http}, weight: 50}, {ref: {name: b}, port: {name: grpc}, weight: 50}]}\n';
    const json = JSON.parse((await runInProcess(['migrate-report', '-', '-q', '--target', 'envoy', '--format', 'json'], { input: two })).stdout);
    expect(json.routes[0].differences.map((d: { message: string }) => d.message.split(',')[0])).toEqual([
      'Service ns/a names its port `http`',
      'Service ns/b names its port `grpc`',
    ]);
  });

  it('names the requests Gateway API precedence moves to another route', async () => {
    const json = JSON.parse((await report(['fixtures/render/gateway-api-precedence.yaml', '--format', 'json'])).stdout);
    const moved = json.routes.filter((r: { differences: Array<{ code: string }> }) => r.differences.some((d) => d.code === 'GW7101')).map((r: { route: string }) => r.route);
    // and the moves kgateway's own order makes: a regular expression above a prefix (`renamed` by its second
    // alternative), `/docs/` above `/docs`
    expect(moved).toEqual(['orders', 'status-exact', 'search-term', 'docs-pages', 'renamed']);
  });

  it('to Gloo Edge: what the open-source edition cannot state is a change', async () => {
    const json = JSON.parse((await report(['fixtures/examples', '--target', 'gloo', '--format', 'json'])).stdout);
    expect(json.target).toBe('gloo');
    expect(json.routes.length).toBe(7);
  });

  it('an input with errors: the report lists them first, and the exit code is 1', async () => {
    const result = await runInProcess(['migrate-report', 'fixtures/model/filters.yaml', '--format', 'json', '--findings-format', 'json']);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json.before.some((b: { severity: string }) => b.severity === 'error')).toBe(true);
  });

  it('text from the input is escaped in Markdown: a hostile route name cannot break the table', async () => {
    const manifest = 'apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [a.example.com]\n  http:\n    - name: "x | y <script>"\n      matchers: [{uri: {prefix: "/a|b"}}]\n      directResponse: {status: 200}\n';
    const result = await runInProcess(['migrate-report', '-', '-q'], { input: manifest });
    expect(result.stdout).toContain('1 route: **0 keep** their meaning, **1 change**, **0 lose** their destination.');
    expect(result.stdout).toContain('| default:10000 | a.example.com | x \\| y \\<script\\> | prefix /a\\|b | direct 200 | changes |');
    expect(result.stdout).not.toContain('<script>');
  });

  it('an unknown target is a usage error', async () => {
    expect((await report(['fixtures/examples', '--target', 'iam'])).code).toBe(2);
  });
});
