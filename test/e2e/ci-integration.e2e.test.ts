import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from '../helpers/run-cli';

/** A throwaway repository: a .git folder, the given fixtures copied in. */
function repository(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gwctl-repo-'));
  execFileSync('git', ['init', '-q'], { cwd: dir });
  for (const [to, from] of Object.entries(files)) cpSync(join(ROOT, from), join(dir, to), { recursive: true });
  return dir;
}

/** `gwctl` on the PATH, as the Action's install step leaves it. */
function pathWithGwctl(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gwctl-bin-'));
  symlinkSync(BIN, join(dir, 'gwctl'));
  return `${dir}:${process.env.PATH}`;
}

/** A PATH whose gwctl records each run's arguments (one line a run) in `log`, then runs the real one. */
function pathWithLoggedGwctl(log: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gwctl-bin-'));
  writeFileSync(join(dir, 'gwctl'), `#!/usr/bin/env bash\nprintf '%s\\n' "$*" >> ${JSON.stringify(log)}\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`, { mode: 0o755 });
  return `${dir}:${process.env.PATH}`;
}

describe('paths in reports are relative to the repository root', () => {
  it('in GitHub annotations and SARIF, whether the input was given absolute or from a subfolder', () => {
    const repo = repository({ 'gloo/weights.yaml': 'fixtures/model/weights.yaml' });
    const absolute = runCli(['validate', join(repo, 'gloo'), '-f', 'github', '-q'], { cwd: repo });
    expect(absolute.stdout).toContain('::error file=gloo/weights.yaml,line=');
    const fromSubfolder = runCli(['validate', 'weights.yaml', '-f', 'sarif', '-q'], { cwd: join(repo, 'gloo') });
    const run = JSON.parse(fromSubfolder.stdout).runs[0];
    expect(run.results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'gloo/weights.yaml', uriBaseId: 'SRCROOT' });
    expect(run.originalUriBaseIds.SRCROOT.uri).toBe(`file://${repo}/`);
    const rooted = runCli(['validate', join(repo, 'gloo'), '-f', 'json', '-q', '--root', join(repo, 'gloo')], { cwd: tmpdir() });
    expect(JSON.parse(rooted.stdout).diagnostics[0].file).toBe('weights.yaml');
  });

  it('SARIF rules: a real description, an example, a help link from --docs-url; no template placeholder anywhere', () => {
    const out = JSON.parse(runCli(['validate', 'fixtures/model/weights.yaml', '-f', 'sarif', '-q', '--docs-url', 'https://docs.example.com/gwctl/diagnostics.md']).stdout);
    const rules = out.runs[0].tool.driver.rules as Array<{ id: string; fullDescription: { text: string }; help: { text: string; markdown: string }; helpUri: string }>;
    for (const rule of rules) {
      expect(rule.fullDescription.text + rule.help.text + rule.help.markdown, rule.id).not.toMatch(/\{[a-z]\w*\}/i);
      expect(rule.help.text).toContain('Example: ');
    }
    expect(rules.find((r) => r.id === 'GW4010')!.helpUri).toBe('https://docs.example.com/gwctl/diagnostics.md#gw4010-zero-share');
    // a link in every rule's help: only http(s), from the flag or from .gwctl.yaml (a pull request may change it)
    const flag = runCli(['validate', 'fixtures/model/weights.yaml', '-f', 'sarif', '--docs-url', 'javascript:alert(1)//']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('expected an http:// or https:// URL, got javascript:alert(1)//');
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-docs-url-'));
    writeFileSync(join(dir, '.gwctl.yaml'), 'docsUrl: "javascript:alert(1)//"\n');
    const config = runCli(['validate', join(ROOT, 'fixtures/model/weights.yaml'), '-f', 'sarif'], { cwd: dir });
    expect(config.code).toBe(2);
    expect(config.stderr).toBe(`gwctl: error: ${join(dir, '.gwctl.yaml')}: docsUrl: expected an http:// or https:// URL, got javascript:alert(1)//\n`);
  });

  it('SARIF help links: the docs URL as the URL parser writes it; a parenthesis cannot end the Markdown link', () => {
    // `)` ends a Markdown link's destination: the rest of a hostile URL (from .gwctl.yaml) rendered as an image
    const hostile = 'https://docs.example.com/a b"<x>/d.md)![t](https://tracker.example/p.png';
    const out = JSON.parse(runCli(['validate', 'fixtures/model/weights.yaml', '-f', 'sarif', '-q', '--docs-url', hostile]).stdout);
    const rule = (out.runs[0].tool.driver.rules as Array<{ id: string; help: { markdown: string }; helpUri: string }>).find((r) => r.id === 'GW4010')!;
    expect(rule.helpUri).toBe('https://docs.example.com/a%20b%22%3Cx%3E/d.md)![t](https://tracker.example/p.png#gw4010-zero-share');
    expect(rule.help.markdown).toMatch(/\[GW4010 in the gwctl documentation\]\(https:\/\/docs\.example\.com\/a%20b%22%3Cx%3E\/d\.md%29!\[t\]%28https:\/\/tracker\.example\/p\.png#gw4010-zero-share\)$/);
    // a fragment would put each code's anchor after it; a user name and password would be in a shared log
    for (const [url, message] of [
      ['https://docs.example.com/d.md#top', 'expected a base URL without a #fragment'],
      ['https://me:hunter2@docs.example.com/d.md', 'expected a URL without a user name or password'],
    ] as const) {
      const run = runCli(['validate', 'fixtures/model/weights.yaml', '-f', 'sarif', '--docs-url', url]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toContain('hunter2');
    }
  });

  it('baselines name files relative to their own folder, so they hold from any working directory', () => {
    const repo = repository({ 'gloo/weights.yaml': 'fixtures/model/weights.yaml' });
    expect(runCli(['validate', 'gloo', '--write-baseline', 'ci/baseline.json', '-q'], { cwd: repo }).code).toBe(2); // ci/ does not exist
    mkdirSync(join(repo, 'ci'));
    expect(runCli(['validate', 'gloo', '--write-baseline', 'ci/baseline.json', '-q'], { cwd: repo }).code).toBe(0);
    const recorded = JSON.parse(readFileSync(join(repo, 'ci/baseline.json'), 'utf8')).findings;
    expect(recorded[0].file).toBe('../gloo/weights.yaml');
    // what it recorded no longer fails the run, and the summary counts it as suppressed
    const written = runCli(['validate', 'gloo', '--write-baseline', 'ci/baseline.json'], { cwd: repo });
    expect([written.code, written.stdout]).toEqual([0, '✔ no problems\n']);
    expect(written.stderr).toMatch(new RegExp(`; ${recorded.length} findings? suppressed\n$`));
    expect(runCli(['validate', 'weights.yaml', '--baseline', '../ci/baseline.json'], { cwd: join(repo, 'gloo') }).code).toBe(0);
    // the baseline file is never read as a manifest, even inside a folder being validated
    const walked = runCli(['validate', '.', '--baseline', 'ci/baseline.json', '-f', 'json', '-q'], { cwd: repo });
    expect(JSON.parse(walked.stdout).summary.files).toBe(1);
  });
});

describe('.gwctl.yaml', () => {
  let repo = '';
  beforeAll(() => {
    repo = repository({ 'gloo/delegation.yaml': 'fixtures/model/delegation.yaml', 'gloo/charts/values.yaml': 'fixtures/model/weights.yaml', 'package.json': 'package.json' });
    mkdirSync(join(repo, 'gloo/drafts'));
    writeFileSync(join(repo, 'gloo/drafts/broken.yaml'), 'bad: [\n');
    writeFileSync(join(repo, '.gwctl.yaml'), '# yaml-language-server: $schema=schemas/gwctl/config.schema.json\ninputs: [gloo]\nexclude: ["gloo/drafts/"]\nsuppress: [GW4015]\nminSeverity: error\n');
  });

  it('supplies the inputs, excludes and suppressions; default excludes keep package.json and values.yaml out', () => {
    const out = JSON.parse(runCli(['validate', '-f', 'json', '-q'], { cwd: repo }).stdout);
    expect(out.summary.files).toBe(1);
    expect(out.diagnostics.map((d: { code: string }) => d.code)).toEqual(['GW4001', 'GW4005', 'GW4006']);
  });

  it('flags on the command line win', () => {
    const out = JSON.parse(runCli(['validate', '-f', 'json', '-q', '--min-severity', 'info'], { cwd: repo }).stdout);
    expect(out.diagnostics.some((d: { severity: string }) => d.severity === 'warning')).toBe(true);
  });

  it('render.target chooses the target: the README\'s example renders without -t, any target, and -t wins', () => {
    // commander checked -t as a mandatory option before the configuration was read: the example failed
    const config = join(repo, 'render.yaml');
    writeFileSync(config, 'render: {target: envoy, envoyForm: upstream, routeTimeout: 35s}\n');
    const envoy = runCli(['render', 'gloo', '-q', '--force', '--config', config], { cwd: repo });
    expect(envoy.code, envoy.stderr).toBe(0);
    expect(envoy.stdout).toMatch(/^# Envoy v3 bootstrap generated by gwctl/);
    for (const [target, start] of [['gateway-api', '# Kubernetes Gateway API'], ['gloo', '# Gloo Edge'], ['iam', '{']] as const) {
      writeFileSync(config, `render: {target: ${target}}\n`);
      const out = runCli(['render', 'gloo', '-q', '--force', '--config', config], { cwd: repo });
      expect(out.code, out.stderr).toBe(0);
      expect(out.stdout.startsWith(start), target).toBe(true);
    }
    expect(runCli(['render', 'gloo', '-q', '--force', '-t', 'envoy', '--config', config], { cwd: repo }).stdout).toMatch(/^# Envoy v3 bootstrap/);
    writeFileSync(join(repo, 'empty.yaml'), '{}\n');
    const missing = runCli(['render', 'gloo', '-q', '--config', join(repo, 'empty.yaml')], { cwd: repo });
    expect(missing).toMatchObject({ code: 2, stdout: '', stderr: "gwctl: error: required option '-t, --target <target>' not specified, here or as render.target in .gwctl.yaml\n" });
  });

  it('render settings are checked as their flags are: a namespace Kubernetes refuses is not written into the output', () => {
    const config = join(repo, 'namespace.yaml');
    writeFileSync(config, 'render: {target: gloo, namespace: "Team A"}\n');
    expect(runCli(['render', 'gloo', '-q', '--force', '--config', config], { cwd: repo })).toMatchObject({ code: 2, stdout: '', stderr: 'gwctl: error: --namespace Team A: expected a Kubernetes namespace (a lower-case DNS label of at most 63 characters)\n' });
    writeFileSync(config, 'render: {target: gloo, awsSecret: "gloo-system/aws..creds"}\n');
    expect(runCli(['render', 'gloo', '-q', '--force', '--config', config], { cwd: repo })).toMatchObject({ code: 2, stdout: '', stderr: 'gwctl: error: --aws-secret gloo-system/aws..creds: expected NAMESPACE/NAME of a Kubernetes Secret\n' });
  });

  it('an unknown setting is a usage error naming it; --config names another file', () => {
    const other = join(repo, 'other.yaml');
    writeFileSync(other, 'failSeverty: warning\n');
    const bad = runCli(['validate', 'gloo', '--config', other], { cwd: repo });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`gwctl: error: ${other}: failSeverty: unknown setting (expected one of inputs, exclude, context, suppress, failSeverity, minSeverity, baseline, docsUrl, render, test)\n`);
    expect(runCli(['validate', 'gloo', '--config', join(repo, 'missing.yaml')], { cwd: repo }).code).toBe(2);
  });

  it('a pull request\'s configuration cannot make a run take minutes: 1,000 excludes at most, a folder walked once', () => {
    const many = join(repo, 'many-excludes.yaml');
    writeFileSync(many, `exclude:\n${Array.from({ length: 1_001 }, (_, i) => `  - "**/x${i}*/**"\n`).join('')}`);
    const excluded = runCli(['validate', 'gloo', '-q', '--config', many], { cwd: repo });
    expect(excluded.code).toBe(2);
    expect(excluded.stderr).toBe('gwctl: error: exclude: 1001 globs; gwctl takes at most 1,000 (every file of a walk is tested against each)\n');
    writeFileSync(many, `exclude: ["${'a'.repeat(5_000)}"]\n`);
    expect(runCli(['validate', 'gloo', '-q', '--config', many], { cwd: repo }).stderr).toBe('gwctl: error: exclude: a glob of 5000 characters; gwctl takes at most 4,096, longer than any path\n');
    // the same folder 5,000 times: read once, counted once
    writeFileSync(many, `inputs:\n${'  - gloo\n'.repeat(5_000)}exclude: ["gloo/drafts/"]\n`);
    const again = runCli(['validate', '-f', 'json', '-q', '--config', many], { cwd: repo });
    expect(JSON.parse(again.stdout).summary.files).toBe(1);
  });

  it('names only paths inside its folder: a pull request\'s configuration cannot have a runner\'s files read', () => {
    const outside = mkdtempSync(join(tmpdir(), 'gwctl-runner-'));
    writeFileSync(join(outside, 'credentials'), 'ghp_0123456789abcdefSECRET\n');
    for (const [setting, value] of [['inputs', `[${join(outside, 'credentials')}]`], ['context', '[../elsewhere]'], ['baseline', 'gloo/../../baseline.json'], ['test:\n  tests', `[${outside}]`]] as const) {
      const config = join(repo, `outside-${setting.slice(0, 4)}.yaml`);
      writeFileSync(config, `${setting}: ${value}\n`);
      const run = runCli(['validate', 'gloo', '-q', '--config', config], { cwd: repo });
      expect(run.code, setting).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^gwctl: error: .*: ${setting.replace('test:\n  ', 'test.')}: .* is outside the folder of the configuration file; give paths outside it on the command line\n$`));
    }
  });

  it('a file the input links to is described, not quoted, when it is no manifest; so is a baseline that is not JSON', () => {
    const outside = mkdtempSync(join(tmpdir(), 'gwctl-runner-'));
    writeFileSync(join(outside, 'credentials'), 'ghp_0123456789abcdefSECRET\n');
    writeFileSync(join(outside, 'baseline.json'), '[default]\ntoken = SECRET\n');
    const dir = join(repo, 'linked');
    mkdirSync(dir);
    symlinkSync(join(outside, 'credentials'), join(dir, 'leak.yaml'));
    const run = runCli(['validate', dir], { cwd: repo });
    expect(run.stdout).toContain('the document is a string of 26 characters, not a mapping');
    const baseline = runCli(['validate', 'gloo', '--baseline', join(outside, 'baseline.json')], { cwd: repo });
    expect(baseline).toMatchObject({ code: 2, stderr: `gwctl: error: --baseline ${join(outside, 'baseline.json')}: not JSON (an unexpected character at line 1, column 2)\n` });
    for (const text of [run.stdout + run.stderr, baseline.stdout + baseline.stderr]) expect(text).not.toMatch(/SECRET|ghp_|default/);
  });

  it('its published schema agrees with the reader', () => {
    const validate = new Ajv().compile(JSON.parse(readFileSync(join(ROOT, 'schemas/gwctl/config.schema.json'), 'utf8')));
    expect(validate(parse(readFileSync(join(repo, '.gwctl.yaml'), 'utf8')))).toBe(true);
    expect(validate({ failSeverty: 'warning' })).toBe(false);
    expect(validate({ render: { target: 'istio' } })).toBe(false);
    for (const target of ['envoy', 'gloo', 'gateway-api', 'iam']) expect(validate({ render: { target } }), target).toBe(true);
    expect(validate({ docsUrl: 'javascript:alert(1)//' })).toBe(false);
    expect(validate({ docsUrl: 'https://docs.example.com/d.md#top' })).toBe(false);
    expect(validate({ docsUrl: 'https://docs.example.com/d.md' })).toBe(true);
  });
});

describe('the GitHub Action (action.yml) and its script, run locally', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));

  it('installs gwctl, validates, uploads SARIF and fails the step on findings', () => {
    expect(action.runs.using).toBe('composite');
    const steps = action.runs.steps.map((s: { name?: string; uses?: string }) => s.name ?? s.uses);
    expect(steps).toEqual(['actions/setup-node@v6', 'Install gwctl', 'Validate', 'Upload SARIF', 'Result']);
    // actions on a supported runtime (Node.js 24): CodeQL Action v3 is deprecated in December 2026; no
    // setup-node caching of the package manager the caller's package.json names, which gwctl never uses
    expect(action.runs.steps[0].with).toEqual({ 'node-version': '24', 'package-manager-cache': false });
    expect(action.runs.steps[3]).toMatchObject({ uses: 'github/codeql-action/upload-sarif@v4', with: { category: '${{ inputs.category }}' } });
    // code scanning needs one category per analysis of a commit: each job of a matrix gives its own
    expect(action.inputs.category).toMatchObject({ default: 'gwctl' });
    // inputs reach the scripts through the environment, never interpolated into them
    for (const step of action.runs.steps) if (step.run) expect(step.run).not.toMatch(/\$\{\{/);
  });

  it('writes SARIF and prints annotations with repository paths from one run of gwctl, and reports the exit code as an output', () => {
    const repo = repository({ 'gloo/weights.yaml': 'fixtures/model/weights.yaml' });
    const output = join(repo, 'github-output');
    const summary = join(repo, 'step-summary');
    const log = join(repo, 'gwctl-runs');
    const result = spawnSync('bash', [join(ROOT, 'action/validate.sh')], {
      cwd: repo,
      encoding: 'utf8',
      env: { PATH: pathWithLoggedGwctl(log), HOME: tmpdir(), NO_COLOR: '1', GWCTL_PATHS: `${join(repo, 'gloo')}\n`, GWCTL_ARGS: '--fail-severity error', GWCTL_SARIF: 'out.sarif', GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('::error file=gloo/weights.yaml,line=');
    expect(readFileSync(output, 'utf8')).toBe('exit-code=1\nsarif-file=out.sarif\n');
    const sarif = readFileSync(join(repo, 'out.sarif'), 'utf8');
    expect(JSON.parse(sarif).runs[0].results.length).toBeGreaterThan(0);
    expect(readFileSync(summary, 'utf8')).toContain('findings at or above the fail severity');
    // one analysis: the manifests were read once for both reports, which are those of a run of each format
    // (after a look at the options of the gwctl installed: the version input may pin one without --report)
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual(['validate --help', `validate ${join(repo, 'gloo')} --fail-severity error --format github --report sarif=out.sarif --quiet`]);
    const alone = runCli(['validate', join(repo, 'gloo'), '--fail-severity', 'error', '-f', 'sarif', '-q'], { cwd: repo });
    expect(alone.stdout).toBe(sarif);
    expect(runCli(['validate', join(repo, 'gloo'), '--fail-severity', 'error', '-f', 'github', '-q'], { cwd: repo }).stdout).toBe(result.stdout);
  });

  it('paths: the repository when not given; when given empty, the inputs of the configuration file', () => {
    const repo = repository({ 'gloo/weights.yaml': 'fixtures/model/weights.yaml', 'other/gateway.yaml': 'fixtures/examples/10-gateway.yaml' });
    writeFileSync(join(repo, '.gwctl.yaml'), 'inputs: [other]\n');
    const run = (paths: string | undefined) => {
      const output = join(repo, 'github-output');
      rmSync(output, { force: true });
      const result = spawnSync('bash', [join(ROOT, 'action/validate.sh')], {
        cwd: repo,
        encoding: 'utf8',
        env: { PATH: pathWithGwctl(), HOME: tmpdir(), NO_COLOR: '1', GWCTL_ARGS: '', GWCTL_SARIF: 'out.sarif', GITHUB_OUTPUT: output, ...(paths === undefined ? {} : { GWCTL_PATHS: paths }) },
      });
      return { stdout: result.stdout, output: readFileSync(output, 'utf8') };
    };
    // the repository: weights.yaml's errors among them
    expect(run(undefined)).toMatchObject({ output: 'exit-code=1\nsarif-file=out.sarif\n' });
    // the configuration's inputs: other/ alone, which has warnings only
    const configured = run('');
    expect(configured.output).toBe('exit-code=0\nsarif-file=out.sarif\n');
    expect(configured.stdout).not.toContain('weights.yaml');
  });

  it('with a gwctl from before --report (the version input pinned), one run per report, as then', () => {
    const repo = repository({ 'gloo/weights.yaml': 'fixtures/model/weights.yaml' });
    const output = join(repo, 'github-output');
    const log = join(repo, 'gwctl-runs');
    // an older gwctl: no --report in its help, and the option unknown
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-bin-'));
    const real = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)}`;
    writeFileSync(join(dir, 'gwctl'), `#!/usr/bin/env bash\nprintf '%s\\n' "$*" >> ${JSON.stringify(log)}\nfor a in "$@"; do\n  if [ "$a" = --help ]; then ${real} "$@" | grep -v -- '--report'; exit; fi\n  if [ "$a" = --report ]; then echo "error: unknown option '--report'" >&2; exit 2; fi\ndone\nexec ${real} "$@"\n`, { mode: 0o755 });
    const result = spawnSync('bash', [join(ROOT, 'action/validate.sh')], {
      cwd: repo,
      encoding: 'utf8',
      env: { PATH: `${dir}:${process.env.PATH}`, HOME: tmpdir(), NO_COLOR: '1', GWCTL_PATHS: 'gloo', GWCTL_ARGS: '', GWCTL_SARIF: 'out.sarif', GITHUB_OUTPUT: output },
    });
    expect(result.status).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe('exit-code=1\nsarif-file=out.sarif\n');
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual(['validate --help', 'validate gloo --format sarif --output out.sarif --quiet', 'validate gloo --format github --quiet']);
    expect(readFileSync(join(repo, 'out.sarif'), 'utf8')).toBe(runCli(['validate', 'gloo', '-f', 'sarif', '-q'], { cwd: repo }).stdout);
    expect(result.stdout).toBe(runCli(['validate', 'gloo', '-f', 'github', '-q'], { cwd: repo }).stdout);
  });

  it('a run that ends with exit 2 names no SARIF file: one already at the path is not its results, and stays as it was', () => {
    const repo = repository({ 'gloo/weights.yaml': 'fixtures/model/weights.yaml' });
    const output = join(repo, 'github-output');
    const summary = join(repo, 'step-summary');
    const stale = '{"version":"2.1.0","runs":[]}\n';
    writeFileSync(join(repo, 'out.sarif'), stale);
    const result = spawnSync('bash', [join(ROOT, 'action/validate.sh')], {
      cwd: repo,
      encoding: 'utf8',
      env: { PATH: pathWithGwctl(), HOME: tmpdir(), NO_COLOR: '1', GWCTL_PATHS: 'gloo missing-folder', GWCTL_ARGS: '', GWCTL_SARIF: 'out.sarif', GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary },
    });
    expect(result.status).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe('exit-code=2\n');
    expect(readFileSync(join(repo, 'out.sarif'), 'utf8')).toBe(stale);
    expect(readFileSync(summary, 'utf8')).toContain('could not run (exit 2)');
  });

  it('a hostile input is a path, not shell code', () => {
    const repo = repository({ 'gloo/x.yaml': 'fixtures/examples/10-gateway.yaml' });
    const output = join(repo, 'github-output');
    spawnSync('bash', [join(ROOT, 'action/validate.sh')], {
      cwd: repo,
      encoding: 'utf8',
      env: { PATH: pathWithGwctl(), HOME: tmpdir(), GWCTL_PATHS: 'gloo $(touch pwned) `touch pwned2`', GWCTL_ARGS: '', GWCTL_SARIF: 's.sarif', GITHUB_OUTPUT: output },
    });
    expect(existsSync(join(repo, 'pwned'))).toBe(false);
    expect(existsSync(join(repo, 'pwned2'))).toBe(false);
    expect(readFileSync(output, 'utf8')).toBe('exit-code=2\n');
  });
});

describe('the pre-commit hook (.pre-commit-hooks.yaml)', () => {
  const [hook] = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));

  it('is a node hook on manifests that reads the rest of the repository as context', () => {
    expect(hook).toMatchObject({ id: 'gwctl-validate', language: 'node', entry: 'gwctl validate --context . --quiet' });
    expect(new RegExp(hook.files).test('gloo/a.yaml') && new RegExp(hook.files).test('b.json') && !new RegExp(hook.files).test('c.ts')).toBe(true);
  });

  it('run as pre-commit runs it (the entry, then the changed files): unchanged children resolve, and only the changed file is reported', () => {
    const repo = repository({ 'gateway.yaml': 'fixtures/model/context/gateway.yaml', 'team.yaml': 'fixtures/model/context/team.yaml' });
    const [command, ...args] = hook.entry.split(' ');
    expect(command).toBe('gwctl');
    const result = spawnSync(process.execPath, [BIN, ...args, 'gateway.yaml'], { cwd: repo, encoding: 'utf8', env: { PATH: process.env.PATH, NO_COLOR: '1' } });
    expect(result).toMatchObject({ status: 0, stdout: '', stderr: '' });
    // the same file alone would have claimed its delegate selects nothing
    expect(runCli(['validate', 'gateway.yaml', '-q'], { cwd: repo }).stdout).toContain('GW4004');
  });
});

describe('editor support: gwctl schema', () => {
  it('lists, prints and writes the schemas; manifests.schema.json picks by apiVersion and kind', () => {
    expect(runCli(['schema']).stdout.split('\n')).toContain('v2.3/RouteTable');
    expect(JSON.parse(runCli(['schema', 'gwctl/routing-tests.schema']).stdout).title).toBe('gwctl routing tests');
    expect(runCli(['schema', 'v9/Nothing'])).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^gwctl: error: no schema v9\/Nothing; one of: v2\.2\/CloudProvider, .*, gwctl\/config\.schema\n$/) });
    // a name as the files are written, with .json, is the same schema
    expect(runCli(['schema', 'v2.3/RouteTable.json']).stdout).toBe(runCli(['schema', 'v2.3/RouteTable']).stdout);
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-schemas-'));
    // a folder whose name holds a line break and an escape: the line that names it is one line, escaped
    const odd = join(dir, 'odd\n\u001b[2Jname');
    mkdirSync(odd);
    const named = runCli(['schema', '--out-dir', odd]);
    expect(named).toMatchObject({ code: 0, stdout: '' });
    expect(named.stderr).toBe(`gwctl: wrote 55 schemas to ${dir}/odd\\n\\x1b[2Jname; start a manifest with # yaml-language-server: $schema=${dir}/odd\\n\\x1b[2Jname/manifests.schema.json\n`);
    // a file where the folder should be: refused, and left as it was
    writeFileSync(join(dir, 'a-file'), 'kept');
    expect(runCli(['schema', '--out-dir', join(dir, 'a-file')])).toMatchObject({ code: 2, stdout: '', stderr: `gwctl: error: --out-dir ${join(dir, 'a-file')}: not a directory\n` });
    expect(readFileSync(join(dir, 'a-file'), 'utf8')).toBe('kept');
    rmSync(join(dir, 'a-file'));
    expect(runCli(['schema', '--out-dir', dir]).code).toBe(0);
    const written = JSON.parse(readFileSync(join(dir, 'manifests.schema.json'), 'utf8'));
    expect(written).toEqual(JSON.parse(readFileSync(join(ROOT, 'schemas/manifests.schema.json'), 'utf8')));
    const ajv = new Ajv({ strict: false, allErrors: true });
    const keys = runCli(['schema']).stdout.split('\n').filter((k) => k.startsWith('v2.'));
    // the ten of the kinds gwctl models, and the twelve checked against their CRD alone
    expect(keys).toHaveLength(22);
    expect(keys).toContain('v2.3/VirtualDestination');
    for (const key of keys) {
      ajv.addSchema(JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')), `${key}.json`);
    }
    // and the thirty policy kinds', written from the shapes validate checks them against, as the package carries them
    const policies = runCli(['schema']).stdout.split('\n').filter((k) => k.startsWith('policy/'));
    expect(policies).toHaveLength(30);
    for (const key of policies) {
      const text = readFileSync(join(dir, `${key}.json`), 'utf8');
      expect(text, key).toBe(readFileSync(join(ROOT, `schemas/${key}.json`), 'utf8'));
      ajv.addSchema(JSON.parse(text), `${key}.json`);
    }
    const check = ajv.compile(written);
    for (const doc of readFileSync(join(ROOT, 'fixtures/examples/20-team-a.yaml'), 'utf8').split(/^---$/m)) expect(check(parse(doc)), JSON.stringify(check.errors)).toBe(true);
    expect(check({ apiVersion: 'networking.gloo.solo.io/v2', kind: 'RouteTable', metadata: { name: 'x' }, spec: { hostz: [] } })).toBe(false);
    // a kind checked against its CRD alone, picked at the version its CRD serves
    const destination = { apiVersion: 'networking.gloo.solo.io/v2', kind: 'VirtualDestination', metadata: { name: 'x' }, spec: { hosts: ['x.global'], ports: [{ number: 80, protocol: 'HTTP' }] } };
    expect(check(destination), JSON.stringify(check.errors)).toBe(true);
    expect(check({ ...destination, spec: { ...destination.spec, host: [] } })).toBe(false);
    expect(check({ apiVersion: 'networking.gloo.solo.io/v2alpha1', kind: 'ExternalWorkload', metadata: { name: 'x' }, spec: { gwctlUndefinedField: 1 } })).toBe(false);
    // a policy, picked by its group's version: an algorithm misspelt, as validate says it (GW2005)
    const balancer = { apiVersion: 'trafficcontrol.policy.gloo.solo.io/v2', kind: 'LoadBalancerPolicy', metadata: { name: 'x', namespace: 'shop' }, spec: { config: { simple: 'ROUND_ROBIN' } } };
    expect(check(balancer), JSON.stringify(check.errors)).toBe(true);
    expect(check({ ...balancer, spec: { config: { simple: 'ROUNDROBIN' } } })).toBe(false);
  });
});

describe('stderr holds only what it should', () => {
  it('render with a machine-readable findings format: stderr is that report alone; --findings-output moves it to a file', () => {
    const result = runCli(['render', '-t', 'envoy', 'fixtures/model/weights.yaml', '--findings-format', 'json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stderr).summary.errors).toBeGreaterThan(0);
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-fo-'));
    const file = join(dir, 'findings.sarif');
    const moved = runCli(['render', '-t', 'envoy', 'fixtures/examples', '--findings-format', 'sarif', '--findings-output', file, '-q']);
    expect(moved).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(readFileSync(file, 'utf8')).runs[0].results).toEqual([]);
  });

  it('an unrendered Helm template is a finding, not a warning of the YAML library', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-helm-'));
    writeFileSync(join(dir, 'routetable.yaml'), 'apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata:\n  name: {{ .Values.name }}\n  namespace: x\n');
    const result = runCli(['validate', join(dir, 'routetable.yaml'), '-f', 'json']);
    expect(JSON.parse(result.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual(['GW1012']);
    expect(result.stderr).toBe('gwctl: read 1 file, 1 document: 0 resources checked, 0 skipped, 1 unreadable\n');
    // a template most often does not parse as YAML at all: the template is named, not the syntax error it makes
    writeFileSync(join(dir, 'broken.yaml'), 'apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata:\n  name: {{ .Release.Name }}-api\n');
    const broken = JSON.parse(runCli(['validate', join(dir, 'broken.yaml'), '-f', 'json']).stdout).diagnostics;
    expect(broken.map((d: { code: string; line: number; column: number }) => `${d.code}@${d.line}:${d.column}`)).toEqual(['GW1012@4:9']);
  });

  it('a Helm chart in a folder walked: its templates are left out and counted; a template named too; a chart alone says to render it', () => {
    const repo = mkdtempSync(join(tmpdir(), 'gwctl-chart-'));
    cpSync(join(ROOT, 'fixtures/examples'), repo, { recursive: true });
    mkdirSync(join(repo, 'chart/templates/routes'), { recursive: true });
    mkdirSync(join(repo, 'chart/crds'));
    writeFileSync(join(repo, 'chart/Chart.yaml'), 'apiVersion: v2\nname: gw\nversion: 0.1.0\n');
    writeFileSync(join(repo, 'chart/templates/routes/rt.yaml'), 'apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata:\n  name: {{ .Release.Name }}-api\n');
    writeFileSync(join(repo, 'chart/crds/note.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: plain}\n');
    // read, the template was a YAML syntax error (GW1001, exit 1)
    expect(runCli(['validate', repo])).toEqual({ code: 0, stdout: '✔ no problems\n', stderr: 'gwctl: read 5 files, 15 documents: 14 resources checked, 1 skipped (1 ConfigMap), the templates of 1 Helm chart left out\n' });
    // named (pre-commit names the files a commit changed): left out, and the other file named is checked
    const named = runCli(['validate', 'routes/rt.yaml', '../../20-team-a.yaml', '-f', 'json'], { cwd: join(repo, 'chart/templates') });
    expect(named.code).toBe(0);
    expect(JSON.parse(named.stdout).diagnostics.map((d: { code: string }) => d.code)).not.toContain('GW1012');
    expect(named.stderr).toMatch(/^gwctl: read 1 file, .*, the templates of 1 Helm chart left out\n$/);
    rmSync(join(repo, 'chart/crds'), { recursive: true });
    expect(runCli(['validate', join(repo, 'chart')])).toEqual({ code: 2, stdout: '', stderr: `gwctl: error: no manifest under ${join(repo, 'chart')} but the templates of a Helm chart: check what it renders (helm template ${join(repo, 'chart')} | gwctl validate -)\n` });
  });

  // (the example's open-source Gloo output carries one GW7010 info by design: the Enterprise output is clean)
  it('-q means the same on every command: nothing on stderr for a clean run', () => {
    for (const args of [['validate', 'fixtures/examples'], ['routes', 'fixtures/examples'], ['render', '-t', 'gloo', 'fixtures/examples', '--gloo-edition', 'enterprise'], ['test', 'fixtures/examples', '--tests', 'fixtures/examples-tests'], ['diff', 'fixtures/examples', 'fixtures/examples']]) {
      expect(runCli([...args, '-q']).stderr, args.join(' ')).toBe('');
    }
    expect(runCli(['discover', '--help']).stdout).toContain('-q, --quiet');
  });

  it('routes -o writes the table to a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-ro-'));
    const result = runCli(['routes', 'fixtures/examples', '-q', '-o', join(dir, 'routes.txt')]);
    expect(result).toMatchObject({ code: 0, stdout: '' });
    expect(readFileSync(join(dir, 'routes.txt'), 'utf8')).toMatch(/^LISTENER/);
  });

  it('counts agree with their nouns', () => {
    expect(runCli(['validate', 'fixtures/model/weights.yaml']).stderr).toBe('gwctl: read 1 file, 1 document: 1 resource checked, 0 skipped\n');
  });
});
