import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, transcript } from '../helpers/run-cli';

const SEED_01 = 'fixtures/seeds/01-gloo-platform-lambda.yaml';
const SEED_02 = 'fixtures/seeds/02-delegation-as-published.yaml';
const corpus = (dir: string) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => `${dir}/${f}`);

/** No input, however bad, may crash gwctl: exit 0 or 1, no stack trace, no internal error. */
function expectNoCrash(result: { code: number | null; stderr: string }) {
  expect(result.code === 0 || result.code === 1).toBe(true);
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
}

describe.each(['fixtures/bad-input', 'fixtures/schema', 'fixtures/model'])('gwctl validate: every file of %s, end to end', (dir) => {
  it.each(corpus(dir))('%s', async (file) => {
    const args = ['validate', file];
    const result = runCli(args);
    expectNoCrash(result);
    await expect(transcript(args, result)).toMatchFileSnapshot(`../golden/validate/${file.replace(/^fixtures\//, '').replace(/\//g, '__')}.txt`);
  });
});

describe('gwctl validate --context: the changed files, resolved against the rest', () => {
  it('without the children, the delegate selects nothing (a warning, exit 0)', () => {
    const result = runCli(['validate', 'fixtures/model/context/gateway.yaml', '-f', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual(['GW4004']);
  });

  it('with them as context, the delegate resolves, and the context file\'s own findings are not reported', () => {
    const alone = runCli(['validate', 'fixtures/model/context/team.yaml', '-f', 'json', '-q']);
    expect(JSON.parse(alone.stdout).diagnostics.map((d: { code: string }) => d.code)).toContain('GW3010');
    const result = runCli(['validate', 'fixtures/model/context/gateway.yaml', '--context', 'fixtures/model/context', '-f', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ diagnostics: [], summary: { files: 1 } });
    expect(result.stderr).toBe('gwctl: read 1 file (and 1 context file), 3 documents: 3 resources checked, 0 skipped\n');
  });

  it('what the suppressions find in a context file is not reported either (an annotation naming no code, GW2010)', () => {
    expect(JSON.parse(runCli(['validate', 'fixtures/schema/suppressed.yaml', '-f', 'json', '-q']).stdout).diagnostics.map((d: { code: string }) => d.code)).toContain('GW2010');
    const result = runCli(['validate', 'fixtures/model/context/gateway.yaml', '--context', 'fixtures/model/context', '--context', 'fixtures/schema/suppressed.yaml', '-f', 'json', '-q']);
    expect(JSON.parse(result.stdout).diagnostics).toEqual([]);
  });

  it('pre-commit naming a changed kustomize patch: it is left out, as the walk leaves it out (read, it was a second RouteTable: GW3004)', () => {
    const set = 'fixtures/real-world/kustomize-overlays';
    const result = runCli(['validate', '--context', set, '--quiet', `${set}/overlays/prod/gateway-host.yaml`, `${set}/base/10-gateway.yaml`, '-f', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).diagnostics).toEqual([]);
  });
  it('pre-commit naming a changed file of a kustomization that sets namespace: read into that namespace, as the walk reads it', () => {
    const set = 'fixtures/real-world/kustomize-namespaces';
    const result = runCli(['validate', '--context', set, `${set}/teams/orders/routes.yaml`, '-f', 'json']);
    expect([result.code, result.stderr]).toEqual([0, 'gwctl: read 1 file (and 6 context files), 10 documents: 9 resources checked, 1 skipped (1 routing tests)\n']);
    expect(JSON.parse(result.stdout).diagnostics).toEqual([]);
    // named with their folder's kustomization: as the walk reads them (without it, the table was
    // default/orders, unclaimed and never served)
    const named = runCli(['validate', '--context', `${set}/gateways`, '--context', `${set}/platform`, `${set}/teams/orders/routes.yaml`, `${set}/teams/orders/cloud.yaml`, '-f', 'json', '-q']);
    expect(JSON.parse(named.stdout).diagnostics).toEqual([]);
  });

  it('a kustomization that renames what it builds: the Gloo references it does not follow are reported, as kustomize builds them (walked or named)', () => {
    const set = 'fixtures/model/kustomize-name-prefix';
    const expected = [
      [`${set}/cloud.yaml`, 15, 'GW3001', 'CloudProvider `shop/aws` is not in the input', 'CloudResources shop/prod-functions'],
      [`${set}/routes.yaml`, 14, 'GW3001', 'CloudProvider `shop/aws` is not in the input', 'RouteTable shop/prod-shop'],
    ];
    const errors = (args: string[]) => {
      const result = runCli(['validate', ...args, '-f', 'json', '-q', '--min-severity', 'error']);
      expect(result.code).toBe(1);
      return JSON.parse(result.stdout).diagnostics.map((d: { file: string; line: number; code: string; message: string; resource: { kind: string; namespace: string; name: string } }) => [d.file, d.line, d.code, d.message, `${d.resource.kind} ${d.resource.namespace}/${d.resource.name}`]);
    };
    expect(errors([set])).toEqual(expected);
    expect(errors([`${set}/cloud.yaml`, `${set}/routes.yaml`])).toEqual(expected);
  });
});

describe('gwctl validate: a kustomization that builds what no cluster takes', () => {
  it('is an error on each file it builds, walked or named, and the files are read as written', () => {
    const set = 'fixtures/model/kustomize-refused';
    const run = (args: string[]) => {
      const result = runCli(['validate', ...args, '-f', 'json', '--min-severity', 'error']);
      expect([result.code, result.stderr]).toEqual([1, 'gwctl: read 2 files, 3 documents: 3 resources checked, 0 skipped\n']);
      return JSON.parse(result.stdout).diagnostics.map((d: { file: string; line: number; code: string; message: string; resource: { kind: string; namespace: string; name: string } }) => [d.file, d.line, d.code, d.message.replace(/, which .*$/, ''), `${d.resource.kind} ${d.resource.namespace}/${d.resource.name}`]);
    };
    const expected = [
      [`${set}/cloud.yaml`, 3, 'GW1109', `${set}/kustomization.yaml builds CloudProvider aws and 1 more resource of this file with \`namespace: Shop_Prod\``, 'CloudProvider shop/aws'],
      [`${set}/routes.yaml`, 3, 'GW1109', `${set}/kustomization.yaml builds RouteTable shop with \`namespace: Shop_Prod\``, 'RouteTable shop/shop'],
    ];
    expect(run([set])).toEqual(expected);
    expect(run([`${set}/cloud.yaml`, `${set}/routes.yaml`])).toEqual(expected);
  });
});

describe('gwctl validate: size', () => {
  // Past 16 MB of input, the texts of the files are let go once read, and read again only to place a
  // finding (SourceFile.forget): seeds/02, read with a 20 MB file, has its finding placed as when read alone.
  it('a 20 MB file is read in full, and a finding in a file read with it is placed exactly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-large-'));
    const file = join(dir, 'large.yaml');
    execFileSync(process.execPath, [join(ROOT, 'fixtures/bad-input/generate-large.mjs'), file]);
    const result = runCli(['validate', file, SEED_02, '-f', 'json'], { timeout: 180_000, env: { GWCTL_PARSE_THREADS: '0' } });
    expectNoCrash(result);
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout);
    expect(out.summary.documents).toBeGreaterThan(35_000);
    expect(result.stderr).toMatch(new RegExp(`read 2 files, ${out.summary.documents} documents: ${out.summary.documents} resources checked`));
    // the schema findings belong to the file alone (the model's depend on what else is read)
    const ofSchema = (diagnostics: Array<{ code: string; file: string }>) => diagnostics.filter((d) => d.file === SEED_02 && d.code.startsWith('GW2'));
    const alone = ofSchema(JSON.parse(runCli(['validate', SEED_02, '-f', 'json']).stdout).diagnostics);
    expect(alone).toEqual([expect.objectContaining({ code: 'GW2002', line: 23, column: 11 })]);
    expect(ofSchema(out.diagnostics)).toEqual(alone);
  });
});

describe('gwctl validate: the published examples', () => {
  it('seeds/01 passes: its only finding is the VirtualGateway it names but does not define (a warning, by design)', () => {
    const result = runCli(['validate', SEED_01, '-f', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual(['GW3009']);
  });

  it('the bundled example validates clean', () => {
    expect(runCli(['validate', 'fixtures/examples'])).toEqual({ code: 0, stdout: '✔ no problems\n', stderr: 'gwctl: read 4 files, 14 documents: 14 resources checked, 0 skipped\n' });
  });

  it('seeds/02: the misplaced delegate at 23:11, exit 1, in every format', () => {
    const where = { line: 23, column: 11, endLine: 23, endColumn: 19 };
    const results = Object.fromEntries(['stylish', 'json', 'sarif', 'github', 'junit'].map((f) => [f, runCli(['validate', SEED_02, '-f', f, '-q'])]));
    for (const r of Object.values(results)) expect(r.code).toBe(1);
    expect(results.stylish!.stdout).toMatch(/^  23:11 +error +`delegate` is not a field of a matcher .*it belongs on the route, as `spec\.http\[\]\.delegate` +GW2002$/m);
    const json = JSON.parse(results.json!.stdout).diagnostics.find((d: { code: string }) => d.code === 'GW2002');
    expect(json).toMatchObject({ ...where, file: SEED_02, pointer: '/spec/http/0/matchers/0/delegate', resource: { kind: 'RouteTable', namespace: 'istio-gateways', name: 'gateway' } });
    const sarif = JSON.parse(results.sarif!.stdout).runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'GW2002');
    expect(sarif.locations[0].physicalLocation.region).toEqual({ startLine: 23, startColumn: 11, endLine: 23, endColumn: 19 });
    expect(results.github!.stdout).toContain(`::error file=${SEED_02},line=23,col=11,endLine=23,endColumn=19,title=GW2002::\`delegate\``);
    expect(results.junit!.stdout).toContain(`${SEED_02}:23:11: error GW2002: \`delegate\``);
  });
});

describe('gwctl validate: inputs', () => {
  it('reads standard input under the name given', () => {
    const result = runCli(['validate', '-', '--stdin-filename', 'piped.yaml', '-f', 'json'], { input: readFileSync(join(ROOT, SEED_02)) });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).diagnostics[0].file).toBe('piped.yaml');
    // file names are shown relative to the repository's root; standard input's name is shown as given
    const below = runCli(['validate', '-', '--stdin-filename', 'piped.yaml', '-f', 'json'], { input: readFileSync(join(ROOT, SEED_02)), cwd: join(ROOT, 'fixtures') });
    expect(JSON.parse(below.stdout).diagnostics[0].file).toBe('piped.yaml');
    const file = runCli(['validate', 'seeds/02-delegation-as-published.yaml', '-f', 'json'], { cwd: join(ROOT, 'fixtures') });
    expect(JSON.parse(file.stdout).diagnostics[0].file).toBe(SEED_02);
  });

  it('reads UTF-16 after its byte order mark, as kubectl does, from a file and from standard input', () => {
    // Windows PowerShell 5's `>` writes UTF-16LE with a mark and CRLF: kubectl applies such a file
    const utf16 = 'fixtures/kubernetes-yaml/utf-16le-from-powershell.yaml';
    const fromFile = runCli(['validate', utf16, '-f', 'json', '--fail-severity', 'info']);
    const fromStdin = runCli(['validate', '-', '--stdin-filename', utf16, '-f', 'json', '--fail-severity', 'info'], { input: readFileSync(join(ROOT, utf16)) });
    const utf8 = join(mkdtempSync(join(tmpdir(), 'gwctl-utf8-')), 'utf8.yaml');
    writeFileSync(utf8, readFileSync(join(ROOT, utf16)).subarray(2).toString('utf16le'));
    const asUtf8 = runCli(['validate', utf8, '-f', 'json', '--fail-severity', 'info']);
    for (const result of [fromFile, fromStdin, asUtf8]) {
      expect(result.code, result.stderr).toBe(1);
      // the same findings at the same lines and columns as the UTF-8 text gives
      expect(JSON.parse(result.stdout).diagnostics.map((d: { code: string; line: number; column: number }) => [d.code, d.line, d.column])).toEqual([['GW4003', 12, 3], ['GW4003', 29, 3]]);
    }
  });

  it('walks directories, skipping hidden ones, and counts what it skips', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-dir-'));
    writeFileSync(join(dir, 'seed.yaml'), readFileSync(join(ROOT, SEED_01)));
    writeFileSync(join(dir, 'notes.txt'), 'not a manifest');
    mkdirSync(join(dir, 'nested'));
    writeFileSync(join(dir, 'nested', 'svc.yml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\n');
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github', 'ci.yml'), 'jobs: {}\n');
    const result = runCli(['validate', dir, '-f', 'json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('gwctl: read 2 files, 4 documents: 3 resources checked, 1 skipped (1 Service)\n');
  });

  it('warns when no manifest read is Gloo Platform\'s: a run pointed at the wrong folder checks nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-no-gloo-'));
    writeFileSync(join(dir, 'deploy.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: a}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: a}\n');
    writeFileSync(join(dir, 'svc.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: t, namespace: a}\n');
    const result = runCli(['validate', dir, '-q']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(`${join(dir, 'deploy.yaml')}\n  1:1  warning  nothing in the 2 files read is a Gloo Platform resource (2 Service, 1 Deployment): nothing was checked  GW1017\n\n✖ 1 problem (0 errors, 1 warning, 0 infos)\n`);
    // the changed files of a larger set (the pre-commit hook) may hold no Gloo resource by right
    expect(runCli(['validate', join(dir, 'svc.yaml'), '--context', 'fixtures/examples', '-q'])).toEqual({ code: 0, stdout: '', stderr: '' });
    // render would write a configuration that serves nothing: the warning says why
    expect(runCli(['render', '-t', 'envoy', dir, '-o', join(dir, 'out.yaml'), '-q']).stderr).toContain('nothing was checked  GW1017');
    expect(runCli(['validate', '-', '-q'], { input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n' }).stdout).toContain('1:1  warning  nothing in standard input is a Gloo Platform resource (1 ConfigMap): nothing was checked  GW1017');
    // one Gloo resource among them, and it is checked: no warning
    writeFileSync(join(dir, 'gw.yaml'), readFileSync(join(ROOT, 'fixtures/examples/10-gateway.yaml')));
    expect(runCli(['validate', dir, '-f', 'json', '-q']).stdout).not.toContain('GW1017');
  });

  it('fails on a path that does not exist, or a directory without manifests', () => {
    const empty = mkdtempSync(join(tmpdir(), 'gwctl-empty-'));
    expect(runCli(['validate', 'no/such.yaml'])).toEqual({ code: 2, stdout: '', stderr: 'gwctl: error: no such file or directory: no/such.yaml\n' });
    // a path under a file (ENOTDIR) names nothing either
    expect(runCli(['validate', 'fixtures/examples/10-gateway.yaml/x'])).toEqual({ code: 2, stdout: '', stderr: 'gwctl: error: no such file or directory: fixtures/examples/10-gateway.yaml/x\n' });
    expect(runCli(['validate', empty])).toMatchObject({ code: 2, stderr: `gwctl: error: no manifest (.yaml, .yml or .json file) under ${empty}\n` });
    expect(runCli(['validate'])).toMatchObject({ code: 2, stderr: 'gwctl: error: no input: give files, directories, or - for standard input\n' });
  });

  it('a kustomize repository: the base is checked, the patches the overlays name left out and counted; an overlay is checked as built', () => {
    const set = 'fixtures/real-world/kustomize-overlays';
    // read as manifests, the patches were second definitions of RouteTable istio-gateways/api (GW3004)
    expect(runCli(['validate', set])).toEqual({ code: 0, stdout: '✔ no problems\n', stderr: 'gwctl: read 5 files, 15 documents: 14 resources checked, 1 skipped (1 routing tests), 3 kustomize patches left out\n' });
    expect(runCli(['validate', `${set}/overlays/prod`])).toEqual({ code: 2, stdout: '', stderr: `gwctl: error: no manifest under ${set}/overlays/prod but kustomizations and the patches they name: check what kustomize builds (kubectl kustomize ${set}/overlays/prod | gwctl validate -)\n` });
    // named, a patch its folder's kustomization names is left out too (pre-commit names the files a commit changed)
    expect(runCli(['validate', `${set}/overlays/prod/gateway-host.yaml`])).toEqual({ code: 0, stdout: '✔ no problems\n', stderr: 'gwctl: read 0 files, 0 documents: 0 resources checked, 0 skipped, 1 kustomize patch left out\n' });
  });
});

describe('gwctl validate: reporting options', () => {
  const warningsOnly = 'fixtures/bad-input/empty.yaml';

  it('--fail-severity decides the exit code; --min-severity only what is shown', () => {
    expect(runCli(['validate', warningsOnly]).code).toBe(0);
    expect(runCli(['validate', warningsOnly, '--fail-severity', 'warning']).code).toBe(1);
    const hidden = runCli(['validate', warningsOnly, '--fail-severity', 'warning', '--min-severity', 'error', '-f', 'json']);
    expect(hidden.code).toBe(1);
    expect(JSON.parse(hidden.stdout)).toMatchObject({ diagnostics: [], summary: { warnings: 1 } });
  });

  it('has no --findings-output: its findings are its output (-o), as the commands whose stdout is something else have it', () => {
    const run = runCli(['validate', warningsOnly, '--findings-output', 'findings.txt']);
    expect([run.code, run.stdout, run.stderr]).toEqual([2, '', "gwctl: error: unknown option '--findings-output'\n(run gwctl help for usage)\n"]);
  });

  it('exit codes do not depend on the format', () => {
    for (const file of [SEED_01, SEED_02, warningsOnly]) {
      const codes = ['stylish', 'json', 'sarif', 'github', 'junit'].map((f) => runCli(['validate', file, '-f', f]).code);
      expect(new Set(codes).size).toBe(1);
    }
  });

  it('junit lists every resource checked as a test case of its file, passes included', () => {
    const result = runCli(['validate', 'fixtures/examples', '-f', 'junit']);
    expect(result.code).toBe(0);
    const cases = [...result.stdout.matchAll(/<testcase name="([^"]+)" classname="([^"]+)"\/>/g)].map((m) => `${m[2]}: ${m[1]}`);
    expect(cases).toHaveLength(14);
    expect(cases).toContain('fixtures/examples/00-workspaces.yaml: Workspace gloo-mesh/gateways');
    expect(cases).toContain('fixtures/examples/10-gateway.yaml: VirtualGateway istio-gateways/north-south-gw');
    expect(result.stdout).toContain('<testsuites name="gwctl" tests="14" failures="0" errors="0">');
  });

  it('--output writes the report to a file, atomically, and keeps stdout empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-out-'));
    const out = join(dir, 'report.sarif');
    const result = runCli(['validate', SEED_02, '-f', 'sarif', '-o', out]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain('GW2002');
    expect(readdirSync(dir)).toEqual(['report.sarif']);
  });

  it('--report writes the findings in more formats from the same run, each as a run of that format writes it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-reports-'));
    const formats = ['stylish', 'json', 'sarif', 'github', 'junit'];
    const files = formats.map((f) => join(dir, `report.${f}`));
    // --color and a suppression: a file is never coloured, and every report is of the findings kept (a
    // run of the format with the same suppression writes the same bytes)
    const common = [SEED_02, '--suppress', 'GW3009', '--color'];
    const result = runCli(['validate', ...common, '-f', 'github', ...formats.flatMap((f, i) => ['--report', `${f}=${files[i]}`])]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(runCli(['validate', ...common, '-f', 'github']).stdout);
    formats.forEach((f, i) => {
      const text = readFileSync(files[i]!, 'utf8');
      expect(text, f).toBe(runCli(['validate', SEED_02, '--suppress', 'GW3009', '-f', f]).stdout);
      expect(text, f).not.toContain('\x1b[');
    });
    expect(readdirSync(dir).sort()).toEqual(files.map((f) => f.slice(dir.length + 1)).sort());
    // a clean run with --quiet prints nothing, and still writes the file it was asked for
    const clean = join(dir, 'clean.sarif');
    const quiet = runCli(['validate', 'fixtures/examples', '-q', '--report', `sarif=${clean}`]);
    expect(quiet).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(JSON.parse(readFileSync(clean, 'utf8')).runs[0].results).toEqual([]);
  });

  it('--report refuses a malformed value, an input, and a file another output of the run writes, before writing anything', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-reports-'));
    const refused = (args: string[], message: string) => {
      const result = runCli(['validate', SEED_02, ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout, args.join(' ')).toBe('');
      expect(result.stderr, args.join(' ')).toContain(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    };
    refused(['--report', 'sarif'], 'expected <format>=<file>, as sarif=gwctl.sarif');
    refused(['--report', 'sarf=x.sarif'], 'sarf is no format: one of stylish, json, sarif, github, junit');
    refused(['--report', 'json='], 'no file after json=');
    refused(['--report', 'json=-'], 'standard output takes the report of -f/--format (-f json)');
    refused(['--report', `json=${SEED_02}`], `--report ${SEED_02} is one of the inputs`);
    refused(['-o', join(dir, 'a'), '--report', `json=${join(dir, 'a')}`], `--report ${join(dir, 'a')} is the file -o/--output writes`);
    refused(['--report', `json=${join(dir, 'b')}`, '--report', `sarif=${join(dir, 'b')}`], `--report ${join(dir, 'b')} is the file --report writes`);
    refused(['--write-baseline', join(dir, 'c'), '--report', `json=${join(dir, 'c')}`], `--report ${join(dir, 'c')} is the file --write-baseline writes`);
    expect(readdirSync(dir)).toEqual([]);
    // the commands that write something else: render's own output, and its folder
    const out = join(dir, 'out');
    mkdirSync(out);
    const render = runCli(['render', 'fixtures/examples', '--target', 'gloo', '--out-dir', out, '--report', `json=${join(out, 'findings.json')}`]);
    expect(render.code).toBe(2);
    expect(render.stderr).toContain(`--report ${join(out, 'findings.json')} is inside --out-dir`);
    const routes = runCli(['routes', 'fixtures/examples', '-o', join(dir, 't'), '--report', `junit=${join(dir, 't')}`]);
    expect(routes.code).toBe(2);
    expect(routes.stderr).toContain(`--report ${join(dir, 't')} is the file -o/--output writes`);
    expect(readdirSync(dir)).toEqual(['out']);
    expect(readdirSync(out)).toEqual([]);
  });

  it('--suppress with a resource glob', () => {
    expect(runCli(['validate', SEED_02, '--suppress', 'GW2002=RouteTable istio-*/gate*', '--suppress', 'GW3001']).code).toBe(0);
    expect(runCli(['validate', SEED_02, '--suppress', 'GW2002=RouteTable other/*', '--suppress', 'GW3001']).code).toBe(1);
  });

  it('--write-baseline records the findings; --baseline then passes until a new one appears', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-baseline-'));
    const baseline = join(dir, 'baseline.json');
    expect(runCli(['validate', SEED_02, '--write-baseline', baseline]).code).toBe(0);
    expect(existsSync(baseline)).toBe(true);
    const again = runCli(['validate', SEED_02, '--baseline', baseline]);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/; 6 findings suppressed\n$/);
    expect(runCli(['validate', SEED_02, 'fixtures/schema/misspelled-fields.yaml', '--baseline', baseline]).code).toBe(1);
    expect(runCli(['validate', SEED_02, '--baseline', join(dir, 'missing.json')]).code).toBe(2);
  });

  it('colour only on request or a terminal; NO_COLOR wins over the environment', () => {
    expect(runCli(['validate', SEED_02]).stdout).not.toMatch(/\u001b\[/);
    expect(runCli(['validate', SEED_02], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } }).stdout).toMatch(/\u001b\[31merror/);
    expect(runCli(['validate', SEED_02], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout).not.toMatch(/\u001b\[/);
    expect(runCli(['validate', SEED_02, '--color']).stdout).toMatch(/\u001b\[/);
    // a report written to a file is for reading later, or by a program: never coloured
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-colour-'));
    const report = join(dir, 'report.txt');
    expect(runCli(['validate', SEED_02, '--color', '-o', report]).code).toBe(1);
    expect(readFileSync(report, 'utf8')).toMatch(/error/);
    expect(readFileSync(report, 'utf8')).not.toMatch(/\u001b\[/);
  });
});
