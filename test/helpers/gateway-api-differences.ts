import { dnsName } from '../../src/emit/dns-name';
import type { RouteNode } from '../../src/model/types';

type Finding = { readonly code: string; readonly message: string };

/**
 * What the findings of a Gateway API render announce as answered otherwise than on Gloo: the routes,
 * hosts and listeners GW7101 (precedence), GW7103 (left out or answered otherwise), GW7106 (a prefix
 * rewritten to `/`) and GW7108 (precedence among a route's own matches) name, in backquotes or as
 * GW7103's subject (`listener …`, `host …`, a route; not for a payload mode kgateway lacks, which
 * changes what the function receives, not who serves); the
 * routes whose prefixes GW7102 says compare whole segments; a Service the output cannot route (GW7003,
 * GW7004: it answers 503). A test that compares the model with the output excuses a difference only
 * where `isAnnounced` finds it named.
 */
export interface AnnouncedDifferences {
  readonly names: ReadonlySet<string>;
  readonly segmentPrefixes: ReadonlySet<string>;
  readonly unroutableService: boolean;
}

export function announcedDifferences(findings: readonly Finding[]): AnnouncedDifferences {
  const quoted = (f: Finding) => [...f.message.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  return {
    names: new Set(findings.flatMap((f) => (f.code === 'GW7103' && !f.message.includes('payloadTransformMode') ? [f.message.slice(0, f.message.indexOf(': '))] : f.code === 'GW7101' || f.code === 'GW7106' || f.code === 'GW7108' ? quoted(f) : []))),
    segmentPrefixes: new Set(findings.filter((f) => f.code === 'GW7102').map((f) => quoted(f)[0]!)),
    unroutableService: findings.some((f) => f.code === 'GW7003' || f.code === 'GW7004'),
  };
}

/**
 * Whether the findings name the difference for a request: its listener or host (`host *-preview…`
 * covering the request's), the route Gloo serves it with or the rule the output does, a path that
 * continues one of a GW7102 route's prefixes inside a segment (`/api` and `/apis`), or a 503 for a
 * Service the output cannot route.
 */
export function isAnnounced(d: AnnouncedDifferences, at: { listener?: string; host: string; route?: RouteNode; rule?: string; path: string; status?: number }): boolean {
  const route = at.route;
  for (const n of d.names) {
    if (n === `listener ${at.listener}`) return true;
    if (n.startsWith('host ') && new RegExp(`^${n.slice(5).replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '*' ? '.*' : `\\${c}`))}$`).test(at.host)) return true;
    if (route !== undefined && (names(n, route.name) || dnsName(n) === dnsName(route.name))) return true;
    if (at.rule !== undefined && dnsName(n) === at.rule) return true;
  }
  if (route !== undefined && [...d.segmentPrefixes].some((n) => names(n, route.name)) && betweenSegments(route, at.path)) return true;
  return at.status === 503 && d.unroutableService;
}

/**
 * Whether a name a finding quotes is this route's: as written, or cut as findings cut an argument over
 * 1,024 characters (`shop/xxx… (1106 characters)`, diagnostics/finding.ts).
 */
function names(quoted: string, name: string): boolean {
  if (quoted === name) return true;
  const cut = /^([^]*)… \((\d+) characters\)$/.exec(quoted);
  return cut !== null && name.length === Number(cut[2]) && name.startsWith(cut[1]!);
}

/** Whether a path continues one of the route's prefixes inside a segment, where Gloo and kgateway differ (GW7102). */
function betweenSegments(route: RouteNode, path: string): boolean {
  return route.matchers.some((m) => m.path?.kind === 'prefix' && !m.path.ignoreCase && !m.path.value.endsWith('/') && path.length > m.path.value.length && path.startsWith(m.path.value) && path[m.path.value.length] !== '/');
}
