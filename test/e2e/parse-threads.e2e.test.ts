import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliAsync } from '../helpers/run-cli';

// Files a parse thread must hand back to the main thread, which alone reports on them: a number JSON
// cannot carry, invalid UTF-8, an alias.
const dir = mkdtempSync(join(tmpdir(), 'gwctl-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'nan.yaml'), 'apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: gw, namespace: gw}\nspec:\n  listeners:\n    - port: {number: .nan}\n      http: {}\n');
writeFileSync(join(dir, 'latin1.yaml'), Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: caf\xe9}\n', 'latin1'));
writeFileSync(join(dir, 'alias.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: a}\ndata: {x: *m}\n');

const DEBUG_LINE = /^gwctl: debug: (\d+) files read and parsed on \d+ other thread\(s\)\n/m;

/**
 * Reading and parsing on other threads is an optimisation and nothing else: with threads forced on for
 * every file, each command prints byte for byte what it prints with none, and exits the same. --debug
 * says how many files the threads took, so the comparison is known to have used them.
 */
describe('parse threads change nothing but speed', () => {
  it.each([
    [['validate', 'fixtures', '--format', 'json']],
    [['validate', dir, 'fixtures/bad-input']],
    [['render', '--target', 'envoy', 'fixtures/examples', 'fixtures/render/features.yaml']],
  ])('gwctl %j', async (args) => {
    const [alone, threaded] = await Promise.all([
      runCliAsync([...args, '--debug'], { env: { GWCTL_PARSE_THREADS: '0' } }),
      runCliAsync([...args, '--debug'], { env: { GWCTL_PARSE_THREADS: '2' } }),
    ]);
    expect(alone.stderr).not.toMatch(DEBUG_LINE);
    const taken = Number(DEBUG_LINE.exec(threaded.stderr)?.[1] ?? 0);
    expect(taken).toBeGreaterThan(0);
    expect(threaded.code).toBe(alone.code);
    expect(threaded.stdout).toBe(alone.stdout);
    expect(threaded.stderr.replace(DEBUG_LINE, '')).toBe(alone.stderr);
  });
});

describe('the number of parse threads', () => {
  it('is what GWCTL_PARSE_THREADS asks, at most 3 (more parse faster than the main thread takes their answers)', async () => {
    const threads = async (asked: string) => /on (\d+) other thread\(s\)/.exec((await runCliAsync(['validate', 'fixtures/examples', '--debug', '-q'], { env: { GWCTL_PARSE_THREADS: asked } })).stderr)?.[1];
    expect(await Promise.all(['1', '2', '9'].map(threads))).toEqual(['1', '2', '3']);
  });
});
