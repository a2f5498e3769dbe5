import type { Finding } from '../diagnostics/finding';
import type { RegexEngine } from '../model/regex-engine';
import type { Model, RouteNode } from '../model/types';
import { Locator } from '../source/locate';
import { explainAnswers } from './explain-answer';
import { matchRequest, parseRequest, type RequestAnswer, type TestRequest } from './match-request';
import { checkExpectation, chooseAnswer } from './routing-expectations';
import type { RoutingTest, RoutingTestsFile } from './routing-tests-file';

export interface TestResult {
  readonly file: string;
  readonly test: RoutingTest;
  readonly request: TestRequest;
  readonly answer: RequestAnswer | undefined;
  /** empty when the test passes */
  readonly problems: readonly string[];
  /** for a failure: the `routes --request` explanation */
  readonly explanation?: string;
}

export interface RouteRef {
  readonly listener: string;
  readonly host: string;
  readonly route: RouteNode;
}

export interface TestRun {
  readonly results: readonly TestResult[];
  /** `findings:` expectations of the files that do not hold, per file */
  readonly findingMismatches: ReadonlyArray<{ readonly file: string; readonly expected: readonly string[]; readonly actual: readonly string[] }>;
  readonly routes: readonly RouteRef[];
  readonly unreached: readonly RouteRef[];
  /** percent of routes some test reached, 100 when there is no route */
  readonly coverage: number;
}

/**
 * Runs routing tests against the model: each request is matched as `routes --request` matches it and
 * judged against its expectation. Coverage counts the routes (per listener and host) that some request
 * was served by.
 */
export function runRoutingTests(model: Model, files: readonly RoutingTestsFile[], findings: readonly Finding[], engine: RegexEngine, locator = new Locator()): TestRun {
  const results: TestResult[] = [];
  const reached = new Set<RouteNode>();
  for (const file of files) {
    for (const test of file.tests) {
      const request = parseRequest(test.request, test.headers);
      const answers = matchRequest(model, request, engine);
      const answer = chooseAnswer(answers, test.expect);
      if (answer?.route) reached.add(answer.route);
      const problems = checkExpectation(answer, request, test.expect);
      results.push({ file: file.file, test, request, answer, problems, ...(problems.length ? { explanation: explainAnswers(model, request, answer ? [answer] : answers, locator) } : {}) });
    }
  }
  const findingMismatches = files.flatMap((file) => {
    if (!file.findings) return [];
    const withLines = file.findings.some((f) => f.includes('@'));
    const actual = findings.map((f) => (withLines ? `${f.code}@${locator.locate(f.at).line}` : f.code)).sort();
    const expected = [...file.findings].sort();
    return actual.join() === expected.join() ? [] : [{ file: file.file, expected, actual }];
  });
  const routes = model.listeners.flatMap((l) => l.hosts.flatMap((h) => h.routes.map((route) => ({ listener: l.name, host: h.host, route }))));
  const unreached = routes.filter((r) => !reached.has(r.route));
  const coverage = routes.length ? Math.floor((1000 * (routes.length - unreached.length)) / routes.length) / 10 : 100;
  return { results, findingMismatches, routes, unreached, coverage };
}
