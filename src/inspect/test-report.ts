import { xmlText } from '../text/xml-text';
import { placeAnchor } from './serialize-model';
import type { TestRun } from './run-routing-tests';
import { Locator } from '../source/locate';
import { printable, printableLines } from '../text/printable';
import { jsonText } from '../text/json-text';
import { listUnder } from '../data/under';

export type TestFormat = 'text' | 'json' | 'junit';

/**
 * The result of `gwctl test` in one of its formats: text (a line per test, the explanation under each
 * failure, the routes no test reached), JSON, or JUnit XML (a suite per test file, a case per test, and
 * with --fail-under a case for the coverage).
 */
export function formatTestRun(run: TestRun, format: TestFormat, failUnder: number | undefined): string {
  if (format === 'json') return jsonText(toJson(run, failUnder), 2) + '\n';
  if (format === 'junit') return toJunit(run, failUnder);
  return toText(run, failUnder);
}

const routeLabel = (r: TestRun['unreached'][number], locator: Locator) => {
  const p = placeAnchor(r.route.source, locator);
  return `${r.listener}  ${r.host}  ${r.route.name}  (${p.file}:${p.line})`;
};

function toText(run: TestRun, failUnder: number | undefined): string {
  const locator = new Locator();
  const lines: string[] = [];
  for (const r of run.results) {
    lines.push(`${r.problems.length ? 'FAIL' : 'PASS'}  ${r.test.name}`);
    if (r.problems.length) {
      for (const p of r.problems) lines.push(`      ${p}`);
      // the explanation is printable already: its line breaks are gwctl's
      for (const l of (r.explanation ?? '').trimEnd().split('\n')) lines.push(`      | ${l}`);
    }
  }
  for (const m of run.findingMismatches) {
    lines.push(`FAIL  findings of ${m.file}`, `      expected ${m.expected.join(', ') || 'none'}`, `      got      ${m.actual.join(', ') || 'none'}`);
  }
  const failed = run.results.filter((r) => r.problems.length).length + run.findingMismatches.length;
  lines.push('', `${run.results.length - (failed - run.findingMismatches.length)} passed, ${failed} failed`);
  const notCounted = run.unreachable.length === 0 ? '' : run.unreachable.length === 1 ? '; 1 route no request can reach is not counted' : `; ${run.unreachable.length} routes no request can reach are not counted`;
  lines.push(`coverage: ${run.routes.length - run.unreached.length} of ${run.routes.length} routes reached (${run.coverage}%)${failUnder !== undefined ? `, --fail-under ${failUnder}%` : ''}${notCounted}`);
  if (run.unreached.length) {
    lines.push('routes no test reached:');
    for (const r of run.unreached) lines.push(`  ${routeLabel(r, locator)}`);
  }
  if (run.unreachable.length) {
    lines.push('routes no request can reach:');
    for (const r of run.unreachable) lines.push(`  ${routeLabel(r, locator)}  ${unreachableReason(r)}`);
  }
  return printableLines(lines) + '\n';
}

const unreachableReason = (r: TestRun['unreachable'][number]) =>
  r.reason === 'shadowed'
    ? `route \`${r.by.name}\` before it matches every request it matches (GW4007)`
    : r.reason === 'port'
      ? `its matchers match on port ${r.ports.join(', ')} only, not this listener's`
      : r.reason === 'unsendable'
        ? 'every matcher it has needs what no request holds when the gateway routes it (GW4045)'
        : r.reason === 'slashless'
          ? 'every matcher it has has a path no request path starts with (GW4016)'
          : 'Envoy refuses every matcher it has';

function toJson(run: TestRun, failUnder: number | undefined) {
  const locator = new Locator();
  return {
    tests: run.results.map((r) => ({
      file: r.file,
      name: r.test.name,
      request: r.test.request,
      passed: r.problems.length === 0,
      ...(r.answer?.route ? { route: r.answer.route.name, listener: r.answer.listener.name } : {}),
      ...(r.problems.length ? { problems: r.problems, explanation: r.explanation } : {}),
    })),
    findings: run.findingMismatches,
    coverage: {
      percent: run.coverage,
      routes: run.routes.length,
      reached: run.routes.length - run.unreached.length,
      ...(failUnder !== undefined ? { failUnder } : {}),
      unreached: run.unreached.map((r) => {
        const p = placeAnchor(r.route.source, locator);
        return { listener: r.listener, host: r.host, route: r.route.name, file: p.file, line: p.line };
      }),
      unreachable: run.unreachable.map((r) => {
        const p = placeAnchor(r.route.source, locator);
        return { listener: r.listener, host: r.host, route: r.route.name, file: p.file, line: p.line, reason: r.reason, ...(r.reason === 'shadowed' ? { by: r.by.name } : r.reason === 'port' ? { ports: r.ports } : {}) };
      }),
    },
  };
}


function toJunit(run: TestRun, failUnder: number | undefined): string {
  const byFile = new Map<string, TestRun['results'][number][]>();
  for (const r of run.results) listUnder(byFile, r.file).push(r);
  const suites: string[] = [];
  let total = 0;
  let failures = 0;
  for (const [file, results] of byFile) {
    const mismatch = run.findingMismatches.find((m) => m.file === file);
    const cases = results.map((r) => {
      const open = `    <testcase name="${xmlText(printable(r.test.name))}" classname="${xmlText(printable(file))}"`;
      if (!r.problems.length) return `${open}/>`;
      return `${open}>\n      <failure message="${xmlText(printable(r.problems[0]!))}">${xmlText([...r.problems.map(printable), '', r.explanation ?? ''].join('\n'))}</failure>\n    </testcase>`;
    });
    if (mismatch) cases.push(`    <testcase name="findings" classname="${xmlText(printable(file))}">\n      <failure message="findings differ">${xmlText(printableLines([`expected ${mismatch.expected.join(', ')}`, `got ${mismatch.actual.join(', ')}`]))}</failure>\n    </testcase>`);
    const suiteFailures = results.filter((r) => r.problems.length).length + (mismatch ? 1 : 0);
    total += cases.length;
    failures += suiteFailures;
    suites.push(`  <testsuite name="${xmlText(printable(file))}" tests="${cases.length}" failures="${suiteFailures}" errors="0">`, ...cases, '  </testsuite>');
  }
  // --fail-under makes coverage a check of its own: a CI that reads only the JUnit file sees it fail
  if (failUnder !== undefined) {
    const under = run.coverage < failUnder;
    const locator = new Locator();
    const open = `    <testcase name="${xmlText(`at least ${failUnder}% of the reachable routes reached`)}" classname="coverage"`;
    const detail = printableLines(['routes no test reached:', ...run.unreached.map((r) => `  ${routeLabel(r, locator)}`)]);
    suites.push(
      `  <testsuite name="coverage" tests="1" failures="${under ? 1 : 0}" errors="0">`,
      under ? `${open}>\n      <failure message="${xmlText(`coverage ${run.coverage}% is under --fail-under ${failUnder}%`)}">${xmlText(detail)}</failure>\n    </testcase>` : `${open}/>`,
      '  </testsuite>',
    );
    total += 1;
    failures += under ? 1 : 0;
  }
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="gwctl test" tests="${total}" failures="${failures}" errors="0">`, ...suites, '</testsuites>', ''].join('\n');
}
