import { beforeAll, describe, expect, it } from 'vitest';
import { describeAction, diffModels } from '../../src/inspect/routing-diff';
import { matchRequest, parseRequest, type TestRequest } from '../../src/inspect/match-request';
import { outcomeOf } from '../../src/inspect/routing-expectations';
import { loadRegexEngine, type RegexEngine } from '../../src/model/regex-engine';
import type { Model } from '../../src/model/types';
import { requestTimeouts } from '../../src/model/request-timeouts';
import { analyzeText } from '../helpers/analyze-text';
import { FirstOfEachKind, fixtureInputs, fixtureTexts, mutationGenerator } from '../helpers/mutated-fixtures';
import { requestsFrom } from '../helpers/model-requests';

/**
 * `gwctl diff` is a gate: "routing unchanged" must mean that no request is answered otherwise. On every
 * fixture and on seeded mutations of them, each changed once more (a value, a list item, a field), every
 * request made from the matchers of either version whose answer differs (the listener, host and route
 * that serve it, its status, redirect, destinations with their weights, roles and options, the path and
 * Host it is sent with, a direct response's body, the request timeout a RetryTimeoutPolicy gives it)
 * must be named by the diff: its host is listed, and the
 * route that serves it before or after is added, removed, changed or moved there (where no route serves it
 * on either side, the host is listed; a redirect whose scheme alone changes, the listener whose protocol
 * changed is listed). Runs of 20,000 pairs
 * found that a direct response's body that changed was not named; this sample fails without it (shown).
 */
const INPUTS = 1500;
const DIRS = ['fixtures/examples', 'fixtures/model/semantics', 'fixtures/render', 'fixtures/real-world'];

/** Everything of a request's answer a client or a function can tell apart, and who serves it. */
function answerOf(model: Model, request: TestRequest, engine: RegexEngine) {
  const answer = matchRequest(model, request, engine)[0];
  if (!answer) return { key: 'no listener', at: '', route: undefined, chain: undefined, listener: undefined, byRoutes: 'no listener' };
  const outcome = outcomeOf(answer, request);
  const route = outcome.route;
  const body = route?.action.kind === 'direct' ? route.action.body : undefined;
  // how long the gateway waits on it: the request timeout of the RetryTimeoutPolicy that selects it
  const timeout = route?.action.kind === 'forward' ? requestTimeouts(model.policies ?? [])(route)?.seconds : undefined;
  const fields = (redirect: string | undefined) => JSON.stringify([answer.listener.name, answer.host.host, outcome.status, redirect, route && describeAction(route), body, answer.rewrittenPath, answer.rewrittenHost, timeout]);
  // a redirect keeps the scheme of its listener, whose protocol is the listener's own setting
  const byRoutes = fields(outcome.redirect?.replace(/^https?:/, ''));
  // who serves it: its name, and what it is flattened from (tables and routes)
  const chain = route && JSON.stringify(route.chain.map((o) => [o.table.kind, o.table.namespace, o.table.name, o.route]));
  return { key: fields(outcome.redirect), at: `${answer.listener.name}\u0000${answer.host.host}`, route: route?.name, chain, listener: answer.listener.name, byRoutes };
}

/**
 * Whether one route serves a request on both sides, as the diff pairs routes: the same name (a table
 * renamed keeps its routes), or the same tables and routes (a name repeated on a host is numbered by
 * position, `r~2`, and the removal of another `r` renumbers it without changing what serves).
 */
const sameRoute = (x: ReturnType<typeof answerOf>, y: ReturnType<typeof answerOf>) => x.route === y.route || (x.chain !== undefined && x.chain === y.chain);

describe('gwctl diff names every request a change answers otherwise, on mutated fixtures', () => {
  let engine: RegexEngine;
  beforeAll(async () => {
    engine = await loadRegexEngine();
  });

  it(`on every fixture and ${INPUTS.toLocaleString('en-US')} mutations, each changed once more`, async () => {
    const seeds = fixtureTexts(DIRS);
    const generator = mutationGenerator(20261208, { mutations: 3, growth: 3 });
    const { mutate: change } = mutationGenerator(20261209, { mutations: 1, growth: 2 });
    const unnamed = new FirstOfEachKind();
    let differing = 0;
    for (const { index: i, source, text: base } of fixtureInputs(seeds, generator, INPUTS)) {
      let head: string;
      try {
        head = change(base);
      } catch {
        continue;
      }
      const [a, b] = [await analyzeText(base, 'in.yaml'), await analyzeText(head, 'in.yaml')];
      if (!a.analysis.model || !b.analysis.model) continue;
      const diff = diffModels({ model: a.analysis.model, findings: a.findings }, { model: b.analysis.model, findings: b.findings });
      const changedListeners = new Set(diff.listeners.map((l) => l.listener));
      const named = new Map(diff.hosts.map((h) => [`${h.listener}\u0000${h.host}`, new Set([...h.added, ...h.removed, ...h.changed, ...h.reordered].map((r) => r.name))]));
      for (const r of [...requestsFrom(a.analysis.model, generator.random, 30), ...requestsFrom(b.analysis.model, generator.random, 30)]) {
        const request = parseRequest(r.line, r.headers);
        const before = answerOf(a.analysis.model, request, engine);
        const after = answerOf(b.analysis.model, request, engine);
        if (before.key === after.key && sameRoute(before, after)) continue;
        differing++;
        // a route that serves it before or after is named; where none does (404 on both sides, or no
        // listener on one), its host is listed: it came or went with its routes
        const names = (at: string, route: string | undefined) => (route !== undefined ? named.get(at)?.has(route) === true : before.route === undefined && after.route === undefined && named.has(at));
        if (names(before.at, before.route) || names(after.at, after.route)) continue;
        // what only the listener's protocol changes (a redirect's scheme) is named by the listener's change
        if (before.byRoutes === after.byRoutes && changedListeners.has(before.listener!)) continue;
        unnamed.add(`${before.key} → ${after.key}`, `input ${i} from ${source}, ${r.line}: ${before.key} → ${after.key}; the diff names ${JSON.stringify(diff.hosts.map((h) => [h.listener, h.host]))}`);
      }
    }
    expect(unnamed.examples()).toEqual([]);
    // enough changes reach a request for the property to say something
    expect(differing).toBeGreaterThan(INPUTS / 2);
  });
});
