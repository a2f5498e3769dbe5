import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { glooCrdErrors, missingLogicalNames } from '../helpers/gloo-checks';
import { runCli } from '../helpers/run-cli';

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
];

const render = (args: string[]) => runCli(['render', '--target', 'gloo', '-q', '--min-severity', 'error', ...args]);
const documents = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as Record<string, any>).filter(Boolean);

describe.each(CASES)('gwctl render --target gloo: %s', (name, args) => {
  const first = render(args);
  const resources = documents(first.stdout);

  it('renders, matching its golden file', async () => {
    expect(first.stderr).not.toMatch(/internal error/);
    expect(first.code).toBe(0);
    await expect(first.stdout).toMatchFileSnapshot(`../golden/gloo/${name}.yaml`);
  });

  it('every resource validates against the Gloo Edge CRDs, unknown fields rejected', () => {
    expect(resources.length).toBeGreaterThan(0);
    expect(resources.flatMap((r) => glooCrdErrors(r).map((e) => `${r.kind} ${r.metadata.name}: ${e}`))).toEqual([]);
  });

  it('every route\'s logicalName exists on its Upstream', () => {
    expect(missingLogicalNames(resources)).toEqual([]);
  });

  it('is deterministic', () => {
    expect(render(args).stdout).toBe(first.stdout);
  });
});

describe('the Gloo Edge checks can fail', () => {
  const resources = () => documents(render(['fixtures/examples']).stdout);

  it('the CRD check rejects an unknown field, a wrong type and the seed\'s placeholder-free shape', () => {
    const [upstream] = resources();
    upstream!.spec.aws.lambdaFunctions[0].logical_name = 'x';
    upstream!.spec.aws.region = 1;
    expect(glooCrdErrors(upstream!)).toEqual([expect.stringMatching(/additional properties \(logical_name\)/), expect.stringMatching(/region: must be string/)]);
  });

  it('the logicalName check finds a route to a function its Upstream lacks', () => {
    const all = resources();
    all[0]!.spec.aws.lambdaFunctions.shift();
    expect(missingLogicalNames(all)).toHaveLength(1);
  });
});

describe('gwctl render --target gloo: behaviour', () => {
  it('labels Upstreams so that function discovery leaves them alone, and names every function', () => {
    const [upstream] = documents(render(['fixtures/examples']).stdout);
    expect(upstream!.metadata.labels['discovery.solo.io/function_discovery']).toBe('disabled');
    expect(upstream!.spec.aws.lambdaFunctions.every((f: Record<string, string>) => f.logicalName && f.lambdaFunctionName && f.qualifier)).toBe(true);
  });

  it('without --aws-secret relies on service-account credentials and says so; with it emits a secretRef', () => {
    const plain = render(['fixtures/examples']).stdout;
    expect(plain).toMatch(/^# AWS credentials: none in the Upstreams\. Gloo must use service-account credentials/m);
    expect(plain).not.toContain('secretRef');
    const withSecret = render(['fixtures/examples', '--aws-secret', 'gloo-system/aws']).stdout;
    expect(documents(withSecret)[0]!.spec.aws.secretRef).toEqual({ name: 'aws', namespace: 'gloo-system' });
  });

  it('sets awsAccountId where the gateway\'s own credentials invoke (they may be another account\'s)', () => {
    const [upstream] = documents(render(['fixtures/render/features.yaml']).stdout);
    expect(upstream!.spec.aws).toMatchObject({ awsAccountId: '123456789012' });
  });

  it('--namespace places every resource; --out-dir writes one file per resource, stable names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-gloo-'));
    const result = runCli(['render', '-t', 'gloo', 'fixtures/examples', '--out-dir', dir, '--namespace', 'edge', '-q']);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(readdirSync(dir).sort()).toEqual([
      '.gwctl-rendered.json',
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

  it('json output is a kind: List', () => {
    const list = JSON.parse(render(['fixtures/examples', '--output-format', 'json']).stdout);
    expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List' });
    expect(list.items.map((i: { kind: string }) => i.kind)).toEqual(['Upstream', 'Upstream', 'VirtualService', 'VirtualService']);
  });

  it('refuses on errors like the Envoy target', () => {
    expect(runCli(['render', '-t', 'gloo', 'fixtures/model/filters.yaml']).code).toBe(1);
  });
});
