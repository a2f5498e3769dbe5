import { resourceLabel, type Finding } from '../diagnostics/finding';
import { anchorPointer } from '../source/anchor';
import type { Destination, Model, RouteNode } from '../model/types';
import { matchText } from './routes-table';
import { regexRewriteText } from '../model/path-rewrite';
import { serviceText } from '../model/destination-text';
import { requestTimeouts, routeRetries, type RequestTimeout, type RetryingPolicy } from '../model/request-timeouts';
import { retriesWords } from '../model/retries-words';
import { timeoutWords } from '../text/duration-forms';

/** A route as a diff shows it: what it matches and what it does, without where it is written. */
export interface RouteView {
  readonly name: string;
  readonly match: string;
  readonly action: string;
  /** the request timeout a RetryTimeoutPolicy gives it on Gloo Platform's gateway, where one does */
  readonly requestTimeout?: string;
  /** the retries a RetryTimeoutPolicy gives it there, where one does (`or` between two: GW4056) */
  readonly retries?: string;
}

export interface HostDiff {
  readonly listener: string;
  readonly host: string;
  readonly added: readonly RouteView[];
  readonly removed: readonly RouteView[];
  /** routes whose place among the others changed (which route wins a request may have changed) */
  readonly reordered: ReadonlyArray<{ readonly name: string; readonly from: number; readonly to: number }>;
  readonly changed: ReadonlyArray<{ readonly name: string; readonly changes: readonly string[] }>;
}

/** A listener's own settings that changed: its TLS, its protocol, whether it redirects to https. */
export interface ListenerDiff {
  readonly listener: string;
  readonly changes: readonly string[];
}

export interface FindingView {
  readonly code: string;
  readonly severity: string;
  readonly resource: string;
  readonly message: string;
}

export interface RoutingDiff {
  readonly listeners: readonly ListenerDiff[];
  readonly hosts: readonly HostDiff[];
  readonly findings: { readonly appeared: readonly FindingView[]; readonly disappeared: readonly FindingView[] };
  /** true when any listener, host or route serves differently */
  readonly routingChanged: boolean;
}

/**
 * What the diff reads of one side: its listeners (their settings, hosts and flattened routes) and its
 * findings. `gwctl diff` keeps no more of the first side while it reads the second.
 */
export interface DiffSide {
  readonly model: Pick<Model, 'listeners' | 'policies'>;
  readonly findings: readonly Finding[];
}

/**
 * What a change does to routing: the listeners whose own settings changed (TLS, protocol, the redirect
 * to https); per listener and host, routes added, removed, moved and changed (destinations, qualifiers,
 * roles, weights, rewrites, replacements, direct responses, the request timeout and retries a
 * RetryTimeoutPolicy gives), and findings that appear or go. It
 * compares the resolved models, so what does not change routing (formatting, comments, moving a resource
 * to another file, the order of documents where order does not decide) shows nothing.
 */
export function diffModels(base: DiffSide, head: DiffSide): RoutingDiff {
  const before = indexRoutes(base.model);
  const after = indexRoutes(head.model);
  const timeouts = { base: requestTimeouts(base.model.policies ?? []), head: requestTimeouts(head.model.policies ?? []) };
  const retries = { base: routeRetries(base.model.policies ?? []), head: routeRetries(head.model.policies ?? []) };
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort(byListenerPortHost);
  const hosts: HostDiff[] = [];
  for (const key of keys) {
    const a = before.get(key)?.routes ?? [];
    const b = after.get(key)?.routes ?? [];
    const [listener, host] = (before.get(key) ?? after.get(key))!.at;
    const was = pairRoutes(a, b);
    const kept = new Set(was);
    const added = b.filter((_, j) => was[j] === undefined).map((r) => view(r, timeouts.head(r), retries.head(r)));
    const removed = a.filter((_, i) => !kept.has(i)).map((r) => view(r, timeouts.base(r), retries.base(r)));
    const changed = b.flatMap((r, j) => {
      if (was[j] === undefined) return [];
      const before = a[was[j]!]!;
      // a timeout bounds the wait on a destination, and a retry asks it again: a redirect or a direct
      // response has neither
      const waits = r.action.kind === 'forward' ? [...timeoutChange(timeouts.base(before), timeouts.head(r)), ...retriesChange(retries.base(before), retries.head(r))] : [];
      const changes = [...routeChanges(before, r), ...waits];
      return changes.length ? [{ name: r.name, changes }] : [];
    });
    const reordered = movedRoutes(b.flatMap((r, j) => (was[j] === undefined ? [] : [{ name: r.name, from: was[j]! }])));
    if (added.length || removed.length || changed.length || reordered.length) hosts.push({ listener, host, added, removed, reordered, changed });
  }
  const fa = new Map(base.findings.map((f) => [findingKey(f), f]));
  const fb = new Map(head.findings.map((f) => [findingKey(f), f]));
  const listeners = listenerChanges(base.model, head.model);
  return {
    listeners,
    hosts,
    findings: {
      appeared: [...fb].filter(([k]) => !fa.has(k)).map(([, f]) => findingView(f)),
      disappeared: [...fa].filter(([k]) => !fb.has(k)).map(([, f]) => findingView(f)),
    },
    routingChanged: hosts.length > 0 || listeners.length > 0,
  };
}

/**
 * The listeners of both sides whose own settings differ. A listener that comes or goes shows as its
 * hosts added or removed; one that stays can change what a client must present or may negotiate (a
 * client certificate, TLS versions, cipher suites, the certificate served) with every route the same.
 */
function listenerChanges(base: DiffSide['model'], head: DiffSide['model']): ListenerDiff[] {
  const before = new Map(base.listeners.map((l) => [l.name, l]));
  const out: ListenerDiff[] = [];
  for (const l of head.listeners) {
    const was = before.get(l.name);
    if (!was) continue;
    const changes: string[] = [];
    const compare = (what: string, a: string | undefined, b: string | undefined) => {
      if (a !== b) changes.push(`${what}: ${a ?? 'none'} → ${b ?? 'none'}`);
    };
    compare('protocol', was.protocol, l.protocol);
    compare('redirect to https', was.httpsRedirect ? 'on' : 'off', l.httpsRedirect ? 'on' : 'off');
    const [x, y] = [was.tls, l.tls];
    compare('TLS mode', x?.mode, y?.mode);
    compare('TLS certificate', x?.certificateFile, y?.certificateFile);
    compare('TLS private key', x?.privateKeyFile, y?.privateKeyFile);
    compare('TLS client CA', x?.caFile, y?.caFile);
    compare('TLS Secret', x?.secretName, y?.secretName);
    compare('TLS minimum version', x?.minimumVersion, y?.minimumVersion);
    compare('TLS maximum version', x?.maximumVersion, y?.maximumVersion);
    compare('TLS cipher suites', x?.cipherSuites?.join(' '), y?.cipherSuites?.join(' '));
    compare('client certificate names', x?.subjectAltNames?.join(' '), y?.subjectAltNames?.join(' '));
    if (changes.length) out.push({ listener: l.name, changes });
  }
  // in the model's order: by gateway, then port
  return out;
}

/** `ns/gateway:443\0host` keys: by gateway, then port as a number, then host. */
function byListenerPortHost(a: string, b: string): number {
  const split = (k: string) => {
    const [listener, host] = k.split('\u0000') as [string, string];
    const colon = listener.lastIndexOf(':');
    return [listener.slice(0, colon), Number(listener.slice(colon + 1)), host] as const;
  };
  const [ga, pa, ha] = split(a);
  const [gb, pb, hb] = split(b);
  return ga < gb ? -1 : ga > gb ? 1 : pa - pb || (ha < hb ? -1 : ha > hb ? 1 : 0);
}

function indexRoutes(model: DiffSide['model']): Map<string, { at: [string, string]; routes: readonly RouteNode[] }> {
  const out = new Map<string, { at: [string, string]; routes: readonly RouteNode[] }>();
  for (const l of model.listeners) for (const h of l.hosts) out.set(`${l.name}\u0000${h.host}`, { at: [l.name, h.host], routes: h.routes });
  return out;
}

/**
 * For each route of the head, the index of the same route in the base, if it has one: first the one
 * flattened from the same tables and routes (its chain, as Gloo names them: a table's second `users` is
 * `duplicate-users-1`, and policies address it so), then, among the routes left, the one of the same name
 * (a table renamed or moved to another namespace keeps its routes). Names alone number a name two tables
 * give routes of a host by position (`r`, `r~2`), so the removal of one table's `r` read as the other
 * table's `r` changed into it, and the removed route as the one left.
 */
function pairRoutes(base: readonly RouteNode[], head: readonly RouteNode[]): Array<number | undefined> {
  const was = new Array<number | undefined>(head.length);
  const taken = new Set<number>();
  const chain = (r: RouteNode) => JSON.stringify(r.chain.map((o) => [o.table.kind, o.table.namespace, o.table.name, o.route]));
  for (const key of [chain, (r: RouteNode) => r.name]) {
    // the routes left of each key, in order: the first left of the base with the first left of the head
    // (a cursor, not shift(): a long list of one key would be shifted once per route)
    const left = new Map<string, { readonly at: number[]; next: number }>();
    base.forEach((r, i) => {
      if (taken.has(i)) return;
      const k = key(r);
      const list = left.get(k);
      if (list) list.at.push(i);
      else left.set(k, { at: [i], next: 0 });
    });
    head.forEach((r, j) => {
      const list = was[j] === undefined ? left.get(key(r)) : undefined;
      const i = list?.at[list.next];
      if (i === undefined) return;
      list!.next++;
      was[j] = i;
      taken.add(i);
    });
  }
  return was;
}

const view = (r: RouteNode, timeout: RequestTimeout | undefined, retrying: readonly RetryingPolicy[]): RouteView => ({
  name: r.name,
  match: matchText(r),
  action: describeAction(r),
  // a redirect or a direct response waits on nothing, and is asked nothing again
  ...(timeout && r.action.kind === 'forward' ? { requestTimeout: timeoutText(timeout) } : {}),
  ...(retrying.length && r.action.kind === 'forward' ? { retries: retriesText(retrying) } : {}),
});

/** What a route does, in one line: the report of a diff and of a migration use it. */
export function describeAction(r: RouteNode): string {
  const a = r.action;
  if (a.kind === 'direct') return a.replaced ? `direct 500, replaced (${a.replaced.code}: ${a.replaced.reason})` : `direct ${a.status}`;
  if (a.kind === 'redirect') return `redirect ${a.responseCode}${a.httpsRedirect ? ' to https' : ''}${a.hostRedirect ? ` host ${a.hostRedirect}` : ''}${a.pathRedirect ? ` path ${a.pathRedirect}` : ''}`;
  return a.destinations.map((d) => `${d.weight}% ${destinationText(d)}`).join(', ');
}

function destinationText(d: Destination): string {
  if (d.kind === 'service') return serviceText(d);
  const options = d.options.invocation === 'async' || d.options.request === 'raw' || d.options.response !== 'unwrap-api-gateway' ? ` (${d.options.invocation}, request ${d.options.request}, response ${d.options.response})` : '';
  return `${d.arn} as ${d.invokeRole ? `role ${d.invokeRole.name}` : "the gateway's own credentials"}${options}`;
}

/** What differs between two versions of one route, in words. */
function routeChanges(a: RouteNode, b: RouteNode): string[] {
  const changes: string[] = [];
  if (matchText(a) !== matchText(b)) changes.push(`match: ${matchText(a)} → ${matchText(b)}`);
  const x = a.action;
  const y = b.action;
  if (x.kind !== 'forward' || y.kind !== 'forward') {
    const before = describeAction(a);
    const after = describeAction(b);
    if (before !== after) changes.push(`${before} → ${after}`);
    // the body is not in the one-line action (it may be a page long), but it is what clients receive
    if (x.kind === 'direct' && y.kind === 'direct' && !x.replaced && !y.replaced && x.body !== y.body) changes.push(`body: ${bodyText(x.body)} → ${bodyText(y.body)}`);
    return changes;
  }
  const old = keyedDestinations(x.destinations);
  const now = keyedDestinations(y.destinations);
  for (const [k, { d, nth }] of now) {
    const was = old.get(k)?.d;
    if (!was) changes.push(`+ ${d.weight}% ${destinationText(d)}`);
    else {
      const name = `${d.kind === 'lambda' ? d.arn : destinationText(d)}${nth > 1 ? ` (listed ${ordinal(nth)})` : ''}`;
      if (was.weight !== d.weight) changes.push(`${name}: weight ${was.weight}% → ${d.weight}%`);
      if (was.kind === 'lambda' && d.kind === 'lambda') {
        if (was.invokeRole?.name !== d.invokeRole?.name) changes.push(`${name}: role ${was.invokeRole?.name ?? '(gateway role)'} → ${d.invokeRole?.name ?? '(gateway role)'}`);
        if (was.options !== d.options) changes.push(`${name}: options ${optionsText(was)} → ${optionsText(d)}`);
      }
    }
  }
  for (const [k, { d }] of old) if (!now.has(k)) changes.push(`- ${d.weight}% ${destinationText(d)}`);
  if (x.pathRewrite !== y.pathRewrite) changes.push(`path rewrite: ${x.pathRewrite ?? 'none'} → ${y.pathRewrite ?? 'none'}`);
  const regexRewrite = (a: typeof x) => (a.regexRewrite ? regexRewriteText(a.regexRewrite) : 'none');
  if (regexRewrite(x) !== regexRewrite(y)) changes.push(`regex rewrite: ${regexRewrite(x)} → ${regexRewrite(y)}`);
  if (x.hostRewrite !== y.hostRewrite) changes.push(`host rewrite: ${x.hostRewrite ?? 'none'} → ${y.hostRewrite ?? 'none'}`);
  if (Boolean(x.autoHostRewrite) !== Boolean(y.autoHostRewrite)) changes.push(`automatic host rewrite: ${x.autoHostRewrite ? 'on' : 'off'} → ${y.autoHostRewrite ? 'on' : 'off'}`);
  return changes;
}

/**
 * A route's request timeout on Gloo Platform's gateway, where the RetryTimeoutPolicy that gives it
 * (model/request-timeouts.ts) or its value changed: a function cut short at 504, or one waited on longer.
 * Without a policy the gateway sets none ("By default, the Envoy timeout for HTTP requests is disabled in
 * Istio": retry_timeout_policy.proto).
 */
function timeoutChange(a: RequestTimeout | undefined, b: RequestTimeout | undefined): string[] {
  const text = (t: RequestTimeout | undefined) => (t ? timeoutText(t) : 'none (no RetryTimeoutPolicy)');
  const before = text(a);
  const after = text(b);
  return before === after ? [] : [`request timeout: ${before} → ${after}`];
}

/**
 * A route's retries on Gloo Platform's gateway, where the RetryTimeoutPolicies that give them or what
 * they say changed (attempts, conditions, the per-try timeout): a condition met after a function ran
 * runs it again (GW4055, which the diff's findings show appearing), a per-try timeout ends a function's
 * first attempt too (GW8020). Without a policy, whatever the gateway's Istio does by default (not read).
 */
function retriesChange(a: readonly RetryingPolicy[], b: readonly RetryingPolicy[]): string[] {
  const before = a.length ? retriesText(a) : 'none (no RetryTimeoutPolicy retries it)';
  const after = b.length ? retriesText(b) : 'none (no RetryTimeoutPolicy retries it)';
  return before === after ? [] : [`retries: ${before} → ${after}`];
}

/** `up to 2 retries on connect-failure (RetryTimeoutPolicy team-a/orders-retry)`, two policies joined by `or`. */
const retriesText = (policies: readonly RetryingPolicy[]) => policies.map((p) => `${retriesWords(p.retries)} (RetryTimeoutPolicy ${p.ref.namespace}/${p.ref.name})`).join(' or ');

/** `90 s (RetryTimeoutPolicy team-a/orders-wait)`, `none` for its 0s. */
const timeoutText = (t: RequestTimeout) => `${timeoutWords(t.seconds)} (RetryTimeoutPolicy ${t.policy.ref.namespace}/${t.policy.ref.name})`;

/**
 * A route's destinations by backend: a function's name, qualifier, account and region, or a Service's
 * kind, name, port and subset (a Service and an ExternalService of one name are different backends, as
 * are two subsets of one Service). A backend
 * a route lists more than once (GW4040; with other roles or options, or alike) is keyed by its listing
 * as well, so that each entry is compared with the entry listed in its place before: the first with the
 * first, the second with the second.
 */
function keyedDestinations(destinations: readonly Destination[]): Map<string, { d: Destination; nth: number }> {
  const keyed = new Map<string, { d: Destination; nth: number }>();
  const listed = new Map<string, number>();
  for (const d of destinations) {
    const key = d.kind === 'lambda' ? `${d.functionName}:${d.qualifier}@${d.accountId}/${d.region}` : serviceText(d);
    const nth = (listed.get(key) ?? 0) + 1;
    listed.set(key, nth);
    keyed.set(nth === 1 ? key : `${key}#${nth}`, { d, nth });
  }
  return keyed;
}

const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;

/** A direct response's body in a change: quoted, the first 60 characters of a longer one with its length. */
function bodyText(body: string | undefined): string {
  if (body === undefined) return 'none';
  if (body.length <= 60) return JSON.stringify(body);
  return `${JSON.stringify(body.slice(0, 60))}… (${body.length.toLocaleString('en-US')} characters)`;
}

const optionsText = (d: Extract<Destination, { kind: 'lambda' }>) => `${d.options.invocation}, request ${d.options.request}, response ${d.options.response}`;

/**
 * The routes whose order relative to the others changed: everything outside a longest run kept in the
 * same relative order (a longest increasing subsequence of old positions, taken in the new order), so
 * that one route moved is reported once, not as every route it passed; of two equal readings, the route
 * that moved up (and now wins the requests it shares) is the one reported.
 */
function movedRoutes(after: ReadonlyArray<{ readonly name: string; readonly from: number }>): Array<{ name: string; from: number; to: number }> {
  // each route's place among the routes both sides have, before
  const position = new Map([...after].sort((x, y) => x.from - y.from).map((r, i) => [r.from, i]));
  const seq = after.map((r) => position.get(r.from)!);
  // patience sorting: O(n log n)
  const tails: number[] = [];
  const tailIndex: number[] = [];
  const previous = new Array<number>(seq.length).fill(-1);
  seq.forEach((v, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = v;
    tailIndex[lo] = i;
    previous[i] = lo > 0 ? tailIndex[lo - 1]! : -1;
  });
  const kept = new Set<number>();
  for (let i = tailIndex[tails.length - 1] ?? -1; i >= 0; i = previous[i]!) kept.add(i);
  return after.flatMap((r, i) => (kept.has(i) ? [] : [{ name: r.name, from: seq[i]! + 1, to: i + 1 }]));
}

/** Findings are the same finding when code, resource and place in the resource agree: a moved file changes none. */
const findingKey = (f: Finding) => `${f.code}|${f.resource ? resourceLabel(f.resource) : ''}|${anchorPointer(f.at)}|${f.resource ? '' : f.message}`;

const findingView = (f: Finding): FindingView => ({ code: f.code, severity: f.severity, resource: f.resource ? resourceLabel(f.resource) : '', message: f.message });
