import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run-in-process';

// The emitters build routes only as the writer reaches them; what they cannot express must still be
// reported, once each, before anything is written, so that --fail-severity can stop the output.
const where = (stderr: string) =>
  (JSON.parse(stderr) as { diagnostics: Array<{ code: string; line: number; column: number }> }).diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`);

describe.each([
  ['envoy', ['GW7005 20:7', 'GW4027 75:22', 'GW7003 143:13', 'GW7004 154:13', 'GW4013 166:3']],
  // GW4027: the shop's pathRewrite after a regex match, which Gloo Platform does not rewrite
  // GW7010: open-source Gloo has no wrapAsApiGateway (one finding for the whole output)
  ['gloo', ['GW4027 75:22', 'GW7010 99:13', 'GW7003 143:13', 'GW7004 154:13', 'GW4013 166:3']],
])('render --target %s: findings about the output', (target, expected) => {
  const args = ['render', '--target', target, 'fixtures/render/features.yaml', '--findings-format', 'json'];

  it('are reported once each, and the findings on stderr stay valid JSON', async () => {
    const result = await runInProcess(args);
    expect(result.code).toBe(0);
    expect(where(result.stderr)).toEqual(expected);
    expect(result.stdout).toContain('direct'); // the unrenderable destinations became direct responses
  });

  it('are known before anything is written: --fail-severity warning writes nothing', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'gwctl-findings-')), 'out.yaml');
    const toStdout = await runInProcess([...args, '--fail-severity', 'warning']);
    expect(toStdout.code).toBe(1);
    expect(toStdout.stdout).toBe('');
    const toFile = await runInProcess([...args, '--fail-severity', 'warning', '-o', out]);
    expect(toFile.code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });
});

it('render --target envoy reports a payload option Envoy cannot express once, at the destination', async () => {
  const result = await runInProcess(['render', '--target', 'envoy', 'fixtures/model/collisions.yaml', '--force', '-q', '--findings-format', 'json']);
  expect(where(result.stderr).filter((w) => w.startsWith('GW7'))).toEqual(['GW7002 90:13']);
});
