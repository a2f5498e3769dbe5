import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/run-cli';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });

describe('gwctl diff, end to end, on a repository with two commits', () => {
  let repo = '';
  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'gwctl-diff-'));
    git(repo, 'init', '-q', '-b', 'main');
    cpSync(join(ROOT, 'fixtures/diff/base'), repo, { recursive: true });
    writeFileSync(join(repo, 'README.md'), 'not a manifest\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    rmSync(join(repo, 'gloo'), { recursive: true });
    cpSync(join(ROOT, 'fixtures/diff/head'), repo, { recursive: true });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'head');
    // a third commit that only moves a file: routing does not change
    git(repo, 'mv', 'gloo/teams/team-a.yaml', 'gloo/team-a-functions-and-routes.yaml');
    git(repo, 'commit', '-q', '-m', 'move');
    // an uncommitted edit: diff of revisions must neither read nor touch it
    writeFileSync(join(repo, 'gloo/gateway.yaml'), 'this: is not what HEAD holds\n');
  });

  it('shows what the change does to routing, semantically, and exits 1', () => {
    const result = runCli(['diff', 'HEAD~2', 'HEAD~1', '--', 'gloo/'], { cwd: repo });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        'routing diff HEAD~2 → HEAD~1',
        '',
        'listener gateways/gw:443, host api.example.com',
        '  + teams/reports  prefix /reports  →  100% arn:aws:lambda:us-east-1:111111111111:function:reports as role team-a-gateway-invoker',
        '  - teams/search  prefix /search  →  100% arn:aws:lambda:us-east-1:111111111111:function:search as role team-a-invoker',
        '  ~ teams/orders',
        '      arn:aws:lambda:us-east-1:111111111111:function:orders:1: weight 90% → 50%',
        '      arn:aws:lambda:us-east-1:111111111111:function:orders:1: role team-a-invoker → team-a-gateway-invoker',
        '      arn:aws:lambda:us-east-1:111111111111:function:orders:2: weight 10% → 50%',
        '      arn:aws:lambda:us-east-1:111111111111:function:orders:2: role team-a-invoker → team-a-gateway-invoker',
        '      request timeout: 30 s (RetryTimeoutPolicy team-a/orders-wait) → 120 s (RetryTimeoutPolicy team-a/orders-wait)',
        '      retries: none (no RetryTimeoutPolicy retries it) → up to 2 retries on 5xx (RetryTimeoutPolicy team-a/orders-wait)',
        '  ↕ teams/everything-else  moved from position 2 to 1',
        '',
        'findings',
        '  + GW4007 warning RouteTable team-a/team-a: route `teams/orders` is never reached on api.example.com: route `teams/everything-else` before it matches every request it matches',
        '  + GW4007 warning RouteTable team-a/team-a: route `teams/reports` is never reached on api.example.com: route `teams/everything-else` before it matches every request it matches',
        // the retries the policy gains run the orders function again after it answered 5xx
        "  + GW4055 warning RetryTimeoutPolicy team-a/orders-wait: RetryTimeoutPolicy team-a/orders-wait retries route `teams/orders` on `5xx`, up to 2 times: the function's own answer is the HTTP status the router decides on, so a function that ran and answered so runs again",
        '',
      ].join('\n'),
    );
    expect(result.stderr).toBe('gwctl: routing changed on 1 host; findings: 3 new, 0 gone\n');
    expect(readFileSync(join(repo, 'gloo/gateway.yaml'), 'utf8')).toBe('this: is not what HEAD holds\n');
    expect(git(repo, 'status', '--porcelain')).toBe(' M gloo/gateway.yaml\n');
  });

  it('a moved file and a re-indented file show nothing: exit 0', () => {
    expect(runCli(['diff', 'HEAD~1', 'HEAD', '--', 'gloo'], { cwd: repo })).toMatchObject({ code: 0, stdout: 'routing diff HEAD~1 → HEAD\nrouting unchanged\n' });
    expect(runCli(['diff', 'HEAD~2', 'HEAD', '-q', '--', 'gloo/gateway.yaml'], { cwd: repo })).toMatchObject({ code: 0, stdout: 'routing diff HEAD~2 → HEAD\nrouting unchanged\n', stderr: '' });
  });

  it('-o writes the diff stdout would show; -q leaves stderr empty; the exit code still says whether routing changed', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'gwctl-diff-o-')), 'routing.diff');
    const shown = runCli(['diff', 'HEAD~2', 'HEAD~1', '--', 'gloo/'], { cwd: repo });
    expect(runCli(['diff', 'HEAD~2', 'HEAD~1', '-q', '-o', out, '--', 'gloo/'], { cwd: repo })).toMatchObject({ code: 1, stdout: '', stderr: '' });
    expect(readFileSync(out, 'utf8')).toBe(shown.stdout);
  });

  it('Markdown for a pull-request comment: the summary table first, details folded', () => {
    const result = runCli(['diff', 'HEAD~2', 'HEAD', '--format', 'markdown', '-q', '--', 'gloo'], { cwd: repo });
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n').slice(0, 5)).toEqual([
      '### Routing changes: `HEAD~2` → `HEAD`',
      '',
      '| Listener | Host | Added | Removed | Changed | Moved |',
      '| --- | --- | ---: | ---: | ---: | ---: |',
      '| gateways/gw:443 | api.example.com | 1 | 1 | 1 | 1 |',
    ]);
    expect(result.stdout).toContain('<details><summary>gateways/gw:443 api.example.com</summary>');
    // the details in a diff block, whose marks GitHub colours: `!` for a changed route, `#` for a moved one
    expect(result.stdout.split('```diff\n')[1]!.split('\n```')[0]!.split('\n').map((l) => l.slice(0, 15))).toEqual([
      '+ teams/reports',
      '- teams/search ',
      '! teams/orders',
      '    arn:aws:lam',
      '    arn:aws:lam',
      '    arn:aws:lam',
      '    arn:aws:lam',
      '    request tim',
      '    retries: no',
      '# teams/everyth',
    ]);
    // a revision's name is a code span as written: no escape works inside one, so none is added
    git(repo, 'branch', '-f', 'feature/a_b', 'HEAD');
    expect(runCli(['diff', 'HEAD~2', 'feature/a_b', '--format', 'markdown', '-q', '--', 'gloo'], { cwd: repo }).stdout.split('\n')[0]).toBe('### Routing changes: `HEAD~2` → `feature/a_b`');
  });

  it('JSON carries the same diff', () => {
    const out = JSON.parse(runCli(['diff', 'HEAD~2', 'HEAD', '--format', 'json', '-q', '--', 'gloo'], { cwd: repo }).stdout);
    expect(out).toMatchObject({ base: 'HEAD~2', head: 'HEAD', routingChanged: true });
    expect(out.hosts[0].reordered).toEqual([{ name: 'teams/everything-else', from: 2, to: 1 }]);
  });

  it('paths work as well as revisions; an unknown revision is a usage error', () => {
    expect(runCli(['diff', 'fixtures/diff/base', 'fixtures/diff/head', '-q']).code).toBe(1);
    expect(runCli(['diff', 'fixtures/examples', 'fixtures/examples', '-q'])).toMatchObject({ code: 0, stdout: 'routing diff fixtures/examples → fixtures/examples\nrouting unchanged\n' });
    const unknown = runCli(['diff', 'no-such-rev', 'HEAD'], { cwd: repo });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no-such-rev: neither a path nor a git revision of the repository here');
  });
});

describe('gwctl diff: a listener whose TLS changes, every route the same', () => {
  // the feature fixture's 8443 listener made mutual TLS, with a CA and TLS 1.3 at least
  const before = readFileSync(join(ROOT, 'fixtures/render/features.yaml'), 'utf8');
  const after = before.replace(
    '      tls:\n        mode: SIMPLE\n        files:\n          serverCert: /etc/envoy/certs/edge.crt\n          privateKey: /etc/envoy/certs/edge.key\n',
    '      tls:\n        mode: MUTUAL\n        files:\n          serverCert: /etc/envoy/certs/edge.crt\n          privateKey: /etc/envoy/certs/edge.key\n          caCerts: /etc/envoy/certs/clients.crt\n        parameters: {minimumProtocolVersion: TLSv1_3}\n',
  );
  const dirs = () => {
    const root = mkdtempSync(join(tmpdir(), 'gwctl-diff-tls-'));
    for (const [side, text] of [['base', before], ['head', after]] as const) {
      execFileSync('mkdir', ['-p', join(root, side)]);
      writeFileSync(join(root, side, 'features.yaml'), text);
    }
    return [join(root, 'base'), join(root, 'head')] as const;
  };

  it('names each TLS setting that changed and exits 1: clients now need a certificate', () => {
    expect(after).not.toBe(before);
    const [base, head] = dirs();
    const result = runCli(['diff', base, head]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        `routing diff ${base} → ${head}`,
        '',
        'listener gateways/edge:8443',
        '  ~ TLS mode: SIMPLE → MUTUAL',
        '  ~ TLS client CA: none → /etc/envoy/certs/clients.crt',
        '  ~ TLS minimum version: none → TLSv1_3',
        '',
      ].join('\n'),
    );
    expect(result.stderr).toBe('gwctl: routing changed on 1 listener; findings: 0 new, 0 gone\n');
  });

  it('Markdown lists the listener with its changes; JSON carries them', () => {
    const [base, head] = dirs();
    const markdown = runCli(['diff', base, head, '--format', 'markdown', '-q']).stdout;
    expect(markdown).toContain('| Listener | Changed |\n| --- | --- |\n| gateways/edge:8443 | TLS mode: SIMPLE → MUTUAL<br>TLS client CA: none → /etc/envoy/certs/clients.crt<br>TLS minimum version: none → TLSv1\\_3 |\n');
    expect(markdown).not.toContain('| Host |');
    const json = JSON.parse(runCli(['diff', base, head, '--format', 'json', '-q']).stdout);
    expect(json).toMatchObject({ routingChanged: true, hosts: [], listeners: [{ listener: 'gateways/edge:8443', changes: ['TLS mode: SIMPLE → MUTUAL', 'TLS client CA: none → /etc/envoy/certs/clients.crt', 'TLS minimum version: none → TLSv1_3'] }] });
  });
});


describe('gwctl diff --format markdown, for a pull-request comment', () => {
  it('text a pull request writes mentions no one, references no issue and links nowhere outside code', () => {
    const root = mkdtempSync(join(tmpdir(), 'gwctl-diff-md-'));
    cpSync(join(ROOT, 'fixtures/diff'), root, { recursive: true });
    const file = join(root, 'head/gloo/teams/team-a.yaml');
    // route names are free text to Gloo: this one lands in a finding, outside any code span
    writeFileSync(file, readFileSync(file, 'utf8').replace('    - name: reports\n', '    - name: "@octocat @org/team owner/repo#12 GH-3 see https://evil.example and www.evil.example ```\\n# out"\n'));
    const markdown = runCli(['diff', join(root, 'base'), join(root, 'head'), '--format', 'markdown', '-q']).stdout;
    // a fence in a name ends no diff block: its backticks are quotes there
    expect(markdown).toContain("www.evil.example '''\\n# out  prefix /reports");
    expect(markdown.match(/^```/gm)).toHaveLength(2);
    expect(markdown).toContain('@&#8203;octocat @&#8203;org/team owner/repo#&#8203;12 GH-&#8203;3 see https:&#8203;//evil.example and www&#8203;.evil.example');
    // what GitHub would act on, outside fenced blocks and code spans
    const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/(?<!\\)(`+)[^`]*?(?<!\\)\1/g, '');
    expect(prose).not.toMatch(/@[\w-]|(?<!&)#\d|GH-\d|:\/\/|www\./);
  });
});

describe('gwctl diff with symbolic links in the repository', () => {
  it('a revision and its working tree read the same manifests: a linked folder and a linked file add nothing, a submodule is no file', () => {
    const repo = mkdtempSync(join(tmpdir(), 'gwctl-diff-links-'));
    git(repo, 'init', '-q', '-b', 'main');
    cpSync(join(ROOT, 'fixtures/examples'), join(repo, 'base'), { recursive: true });
    symlinkSync('base', join(repo, 'prod'));
    symlinkSync('base/10-gateway.yaml', join(repo, 'gateway.yaml'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'links');
    // a submodule whose name ends in .yaml is a commit in the tree, not a file
    git(repo, 'update-index', '--add', '--cacheinfo', `160000,${git(repo, 'rev-parse', 'HEAD').trim()},vendored.yaml`);
    git(repo, 'commit', '-q', '-m', 'a submodule');
    // the revision holds each link as a blob of its target's path: not read as a manifest; the working
    // tree reads each file once, by the first path that reaches it
    const result = runCli(['diff', 'HEAD', '.'], { cwd: repo });
    expect(result).toMatchObject({ code: 0, stdout: 'routing diff HEAD → .\nrouting unchanged\n' });
    expect(result.stderr).toBe('gwctl: routing unchanged; findings: 0 new, 0 gone\n');
  });
});

describe('gwctl diff reads each file of a revision as the revision holds it', () => {
  it('a file name with a line break cannot make a later file read as another revision holds it', () => {
    const repo = mkdtempSync(join(tmpdir(), 'gwctl-diff-names-'));
    git(repo, 'init', '-q', '-b', 'main');
    const table = (name: string, status: number) => `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: ${name}, namespace: team}\nspec:\n  hosts: [${name}.example.com]\n  http: [{name: r, directResponse: {status: ${status}}}]\n`;
    writeFileSync(join(repo, 'a.yaml'), table('a', 200));
    writeFileSync(join(repo, 'b.yaml'), table('b', 200));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    const base = git(repo, 'rev-parse', 'HEAD').trim();
    // the change: b answers 500 now; and a file whose name, read as git cat-file's requests, is two of
    // them, the second naming the base's b.yaml, which every file after it was read as, one off
    writeFileSync(join(repo, 'b.yaml'), table('b', 500));
    writeFileSync(join(repo, `a.yaml\n${base}:b.yaml`), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: team}\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'head');
    const result = runCli(['diff', base, 'HEAD', '--format', 'json'], { cwd: repo });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain('500');
  });
});

describe('gwctl diff reads a revision as it reads the working tree', () => {
  // HEAD~1: the base fixture and a vendored table on a host of its own. HEAD: the vendored table answers
  // 500 (routing changes, when it is read), and a Helm chart's values file that does not parse.
  let repo = '';
  const vendored = (status: number) => `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: vendored, namespace: gateways}\nspec:\n  hosts: [vendored.example.com]\n  virtualGateways: [{name: gw}]\n  http: [{name: r, directResponse: {status: ${status}}}]\n`;
  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'gwctl-diff-inputs-'));
    git(repo, 'init', '-q', '-b', 'main');
    cpSync(join(ROOT, 'fixtures/diff/base'), repo, { recursive: true });
    mkdirSync(join(repo, 'vendor'));
    writeFileSync(join(repo, 'vendor/table.yaml'), vendored(200));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    writeFileSync(join(repo, 'vendor/table.yaml'), vendored(500));
    mkdirSync(join(repo, 'chart'));
    writeFileSync(join(repo, 'chart/values.yaml'), 'replicas: [\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'head');
  });

  it('exclude globs and the default excludes apply to a revision: what they leave out changes nothing', () => {
    expect(runCli(['diff', 'HEAD~1', 'HEAD'], { cwd: repo })).toMatchObject({ code: 1, stderr: 'gwctl: routing changed on 1 host; findings: 0 new, 0 gone\n' });
    expect(runCli(['diff', 'HEAD~1', 'HEAD', '--exclude-path', 'vendor/**'], { cwd: repo })).toMatchObject({ code: 0, stdout: 'routing diff HEAD~1 → HEAD\nrouting unchanged\n', stderr: 'gwctl: routing unchanged; findings: 0 new, 0 gone\n' });
    // from a folder below the root, as from the root: the globs are the repository root's
    expect(runCli(['diff', 'HEAD~1', 'HEAD', '--exclude-path', 'vendor/**', '--', '..'], { cwd: join(repo, 'gloo') })).toMatchObject({ code: 0, stdout: 'routing diff HEAD~1 → HEAD\nrouting unchanged\n' });
    expect(runCli(['diff', 'HEAD~1', 'HEAD', '--', '..'], { cwd: join(repo, 'gloo') }).code).toBe(1);
  });

  it('the configuration file of the working tree applies to both revisions', () => {
    const config = mkdtempSync(join(tmpdir(), 'gwctl-diff-config-'));
    writeFileSync(join(config, 'gwctl.yaml'), 'exclude: ["vendor/**"]\n');
    expect(runCli(['diff', 'HEAD~1', 'HEAD', '--config', join(config, 'gwctl.yaml')], { cwd: repo })).toMatchObject({ code: 0, stderr: 'gwctl: routing unchanged; findings: 0 new, 0 gone\n' });
  });

  it('--context is read from each revision: the gateway it holds serves the table under diff', () => {
    const result = runCli(['diff', '--context', 'gloo/gateway.yaml', 'HEAD~1', 'HEAD', '--', 'vendor'], { cwd: repo });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain('listener gateways/gw:443, host vendored.example.com\n  ~ r\n');
    // without it the gateway the table names is not there, and its routes are shown on Envoy's default listener
    expect(runCli(['diff', 'HEAD~1', 'HEAD', '-q', '--', 'vendor'], { cwd: repo }).stdout).toContain('listener default:10000, host vendored.example.com\n');
  });

  it('a folder one revision adds is all added (or all removed, the other way); a path neither holds is a usage error', () => {
    const added = mkdtempSync(join(tmpdir(), 'gwctl-diff-added-'));
    git(added, 'init', '-q', '-b', 'main');
    writeFileSync(join(added, 'README.md'), 'no manifests yet\n');
    git(added, 'add', '-A');
    git(added, 'commit', '-q', '-m', 'before gwctl');
    cpSync(join(ROOT, 'fixtures/diff/base/gloo'), join(added, 'gloo'), { recursive: true });
    git(added, 'add', '-A');
    git(added, 'commit', '-q', '-m', 'gloo');
    const forward = runCli(['diff', 'HEAD~1', 'HEAD', '--', 'gloo/'], { cwd: added });
    expect(forward.code, forward.stderr).toBe(1);
    expect(forward.stdout).toContain('listener gateways/gw:443, host api.example.com\n  + teams/orders  prefix /orders');
    const back = runCli(['diff', 'HEAD', 'HEAD~1', '--', 'gloo/'], { cwd: added });
    expect(back.code).toBe(1);
    expect(back.stdout).toContain('  - teams/orders  prefix /orders');
    expect(runCli(['diff', 'HEAD~1', 'HEAD', '--', 'glo'], { cwd: added })).toMatchObject({ code: 2, stdout: '', stderr: 'gwctl: error: glo: in neither HEAD~1 nor HEAD: no such file or directory, or no manifest (.yaml, .yml or .json) there\n' });
    expect(runCli(['diff', 'HEAD~1', 'HEAD', '--', 'gloo', 'glo'], { cwd: added }).code).toBe(2);
    // a path against a revision: the paths after -- are the revision's, and the message names it
    expect(runCli(['diff', 'gloo', 'HEAD~1', '--', 'glo'], { cwd: added })).toMatchObject({ code: 2, stdout: '', stderr: 'gwctl: error: glo: not in HEAD~1: no such file or directory, or no manifest (.yaml, .yml or .json) there\n' });
    // the side read only in part may be the head alone (the base routes nothing)
    expect(runCli(['diff', 'HEAD~1', 'HEAD', '--max-file-size', '1KiB', '--', 'gloo/'], { cwd: added })).toMatchObject({ code: 2, stdout: '', stderr: 'gwctl: error: HEAD: gloo/team-a.yaml: this input is larger than 1 KiB; not read (raise the limit with --max-file-size) (GW1013); routing there is unknown, so the diff would be wrong\n' });
    // --context alike: a file only one revision holds is read there; one neither holds is named
    const context = runCli(['diff', '--context', 'gloo/gateway.yaml', 'HEAD~1', 'HEAD', '--', 'gloo/team-a.yaml'], { cwd: added });
    expect(context.code, context.stderr).toBe(1);
    expect(context.stdout).toContain('listener gateways/gw:443, host api.example.com\n');
    expect(runCli(['diff', '--context', 'shared', 'HEAD~1', 'HEAD', '--', 'gloo'], { cwd: added })).toMatchObject({ code: 2, stderr: 'gwctl: error: shared: in neither HEAD~1 nor HEAD: no such file or directory, or no manifest (.yaml, .yml or .json) there\n' });
  });

  it('a side read only in part is refused: over a size limit, or stopped at --max-routes', () => {
    const large = runCli(['diff', 'HEAD~1', 'HEAD', '--max-file-size', '1KiB'], { cwd: repo });
    expect(large).toMatchObject({ code: 2, stdout: '' });
    expect(large.stderr).toBe('gwctl: error: HEAD~1: gloo/team-a.yaml: this input is larger than 1 KiB; not read (raise the limit with --max-file-size) (GW1013); routing there is unknown, so the diff would be wrong\n');
    const total = runCli(['diff', 'HEAD~1', 'HEAD', '--max-input-size', '2KiB'], { cwd: repo });
    expect(total.code).toBe(2);
    expect(total.stderr).toContain('not read (raise the limit with --max-input-size) (GW1013); routing there is unknown');
    const routes = runCli(['diff', 'HEAD~1', 'HEAD', '--max-routes', '1'], { cwd: repo });
    expect(routes).toMatchObject({ code: 2, stderr: 'gwctl: error: HEAD~1: the listeners serve more routes than --max-routes allows (GW4044): gwctl stopped part way, so the diff would be wrong; raise the limit\n' });
    // two files unread: the first named, the other counted
    expect(runCli(['diff', 'HEAD~1', 'HEAD', '--max-file-size', '600B', '--', 'gloo/'], { cwd: repo })).toMatchObject({ code: 2, stderr: 'gwctl: error: HEAD~1: gloo/gateway.yaml (and 1 more file): this input is larger than 600 bytes; not read (raise the limit with --max-file-size) (GW1013); routing there is unknown, so the diff would be wrong\n' });
    // paths are refused alike
    expect(runCli(['diff', 'gloo', 'gloo', '--max-file-size', '1KiB'], { cwd: repo }).code).toBe(2);
  });
});
