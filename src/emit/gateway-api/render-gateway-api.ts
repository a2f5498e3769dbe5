import { firstAndMore, NAMES_SHOWN } from '../../text/first-and-more';
import { chunk } from '../../data/chunk';
import { deferredFinding, finding, type Finding, type MessageArgs } from '../../diagnostics/finding';
import { ENVOY_STREAM_IDLE_SECONDS, RouteTimeouts } from '../route-timeouts';
import { gatewayDuration } from '../../text/duration-forms';
import type { RegexEngine } from '../../model/regex-engine';
import type { ListenerNode, Matcher, Model, RouteNode } from '../../model/types';
import { unsendable } from '../../model/matchers';
import type { Anchor } from '../../source/anchor';
import { dnsName, withSuffix } from '../dns-name';
import { LazyDocument, type Emitted, type EmittedDocument } from '../emitted';
import { groupHosts } from '../host-groups';
import { kubernetesNames } from '../names';
import { BackendSet } from './backends';
import { gatewayOf, gatewayResource, sectionName, type GatewayRef } from './gateways';
import { gatewayRules, replacedPath, type CrossReference, type GatewayRule, type RuleContext } from './http-rules';
import { DirectResponseSet } from './direct-responses';
import { TrafficPolicySet } from './traffic-policies';
import { describeMatch, literalStarts, outranks, overlaps, precedence, rankReason, sampleRequest, type GatewayMatch } from './precedence';
import { segmentRewriteFindings } from './segment-rewrite';
import { lambdaOutsidePartition, leftBehind, stsOutsidePartition } from '../left-behind';

export interface GatewayApiOptions {
  readonly gatewayClass: string;
  /** the namespace of the Gateway for tables attached to no VirtualGateway */
  readonly namespace: string;
  /** the timeout of a route no RetryTimeoutPolicy gives one (--route-timeout), in seconds */
  readonly routeTimeoutSeconds: number;
  readonly toolVersion: string;
  /** RE2, for the expressions a match is compared with an exact path by (precedence.ts) */
  readonly regex: RegexEngine;
}

/** An HTTPRoute takes at most 16 rules, and fewer than 128 matches in all (CRD maxItems and CEL rule). */
const MAX_RULES = 16;
const MAX_MATCHES = 127;
/** A Gateway has at most 64 listeners, an HTTPRoute names at most 16 hostnames (CRD maxItems). */
const MAX_LISTENERS = 64;
const MAX_HOSTNAMES = 16;

/**
 * The model as Kubernetes Gateway API resources with kgateway's extensions: a Gateway per VirtualGateway,
 * HTTPRoutes per listener and host set with the flattened routes in the resolved order (split into
 * several when one would pass the CRD's limits, named so that their order is kept), a Backend per
 * function, DirectResponses, TrafficPolicies for regexRewrites and long stream idle timeouts, and the ReferenceGrants cross-namespace
 * references need. Where the Gateway API's precedence would send a request to another route than Gloo
 * does, a finding says so. HTTPRoutes and Backends are made as they are written (LazyDocument).
 */
export function renderGatewayApi(model: Model, options: GatewayApiOptions): Emitted {
  // Envoy's credential providers, which kgateway renders too, look for STS where some partitions have none,
  // and kgateway makes a function's Lambda endpoint itself, under amazonaws.com whatever the partition
  const findings: Finding[] = [...leftBehind(model, 'the Gateway API'), ...stsOutsidePartition(model, 'the Gateway API'), ...lambdaOutsidePartition(model, 'the Gateway API', 'kgateway')];
  const backends = new BackendSet();
  const directResponses = new DirectResponseSet();
  const trafficPolicies = new TrafficPolicySet();
  const routeNames = kubernetesNames();
  // namespace referred to -> namespace of the referring HTTPRoutes -> `group|kind` allowed
  const grants = new Map<string, Map<string, Set<string>>>();
  const reported = new Set<string>();
  const byGateway = new Map<string, { ref: GatewayRef; listeners: ListenerNode[] }>();
  const httpRoutes: EmittedDocument[] = [];
  const reportedRewrites = new Set<RouteNode>();
  const reportedPrefixes = new Set<RouteNode>();
  const timeouts = new RouteTimeouts(model, options.routeTimeoutSeconds, gatewayDuration, ENVOY_STREAM_IDLE_SECONDS);
  // the host set whose HTTPRoutes were written last, and its rules (HostRoutes)
  const made: { of?: HostRoutes; chunks?: GatewayRule[][] } = {};

  for (const listener of model.listeners) {
    const gateway = gatewayOf(listener, options.namespace);
    const key = `${gateway.namespace}/${gateway.name}`;
    const entry = byGateway.get(key) ?? { ref: gateway, listeners: [] };
    byGateway.set(key, entry);
    if (entry.listeners.length === MAX_LISTENERS) {
      // another Gateway would be another proxy, with an address of its own in kgateway: not a choice to make here
      if (listener.source) findings.push(finding('GW7103', { route: `listener ${listener.name}`, what: `a listener after the ${MAX_LISTENERS}th of Gateway ${key} (the Gateway API takes ${MAX_LISTENERS})`, instead: 'it and its routes are not rendered' }, listener.source, listener.gateway ? { resource: listener.gateway } : {}));
      continue;
    }
    entry.listeners.push(listener);

    for (const group of groupHosts(listener.hosts)) {
      const hosts = group.map((h) => h.host);
      // a finding on a host goes to the listener, or, on the default listener, to the table that names it
      const hostnames = routeHostnames(hosts, listener.source ?? group[0]!.routes[0]?.chain[0]?.source, findings);
      if (hostnames === null) continue;
      const ctx: RuleContext = {
        backends,
        directResponses,
        trafficPolicies,
        namespace: gateway.namespace,
        port: listener.port,
        timeouts,
        findings,
        reported,
        references: (ref: CrossReference) => {
          let from = grants.get(ref.toNamespace);
          if (!from) grants.set(ref.toNamespace, (from = new Map()));
          let kinds = from.get(gateway.namespace);
          if (!kinds) from.set(gateway.namespace, (kinds = new Set()));
          kinds.add(`${ref.group}|${ref.kind}`);
        },
      };
      const routes = group[0]!.routes;
      const rules = hostRules(routes, ctx);
      precedenceFindings(rules, hosts, findings, options.regex);
      // what the output does differently is said of what it holds, its rules: a route or matcher it
      // leaves out (unwritable, of another port) has its GW7103, and sends no request anywhere
      prefixFindings(rules, findings, reportedPrefixes, options.regex);
      segmentRewriteFindings(routes, findings, reportedRewrites, new Set(rules.map((r) => r.route)));
      const chunks = chunkRules(rules).length;
      // the rules are made again as the HTTPRoutes are written (HostRoutes): all of them at once were
      // the largest part of the emitter's peak on a large input (145 MB of corpus L)
      const replay = new HostRoutes(routes, ctx, gateway, listener, made);
      // more hosts than an HTTPRoute names: the same rules in an HTTPRoute for each 16 (a host is in one,
      // so its routes and their precedence are as in one), named for its first host
      const hostChunks = hostnames === undefined ? [undefined] : chunk(hostnames, MAX_HOSTNAMES);
      hostChunks.forEach((names, h) => {
        const first = h === 0 ? hosts[0]! : names![0]!;
        const base = routeNames.nameFor(`${listener.name}|${first}`, `${gateway.name}-${listener.port}-${first.replace(/^\*\.?/, 'wildcard-')}`);
        for (let i = 0; i < chunks; i++) {
          // several HTTPRoutes of one host set tie on precedence in name order: a zero-padded index keeps theirs
          const name = chunks === 1 ? base : withSuffix(base, `-${String(i).padStart(3, '0')}`);
          httpRoutes.push(new LazyDocument({ name, hostnames: names, index: i, replay }, httpRouteFileName, httpRouteOf));
        }
      });
    }
  }

  const documents: EmittedDocument[] = [
    ...[...byGateway.values()].map(({ ref, listeners }) => ({ name: `gateway-${ref.namespace}-${ref.name}.yaml`, value: gatewayResource(ref, listeners, options.gatewayClass, findings) })),
    // one per function: made as they are written (LazyDocument)
    ...backends.documents(),
    ...directResponses.resources().map((d) => ({ name: `directresponse-${d.namespace}-${d.name}.yaml`, value: d.value })),
    ...trafficPolicies.resources().map((d) => ({ name: `trafficpolicy-${d.namespace}-${d.name}.yaml`, value: d.value })),
    ...referenceGrants(grants),
    ...httpRoutes,
  ];
  return {
    documents,
    findings,
    header: [
      `Kubernetes Gateway API Gateways and HTTPRoutes with kgateway Backends for AWS Lambda, generated by gwctl ${options.toolVersion}.`,
      'A Backend that assumes an invoke role (auth AssumeRole) needs kgateway with #14632 on Envoy 1.39 or later: on older Envoy every request to it hangs (envoy issue 45643, kgateway issue 14661).',
      'Apply the ReferenceGrants with the routes: without them a Backend or Service in another namespace is RefNotPermitted.',
      'Do not edit: regenerate with `gwctl render --target gateway-api`.',
    ],
  };
}

/**
 * The hostnames of a host set's HTTPRoutes: none for a set with `*` (any host); else the hosts the Gateway
 * API can state (DNS names, a leading `*.` label). A host it cannot state (Gloo's `*-bar.example.com`) is
 * left out with a finding; null when none is left, since an HTTPRoute without hostnames would serve every
 * host: those routes are not rendered at all rather than rendered for the wrong hosts.
 */
function routeHostnames(hosts: readonly string[], at: Anchor | undefined, findings: Finding[]): string[] | undefined | null {
  if (hosts.includes('*')) return undefined;
  const statable = (h: string) => /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(h);
  const stated = hosts.filter(statable);
  for (const h of hosts.filter((x) => !statable(x))) {
    const instead = stated.length ? 'the HTTPRoute serves the other hosts of its set only' : 'its routes are not rendered (without hostnames an HTTPRoute would serve every host)';
    if (at) findings.push(finding('GW7103', { route: `host ${h}`, what: 'a host that is neither a DNS name nor one with a leading `*.` label', instead }, at));
  }
  return stated.length ? stated : null;
}

/** The rules of a host set's routes, in order, with rule names from one registry (the HTTPRoute's). */
function hostRules(routes: readonly RouteNode[], ctx: RuleContext): GatewayRule[] {
  const ruleNames = kubernetesNames();
  return routes.flatMap((r) => gatewayRules(r, ruleNames, ctx));
}

/**
 * A host set's HTTPRoutes as they are written: its rules made again, the same as the first time (the same
 * calls in the same order to fresh rule names; the Backends, DirectResponses and TrafficPolicies they
 * refer to exist already; findings and references were taken the first time). The writer writes a host
 * set's HTTPRoutes one after the other, so the rules are made once more per host set, not per HTTPRoute.
 */
class HostRoutes {
  constructor(
    private readonly routes: readonly RouteNode[],
    private readonly ctx: RuleContext,
    readonly gateway: GatewayRef,
    readonly listener: ListenerNode,
    /** the host set whose rules were made last, shared by a render's host sets: one set's are kept at a time */
    private readonly made: { of?: HostRoutes; chunks?: GatewayRule[][] },
  ) {}

  /** The rules of the host set's i-th HTTPRoute. */
  rules(i: number): readonly GatewayRule[] {
    if (this.made.of !== this || !this.made.chunks) {
      this.made.of = this;
      // what the rules find and refer to was taken the first time: a list of findings thrown away
      this.made.chunks = chunkRules(hostRules(this.routes, { ...this.ctx, findings: [], references: () => {} }));
    }
    return this.made.chunks[i]!;
  }
}

interface HttpRouteSource {
  readonly name: string;
  readonly hostnames: string[] | undefined;
  /** which of its host set's HTTPRoutes (a host set with more rules than one takes has several) */
  readonly index: number;
  readonly replay: HostRoutes;
}

const httpRouteFileName = (r: HttpRouteSource) => `httproute-${r.replay.gateway.namespace}-${r.name}.yaml`;

function httpRouteOf({ name, hostnames, index, replay }: HttpRouteSource): Record<string, unknown> {
  const { gateway, listener } = replay;
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name, namespace: gateway.namespace },
    spec: {
      parentRefs: [{ name: gateway.name, sectionName: sectionName(listener) }],
      ...(hostnames ? { hostnames } : {}),
      rules: replay.rules(index).map((r) => r.value),
    },
  };
}

function chunkRules(rules: readonly GatewayRule[]): GatewayRule[][] {
  // a host set whose every route was left out (GW7103) gets no HTTPRoute: one without rules is invalid
  if (rules.length === 0) return [];
  const out: GatewayRule[][] = [[]];
  let matches = 0;
  for (const r of rules) {
    const current = out[out.length - 1]!;
    if (current.length === MAX_RULES || (current.length > 0 && matches + r.matches.length > MAX_MATCHES)) {
      out.push([r]);
      matches = r.matches.length;
    } else {
      current.push(r);
      matches += r.matches.length;
    }
  }
  return out;
}

/**
 * Within one route the match that serves a request decides the path only where a pathRewrite replaces
 * what it matched: Gloo tries the route's matches in order (Istio writes a route per match), the Gateway
 * API ranks the rules written from them like any others. Where a later rule of the route outranks and
 * overlaps an earlier one, a finding (GW7108): the path is rewritten as after the later match. A route's
 * rules are adjacent, and few; their pairs are compared. Once per route, as GW7101.
 */
function ownPrecedence(rules: readonly GatewayRule[], j: number, hosts: string, findings: Finding[], reported: Set<RouteNode>, regex: RegexEngine, meets: Meets): void {
  const later = rules[j]!;
  const rewrite = replacedPath(later.route.action);
  if (rewrite === undefined || reported.has(later.route)) return;
  let start = j;
  while (start > 0 && rules[start - 1]!.route === later.route) start--;
  if (start === j) return;
  const ranks = later.matches.map(precedence);
  for (let i = start; i < j; i++) {
    for (const [n, mi] of rules[i]!.matches.entries()) {
      const rank = precedence(mi);
      for (let k = 0; k < later.matches.length; k++) {
        const mj = later.matches[k]!;
        if (!outranks(ranks[k]!, rank) || !overlaps(mi, mj, regex) || !meets(rules[i]!, n) || !meets(later, k)) continue;
        reported.add(later.route);
        const args = { route: later.route.name, host: hosts, higher: describeMatch(mj), lower: describeMatch(mi), why: rankReason(mj, mi), sample: sampleRequest(mi, mj), rewrite };
        findings.push(finding('GW7108', args, later.route.source, { resource: later.route.chain[later.route.chain.length - 1]!.table }));
        return;
      }
    }
  }
}

/** Whether some request meets the match at an index of a rule (meetability). */
type Meets = (rule: GatewayRule, index: number) => boolean;

/**
 * Whether some request meets a rule's match as the Gateway API writes it: the model's matcher without its
 * inverted header conditions, which the output leaves out (GW7103: the rule matches without them). A
 * match no request meets (GW4045: a Host written as a URL, a header value with a line break) takes no
 * request in either order, so no precedence finding is made of it: one said "a request both match" of a
 * request neither did. Asked only of matches that rank and overlap (few), once per matcher.
 */
function meetability(regex: RegexEngine): Meets {
  const known = new Map<Matcher, boolean>();
  return (rule, index) => {
    const m = rule.matchers[index]!;
    let meets = known.get(m);
    if (meets === undefined) known.set(m, (meets = meetsAsWritten(m, regex)));
    return meets;
  };
}

/** Whether some request meets the matcher as the Gateway API writes it, without its inverted conditions (meetability). */
function meetsAsWritten(m: Matcher, regex: RegexEngine): boolean {
  const written = m.headers.some((h) => h.invert) ? { ...m, headers: m.headers.filter((h) => !h.invert) } : m;
  return unsendable(written, regex) === undefined;
}

/**
 * Gloo matches routes in order; the Gateway API by precedence. For each later route that outranks an
 * earlier one on a request both match, a finding: that request now goes to the later route. A match can
 * outrank only matches of no higher rank that it overlaps (`candidates` below, in kgateway's order:
 * precedence.ts). Earlier matches are indexed that way (prefixes by path, exact paths, expressions by
 * their literal start), and within each by rank, so that neither 50,000 routes on one host, nor 20,000
 * routes of one prefix told apart by a header (one rank), nor thousands of expressions beside thousands of
 * prefixes or exact paths are compared pairwise.
 */
function precedenceFindings(rules: readonly GatewayRule[], hosts: readonly string[], findings: Finding[], regex: RegexEngine): void {
  // seq: the order matches were added, which is rule order and, within a rule, match order
  type Earlier = { readonly rule: number; readonly seq: number; readonly match: GatewayMatch; readonly index: number };
  // one path's earlier matches, by rank; each list in the order the matches were added
  type Bucket = Map<string, { readonly rank: readonly number[]; readonly entries: Earlier[] }>;
  const byPrefix = new Map<string, Bucket>();
  // every prefix and literal start of the rules in sorted order, where those that begin with a regular
  // expression's literal start are one run (a binary search away), so that no regular expression walks
  // every prefix of the host; those not yet reached in rule order have no bucket yet. Made only where
  // there is a regular expression.
  const hasRegex = rules.some((r) => r.matches.some((m) => m.path.type === 'RegularExpression'));
  const sortedKeys = (type: GatewayMatch['path']['type'], keys: (value: string) => readonly string[]) =>
    hasRegex ? [...new Set(rules.flatMap((r) => r.matches.filter((m) => m.path.type === type).flatMap((m) => keys(m.path.value))))].sort() : [];
  const prefixKeys = sortedKeys('PathPrefix', (value) => [trimSlashes(value)]);
  const literalKeys = sortedKeys('RegularExpression', literalStarts);
  const byExact = new Map<string, Bucket>();
  // regular expressions by their literal starts (precedence.ts, literalStarts): every path they match
  // begins with one of them, and an expression is in the bucket of each
  const byLiteral = new Map<string, Bucket>();
  const add = (bucket: Bucket, e: Earlier, rank: readonly number[]) => {
    const key = rank.join(',');
    const group = bucket.get(key);
    if (group) group.entries.push(e);
    else bucket.set(key, { rank, entries: [e] });
  };
  const bucketOf = (map: Map<string, Bucket>, key: string) => {
    let bucket = map.get(key);
    if (!bucket) map.set(key, (bucket = new Map()));
    return bucket;
  };
  const reported = new Set<RouteNode>();
  const reportedOwn = new Set<RouteNode>();
  const meets = meetability(regex);
  // the first five hosts and a count, spelt once: each finding joined every host of the group (a route
  // on 3,000 hosts wrote them all into each of its findings, as GW4007 did)
  const hostList = firstAndMore(hosts, NAMES_SHOWN, ', ');
  let seq = 0;
  for (let j = 0; j < rules.length; j++) {
    const later = rules[j]!;
    let first: { i: number; mi: GatewayMatch; mj: GatewayMatch } | undefined;
    for (const [k, mj] of later.matches.entries()) {
      const rank = precedence(mj);
      for (const bucket of candidates(mj)) {
        // the earliest match of this path that mj outranks and overlaps: each rank's list is in order
        let best: Earlier | undefined;
        for (const group of bucket.values()) {
          if (!outranks(rank, group.rank)) continue;
          for (const e of group.entries) {
            if ((first && e.rule >= first.i) || (best && e.seq >= best.seq)) break;
            if (rules[e.rule]!.route !== later.route && overlaps(e.match, mj, regex) && meets(rules[e.rule]!, e.index) && meets(later, k)) {
              best = e;
              break;
            }
          }
        }
        if (best) first = { i: best.rule, mi: best.match, mj };
      }
    }
    ownPrecedence(rules, j, hostList, findings, reportedOwn, regex, meets);
    if (first && !reported.has(later.route)) {
      reported.add(later.route);
      const earlier = rules[first.i]!;
      findings.push(
        finding('GW7101', { host: hostList, later: later.route.name, earlier: earlier.route.name, why: rankReason(first.mj, first.mi), sample: sampleRequest(first.mi, first.mj) }, later.route.source, {
          resource: later.route.chain[later.route.chain.length - 1]!.table,
          related: [{ message: 'the route Gloo matches first', at: earlier.route.source }],
        }),
      );
    }
    for (const [index, match] of later.matches.entries()) {
      const e = { rule: j, seq: seq++, match, index };
      const rank = precedence(match);
      if (match.path.type === 'PathPrefix') add(bucketOf(byPrefix, trimSlashes(match.path.value)), e, rank);
      else if (match.path.type === 'Exact') add(bucketOf(byExact, match.path.value), e, rank);
      else for (const start of new Set(literalStarts(match.path.value))) add(bucketOf(byLiteral, start), e, rank);
    }
  }

  // What a match may outrank and overlap: an exact path, the expressions a literal start of which begins it and
  // its prefixes; a prefix, its prefixes; an expression (kgateway ranks it above every prefix), the
  // expressions and prefixes its literal starts do not rule out (precedence.ts, startsMeet).
  function* candidates(m: GatewayMatch): Generator<Bucket> {
    if (m.path.type === 'RegularExpression') {
      for (const literal of new Set(literalStarts(m.path.value))) {
        yield* meeting(byLiteral, literalKeys, literal);
        yield* meeting(byPrefix, prefixKeys, literal);
      }
      return;
    }
    if (m.path.type === 'Exact') {
      for (let n = 0; n <= m.path.value.length; n++) {
        const bucket = byLiteral.get(m.path.value.slice(0, n));
        if (bucket) yield bucket;
      }
      const bucket = byExact.get(m.path.value);
      if (bucket) yield bucket;
    }
    // the path and each of its segment ancestors, down to the root prefix
    let p = trimSlashes(m.path.value);
    for (;;) {
      const bucket = byPrefix.get(p);
      if (bucket) yield bucket;
      if (p === '') break;
      p = p.slice(0, p.lastIndexOf('/'));
    }
  }

  // the buckets whose key is the beginning of `start` or begins with it
  function* meeting(buckets: Map<string, Bucket>, sorted: readonly string[], start: string): Generator<Bucket> {
    for (let n = 0; n < start.length; n++) {
      const bucket = buckets.get(start.slice(0, n));
      if (bucket) yield bucket;
    }
    for (let i = lowerBound(sorted, start); i < sorted.length && sorted[i]!.startsWith(start); i++) {
      const bucket = buckets.get(sorted[i]!);
      if (bucket) yield bucket;
    }
  }
}

const trimSlashes = (path: string) => path.replace(/\/+$/, '');

/** The first index of a sorted list whose value is not below `key`. */
function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Gloo's prefixes compare characters; kgateway's PathPrefix compares whole segments where the value does
 * not end in `/` (Envoy's path_separated_prefix: precedence.ts, prefixMatches), so such a prefix no longer
 * matches what merely starts with it. Read from a host set's rules, the PathPrefix matches the output
 * holds: a value that ends in `/` is Envoy's character `prefix` there, and a case-insensitive prefix a
 * regular expression (http-rules.ts, caseFolded), as on Gloo; a prefix the output cannot hold (one that
 * does not start with `/`, which matches nothing on either) is left out with its GW7103: nothing to say
 * of them, nor of a match no request meets (GW4045), to which Gloo sent nothing. Once per route (a route
 * shared by several listeners is one route).
 */
function prefixFindings(rules: readonly GatewayRule[], findings: Finding[], reported: Set<RouteNode>, regex: RegexEngine): void {
  // in loops: nearly every route of a large configuration has a prefix (184,608 on the benchmark's L)
  for (let i = 0; i < rules.length; ) {
    const route = rules[i]!.route;
    const values: string[] = [];
    // a route's rules are adjacent (hostRules)
    for (; i < rules.length && rules[i]!.route === route; i++) {
      const rule = rules[i]!;
      for (let n = 0; n < rule.matches.length; n++) {
        const m = rule.matches[n]!;
        if (m.path.type !== 'PathPrefix' || m.path.value.endsWith('/') || values.includes(m.path.value)) continue;
        // a match no request meets (GW4045) was sent nothing by Gloo: what it no longer matches is no change
        if (meetsAsWritten(rule.matchers[n]!, regex)) values.push(m.path.value);
      }
    }
    if (values.length === 0 || reported.has(route)) continue;
    reported.add(route);
    findings.push(deferredFinding('GW7102', segmentPrefixArgs, route.name, values.length === 1 ? values[0]! : values, route.source, { resource: route.chain[route.chain.length - 1]!.table }));
  }
}

/** GW7102's arguments, made when its message is read (finding.ts, deferredFinding): one prefix, or several. */
function segmentPrefixArgs(route: string, prefixes: string | readonly string[]): MessageArgs {
  const first = typeof prefixes === 'string' ? prefixes : prefixes[0]!;
  return {
    route,
    prefixes: typeof prefixes === 'string' ? `its prefix \`${first}\` is` : `its ${prefixes.length} prefixes are`,
    effect: `\`${first}\` no longer matches \`${first}x\`, which Gloo sent here`,
  };
}

/** One ReferenceGrant per namespace referred to and namespace referring, allowing exactly the kinds referred to. */
function referenceGrants(grants: Map<string, Map<string, Set<string>>>): EmittedDocument[] {
  const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  return sorted(grants).flatMap(([toNamespace, byFrom]) =>
    sorted(byFrom).map(([from, kinds]) => {
      const name = dnsName(`gwctl-httproutes-from-${from}`);
      return {
        name: `referencegrant-${toNamespace}-${name}.yaml`,
        value: {
          apiVersion: 'gateway.networking.k8s.io/v1beta1',
          kind: 'ReferenceGrant',
          metadata: { name, namespace: toNamespace },
          spec: {
            from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: from }],
            to: [...kinds].sort().map((k) => ({ group: k.split('|')[0]!, kind: k.split('|')[1]! })),
          },
        },
      };
    }),
  );
}
