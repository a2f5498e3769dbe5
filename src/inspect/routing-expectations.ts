import { hostRewriteFor } from '../model/path-rewrite';
import { redirectStatus } from '../model/redirect-status';
import { serviceHost } from '../model/service-host';
import { serviceText, subsetText } from '../model/destination-text';
import type { Destination, ForwardAction, LambdaDestination, ListenerNode, RouteNode } from '../model/types';
import type { RequestAnswer, TestRequest } from './match-request';

/**
 * What a request must lead to, as a routing test states it. Every field is optional; each one given is
 * checked. `function` and `service` (with its `subset`) name one destination of the route; `weight`, `role` and
 * `randomValue` speak of that destination (`weight`: the sum of its shares where the route lists it more
 * than once).
 */
export interface Expectation {
  readonly listener?: string;
  readonly route?: string;
  /** 404 when no route matches; a direct response's status; 301, 302, 303, 307 or 308 for a redirect */
  readonly status?: number;
  readonly redirect?: string;
  /** the code of the finding that made the model replace the route by a 500 */
  readonly replaced?: string;
  /** true: no listener, host or route takes the request; false: something does */
  readonly notServed?: boolean;
  readonly function?: string | { readonly provider?: string; readonly name: string; readonly qualifier?: string };
  readonly service?: string;
  /**
   * with `service`: the labels of the endpoints the destination selects (its `subset`), exactly; `{}`
   * for none, the whole Service
   */
  readonly subset?: Readonly<Record<string, string>>;
  readonly role?: string;
  /** the destination's share of the traffic, in percent */
  readonly weight?: number;
  /** Envoy's draw for a weighted route (router_check_tool's random_value): the destination it picks */
  readonly randomValue?: number;
  /** the path the destination receives, without the query: the request's, or as the route rewrites it */
  readonly path?: string;
  /** the Host header the destination receives: the request's, or as the route rewrites it (hostReceived) */
  readonly host?: string;
}

/** The answer a test is judged on: the one of the listener it names, else the first (listeners are in model order). */
export function chooseAnswer(answers: readonly RequestAnswer[], expect: Expectation): RequestAnswer | undefined {
  return expect.listener !== undefined ? answers.find((a) => a.listener.name === expect.listener) : answers[0];
}

/** What the gateway does with the request, in a test's words: the status, and where a redirect goes. */
export function outcomeOf(answer: RequestAnswer | undefined, request: TestRequest, hostless?: ListenerNode): { served: boolean; status?: number; redirect?: string; route?: RouteNode } {
  // no host of a plain-HTTP listener on the port takes it: Envoy answers 404 (hostlessListener)
  if (!answer) return hostless ? { served: false, status: 404 } : { served: false };
  const route = answer.route;
  if (!route) return { served: false, status: 404 };
  const action = route.action;
  if (action.kind === 'direct') return { served: true, status: action.status, route };
  if (action.kind === 'redirect') return { served: true, status: redirectStatus(action.responseCode), redirect: redirectLocation(action, request, answer.listener.protocol === 'https' ? 'https' : 'http'), route };
  return { served: true, route };
}

function redirectLocation(action: Extract<RouteNode['action'], { kind: 'redirect' }>, request: TestRequest, from: 'http' | 'https'): string {
  const scheme = action.httpsRedirect ? 'https' : from;
  // Envoy's RouteEntryImplBase::processRequestHost (source/common/router/config_impl.cc): a host redirect
  // carries no port; otherwise the Host header stays as sent, but for the old scheme's default port when
  // the scheme changes (`http://shop:80` -> `https://shop`, `http://shop:8080` -> `https://shop:8080`)
  const dropped = scheme !== from ? `:${from === 'https' ? 443 : 80}` : undefined;
  const host = action.hostRedirect ?? (dropped && request.authority.endsWith(dropped) ? request.authority.slice(0, -dropped.length) : request.authority);
  // Envoy's newUri (source/common/http/utility.cc): "The path_redirect query string, if any, takes
  // precedence over the request's query string"; otherwise the query is kept as it was received. A
  // path that does not start with `/` is given one there
  const path = action.pathRedirect === undefined ? request.path : action.pathRedirect.startsWith('/') ? action.pathRedirect : `/${action.pathRedirect}`;
  if (action.pathRedirect?.includes('?')) return `${scheme}://${host}${path}`;
  return `${scheme}://${host}${path}${request.rawQuery ? `?${request.rawQuery}` : ''}`;
}

/**
 * Envoy's pick among weighted clusters (envoyproxy/envoy source/common/router/config_impl.cc,
 * pickClusterIndex; RouteEntryImplBase::clusterEntry in older releases): `random_value % total_weight`,
 * then the cluster whose interval [sum before it, sum with it) holds that value, in listed order.
 */
export function pickWeighted<T extends { readonly weight: number }>(destinations: readonly T[], randomValue: number): T | undefined {
  const total = destinations.reduce((n, d) => n + d.weight, 0);
  if (total <= 0) return undefined;
  const selected = Math.floor(randomValue) % total;
  let end = 0;
  for (const d of destinations) {
    end += d.weight;
    if (selected < end) return d;
  }
  return undefined;
}

/** Every way the answer differs from the expectation, in words; empty when the test passes. */
export function checkExpectation(answer: RequestAnswer | undefined, request: TestRequest, expect: Expectation, hostless?: ListenerNode): string[] {
  const problems: string[] = [];
  const outcome = outcomeOf(answer, request, hostless);
  const route = outcome.route;
  if (expect.listener !== undefined && !answer) problems.push(`no listener ${expect.listener} serves host ${request.host}`);
  if (expect.notServed !== undefined && expect.notServed === outcome.served) {
    problems.push(expect.notServed ? `expected not served, but route ${route?.name} serves it` : `expected served, but ${answer ? 'no route matches (404)' : hostless ? 'no host of the listener takes it (404)' : 'no listener serves the host'}`);
  }
  if (expect.route !== undefined && route?.name !== expect.route) problems.push(`expected route ${expect.route}, got ${route ? `route ${route.name}` : answer ? 'no route (404)' : hostless ? 'no host (404)' : 'no listener'}`);
  if (expect.status !== undefined && outcome.status !== expect.status) {
    problems.push(`expected status ${expect.status}, got ${outcome.status ?? (route ? 'a forward to its destinations' : 'no listener')}`);
  }
  if (expect.redirect !== undefined && outcome.redirect !== expect.redirect) problems.push(`expected a redirect to ${expect.redirect}, got ${outcome.redirect ?? 'no redirect'}`);
  if (expect.replaced !== undefined) {
    const replaced = route?.action.kind === 'direct' ? route.action.replaced?.code : undefined;
    if (replaced !== expect.replaced) problems.push(`expected the route replaced (${expect.replaced}), got ${replaced ? `replaced (${replaced})` : 'a route as written'}`);
  }
  const destinations = route?.action.kind === 'forward' ? route.action.destinations : [];
  const wanted = expect.function !== undefined || expect.service !== undefined ? destinations.find((d) => matchesDestination(d, expect)) : undefined;
  if ((expect.function !== undefined || expect.service !== undefined) && !wanted) {
    problems.push(`expected a destination ${describeWanted(expect)}, got ${destinations.length ? destinations.map(describeDestination).join(', ') : route ? `a route that ${route.action.kind === 'redirect' ? 'redirects' : 'answers directly'}` : 'no route'}`);
  }
  const subject: Destination | undefined = wanted ?? (destinations.length === 1 ? destinations[0] : undefined);
  if (expect.weight !== undefined && subject) {
    // the share of what the test names: every entry that is it, as a route that lists one destination
    // twice (GW4040) sends it both shares
    const entries = wanted ? destinations.filter((d) => matchesDestination(d, expect)) : [subject];
    const share = entries.reduce((n, d) => n + d.weight, 0);
    const listed = entries.length > 1 ? ` (listed ${entries.length} times: ${entries.map((d) => `${d.weight}%`).join(' + ')})` : '';
    if (share !== expect.weight) problems.push(`expected ${describeDestination(subject)} to get ${expect.weight}%, it gets ${share}%${listed}`);
  }
  if (expect.weight !== undefined && !subject && destinations.length > 1) problems.push('a weight needs the function or service it is the share of');
  if (expect.role !== undefined) {
    const lambda = subject?.kind === 'lambda' ? subject : (destinations.find((d) => d.kind === 'lambda') as LambdaDestination | undefined);
    const role = lambda?.invokeRole;
    const same = role && (role.name === expect.role || role.arn === expect.role);
    if (!same) problems.push(`expected invoke role ${expect.role}, got ${role ? role.name : lambda ? "the gateway's own credentials" : 'no function'}`);
  }
  if (expect.randomValue !== undefined) {
    const picked = pickWeighted(destinations, expect.randomValue);
    // the destination the expectation names, wherever the route lists it (once more, GW4040)
    if (wanted && !(picked && matchesDestination(picked, expect))) problems.push(`random value ${expect.randomValue} picks ${picked ? describeDestination(picked) : 'nothing'}, not ${describeDestination(wanted)}`);
    if (!wanted && expect.function === undefined && expect.service === undefined) problems.push('randomValue needs the function or service the draw must pick');
  }
  if (expect.path !== undefined) {
    // only a forward sends a path on; a redirect, a direct response or a 404 sends none
    const sent = route?.action.kind === 'forward' ? (answer!.rewrittenPath ?? request.path) : undefined;
    if (sent !== expect.path) problems.push(`expected the destination to receive path ${expect.path}, ${sent === undefined ? `but ${route ? 'the route forwards nothing' : 'no route serves it'}` : `it receives ${sent}`}`);
  }
  if (expect.host !== undefined) {
    const expected = `expected the destination to receive Host ${expect.host}`;
    // the destination the test speaks of: the one it names, or the only one
    const to = wanted ?? (destinations.length === 1 ? destinations[0] : undefined);
    const sent = route?.action.kind === 'forward' && to ? hostReceived(route.action, to, request) : undefined;
    if (route?.action.kind !== 'forward') problems.push(`${expected}, but ${route ? 'the route forwards nothing' : 'no route serves it'}`);
    else if (!to) problems.push(`${expected}: the route has ${destinations.length} destinations; name the function or service it goes to`);
    else if (sent === undefined) problems.push(`${expected}, but ${describeDestination(to)} is a function: it is invoked at its Lambda endpoint, with that endpoint's Host, which the request is signed for`);
    else if (sent !== expect.host) problems.push(`${expected}, it receives ${sent}`);
  }
  return problems;
}

/**
 * The Host header a destination of a forward receives: the route's hostRewrite; with autoHostRewrite, the
 * name of the upstream host the request is sent to (envoyproxy/envoy source/common/router/
 * upstream_request.cc, onPoolReady), which for a Service is its cluster-local name, the address of its
 * STRICT_DNS cluster; otherwise the Host as the client sent it. Undefined for a function: it is invoked
 * at its Lambda endpoint, with that endpoint's Host, whatever the route says (hostRewriteFor).
 */
export function hostReceived(action: ForwardAction, d: Destination, request: TestRequest): string | undefined {
  if (d.kind === 'lambda') return undefined;
  const rewrite = hostRewriteFor(action);
  return rewrite.host ?? (rewrite.auto ? serviceHost(d) : request.authority);
}

function matchesDestination(d: Destination, expect: Expectation): boolean {
  if (expect.service !== undefined) {
    if (d.kind !== 'service') return false;
    const [ref, port] = expect.service.split(':');
    return ref === `${d.namespace}/${d.name}` && (port === undefined || String(d.port) === port) && (expect.subset === undefined || subsetText(d.subset ?? {}) === subsetText(expect.subset));
  }
  if (d.kind !== 'lambda') return false;
  const f = expect.function!;
  if (typeof f === 'string') return f === d.arn || (!f.startsWith('arn:') && f === d.functionName && d.qualifier === '$LATEST');
  return f.name === d.functionName && (f.qualifier ?? '$LATEST') === d.qualifier && (f.provider === undefined || f.provider === `${d.provider.namespace}/${d.provider.name}`);
}

function describeWanted(expect: Expectation): string {
  if (expect.service !== undefined) return `service ${expect.service}${expect.subset === undefined ? '' : Object.keys(expect.subset).length ? ` (subset ${subsetText(expect.subset)})` : ' (no subset)'}`;
  const f = expect.function!;
  return typeof f === 'string' ? `function ${f}` : `function ${f.name}${f.qualifier ? `:${f.qualifier}` : ''}${f.provider ? ` of ${f.provider}` : ''}`;
}

export function describeDestination(d: Destination): string {
  return d.kind === 'lambda' ? d.arn : serviceText(d);
}
