import { describe, expect, it } from 'vitest';
import { check, RUNS } from '../../scripts/lib/fuzz-check.mjs';

type Host = { stdout: { write(s: string): void }; stderr: { write(s: string): void }; writeFileAtomic(p: string, c: string): Promise<void> };
const misbehaving = (behave: (args: string[], host: Host) => number | Promise<number>) => async (args: string[], host: Host) => behave(args, host);

/** Each check of `npm run fuzz` is shown catching a CLI that breaks it. */
describe('the fuzz checks can fail', () => {
  const input = 'kind: X\n';
  it('accepts a well-behaved run', async () => {
    const quiet = misbehaving((a, h) => {
      if (a.includes('sarif')) h.stdout.write('{"runs": [{"results": [{"message": {"text": "route \\\\[a\\\\](b)"}}]}]}');
      else if (a.includes('json')) h.stdout.write('{}');
      return 0;
    });
    expect(await check(quiet as never, input, input)).toBeUndefined();
    expect(RUNS.length).toBeGreaterThan(10);
  });
  it.each([
    ['an exit code outside 0-2', () => 3, /exit 3/],
    ['an exception', () => { throw new Error('boom'); }, /threw Error: boom/],
    ['an internal error', (_: string[], h: Host) => { h.stderr.write('gwctl: internal error: x\n'); return 2; }, /internal error/],
    ['a control character', (_: string[], h: Host) => { h.stdout.write('name \u001b[2J\n'); return 0; }, /a control character was printed/],
    ['a stray workflow command', (_: string[], h: Host) => { h.stdout.write('ok\n::error::pwned\n'); return 0; }, /a workflow command gwctl did not write/],
    ['JSON that does not parse', (a: string[], h: Host) => { if (a.includes('json')) h.stdout.write('{"diagnostics": ['); return 0; }, /does not parse/],
    ['a link in a SARIF message', (a: string[], h: Host) => { h.stdout.write(a.includes('sarif') ? '{"runs": [{"results": [{"message": {"text": "x"}, "relatedLocations": [{"message": {"text": "[y](https://a.example)"}}]}]}]}' : '{}'); return 0; }, /a SARIF message holds a link: \[y\]\(https:\/\/a\.example\)/],
    ['a process warning', () => { process.emitWarning('Keys with collection values will be stringified'); return 0; }, /a process warning was printed: Warning: Keys with collection/],
    ['rendered YAML that does not parse', async (a: string[], h: Host) => { if (a[0] === 'render') await h.writeFileAtomic('out.yaml', 'a: [\n'); return 0; }, /does not parse/],
  ])('%s', async (_, behave, expected) => {
    expect(await check(misbehaving(behave as never) as never, input, input)).toMatch(expected);
  });
});
