import type { Finding } from '../diagnostics/finding';
import type { Model, RouteNode } from '../model/types';
import type { Anchor } from '../source/anchor';
import type { ManifestDocument } from '../source/manifest-document';
import { Locator } from '../source/locate';
import { describeAction } from './routing-diff';
import { matchText } from './routes-table';
import { placeAnchor } from './serialize-model';
import { listUnder } from '../data/under';

export type MigrationTarget = 'gateway-api' | 'gloo' | 'envoy';
export type Verdict = 'keeps' | 'changes' | 'loses';

export interface RouteVerdict {
  readonly listener: string;
  readonly hosts: readonly string[];
  readonly route: string;
  readonly match: string;
  readonly does: string;
  readonly verdict: Verdict;
  readonly differences: ReadonlyArray<{ readonly code: string; readonly message: string }>;
  readonly source: string;
}

export interface MigrationReport {
  readonly target: MigrationTarget;
  readonly summary: { readonly routes: number; readonly keeps: number; readonly changes: number; readonly loses: number };
  /** what concerns the whole move rather than a route: listeners, credentials, the input's own problems */
  readonly before: ReadonlyArray<{ readonly code: string; readonly severity: string; readonly message: string; readonly where: string }>;
  readonly routes: readonly RouteVerdict[];
}

/** Codes whose route no longer does what it did: its destination is replaced by an error answer. */
const LOSES = new Set(['GW7003', 'GW7004']);

/**
 * What a move to the target keeps, changes and loses, route by route: each finding the target's
 * emitter raised is given to the route it is anchored in (a route, or a destination inside it), and the
 * route's verdict is the worst of them; findings anchored elsewhere (a listener, a provider, the input)
 * are what to settle before switching. A route with none keeps its meaning.
 */
export function migrationReport(model: Model, emitted: readonly Finding[], input: readonly Finding[], target: MigrationTarget, locator: Locator = new Locator()): MigrationReport {
  const routes: Array<{ listener: string; hosts: string[]; route: RouteNode }> = [];
  for (const l of model.listeners) {
    const byRoute = new Map<RouteNode, string[]>();
    for (const h of l.hosts) for (const r of h.routes) listUnder(byRoute, r).push(h.host);
    for (const [route, hosts] of byRoute) routes.push({ listener: l.name, hosts, route });
  }
  const owners = routeIndex(routes.map((r) => r.route));
  const perRoute = new Map<RouteNode, Finding[]>();
  const before: Finding[] = [...input.filter((f) => f.severity === 'error')];
  for (const f of emitted) {
    const mine = owners(f.at);
    if (mine.length === 0) before.push(f);
    for (const route of mine) {
      const list = perRoute.get(route);
      if (list) list.push(f);
      else perRoute.set(route, [f]);
    }
  }
  const verdicts = routes.map(({ listener, hosts, route }): RouteVerdict => {
    const found = perRoute.get(route) ?? [];
    // a route Gloo serves with what gwctl does not model (graphql, GW4012) is answered 500 in the model
    // and in every target: the move loses what it did, whatever the target
    const unmodeled = route.action.kind === 'direct' && route.action.replaced?.code === 'GW4012' ? [{ code: 'GW4012', message: `Gloo serves this route, with ${route.action.replaced.reason}: the output answers it 500` }] : [];
    const verdict: Verdict = unmodeled.length || found.some((f) => LOSES.has(f.code)) ? 'loses' : found.length ? 'changes' : 'keeps';
    const at = placeAnchor(route.source, locator);
    return { listener, hosts, route: route.name, match: matchText(route), does: describeAction(route), verdict, differences: dedupe([...unmodeled, ...found.map((f) => ({ code: f.code, message: f.message }))]), source: `${at.file}:${at.line}` };
  });
  const count = (v: Verdict) => verdicts.filter((r) => r.verdict === v).length;
  return {
    target,
    summary: { routes: verdicts.length, keeps: count('keeps'), changes: count('changes'), loses: count('loses') },
    before: dedupe(before.map((f) => {
      const at = placeAnchor(f.at, locator);
      return { code: f.code, severity: f.severity, message: f.message, where: `${at.file}:${at.line}` };
    })),
    routes: verdicts,
  };
}

/**
 * The routes a finding belongs to: those anchored at its place or at a node that contains it (a route's
 * destination, a matcher). Routes are indexed by document and pointer, and a finding looks up its pointer
 * and each ancestor: one lookup per level, not one comparison per route.
 */
function routeIndex(routes: readonly RouteNode[]): (at: Anchor) => RouteNode[] {
  const byDoc = new Map<ManifestDocument, Map<string, RouteNode[]>>();
  for (const r of routes) {
    if (r.source.kind !== 'node') continue;
    let byPointer = byDoc.get(r.source.doc);
    if (!byPointer) byDoc.set(r.source.doc, (byPointer = new Map()));
    const list = byPointer.get(r.source.pointer);
    if (list) list.push(r);
    else byPointer.set(r.source.pointer, [r]);
  }
  return (at) => {
    const byPointer = at.kind === 'node' ? byDoc.get(at.doc) : undefined;
    if (!byPointer || at.kind !== 'node') return [];
    const found: RouteNode[] = [];
    for (let p = at.pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
      for (const r of byPointer.get(p) ?? []) found.push(r);
      if (p === '') return found;
    }
  };
}

function dedupe<T extends { code: string; message: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const key = `${i.code}|${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
