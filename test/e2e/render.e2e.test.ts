import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTarget } from '../helpers/render-golden';
import { ROOT, runCli } from '../helpers/run-cli';

// The emitters' tests (test/emit, test/inspect) run `main` in the test process, for their many renders;
// here the built binary renders the bundled example for each target (and migrate-report, which renders
// too) and writes what those tests hold as golden, byte for byte: what the bundle, its lazily loaded
// emitters and a process of its own change, nothing.
const GOLDEN: Array<[string, string[], string]> = [
  ['envoy', ['fixtures/examples'], 'envoy/examples-upstream.yaml'],
  ['envoy', ['fixtures/examples', '--envoy-form', 'listener'], 'envoy/examples-listener.yaml'],
  ['gloo', ['fixtures/examples'], 'gloo/examples.yaml'],
  ['gateway-api', ['fixtures/examples'], 'gateway-api/examples.yaml'],
  ['iam', ['fixtures/examples'], 'iam/examples.json'],
];

describe('gwctl render, end to end', () => {
  it.each(GOLDEN)('--target %s %j: the golden file, exit 0, nothing on stderr', async (target, args, golden) => {
    const result = runCli(['render', '--target', target, '-q', '--min-severity', 'error', ...args]);
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toBe(readFileSync(join(ROOT, 'test/golden', golden), 'utf8'));
    // and what the emitters' tests read in process is the same
    expect((await renderTarget(target, args)).stdout).toBe(result.stdout);
  });

  it('refuses input with errors: exit 1, nothing on stdout, the findings and why on stderr', () => {
    const result = runCli(['render', '--target', 'envoy', 'fixtures/model/filters.yaml']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('GW5003');
    expect(result.stderr).toMatch(/\ngwctl: nothing rendered: the input has findings at or above error \(render anyway with --force\)\n$/);
    // a machine-readable report on stderr is all there is there; written to a file, stderr says why nothing was
    const why = 'gwctl: nothing rendered: the input has findings at or above error (render anyway with --force)\n';
    expect(JSON.parse(runCli(['render', '--target', 'envoy', 'fixtures/model/filters.yaml', '--findings-format', 'json']).stderr).diagnostics.length).toBeGreaterThan(0);
    const report = join(mkdtempSync(join(tmpdir(), 'gwctl-render-report-')), 'findings.json');
    expect(runCli(['render', '--target', 'envoy', 'fixtures/model/filters.yaml', '--findings-format', 'json', '--findings-output', report, '-q'])).toMatchObject({ code: 1, stdout: '', stderr: why });
    expect(JSON.parse(readFileSync(report, 'utf8')).diagnostics.length).toBeGreaterThan(0);
  });

  it('migrate-report, which renders without writing: the golden checklist, exit 0, nothing on stderr', () => {
    const result = runCli(['migrate-report', '-q', 'fixtures/examples']);
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toBe(readFileSync(join(ROOT, 'test/golden/migrate/examples-gateway-api.md'), 'utf8'));
    // -o: the same checklist in the file, nothing on stdout
    const out = join(mkdtempSync(join(tmpdir(), 'gwctl-migrate-o-')), 'migration.md');
    expect(runCli(['migrate-report', '-q', 'fixtures/examples', '-o', out])).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(out, 'utf8')).toBe(result.stdout);
  });

  it('a RetryTimeoutPolicy whose timeout the API cannot read: GW2014 stops the render, and --force gives its route the renders\' own timeout', () => {
    const fixture = readFileSync(join(ROOT, 'fixtures/render/route-timeouts.yaml'), 'utf8');
    const input = fixture.replace('requestTimeout: 1m30s', 'requestTimeout: 1m30sec');
    expect(input).not.toBe(fixture);
    const refused = runCli(['render', '--target', 'envoy', '-', '--stdin-filename', 'policies.yaml'], { input });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('RetryTimeoutPolicy gateways/quick: `config.requestTimeout: 1m30sec` is no duration');
    expect(refused.stderr).toMatch(/^policies\.yaml$/m);
    expect(refused.stderr).toMatch(/^ {2}172:21 +error +RetryTimeoutPolicy gateways\/quick/m);
    const forced = runCli(['render', '--target', 'envoy', '-', '--force', '-q', '--min-severity', 'error'], { input });
    expect(forced.code).toBe(0);
    const route = (out: string) => out.slice(out.indexOf('name: quotes'), out.indexOf('name: quotes') + 600);
    expect(route(forced.stdout)).toMatch(/timeout: 35s/);
    expect(route(readFileSync(join(ROOT, 'test/golden/envoy/route-timeouts.yaml'), 'utf8'))).toMatch(/timeout: 90s/);
  });

  it('reads standard input, and writes --force output for it', () => {
    const input = readFileSync(join(ROOT, 'fixtures/model/filters.yaml'));
    const result = runCli(['render', '--target', 'gloo', '-', '--force', '-q', '--min-severity', 'error'], { input });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(ROOT, 'test/golden/gloo/filters.yaml'), 'utf8'));
  });
});

// GW7020: an output that serves no route is a valid configuration that answers every request 404; it is
// written (a warning), and said, where before it was written with "no problems"
describe('gwctl render of an input that serves no route', () => {
  it('a team\'s file without the gateway its tables name: GW7020 at the table, the empty output written, exit 0', () => {
    const result = runCli(['render', '--target', 'envoy', 'fixtures/examples/20-team-a.yaml']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  listeners: []\n  clusters: []\n');
    expect(result.stderr).toContain(
      '  34:9  warning  the output for Envoy serves no route: no RouteTable with hosts is attached to a listener (a delegated table serves routes only through a parent with hosts); deployed, it answers every request 404  GW7020\n                 RouteTable team-a/team-a\n',
    );
  });

  it('a VirtualGateway alone, for each target: GW7020 at the gateway, said in the target\'s terms', () => {
    const input = 'apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: north-south, namespace: gloo-mesh}\nspec:\n  listeners:\n  - port: {number: 8080}\n    http: {}\n';
    const said: Record<string, string> = {
      envoy: 'the output for Envoy serves no route: the input holds no RouteTable; deployed, it answers every request 404',
      gloo: 'the output for Gloo Edge serves no route: the input holds no RouteTable; deployed, it answers every request 404',
      'gateway-api': 'the output for the Gateway API serves no route: the input holds no RouteTable; deployed, the Gateway answers every request 404',
      iam: 'the output for IAM serves no route: the input holds no RouteTable; its policies allow the gateway to invoke no function',
    };
    for (const [target, message] of Object.entries(said)) {
      const result = runCli(['render', '--target', target, '-', '--findings-format', 'json'], { input });
      expect(result.code, target).toBe(0);
      const findings = JSON.parse(result.stderr).diagnostics as Array<{ code: string; message: string; line: number }>;
      expect(findings.map((f) => [f.code, f.message, f.line]), target).toEqual([['GW7020', message, 3]]);
    }
  });

  it('said in a file reported on, not in a --context file (whose findings are not reported), of the whole input', () => {
    const result = runCli(['render', '--target', 'iam', 'fixtures/examples/00-workspaces.yaml', '--context', 'fixtures/examples/20-team-a.yaml']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^fixtures\/examples\/00-workspaces\.yaml\n {2}\d+:\d+ {2}warning {2}the output for IAM serves no route: no RouteTable with hosts is attached to a listener \(a delegated table serves routes only through a parent with hosts\); its policies allow the gateway to invoke no function {2}GW7020\n/,
    );
  });

  it('a gateway and a table with hosts but no route: at the gateway, and said so (as the routes table says it)', () => {
    const input = [
      'apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: shop, namespace: gloo-mesh}\nspec:\n  hosts: [shop.example.com]\n  virtualGateways: [{name: north-south}]\n',
      'apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: north-south, namespace: gloo-mesh}\nspec:\n  listeners:\n  - port: {number: 8080}\n    http: {}\n',
    ].join('---\n');
    const result = runCli(['render', '--target', 'gloo', '-'], { input });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      '  10:18  warning  the output for Gloo Edge serves no route: the RouteTables attached to a listener hold no route; deployed, it answers every request 404  GW7020\n                  VirtualGateway gloo-mesh/north-south\n',
    );
    expect(runCli(['routes', '-'], { input }).stdout).toBe('no routes: the RouteTables attached to a listener hold no route\n');
  });

  it('an input with no Gloo resource: GW1017 alone', () => {
    const input = 'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  ports: [{port: 80}]\n';
    const result = runCli(['render', '--target', 'envoy', '-'], { input });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('GW1017');
    expect(result.stderr).not.toContain('GW7020');
  });
});
