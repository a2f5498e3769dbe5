import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic';
import { github } from '../../src/report/formatters/github';
import { json } from '../../src/report/formatters/json';
import { junit } from '../../src/report/formatters/junit';
import { SARIF_MAX_RELATED, SARIF_MAX_RESULTS, sarif } from '../../src/report/formatters/sarif';
import { embeddedLinks, shownText } from '../../scripts/lib/sarif-text.mjs';
import { loadFormatter } from '../../src/report/formatters/index';
import { stylish } from '../../src/report/formatters/stylish';
import type { FormattedText, Report } from '../../src/report/report';

const require = createRequire(import.meta.url);
/** A formatter's text as one string. */
const textOf = (text: FormattedText): string => (typeof text === 'string' ? text : [...text].join(''));
const sarifSchema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
// the SARIF schema's patterns are not valid as unicode regular expressions
const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(sarifSchema);

const diagnostic: Diagnostic = {
  code: 'GW2002',
  severity: 'error',
  message: 'multi\nline, with: commas & <markup> 100%',
  file: 'dir with space/a,b.yaml',
  line: 3,
  column: 5,
  endLine: 3,
  endColumn: 9,
  pointer: '/spec/http/0',
  resource: { kind: 'RouteTable', namespace: 'team-a', name: 'rt' },
  related: [{ message: 'also declared here', file: 'b.yaml', line: 1, column: 1, endLine: 1, endColumn: 2, pointer: '' }],
};

const report = (diagnostics: Diagnostic[]): Report => ({
  diagnostics,
  summary: { files: 2, documents: 3, errors: diagnostics.length, warnings: 0, infos: 0 },
  checked: [{ file: 'dir with space/a,b.yaml', resource: { kind: 'RouteTable', namespace: 'team-a', name: 'rt' } }],
  failSeverity: 'error',
  toolVersion: '1.2.3',
});

describe('formatters', () => {
  it('sarif: valid SARIF 2.1.0, with a results array even when empty', () => {
    for (const diagnostics of [[], [diagnostic]]) {
      const log = JSON.parse(textOf(sarif(report(diagnostics))));
      expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
      expect(Array.isArray(log.runs[0].results)).toBe(true);
      expect(log.runs[0].results).toHaveLength(diagnostics.length);
    }
    const log = JSON.parse(textOf(sarif(report([diagnostic]))));
    const result = log.runs[0].results[0];
    expect(log.runs[0].tool.driver.rules[result.ruleIndex].id).toBe('GW2002');
    expect(log.runs[0].tool.driver.rules[result.ruleIndex].help.text.length).toBeGreaterThan(10);
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'dir%20with%20space/a,b.yaml' },
      region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 9 },
    });
  });

  it('sarif: an info is a note; a related place keeps its message; the root is a folder URI ending in `/`; a retired rule says so', () => {
    const log = JSON.parse(textOf(sarif({ ...report([{ ...diagnostic, severity: 'info' }]), root: '/repo/gloo' })));
    const result = log.runs[0].results[0];
    expect(result.level).toBe('note');
    expect(result.relatedLocations[0].message).toEqual({ text: 'also declared here' });
    expect(log.runs[0].originalUriBaseIds).toEqual({ SRCROOT: { uri: 'file:///repo/gloo/' } });
    // a root on Windows, a drive's or a share's, is a file URI as the files outside it are
    const rootUri = (root: string) => JSON.parse(textOf(sarif({ ...report([]), root }))).runs[0].originalUriBaseIds.SRCROOT.uri;
    expect(rootUri('C:\\repo')).toBe('file:///C:/repo/');
    expect(rootUri('\\\\server\\share\\repo\\')).toBe('file://server/share/repo/');
    const retired = log.runs[0].tool.driver.rules.filter((r: { fullDescription: { text: string } }) => r.fullDescription.text.includes('Retired, no longer reported: '));
    expect(retired.length).toBeGreaterThan(0);
  });

  it('sarif: a message holds no embedded link, and shows as the finding says', () => {
    // a route's name and a regex matcher, quoted in messages, that a viewer would read as links
    const messages = ['route "[approve](https://evil.example)" is shadowed', 'regex `/v[0-9](a|b)` and `[x\\](1)`', 'a\\[b](c) \\\\[d](0)'];
    for (const message of messages) {
      expect(embeddedLinks(message), message).not.toEqual([]);
      const log = JSON.parse(textOf(sarif(report([{ ...diagnostic, message, related: [{ file: 'b.yaml', line: 1, column: 1, endLine: 1, endColumn: 2, pointer: '', message }] }]))));
      const result = log.runs[0].results[0];
      for (const text of [result.message.text, result.relatedLocations[0].message.text]) {
        expect(embeddedLinks(text), text).toEqual([]);
        expect(shownText(text)).toBe(message);
      }
    }
  });

  it('sarif: a run holds at most the 25,000 results GitHub code scanning takes, the most severe, and says what it left out', () => {
    // infos first in the report, then warnings, then the errors at its end, as a monorepo's may come
    const at = (severity: Diagnostic['severity'], n: number): Diagnostic => ({ ...diagnostic, severity, line: n + 1, endLine: n + 1, message: `${severity} ${n}` });
    const diagnostics = [...Array.from({ length: 24_999 }, (_, n) => at('info', n)), at('warning', 24_999), at('warning', 25_000), at('error', 25_001), at('error', 25_002)];
    const log = JSON.parse(textOf(sarif(report(diagnostics))));
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    const results = log.runs[0].results as Array<{ level: string; message: { text: string } }>;
    expect(results).toHaveLength(SARIF_MAX_RESULTS);
    expect(SARIF_MAX_RESULTS).toBe(25_000);
    // every error and warning kept, the infos that fit after them, in the report's order
    expect(results.slice(-4).map((r) => r.message.text)).toEqual(['warning 24999', 'warning 25000', 'error 25001', 'error 25002']);
    expect(results.slice(0, 2).map((r) => r.message.text)).toEqual(['info 0', 'info 1']);
    expect(results.filter((r) => r.level === 'note')).toHaveLength(24_996);
    expect(log.runs[0].invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [{ level: 'warning', message: { text: '3 of 25003 findings are not in this log: GitHub code scanning refuses a run of more than 25000 results, so it keeps the most severe (errors, then warnings, then infos); the exit code counts them all, and the other formats list them all' } }],
      },
    ]);
    // a log within the limit has every result and no notification
    const within = JSON.parse(textOf(sarif(report(diagnostics.slice(3)))));
    expect(within.runs[0].results).toHaveLength(25_000);
    expect(within.runs[0].invocations).toBeUndefined();
  });

  it('sarif: a result lists at most the 1,000 related places GitHub code scanning takes, and says how many more there are', () => {
    const related = Array.from({ length: 1_003 }, (_, n) => ({ message: `declared in account ${n}`, file: 'b.yaml', line: n + 1, column: 1, endLine: n + 1, endColumn: 2, pointer: '' }));
    const log = JSON.parse(textOf(sarif(report([{ ...diagnostic, message: 'one', related }]))));
    const result = log.runs[0].results[0];
    expect(result.relatedLocations).toHaveLength(SARIF_MAX_RELATED);
    expect(SARIF_MAX_RELATED).toBe(1_000);
    expect(result.relatedLocations.at(-1).message.text).toBe('declared in account 999');
    expect(result.message.text).toBe('one (3 more related places are not listed: code scanning takes at most 1000 per result)');
    // up to the limit, the message as it is
    expect(JSON.parse(textOf(sarif(report([{ ...diagnostic, message: 'one', related: related.slice(3) }])))).runs[0].results[0].message.text).toBe('one');
  });

  it('sarif: a parenthesis of the docs URL is encoded in the Markdown link, where it would end the link', () => {
    const log = JSON.parse(textOf(sarif({ ...report([]), docsUrl: 'https://example.com/docs(x)/' })));
    const markdown: string = log.runs[0].tool.driver.rules[0].help.markdown;
    expect(markdown).toMatch(/\]\(https:\/\/example\.com\/docs%28x%29\/#gw1001-yaml-syntax\)$/);
    expect(log.runs[0].tool.driver.rules[0].helpUri).toMatch(/^https:\/\/example\.com\/docs\(x\)\/#/);
  });

  it('sarif: a file name is a URI reference: `#` and `?` start no fragment or query, `%` is itself', () => {
    const named = { ...diagnostic, file: 'teams/a b#c?d%e.yaml' };
    const log = JSON.parse(textOf(sarif(report([named]))));
    const uri: string = log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    expect(uri).toBe('teams/a%20b%23c%3Fd%25e.yaml');
    expect(decodeURIComponent(new URL(uri, 'file:///repo/').pathname.slice('/repo/'.length))).toBe(named.file);
  });

  it('sarif: paths under the root relative to SRCROOT, absolute ones as file URIs, standard input as it is', () => {
    const rooted = (file: string) => {
      const log = JSON.parse(textOf(sarif({ ...report([{ ...diagnostic, file }]), root: '/repo' })));
      return log.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
    };
    expect(rooted('teams/a.yaml')).toEqual({ uri: 'teams/a.yaml', uriBaseId: 'SRCROOT' });
    expect(rooted('/elsewhere/a b.yaml')).toEqual({ uri: 'file:///elsewhere/a%20b.yaml' });
    // a drive letter is no scheme, a share's server is the URI's host (RFC 8089)
    expect(rooted('C:\\elsewhere\\a.yaml')).toEqual({ uri: 'file:///C:/elsewhere/a.yaml' });
    expect(rooted('\\\\server\\share\\a.yaml')).toEqual({ uri: 'file://server/share/a.yaml' });
    for (const file of ['/elsewhere/a b.yaml', 'C:\\elsewhere\\a.yaml', '\\\\server\\share\\a.yaml']) expect(new URL(rooted(file).uri).protocol).toBe('file:');
    expect(rooted('<stdin>')).toEqual({ uri: '%3Cstdin%3E' });
  });

  it('sarif: a finding is known by its code, file, resource and field, not its line: the alert survives edits above it', () => {
    const fingerprintOf = (d: Diagnostic) => JSON.parse(textOf(sarif(report([d])))).runs[0].results[0].partialFingerprints['gwctlFinding/v1'];
    const moved = { ...diagnostic, line: 30, endLine: 30 };
    expect(fingerprintOf(moved)).toBe(fingerprintOf(diagnostic));
    expect(fingerprintOf({ ...diagnostic, pointer: '/spec/http/1' })).not.toBe(fingerprintOf(diagnostic));
    expect(fingerprintOf({ ...diagnostic, resource: { ...diagnostic.resource!, name: 'other' } })).not.toBe(fingerprintOf(diagnostic));
    // findings of one code at one place are as many alerts, each the same in the next run: the first keeps
    // the fingerprint a finding alone there has, the others are told apart by their order
    const fileLevel = (line: number, message: string): Diagnostic => ({ ...diagnostic, code: 'GW1014', resource: null, pointer: '', line, endLine: line, message });
    const prints = (ds: Diagnostic[]) => (JSON.parse(textOf(sarif(report(ds)))).runs[0].results as Array<{ partialFingerprints: Record<string, string> }>).map((r) => r.partialFingerprints['gwctlFinding/v1']);
    const three = prints([fileLevel(3, '`no`'), fileLevel(9, '`010`'), fileLevel(12, '`on`')]);
    expect(new Set(three).size).toBe(3);
    expect(three[0]).toBe(prints([fileLevel(3, '`no`')])[0]);
    // an edit above them moves their lines, not their fingerprints
    expect(prints([fileLevel(5, '`no`'), fileLevel(11, '`010`'), fileLevel(14, '`on`')])).toEqual(three);
    const log = JSON.parse(textOf(sarif(report([diagnostic]))));
    expect(log.runs[0].results[0].locations[0].logicalLocations).toEqual([{ fullyQualifiedName: 'RouteTable team-a/rt#/spec/http/0', kind: 'resource' }]);
  });

  it('sarif: the examples in the rules\' Markdown help are text, not markup', () => {
    const rules = JSON.parse(textOf(sarif(report([])))).runs[0].tool.driver.rules as Array<{ help: { text: string; markdown: string } }>;
    const marked = rules.filter((r) => /[*_<>[\]]/.test(r.help.text.split('\n\nExample: ')[1]!));
    expect(marked.length).toBeGreaterThan(0);
    for (const rule of marked) {
      const example = rule.help.markdown.split('**Example:** ')[1]!.split('\n\n[')[0]!;
      expect(example.replace(/\\[\\*_[\]<>]/g, '')).not.toMatch(/[*_<>[\]]/);
    }
  });

  it('sarif: the validator itself rejects a broken log', () => {
    expect(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
  });

  it('github: escapes data and properties as the runner requires', () => {
    const out = textOf(github(report([diagnostic])));
    expect(out.split('\n')[0]).toBe(
      '::error file=dir with space/a%2Cb.yaml,line=3,col=5,endLine=3,endColumn=9,title=GW2002::multi%0Aline, with: commas & <markup> 100%25 [RouteTable team-a/rt]',
    );
    expect(out).toContain('gwctl: 1 problem (1 error, 0 warnings, 0 infos) in 3 documents of 2 files');
    const one = report([diagnostic]);
    expect(textOf(github({ ...one, summary: { ...one.summary, files: 1, documents: 1 } }))).toContain('in 1 document of 1 file');
  });

  it('github: a colon and a carriage return escaped in a property, and in the message, whatever reached the formatter', () => {
    // the report makes input text printable before a formatter sees it; the formatter's own escaping holds on its own
    const odd: Diagnostic = { ...diagnostic, code: 'GW:1' as never, file: 'c:/x\r,y%.yaml', message: 'a\r\nb' };
    expect(textOf(github(report([odd]))).split('\n')[0]).toBe('::error file=c%3A/x%0D%2Cy%25.yaml,line=3,col=5,endLine=3,endColumn=9,title=GW%3A1::a%0D%0Ab [RouteTable team-a/rt]');
  });

  it('junit: one case per resource, escaped, failing at the fail severity', () => {
    const out = textOf(junit(report([diagnostic])));
    expect(out).toContain('<testsuites name="gwctl" tests="1" failures="1" errors="0">');
    expect(out).toContain('&lt;markup&gt; 100%');
    expect(out).toContain('type="GW2002"');
    // a file name is an attribute value too
    const named = textOf(junit({ ...report([{ ...diagnostic, file: 'a"<b>&.yaml' }]), checked: [] }));
    expect(named).toContain('<testcase name="RouteTable team-a/rt" classname="a&quot;&lt;b&gt;&amp;.yaml">');
    expect(named).toContain('<testsuite name="a&quot;&lt;b&gt;&amp;.yaml"');
    const passing = textOf(junit({ ...report([{ ...diagnostic, severity: 'warning' }]) }));
    expect(passing).toContain('failures="0"');
    expect(passing).toContain('<system-out>');
    // the failure's message is an attribute: every character XML gives a meaning is escaped there too
    expect(out).toContain('<failure message="multi\nline, with: commas &amp; &lt;markup&gt; 100%" type="GW2002">');
    // a resource name is an attribute (a kind or name from the input may hold anything the schema refused)
    const odd = textOf(junit({ ...report([{ ...diagnostic, resource: { kind: 'RouteTable', namespace: 'a', name: 'x"<y>' } }]), checked: [] }));
    expect(odd).toContain('<testcase name="RouteTable a/x&quot;&lt;y&gt;"');
    // a resource checked without a finding is a passing case, so that the report counts what was checked
    const clean = textOf(junit({ ...report([]), checked: [{ file: 'a.yaml', resource: { kind: 'RouteTable', namespace: 'a', name: 'ok' } }] }));
    expect(clean).toContain('<testsuites name="gwctl" tests="1" failures="0" errors="0">');
    expect(clean).toContain('    <testcase name="RouteTable a/ok" classname="a.yaml"/>');
  });

  it('github: an info is a notice, the one level below a warning the runner has', () => {
    expect(textOf(github(report([{ ...diagnostic, severity: 'info' }]))).split('\n')[0]).toMatch(/^::notice file=/);
  });

  it('json: the documented shape', () => {
    const out = JSON.parse(textOf(json(report([diagnostic]))));
    expect(Object.keys(out)).toEqual(['diagnostics', 'summary']);
    expect(Object.keys(out.diagnostics[0]).slice(0, 11)).toEqual(['code', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'pointer', 'resource', 'related']);
    expect(out.summary).toEqual({ files: 2, documents: 3, errors: 1, warnings: 0, infos: 0 });
    // the optional keys only with content; a resource as its three names, whatever object carried them
    const bare = { ...diagnostic, related: undefined, resource: { ...diagnostic.resource!, spec: { hosts: ['a'] } } as Diagnostic['resource'] };
    const text = textOf(json(report([bare])));
    expect(text.endsWith('}\n')).toBe(true);
    const [only] = JSON.parse(text).diagnostics;
    expect(Object.keys(only)).toEqual(['code', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'pointer', 'resource']);
    expect(only.resource).toEqual({ kind: 'RouteTable', namespace: 'team-a', name: 'rt' });
  });

  it('stylish: colour only when asked', async () => {
    expect(textOf(stylish(report([diagnostic])))).not.toMatch(/\u001b\[/);
    expect(textOf((await loadFormatter('stylish', true))!(report([diagnostic])))).toMatch(/\u001b\[31merror/);
    expect(textOf((await loadFormatter('stylish', false))!(report([diagnostic])))).not.toMatch(/\u001b\[/);
  });

  it('stylish: each severity in its colour, the code and position dim, the file underlined, the summary in the colour of the worst finding', async () => {
    const paint = (await loadFormatter('stylish', true))!;
    const only = (severity: Diagnostic['severity']): Diagnostic => ({ ...diagnostic, severity, related: undefined, resource: null, message: 'm' });
    const counts = (errors: number, warnings: number, infos: number) => ({ files: 1, documents: 1, errors, warnings, infos });
    const colour = (diagnostics: Diagnostic[], summary: Report['summary']) => textOf(paint({ ...report(diagnostics), summary })).split('\n');
    const [file, warning] = colour([only('warning')], counts(0, 1, 0));
    expect(file).toBe('\u001b[4mdir with space/a,b.yaml\u001b[24m');
    expect(warning).toBe('  \u001b[2m3:5\u001b[22m  \u001b[33mwarning\u001b[39m  m  \u001b[2mGW2002\u001b[22m');
    expect(colour([only('error')], counts(1, 0, 0))[1]).toContain('\u001b[31merror  \u001b[39m');
    expect(colour([only('info')], counts(0, 0, 1))[1]).toContain('\u001b[34minfo   \u001b[39m');
    expect(colour([only('warning'), only('info')], counts(0, 1, 1)).at(-2)).toBe('\u001b[33m✖ 2 problems (0 errors, 1 warning, 1 info)\u001b[39m');
    expect(colour([only('info')], counts(0, 0, 1)).at(-2)).toBe('\u001b[34m✖ 1 problem (0 errors, 0 warnings, 1 info)\u001b[39m');
    expect(colour([only('error'), only('info')], counts(1, 0, 1)).at(-2)).toMatch(/^\u001b\[31m✖ /);
    expect(colour([], counts(0, 0, 0))).toEqual(['\u001b[32m✔ no problems\u001b[39m', '']);
  });

  it('stylish and github: a long report in chunks of whole lines, the same text as one string', () => {
    // 2,500 findings in three files, one related each: several chunks, cut between lines
    const many = Array.from({ length: 2500 }, (_, i) => ({ ...diagnostic, message: `finding ${i}`, file: `f${Math.floor(i / 1000)}.yaml`, line: i + 1 }));
    const r = { ...report(many), summary: { ...report(many).summary, errors: 2500 } };
    const chunks = [...stylish(r)];
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(chunk.endsWith('\n')).toBe(true);
    const lines = chunks.join('').split('\n');
    // per finding: its line, its resource, its related; a file's name, and a blank line between files
    expect(lines.filter((l) => /^ {2}\d+:5 /.test(l))).toHaveLength(2500);
    expect(lines.filter((l) => /^f\d\.yaml$/.test(l))).toEqual(['f0.yaml', 'f1.yaml', 'f2.yaml']);
    expect(lines.filter((l) => l === '')).toHaveLength(3 + 1);
    expect(lines.slice(-3)).toEqual(['', '✖ 2500 problems (2500 errors, 0 warnings, 0 infos)', '']);
    expect(lines.indexOf('f1.yaml')).toBe(1 + 1000 * 3 + 1);
    const annotations = [...github(r) as Iterable<string>];
    expect(annotations.length).toBeGreaterThan(1);
    expect(annotations.join('').split('\n').filter((l) => l.startsWith('::error '))).toHaveLength(2500);
  });
});
