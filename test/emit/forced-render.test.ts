import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { forcedOutputIssues } from '../helpers/loadable-output';
import { memoryHost } from '../helpers/memory-host';
import { ROOT, runCli } from '../helpers/run-cli';

// `render --force` writes an input with errors, each route that failed as the 500 served in its place.
// What it writes is deployed all the same: every target must load it, as what validate passes (the
// property of test/property/). A matcher Envoy refuses (a regex RE2 rejects, a header without a name)
// took the whole route configuration with it.

/** The manifest files under a folder, routing test files aside. */
function manifests(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) manifests(path, out);
    else if (name.endsWith('.yaml') && !name.endsWith('.tests.yaml') && name !== 'tests.yaml') out.push(path);
  }
  return out;
}

const CASE = 'fixtures/model/semantics/refused-matcher';
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('render --force writes what every target loads', () => {
  it('leaves out the matchers Envoy refuses, and Envoy routes the rest as the model does', async () => {
    expect(await forcedOutputIssues(read(`${CASE}.yaml`), read(`${CASE}.tests.yaml`))).toEqual([]);
    const host = memoryHost({ 'in.yaml': read(`${CASE}.yaml`) });
    expect(await main(['render', '-t', 'envoy', 'in.yaml', '--output-format', 'json', '-q', '--force'], host)).toBe(0);
    const config = JSON.parse(host.stdout.text());
    const routes = config.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes;
    // `reports` keeps its prefix as a 500; `beta` (a header without a name) and `team-a` (a header regex
    // RE2 rejects, on the delegating route) have no matcher left
    expect(routes.map((r: { name: string; match: unknown }) => [r.name, r.match])).toEqual([
      ['reports', { prefix: '/reports' }],
      ['fallback', { prefix: '/' }],
    ]);
  });

  it('the built binary: without --force nothing is written and the exit code is 1; with it, the output and exit 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-force-'));
    const out = join(dir, 'envoy.yaml');
    const refused = runCli(['render', '-t', 'envoy', `${CASE}.yaml`, '-o', out]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    const forced = runCli(['render', '-t', 'envoy', `${CASE}.yaml`, '-o', out, '--force', '--no-color']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toBe('');
    expect(forced.stderr).toContain('✖ 3 problems (3 errors, 0 warnings, 0 infos)');
    expect(forced.stderr.match(/GW4015|GW4036/g)).toHaveLength(3);
    const written = readFileSync(out, 'utf8');
    // the two routes left, and none of the matchers Envoy refuses
    expect(written.match(/^ {24}- name: .*$/gm)).toEqual([' '.repeat(24) + '- name: reports', ' '.repeat(24) + '- name: fallback']);
    expect(written).not.toContain('a(');
    expect(written).not.toContain('(?=');
  });

  it('on every fixture and real-world set', async () => {
    const files = ['fixtures/model', 'fixtures/render', 'fixtures/bad-input', 'fixtures/schema', 'fixtures/seeds', 'fixtures/diff', 'fixtures/examples'].flatMap((d) => manifests(join(ROOT, d)));
    const inputs = files.map((f) => ({ name: f.slice(ROOT.length + 1), text: readFileSync(f, 'utf8') }));
    for (const set of readdirSync(join(ROOT, 'fixtures/real-world'))) {
      inputs.push({ name: `fixtures/real-world/${set}`, text: manifests(join(ROOT, 'fixtures/real-world', set)).map((f) => readFileSync(f, 'utf8')).join('\n---\n') });
    }
    const broken: string[] = [];
    // the large inputs of bad-input test limits, not output
    for (const { name, text } of inputs.filter((i) => i.text.length <= 200_000)) {
      const issues = await forcedOutputIssues(text);
      if (issues.length) broken.push(`${name}: ${issues.slice(0, 2).join(' | ')}`);
    }
    expect(broken).toEqual([]);
    expect(inputs.length).toBeGreaterThan(100);
  }, 120_000);
});
