import { spawn } from 'node:child_process';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../scripts/generate-corpus.mjs';
import { kubectlFolder } from '../../scripts/lib/kubectl-reading.mjs';
import { BIN, ROOT, runCli } from '../helpers/run-cli';

const scratch = (name: string) => mkdtempSync(join(tmpdir(), `gwctl-${name}-`));

// Generated corpora, written once each for the tests that need a render long enough to watch or
// interrupt: only read, never written into. 1,000 documents render to about 8 MB of Envoy configuration,
// 3,000 to about 25 MB.
const corpora = new Map<number, string>();
function corpus(documents: number): string {
  let dir = corpora.get(documents);
  if (dir) return dir;
  dir = scratch(`corpus-${documents}`);
  for (const [name, text] of generateCorpus(documents)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  corpora.set(documents, dir);
  return dir;
}

/** An output folder holding links, of the given names, to one file outside it that holds `kept`. */
function folderWithLinks(name: string, links: readonly string[]): { root: string; out: string; outside: string } {
  const root = scratch(name);
  const out = join(root, 'out');
  mkdirSync(out);
  const outside = join(root, 'outside');
  writeFileSync(outside, 'kept\n');
  for (const link of links) symlinkSync(outside, join(out, link));
  return { root, out, outside };
}

describe('files gwctl writes', () => {
  it('-o /dev/stdout into a pipe whose reader stops early (`| head`): exit 0, nothing said, as a command writing to stdout', () => {
    // 1,000 documents: about 8 MB, far more than the pipe holds when head leaves
    const result = spawnSync('bash', ['-c', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} render -t envoy ${JSON.stringify(corpus(1000))} -q -o /dev/stdout | head -c 100 > /dev/null; echo "$\{PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect(result.stdout).toBe('0\n');
    expect(result.stderr).toBe('');
  });

  it('-o onto a device or a pipe writes in place: /dev/null stays a device, a FIFO stays a FIFO', async () => {
    expect(runCli(['render', '-t', 'envoy', 'fixtures/examples', '-q', '-o', '/dev/null']).code).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    const fifo = join(scratch('fifo'), 'out');
    execFileSync('mkfifo', [fifo]);
    const reader = new Promise<string>((resolve) => {
      const cat = spawn('cat', [fifo]);
      let text = '';
      cat.stdout.on('data', (d) => (text += d));
      cat.on('close', () => resolve(text));
    });
    expect(runCli(['render', '-t', 'gloo', 'fixtures/examples', '-q', '-o', fifo]).code).toBe(0);
    expect(await reader).toMatch(/^# Gloo Edge open source Upstreams/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('-o through a symbolic link replaces its target and keeps the link, even when the target is not there yet', () => {
    const dir = scratch('link');
    symlinkSync(join(dir, 'target.yaml'), join(dir, 'link.yaml'));
    expect(runCli(['render', '-t', 'gloo', 'fixtures/examples', '-q', '-o', join(dir, 'link.yaml')]).code).toBe(0);
    expect(lstatSync(join(dir, 'link.yaml')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.yaml'))).toBe(join(dir, 'target.yaml'));
    expect(readFileSync(join(dir, 'target.yaml'), 'utf8')).toMatch(/^# Gloo Edge/);
  });

  it('refuses to write over an input, whichever flag would do it, and leaves the input as it was', () => {
    const dir = scratch('self');
    const self = join(dir, 'self.yaml');
    cpSync(join(ROOT, 'fixtures/examples/10-gateway.yaml'), self);
    const before = readFileSync(self, 'utf8');
    symlinkSync(self, join(dir, 'alias.yaml'));
    for (const args of [
      ['render', '-t', 'envoy', self, '-o', self],
      ['render', '-t', 'envoy', self, '-o', join(dir, 'alias.yaml')],
      ['render', '-t', 'gloo', self, '--findings-output', self],
      ['validate', self, '-o', self],
      ['validate', self, '--write-baseline', self],
      ['routes', self, '-o', self],
      ['test', self, '--tests', 'fixtures/examples-tests', '-o', self],
      ['migrate-report', '-t', 'gloo', self, '-o', self],
      ['validate', self, '--report', `sarif=${self}`],
      // either side of a diff: the base, and the head read after it
      ['diff', self, 'fixtures/examples', '-o', self],
      ['diff', 'fixtures/examples', self, '-o', self],
    ]) {
      const result = runCli([...args, '-q']);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/gwctl: error: .*(is one of the inputs: gwctl never writes over a file it reads|is gwctl's own file)/);
      expect(readFileSync(self, 'utf8')).toBe(before);
    }
    // --out-dir onto the manifests' own folder, where a manifest has the name of a file the render writes
    const folder = scratch('self-out-dir');
    for (const f of ['00-workspaces.yaml', '20-team-a.yaml', '30-team-b.yaml']) cpSync(join(ROOT, 'fixtures/examples', f), join(folder, f));
    const named = join(folder, 'gateway-istio-gateways-north-south-gw-443.yaml');
    cpSync(join(ROOT, 'fixtures/examples/10-gateway.yaml'), named);
    const result = runCli(['render', '-t', 'gloo', folder, '--out-dir', folder, '-q']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`gwctl: error: --out-dir ${named} is one of the inputs`);
    expect(readFileSync(named, 'utf8')).toBe(before);
    expect(readdirSync(folder).sort()).toEqual(['00-workspaces.yaml', '20-team-a.yaml', '30-team-b.yaml', 'gateway-istio-gateways-north-south-gw-443.yaml']);
  });

  it('refuses to write over a file read beside the manifests: the configuration, a baseline, a routing test file', () => {
    const dir = scratch('side-inputs');
    mkdirSync(join(dir, '.git'));
    cpSync(join(ROOT, 'fixtures/examples'), join(dir, 'gloo'), { recursive: true });
    const config = '# the team\'s settings\nfailSeverity: error\n';
    writeFileSync(join(dir, '.gwctl.yaml'), config);
    expect(runCli(['validate', 'gloo', '--write-baseline', 'baseline.json', '-q'], { cwd: dir }).code).toBe(0);
    const baseline = readFileSync(join(dir, 'baseline.json'), 'utf8');
    cpSync(join(ROOT, 'fixtures/examples-tests/api.example.com.yaml'), join(dir, 'tests.yaml'));
    const tests = readFileSync(join(dir, 'tests.yaml'), 'utf8');
    for (const [args, target] of [
      [['routes', 'gloo', '-o', '.gwctl.yaml'], '-o/--output .gwctl.yaml'],
      [['render', '-t', 'envoy', 'gloo', '-o', '.gwctl.yaml'], '-o/--output .gwctl.yaml'],
      [['validate', 'gloo', '--write-baseline', '.gwctl.yaml'], '--write-baseline .gwctl.yaml'],
      [['validate', 'gloo', '-o', '.gwctl.yaml'], '-o/--output .gwctl.yaml'],
      [['routes', 'gloo', '--findings-output', '.gwctl.yaml'], '--findings-output .gwctl.yaml'],
      [['routes', 'gloo', '--baseline', 'baseline.json', '-o', 'baseline.json'], '-o/--output baseline.json'],
      [['test', 'gloo', '--tests', 'tests.yaml', '--write-baseline', 'tests.yaml'], '--write-baseline tests.yaml'],
      [['diff', 'gloo', 'gloo', '-o', '.gwctl.yaml'], '-o/--output .gwctl.yaml'],
    ] as const) {
      const result = runCli([...args, '-q'], { cwd: dir });
      expect(result, args.join(' ')).toMatchObject({ code: 2, stderr: `gwctl: error: ${target} is one of the inputs: gwctl never writes over a file it reads (choose another path)\n` });
    }
    expect(readFileSync(join(dir, '.gwctl.yaml'), 'utf8')).toBe(config);
    expect(readFileSync(join(dir, 'baseline.json'), 'utf8')).toBe(baseline);
    expect(readFileSync(join(dir, 'tests.yaml'), 'utf8')).toBe(tests);
    // a baseline brought up to date in place is what --write-baseline is for
    expect(runCli(['validate', 'gloo', '--baseline', 'baseline.json', '--write-baseline', 'baseline.json', '-q'], { cwd: dir }).code).toBe(0);
  });

  it('refuses two outputs of one run on one file, before writing either; a device takes both', () => {
    const dir = scratch('shared-outputs');
    const examples = join(ROOT, 'fixtures/examples');
    const tests = join(ROOT, 'fixtures/examples-tests');
    for (const [args, message] of [
      [['routes', examples, '-o', 'same.txt', '--findings-output', 'same.txt'], '--findings-output same.txt is the file -o/--output writes'],
      [['validate', examples, '-o', 'same.txt', '--write-baseline', 'same.txt'], '--write-baseline same.txt is the file -o/--output writes'],
      [['render', '-t', 'envoy', examples, '-o', 'same.txt', '--write-baseline', 'same.txt'], '--write-baseline same.txt is the file -o/--output writes'],
      [['migrate-report', '-t', 'gloo', examples, '-o', 'same.txt', '--findings-output', 'same.txt'], '--findings-output same.txt is the file -o/--output writes'],
      [['test', examples, '--tests', tests, '--findings-output', 'same.txt', '--export-envoy-tests', 'same.txt'], '--export-envoy-tests same.txt is the file --findings-output writes'],
      // a listener's pair of the export, named after it, is one of the outputs too
      [['test', examples, '--tests', tests, '-o', 't.istio-gateways.north-south-gw.80.json', '--export-envoy-tests', 't.json'], '--export-envoy-tests t.istio-gateways.north-south-gw.80.json is the file -o/--output writes'],
      [['test', examples, '--tests', tests, '-o', 'same.txt', '--report', 'junit=same.txt'], '--report same.txt is the file -o/--output writes'],
      [['migrate-report', '-t', 'gloo', examples, '-o', 'same.txt', '--report', 'json=same.txt'], '--report same.txt is the file -o/--output writes'],
    ] as const) {
      const result = runCli([...args, '-q'], { cwd: dir });
      expect(result, args.join(' ')).toMatchObject({ code: 2, stdout: '', stderr: `gwctl: error: ${message}: one would replace the other (choose another path)\n` });
      expect(readdirSync(dir), args.join(' ')).toEqual([]);
    }
    // one file on macOS and Windows: refused on every system, so that a CI job's flags mean one thing everywhere
    for (const [args, message] of [
      [['routes', examples, '-o', 'OUT.txt', '--findings-output', 'out.txt'], '--findings-output out.txt and -o/--output OUT.txt'],
      [['validate', examples, '--report', 'sarif=Report.sarif', '--report', 'junit=report.SARIF'], '--report report.SARIF and --report Report.sarif'],
      // é composed and decomposed
      [['validate', examples, '-o', 'caf\u00e9.txt', '--write-baseline', 'cafe\u0301.txt'], '--write-baseline cafe\u0301.txt and -o/--output caf\u00e9.txt'],
    ] as const) {
      const result = runCli([...args, '-q'], { cwd: dir });
      expect(result, args.join(' ')).toMatchObject({ code: 2, stdout: '', stderr: `gwctl: error: ${message} are one file where names are compared without case (macOS, Windows): one would replace the other (choose another path)\n` });
      expect(readdirSync(dir), args.join(' ')).toEqual([]);
    }
    // the same name in two folders that differ only in case: two folders, two files
    mkdirSync(join(dir, 'A'));
    mkdirSync(join(dir, 'a'));
    expect(runCli(['routes', examples, '-o', 'A/out.txt', '--findings-output', 'a/out.txt', '-q'], { cwd: dir }).code).toBe(0);
    rmSync(join(dir, 'A'), { recursive: true });
    rmSync(join(dir, 'a'), { recursive: true });
    expect(runCli(['routes', examples, '-o', '/dev/null', '--findings-output', '/dev/null', '-q'], { cwd: dir }).code).toBe(0);
    // a file and a folder: one or the other
    expect(runCli(['render', '-t', 'gloo', examples, '-o', 'one.yaml', '--out-dir', '.', '-q'], { cwd: dir })).toMatchObject({ code: 2, stdout: '', stderr: 'gwctl: error: give either -o/--output or --out-dir, not both\n' });
    // `-` names standard input: as an output it made a file of that name
    for (const args of [['routes', examples, '-o', '-'], ['validate', examples, '-o', '-'], ['diff', examples, examples, '-o', '-'], ['render', '-t', 'envoy', examples, '--findings-output', '-']]) {
      const result = runCli([...args, '-q'], { cwd: dir });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^gwctl: error: (-o\/--output|--findings-output) -: leave .* out to write to the terminal \(or a pipe\); name a file of that name \.\/-\n$/);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a replaced file keeps its mode from the first byte: a 0600 file is never readable by others, not even briefly', async () => {
    const dir = scratch('mode');
    const out = join(dir, 'secret.yaml');
    writeFileSync(out, 'old\n');
    chmodSync(out, 0o600);
    // watch the folder while gwctl writes: every temporary file seen must already be 0600
    const seen: number[] = [];
    let done = false;
    const watcher = (async () => {
      while (!done) {
        for (const f of readdirSync(dir)) if (f.endsWith('.tmp')) seen.push(statSync(join(dir, f), { throwIfNoEntry: false })?.mode ?? 0o600);
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    const result = await new Promise<number | null>((resolve) => spawn(process.execPath, [BIN, 'render', '-t', 'envoy', corpus(3000), '-q', '-o', out]).on('close', resolve));
    done = true;
    await watcher;
    expect(result).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    // the watcher saw the temporary file (a render this long writes for a few hundred milliseconds)
    expect(seen.length).toBeGreaterThan(0);
    for (const mode of seen) expect(mode & 0o077).toBe(0);
  });

  it('a replaced file keeps its mode exactly, whatever the umask; a new one is 0644 less the umask', () => {
    const dir = scratch('modes');
    const kept = join(dir, 'group.yaml');
    writeFileSync(kept, 'old\n');
    chmodSync(kept, 0o664);
    const fresh = join(dir, 'new.yaml');
    // the shell's umask: the test runner's threads cannot set one of their own
    const render = (umask: string, out: string) => spawnSync('sh', ['-c', `umask ${umask}; exec "$0" "$@"`, process.execPath, BIN, 'render', '-t', 'envoy', 'fixtures/examples', '-q', '-o', out], { cwd: ROOT, encoding: 'utf8' });
    // open() would take the group's write bit off under umask 022: the mode is set again, exactly
    expect(render('022', kept).status).toBe(0);
    expect(statSync(kept).mode & 0o777).toBe(0o664);
    // under umask 002 a new file is still not writable by its group: 0644, not 0664 (0666 less the umask)
    expect(render('002', fresh).status).toBe(0);
    expect(statSync(fresh).mode & 0o777).toBe(0o644);
    expect(render('077', join(dir, 'private.yaml')).status).toBe(0);
    expect(statSync(join(dir, 'private.yaml')).mode & 0o777).toBe(0o600);
  });

  it('an interrupted render leaves no temporary file behind', async () => {
    const dir = scratch('sigint');
    const input = corpus(1000);
    // A run may finish between the temporary file's appearance and the signal: it is tried again, so
    // that the run checked is one the signal interrupted (128 + the signal), not one that had ended (0).
    const interrupted = async (args: readonly string[], signal: NodeJS.Signals): Promise<number | null> => {
      let code: number | null = null;
      for (let attempt = 0; attempt < 5 && (code === 0 || code === null); attempt++) {
        const child = spawn(process.execPath, [BIN, 'render', ...args, input, '-q']);
        // interrupt once a temporary file exists (writing has begun)
        while (!readdirSync(dir).some((f) => f.endsWith('.tmp')) && child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
        child.kill(signal);
        code = await new Promise<number | null>((resolve) => child.on('close', resolve));
        expect(readdirSync(dir).filter((f) => f.endsWith('.tmp')), `${signal} ${args.join(' ')}`).toEqual([]);
      }
      return code;
    };
    // one output file; and a folder, whose files are written several at a time
    expect(await interrupted(['-t', 'envoy', '-o', join(dir, 'envoy.yaml')], 'SIGINT')).toBe(130);
    expect(await interrupted(['-t', 'gloo', '--out-dir', dir, '--force'], 'SIGINT')).toBe(130);
    // a CI job cancelled (SIGTERM), a session closed (SIGHUP)
    expect(await interrupted(['-t', 'envoy', '-o', join(dir, 'envoy.yaml')], 'SIGTERM')).toBe(143);
    expect(await interrupted(['-t', 'envoy', '-o', join(dir, 'envoy.yaml')], 'SIGHUP')).toBe(129);
  });

  it('--out-dir removes the files an earlier render wrote and this one does not, and never any other file', () => {
    const dir = scratch('outdir');
    const input = scratch('outdir-input');
    cpSync(join(ROOT, 'fixtures/examples'), input, { recursive: true });
    expect(runCli(['render', '-t', 'gloo', input, '-q', '--out-dir', dir]).code).toBe(0);
    writeFileSync(join(dir, 'kustomization.yaml'), 'resources: []\n');
    expect(readdirSync(dir)).toContain('upstream-team-b-aws-team-b.yaml');
    rmSync(join(input, '30-team-b.yaml'));
    expect(runCli(['render', '-t', 'gloo', input, '-q', '--out-dir', dir, '--force']).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['.gwctl-rendered', 'gateway-istio-gateways-north-south-gw-443.yaml', 'gateway-istio-gateways-north-south-gw-80.yaml', 'kustomization.yaml', 'upstream-team-a-aws-team-a.yaml', 'virtualservice-istio-gateways-north-south-gw-443-api.example.com.yaml', 'virtualservice-istio-gateways-north-south-gw-80-api.example.com.yaml']);
    // a list edited to name a file outside the folder, or one gwctl did not write, removes nothing of the sort
    writeFileSync(join(dir, '.gwctl-rendered'), JSON.stringify({ gwctlRendered: 1, files: ['../outside.yaml', 'kustomization.yaml/..', 'upstream-team-a-aws-team-a.yaml'] }));
    writeFileSync(join(dir, '..', 'outside.yaml'), 'x\n');
    expect(runCli(['render', '-t', 'gloo', input, '-q', '--out-dir', dir, '--force']).code).toBe(0);
    expect(existsSync(join(dir, '..', 'outside.yaml'))).toBe(true);
    expect(existsSync(join(dir, 'kustomization.yaml'))).toBe(true);
    // rendered into the folder of its inputs, a list that names one of them removes none
    writeFileSync(join(input, '.gwctl-rendered.json'), JSON.stringify({ gwctlRendered: 1, files: ['10-gateway.yaml', '20-team-a.yaml'] }));
    const kept = readFileSync(join(input, '10-gateway.yaml'), 'utf8');
    // and the list of the earlier name, itself read as an input (a JSON file of the folder), stays
    const inPlace = runCli(['render', '-t', 'envoy', join(input, '10-gateway.yaml'), join(input, '20-team-a.yaml'), join(input, '.gwctl-rendered.json'), '-q', '--out-dir', input, '--force']);
    expect(inPlace.code, inPlace.stderr).toBe(0);
    expect(readFileSync(join(input, '10-gateway.yaml'), 'utf8')).toBe(kept);
    expect(existsSync(join(input, '20-team-a.yaml'))).toBe(true);
    expect(existsSync(join(input, '.gwctl-rendered.json'))).toBe(true);
  });

  it('--out-dir reads as its list only a file of gwctl\'s that names plain files: anything else removes nothing', () => {
    const dir = scratch('outdir-lists');
    const render = () => runCli(['render', '-t', 'gloo', 'fixtures/examples', '-q', '--out-dir', dir], { timeout: 20_000 });
    const mine = { 'kustomization.yaml': 'resources: []\n', '.gwctl-rendered.json': '{"kind": "ConfigMap"}\n' };
    const lists = [
      // no marker: a JSON file of someone else's
      JSON.stringify({ files: ['kustomization.yaml'] }),
      // the folder itself and the one above, and the earlier list's name (a file of the user's here)
      JSON.stringify({ gwctlRendered: 1, files: ['..', '.', '.gwctl-rendered.json'] }),
    ];
    for (const list of lists) {
      for (const [name, text] of Object.entries(mine)) writeFileSync(join(dir, name), text);
      writeFileSync(join(dir, '.gwctl-rendered'), list);
      expect(render(), list).toMatchObject({ code: 0, stdout: '' });
      for (const [name, text] of Object.entries(mine)) expect(readFileSync(join(dir, name), 'utf8'), `${list}: ${name}`).toBe(text);
    }
    // a FIFO of that name is no list: never opened for reading (which waits for a writer), replaced
    rmSync(join(dir, '.gwctl-rendered'));
    execFileSync('mkfifo', [join(dir, '.gwctl-rendered')]);
    expect(render()).toMatchObject({ code: 0, stdout: '' });
    expect(lstatSync(join(dir, '.gwctl-rendered')).isFile()).toBe(true);
  });

  it('--out-dir writes over its own files in place: a mode given to one is kept, JSON output is named .json', () => {
    const dir = scratch('outdir-again');
    expect(runCli(['render', '-t', 'gloo', 'fixtures/examples', '-q', '--out-dir', dir]).code).toBe(0);
    const upstream = join(dir, 'upstream-team-a-aws-team-a.yaml');
    chmodSync(upstream, 0o640);
    expect(runCli(['render', '-t', 'gloo', 'fixtures/examples', '-q', '--out-dir', dir]).code).toBe(0);
    expect(statSync(upstream).mode & 0o777).toBe(0o640);
    // JSON: each file under its name with .json, and the YAML files of the render before removed
    expect(runCli(['render', '-t', 'gloo', 'fixtures/examples', '-q', '--out-dir', dir, '--output-format', 'json']).code).toBe(0);
    const files = readdirSync(dir).filter((f) => !f.startsWith('.'));
    expect(files).toHaveLength(6);
    for (const f of files) expect(JSON.parse(readFileSync(join(dir, f), 'utf8')).apiVersion, f).toMatch(/^gateway\.solo\.io\/v1$|^gloo\.solo\.io\/v1$/);
    expect(files.every((f) => f.endsWith('.json'))).toBe(true);
    // a path that is no folder is refused
    const file = upstream.replace(/\.yaml$/, '.json');
    const refused = runCli(['render', '-t', 'gloo', 'fixtures/examples', '-q', '--out-dir', file]);
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr.endsWith(`\ngwctl: error: --out-dir ${file}: not a directory\n`)).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(/^{/);
  });

  it('--out-dir keeps its list where kubectl apply -f does not read it, and takes over the list an earlier render kept', async () => {
    const dir = scratch('outdir-earlier');
    // as renders before kept it: `.gwctl-rendered.json`, which `kubectl apply -f DIR` read as a manifest
    writeFileSync(join(dir, '.gwctl-rendered.json'), JSON.stringify({ gwctlRendered: 1, files: ['upstream-gone.yaml'] }));
    writeFileSync(join(dir, 'upstream-gone.yaml'), 'apiVersion: gloo.solo.io/v1\nkind: Upstream\nmetadata: {name: gone, namespace: gloo-system}\n');
    expect(runCli(['render', '-t', 'gloo', 'fixtures/examples', '-q', '--out-dir', dir]).code).toBe(0);
    const files = readdirSync(dir);
    expect(files).toContain('.gwctl-rendered');
    expect(files).not.toContain('.gwctl-rendered.json');
    expect(files).not.toContain('upstream-gone.yaml');
    expect(JSON.parse(readFileSync(join(dir, '.gwctl-rendered'), 'utf8')).files).toEqual(files.filter((f) => !f.startsWith('.')).sort());
    // a file of the earlier name that is no list of gwctl's is the user's: it stays
    writeFileSync(join(dir, '.gwctl-rendered.json'), '{"kind": "ConfigMap"}\n');
    expect(runCli(['render', '-t', 'gloo', 'fixtures/examples', '-q', '--out-dir', dir]).code).toBe(0);
    expect(readFileSync(join(dir, '.gwctl-rendered.json'), 'utf8')).toBe('{"kind": "ConfigMap"}\n');
    rmSync(join(dir, '.gwctl-rendered.json'));
    // kubectl reads the folder's .json, .yaml and .yml files, hidden ones too: every object, and no error
    const read = await kubectlFolder(dir);
    if (read === undefined) return; // kubectl is not installed: the names above are what it would read
    expect(read.error).toBeUndefined();
    expect(read.objects).toHaveLength(files.filter((f) => !f.startsWith('.')).length);
  });

  it('refuses --findings-output or --write-baseline inside --out-dir, which a render replaces and kubectl applies', () => {
    const dir = scratch('outdir-reports');
    expect(runCli(['render', '-t', 'gloo', 'fixtures/examples', '-q', '--out-dir', dir]).code).toBe(0);
    const before = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    const rendered = readdirSync(dir).find((f) => f.startsWith('gateway-'))!;
    // the report replaced the rendered gateway, exit 0
    const findings = runCli(['render', '-t', 'gloo', 'fixtures/examples', '-q', '--out-dir', dir, '--findings-output', join(dir, rendered), '--findings-format', 'json']);
    expect(findings.stderr).toBe(`gwctl: error: --findings-output ${join(dir, rendered)} is inside --out-dir ${dir}: that folder holds the rendered manifests, which a render replaces and \`kubectl apply -f ${dir}\` applies (choose a path outside it)\n`);
    expect(findings.code).toBe(2);
    const baseline = runCli(['render', '-t', 'gloo', 'fixtures/examples', '-q', '--out-dir', `${dir}/`, '--write-baseline', join(dir, 'sub', 'baseline.json')]);
    expect(baseline.stderr).toMatch(/^gwctl: error: --write-baseline .*baseline\.json is inside --out-dir /);
    expect(baseline.code).toBe(2);
    expect(Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]))).toEqual(before);
    // outside it, and a device, are fine
    expect(runCli(['render', '-t', 'gloo', 'fixtures/examples', '-q', '--out-dir', dir, '--findings-output', join(dir, '..', 'findings.json'), '--findings-format', 'json']).code).toBe(0);
    expect(runCli(['render', '-t', 'gloo', 'fixtures/examples', '-q', '--out-dir', dir, '--findings-output', '/dev/null']).code).toBe(0);
    // compared by real path: the folder named through a link, or the report's path through a link to it
    const link = `${dir}-link`;
    symlinkSync(dir, link);
    const throughFolder = runCli(['render', '-t', 'gloo', 'fixtures/examples', '-q', '--out-dir', link, '--findings-output', join(dir, 'report.json'), '--findings-format', 'json']);
    expect([throughFolder.code, throughFolder.stderr]).toEqual([2, expect.stringContaining(`is inside --out-dir ${link}:`)]);
    const throughReport = runCli(['render', '-t', 'gloo', 'fixtures/examples', '-q', '--out-dir', dir, '--findings-output', join(link, 'report.json'), '--findings-format', 'json']);
    expect([throughReport.code, throughReport.stderr]).toEqual([2, expect.stringContaining(`is inside --out-dir ${dir}:`)]);
    expect(existsSync(join(dir, 'report.json'))).toBe(false);
  });

  it('--out-dir writes only into the folder, and nothing of objects whose names the API server refuses', () => {
    // names the schema refuses, rendered with --force: as the emitters once named files,
    // `gateway-../..-../../../../x/pwned.yaml` in out/ was a/b/x/pwned.yaml. Such an object is now served
    // by nothing (the API server admits none of it), so no file is named for it; the names the emitters
    // give are made plain names all the same (test/unit/out-dir-names.test.ts)
    const root = scratch('outdir-names');
    const out = join(root, 'a', 'b', 'out');
    mkdirSync(out, { recursive: true });
    mkdirSync(join(root, 'a', 'b', 'x'), { recursive: true });
    const evil = '../../../../x/pwned';
    const input = join(root, 'in.yaml');
    writeFileSync(input, `apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: '${evil}', namespace: '../..'}\nspec:\n  listeners: [{port: {number: 80}, http: {}}]\n---\napiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: '${evil}', namespace: '../..'}\nspec:\n  hosts: [x.example.com]\n  virtualGateways: [{name: '${evil}', namespace: '../..'}]\n  http: [{name: r, directResponse: {status: 200}}]\n`);
    for (const target of ['envoy', 'gloo', 'gateway-api']) {
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out);
      const result = runCli(['render', '-t', target, input, '--force', '-q', '--out-dir', out]);
      expect(readdirSync(join(root, 'a', 'b', 'x')), target).toEqual([]);
      expect(result.code, result.stderr).toBe(0);
      expect(readdirSync(join(root, 'a', 'b')).sort()).toEqual(['out', 'x']);
      const written = readdirSync(out, { recursive: true }) as string[];
      expect(written, target).toContain('.gwctl-rendered');
      for (const name of written) {
        expect(statSync(join(out, name)).isFile(), name).toBe(true);
        expect(name).not.toMatch(/pwned/);
      }
    }
  });

  it('--out-dir replaces a symbolic link that stands where it writes, and never writes through it', () => {
    // a pull request may commit the folder with links in it: each would have sent the file elsewhere
    const { out, outside } = folderWithLinks('outdir-links', ['upstream-team-a-aws-team-a.yaml', '.gwctl-rendered']);
    expect(runCli(['render', '-t', 'gloo', 'fixtures/examples', '-q', '--out-dir', out]).code).toBe(0);
    expect(readFileSync(outside, 'utf8')).toBe('kept\n');
    for (const name of ['upstream-team-a-aws-team-a.yaml', '.gwctl-rendered']) expect(lstatSync(join(out, name)).isFile(), name).toBe(true);
    expect(readFileSync(join(out, 'upstream-team-a-aws-team-a.yaml'), 'utf8')).toMatch(/kind: Upstream/);
  });

  it('schema --out-dir replaces a link where it writes a file, refuses a linked subfolder, and never writes through either', () => {
    const { root, out, outside } = folderWithLinks('schema-links', ['manifests.schema.json']);
    expect(runCli(['schema', '--out-dir', out]).code).toBe(0);
    expect(readFileSync(outside, 'utf8')).toBe('kept\n');
    expect(lstatSync(join(out, 'manifests.schema.json')).isFile()).toBe(true);
    // a subfolder committed as a link to a folder elsewhere
    const elsewhere = join(root, 'workflows');
    mkdirSync(elsewhere);
    rmSync(join(out, 'v2.3'), { recursive: true });
    symlinkSync(elsewhere, join(out, 'v2.3'));
    const refused = runCli(['schema', '--out-dir', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`gwctl: error: --out-dir ${out}: v2.3 is a symbolic link; gwctl writes its schemas only into folders of its own (remove the link)\n`);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('--out-dir takes names of any valid length: a 63-character namespace and a 253-character name', () => {
    const out = scratch('outdir-long');
    const input = join(scratch('outdir-long-input'), 'in.yaml');
    const ns = 'n'.repeat(63);
    const name = ['m'.repeat(63), 'm'.repeat(63), 'm'.repeat(63), 'm'.repeat(61)].join('.');
    writeFileSync(input, `apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  listeners: [{port: {number: 80}, http: {}}]\n---\napiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  hosts: [x.example.com]\n  virtualGateways: [{name: ${name}, namespace: ${ns}}]\n  http: [{name: r, directResponse: {status: 200}}]\n`);
    expect(runCli(['validate', input, '-q']).code).toBe(0);
    for (const target of ['gloo', 'gateway-api']) {
      const result = runCli(['render', '-t', target, input, '-q', '--out-dir', out]);
      expect(result.code, result.stderr).toBe(0);
      expect(readdirSync(out).filter((f) => f.startsWith('gateway-'))).toHaveLength(1);
    }
  });
});

describe('secrets', () => {
  it('an endpoint\'s user, password and query are redacted in every message, --debug included', () => {
    for (const debug of [[], ['--debug']]) {
      const result = runCli([...debug, 'validate', 'fixtures/examples', '--aws', '--endpoint-url', 'http://admin:hunter2@127.0.0.1:9/?X-Amz-Signature=deadbeef', '--aws-timeout', '1'], { env: { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b', AWS_REGION: 'us-east-1' } });
      expect(result.code).toBe(2);
      expect(result.stderr).not.toMatch(/hunter2|admin|deadbeef|Signature/);
      expect(result.stderr).toContain('http://***@127.0.0.1:9/?***');
    }
  });

  it('an endpoint that is not an http(s) URL is a usage error, without a stack trace, and redacted too', () => {
    const result = runCli(['validate', 'fixtures/examples', '--aws', '--endpoint-url', 'ftp://u:p@example.com/?t=1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("gwctl: error: option '--endpoint-url <url>' argument 'ftp://***@example.com/?***' is invalid. expected an http:// or https:// URL, got ftp://***@example.com/?***\n(run gwctl help for usage)\n");
    expect(runCli(['discover', '--provider', 'a/b', '--account', '111111111111', '--region', 'us-east-1', '--endpoint-url', 'not a url']).code).toBe(2);
  });
});

describe('bounded work on hostile inputs', () => {
  const file = (name: string, text: string) => {
    const path = join(scratch('bounded'), name);
    writeFileSync(path, text);
    return path;
  };

  it('a resource with 10,000 unknown keys: the first hundred findings, then one that counts the rest', () => {
    let text = 'apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: r, namespace: ns}\nspec:\n  hosts: [a.example.com]\n';
    for (let i = 0; i < 10_000; i++) text += `  unknown${i}: 1\n`;
    const out = JSON.parse(runCli(['validate', file('keys.yaml', text), '-f', 'json', '-q']).stdout);
    const codes = out.diagnostics.map((d: { code: string }) => d.code);
    expect(codes.filter((c: string) => c === 'GW2001')).toHaveLength(100);
    expect(out.diagnostics.find((d: { code: string }) => d.code === 'GW2011').message).toBe('this resource has 9900 more schema problems; the first 100 are reported');
  });

  it('a pattern longer than 16 KiB is refused, not compiled: the filter fails closed', () => {
    const alternatives = Array.from({ length: 2000 }, (_, i) => `function-${i}`).join('|');
    const text = `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: r, namespace: ns}\nspec:\n  hosts: [a.example.com]\n  http:\n  - name: d\n    delegate:\n      routeTables: [{name: c}]\n      allowedRoutes:\n      - cloudProvider: {aws: {lambdaFunctions: ["${alternatives}"]}}\n`;
    const out = JSON.parse(runCli(['validate', file('regex.yaml', text), '-f', 'json', '-q']).stdout);
    expect(out.diagnostics.find((d: { code: string }) => d.code === 'GW5001').message).toMatch(/the pattern is \d+ characters long; gwctl compiles patterns of up to 16384/);
  });

  it('a million tiny documents are one note, not a million', () => {
    const out = JSON.parse(runCli(['validate', file('tiny.yaml', '---\na: 1\n'.repeat(200_000)), '-f', 'json', '-q']).stdout);
    expect(out.summary).toMatchObject({ documents: 200_000, infos: 1, warnings: 1 });
    expect(out.diagnostics.map((d: { message: string }) => d.message)).toEqual([
      'nothing in the file read is a Gloo Platform resource (200000 not a manifest): nothing was checked',
      'the document has neither apiVersion nor kind, nor do 199999 more documents of this file: not a Kubernetes manifest; skipped',
    ]);
  });

  it('routes a table serves again on every listener are counted: past 500,000 in all gwctl stops, and says where', () => {
    // 310 KB: one table of 3,000 routes on a hundred gateways of ten listeners, three million routes served
    const gateways = Array.from({ length: 100 }, (_, g) => `apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: g${g}, namespace: gw}\nspec:\n  listeners: [${Array.from({ length: 10 }, (_, p) => `{port: {number: ${8000 + p}}, http: {}}`).join(', ')}]\n`);
    const routes = Array.from({ length: 3000 }, (_, i) => `    - {name: r${i}, matchers: [{uri: {exact: /p${i}}}], directResponse: {status: 200}}`).join('\n');
    const table = `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: team}\nspec:\n  hosts: ['*']\n  virtualGateways: [${gateways.map((_, g) => `{name: g${g}, namespace: gw}`).join(', ')}]\n  http:\n${routes}\n`;
    const input = file('fan-out.yaml', [...gateways, table].join('---\n'));
    const stopped = (args: string[]) => {
      const result = runCli(['validate', input, '-f', 'json', '-q', ...args]);
      expect(result.code).toBe(1);
      return JSON.parse(result.stdout).diagnostics.filter((d: { code: string }) => d.code === 'GW4044');
    };
    // 166 listeners of 3,000 routes are 498,000; the 167th passes the limit
    expect(stopped([]).map((d: { message: string }) => d.message)).toEqual([
      'the listeners serve more than 500,000 routes in all (a table\'s routes count again on every listener and host that serves them); gwctl stops at host `*` of listener gw/g16:8006: it and the hosts and listeners after it are not served (raise the limit with --max-routes)',
    ]);
    expect(stopped(['--max-routes', '5000'])[0].message).toContain('more than 5,000 routes in all');
    expect(runCli(['validate', input, '--max-routes', '0']).code).toBe(2);
  });

  it('hosts a gateway of many listeners serves are counted as they are attached: 5,000 listeners and 3,000 tables stop at once', () => {
    // 15 million attachments, one route each: out of memory in 38 s, before a route was counted
    const listeners = Array.from({ length: 5_000 }, (_, p) => `  - {port: {number: ${1000 + p}}, http: {}}`).join('\n');
    const tables = Array.from({ length: 3_000 }, (_, i) => `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t${i}, namespace: gw}\nspec:\n  hosts: [h${i}.example.com]\n  virtualGateways: [{name: g, namespace: gw}]\n  http:\n  - {name: r, directResponse: {status: 200}}\n`);
    const input = file('listeners.yaml', [`apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: g, namespace: gw}\nspec:\n  listeners:\n${listeners}\n`, ...tables].join('---\n'));
    const result = runCli(['validate', input, '-f', 'json', '-q']);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/heap|internal error/);
    // 100 tables of 5,000 hosts served are 500,000; the 101st passes the limit, reported once
    expect(JSON.parse(result.stdout).diagnostics.map((d: { code: string; message: string }) => `${d.code} ${d.message}`)).toEqual([
      'GW4044 the listeners serve more than 500,000 routes in all (a table\'s routes count again on every listener and host that serves them); gwctl stops at host `h100.example.com` of listener gw/g:5999: it and the hosts and listeners after it are not served (raise the limit with --max-routes)',
    ]);
  });

  it('an allowedRoutes list of 2,000 accounts over 500 routes: tested in a set, each failure naming the first twenty', () => {
    // 20,000 accounts over 5,000 routes (1.2 MB) took 7.7 s and 1.7 GB: every failure wrote the whole list
    const accounts = Array.from({ length: 2000 }, (_, i) => `"${100000000000 + i}"`).join(', ');
    const routes = Array.from({ length: 500 }, (_, i) => `    - {name: r${i}, matchers: [{uri: {exact: /p${i}}}], forwardTo: {destinations: [{awsLambda: {cloudProvider: {name: aws}, function: f${i}}}]}}`).join('\n');
    const functions = Array.from({ length: 500 }, (_, i) => `      - {lambdaFunctionName: f${i}}`).join('\n');
    const input = file('accounts.yaml', `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: aws, namespace: team}\nspec:\n  aws: {accountId: "111111111111", region: us-east-1, lambda: {invokeRoleName: r}}\n---\napiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: fns, namespace: team}\nspec:\n  provider: aws\n  aws:\n    lambda:\n${functions}\n---\napiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: root, namespace: team}\nspec:\n  hosts: [a.example.com]\n  http:\n    - name: d\n      delegate:\n        routeTables: [{name: child}]\n        allowedRoutes: [{cloudProvider: {aws: {accountIds: [${accounts}], iamRoles: [r]}}}]\n---\napiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: child, namespace: team}\nspec:\n  http:\n${routes}\n`);
    const result = runCli(['validate', input, '-f', 'json', '-q']);
    expect(result.code).toBe(1);
    const refused = JSON.parse(result.stdout).diagnostics.filter((d: { code: string }) => d.code === 'GW5003');
    expect(refused).toHaveLength(500);
    expect(refused[0].message).toContain(`account 111111111111 is not in accountIds [${Array.from({ length: 20 }, (_, i) => 100000000000 + i).join(', ')}, and 1980 more]`);
  });

  it('a global WorkspaceSettings exporting to 400 workspaces one by one: each found by name, the one left out refused', () => {
    // its entries were copied into every workspace and each searched for every route: 16,000 took 77 s and 3.2 GB
    const shared = [
      'apiVersion: admin.gloo.solo.io/v2\nkind: Workspace\nmetadata: {name: shared, namespace: gloo-mesh}\nspec:\n  workloadClusters: [{name: \'*\', namespaces: [{name: shared}]}]\n',
      'apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: aws, namespace: shared}\nspec:\n  aws: {accountId: "111111111111", region: us-east-1, lambda: {invokeRoleName: r}}\n',
      'apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: fns, namespace: shared}\nspec:\n  provider: aws\n  aws: {lambda: [{lambdaFunctionName: f}]}\n',
      `apiVersion: admin.gloo.solo.io/v2\nkind: WorkspaceSettings\nmetadata: {name: global, namespace: gloo-mesh}\nspec:\n  exportTo:\n${Array.from({ length: 399 }, (_, i) => `    - workspaces: [{name: ws-${i}}]\n`).join('')}  importFrom: [{workspaces: [{name: shared}]}]\n`,
    ];
    const teams = Array.from({ length: 400 }, (_, i) => [
      `apiVersion: admin.gloo.solo.io/v2\nkind: Workspace\nmetadata: {name: ws-${i}, namespace: gloo-mesh}\nspec:\n  workloadClusters: [{name: '*', namespaces: [{name: ns-${i}}]}]\n`,
      `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: rt, namespace: ns-${i}}\nspec:\n  hosts: [h${i}.example.com]\n  http: [{name: r, forwardTo: {destinations: [{awsLambda: {cloudProvider: {name: aws, namespace: shared}, function: f}}]}}]\n`,
    ]).flat();
    const out = JSON.parse(runCli(['validate', file('exports.yaml', [...shared, ...teams].join('---\n')), '-f', 'json', '-q']).stdout);
    const refused = out.diagnostics.filter((d: { code: string }) => d.code.startsWith('GW600'));
    expect(refused.map((d: { code: string; resource: { namespace: string } }) => `${d.code} ${d.resource.namespace}`)).toEqual(['GW6002 ns-399']);
  });

  it('300 Workspaces selecting every namespace by labels the input does not hold: GW6011 names the first five', () => {
    // each of 8,000 namespaces listed the 7,999 other workspaces that may take it: 17.4 s, 4.2 s now
    const docs = Array.from({ length: 300 }, (_, i) => [
      `apiVersion: admin.gloo.solo.io/v2\nkind: Workspace\nmetadata: {name: ws-${String(i).padStart(3, '0')}, namespace: gloo-mesh}\nspec:\n  workloadClusters: [{name: '*', namespaces: [{name: '*', labels: {team: t${i}}}]}]\n`,
      `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: rt, namespace: ns-${i}}\nspec:\n  hosts: [h${i}.example.com]\n  http: [{name: r, directResponse: {status: 200}}]\n`,
    ]).flat();
    const out = JSON.parse(runCli(['validate', file('workspaces.yaml', docs.join('---\n')), '-f', 'json', '-q']).stdout);
    const messages = out.diagnostics.filter((d: { code: string }) => d.code === 'GW6011').map((d: { message: string }) => d.message);
    expect(messages).toHaveLength(300);
    expect(messages[0]).toBe('which workspace owns namespace `ns-0` depends on its labels, and the input has no Namespace object to read them from: workspaces `ws-000` and `ws-001`, `ws-002`, `ws-003`, `ws-004`, `ws-005`, and 294 more select namespaces by labels; gwctl takes `ws-000`');
  });

  it('a matcher of 3,000 headers under a parent of 3,000: repeats and conflicts found by name, not by a search of each', () => {
    // each header searched the ones before it: 20,000 headers took 3.8 s, and 20,000 under a parent's 20,000, 19.4 s
    const headers = (prefix: string, indent: string) =>
      Array.from({ length: 3_000 }, (_, i) => `${indent}- {name: ${i % 1_000 === 999 ? 'X-Twice' : `${prefix}-${i}`}, value: ${i === 2_999 ? 'late' : 'v'}}`).join('\n');
    const input = file(
      'headers.yaml',
      `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: p, namespace: ns}\nspec:\n  hosts: [a.example.com]\n  http:\n    - name: d\n      matchers:\n        - uri: {prefix: /}\n          headers:\n${headers('x-p', '            ')}\n      delegate: {routeTables: [{name: c}]}\n---\n` +
        `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: c, namespace: ns}\nspec:\n  http:\n    - name: r\n      matchers:\n        - uri: {prefix: /x}\n          headers:\n${headers('x-c', '            ')}\n      directResponse: {status: 200}\n`,
    );
    const found = JSON.parse(runCli(['validate', input, '-f', 'json', '-q']).stdout).diagnostics;
    // X-Twice at 999, 1999 and 2999 of each list: the second and third repeat the first
    expect(found.filter((d: { code: string }) => d.code === 'GW4039').map((d: { line: number }) => d.line)).toEqual([11 + 1_999, 11 + 2_999, 3_022 + 1_999, 3_022 + 2_999]);
    // the child's last X-Twice wants `late`, the parent's first `v`: the two cannot both hold
    expect(found.filter((d: { code: string }) => d.code === 'GW4006').map((d: { message: string }) => d.message)).toEqual([expect.stringContaining('the header X-Twice must be "v" for the parent and "late" for the child')]);
  });

  it('300 teams whose root selects its own workspace: each host serves its own child, found among its workspace\'s tables', () => {
    // a selector by workspace alone took every RouteTable as a candidate: 16,000 such teams took 23 s
    const docs = Array.from({ length: 300 }, (_, i) => [
      `apiVersion: admin.gloo.solo.io/v2\nkind: Workspace\nmetadata: {name: ws-${i}, namespace: gloo-mesh}\nspec:\n  workloadClusters: [{name: '*', namespaces: [{name: ns-${i}}]}]\n`,
      `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: root, namespace: ns-${i}}\nspec:\n  hosts: [h${i}.example.com]\n  http: [{name: d, delegate: {routeTables: [{workspace: ws-${i}}]}}]\n`,
      `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: child, namespace: ns-${i}}\nspec:\n  http: [{name: r, directResponse: {status: ${200 + (i % 50)}}}]\n`,
    ]).flat();
    const out = JSON.parse(runCli(['routes', file('by-workspace.yaml', docs.join('---\n')), '--format', 'json', '-q']).stdout);
    const hosts = out.listeners.flatMap((l: { hosts: unknown[] }) => l.hosts) as Array<{ host: string; routes: Array<{ action: { status: number }; chain: Array<{ table: { namespace: string; name: string } }> }> }>;
    expect(hosts).toHaveLength(300);
    for (const h of hosts) {
      const i = Number(/^h(\d+)\./.exec(h.host)![1]);
      expect(h.routes.map((r) => [r.chain.at(-1)!.table.namespace, r.chain.at(-1)!.table.name, r.action.status])).toEqual([[`ns-${i}`, 'child', 200 + (i % 50)]]);
    }
  });

  it('300 references to providers and gateways that are not there, among 300 of each: names listed once, the first five shown', () => {
    // every reference spelt every provider's and gateway's name again, and scanned them (8,000 of each: 12 s and 4.8 s)
    const providers = Array.from({ length: 300 }, (_, i) => `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: ${i < 7 ? 'aws' : `aws-${i}`}, namespace: ns-${i}}\nspec:\n  aws: {accountId: "111111111111", region: us-east-1, lambda: {invokeRoleName: r}}\n`);
    const gateways = Array.from({ length: 300 }, (_, i) => `apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: gw-${i}, namespace: gw}\nspec:\n  listeners: [{http: {}, port: {number: 8080}}]\n`);
    const routes = Array.from({ length: 300 }, (_, i) => `    - {name: r${i}, matchers: [{uri: {exact: /p${i}}}], forwardTo: {destinations: [{awsLambda: {cloudProvider: {name: ${i === 0 ? 'aws' : `missing-${i}`}}, function: f}}]}}`).join('\n');
    const tables = Array.from({ length: 300 }, (_, i) => `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t${i}, namespace: team}\nspec:\n  hosts: [h${i}.example.com]\n  virtualGateways: [{name: gw-${i}x, namespace: gw}]\n${i === 0 ? `  http:\n${routes}\n` : '  http: [{name: r, directResponse: {status: 200}}]\n'}`);
    const found = JSON.parse(runCli(['validate', file('missing.yaml', [...providers, ...gateways, ...tables].join('---\n')), '-f', 'json', '-q']).stdout).diagnostics;
    const providerFindings = found.filter((d: { code: string }) => d.code === 'GW3001').map((d: { message: string }) => d.message);
    expect(providerFindings).toHaveLength(300);
    expect(providerFindings[0]).toBe("CloudProvider `team/aws` is not in the input; there is one in namespace ns-0, ns-1, ns-2, ns-3, ns-4, and 2 more (a reference without a namespace means the RouteTable's own)");
    const gatewayFindings = found.filter((d: { code: string }) => d.code === 'GW3009').map((d: { message: string }) => d.message);
    expect(gatewayFindings).toHaveLength(300);
    expect(gatewayFindings[0]).toBe('VirtualGateway `gw/gw-0x` is not in the input; rendering uses the default listener; did you mean `gw/gw-0`?');
  });

  it('500 versions of one function and 500 routes naming others: each finding names the first five', () => {
    // 5,000 and 5,000 took 2.7 s: every finding looked through every entry, and listed every qualifier
    const functions = Array.from({ length: 500 }, (_, i) => `      - {lambdaFunctionName: pay, qualifier: "${i + 1}"}`).join('\n');
    const routes = Array.from({ length: 500 }, (_, i) => `    - {name: r${i}, matchers: [{uri: {exact: /p${i}}}], forwardTo: {destinations: [{awsLambda: {cloudProvider: {name: aws}, function: pay, qualifier: q${i}}}]}}`).join('\n');
    const input = file('versions.yaml', `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: aws, namespace: team}\nspec:\n  aws: {accountId: "111111111111", region: us-east-1, lambda: {invokeRoleName: r}}\n---\napiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: fns, namespace: team}\nspec:\n  provider: aws\n  aws:\n    lambda:\n${functions}\n---\napiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: team}\nspec:\n  hosts: [a.example.com]\n  http:\n${routes}\n`);
    const messages = JSON.parse(runCli(['validate', input, '-f', 'json', '-q']).stdout).diagnostics.filter((d: { code: string }) => d.code === 'GW3007').map((d: { message: string }) => d.message);
    expect(messages).toHaveLength(500);
    expect(messages[0]).toBe('function `pay` (qualifier `q0`) is declared by no CloudResources of CloudProvider team/aws, and its discovery is off; declared qualifiers: 1, 2, 3, 4, 5, and 495 more');
  });

  it('2,000 misspelt functions among 2,000 declared: each reported, names suggested within a budget, the same on every run', () => {
    // every "did you mean" compared the name with every declared one: 18 s (4,000: 67 s)
    const functions = Array.from({ length: 2_000 }, (_, i) => `      - lambdaFunctionName: function-number-${i}`).join('\n');
    const routes = Array.from({ length: 2_000 }, (_, i) => `  - {name: r${i}, matchers: [{uri: {prefix: /p${i}/}}], forwardTo: {destinations: [{awsLambda: {cloudProvider: {name: p}, function: functoin-numbr-${i}}}]}}`).join('\n');
    const dir = scratch('misspelt');
    const input = join(dir, 'functions.yaml');
    writeFileSync(
      input,
      `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: p, namespace: gw}\nspec:\n  aws: {accountId: "111111111111", region: us-east-1}\n---\napiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: f, namespace: gw}\nspec:\n  provider: p\n  aws:\n    lambda:\n${functions}\n---\napiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: gw}\nspec:\n  hosts: [api.example.com]\n  http:\n${routes}\n`,
    );
    const run = () => JSON.parse(runCli(['validate', input, '-f', 'json', '-q']).stdout).diagnostics.filter((d: { code: string }) => d.code === 'GW3007').map((d: { message: string }) => d.message);
    const messages = run();
    expect(messages).toHaveLength(2_000);
    expect(messages[0]).toMatch(/^function `functoin-numbr-0` .*; did you mean `function-number-0`\?$/);
    // the first hundreds suggest a name; past the budget the rest do not (each one cost 2,000 distances)
    const suggested = messages.filter((m: string) => m.includes('did you mean')).length;
    expect(suggested).toBeGreaterThan(100);
    expect(suggested).toBeLessThan(2_000);
    // diff reads both sides at once: each side suggests what it would alone, so no finding differs
    const copy = join(dir, 'copy.yaml');
    writeFileSync(copy, readFileSync(input));
    const diff = runCli(['diff', input, copy, '--format', 'json', '-q']);
    expect(diff.code).toBe(0);
    expect(JSON.parse(diff.stdout)).toMatchObject({ routingChanged: false, findings: { appeared: [], disappeared: [] } });
  });

  it('tables whose delegates select each other by a label: each delegated table with hosts reported once, not once a parent', () => {
    // 3,000 of them made 9 million GW4001 findings and ran out of memory in 74 s
    const tables = Array.from({ length: 300 }, (_, i) => `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t${i}, namespace: ns, labels: {all: "yes"}}\nspec:\n  hosts: [h${i}.example.com]\n  http:\n  - {name: r, matchers: [{uri: {prefix: /a}}], delegate: {routeTables: [{labels: {all: "yes"}}]}}\n  - {name: leaf, directResponse: {status: 200}}\n`);
    const input = file('each-other.yaml', tables.join('---\n'));
    const result = runCli(['validate', input, '-f', 'json', '-q']);
    expect(result.code).toBe(1);
    const named = JSON.parse(result.stdout).diagnostics.filter((d: { code: string }) => d.code === 'GW4001').map((d: { message: string }) => /^RouteTable ns\/(t\d+) is delegated to by RouteTable ns\/t\d+, but declares hosts;/.exec(d.message)?.[1]);
    expect(named).toHaveLength(300);
    expect(new Set(named).size).toBe(300);
  });

  it('a table the listeners of a gateway all refuse: one finding naming them, not one a listener', () => {
    // 2,000 listeners refusing 2,000 tables were 4 million findings: out of memory in 61 s
    const listeners = Array.from({ length: 200 }, (_, p) => `  - {port: {number: ${1000 + p}}, http: {}, allowedRouteTables: [{host: nomatch.example.com}]}`).join('\n');
    const gateway = (name: string) => `apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: ${name}, namespace: gw}\nspec:\n  listeners:\n${listeners}\n`;
    // and a table of 3,000 hosts: a finding names the first of them, and counts the rest
    const many = Array.from({ length: 3000 }, (_, h) => `m${h}.example.com`).join(', ');
    const tables = Array.from({ length: 50 }, (_, i) => `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t${i}, namespace: gw}\nspec:\n  hosts: [${i === 49 ? many : `h${i}.example.com`}]\n  virtualGateways: [{name: g, namespace: gw}, {name: h, namespace: gw}]\n  http:\n  - {name: r, directResponse: {status: 200}}\n`);
    const input = file('refused.yaml', [gateway('g'), gateway('h'), ...tables].join('---\n'));
    const result = runCli(['validate', input, '-f', 'json', '-q']);
    const messages = JSON.parse(result.stdout).diagnostics.filter((d: { code: string }) => d.code === 'GW4013').map((d: { message: string }) => d.message);
    // one a table and gateway
    expect(messages).toHaveLength(100);
    expect(messages[0]).toBe('RouteTable gw/t0 attaches to listeners gw/g:1000, gw/g:1001, gw/g:1002, gw/g:1003, gw/g:1004, and 195 more, whose allowedRouteTables do not admit its hosts h0.example.com: they are not served there');
    expect(messages[1]).toMatch(/^RouteTable gw\/t0 attaches to listeners gw\/h:1000, /);
    expect(messages[98]).toMatch(/ its hosts m0\.example\.com, m1\.example\.com, m2\.example\.com, m3\.example\.com, m4\.example\.com, and 2995 more: they are not served there$/);
  });

  it('standard input and files are read up to a limit, reported past it; flags raise the limits', () => {
    const big = runCli(['validate', '-', '-f', 'json', '-q', '--max-file-size', '1KiB'], { input: 'a: b\n'.repeat(1000) });
    expect(big.code).toBe(1);
    expect(JSON.parse(big.stdout).diagnostics[0]).toMatchObject({ code: 'GW1013', message: 'this input is larger than 1 KiB; not read (raise the limit with --max-file-size)' });
    const total = runCli(['validate', 'fixtures/examples', '-f', 'json', '-q', '--max-input-size', '4KiB']);
    expect(JSON.parse(total.stdout).diagnostics.some((d: { code: string; message: string }) => d.code === 'GW1013' && d.message.includes('--max-input-size'))).toBe(true);
    expect(runCli(['validate', 'fixtures/examples', '--max-file-size', 'lots']).code).toBe(2);
  });
});

describe('robustness', () => {
  it('a closed stdout ends gwctl quietly with its own exit code', () => {
    const out = execFileSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" validate fixtures/model/delegation.yaml | head -1; echo "exit \${PIPESTATUS[0]}"`], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toBe('fixtures/model/delegation.yaml\nexit 1\n');
  });

  it('a FIFO, /dev/stdin and a process substitution are read as files', () => {
    const out = execFileSync('bash', ['-c', `"${process.execPath}" "${BIN}" validate <(cat fixtures/examples/10-gateway.yaml) -q -f json; cat fixtures/examples/10-gateway.yaml | "${process.execPath}" "${BIN}" validate /dev/stdin -q -f json`], { cwd: ROOT, encoding: 'utf8' });
    const [a, b] = out.trim().split('\n}\n').map((t, i) => JSON.parse(i === 0 ? t + '\n}' : t));
    expect(a.summary.documents).toBe(2);
    expect(b.summary.documents).toBe(2);
  });

  it('a FIFO is read up to --max-file-size exactly, and refused one byte past it', () => {
    const dir = scratch('fifo-limit');
    const text = readFileSync(join(ROOT, 'fixtures/examples/10-gateway.yaml'), 'utf8');
    const size = Buffer.byteLength(text);
    writeFileSync(join(dir, 'in.yaml'), text);
    const run = (limit: number) => {
      const fifo = join(dir, `fifo-${limit}`);
      execFileSync('mkfifo', [fifo]);
      // the writer opens the FIFO beside gwctl, which reads it as a named file. The writer holds none of
      // the pipes the test reads, and is killed once gwctl is done: a gwctl that fails before it opens
      // the FIFO fails the test, where the writer, blocked in open(), kept it waiting for ever
      const script = `cat "$1" > "$2" 2>/dev/null </dev/null & writer=$!; "$0" "$3" validate "$2" --max-file-size "$4" -q -f json; status=$?; kill $writer 2>/dev/null; exit $status`;
      return spawnSync('bash', ['-c', script, process.execPath, join(dir, 'in.yaml'), fifo, BIN, String(limit)], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    };
    const exact = run(size);
    expect([exact.status, JSON.parse(exact.stdout).summary.documents]).toEqual([0, 2]);
    const over = run(size - 1);
    expect(over.status).toBe(1);
    expect(JSON.parse(over.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual(['GW1013']);
  });

  it('-o through a chain of symbolic links replaces the last one\'s target; a loop of links is an error, not a hang', () => {
    const dir = scratch('link-chain');
    symlinkSync(join(dir, 'target.yaml'), join(dir, 'c.yaml'));
    symlinkSync('c.yaml', join(dir, 'b.yaml'));
    symlinkSync(join(dir, 'b.yaml'), join(dir, 'a.yaml'));
    expect(runCli(['render', '-t', 'gloo', 'fixtures/examples', '-q', '-o', join(dir, 'a.yaml')]).code).toBe(0);
    expect(readFileSync(join(dir, 'target.yaml'), 'utf8')).toMatch(/^# Gloo Edge/);
    expect(['a.yaml', 'b.yaml', 'c.yaml'].map((l) => lstatSync(join(dir, l)).isSymbolicLink())).toEqual([true, true, true]);
    symlinkSync('loop-2.yaml', join(dir, 'loop-1.yaml'));
    symlinkSync('loop-1.yaml', join(dir, 'loop-2.yaml'));
    const loop = runCli(['render', '-t', 'gloo', 'fixtures/examples', '-q', '-o', join(dir, 'loop-1.yaml')]);
    expect(loop.code).toBe(2);
    expect(loop.stderr).toBe(`gwctl: error: cannot write ${join(dir, 'loop-1.yaml')} (-o/--output): ELOOP: too many symbolic links encountered, stat '${join(dir, 'loop-1.yaml')}'\n`);
  });

  it('a dangling symbolic link in a folder is counted in the summary', () => {
    const dir = scratch('dangling');
    cpSync(join(ROOT, 'fixtures/examples'), dir, { recursive: true });
    symlinkSync(join(dir, 'gone.yaml'), join(dir, 'link.yaml'));
    expect(runCli(['validate', dir, '-f', 'json']).stderr).toBe('gwctl: read 4 files, 14 documents: 14 resources checked, 0 skipped, 1 dangling symbolic link skipped\n');
  });

  it('a FIFO named like a manifest in a folder is not read (no one writes to it: the read would never end) but counted, as is a link to one', () => {
    const dir = scratch('fifo');
    cpSync(join(ROOT, 'fixtures/examples'), dir, { recursive: true });
    execFileSync('mkfifo', [join(dir, 'pipe.yaml'), join(dir, 'pipe.txt')]);
    symlinkSync(join(dir, 'pipe.yaml'), join(dir, 'link.yml'));
    const run = runCli(['validate', dir, '-f', 'json']);
    // pipe.txt is no manifest by its name, and no more counted than a README
    expect(run.stderr).toBe('gwctl: read 4 files, 14 documents: 14 resources checked, 0 skipped, 2 pipes, sockets and devices skipped\n');
    expect(run.code).toBe(0);
  });

  it('a symbolic link to a folder is walked as the folder, a link to a file read as the file, hidden folders skipped', () => {
    const dir = scratch('linked');
    const elsewhere = scratch('linked-target');
    cpSync(join(ROOT, 'fixtures/examples'), join(elsewhere, 'examples'), { recursive: true });
    mkdirSync(join(dir, 'nested', '.hidden'), { recursive: true });
    symlinkSync(join(elsewhere, 'examples'), join(dir, 'nested', 'teams'));
    symlinkSync(join(elsewhere, 'examples', '10-gateway.yaml'), join(dir, 'gateway.yaml'));
    cpSync(join(ROOT, 'fixtures/examples/10-gateway.yaml'), join(dir, 'nested', '.hidden', 'skipped.yaml'));
    // gateway.yaml and nested/teams/10-gateway.yaml are one file, read once, by the first path
    const run = runCli(['validate', dir, '-f', 'json']);
    expect(run.stderr).toBe('gwctl: read 4 files, 14 documents: 14 resources checked, 0 skipped, 1 folder or file reached again through symbolic links, read once\n');
    expect(run.code).toBe(0);
  });

  it('a folder linked beside its target is read once, and a link to a folder above is not followed: no resource defined twice, no endless walk', () => {
    const dir = scratch('link-twice');
    cpSync(join(ROOT, 'fixtures/examples'), join(dir, 'base'), { recursive: true });
    symlinkSync('base', join(dir, 'prod'));
    symlinkSync('..', join(dir, 'base', 'up'));
    const run = runCli(['validate', dir, '-f', 'json']);
    expect(JSON.parse(run.stdout).diagnostics).toEqual([]);
    expect(run.stderr).toBe('gwctl: read 4 files, 14 documents: 14 resources checked, 0 skipped, 1 symbolic-link loop not followed, 1 folder or file reached again through symbolic links, read once\n');
    expect(run.code).toBe(0);
    // named by the link first, the files take its paths; the folder itself is then the one read again
    const byLink = runCli(['validate', join(dir, 'prod'), join(dir, 'base'), '-f', 'json']);
    expect(byLink.stderr).toBe('gwctl: read 4 files, 14 documents: 14 resources checked, 0 skipped, 1 symbolic-link loop not followed, 4 folders and files reached again through symbolic links, read once\n');
    // `/` holds every folder: a link to it is a loop too, not a walk of the whole file system
    const root = scratch('link-root');
    cpSync(join(ROOT, 'fixtures/examples/10-gateway.yaml'), join(root, 'gateway.yaml'));
    symlinkSync('/', join(root, 'everything'));
    expect(runCli(['validate', root, '-f', 'json']).stderr).toBe('gwctl: read 1 file, 2 documents: 2 resources checked, 0 skipped, 1 symbolic-link loop not followed\n');
    // context files are those the checked paths do not reach by any path
    const context = runCli(['validate', join(dir, 'prod', '10-gateway.yaml'), '--context', join(dir, 'base'), '-f', 'json']);
    expect(context.stderr).toBe('gwctl: read 1 file (and 3 context files), 14 documents: 14 resources checked, 0 skipped\n');
    expect(context.code).toBe(0);
  });
});
