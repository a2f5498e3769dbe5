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
    // what no route owns (a listener's TLS from files) is to settle before switching
    expect(json.before.map((b: { code: string }) => b.code)).toContain('GW7104');
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
    const manifest = 'apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [a.example.com]\n  http:\n    - name: "x | y <script>"\n      directResponse: {status: 200}\n';
    const result = await runInProcess(['migrate-report', '-', '-q'], { input: manifest });
    expect(result.stdout).toContain('x \\| y \\<script\\>');
    expect(result.stdout).not.toContain('<script>');
  });

  it('an unknown target is a usage error', async () => {
    expect((await report(['fixtures/examples', '--target', 'iam'])).code).toBe(2);
  });
});
