import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportAndCheck } from '../helpers/export-and-check';
import { runCli } from '../helpers/run-cli';
import { writeAdversarial } from '../../scripts/lib/adversarial-corpus.mjs';


/** A routing test file of this text, in a folder of its own. */
function testFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gwctl-test-')), name);
  writeFileSync(file, text);
  return file;
}

// one test of catch-all-last.yaml's health route, reaching one of its four reachable routes
const HEALTH_ONLY = 'tests:\n  - request: GET http://shop.example.com/healthz\n    expect: { route: health }\n';

describe('gwctl test, end to end', () => {
  it('passes the bundled example\'s tests and reaches every route', () => {
    const result = runCli(['test', 'fixtures/examples', '--tests', 'fixtures/examples-tests', '-q']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^PASS {2}plain HTTP is redirected to HTTPS/);
    expect(result.stdout).toContain('\n10 passed, 0 failed\ncoverage: 7 of 7 routes reached (100%)\n');
    // -o: the same report in the file, nothing on stdout
    const out = join(mkdtempSync(join(tmpdir(), 'gwctl-test-o-')), 'results.txt');
    expect(runCli(['test', 'fixtures/examples', '--tests', 'fixtures/examples-tests', '-q', '-o', out])).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(out, 'utf8')).toBe(result.stdout);
  });

  it('a host no virtual host takes: 404 on a plain-HTTP port, no answer over TLS, in tests and in routes --request', () => {
    const file = testFile('hosts.yaml', 'tests:\n  - request: GET http://other.example.org/x\n    expect: {status: 404}\n  - request: GET https://other.example.org/x\n    expect: {notServed: true}\n');
    const result = runCli(['test', 'fixtures/examples', '--tests', file, '-q']);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain('2 passed, 0 failed');
    expect(runCli(['routes', 'fixtures/examples', '-q', '--request', 'GET http://other.example.org/x'])).toMatchObject({
      code: 0,
      stdout: 'GET http://other.example.org/x\nlistener istio-gateways/north-south-gw:80 has no host other.example.org (its hosts are api.example.com): the gateway answers 404\n',
    });
  });

  it('--tests DIR of a folder that holds the manifests too reads the test files and passes over the manifests', () => {
    // the layout the other commands expect (they pass over test files): it failed on the first manifest
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-beside-'));
    for (const f of readdirSync('fixtures/examples')) copyFileSync(join('fixtures/examples', f), join(dir, f));
    copyFileSync('fixtures/examples-tests/api.example.com.yaml', join(dir, 'api.tests.yaml'));
    // and leaves out what a walk for manifests leaves out, and the --exclude-path globs
    writeFileSync(join(dir, 'package.json'), '{"name": "gateway-config"}\n');
    writeFileSync(join(dir, 'values.yaml'), 'replicas: 2\n');
    writeFileSync(join(dir, 'draft.yaml'), 'tests: [\n');
    const result = runCli(['test', dir, '--tests', dir, '-q', '--exclude-path', '**/draft.yaml']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('\n10 passed, 0 failed\ncoverage: 7 of 7 routes reached (100%)\n');
    // a file that is neither a manifest nor a test file is still an error, as is a manifest named itself
    writeFileSync(join(dir, 'typo.yaml'), 'test:\n  - request: GET http://a/\n    expect: {status: 404}\n');
    expect(runCli(['test', dir, '--tests', dir, '-q', '--exclude-path', '**/draft.yaml'])).toMatchObject({ code: 2, stdout: '', stderr: `gwctl: error: ${join(dir, 'typo.yaml')}:1:1: the file: expected a mapping with a \`tests\` list\n` });
    expect(runCli(['test', dir, '--tests', join(dir, '10-gateway.yaml'), '-q'])).toMatchObject({ code: 2, stdout: '', stderr: `gwctl: error: ${join(dir, '10-gateway.yaml')}: not a YAML routing test file: expected a single document in the stream, but found more\n` });
    // what is passed over is a file of manifests only: a document with `kind` alone is one; an empty file, or
    // one that has `tests` beside `kind`, is a test file to read (and refused), not skipped
    const tests = mkdtempSync(join(tmpdir(), 'gwctl-tests-dir-'));
    copyFileSync('fixtures/examples-tests/api.example.com.yaml', join(tests, 'api.yaml'));
    writeFileSync(join(tests, 'config.yaml'), 'kind: ConfigMap\nmetadata: {name: x}\n');
    expect(runCli(['test', 'fixtures/examples', '--tests', tests, '-q'])).toMatchObject({ code: 0, stderr: '' });
    for (const [text, why] of [
      // an empty file has no place to name
      ['', ': the file: expected a mapping with a `tests` list'],
      ['kind: RoutingTests\ntests:\n  - request: GET http://other.example.org/x\n    expect: {status: 404}\n', ':1:1: /kind: unknown field (expected tests, findings)'],
      // js-yaml's message has the text around the error on the lines after: the first line only
      ['tests: [\n  x: :\n', ': not a YAML routing test file: missed comma between flow collection entries (2:6)'],
    ] as const) {
      writeFileSync(join(tests, 'other.yaml'), text);
      expect(runCli(['test', 'fixtures/examples', '--tests', tests, '-q']), text).toMatchObject({ code: 2, stdout: '', stderr: `gwctl: error: ${join(tests, 'other.yaml')}${why}\n` });
    }
    // a folder of manifests alone holds no test
    expect(runCli(['test', 'fixtures/examples', '--tests', 'fixtures/examples', '-q'])).toMatchObject({ code: 2, stdout: '', stderr: 'gwctl: error: --tests fixtures/examples: no routing test file there (4 files of manifests passed over)\n' });
  });

  it('fails a wrong expectation with the --request explanation, lists unreached routes, and honours --fail-under', () => {
    const file = testFile('wrong.yaml', 'tests:\n  - name: wrong alias\n    request: GET https://api.example.com/team-b/invoices/7\n    expect:\n      function: { name: invoices, qualifier: beta }\n');
    const result = runCli(['test', 'fixtures/examples', '--tests', file, '-q', '--fail-under', '50']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL  wrong alias\n      expected a destination function invoices:beta, got arn:aws:lambda:eu-west-1:222222222222:function:invoices:prod\n');
    expect(result.stdout).toContain('      |   4.  team-b/invoices-beta  prefix /team-b/invoices, header x-beta=true  no: header x-beta is missing');
    expect(result.stdout).toContain('coverage: 1 of 7 routes reached (14.2%), --fail-under 50%\nroutes no test reached:\n');
    expect(result.stderr).toBe('gwctl: coverage 14.2% is under --fail-under 50%\n');
  });

  it('pins the findings a file names, each with its line or anywhere, and fails on one more, one less or one elsewhere', () => {
    // refused-matcher.yaml: GW4015 on lines 32 and 53, GW4036 on line 43
    const run = (findings: string) => runCli(['test', 'fixtures/model/semantics/refused-matcher.yaml', '--tests', testFile('f.tests.yaml', `findings: ${findings}\ntests:\n  - request: GET http://elsewhere.example.org/\n    expect: { notServed: true }\n`), '-q', '--min-severity', 'error']);
    // the form the README shows: a line for one name, none for the others (before, never met)
    // (the exit code is 1 either way: the manifests' errors reach --fail-severity)
    for (const pass of ['[GW4015, GW4015, GW4036]', '[GW4015, GW4015, GW4036@43]', '[GW4015@53, GW4036, GW4015]', '[GW4015@32, GW4015@53, GW4036@43]']) expect(run(pass).stdout, pass).toContain('\n1 passed, 0 failed\n');
    for (const fail of ['[GW4015, GW4036@43]', '[GW4015, GW4015, GW4036@44]', '[GW4015@32, GW4015@32, GW4036]', '[GW4015, GW4015, GW4036, GW4036]', '[GW4015, GW4036, GW4036]']) expect(run(fail).stdout, fail).toContain('\n1 passed, 1 failed\n');
    expect(run('[GW4015, GW4015, GW4036@44]').stdout).toContain('FAIL  findings of ');
    expect(run('[GW4015, GW4015, GW4036@44]').stdout).toContain('\n      expected GW4015, GW4015, GW4036@44\n      got      GW4015@32, GW4015@53, GW4036@43\n');
  });

  it('counts only the routes a request can reach, and lists the others with the reason', () => {
    // two routes of the host come after a catch-all (GW4007): every other route is tested
    const shadowed = ['test', 'fixtures/model/semantics/catch-all-last.yaml', '--tests', 'fixtures/model/semantics/catch-all-last.tests.yaml', '-q', '--fail-under', '100'];
    const text = runCli(shadowed);
    expect(text.code).toBe(0);
    expect(text.stderr.match(/GW4007/g)).toHaveLength(2);
    expect(text.stdout).toContain(
      [
        'coverage: 4 of 4 routes reached (100%), --fail-under 100%; 2 routes no request can reach are not counted',
        'routes no request can reach:',
        '  istio-gateways/north-south-gw:80  shop.example.com  orders-default  (fixtures/model/semantics/catch-all-last.yaml:72)  route `home~2` before it matches every request it matches (GW4007)',
        '  istio-gateways/north-south-gw:80  shop.example.com  legacy  (fixtures/model/semantics/catch-all-last.yaml:47)  route `home~2` before it matches every request it matches (GW4007)',
        '',
      ].join('\n'),
    );
    const json = JSON.parse(runCli([...shadowed, '--format', 'json']).stdout);
    expect(json.coverage).toMatchObject({ percent: 100, routes: 4, reached: 4, unreached: [], failUnder: 100 });
    expect(json.coverage.unreachable).toEqual([
      { listener: 'istio-gateways/north-south-gw:80', host: 'shop.example.com', route: 'orders-default', file: 'fixtures/model/semantics/catch-all-last.yaml', line: 72, reason: 'shadowed', by: 'home~2' },
      { listener: 'istio-gateways/north-south-gw:80', host: 'shop.example.com', route: 'legacy', file: 'fixtures/model/semantics/catch-all-last.yaml', line: 47, reason: 'shadowed', by: 'home~2' },
    ]);
    // routes whose every matcher Envoy refuses match nothing
    const refused = JSON.parse(runCli(['test', 'fixtures/model/semantics/refused-matcher.yaml', '--tests', 'fixtures/model/semantics/refused-matcher.tests.yaml', '-q', '--format', 'json']).stdout);
    expect(refused.coverage).toMatchObject({ percent: 100, routes: 2, reached: 2 });
    expect(refused.coverage.unreachable.map((r: { route: string; reason: string }) => `${r.route} ${r.reason}`)).toEqual(['beta refused', 'team-a refused']);
    // and routes whose every matcher needs what no client can send (GW4045), in JSON and in text
    const unsendable = ['test', 'fixtures/model/semantics/unsendable-matcher.yaml', '--tests', 'fixtures/model/semantics/unsendable-matcher.tests.yaml', '-q', '--fail-under', '100'];
    const asJson = JSON.parse(runCli([...unsendable, '--format', 'json']).stdout);
    expect(asJson.coverage).toMatchObject({ percent: 100, routes: 4, reached: 4 });
    expect(asJson.coverage.unreachable.map((r: { route: string; reason: string }) => `${r.route} ${r.reason}`)).toEqual(['reports-typed unsendable', 'search unsendable', 'read-only unsendable']);
    const asText = runCli(unsendable);
    expect(asText.code).toBe(0);
    expect(asText.stdout).toContain('  gateways/gw:80  api.example.com  search  (fixtures/model/semantics/unsendable-matcher.yaml:67)  every matcher it has needs what no request holds when the gateway routes it (GW4045)\n');
    // and routes whose every path starts no request path where it stands alone (GW4016), and the regex
    // with the query written into it (GW4045)
    const slashless = ['test', 'fixtures/model/semantics/path-standing-alone.yaml', '--tests', 'fixtures/model/semantics/path-standing-alone.tests.yaml', '-q', '--fail-under', '100'];
    const slashlessJson = JSON.parse(runCli([...slashless, '--format', 'json']).stdout);
    expect(slashlessJson.coverage).toMatchObject({ percent: 100, routes: 6, reached: 6 });
    expect(slashlessJson.coverage.unreachable.map((r: { host: string; route: string; reason: string }) => `${r.host} ${r.route} ${r.reason}`)).toEqual([
      'api.example.com search unsendable',
      'api.example.com versions slashless',
      'api.example.com find unsendable',
      'beta.example.com gamma/v1 slashless',
      'beta.example.com gamma/v2 slashless',
    ]);
    expect(runCli(slashless).stdout).toContain('  gateways/gw:80  api.example.com  versions  (fixtures/model/semantics/path-standing-alone.yaml:42)  every matcher it has has a path no request path starts with (GW4016)\n');
    // a reachable route no test reaches still counts
    const one = testFile('one.yaml', HEALTH_ONLY);
    const partial = runCli(['test', 'fixtures/model/semantics/catch-all-last.yaml', '--tests', one, '-q', '--fail-under', '100']);
    expect(partial.code).toBe(1);
    expect(partial.stdout).toContain('coverage: 1 of 4 routes reached (25%), --fail-under 100%; 2 routes no request can reach are not counted\nroutes no test reached:\n');
  });

  it('with --fail-under, JUnit has coverage as a test case of its own, failing under the bar', () => {
    const one = testFile('one.yaml', HEALTH_ONLY);
    const args = ['test', 'fixtures/model/semantics/catch-all-last.yaml', '--tests', one, '-q', '--format', 'junit'];
    const under = runCli([...args, '--fail-under', '50']);
    expect(under.code).toBe(1);
    expect(under.stdout).toContain('<testsuites name="gwctl test" tests="2" failures="1" errors="0">');
    expect(under.stdout).toContain(
      [
        '  <testsuite name="coverage" tests="1" failures="1" errors="0">',
        '    <testcase name="at least 50% of the reachable routes reached" classname="coverage">',
        '      <failure message="coverage 25% is under --fail-under 50%">routes no test reached:',
        '  istio-gateways/north-south-gw:80  shop.example.com  home  (fixtures/model/semantics/catch-all-last.yaml:38)',
      ].join('\n'),
    );
    const met = runCli([...args, '--fail-under', '25']);
    expect(met.code).toBe(0);
    expect(met.stdout).toContain('<testsuites name="gwctl test" tests="2" failures="0" errors="0">');
    expect(met.stdout).toContain('    <testcase name="at least 25% of the reachable routes reached" classname="coverage"/>');
    // without --fail-under coverage is no check: the suites are the test files alone
    expect(runCli(args).stdout).not.toContain('coverage');
  });

  it('writes JSON and JUnit results', () => {
    const json = JSON.parse(runCli(['test', 'fixtures/examples', '--tests', 'fixtures/examples-tests', '-q', '--format', 'json']).stdout);
    expect(json.coverage).toMatchObject({ percent: 100, routes: 7, reached: 7, unreached: [] });
    expect(json.tests).toHaveLength(10);
    expect(json.tests[2]).toMatchObject({ passed: true, route: 'team-a/orders-canary', listener: 'istio-gateways/north-south-gw:443' });
    const junit = runCli(['test', 'fixtures/examples', '--tests', 'fixtures/examples-tests', '-q', '--format', 'junit']).stdout;
    expect(junit).toContain('<testsuites name="gwctl test" tests="10" failures="0" errors="0">');
  });

  it('a request a test cannot make is a usage error naming the file, the line and the test', () => {
    const tests = testFile('tests.yaml', 'tests:\n  - name: far port\n    request: GET http://shop.example.com:99999/\n    expect: {status: 200}\n');
    const result = runCli(['test', 'fixtures/model/semantics/catch-all-last.yaml', '--tests', tests, '-q']);
    // read with the file, before the manifests are
    expect(result).toEqual({ code: 2, stdout: '', stderr: `gwctl: error: ${tests}:3:5: /tests/0/request: test "far port": request "GET http://shop.example.com:99999/": port 99999 is not a TCP port (0 to 65535)\n` });
    // a header, where its name is written; the terminal's escape as text
    const header = testFile('header.yaml', 'tests:\n  - request: GET http://shop.example.com/\n    headers:\n      x-a: ok\n      x-b: "c\\e[2J"\n    expect: {status: 200}\n');
    expect(runCli(['test', 'fixtures/model/semantics/catch-all-last.yaml', '--tests', header, '-q'])).toEqual({ code: 2, stdout: '', stderr: `gwctl: error: ${header}:5:7: /tests/0/headers/x-b: test "GET http://shop.example.com/": header "x-b: c\\u001b[2J": a header value holds no control character but a tab ("\\x1b"): the gateway answers 400 before routing\n` });
  });

  it('refuses a malformed test file as a usage error that names the place', () => {
    const file = testFile('bad.yaml', 'tests:\n  - request: GET https://a.example.com/\n    expect:\n      funtcion: x\n');
    const result = runCli(['test', 'fixtures/examples', '--tests', file]);
    expect(result.code).toBe(2);
    // the place as a line and column, where the key is written, and as a JSON pointer
    expect(result.stderr).toContain(`${file}:4:7: /tests/0/expect/funtcion: unknown expectation`);
    // a file that is no mapping: where its document begins
    expect(runCli(['test', 'fixtures/examples', '--tests', testFile('list.yaml', '# tests\n- request: GET https://a.example.com/\n')]).stderr).toMatch(/list\.yaml:2:1: the file: expected a mapping with a `tests` list\n$/);
    expect(runCli(['test', 'fixtures/examples'])).toMatchObject({ code: 2, stdout: '', stderr: 'gwctl: error: give the routing tests with --tests FILE|DIR\n' });
    // a key given twice, in a file js-yaml reads (no anchors) and in one the yaml library reads
    // (each library's own words: js-yaml reads the first, as a file without anchors needs no document of the yaml library's, which took 2 GB for 20 MB of tests)
    for (const [text, why] of [['tests:\n  - request: GET https://a.example.com/\n    request: GET https://b.example.com/\n    expect: {notServed: true}\n', 'duplicated mapping key'], ['x: &a 1\ntests:\n  - request: GET https://a.example.com/\n    request: GET https://b.example.com/\n    expect: {notServed: true}\n', 'Map keys must be unique']] as const) {
      const twice = runCli(['test', 'fixtures/examples', '--tests', testFile('twice.yaml', text), '-q']);
      expect(twice.code).toBe(2);
      expect(twice.stderr).toMatch(new RegExp(`twice\\.yaml: not a YAML routing test file: ${why}`));
    }
    // a suite that checks nothing is refused; one that only pins the findings checks them
    const empty = runCli(['test', 'fixtures/examples', '--tests', testFile('empty.yaml', 'tests: []\n'), '-q']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^gwctl: error: --tests .*empty\.yaml: the file holds no test and pin no findings: nothing would be checked\n$/);
    expect(runCli(['test', 'fixtures/examples', '--tests', testFile('pinned.yaml', 'findings: []\ntests: []\n'), '-q']).code).toBe(0);
    // and fails the run on clean manifests when the findings differ: exit 1 from the pin alone
    const pinned = runCli(['test', 'fixtures/examples', '--tests', testFile('pinned.yaml', 'findings: [GW4015]\ntests: []\n'), '-q']);
    expect(pinned).toMatchObject({ code: 1, stderr: '' });
    expect(pinned.stdout).toMatch(/^FAIL  findings of .*pinned\.yaml\n {6}expected GW4015\n {6}got {6}none\n\n0 passed, 1 failed\n/);
    // anchors and aliases are read (by the yaml library, which bounds what they expand to)
    const anchored = testFile('anchored.yaml', 'tests:\n  - request: &r GET http://api.example.com:8080/none\n    expect: &e {notServed: true}\n  - request: *r\n    expect: *e\n');
    expect(runCli(['test', 'fixtures/examples', '--tests', anchored, '-q']).stdout).toMatch(/^PASS  GET http:\/\/api.example.com:8080\/none\nPASS  GET http:\/\/api.example.com:8080\/none\n\n2 passed, 0 failed\n/);
  });
});

describe('gwctl test on a large host, with a large test file', () => {
  // one host of 20,000 routes, /p0/ to /p19999/, each a direct response (the adversarial bench shape)
  const dir = mkdtempSync(join(tmpdir(), 'gwctl-test-large-'));
  const manifests = join(dir, 'big.yaml');
  writeAdversarial('one-host', 20_000, manifests);
  const tests = (n: number, path: (i: number) => string, expect: object) =>
    testFile('tests.json', JSON.stringify({ tests: Array.from({ length: n }, (_, i) => ({ name: `t${i}`, request: `GET http://api.example.com:10000${path(i)}`, expect })) }));

  it('2,000 requests that every route turns down are judged, each counted, none explained', () => {
    // each held the reason of every route it tried: 40 million strings, out of memory in 50 s
    const result = runCli(['test', manifests, '--tests', tests(2_000, (i) => `/nowhere/${i}`, { notServed: true }), '--format', 'json', '-q']);
    expect(result.code).toBe(0);
    const run = JSON.parse(result.stdout);
    expect(run.tests).toHaveLength(2000);
    expect(run.tests.every((t: { passed: boolean; explanation?: string }) => t.passed && t.explanation === undefined)).toBe(true);
  });

  it('a failure lists the first and the last routes tried, not all 20,000', () => {
    const result = runCli(['test', manifests, '--tests', tests(1, () => '/p19990/x', { notServed: true }), '-q']);
    expect(result.code).toBe(1);
    const rows = result.stdout.split('\n').filter((l) => /^ {6}\| {3}\d+\./.test(l));
    expect(rows).toHaveLength(40);
    expect(rows[19]).toMatch(/^ {6}\| {3}20\. +r19 /);
    expect(rows[20]).toMatch(/^ {6}\| {3}19972\. +r19971 /);
    expect(rows[39]).toMatch(/^ {6}\| {3}19991\. +r19990 +prefix \/p19990\/ +MATCH$/);
    expect(result.stdout).toMatch(/\n {6}\| {3}… +19951 more routes that do not match\n/);
  });

  it('stops past --max-route-checks with a usage error that names the test, never running on for minutes', () => {
    const result = runCli(['test', manifests, '--tests', tests(20, (i) => `/nowhere/${i}`, { notServed: true }), '--max-route-checks', '100000', '-q']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toMatch(/internal error|\n +at /);
    expect(result.stderr).toMatch(/\ngwctl: error: .*tests\.json: test "t5" brings the routes tried for the tests past 100,000: gwctl stops there rather than run for minutes \(every request is tried against the routes of its host in order\); give fewer tests, or --max-route-checks\n$/);
  });
});

describe('gwctl test --export-envoy-tests, end to end', () => {
  // the export's semantics, set by set, are in test/inspect/export-envoy-tests.test.ts, in process
  it('on the bundled example: one test and route configuration per listener, which Envoy\'s router reads as the model does', async () => {
    const { result, pairs, failures } = await exportAndCheck('fixtures/examples', 'fixtures/examples-tests', runCli);
    expect(result.code).toBe(0);
    // each pair written is named on stderr, with the router_check_tool command that runs it
    // -c the route configuration, -t the tests, as router_check_tool reads them
    const hints = [...result.stderr.matchAll(/^gwctl: wrote (\S+) and (\S+): router_check_tool -c (\S+) -t (\S+) --details$/gm)];
    expect(hints).toHaveLength(2);
    for (const [, tests, config, c, t] of hints) expect([c, t, tests!.endsWith('.route-config.json'), config!.endsWith('.route-config.json')]).toEqual([config, tests, false, true]);
    expect(pairs.sort()).toEqual(['tests.istio-gateways.north-south-gw.443.json', 'tests.istio-gateways.north-south-gw.80.json']);
    expect(failures).toEqual([]);
  });
});

describe('gwctl test writes over none of the files it reads', () => {
  const manifests = ['00-workspaces.yaml', '10-gateway.yaml', '20-team-a.yaml', '30-team-b.yaml'].map((f) => `fixtures/examples/${f}`);
  const TESTS = readFileSync('fixtures/examples-tests/api.example.com.yaml', 'utf8');

  it.each([['-o'], ['--findings-output'], ['--export-envoy-tests']])('%s onto the routing test file is refused, the file left as it was', (flag) => {
    const tests = testFile('tests.yaml', TESTS);
    const result = runCli(['test', ...manifests, '--tests', tests, flag, tests, '-q']);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(`gwctl: error: ${flag === '-o' ? '-o/--output' : flag} ${tests} is one of the inputs: gwctl never writes over a file it reads (choose another path)\n`);
    expect(readFileSync(tests, 'utf8')).toBe(TESTS);
  });

  it('a listener\'s file --export-envoy-tests would write that is an input is refused before anything is written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-export-input-'));
    for (const m of manifests) copyFileSync(m, join(dir, m.split('/').pop()!));
    const kept = '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "kept"}}\n';
    writeFileSync(join(dir, 't.istio-gateways.north-south-gw.80.route-config.json'), kept);
    const result = runCli(['test', '.', '--tests', join(process.cwd(), 'fixtures/examples-tests'), '--export-envoy-tests', 't.json', '-o', 'results.txt', '-q'], { cwd: dir });
    expect(result).toMatchObject({ code: 2, stderr: 'gwctl: error: --export-envoy-tests t.istio-gateways.north-south-gw.80.route-config.json is one of the inputs: gwctl never writes over a file it reads (choose another path)\n' });
    expect(readFileSync(join(dir, 't.istio-gateways.north-south-gw.80.route-config.json'), 'utf8')).toBe(kept);
    expect(readdirSync(dir).filter((f) => f.startsWith('t.') || f === 'results.txt')).toEqual(['t.istio-gateways.north-south-gw.80.route-config.json']);
  });

  it('a listener of a long name is written under a plain name of at most 200 bytes, in the folder asked for', () => {
    const name = `${'g'.repeat(120)}.${'h'.repeat(120)}`;
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-export-long-'));
    writeFileSync(join(dir, 'gw.yaml'), `apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: ${name}, namespace: ${'n'.repeat(63)}}\nspec:\n  listeners: [{port: {number: 8080}, http: {}}, {port: {number: 8081}, http: {}}]\n---\napiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ${'n'.repeat(63)}}\nspec:\n  hosts: [e.example.com]\n  virtualGateways: [{name: ${name}}]\n  http: [{name: r, directResponse: {status: 200}}]\n`);
    writeFileSync(join(dir, 'tests.yaml'), 'tests:\n  - {name: a, request: "GET http://e.example.com:8080/", expect: {status: 200}}\n  - {name: b, request: "GET http://e.example.com:8081/", expect: {status: 200}}\n');
    mkdirSync(join(dir, 'out'));
    const result = runCli(['test', 'gw.yaml', '--tests', 'tests.yaml', '--export-envoy-tests', 'out/t.json', '-q'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const written = readdirSync(join(dir, 'out')).sort();
    expect(written).toHaveLength(4);
    for (const f of written) expect(Buffer.byteLength(f)).toBeLessThanOrEqual(200);
    expect(written.filter((f) => f.endsWith('.route-config.json'))).toHaveLength(2);
  });
});
