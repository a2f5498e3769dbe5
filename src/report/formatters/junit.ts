import { xmlText } from '../../text/xml-text';
import { shownLabel } from '../../diagnostics/finding';
import { severityRank } from '../../diagnostics/severity';
import type { Diagnostic } from '../../diagnostics/diagnostic';
import type { Formatter } from '../report';


const FILE_CASE = '(file)';

/**
 * JUnit XML: a test suite per file, a test case per resource checked (plus one for problems of the file
 * itself). A case fails when it has a finding at or above --fail-severity; the others are listed in its
 * output, so the test report agrees with the exit code.
 */
export const junit: Formatter = (report) => {
  const files = new Map<string, Map<string, Diagnostic[]>>();
  const caseOf = (file: string, name: string) => {
    let cases = files.get(file);
    if (!cases) files.set(file, (cases = new Map()));
    let list = cases.get(name);
    if (!list) cases.set(name, (list = []));
    return list;
  };
  for (const c of report.checked) caseOf(c.file, shownLabel(c.resource));
  for (const d of report.diagnostics) caseOf(d.file, d.resource ? shownLabel(d.resource) : FILE_CASE).push(d);

  const failing = (list: Diagnostic[]) => list.filter((d) => severityRank(d.severity) >= severityRank(report.failSeverity));
  const line = (d: Diagnostic) => `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`;
  let tests = 0;
  let failures = 0;
  const suites: string[] = [];
  for (const [file, cases] of files) {
    const body: string[] = [];
    let suiteFailures = 0;
    for (const [name, list] of cases) {
      const failed = failing(list);
      // a set: a table's 20,000 routes may each have a finding, all of one test case
      const failedSet = new Set(failed);
      const rest = list.filter((d) => !failedSet.has(d));
      const open = `    <testcase name="${xmlText(name)}" classname="${xmlText(file)}"`;
      if (list.length === 0) {
        body.push(open + '/>');
        continue;
      }
      body.push(open + '>');
      if (failed.length) {
        body.push(`      <failure message="${xmlText(failed[0]!.message)}" type="${failed[0]!.code}">${xmlText(failed.map(line).join('\n'))}</failure>`);
        suiteFailures++;
      }
      if (rest.length) body.push(`      <system-out>${xmlText(rest.map(line).join('\n'))}</system-out>`);
      body.push('    </testcase>');
    }
    tests += cases.size;
    failures += suiteFailures;
    suites.push(`  <testsuite name="${xmlText(file)}" tests="${cases.size}" failures="${suiteFailures}" errors="0">`, ...body, '  </testsuite>');
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="gwctl" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
};
