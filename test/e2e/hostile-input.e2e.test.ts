import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/run-cli';
import { embeddedLinks, sarifMessages, shownText } from '../../scripts/lib/sarif-text.mjs';

/**
 * Content from a pull request is untrusted: names, hosts, header names, file names and test names that
 * carry line breaks, GitHub workflow commands and terminal escape sequences must come out inert, in
 * every command and format. Two properties, checked on everything gwctl prints: no control character
 * but newline and tab leaves it, and no line starts with `::` except the annotations gwctl writes itself.
 */
// DEL, a C1 control, the line separator and a bidi isolate too: JSON.stringify leaves those raw
// And log commands GitHub (its legacy form), Azure Pipelines and TeamCity act on anywhere in a line: one
// with a variation selector (a character .NET's comparison by culture passes over) inside, one in capitals;
// and what a SARIF viewer reads as a link, one after an escaped backslash
const EVIL = 'x\n::error file=a,line=1::pwned\n::add-mask::s\u001b]0;owned\u0007\u001b[2J\r\u202e\u007f\u0085\u2028\u2066\u200b\ufeff##vso[task.setvariable variable=pwned]1 #\ufe0f#vso[task.complete result=Succeeded]x ##VSO[task.prependpath]y ##teamcity[setParameter name=\'env.X\' value=\'1\'] ##[stop-commands]tok [approve](https://evil.example) \\[x](0)';
/** What a file's name holds of it: a name is at most 255 bytes */
const EVIL_NAME = EVIL.slice(0, EVIL.indexOf(' #\ufe0f')).replace(/\//g, '');
/** `##[`, `##vso[` and `##teamcity[`, as the runners find them (printable.ts) */
const LOG_COMMAND = /#\p{Default_Ignorable_Code_Point}*#\p{Default_Ignorable_Code_Point}*(vso|teamcity)?\[/iu;
/** A line GitHub's runner reads as a command: `::` first, past whitespace (printable.ts) */
const commandLines = (out: string) => out.split('\n').filter((l) => /^[\s\u0085\p{Default_Ignorable_Code_Point}]*::/u.test(l));
// JSON escapes C0 controls; the rest are escaped too, as Kubernetes' YAML reader refuses DEL and C1
// controls written raw and breaks lines at U+0085 and U+2028: the value then holds them all, as a pull
// request that kubectl would apply can make it hold them
const yamlString = (s: string) => JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

function manifests(): string {
  const evil = yamlString(EVIL);
  return `apiVersion: networking.gloo.solo.io/v2
kind: VirtualGateway
metadata:
  name: ${evil}
  namespace: gw
spec:
  listeners:
    - port:
        number: 80
      http: {}
---
apiVersion: infrastructure.gloo.solo.io/v2
kind: CloudProvider
metadata:
  name: aws
  namespace: team
spec:
  aws:
    accountId: '111111111111'
    region: us-east-1
    lambda:
      invokeRoleName: ${evil}
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata:
  name: ${evil}
  namespace: team
  labels:
    team: ${evil}
spec:
  hosts:
    - ${evil}
    - api.example.com
  virtualGateways:
    - name: ${evil}
      namespace: gw
  http:
    - name: ${evil}
      matchers:
        - uri:
            prefix: ${evil}
          headers:
            - name: ${evil}
              value: ${evil}
      forwardTo:
        destinations:
          - awsLambda:
              cloudProvider:
                name: aws
              function: ${evil}
    - name: ${yamlString(EVIL + '2')}
      delegate:
        routeTables:
          - labels:
              team: ${evil}
---
apiVersion: networking.gloo.solo.io/v2
kind: ${evil}
metadata:
  name: ${evil}
`;
}

describe('hostile names and file names, through every command and format', () => {
  let dir = '';
  let file = '';
  let tests = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gwctl-hostile-'));
    const sub = join(dir, `evil${EVIL_NAME}`);
    mkdirSync(sub);
    file = join(sub, `routes${EVIL_NAME}.yaml`);
    writeFileSync(file, manifests());
    tests = join(sub, 'tests.json');
    writeFileSync(tests, JSON.stringify({ tests: [{ name: EVIL, request: `GET http://api.example.com/${encodeURIComponent('a')}`, headers: { [EVIL.replace(/\W/g, '')]: EVIL }, expect: { route: EVIL } }] }));
  });

  const runs: Array<[string, (f: string, t: string, d: string) => string[]]> = [
    ...['stylish', 'json', 'sarif', 'github', 'junit'].map((f): [string, (f: string) => string[]] => [`validate -f ${f}`, (file) => ['validate', file, '-f', f]]),
    ['validate, the folder', (_f, _t, dir) => ['validate', dir]],
    ['routes', (file) => ['routes', file]],
    ['routes --format json', (file) => ['routes', file, '--format', 'json']],
    ['routes --request', (file) => ['routes', file, '--request', `GET http://api.example.com/${EVIL.replace(/\s/g, '')}`, '-H', `${EVIL.replace(/\W/g, '')}: ${EVIL}`]],
    // a request the routes with hostile names are tried for, each listed by name in the explanation
    ['routes --request, through the routes', (file) => ['routes', file, '--request', 'GET http://api.example.com/a']],
    ['routes --findings-format github', (file) => ['routes', file, '--findings-format', 'github']],
    ['render envoy --force', (file) => ['render', '-t', 'envoy', file, '--force']],
    ['render gloo --force, junit findings', (file) => ['render', '-t', 'gloo', file, '--force', '--findings-format', 'junit']],
    ['test', (file, tests) => ['test', file, '--tests', tests]],
    ['test --format junit', (file, tests) => ['test', file, '--tests', tests, '--format', 'junit']],
    ['diff text', (file) => ['diff', file, 'fixtures/examples']],
    ['diff markdown', (file) => ['diff', file, 'fixtures/examples', '--format', 'markdown']],
    ['a path that does not exist', (file) => ['validate', `${file}${EVIL}`]],
    ['an unknown flag', () => ['validate', `--${EVIL}`]],
  ];

  it.each(runs)('%s', (_, args) => {
    const result = runCli(args(file, tests, dir));
    if (args(file, tests, dir).includes('sarif')) {
      const texts = sarifMessages(JSON.parse(result.stdout));
      expect(texts.filter((t) => shownText(t).includes('[approve](https://evil.example)')).length).toBeGreaterThan(0);
      expect(texts.flatMap(embeddedLinks)).toEqual([]);
    }
    expect(result.stderr).not.toMatch(/internal error/);
    const out = result.stdout + result.stderr;
    expect(out).not.toMatch(CONTROL);
    expect(out).not.toMatch(LOG_COMMAND);
    const commands = commandLines(out);
    if (!args(file, tests, dir).includes('github')) expect(commands).toEqual([]);
    else for (const c of commands) expect(c).toMatch(/^::(error|warning|notice) file=[^\n]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=GW\d{4}::/);
  });

  it('no line starts with a command where a file a pull request adds, or a namespace, begins it', () => {
    // relative to the folder validated, a file's path begins the lines that name it; a listener's
    // namespace begins its rows of the routes table
    const folder = mkdtempSync(join(tmpdir(), 'gwctl-hostile-lines-'));
    const table = (ns: string) => `apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: edge, namespace: "${ns}"}\nspec:\n  listeners: [{port: {number: 80}, http: {}}]\n---\napiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: shop, namespace: "${ns}"}\nspec:\n  hosts: [shop.example.com]\n  virtualGateways: [{name: edge}]\n  http: [{name: r, matchers: [{uri: {prefix: /a}}], directResponse: {status: 200}}, {name: r, matchers: [{uri: {prefix: /a}}], directResponse: {status: 200}}]\n`;
    writeFileSync(join(folder, '::stop-commands::tok.yaml'), table('::error::pwned'));
    writeFileSync(join(folder, ' ::warning::x.yaml'), table(' ::add-mask::s'));
    for (const args of [['validate', '.'], ...['json', 'sarif', 'junit', 'github'].map((f) => ['validate', '.', '-f', f]), ['routes', '.'], ['routes', '.', '--request', 'GET http://shop.example.com/a'], ['render', '-t', 'envoy', '.', '--force'], ['diff', '.', join(ROOT, 'fixtures/examples')]]) {
      const result = runCli(args, { cwd: folder });
      expect(result.stderr, args.join(' ')).not.toMatch(/internal error/);
      const out = result.stdout + result.stderr;
      const commands = commandLines(out);
      if (!args.includes('github')) expect(commands, args.join(' ')).toEqual([]);
      else for (const c of commands) expect(c).toMatch(/^::(error|warning|notice) file=[^\n]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=GW\d{4}::/);
    }
    expect(runCli(['validate', '.'], { cwd: folder }).stdout).toContain('\\x3a:stop-commands::tok.yaml\n');
  });

  it('the github format writes one annotation per finding, and nothing else starts a workflow command', () => {
    const json = JSON.parse(runCli(['validate', file, '-f', 'json', '-q']).stdout);
    const github = runCli(['validate', file, '-f', 'github', '-q']).stdout;
    expect(github.split('\n').filter((l) => l.startsWith('::'))).toHaveLength(json.diagnostics.length);
    expect(github).toContain('x\\n::error file=a,line=1::pwned\\n::add-mask::s');
    expect(github).toContain('\\x1b]0;owned\\x07');
  });

  it('shows what was escaped, so the finding can still be read', () => {
    const stylish = runCli(['validate', file, '-q']).stdout;
    expect(stylish).toContain('x\\n::error file=a,line=1::pwned\\n::add-mask::s\\x1b]0;owned\\x07\\x1b[2J\\r\\u202e');
    // invisible characters too: the zero-width space and the byte order mark at the end of every name
    expect(stylish).toContain('\\u2066\\u200b\\ufeff');
  });

  it('a file whose name is not UTF-8 is an error that says so, exit 2, never "no such file" of a file ls shows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-non-utf8-'));
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/bad`), Buffer.from([0xff]), Buffer.from('.yaml')]), 'kind: RouteTable\n');
    const result = runCli(['validate', dir, '-q']);
    expect(result.stderr).toBe(`gwctl: error: cannot read ${dir}/bad\ufffd.yaml: its name is not UTF-8, and Node.js opens files by UTF-8 names only (rename it)\n`);
    expect(result.code).toBe(2);
  });
});

/**
 * Names every JavaScript object answers to, as apiVersions, kinds, names, labels, headers, functions, a
 * redirect's code and a setting: each is looked up as the text it is. Before, `apiVersion: constructor`
 * or a group `toString` found what every object inherits, and validate stopped with an internal error.
 */
describe('names every object answers to (constructor, toString, __proto__), through every command', () => {
  const fixture = 'fixtures/bad-input/inherited-names.yaml';
  let tests = '';
  let config = '';
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-inherited-'));
    tests = join(dir, 'tests.yaml');
    writeFileSync(tests, 'tests:\n  - name: constructor\n    request: GET http://constructor.example.com/team/constructor\n    expect: {route: delegated/valueOf, status: 200}\n');
    config = join(dir, 'config');
    mkdirSync(config);
    writeFileSync(join(config, '.gwctl.yaml'), 'constructor: true\n');
  });

  it.each([
    ['validate', () => ['validate', fixture]],
    ['validate -f sarif', () => ['validate', fixture, '-f', 'sarif']],
    ['routes', () => ['routes', fixture]],
    ['routes --request', () => ['routes', fixture, '--request', 'GET http://constructor.example.com/constructor?__proto__=constructor', '-H', 'toString: valueOf']],
    ...['envoy', 'gloo', 'gateway-api', 'iam'].map((t): [string, () => string[]] => [`render ${t} --force`, () => ['render', '-t', t, fixture, '--force']]),
    ['migrate-report', () => ['migrate-report', fixture, '--target', 'gateway-api']],
    ['test', () => ['test', fixture, '--tests', tests]],
    ['diff', () => ['diff', fixture, 'fixtures/examples']],
  ])('%s', (_, args) => {
    const result = runCli(args());
    expect(result.stderr).not.toMatch(/internal error/);
    expect([0, 1]).toContain(result.code);
  });

  it('says what is wrong with each, and skips what is not Gloo Platform', () => {
    const { stdout, stderr, code } = runCli(['validate', fixture, '-f', 'json']);
    expect(code).toBe(1);
    const found = (JSON.parse(stdout) as { diagnostics: Array<{ code: string; line: number }> }).diagnostics.map((d) => `${d.code}@${d.line}`);
    // apiVersion `constructor` and `toString/v1` of a RouteTable; `valueOf`, not a kind of the group
    expect(found).toEqual(expect.arrayContaining(['GW1101@3', 'GW1101@8', 'GW1107@21']));
    expect(stderr).toContain('5 skipped (2 RouteTable, 1 Gadget, 1 hasOwnProperty, 1 valueOf)');
  });

  it('serves the request the names route, and refuses a setting named constructor', () => {
    const answer = runCli(['routes', fixture, '--request', 'GET http://constructor.example.com/team/constructor', '--format', 'json']);
    expect(JSON.parse(answer.stdout)).toMatchObject({ answers: [{ route: { name: 'delegated/valueOf' } }] });
    const setting = runCli(['validate', join(ROOT, fixture)], { cwd: config });
    expect(setting.code).toBe(2);
    expect(setting.stderr).toMatch(/constructor: unknown setting/);
  });
});

describe('a value of a megabyte on one line', () => {
  it('is quoted in its findings cut to 1,024 characters, with its length', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-long-'));
    const long = 'a'.repeat(1_000_000);
    const file = join(dir, 'long.yaml');
    writeFileSync(file, `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: a, namespace: b}\nspec:\n  hosts: ['${long}!']\n  http: [{name: r, matchers: [{uri: {prefix: ${long}}, method: ${long}}], directResponse: {status: 200}}]\n`);
    const { stdout, code } = runCli(['validate', file]);
    expect(code).toBe(1);
    // the host (GW2006, quoted by the schema's explanation) and the method (GW4020); the prefix without a
    // `/` (GW4016) is judged where the table is flattened, and a table whose only host is refused serves nothing
    expect(stdout.match(/… \(1000001 characters\)|…` \(1000001 characters\)/g)).toHaveLength(1);
    expect(stdout.match(/… \(1000000 characters\)/g)).toHaveLength(2);
    expect(stdout.length).toBeLessThan(10_000);
  });

  it('is cut the same where a report names a resource, a related place or a Helm template, in every format', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-long-'));
    const long = 'a'.repeat(1_000_000);
    const file = join(dir, 'long.yaml');
    // a table named with a megabyte (GW2006, GW2007: the API server admits none of it, so it serves
    // nothing), and a table whose first route, also so named, shadows the second (GW4007, with the first
    // as its related place), both from a template of that name
    const table = (name: string) =>
      `# Source: chart/templates/${long}.yaml\napiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: ${name}, namespace: b}\nspec:\n  hosts: [a.example.com]\n  http:\n    - {name: ${long}, directResponse: {status: 200}}\n    - {name: r, matchers: [{uri: {prefix: /r}}], directResponse: {status: 200}}\n`;
    writeFileSync(file, `${table(long)}---\n${table('c')}`);
    for (const format of ['stylish', 'github', 'sarif', 'junit']) {
      const { stdout, code } = runCli(['validate', file, '-f', format]);
      expect(code, format).toBe(1);
      expect(stdout, format).toContain('GW4007');
      // (a SARIF log describes every rule too: 200 KB whatever the input)
      if (format !== 'sarif') expect(stdout.length, format).toBeLessThan(40_000);
      expect(Math.max(...stdout.split('\n').map((l) => l.length)), format).toBeLessThan(12_000);
    }
    const stylish = runCli(['validate', file]).stdout;
    // the resource under each finding, the related place of GW4007, the template
    expect(stylish).toMatch(/RouteTable b\/a{1011}… \(1000013 characters\)/);
    expect(stylish).toMatch(/route `a{1017}… \(1000029 characters\)/);
    expect(stylish).toMatch(/from template chart\/templates\/a{1008}… \(1000021 characters\)/);
  });
});

/**
 * Patterns a backtracking regular expression takes exponential time on, each written where gwctl once
 * ran one: a Workspace's namespace glob against the namespaces, an exclude glob of .gwctl.yaml against
 * the file names, a route's regex against an exact path (the Gateway API's precedence). Each run ended
 * only when killed; now each takes a fraction of a second (the limit below is a hundred times that).
 */
describe('patterns that make a backtracking regular expression run without end', () => {
  const stars = (n: number) => '*a'.repeat(n) + '*b';
  const limit = { timeout: 20_000 };
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gwctl-redos-'));
    const namespace = 'a'.repeat(63);
    writeFileSync(join(dir, 'workspace.yaml'), `apiVersion: admin.gloo.solo.io/v2\nkind: Workspace\nmetadata: {name: ws, namespace: gloo-mesh}\nspec:\n  workloadClusters: [{name: c, namespaces: [{name: '${stars(14)}'}]}]\n---\napiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: a, namespace: ${namespace}}\nspec:\n  hosts: [x.example.com]\n  http: [{name: r, directResponse: {status: 200}}]\n`);
    writeFileSync(join(dir, 'regex.yaml'), `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: a, namespace: b}\nspec:\n  hosts: [x.example.com]\n  http:\n    - {name: re, matchers: [{uri: {regex: '/(a+)+b'}}], directResponse: {status: 201}}\n    - {name: exact, matchers: [{uri: {exact: /${'a'.repeat(44)}c}}], directResponse: {status: 200}}\n`);
    const repo = join(dir, 'repo');
    mkdirSync(repo);
    writeFileSync(join(repo, '.gwctl.yaml'), `exclude:\n  - '${stars(12)}'\n`);
    writeFileSync(join(repo, `${'a'.repeat(200)}.yaml`), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
  });

  it.each([
    ['a Workspace namespace glob', () => ['validate', join(dir, 'workspace.yaml')], dir],
    ['a route regex against an exact path, render --target gateway-api', () => ['render', '-t', 'gateway-api', join(dir, 'regex.yaml')], dir],
    ['an exclude glob of .gwctl.yaml', () => ['validate', '.'], ''],
  ])('%s', (_, args, cwd) => {
    const result = runCli(args(), { ...limit, cwd: cwd || join(dir, 'repo') });
    expect(result.stderr).not.toMatch(/internal error/);
    expect([0, 1]).toContain(result.code);
  });
});

/**
 * Files gwctl reads beside the manifests, which a pull request writes or links: the configuration gwctl
 * finds by itself, a baseline, routing test files. A link to /dev/zero was read without end (the run
 * ended only when killed, or out of memory), a FIFO waited for a writer; now each is refused at once.
 */
describe('files read beside the manifests: a link to a device, a FIFO, a file past the limit', () => {
  const limit = { timeout: 20_000 };
  let repo = '';
  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'gwctl-side-files-'));
    mkdirSync(join(repo, '.git'));
    writeFileSync(join(repo, 'table.yaml'), 'apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: a, namespace: b}\nspec:\n  hosts: [x.example.com]\n  http: [{name: r, directResponse: {status: 200}}]\n');
    symlinkSync('/dev/zero', join(repo, 'zero.json'));
    execFileSync('mkfifo', [join(repo, 'fifo.json')]);
    writeFileSync(join(repo, 'tests.yaml'), `tests:\n  - name: r answers\n    request: GET http://x.example.com:10000/\n    expect: {status: 200}\n# ${'x'.repeat(2048)}\n`);
  });

  it('the configuration file: a link to a device is refused, not read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-side-config-'));
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'table.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
    symlinkSync('/dev/zero', join(dir, '.gwctl.yaml'));
    // found at the root, it is a link outside the repository; named with --config, it is no regular file
    const found = runCli(['validate', '.'], { ...limit, cwd: dir });
    expect(found).toMatchObject({ code: 2, stdout: '', stderr: `gwctl: error: ${join(dir, '.gwctl.yaml')} is a link to /dev/zero, outside the repository; give a configuration outside it with --config\n` });
    const named = runCli(['validate', '.', '--config', '.gwctl.yaml'], { ...limit, cwd: dir });
    expect(named).toMatchObject({ code: 2, stdout: '', stderr: 'gwctl: error: configuration .gwctl.yaml: not a regular file (a device, FIFO or socket, or a link to one)\n' });
  });

  it('a configuration or test file the yaml library warns about: its error alone, no warning of the library\'s printed raw', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-side-warnings-'));
    writeFileSync(join(dir, 'config.yaml'), 'x: &a: 1\n[a, "\\e[2J"]: 1\n');
    writeFileSync(join(dir, 'tests.yaml'), 'tests:\n  - name: x\n    [a, b]: 1\n');
    const config = runCli(['validate', join(repo, 'table.yaml'), '--config', 'config.yaml'], { ...limit, cwd: dir });
    expect(config).toMatchObject({ code: 2, stdout: '', stderr: 'gwctl: error: config.yaml: x: unknown setting (expected one of inputs, exclude, context, suppress, failSeverity, minSeverity, baseline, docsUrl, render, test)\n' });
    const tests = runCli(['test', join(repo, 'table.yaml'), '--tests', 'tests.yaml'], { ...limit, cwd: dir });
    expect(tests).toMatchObject({ code: 2, stdout: '', stderr: 'gwctl: error: tests.yaml: /tests/0/a,b: unknown field (expected name, request, headers, expect)\n' });
    // a configuration that is not YAML: what is wrong, not the lines around it (the yaml library quotes
    // them); a setting given twice is an error, not the last one winning
    writeFileSync(join(dir, 'broken.yaml'), 'inputs: [a]\nsecret: "hunter2\n');
    writeFileSync(join(dir, 'twice.yaml'), 'failSeverity: info\nfailSeverity: error\n');
    for (const [file, what] of [['broken.yaml', 'Missing closing "quote'], ['twice.yaml', 'Map keys must be unique']]) {
      const run = runCli(['validate', join(repo, 'table.yaml'), '--config', file!], { ...limit, cwd: dir });
      expect(run).toMatchObject({ code: 2, stdout: '', stderr: `gwctl: error: ${file}: not YAML: ${what}\n` });
    }
  });

  it('a configuration found at the root that links outside the repository is refused, not read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-side-config-link-'));
    const outside = mkdtempSync(join(tmpdir(), 'gwctl-outside-'));
    writeFileSync(join(outside, 'credentials'), 'aws_secret_access_key: not-for-gwctl\n');
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'table.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
    symlinkSync(join(outside, 'credentials'), join(dir, '.gwctl.yaml'));
    const result = runCli(['validate', 'table.yaml'], { ...limit, cwd: dir });
    expect(result).toMatchObject({ code: 2, stdout: '', stderr: `gwctl: error: ${join(dir, '.gwctl.yaml')} is a link to ${join(outside, 'credentials')}, outside the repository; give a configuration outside it with --config\n` });
    // named with --config, it is the workflow's choice
    expect(runCli(['validate', 'table.yaml', '--config', '.gwctl.yaml'], { ...limit, cwd: dir }).stderr).toContain('aws_secret_access_key: unknown setting');
  });

  it.each([['inputs', 'fifo.json'], ['context', 'zero.json'], ['baseline', 'fifo.json']])('a configuration whose %s names %s is refused: it names files and folders only', (key, name) => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-side-config-paths-'));
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'table.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
    if (name === 'fifo.json') execFileSync('mkfifo', [join(dir, name)]);
    else symlinkSync('/dev/zero', join(dir, name));
    writeFileSync(join(dir, '.gwctl.yaml'), `${key}: ${key === 'baseline' ? name : `[${name}]`}\n`);
    const result = runCli(key === 'inputs' ? ['validate'] : ['validate', 'table.yaml'], { ...limit, cwd: dir });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(`gwctl: error: ${join(dir, '.gwctl.yaml')}: ${join(dir, name)} is neither a file nor a folder (a device, FIFO or socket, or a link to one); a configuration names files and folders only\n`);
  });

  it.each(['zero.json', 'fifo.json'])('a baseline that is %s is refused, not read', (name) => {
    const result = runCli(['validate', 'table.yaml', '--baseline', name], { ...limit, cwd: repo });
    expect(result).toMatchObject({ code: 2, stderr: `gwctl: error: --baseline ${name}: not a regular file (a device, FIFO or socket, or a link to one)\n` });
  });

  it('a routing test file is read as a manifest is: no further than --max-file-size', () => {
    expect(runCli(['test', 'table.yaml', '--tests', 'zero.json'], { ...limit, cwd: repo })).toMatchObject({ code: 2, stderr: 'gwctl: error: zero.json: a routing test file larger than 64 MiB; not read (raise the limit with --max-file-size)\n' });
    expect(runCli(['test', 'table.yaml', '--tests', 'tests.yaml', '--max-file-size', '1KiB'], { ...limit, cwd: repo })).toMatchObject({ code: 2, stderr: 'gwctl: error: tests.yaml: a routing test file larger than 1 KiB; not read (raise the limit with --max-file-size)\n' });
    const ok = runCli(['test', 'table.yaml', '--tests', 'tests.yaml'], { ...limit, cwd: repo });
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
  });
});
