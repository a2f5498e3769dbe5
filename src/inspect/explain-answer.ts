import { timeoutWords } from '../text/duration-forms';
import { hostRewriteFor } from '../model/path-rewrite';
import type { ListenerNode, Model, PolicyNode, RouteNode } from '../model/types';
import { policiesOf } from '../model/policy-selection';
import { retriesWords } from '../model/retries-words';
import { plural } from '../text/plural';
import { Locator } from '../source/locate';
import { hostlessListener, type RequestAnswer, type TestRequest } from './match-request';
import { firstAndMore, NAMES_SHOWN } from '../text/first-and-more';
import { hostReceived, outcomeOf } from './routing-expectations';
import { actionRows, formatColumns, matchText } from './routes-table';
import { placeAnchor } from './serialize-model';
import { printable } from '../text/printable';

/**
 * Why a request goes where it goes, in words: the listener and host, each route tried and why it did not
 * match, the route that serves it and what it does. `routes --request` prints it, `gwctl test` prints it
 * under a failing test.
 */
export function explainAnswers(model: Model, request: TestRequest, answers: readonly RequestAnswer[], locator = new Locator(), shown = Infinity): string {
  return answers.length ? answers.map((a) => explainAnswer(a, request, locator, shown, model.policies)).join('\n') : noListener(model, request);
}

/**
 * `shown`: how many of the routes tried are listed, half from the first and half from the last (the one
 * that matched); `gwctl test` lists 40 under each failure, where a host of 20,000 routes made 20,000
 * lines a test.
 */
export function explainAnswer(answer: RequestAnswer, request: TestRequest, locator: Locator, shown = Infinity, policies: readonly PolicyNode[] = []): string {
  const lines = [printable(`listener ${answer.listener.name}, host ${answer.host.host}`)];
  if (request.sentPath !== undefined) lines.push(printable(`path ${request.sentPath} is routed as ${request.path} (the gateway normalises it)`));
  const row = (i: number) => {
    const t = answer.attempts[i]!;
    return [`  ${i + 1}.`, t.route.name, matchText(t.route), t.reason === undefined ? 'MATCH' : `no: ${t.reason}`];
  };
  const count = answer.attempts.length;
  const head = count > shown ? Math.ceil(shown / 2) : count;
  const tail = count > shown ? Math.floor(shown / 2) : 0;
  const tried = [...Array.from({ length: head }, (_, i) => row(i)), ...(tail ? [['  …', '', '', count - head - tail === 1 ? '1 more route that does not match' : `${count - head - tail} more routes that do not match`]] : []), ...Array.from({ length: tail }, (_, i) => row(count - tail + i))];
  if (tried.length) lines.push(formatColumns(tried).trimEnd());
  if (!answer.route) {
    lines.push('no route matches: the gateway answers 404');
    return lines.join('\n') + '\n';
  }
  lines.push(`served by route ${printable(answer.route.name)} (${printable(where(answer.route, locator))})`);
  const action = answer.route.action;
  if (action.kind === 'redirect') {
    const outcome = outcomeOf(answer, request);
    lines.push(printable(`  redirect ${outcome.status} to ${outcome.redirect}`));
  } else {
    for (const row of actionRows(action)) {
      lines.push(printable(`  ${[row.weight, row.destination, row.provider && `CloudProvider ${row.provider}`, row.role && `role ${row.role}`].filter(Boolean).join('  ')}`));
    }
    if (action.kind === 'direct' && action.replaced) lines.push(printable(`  replaced because ${action.replaced.reason}`));
    if (answer.rewrittenPath !== undefined) lines.push(printable(`  path rewritten: ${request.path} is sent as ${answer.rewrittenPath}`));
    if (answer.rewrittenHost !== undefined) lines.push(printable(`  host rewritten: ${request.authority} is sent as ${answer.rewrittenHost}`));
    else if (action.kind === 'forward' && hostRewriteFor(action).auto) {
      // autoHostRewrite: what each destination receives (hostRewriteFor: only routes to Services rewrite)
      const names = [...new Set(action.destinations.flatMap((d) => hostReceived(action, d, request) ?? []))];
      lines.push(printable(`  host rewritten (autoHostRewrite): ${request.authority} is sent as ${names.length === 1 ? names[0] : `the name of the Service it goes to: ${names.join(', ')}`}`));
    }
  }
  lines.push(...policyLines(policies, answer.route, answer.listener));
  return lines.join('\n') + '\n';
}

/**
 * The Gloo Platform policies that select the route (an ExtAuthPolicy decides who reaches it at all), then
 * those that may (what they select is not decided here: policy-selection.ts): gwctl renders none of them
 * but a RetryTimeoutPolicy's request timeout (GW7016, GW7017), so the answer above is the gateway's only
 * where it enforces these too. Each group's first five, then a count.
 */
function policyLines(policies: readonly PolicyNode[], route: RouteNode, listener: ListenerNode): string[] {
  const { selecting, undecided } = policiesOf(policies, route, listener);
  if (selecting.length + undecided.length === 0) return [];
  const group = (list: readonly PolicyNode[], one: string, many = one) => {
    const lines = list.slice(0, NAMES_SHOWN).map((p) => {
      const effect = policyEffect(p);
      return printable(`    ${p.ref.kind} ${p.ref.namespace}/${p.ref.name} ${one} (${p.appliesTo})${effect ? `: ${effect}` : ''}`);
    });
    const more = list.length - NAMES_SHOWN;
    if (more > 0) lines.push(`    and ${plural(more, 'more policy', 'more policies')} that ${more === 1 ? one : many}`);
    return lines;
  };
  return ["  policies (Gloo Platform's; the outputs gwctl renders carry none but a RetryTimeoutPolicy's request timeout):", ...group(selecting, 'selects it', 'select it'), ...group(undecided, 'may select it')];
}

/**
 * What gwctl reads of a policy's effect on the route, in words: a RetryTimeoutPolicy's request timeout and
 * retries (how long the gateway waits, and when it runs the request again: GW8020, GW4055), or nothing.
 */
function policyEffect(p: PolicyNode): string {
  const parts: string[] = [];
  if (p.requestTimeout) parts.push(`request timeout ${timeoutWords(p.requestTimeout.seconds)}`);
  if (p.retries) parts.push(retriesWords(p.retries));
  return parts.join(', ');
}

function noListener(model: Model, request: TestRequest): string {
  const hostless = hostlessListener(model, request);
  if (hostless) {
    const hosts = hostless.hosts.length ? `its hosts are ${firstAndMore(hostless.hosts.map((h) => h.host), NAMES_SHOWN, ', ')}` : 'it has no host';
    return printable(`listener ${hostless.name} has no host ${request.host} (${hosts}): the gateway answers 404`) + '\n';
  }
  const ports = [...new Set(model.listeners.map((l) => l.port))].sort((a, b) => a - b);
  const line = printable(`no listener serves host ${request.host}${request.port !== undefined ? ` on port ${request.port}` : ''}`);
  const hint = request.port !== undefined && ports.length && !ports.includes(request.port) ? ` (the listeners are on port ${ports.join(', ')}: name the port in the URL, as in http://${request.host}:${ports[0]}/)` : '';
  return `${line}${printable(hint)}\n`;
}

function where(route: RouteNode, locator: Locator): string {
  const p = placeAnchor(route.source, locator);
  return `${p.file}:${p.line}`;
}
