import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { HostError } from '../../src/errors';
import { memoryHost } from '../helpers/memory-host';

const provider = "apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: p, namespace: ns}\nspec: {aws: {accountId: '111111111111', region: us-west-1}}\n";

describe('main (in-process)', () => {
  it('returns 0 for clean input and 1 for findings', async () => {
    expect(await main(['validate', 'a.yaml', '-q'], memoryHost({ 'a.yaml': provider }))).toBe(0);
    expect(await main(['validate', 'a.yaml', '-q'], memoryHost({ 'a.yaml': provider.replace('us-west-1', 'nowhere') }))).toBe(1);
  });

  it('reports an internal error in one line, with the stack only under --debug', async () => {
    const host = memoryHost({ 'a.yaml': provider });
    host.readFile = async () => {
      throw new TypeError('boom');
    };
    expect(await main(['validate', 'a.yaml'], host)).toBe(2);
    expect(host.stderr.text()).toBe('gwctl: internal error: boom (run with --debug for the stack trace)\n');
    const debugHost = memoryHost({ 'a.yaml': provider });
    debugHost.readFile = host.readFile;
    expect(await main(['--debug', 'validate', 'a.yaml'], debugHost)).toBe(2);
    expect(debugHost.stderr.text()).toMatch(/internal error: TypeError: boom\n\s+at /);
  });

  it('reports I/O errors as such, exit 2', async () => {
    const host = memoryHost({ 'a.yaml': provider });
    host.readFile = async () => {
      throw new HostError('cannot read a.yaml: EACCES: permission denied');
    };
    expect(await main(['validate', 'a.yaml'], host)).toBe(2);
    expect(host.stderr.text()).toBe('gwctl: error: cannot read a.yaml: EACCES: permission denied\n');
  });

  it('treats a missing command and unknown options as usage errors', async () => {
    expect(await main([], memoryHost({}))).toBe(2);
    const host = memoryHost({});
    expect(await main(['validate', '--nope'], host)).toBe(2);
    expect(host.stderr.text()).toContain("gwctl: error: unknown option '--nope'");
  });

  it('prints its version', async () => {
    const host = memoryHost({});
    expect(await main(['--version'], host)).toBe(0);
    expect(host.stdout.text()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
