import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ROOT, runCli } from '../helpers/run-cli';

// Start-up is paid on every CI run: a command loads only the code it uses. Node reports every CommonJS
// module it loads with NODE_DEBUG=module (`load "/path" for module ...`), and every ES module with
// NODE_DEBUG=esm; the test reads what each command loaded and looks for the marks of the AWS SDK, the
// schema validators and the emitters in it.
function loadedModules(args: string[], env: Record<string, string> = {}): { files: string[]; code: string } {
  const result = runCli(args, { env: { NODE_DEBUG: 'module,esm', ...env } });
  expect(result.code).not.toBeNull();
  const commonJs = [...result.stderr.matchAll(/: load "([^"]+\.(?:c?js|json))" for module/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
  const esm = [...result.stderr.matchAll(/file:\/\/\/[^\s'",)]+?\.(?:m?js|json)/g)].map((m) => fileURLToPath(m[0]));
  const files = [...new Set([...commonJs, ...esm])];
  return { files, code: files.map((f) => readFileSync(f, 'utf8')).join('\n') };
}

const MARKS = {
  'the AWS SDK': (m: { files: string[]; code: string }) => m.files.some((f) => f.includes('@aws-sdk')),
  'a schema validator': (m: { code: string }) => m.code.includes('schemaPath:'),
  'the Envoy emitter': (m: { code: string }) => m.code.includes('envoy.filters.http.aws_lambda'),
  'the Gloo Edge emitter': (m: { code: string }) => m.code.includes('gloo.solo.io/v1'),
  'the yaml library': (m: { code: string }) => m.code.includes('Symbol.for("yaml.alias")'),
};

describe('what each command loads', () => {
  const version = loadedModules(['--version']);
  const versionWithOption = loadedModules(['--version', '--debug']);
  const validate = loadedModules(['validate', 'fixtures/seeds/01-gloo-platform-lambda.yaml', '-q']);
  // anchors and aliases: the quick path declines the file, the yaml library parses it
  const validateAliases = loadedModules(['validate', 'fixtures/bad-input/alias-bomb.yaml', '-q']);
  const envoy = loadedModules(['render', '--target', 'envoy', 'fixtures/examples', '-q']);
  const gloo = loadedModules(['render', '--target', 'gloo', 'fixtures/examples', '-q']);
  // nothing listens on port 9: the run fails fast, after loading the SDK
  const aws = loadedModules(['validate', 'fixtures/examples', '--aws', '-q'], {
    AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1',
  });

  it('gwctl --version alone is answered by bin/gwctl, without loading the bundle, and says what the bundle says', () => {
    expect(version.files.filter((f) => /[\\/]dist[\\/]/.test(f))).toEqual([]);
    expect(versionWithOption.files.filter((f) => /[\\/]dist[\\/]/.test(f)).length).toBeGreaterThan(1);
    const fromBundle = runCli(['--version', '--debug']);
    expect(runCli(['--version']).stdout).toBe(fromBundle.stdout);
    expect(runCli(['-V']).stdout).toBe(fromBundle.stdout);
    expect(fromBundle.stdout).toBe(`${JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version}\n`);
  });

  it('gwctl --version through the bundle loads neither the AWS SDK, nor a schema validator, nor an emitter', () => {
    expect(versionWithOption.files.length).toBeGreaterThan(1);
    for (const [what, present] of Object.entries(MARKS)) expect(present(versionWithOption), what).toBe(false);
  });

  it('validate loads the yaml library only for a file the quick path declines, or a finding the block index cannot place', () => {
    // the seed has a finding, placed from the block index
    expect(MARKS['the yaml library'](validate)).toBe(false);
    expect(MARKS['the yaml library'](validateAliases)).toBe(true);
  });

  it('validate loads a validator and no emitter, and no AWS SDK without --aws', () => {
    expect(MARKS['a schema validator'](validate)).toBe(true);
    expect(MARKS['the AWS SDK'](validate)).toBe(false);
    expect(MARKS['the Envoy emitter'](validate)).toBe(false);
    expect(MARKS['the Gloo Edge emitter'](validate)).toBe(false);
  });

  it('each render target loads its own emitter only', () => {
    expect(MARKS['the Envoy emitter'](envoy)).toBe(true);
    expect(MARKS['the Gloo Edge emitter'](envoy)).toBe(false);
    expect(MARKS['the Gloo Edge emitter'](gloo)).toBe(true);
    expect(MARKS['the Envoy emitter'](gloo)).toBe(false);
    expect(MARKS['the AWS SDK'](envoy)).toBe(false);
  });

  it('parse threads load node:worker_threads only when a thread starts (an input under 16 MB starts none)', () => {
    const builtins = (env: Record<string, string>) => {
      const result = runCli(['validate', 'fixtures/seeds/01-gloo-platform-lambda.yaml', '-q', '--debug'], { env: { NODE_OPTIONS: `--require ${join(ROOT, 'test/helpers/report-builtins.cjs')}`, ...env } });
      const line = result.stderr.split('\n').find((l) => l.startsWith('builtins loaded: '));
      expect(line, result.stderr).toBeDefined();
      return { threads: result.stderr.includes('read and parsed on 1 other thread'), builtins: line!.slice('builtins loaded: '.length).split(' ') };
    };
    const small = builtins({});
    expect(small.threads).toBe(false);
    expect(small.builtins).not.toContain('worker_threads');
    expect(small.builtins).toContain('fs'); // the report works
    const forced = builtins({ GWCTL_PARSE_THREADS: '1' });
    expect(forced.threads).toBe(true);
    expect(forced.builtins).toContain('worker_threads');
  });

  it('validate with its output on /dev/null creates no stream, where a terminal would get one', () => {
    // /dev/null is a character device, as a terminal is: told apart by its device number
    // (host/output-stream.ts, mayBeTerminal), it is not asked of a stream, which loads the stream modules
    const result = spawnSync(process.execPath, [join(ROOT, 'bin/gwctl'), 'validate', 'fixtures/seeds/01-gloo-platform-lambda.yaml'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: `--require ${join(ROOT, 'test/helpers/report-builtins.cjs')}` },
    });
    expect(result.status).toBe(0);
    const line = result.stderr.split('\n').find((l) => l.startsWith('builtins loaded: '));
    expect(line, result.stderr).toBeDefined();
    const builtins = line!.slice('builtins loaded: '.length).split(' ');
    expect(builtins).toContain('fs');
    expect(builtins).not.toContain('stream');
  });

  it('validate --aws loads the AWS SDK (so that its absence above means something)', () => {
    expect(MARKS['the AWS SDK'](aws)).toBe(true);
  });
});
