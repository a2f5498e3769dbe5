import type { TestRequest } from '../../src/inspect/match-request';
import type { Expectation } from '../../src/inspect/routing-expectations';
import { RE2JS } from 're2js';
import { partitionOf } from '../../src/model/arn';
import { globalReplace } from './re2-replace';

/**
 * A Gateway API matcher written from the specification (HTTPRoute CRD descriptions), independent of the
 * emitter: which rule of which HTTPRoute serves a request, and what it does. Listener by port and
 * protocol; routes attached to it by parentRef and sectionName; hostnames (an exact name before a
 * wildcard, a route without hostnames matching any); then, across every rule of those routes, the match
 * with precedence: an Exact path, the longest PathPrefix, a method, the most headers, the most query
 * parameters; ties to the Route first by `namespace/name` (all are created at once), then rule order.
 * What the CRD leaves to the implementation, or kgateway does otherwise, is kgateway's, the
 * implementation the output's extensions are for: a RegularExpression ranks between an Exact path and
 * every PathPrefix, prefixes compare by the length of the value as written, a trailing `/` counted
 * (internal/kgateway/translator/routeutils/sortable_route.go, `lessPath`); a PathPrefix compares whole
 * segments unless it ends in `/`, when it compares characters (translator/irtranslator/route.go,
 * `setEnvoyPathMatcher`: Envoy's path_separated_prefix or prefix); ReplacePrefixMatch is Envoy's
 * prefix_rewrite, or for `/` a regex that drops the slashes after the prefix (krtcollections/builtin.go,
 * `convertURLRewrite`); a RequestRedirect is Envoy's RedirectAction, which keeps the Host header's port
 * where the CRD names the scheme's well-known one (builtin.go, `convertRequestRedirect`).
 */
export interface GatewayAnswer {
  readonly served: boolean;
  readonly rule?: { readonly route: string; readonly name: string };
  readonly status?: number;
  readonly redirect?: string;
  /** the path a forward sends on, after a URLRewrite filter or a kgateway TrafficPolicy's regex rewrite */
  readonly path?: string;
  readonly backends: ReadonlyArray<{ readonly kind: 'lambda'; readonly arn: string; readonly role?: string; readonly weight: number } | { readonly kind: 'service'; readonly ref: string; readonly port: number; readonly weight: number }>;
}

type R = Record<string, any>;

export function matchGatewayApi(resources: readonly R[], request: TestRequest): GatewayAnswer {
  const scheme = request.scheme ?? 'http';
  const port = request.port ?? (scheme === 'https' ? 443 : 80);
  // a path with a Host header names no scheme: the listener on its port, as the model chooses
  const listeners = resources
    .filter((r) => r.kind === 'Gateway')
    .flatMap((g) => g.spec.listeners.filter((l: R) => l.port === port && (request.scheme === undefined || l.protocol === (scheme === 'https' ? 'HTTPS' : 'HTTP'))).map((l: R) => ({ g, l })));
  if (listeners.length === 0) return { served: false, backends: [] };
  // the most specific hostname that matches wins: an exact name, then the longest wildcard, then none
  const specificity = (route: R): number => {
    const names: string[] = route.spec.hostnames ?? [];
    if (names.length === 0) return 0;
    let best = -1;
    for (const n of names) {
      if (n === request.host) best = Math.max(best, 100000);
      else if (n.startsWith('*.') && request.host.endsWith(n.slice(1)) && request.host.length > n.length - 1) best = Math.max(best, n.length);
    }
    return best;
  };
  const attachedTo = (g: R, l: R) => resources.filter((r) => r.kind === 'HTTPRoute' && r.metadata.namespace === g.metadata.namespace && r.spec.parentRefs.some((p: R) => p.name === g.metadata.name && (p.sectionName === undefined || p.sectionName === l.name)));
  // a listener with a hostname takes only that host (SNI and Host), the exact name before a wildcard
  // (gateways CRD, Listener.hostname); Gateways on one port are proxies apart, each with its address: the
  // request is taken to reach the one whose routes serve its host, as the model's listeners do
  const hostnameScore = (l: R): number => (l.hostname === undefined ? 0 : l.hostname === request.host ? 2 : l.hostname.startsWith('*.') && request.host.endsWith(l.hostname.slice(1)) ? 1 : -1);
  const perGateway = new Map<R, { g: R; l: R; score: number }>();
  for (const x of listeners) {
    const score = hostnameScore(x.l);
    const kept = perGateway.get(x.g);
    if (score >= 0 && (!kept || score > kept.score)) perGateway.set(x.g, { ...x, score });
  }
  const chosen = [...perGateway.values()];
  if (chosen.length === 0) return { served: false, backends: [] };
  const { g, l } = chosen.find((x) => attachedTo(x.g, x.l).some((r) => specificity(r) >= 0)) ?? chosen[0]!;
  const attached = attachedTo(g, l);
  const scored = attached.map((r) => ({ r, s: specificity(r) })).filter((x) => x.s >= 0);
  const top = Math.max(-1, ...scored.map((x) => x.s));
  const candidates = scored.filter((x) => x.s === top).map((x) => x.r).sort((a, b) => (`${a.metadata.namespace}/${a.metadata.name}` < `${b.metadata.namespace}/${b.metadata.name}` ? -1 : 1));
  let best: { rank: number[]; route: R; rule: R; match: R } | undefined;
  for (const route of candidates) {
    for (const rule of route.spec.rules) {
      for (const m of rule.matches ?? [{ path: { type: 'PathPrefix', value: '/' } }]) {
        if (!matches(m, request)) continue;
        const rank = rankOf(m);
        if (!best || greater(rank, best.rank)) best = { rank, route, rule, match: m };
      }
    }
  }
  if (!best) return { served: true, status: 404, backends: [] };
  return { served: true, rule: { route: best.route.metadata.name, name: best.rule.name }, ...effect(best.rule, best.route, resources, request, best.match, l.protocol === 'HTTPS' ? 'https' : 'http') };
}

function rankOf(m: R): number[] {
  const type = m.path?.type ?? 'PathPrefix';
  const value: string = m.path?.value ?? '/';
  return [type === 'Exact' ? 2 : type === 'RegularExpression' ? 1 : 0, type === 'PathPrefix' ? value.length : 0, m.method ? 1 : 0, m.headers?.length ?? 0, m.queryParams?.length ?? 0];
}

const greater = (a: number[], b: number[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
};

function matches(m: R, request: TestRequest): boolean {
  const type = m.path?.type ?? 'PathPrefix';
  const value: string = m.path?.value ?? '/';
  if (type === 'Exact' && request.path !== value) return false;
  if (type === 'PathPrefix' && !(value.endsWith('/') ? request.path.startsWith(value) : request.path === value || request.path.startsWith(`${value}/`))) return false;
  if (type === 'RegularExpression' && !fullMatch(value, request.path)) return false;
  if (m.method && m.method !== request.method) return false;
  for (const h of m.headers ?? []) {
    // kgateway's Envoy finds `host` as `:authority`, the Host as sent (header_map_impl.cc,
    // StaticLookupTable), as envoy/route-check.ts reads it: a URL alone gives a request its Host
    const actual = h.name.toLowerCase() === 'host' ? request.authority : request.headers.get(h.name.toLowerCase());
    if (actual === undefined || !(h.type === 'RegularExpression' ? fullMatch(h.value, actual) : actual === h.value)) return false;
  }
  for (const q of m.queryParams ?? []) {
    const actual = request.query.get(q.name)?.[0];
    if (actual === undefined || !(q.type === 'RegularExpression' ? fullMatch(q.value, actual) : actual === q.value)) return false;
  }
  return true;
}

/**
 * A URLRewrite path as kgateway applies it: ReplaceFullPath is the regex rewrite `.*` -> the value, which
 * RE2 reads as a rewrite string (`\0` the path, `\\` a backslash; builtin.go, `convertURLRewrite`, where
 * RE2::GlobalReplace takes no empty match right after the whole path); ReplacePrefixMatch is
 * Envoy's prefix_rewrite (the characters the prefix matched replaced), or for `/` the regex_rewrite
 * `^<prefix>\/*` -> `/`.
 */
function rewritePath(modifier: R | undefined, match: R, path: string): string {
  if (!modifier) return path;
  if (modifier.type === 'ReplaceFullPath') return globalReplace('.*', modifier.replaceFullPath, path);
  const prefix: string = match.path.value;
  const rest = path.slice(prefix.length);
  return modifier.replacePrefixMatch === '/' ? `/${rest.replace(/^\/+/, '')}` : modifier.replacePrefixMatch + rest;
}

function effect(rule: R, route: R, resources: readonly R[], request: TestRequest, match: R, from: 'http' | 'https'): Omit<GatewayAnswer, 'served' | 'rule'> {
  for (const f of rule.filters ?? []) {
    if (f.type === 'RequestRedirect') {
      const r = f.requestRedirect;
      const scheme = r.scheme ?? from;
      // Envoy's newUri: a path_redirect is given a leading `/`, and its own query replaces the request's
      const full = r.path?.type === 'ReplaceFullPath' ? String(r.path.replaceFullPath) : undefined;
      const path = full === undefined ? request.path : full.startsWith('/') ? full : `/${full}`;
      const query = full?.includes('?') ? '' : request.rawQuery;
      // kgateway writes Envoy's RedirectAction (krtcollections/builtin.go, convertRequestRedirect: https
      // as https_redirect, `port` as port_redirect, none when unset), and Envoy keeps the Host header as
      // sent (source/common/http/utility.cc, newUri and processRequestHost): a hostname replaces it whole,
      // a port replaces its port, and a scheme change drops only the old scheme's default port
      const hostPort = /^(.*?)(:\d+)?$/.exec(request.authority)!;
      const sentPort = hostPort[2] ?? '';
      const dropped = r.port !== undefined || (scheme !== from && sentPort === `:${from === 'https' ? 443 : 80}`);
      const host = r.hostname ?? (dropped ? hostPort[1] : request.authority);
      const port = r.port !== undefined ? `:${r.port}` : '';
      return { status: r.statusCode ?? 302, redirect: `${scheme}://${host}${port}${path}${query ? `?${query}` : ''}`, backends: [] };
    }
    if (f.type === 'ExtensionRef' && f.extensionRef.kind === 'DirectResponse') {
      const dr = resources.find((r) => r.kind === 'DirectResponse' && r.metadata.namespace === route.metadata.namespace && r.metadata.name === f.extensionRef.name);
      return { status: dr?.spec.status ?? 500, backends: [] };
    }
  }
  const backends = (rule.backendRefs ?? []).map((b: R) => {
    const ns = b.namespace ?? route.metadata.namespace;
    if (b.kind === 'Backend') {
      const backend = resources.find((r) => r.kind === 'Backend' && r.metadata.namespace === ns && r.metadata.name === b.name)!;
      const aws = backend.spec.aws;
      const q = aws.lambda.qualifier ?? '$LATEST';
      // a Backend names its function by region, account, name and qualifier, and no partition: kgateway
      // writes `arn:aws:` whatever the region (plugins/backend/aws.go buildLambdaARN), and the function is
      // the one of that region's partition (its endpoint: GW7022 where kgateway's is not it)
      const arn = `arn:${partitionOf(aws.region)}:lambda:${aws.region}:${aws.lambda.accountId ?? aws.accountId}:function:${aws.lambda.functionName}${q === '$LATEST' ? '' : `:${q}`}`;
      return { kind: 'lambda' as const, arn, ...(aws.auth?.assumeRole ? { role: aws.auth.assumeRole.roleArn } : {}), weight: b.weight ?? 1 };
    }
    return { kind: 'service' as const, ref: `${ns}/${b.name}`, port: b.port, weight: b.weight ?? 1 };
  });
  const rewrite = (rule.filters ?? []).find((f: R) => f.type === 'URLRewrite')?.urlRewrite?.path;
  const policy = (rule.filters ?? []).find((f: R) => f.type === 'ExtensionRef' && f.extensionRef.kind === 'TrafficPolicy');
  const pathRegex = policy && resources.find((r) => r.kind === 'TrafficPolicy' && r.metadata.namespace === route.metadata.namespace && r.metadata.name === policy.extensionRef.name)?.spec.urlRewrite?.pathRegex;
  // kgateway applies the policy's regex only where no path rewrite is set (url_rewrite.go, applyURLRewrite)
  const path = pathRegex && !rewrite ? globalReplace(pathRegex.pattern, pathRegex.substitution, request.path) : rewritePath(rewrite, match, request.path);
  return { backends, path };
}

/**
 * A RegularExpression match as kgateway has Envoy run it: RE2, the whole value (safe_regex). re2js, as
 * the Envoy checker: JavaScript's RegExp has neither RE2's `(?i)` nor its `(?i:...)` groups.
 */
function fullMatch(pattern: string, value: string): boolean {
  return RE2JS.compile(pattern).matches(value);
}

/** What a routing test expects, judged on the Gateway API answer (the same words as `gwctl test`). */
export function gatewayExpectationProblems(answer: GatewayAnswer, expect: Expectation, ruleName: (route: string) => string): string[] {
  const problems: string[] = [];
  if (expect.notServed !== undefined && expect.notServed === (answer.served && answer.status !== 404)) problems.push(`expected ${expect.notServed ? 'not ' : ''}served`);
  if (expect.route !== undefined && answer.rule?.name !== ruleName(expect.route)) problems.push(`expected rule ${ruleName(expect.route)}, got ${answer.rule ? `${answer.rule.route} ${answer.rule.name}` : 'none'}`);
  if (expect.status !== undefined && answer.status !== expect.status) problems.push(`expected status ${expect.status}, got ${answer.status ?? 'a forward'}`);
  if (expect.redirect !== undefined && answer.redirect !== expect.redirect) problems.push(`expected a redirect to ${expect.redirect}, got ${answer.redirect ?? 'none'}`);
  const named = (b: GatewayAnswer['backends'][number]): boolean =>
    expect.service !== undefined
      ? b.kind === 'service' && (expect.service === `${b.ref}:${b.port}` || expect.service === b.ref)
      : expect.function !== undefined && b.kind === 'lambda' && (typeof expect.function === 'string' ? b.arn === expect.function || b.arn.endsWith(`:function:${expect.function}`) : b.arn.endsWith(`:function:${expect.function.name}${(expect.function.qualifier ?? '$LATEST') === '$LATEST' ? '' : `:${expect.function.qualifier}`}`));
  const wanted = answer.backends.find(named);
  if ((expect.function !== undefined || expect.service !== undefined) && !wanted) problems.push(`expected ${JSON.stringify(expect.function ?? expect.service)}, got ${JSON.stringify(answer.backends)}`);
  const total = answer.backends.reduce((n, b) => n + b.weight, 0);
  const subject = wanted ?? (answer.backends.length === 1 ? answer.backends[0] : undefined);
  // the share of what the test names: every backend that is it (a rule may list one twice, GW4040)
  const share = wanted ? answer.backends.filter(named).reduce((n, b) => n + b.weight, 0) : subject?.weight;
  if (expect.weight !== undefined && share !== undefined && Math.round((share * 100) / total) !== expect.weight) problems.push(`expected ${expect.weight}%, got ${share}/${total}`);
  if (expect.role !== undefined) {
    const lambda = subject?.kind === 'lambda' ? subject : answer.backends.find((b) => b.kind === 'lambda');
    const role = lambda?.kind === 'lambda' ? lambda.role : undefined;
    if (!role || !(role === expect.role || role.endsWith(`:role/${expect.role}`))) problems.push(`expected role ${expect.role}, got ${role ?? 'none'}`);
  }
  if (expect.path !== undefined && answer.path !== expect.path) problems.push(`expected path ${expect.path}, got ${answer.path ?? 'none'}`);
  if (expect.randomValue !== undefined && wanted && total > 0) {
    const selected = Math.floor(expect.randomValue) % total;
    let end = 0;
    const picked = answer.backends.find((b) => (end += b.weight) > selected);
    // the backend the expectation names, wherever the rule lists it
    if (!picked || !named(picked)) problems.push(`random value ${expect.randomValue} picks ${JSON.stringify(picked)}`);
  }
  return problems;
}
