import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { analyze, type Analysis } from '../../src/analyze';
import { nodeHost } from '../../src/host/node-host';
import { hostlessListener, matchRequest, parseRequest } from '../../src/inspect/match-request';
import { checkExpectation, chooseAnswer } from '../../src/inspect/routing-expectations';
import { readRoutingTests } from '../../src/inspect/routing-tests-file';
import { loadRegexEngine } from '../../src/model/regex-engine';
import { Locator } from '../../src/source/locate';

/**
 * A corpus case: manifests (a file or a folder) and a routing test file that states Gloo's answer: the
 * findings expected (codes, optionally with the line) and what each request must lead to.
 */
export async function runCase(manifests: string, testsFile: string): Promise<{ analysis: Analysis; findings: string[]; expectedFindings?: readonly string[]; failures: string[] }> {
  const spec = readRoutingTests(testsFile, parse(readFileSync(testsFile, 'utf8')));
  const analysis = await analyze(nodeHost(), { paths: [manifests], stdinName: '-' });
  const locator = new Locator();
  const withLines = spec.findings?.some((f) => f.includes('@')) ?? false;
  const findings = analysis.findings
    .map((f) => (withLines ? `${f.code}@${locator.locate(f.at).line}` : f.code))
    .sort();
  const engine = await loadRegexEngine();
  const failures: string[] = [];
  for (const test of spec.tests) {
    const request = parseRequest(test.request, test.headers);
    const answers = matchRequest(analysis.model, request, engine);
    // as `gwctl test` judges it (run-routing-tests.ts): no host of a listener on the port is Envoy's 404
    const hostless = answers.length ? undefined : hostlessListener(analysis.model, request);
    for (const problem of checkExpectation(chooseAnswer(answers, test.expect), request, test.expect, hostless)) failures.push(`${test.name}: ${problem}`);
  }
  return { analysis, findings, ...(spec.findings ? { expectedFindings: [...spec.findings].sort() } : {}), failures };
}
