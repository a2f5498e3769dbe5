import type { Finding } from '../diagnostics/finding';
import { UsageError } from '../errors';
import { printable } from '../text/printable';
import type { RegexEngine } from '../model/regex-engine';
import { slashlessPath } from '../model/routed-paths';
import type { Model, RouteNode } from '../model/types';
import { Locator } from '../source/locate';
import { listenerMatchers, namesAPort, servedMatchers, unsendable } from '../model/matchers';
import { shadowedRoutes } from '../model/shadowing';
import { explainAnswers } from './explain-answer';
import { hostlessListener, matchRequest, type RequestAnswer, type TestRequest } from './match-request';
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

/**
 * Routes tried for all the tests of a run, past which gwctl stops: each request is tried against the
 * routes of its host in order, so 100,000 tests on a host of 20,000 routes would take minutes (a test
 * file comes with the pull request). Real suites try thousands to millions.
 */
export const MAX_ROUTE_CHECKS = 200_000_000;

/** The routes tried that a failure's explanation lists: the first and the last (explain-answer.ts). */
const EXPLAINED_ROUTES = 40;

function explain(model: Model, request: TestRequest, engine: RegexEngine, test: RoutingTest, locator: Locator): string {
  const answers = matchRequest(model, request, engine);
  const answer = chooseAnswer(answers, test.expect);
  return explainAnswers(model, request, answer ? [answer] : answers, locator, EXPLAINED_ROUTES);
}

/**
 * A route no request can reach: an earlier route of its host matches every request it matches (`by`;
 * GW4007), Envoy refuses every matcher it has (`refused`: no target is given one), or every matcher
 * names a port other than the listener's (`port`, with the ports they name).
 */
export type UnreachableRoute = RouteRef & Unreachable;
type Unreachable = { readonly reason: 'shadowed'; readonly by: RouteNode } | { readonly reason: 'refused' } | { readonly reason: 'unsendable' } | { readonly reason: 'slashless' } | { readonly reason: 'port'; readonly ports: readonly number[] };

export interface TestRun {
  readonly results: readonly TestResult[];
  /** `findings:` expectations of the files that do not hold, per file */
  readonly findingMismatches: ReadonlyArray<{ readonly file: string; readonly expected: readonly string[]; readonly actual: readonly string[] }>;
  /** the routes coverage counts: those some request can reach */
  readonly routes: readonly RouteRef[];
  readonly unreached: readonly RouteRef[];
  /** the routes no request can reach, which coverage does not count (GW4007 reports the shadowed ones) */
  readonly unreachable: readonly UnreachableRoute[];
  /** percent of the reachable routes some test reached, 100 when there is none */
  readonly coverage: number;
}

/**
 * Runs routing tests against the model: each request is matched as `routes --request` matches it and
 * judged against its expectation. Coverage counts the routes (per listener and host) that some request
 * was served by, out of those some request can reach: a route no request can reach is listed apart, so
 * that `--fail-under 100` asks for what tests can do (the finding about it is the manifests' problem).
 */
export function runRoutingTests(model: Model, files: readonly RoutingTestsFile[], findings: readonly Finding[], engine: RegexEngine, locator = new Locator(), maxChecks = MAX_ROUTE_CHECKS): TestRun {
  const results: TestResult[] = [];
  let checks = 0;
  // per listener and host: a table's routes are one list on every host and listener it serves, and a
  // request on one of them reaches nothing on the others
  const reached = new Map<RouteNode, Set<string>>();
  const place = (listener: string, host: string) => `${listener}\n${host}`;
  for (const file of files) {
    for (const test of file.tests) {
      const request = test.sent;
      const answers = matchRequest(model, request, engine, false);
      const count = () => {
        for (const a of answers) checks += a.tried;
        if (checks > maxChecks) throw new UsageError(`${file.file}: test ${printable(JSON.stringify(test.name))} brings the routes tried for the tests past ${maxChecks.toLocaleString('en-US')}: gwctl stops there rather than run for minutes (every request is tried against the routes of its host in order); give fewer tests, or --max-route-checks`);
      };
      count();
      const answer = chooseAnswer(answers, test.expect);
      if (answer?.route) {
        let at = reached.get(answer.route);
        if (!at) reached.set(answer.route, (at = new Set()));
        at.add(place(answer.listener.name, answer.host.host));
      }
      const problems = checkExpectation(answer, request, test.expect, answers.length ? undefined : hostlessListener(model, request));
      // only a failure is explained: its request is matched again, with the reasons put in words
      if (problems.length) count();
      const explanation = problems.length ? explain(model, request, engine, test, locator) : undefined;
      results.push({ file: file.file, test, request, answer, problems, ...(explanation !== undefined ? { explanation } : {}) });
    }
  }
  const findingMismatches = files.flatMap((file) => {
    if (!file.findings) return [];
    const withLines = file.findings.some((f) => f.includes('@'));
    const actual = findings.map((f) => (withLines ? `${f.code}@${locator.locate(f.at).line}` : f.code)).sort();
    const expected = [...file.findings].sort();
    return findingsAsNamed(expected, actual) ? [] : [{ file: file.file, expected, actual }];
  });
  const routes: RouteRef[] = [];
  const unreachable: UnreachableRoute[] = [];
  // hosts of one table share its list of routes: each list is looked at once, and once per listener
  // port where a matcher names a port
  const unreachableIn = new Map<readonly RouteNode[], Map<number, Map<RouteNode, Unreachable>>>();
  for (const l of model.listeners) {
    for (const h of l.hosts) {
      let byPort = unreachableIn.get(h.routes);
      if (!byPort) unreachableIn.set(h.routes, (byPort = new Map()));
      const port = h.routes.some(namesAPort) ? l.port : undefined;
      let never = byPort.get(port ?? -1);
      if (!never) byPort.set(port ?? -1, (never = unreachableRoutes(h.routes, engine, port)));
      for (const route of h.routes) {
        const why = never.get(route);
        if (why) unreachable.push({ listener: l.name, host: h.host, route, ...why });
        else routes.push({ listener: l.name, host: h.host, route });
      }
    }
  }
  const unreached = routes.filter((r) => !reached.get(r.route)?.has(place(r.listener, r.host)));
  const coverage = routes.length ? Math.floor((1000 * (routes.length - unreached.length)) / routes.length) / 10 : 100;
  return { results, findingMismatches, routes, unreached, unreachable, coverage };
}

/**
 * Whether the findings are exactly those a test file names: `GW4018@12` is the GW4018 on line 12, and
 * `GW4018` one anywhere, so that `[GW4018, GW3008@12]` pins one finding to its line and not the other.
 * `actual` is every finding as `CODE@line` when some name has a line, else as `CODE`. Before, a list
 * that gave a line for some names only never held: each finding was compared with its line.
 */
export function findingsAsNamed(expected: readonly string[], actual: readonly string[]): boolean {
  if (expected.length !== actual.length) return false;
  // what is left of each finding on its line, and of each code on any line
  const atLine = new Map<string, number>();
  const ofCode = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);
  for (const a of actual) {
    add(atLine, a, 1);
    add(ofCode, a.split('@')[0]!, 1);
  }
  for (const e of expected) {
    const code = e.split('@')[0]!;
    if (e.includes('@')) {
      if (!atLine.get(e)) return false;
      add(atLine, e, -1);
    }
    if (!ofCode.get(code)) return false;
    add(ofCode, code, -1);
  }
  return true;
}

/**
 * The routes of a host no request can reach, and why. With `port`, on a listener of that port, where
 * some matcher names a port: a route whose every matcher names another port matches nothing there (the
 * same route may serve the listener of that port), and the others are compared with the matchers they
 * have on this listener, where a matcher of its port is one without a port: a route of this port that
 * matches every path shadows the routes after it here, and only here.
 */
function unreachableRoutes(routes: readonly RouteNode[], engine: RegexEngine, port?: number): Map<RouteNode, Unreachable> {
  const never = new Map<RouteNode, Unreachable>();
  // each route as this listener serves it, and the route it stands for
  const original = new Map<RouteNode, RouteNode>();
  const here: RouteNode[] = [];
  for (const route of routes) {
    const served = servedMatchers(route);
    if (served.length === 0) {
      never.set(route, { reason: 'refused' });
      continue;
    }
    // every matcher needs what no client sends (GW4045): no test can reach the route
    if (route.matchers.length && served.every((m) => unsendable(m, engine))) {
      never.set(route, { reason: 'unsendable' });
      continue;
    }
    // every path starts no request path, the route's paths being whole here (GW4016)
    if (route.matchers.length && served.every((m) => slashlessPath(m.path, engine))) {
      never.set(route, { reason: 'slashless' });
      continue;
    }
    if (port === undefined) {
      here.push(route);
      continue;
    }
    const matchers = listenerMatchers(route, port);
    if (matchers.length === 0) {
      never.set(route, { reason: 'port', ports: [...new Set(served.map((m) => m.port!))].sort((a, b) => a - b) });
      continue;
    }
    const view: RouteNode = Object.create(route, { matchers: { value: matchers.map((m) => (m.port === undefined ? m : { ...m, port: undefined })) } });
    original.set(view, route);
    here.push(view);
  }
  for (const { route, by } of shadowedRoutes(here)) never.set(original.get(route) ?? route, { reason: 'shadowed', by: original.get(by) ?? by });
  return never;
}
