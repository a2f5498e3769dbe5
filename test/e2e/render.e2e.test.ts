import { readFileSync } from 'node:fs';
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
  });

  it('migrate-report, which renders without writing: the golden checklist, exit 0, nothing on stderr', () => {
    const result = runCli(['migrate-report', '-q', 'fixtures/examples']);
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toBe(readFileSync(join(ROOT, 'test/golden/migrate/examples-gateway-api.md'), 'utf8'));
  });

  it('reads standard input, and writes --force output for it', () => {
    const input = readFileSync(join(ROOT, 'fixtures/model/filters.yaml'));
    const result = runCli(['render', '--target', 'gloo', '-', '--force', '-q', '--min-severity', 'error'], { input });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(ROOT, 'test/golden/gloo/filters.yaml'), 'utf8'));
  });
});
