import { execFileSync } from 'node:child_process';
import { copyFileSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { awsEnv, freePort, throughProxy } from '../helpers/moto';
import { ROOT, runCli, runCliAsync } from '../helpers/run-cli';
import { runInProcess } from '../helpers/run-in-process';
import { motoAvailable, SHOP as SHOP_ACCOUNT, useMoto } from './aws-tier';

const SHOP = 'fixtures/aws/shop.yaml';
/** The function entries of the CloudResources in a YAML text, either dialect. */
const entries = (text: string) => {
  const cr = parseAllDocuments(text).map((d) => d.toJS()).find((d) => d?.kind === 'CloudResources');
  return cr.spec.aws?.lambda ?? cr.spec.lambda;
};
const tmpCopy = (fixture: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'gwctl-discover-')), 'functions.yaml');
  copyFileSync(join(ROOT, fixture), file);
  return file;
};

describe.skipIf(!motoAvailable)('gwctl discover, against moto_server', () => {
  // and the partner account, with one function
  const { moto } = useMoto([SHOP_ACCOUNT, { region: 'us-west-1', account: '999999999999', roles: [{ name: 'partner-invoker' }], functions: [{ name: 'partner-quotes' }] }]);
  const discover = (args: string[], env = awsEnv(moto().endpoint)) => runCli(['discover', '--provider', 'shop/aws-shop', ...args], { env });
  /** discover --write FILE of the shop's provider, against this endpoint (a fault proxy's, or none) */
  const writeThrough = (endpoint: string, file: string, ...extra: string[]) => runCliAsync(['discover', '--provider', 'shop/aws-shop', SHOP, '--write', file, ...extra], { env: awsEnv(endpoint) });

  it('prints the functions with $LATEST and aliases (the default), in the provider\'s dialect', () => {
    const result = discover([SHOP]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^apiVersion: infrastructure\.gloo\.solo\.io\/v2\nkind: CloudResources\nmetadata:\n  name: aws-shop-functions\n  namespace: shop\n/);
    expect(entries(result.stdout)).toEqual([
      { lambdaFunctionName: 'audit', qualifier: '$LATEST' },
      { lambdaFunctionName: 'orders-api', qualifier: '$LATEST' },
      { lambdaFunctionName: 'orders-api', qualifier: 'canary' },
      { lambdaFunctionName: 'orders-api', qualifier: 'live' },
      { lambdaFunctionName: 'orders-events', qualifier: '$LATEST' },
      { lambdaFunctionName: 'reports', qualifier: '$LATEST' },
    ]);
    expect(result.stderr).toBe('gwctl: 4 functions, 0 versions, 2 aliases in account 123456789012 us-west-1: 6 entries\n');
  });

  it('on a terminal, the count of functions listed is shown as it goes, and the line cleared after', async () => {
    // in this process, with a terminal's stderr: the AWS SDK reads its credentials from this process's environment
    const env = awsEnv(moto().endpoint);
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    try {
      const { code, stdout, stderr } = await runInProcess(['discover', '--provider', 'shop/aws-shop', SHOP], { env, stderrIsTTY: true });
      expect(code).toBe(0);
      expect(stderr).toMatch(/^(?:\rgwctl: listing versions and aliases: [0-4]\/4)+\r\u001b\[2Kgwctl: 4 functions, 0 versions, 2 aliases in account 123456789012 us-west-1: 6 entries\n$/);
      expect(stderr).toContain('\rgwctl: listing versions and aliases: 4/4\r\u001b[2K');
      expect(entries(stdout)).toHaveLength(6);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('lists versions when asked, and filters names with RE2', () => {
    const result = discover([SHOP, '--qualifiers', 'versions', '--include', 'orders-.*', '--exclude', 'orders-events']);
    expect(entries(result.stdout)).toEqual([
      { lambdaFunctionName: 'orders-api', qualifier: '1' },
      { lambdaFunctionName: 'orders-api', qualifier: '2' },
    ]);
    // --exclude takes out what --include lets in, with every qualifier of it
    expect(entries(discover([SHOP, '--include', 'orders-.*', '--exclude', 'orders-events']).stdout)).toEqual([
      { lambdaFunctionName: 'orders-api', qualifier: '$LATEST' },
      { lambdaFunctionName: 'orders-api', qualifier: 'canary' },
      { lambdaFunctionName: 'orders-api', qualifier: 'live' },
    ]);
    // a pattern written as a glob is taken as the regex it is, and said so
    const glob = discover([SHOP, '--include', 'orders-*']);
    expect(glob.code).toBe(0);
    expect(entries(glob.stdout)).toEqual([]);
    expect(glob.stderr).toContain("gwctl: warning: `-*` in the --include pattern `orders-*` repeats `-`, none or more of it, as a regex reads `*`, where a glob's `*` is any text; it does not match `orders-x`: write `orders-.*` for any text there\n");
    // a pattern RE2 refuses (a back-reference) is a usage error before AWS is asked
    expect(discover([SHOP, '--include', '(a)\\1'])).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^gwctl: error: --include \(a\)\\1: RE2 rejects it: .+\n$/) });
  });

  it('applies the 2.3+ provider\'s own discovery filter (names, latestOnly), and can assume its discovery role', () => {
    const result = runCli(['discover', '--provider', 'shop/aws-orders-only', 'fixtures/aws/discovery-filter.yaml', '--assume-discovery-role'], { env: awsEnv(moto().endpoint) });
    expect(result.code).toBe(0);
    expect(entries(result.stdout)).toEqual([
      { lambdaFunctionName: 'orders-api', qualifier: '$LATEST' },
      { lambdaFunctionName: 'orders-events', qualifier: '$LATEST' },
    ]);
  });

  it('a provider filter without latestOnly lists every qualifier asked for', () => {
    const result = runCli(['discover', '--provider', 'shop/aws-orders-all', 'fixtures/aws/discovery-filter.yaml', '--qualifiers', 'latest,versions'], { env: awsEnv(moto().endpoint) });
    expect(result.code).toBe(0);
    expect(entries(result.stdout)).toEqual([
      { lambdaFunctionName: 'orders-api', qualifier: '$LATEST' },
      { lambdaFunctionName: 'orders-api', qualifier: '1' },
      { lambdaFunctionName: 'orders-api', qualifier: '2' },
    ]);
  });

  it('works without manifests from --account and --region', () => {
    const result = discover(['--account', '123456789012', '--region', 'us-west-1', '--qualifiers', 'latest', '--include', 'audit']);
    expect(entries(result.stdout)).toEqual([{ lambdaFunctionName: 'audit', qualifier: '$LATEST' }]);
    // named after the provider, or as --name says
    expect(result.stdout).toContain('\nmetadata:\n  name: aws-shop-functions\n  namespace: shop\n');
    const named = discover(['--account', '123456789012', '--region', 'us-west-1', '--qualifiers', 'latest', '--include', 'audit', '--name', 'audit-lambdas']);
    expect(named.stdout).toBe(result.stdout.replace('name: aws-shop-functions', 'name: audit-lambdas'));
  });

  it('--write merges: hand-written entries, comments and order kept, new ones appended, gone ones reported', () => {
    const file = tmpCopy('fixtures/aws/discover-existing.yaml');
    const before = readFileSync(file, 'utf8');
    const result = discover([SHOP, '--write', file, '--name', 'aws-shop-functions']);
    expect(result.code).toBe(0);
    const after = readFileSync(file, 'utf8');
    // everything written before is still there, byte for byte, in front of the appended entries
    const appendAt = after.indexOf('      - lambdaFunctionName: orders-api\n        qualifier: $LATEST');
    expect(after.slice(0, appendAt)).toBe(before.slice(0, appendAt));
    expect(after.slice(appendAt)).toMatch(/^      - lambdaFunctionName: orders-api\n        qualifier: \$LATEST\n/);
    expect(after).toContain("        qualifier: '1'   # keep: used by the canary");
    expect(after.endsWith(before.slice(before.indexOf('---\n# another document')))).toBe(true);
    expect(entries(after).map((e: any) => `${e.lambdaFunctionName}:${e.qualifier}`)).toEqual([
      // orders-api:live, orders-events, reports and audit: shop.yaml's CloudResources declares them already
      'orders-api:1', 'retired-function:$LATEST', 'orders-api:$LATEST', 'orders-api:canary',
    ]);
    expect(result.stderr).toBe(
      'gwctl: retired-function is no longer in AWS (kept; --prune removes it)\n' +
        `gwctl: 4 functions, 0 versions, 2 aliases in account 123456789012 us-west-1: 2 added, 2 kept, 1 gone from AWS (kept); wrote ${file}\n`,
    );
    // a second run changes nothing
    expect(discover([SHOP, '--write', file, '--name', 'aws-shop-functions']).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(after);
  });

  it('--prune removes what no longer exists, and only that', () => {
    const file = tmpCopy('fixtures/aws/discover-existing.yaml');
    discover([SHOP, '--write', file, '--prune', '--name', 'aws-shop-functions']);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('retired-function');
    expect(text).toContain('# the canary pins version 1 on purpose');
    expect(entries(text)[0]).toEqual({ lambdaFunctionName: 'orders-api', qualifier: '1' });
  });

  it('creates the file when it does not exist, without what the input\'s CloudResources declare already', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gwctl-discover-')), 'new.yaml');
    expect(discover([SHOP, '--write', file]).code).toBe(0);
    // shop.yaml's CloudResources declares orders-api:live, orders-events, reports and audit
    expect(entries(readFileSync(file, 'utf8'))).toEqual([{ lambdaFunctionName: 'orders-api', qualifier: '$LATEST' }, { lambdaFunctionName: 'orders-api', qualifier: 'canary' }]);
    // without the manifests there is nothing to compare with: all six
    const bare = join(mkdtempSync(join(tmpdir(), 'gwctl-discover-')), 'new.yaml');
    expect(runCli(['discover', '--provider', 'shop/aws-shop', '--account', '123456789012', '--region', 'us-west-1', '--write', bare], { env: awsEnv(moto().endpoint) }).code).toBe(0);
    expect(entries(readFileSync(bare, 'utf8'))).toHaveLength(6);
  });

  it('2.2: derives logical names and never collides with a hand-written one', () => {
    const file = tmpCopy('fixtures/aws/legacy-2.2.yaml');
    const result = runCli(['discover', '--provider', 'legacy/aws-legacy', file, '--write', file], { env: awsEnv(moto().endpoint) });
    expect(result.code).toBe(0);
    const list = entries(readFileSync(file, 'utf8'));
    // reports:$LATEST is the hand-written entry already (under another logical name): not added again
    expect(list.map((e: any) => e.logicalName)).toEqual(['orders-api:live', 'audit', 'orders-api', 'orders-api:canary', 'orders-api:live-2', 'orders-events']);
    expect(result.stderr).toContain('gwctl: orders-api:live is named orders-api:live-2: orders-api:live was taken\n');
    const check = runCli(['validate', file, '-q']);
    expect(check.code).toBe(0);
  });

  it('refuses to list an account other than the provider\'s', () => {
    const result = runCli(['discover', '--provider', 'partners/aws-elsewhere', SHOP], { env: awsEnv(moto().endpoint) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^gwctl: error: the AWS credentials are .* in account 123456789012, but CloudProvider partners\/aws-elsewhere is account 999999999999/);
  });

  it('--assume-role lists another account as the role of that name in it', () => {
    const result = runCli(['discover', '--provider', 'partners/aws-elsewhere', SHOP, '--assume-role', 'gwctl-readonly', '-q'], { env: awsEnv(moto().endpoint) });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(entries(result.stdout)).toEqual([{ lambdaFunctionName: 'partner-quotes', qualifier: '$LATEST' }]);
    const both = runCli(['discover', '--provider', 'partners/aws-elsewhere', SHOP, '--assume-role', 'x', '--assume-discovery-role'], { env: awsEnv(moto().endpoint) });
    expect([both.code, both.stderr]).toEqual([2, 'gwctl: error: --assume-role and --assume-discovery-role: give one\n']);
  });

  // The two tests below wait on the SDK's backoff and timeouts, not on a core: they run side by side
  // (each with its own proxy and file; moto is only read), which takes the suite about 3.5 s less.
  it.concurrent('retries throttled calls with backoff and still writes the full result', async ({ expect }) => {
    await throughProxy(moto().endpoint, { throttle: 3, match: /functions/ }, async (proxy) => {
      const file = tmpCopy('fixtures/aws/discover-existing.yaml');
      const result = await writeThrough(proxy.endpoint, file, '--name', 'aws-shop-functions');
      expect(result.stderr).toMatch(/^gwctl: retired-function is no longer in AWS/);
      expect(result.code).toBe(0);
      expect(proxy.faults()).toBe(3);
      expect(entries(readFileSync(file, 'utf8'))).toHaveLength(4);
    });
  });

  it.concurrent('on AccessDenied, a dead or a slow endpoint: exit 2, and the file is left exactly as it was', async ({ expect }) => {
    const file = tmpCopy('fixtures/aws/discover-existing.yaml');
    const original = readFileSync(file, 'utf8');
    await throughProxy(moto().endpoint, { deny: true, match: /GET \/2015-03-31\/functions\?/ }, async (denied) => {
      const result = await writeThrough(denied.endpoint, file);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^gwctl: error: lambda ListFunctions failed at http:\/\/127\.0\.0\.1:\d+: AccessDenied.*; gwctl needs lambda:ListFunctions\n$/);
    });
    // not spawned synchronously: that would hold this worker's event loop, and the proxies of the test beside it
    const dead = await writeThrough(`http://127.0.0.1:${await freePort()}`, file);
    expect(dead.code).toBe(2);
    await throughProxy(moto().endpoint, { delayMs: 20_000, match: /functions/ }, async (slow) => {
      const result = await writeThrough(slow.endpoint, file, '--aws-timeout', '1');
      expect(result.code).toBe(2);
      // a bound on work, not on the clock: ListFunctions gives up after its 5 attempts (AWS_ATTEMPTS)
      expect(slow.faults()).toBeGreaterThan(0);
      expect(slow.faults()).toBeLessThanOrEqual(5);
      expect(result.stderr).toMatch(/^gwctl: error: cannot reach AWS at http:\/\/127\.0\.0\.1:\d+ for lambda:ListFunctions \(no answer within 1 s; 5 attempts\)\n$/);
    });
    expect(readFileSync(file, 'utf8')).toBe(original);
  });

  it('reads every page of a function\'s aliases: Lambda may answer fewer than asked for, with a marker', async () => {
    // orders-api's aliases a page each: canary, then live after the marker
    await throughProxy(moto().endpoint, {
      match: /GET \/2015-03-31\/functions\/orders-api\/aliases/,
      script: ({ url }) => ({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify(url.includes('Marker=page-2') ? { Aliases: [{ Name: 'live', FunctionVersion: '2' }] } : { Aliases: [{ Name: 'canary', FunctionVersion: '1' }], NextMarker: 'page-2' }),
      }),
    }, async (paged) => {
      const result = await runCliAsync(['discover', '--provider', 'shop/aws-shop', SHOP], { env: awsEnv(paged.endpoint) });
      expect(paged.faults()).toBe(2);
      expect(entries(result.stdout).filter((e: { lambdaFunctionName: string }) => e.lambdaFunctionName === 'orders-api')).toEqual([
        { lambdaFunctionName: 'orders-api', qualifier: '$LATEST' },
        { lambdaFunctionName: 'orders-api', qualifier: 'canary' },
        { lambdaFunctionName: 'orders-api', qualifier: 'live' },
      ]);
      expect(result.stderr).toBe('gwctl: 4 functions, 0 versions, 2 aliases in account 123456789012 us-west-1: 6 entries\n');
    });
  });

  it('an endpoint that answers the same page marker again is an error, exit 2, not a listing without end', async () => {
    const file = tmpCopy('fixtures/aws/discover-existing.yaml');
    const original = readFileSync(file, 'utf8');
    await throughProxy(moto().endpoint, {
      match: /GET \/2015-03-31\/functions\/?\?/,
      script: () => ({ status: 200, contentType: 'application/json', body: JSON.stringify({ Functions: [{ FunctionName: 'orders-api' }], NextMarker: 'again' }) }),
    }, async (circle) => {
      const result = await writeThrough(circle.endpoint, file);
      expect(result.stderr).toBe('gwctl: error: lambda ListFunctions answered a page marker it had answered before (after 2 pages): the listing would never end\n');
      expect(result.code).toBe(2);
      expect(circle.faults()).toBe(2);
    });
    expect(readFileSync(file, 'utf8')).toBe(original);
  });

  it('a name Lambda does not allow, from a broken or hostile endpoint, is an error: nothing written, the name escaped', async () => {
    const file = tmpCopy('fixtures/aws/discover-existing.yaml');
    const original = readFileSync(file, 'utf8');
    const hostile = 'orders\u001b]0;owned\u0007\n::error::injected';
    await throughProxy(moto().endpoint, {
      match: /GET \/2015-03-31\/functions\/?\?/,
      script: () => ({ status: 200, contentType: 'application/json', body: JSON.stringify({ Functions: [{ FunctionName: 'orders-api' }, { FunctionName: hostile }] }) }),
    }, async (names) => {
      const result = await writeThrough(names.endpoint, file);
      expect(result.stderr).toBe('gwctl: error: lambda ListFunctions answered a function name that Lambda does not allow: `orders\\x1b]0;owned\\x07\\n::error::injected`; nothing was written\n');
      expect(result.code).toBe(2);
    });
    // an alias of digits only would read as a version
    await throughProxy(moto().endpoint, {
      match: /\/aliases/,
      script: () => ({ status: 200, contentType: 'application/json', body: JSON.stringify({ Aliases: [{ Name: '7', FunctionVersion: '1' }] }) }),
    }, async (aliases) => {
      const result = await writeThrough(aliases.endpoint, file);
      expect(result.stderr).toBe('gwctl: error: lambda ListAliases answered an alias name that Lambda does not allow: `7`; nothing was written\n');
      expect(result.code).toBe(2);
    });
    expect(readFileSync(file, 'utf8')).toBe(original);
  });

  it('--write keeps a JSON file JSON: entries spliced into its list in its layout, pruned with their commas', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gwctl-discover-')), 'functions.json');
    copyFileSync(join(ROOT, 'fixtures/aws/discover-existing.json'), file);
    const before = readFileSync(file, 'utf8');
    expect(discover([SHOP, '--write', file]).code).toBe(0);
    const after = readFileSync(file, 'utf8');
    // kubectl reads a file that starts with `{` as JSON: what is written must stay JSON, laid out as it was
    const added = '        {\n          "lambdaFunctionName": "orders-api",\n          "qualifier": "$LATEST"\n        },\n';
    expect(after).toBe(before.replace('"$LATEST"\n        }\n', `"$LATEST"\n        },\n${added}        {\n          "lambdaFunctionName": "orders-api",\n          "qualifier": "canary"\n        }\n`));
    expect(JSON.parse(after).spec.aws.lambda).toHaveLength(4);
    expect(discover([SHOP, '--write', file, '--prune']).code).toBe(0);
    const pruned = readFileSync(file, 'utf8');
    expect(JSON.parse(pruned).spec.aws.lambda.map((e: any) => `${e.lambdaFunctionName}:${e.qualifier}`)).toEqual(['orders-api:1', 'orders-api:$LATEST', 'orders-api:canary']);
    const validated = runCli(['validate', SHOP, file, '--format', 'json']);
    expect(JSON.parse(validated.stdout).diagnostics.filter((d: any) => d.code.startsWith('GW10'))).toEqual([]);
  });

  it('--write refuses a file Kubernetes reads otherwise than YAML 1.2, with the finding, and leaves it alone', () => {
    const file = tmpCopy('fixtures/aws/discover-existing.yaml');
    // an entry hidden from YAML 1.2 by a U+2028 (a line break to the cluster): gwctl would add it again
    const hidden = readFileSync(file, 'utf8').replace("# keep: used by the canary", '# keep\u2028      - lambdaFunctionName: orders-api\n        qualifier: canary');
    writeFileSync(file, hidden);
    const result = discover([SHOP, '--write', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`gwctl: error: --write ${file}:14:32: U+2028 (line separator) is a line break to Kubernetes' YAML reader (YAML 1.1), and an ordinary character to YAML 1.2 readers, most editors and linters: what follows it is on a line of its own to the cluster alone (GW1016); gwctl edits a file only where Kubernetes and YAML 1.2 read it alike: fix it first\n`);
    expect(readFileSync(file, 'utf8')).toBe(hidden);
    // Latin-1 text would come back with U+FFFD for every accented letter
    const latin1 = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n'), readFileSync(join(ROOT, 'fixtures/aws/discover-existing.yaml'))]);
    writeFileSync(file, latin1);
    const refused = discover([SHOP, '--write', file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^gwctl: error: --write .*:1:6: the file is not valid UTF-8: byte 0xE9 at byte offset 5 does not start a valid UTF-8 sequence .*\(GW1005\); gwctl would write it back changed: fix it first\n$/);
    expect(readFileSync(file).equals(latin1)).toBe(true);
    // UTF-16, which kubectl and gwctl read, would be written back as UTF-8
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(join(ROOT, 'fixtures/aws/discover-existing.yaml'), 'utf8'), 'utf16le')]);
    writeFileSync(file, utf16);
    expect(discover([SHOP, '--write', file])).toMatchObject({ code: 2, stdout: '', stderr: `gwctl: error: --write ${file}: the file is UTF-16LE, which kubectl and gwctl read, but gwctl writes UTF-8 only and would write it back changed: save it as UTF-8 first\n` });
    expect(readFileSync(file).equals(utf16)).toBe(true);
  });

  it('--write keeps a byte order mark', () => {
    const file = tmpCopy('fixtures/aws/discover-existing.yaml');
    const before = '\uFEFF' + readFileSync(file, 'utf8');
    writeFileSync(file, before);
    expect(discover([SHOP, '--write', file]).code).toBe(0);
    const after = readFileSync(file, 'utf8');
    expect(after.startsWith('\uFEFF# Hand-written CloudResources')).toBe(true);
    expect(after.slice(0, after.indexOf('---'))).toBe(before.slice(0, before.indexOf('---')).replace('        qualifier: $LATEST\n', '        qualifier: $LATEST\n      - lambdaFunctionName: orders-api\n        qualifier: $LATEST\n      - lambdaFunctionName: orders-api\n        qualifier: canary\n'));
  });

  it('a file that does not parse is not touched', () => {
    const file = tmpCopy('fixtures/aws/discover-existing.yaml');
    writeFileSync(file, 'spec: [unclosed\n');
    const result = discover([SHOP, '--write', file]);
    expect(result.code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('spec: [unclosed\n');
  });

  it('--write refuses a FIFO or a device, where it waited for a writer or read without end', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-discover-special-'));
    execFileSync('mkfifo', [join(dir, 'fifo.yaml')]);
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    for (const name of ['fifo.yaml', 'zero.yaml']) {
      const result = discover([SHOP, '--write', join(dir, name)]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`gwctl: error: --write ${join(dir, name)}: not a regular file (a device, FIFO or socket, or a link to one)\n`);
    }
    expect(lstatSync(join(dir, 'fifo.yaml')).isFIFO()).toBe(true);
    expect(readlinkSync(join(dir, 'zero.yaml'))).toBe('/dev/zero');
  });
});

describe('gwctl discover: what it would write is checked before AWS is asked', () => {
  // an endpoint nothing listens on: a flag that was not checked reached it, or wrote its value when it answered
  const env = { ...awsEnv('http://127.0.0.1:9'), AWS_MAX_ATTEMPTS: '1' };
  const discover = (args: string[]) => runCli(['discover', '--account', '123456789012', '--region', 'us-west-1', ...args], { env });
  it.each([
    [['--provider', 'shop/aws-shop', '--name', 'Shop Functions'], 'gwctl: error: --name Shop Functions: expected a Kubernetes name (a lower-case DNS subdomain of at most 253 characters)\n'],
    [['--provider', 'shop/aws-shop', '--name', ''], 'gwctl: error: --name : expected a Kubernetes name (a lower-case DNS subdomain of at most 253 characters)\n'],
    [['--provider', 'Shop/aws shop'], 'gwctl: error: --provider Shop/aws shop: expected NAMESPACE/NAME of a CloudProvider (a Kubernetes namespace and name)\n'],
    [['--provider', 'shop'], 'gwctl: error: --provider shop: expected NAMESPACE/NAME of a CloudProvider (a Kubernetes namespace and name)\n'],
    [['--provider', `shop/${'a'.repeat(250)}`], `gwctl: error: --provider shop/${'a'.repeat(250)}: ${'a'.repeat(250)}-functions, the name of new CloudResources, is longer than Kubernetes allows; give --name\n`],
    [['--provider', 'shop/aws-shop', '--region', 'us west 1'], 'gwctl: error: --region us west 1: expected an AWS region name such as us-west-1\n'],
    [['--provider', 'shop/aws-shop', '--role', 'shop invoker'], "gwctl: error: option '--role <name>' argument 'shop invoker' is invalid. expected an IAM role name (letters, digits and +=,.@_-, at most 64), got shop invoker\n(run gwctl help for usage)\n"],
    [['--provider', 'shop/aws-shop', '--qualifiers', 'latest,tags'], 'gwctl: error: --qualifiers latest,tags: expected a list of latest, versions, aliases\n'],
    [['--provider', 'shop/aws-shop', '--write', '-'], 'gwctl: error: --write -: leave --write out to write to the terminal (or a pipe); name a file of that name ./-\n'],
  ])('%j', (args, stderr) => {
    expect(discover(args)).toMatchObject({ code: 2, stdout: '', stderr });
  });

  it('without manifests, the account and region given and well formed; with them, the provider found and whole', () => {
    const bare = (args: string[]) => runCli(['discover', '--provider', 'shop/aws-shop', ...args], { env });
    expect(bare(['--account', '123456789012'])).toMatchObject({ code: 2, stdout: '', stderr: 'gwctl: error: without manifests, give --account and --region (and --role if functions are invoked through one)\n' });
    expect(bare(['--region', 'us-west-1'])).toMatchObject({ code: 2, stdout: '', stderr: 'gwctl: error: without manifests, give --account and --region (and --role if functions are invoked through one)\n' });
    expect(bare(['--account', '12345678901', '--region', 'us-west-1'])).toMatchObject({ code: 2, stdout: '', stderr: 'gwctl: error: --account 12345678901: expected a 12-digit AWS account id\n' });
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-discover-providers-'));
    // a CloudProvider the schema refuses (no region) is found, and said to be incomplete
    writeFileSync(join(dir, 'partial.yaml'), "apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: aws-shop, namespace: shop}\nspec:\n  aws:\n    accountId: '123456789012'\n");
    expect(bare([join(dir, 'partial.yaml')])).toMatchObject({ code: 2, stdout: '', stderr: 'gwctl: error: CloudProvider shop/aws-shop lacks an account id or a region (gwctl validate says more)\n' });
    expect(bare(['--provider', 'shop/aws-other', join(dir, 'partial.yaml')])).toMatchObject({ code: 2, stdout: '', stderr: `gwctl: error: no CloudProvider shop/aws-other in ${join(dir, 'partial.yaml')}\n` });
    // one name in both dialects: --dialect picks (here the 2.2 one, whose region is no AWS region's name)
    const provider = (group: string, region: string) => `apiVersion: ${group}/v2\nkind: CloudProvider\nmetadata: {name: aws-shop, namespace: shop}\nspec:\n  aws:\n    accountId: '123456789012'\n    region: ${region}\n    lambda: {invokeRoleName: shop-invoker}\n`;
    writeFileSync(join(dir, 'both.yaml'), `${provider('infrastructure.gloo.solo.io', 'us-west-1')}---\n${provider('networking.gloo.solo.io', 'nowhere.example')}`);
    expect(bare([join(dir, 'both.yaml'), '--dialect', 'v2.2'])).toMatchObject({ code: 2, stdout: '', stderr: 'gwctl: error: CloudProvider shop/aws-shop: its region `nowhere.example` is not the name of an AWS region (gwctl validate says more; --region overrides it)\n' });
    expect(bare([join(dir, 'both.yaml'), '--dialect', 'v2.3']).stderr).toMatch(/^gwctl: error: cannot reach AWS at http:\/\/127\.0\.0\.1:9 /);
  });

  it('a provider of the manifests whose region is no AWS region\'s name, unless --region says which', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gwctl-discover-region-')), 'provider.yaml');
    writeFileSync(file, "apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: aws-shop, namespace: shop}\nspec:\n  aws:\n    accountId: '123456789012'\n    region: evil.example.com/x\n    lambda: {invokeRoleName: shop-invoker}\n");
    expect(runCli(['discover', '--provider', 'shop/aws-shop', file], { env })).toMatchObject({ code: 2, stdout: '', stderr: 'gwctl: error: CloudProvider shop/aws-shop: its region `evil.example.com/x` is not the name of an AWS region (gwctl validate says more; --region overrides it)\n' });
    // with --region, AWS is asked (nothing listens here)
    expect(runCli(['discover', '--provider', 'shop/aws-shop', '--region', 'us-west-1', file], { env }).stderr).toMatch(/cannot reach AWS at http:\/\/127\.0\.0\.1:9 for sts:GetCallerIdentity \(connection refused; 5 attempts\)\n$/);
    // a region of AWS's form that AWS has not: its endpoints are no host, and the failure says why
    expect(runCli(['discover', '--provider', 'shop/aws-shop', '--region', 'us-wset-1', file], { env })).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(/^gwctl: error: cannot reach AWS at http:\/\/127\.0\.0\.1:9 for sts:GetCallerIdentity \(connection refused; 5 attempts\): region us-wset-1 is not one AWS has, as @aws-sdk\/core [\d.]+ knows its regions \(did you mean us-west-1\?\)\n$/),
    });
  });

  it('a provider of the manifests whose account id is none, or whose role to assume is no IAM role name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-discover-names-'));
    const provider = (account: string, role: string) => `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: aws-shop, namespace: shop}\nspec:\n  aws:\n    accountId: '${account}'\n    region: us-west-1\n    lambda: {invokeRoleName: "${role}"}\n`;
    writeFileSync(join(dir, 'account.yaml'), provider('12345', 'shop-invoker'));
    writeFileSync(join(dir, 'role.yaml'), provider('123456789012', 'shop invoker!'));
    expect(runCli(['discover', '--provider', 'shop/aws-shop', join(dir, 'account.yaml')], { env })).toMatchObject({ code: 2, stdout: '', stderr: 'gwctl: error: CloudProvider shop/aws-shop: its accountId `12345` is not a 12-digit AWS account id (gwctl validate says more)\n' });
    expect(runCli(['discover', '--provider', 'shop/aws-shop', '--assume-discovery-role', join(dir, 'role.yaml')], { env })).toMatchObject({ code: 2, stdout: '', stderr: 'gwctl: error: --assume-discovery-role: CloudProvider shop/aws-shop names the role `shop invoker!`, which is not an IAM role name (gwctl validate says more)\n' });
    // the discovery role is the one assumed where the provider names both
    writeFileSync(join(dir, 'discovery.yaml'), provider('123456789012', 'shop-invoker').replace('lambda: {invokeRoleName: "shop-invoker"}', 'lambda: {invokeRoleName: shop-invoker, discovery: {enabled: true, roleName: "shop discovery!"}}'));
    expect(runCli(['discover', '--provider', 'shop/aws-shop', '--assume-discovery-role', join(dir, 'discovery.yaml')], { env })).toMatchObject({ code: 2, stdout: '', stderr: 'gwctl: error: --assume-discovery-role: CloudProvider shop/aws-shop names the role `shop discovery!`, which is not an IAM role name (gwctl validate says more)\n' });
    // and a provider that names neither takes --role, or says so
    writeFileSync(join(dir, 'none.yaml'), provider('123456789012', '').replace('lambda: {invokeRoleName: ""}', 'lambda: {}'));
    expect(runCli(['discover', '--provider', 'shop/aws-shop', '--assume-discovery-role', join(dir, 'none.yaml')], { env })).toMatchObject({ code: 2, stdout: '', stderr: 'gwctl: error: --assume-discovery-role: CloudProvider shop/aws-shop names no discovery or invoke role; give --role\n' });
    expect(runCli(['discover', '--provider', 'shop/aws-shop', '--assume-discovery-role', '--role', 'shop-reader', join(dir, 'none.yaml')], { env })).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^gwctl: error: cannot reach AWS at http:\/\/127\.0\.0\.1:9 for sts:AssumeRole /) });
  });
});
