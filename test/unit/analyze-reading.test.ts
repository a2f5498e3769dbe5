import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze';
import { HostError, InputTooLargeError } from '../../src/errors';
import { memoryHost } from '../helpers/memory-host';

// Reading, the first stage of analyze(): each file read with the room the limits leave, a file past them
// reported (GW1013) and the others read; any other failure to read ends the run, never reported as a size.
const table = (name: string) => `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: ${name}, namespace: team}\nspec:\n  hosts: [${name}.example.com]\n  http: [{name: r, directResponse: {status: 200}}]\n`;

/** A host that refuses, as the real one does, a file larger than the limit it is read with, and records the limits. */
function limitedHost(files: Record<string, string>, fail?: { path: string; error: Error }) {
  const host = memoryHost(files);
  const limits: Array<[string, number]> = [];
  const read = host.readFile.bind(host);
  host.readFile = async (path: string, maxBytes = Infinity) => {
    limits.push([path, maxBytes]);
    if (fail?.path === path) throw fail.error;
    const bytes = await read(path);
    if (bytes.length > maxBytes) throw new InputTooLargeError(maxBytes);
    return bytes;
  };
  return { host, limits };
}

const codes = (findings: readonly { code: string; message: string }[]) => findings.filter((f) => f.code === 'GW1013').map((f) => f.message);

describe('analyze: reading within the limits', () => {
  it('a file over --max-file-size is reported, and the files beside it are read', async () => {
    const { host } = limitedHost({ 'a.yaml': table('a'), 'big.yaml': table('b'.repeat(300)), 'c.yaml': table('c') });
    const analysis = await analyze(host, { paths: ['a.yaml', 'big.yaml', 'c.yaml'], stdinName: '<stdin>', maxFileSize: 400 });
    expect(codes(analysis.findings)).toEqual(['this input is larger than 400 bytes; not read (raise the limit with --max-file-size)']);
    expect(analysis.resources.map((r) => r.ref.name)).toEqual(['a', 'c']);
  });

  it('the file that takes the total past --max-input-size is reported as over that limit, each read with the room left', async () => {
    const size = table('a').length;
    const { host, limits } = limitedHost({ 'a.yaml': table('a'), 'b.yaml': table('b'), 'c.yaml': table('c') });
    const analysis = await analyze(host, { paths: ['a.yaml', 'b.yaml', 'c.yaml'], stdinName: '<stdin>', maxInputSize: 2 * size + 10 });
    expect(codes(analysis.findings)).toEqual([`this input is larger than ${2 * size + 10} bytes; not read (raise the limit with --max-input-size)`]);
    expect(analysis.resources.map((r) => r.ref.name)).toEqual(['a', 'b']);
    // reads run concurrently: each may ask for what is left when it starts, never for more
    expect(limits.map(([path]) => path)).toEqual(['a.yaml', 'b.yaml', 'c.yaml']);
    expect(limits.every(([, limit]) => limit <= 2 * size + 10)).toBe(true);
  });

  it('a file that cannot be read ends the analysis with the reason, not a finding about its size', async () => {
    const error = new HostError('cannot read b.yaml: EIO: i/o error');
    const { host } = limitedHost({ 'a.yaml': table('a'), 'b.yaml': table('b') }, { path: 'b.yaml', error });
    await expect(analyze(host, { paths: ['a.yaml', 'b.yaml'], stdinName: '<stdin>' })).rejects.toBe(error);
  });

  it('manifests with no Gloo resource among them are a finding (GW1017), unless they are changed files checked with --context', async () => {
    const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: team}\n';
    const alone = await analyze(memoryHost({ 'cm.yaml': configMap }), { paths: ['cm.yaml'], stdinName: '<stdin>' });
    expect(alone.findings.map((f) => [f.code, f.message])).toEqual([['GW1017', 'nothing in the file read is a Gloo Platform resource (1 ConfigMap): nothing was checked']]);
    // policies alone: checked against their CRDs (check-policy.ts), not what they select
    const waf = 'apiVersion: security.policy.gloo.solo.io/v2\nkind: WAFPolicy\nmetadata: {name: w, namespace: team}\nspec: {}\n';
    const policies = await analyze(memoryHost({ 'waf.yaml': waf, 'cm.yaml': configMap }), { paths: ['waf.yaml', 'cm.yaml'], stdinName: '<stdin>' });
    expect(policies.findings.map((f) => f.message)).toEqual([
      'nothing in the 2 files read is a Gloo Platform resource but policies (1 WAFPolicy, 1 ConfigMap skipped): their own fields were checked, not what they select: no route, gateway or workspace was read',
    ]);
    // the pre-commit hook: the changed file holds no Gloo resource, by right, and the rest is context
    const changed = await analyze(memoryHost({ 'cm.yaml': configMap, 'gw.yaml': table('a') }), { paths: ['cm.yaml'], contextPaths: ['gw.yaml'], stdinName: '<stdin>' });
    expect(changed.findings.map((f) => f.code)).not.toContain('GW1017');
    // nor when the context holds none either: a run that checks changed files is not warned (GW1017's
    // hint), a commit to a repository whose Gloo folder is still empty included
    const none = await analyze(memoryHost({ 'cm.yaml': configMap, 'other.yaml': configMap.replace('name: c', 'name: d') }), { paths: ['cm.yaml'], contextPaths: ['other.yaml'], stdinName: '<stdin>' });
    expect(none.findings).toEqual([]);
  });
});
