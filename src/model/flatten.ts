import { listUnder } from '../data/under';
import { setStr, stringMap } from '../data/values';
import { finding, resourceLabel, type Finding } from '../diagnostics/finding';
import { anchorIn, type Resource } from '../load/resource';
import { describeDestination } from './destinations';
import { evaluate, type FilterLevel } from './filters';
import { combineMatchers, specificity } from './matchers';
import type { ResourceIndex } from './resource-index';
import type { DelegateInfo, RouteInfo, TableInfo } from './tables';
import type { Matcher, RouteAction, RouteOrigin } from './types';
import type { Access, Workspaces } from './workspaces';
import { creationOrder } from './creation-order';
import type { Code } from '../diagnostics/catalogue';
import { pushAll } from '../data/push-all';
import { FlatRoute } from './route-nodes';
import { hasLabels } from './has-labels';
import type { RegexEngine } from './regex-engine';
import { slashlessPath } from './routed-paths';
import { unnameable } from '../text/kubernetes-names';

type Selector = DelegateInfo['selectors'][number];

/**
 * How many tables deep delegation is followed (gwctl decides: docs/semantics.md). Flattening recurses once
 * per level and carries the chain of every route, so depth must not grow with the input: a generated
 * chain of 20,000 tables would otherwise exhaust the stack. Gloo sets no limit; real configurations use a
 * handful of levels.
 */
export const DELEGATION_DEPTH_LIMIT = 256;

/**
 * How many routes, delegating ones included, flattening one root table may visit. Delegation by label
 * multiplies: six levels of ten tables, each selecting the next level, are 61 documents and a million
 * routes; seven levels would exhaust memory. Matchers multiply too: a delegated route's are every pair of
 * its parent's and its own, so a route with several matchers under a parent with several counts once
 * for each pair (four levels of 60 matchers, a 7 KB input, made 13 million and exhausted memory). Past
 * this many gwctl stops flattening the table and says so, instead of running without end.
 */
export const FLATTENED_ROUTES_LIMIT = 200_000;

interface Flat {
  readonly node: FlatRoute;
  readonly tableWeight: number;
}

type Outcome = { readonly routes: Flat[] } | { readonly conflict: string };

/**
 * Delegation, flattened: a root table's routes with every delegating route replaced by the routes of the
 * tables it selects, matchers combined, children ordered by TABLE_WEIGHT or ROUTE_SPECIFICITY, and the
 * allowedRoutes filters of every delegating level applied to each Lambda destination.
 */
export class Flattener {
  /** tables some delegation reached, or matched but was not allowed to see (already reported) */
  readonly selected = new Set<Resource>();
  private readonly selections = new Map<RouteInfo, TableInfo[]>();
  private readonly reportedCycles = new Set<string>();
  /** root tables whose FREEZE_CONFIG was reported (GW4024) */
  private readonly frozen = new Set<Resource>();
  /** delegated tables whose fields for root tables only were reported (GW4028) */
  private readonly rootOnlyReported = new Set<Resource>();
  private readonly hostsReported = new Set<Resource>();
  // the RouteTables of each workspace, in input order, made at the first selector by workspace: one by
  // workspace alone took every table as a candidate (16,000 teams' roots each selecting its own
  // workspace: 23 s)
  private tablesByWorkspace: Map<string, Resource[]> | undefined;

  constructor(
    private readonly tables: ReadonlyMap<Resource, TableInfo>,
    private readonly index: ResourceIndex,
    private readonly workspaces: Workspaces,
    private readonly findings: Finding[],
    private readonly engine: RegexEngine,
  ) {}

  /** The routes of a root table, flattened, under the filters of the listener that serves it. */
  flattenRoot(table: TableInfo, filters: readonly FilterLevel[]): FlatRoute[] {
    this.budget = FLATTENED_ROUTES_LIMIT;
    const outcome = this.flatten(table, null, [], filters, [table.resource]);
    if (this.budget < 0) {
      const p = table.resource;
      this.findings.push(finding('GW4023', { limit: FLATTENED_ROUTES_LIMIT.toLocaleString('en-US') }, anchorIn(p, '/spec/http', 'key'), { resource: p.ref }));
      // the tables it delegates to, those it stopped before included, are selected: their routes go
      // unserved for this finding's reason, not reported again as never selected (GW4002)
      this.selectBelow([table]);
      return [];
    }
    const routes = 'routes' in outcome ? outcome.routes.map((f) => f.node) : [];
    if (table.freezeOnFailure) this.reportFrozen(table, routes);
    return routes;
  }

  /**
   * Under FREEZE_CONFIG "any misconfigured route on the parent route table or any child route table
   * freezes the configuration for all routes in the route table tree until the error is resolved"
   * (route_table.proto, FailureMode): the routes gwctl replaces by a 500 are the misconfigured ones.
   * Once per root table, whichever listener asked.
   */
  private reportFrozen(table: TableInfo, routes: readonly FlatRoute[]): void {
    if (this.frozen.has(table.resource)) return;
    const replaced = routes.filter((r) => r.action.kind === 'direct' && r.action.replaced);
    if (replaced.length === 0) return;
    this.frozen.add(table.resource);
    const first = replaced[0]!;
    const code = first.action.kind === 'direct' ? first.action.replaced!.code : '';
    const p = table.resource;
    this.findings.push(
      finding('GW4024', { route: first.name, code, count: replaced.length }, anchorIn(p, '/spec/failureMode'), {
        resource: p.ref,
        related: [{ message: 'the misconfigured route', at: first.source }],
      }),
    );
  }

  /** routes the root table being flattened may still produce (see FLATTENED_ROUTES_LIMIT) */
  private budget = FLATTENED_ROUTES_LIMIT;

  private flatten(table: TableInfo, parent: { matchers: readonly Matcher[]; route: RouteOrigin } | null, chain: RouteOrigin[], filters: readonly FilterLevel[], stack: Resource[]): Outcome {
    const out: Flat[] = [];
    for (const route of table.routes) {
      // every route visited counts, delegating or not: levels of tables without routes multiply too
      if (--this.budget < 0) break;
      // counted before they are made: a product of millions would exhaust memory while being built
      if (parent && parent.matchers.length > 1 && route.matchers.length > 1 && (this.budget -= parent.matchers.length * route.matchers.length - 1) < 0) break;
      // a route's own path stands alone on a root table, and under a parent matcher without a path
      if (!parent || parent.matchers.some((m) => !m.path)) this.judgeSlashless(table, route);
      const combined = parent ? combineMatchers(parent.matchers, route.matchers) : { matchers: route.matchers };
      if ('conflict' in combined) {
        this.findings.push(
          finding('GW4006', { parent: `${parent!.route.route} of ${resourceLabel(parent!.route.table)}`, detail: combined.conflict }, anchorIn(table.resource, `${route.pointer}/matchers`), {
            resource: table.resource.ref,
            related: [{ message: 'the delegating route', at: parent!.route.source }],
          }),
        );
        return { conflict: combined.conflict };
      }
      // concat, not a spread: an array grown by a spread keeps room to grow, and every route keeps its chain
      const here = chain.concat([route.origin]);
      if (route.delegate) {
        pushAll(out, this.delegate(table, route, combined.matchers, here, filters, stack));
      } else if (route.action) {
        out.push({ node: this.leaf(route, combined.matchers, here, filters), tableWeight: table.weight });
      }
    }
    return { routes: out };
  }

  /**
   * GW4016 for each matcher of the route whose path, standing alone, starts no request path. Judged here,
   * not where the table is read: a child's path follows its parent's prefix (`/api/` + `v1` is `/api/v1`),
   * and only where a path stands alone does a missing `/` match nothing. Once per matcher, as findings are.
   */
  private judgeSlashless(table: TableInfo, route: RouteInfo): void {
    route.matchers.forEach((m, i) => {
      const path = m.path;
      // nearly every path begins with `/`, and is judged by that character alone (a regex's answer is
      // kept by the engine); a table reached twice says it twice, and dedupeFindings keeps one
      if (!path || path.value.startsWith('/') || m.refused) return;
      const problem = slashlessPath(path, this.engine);
      if (problem === undefined) return;
      const { kind, value } = path;
      this.findings.push(finding('GW4016', { kind, value, problem }, anchorIn(table.resource, `${route.pointer}/matchers/${i}/uri/${kind}`), { resource: table.resource.ref }));
    });
  }

  private delegate(table: TableInfo, route: RouteInfo, matchers: readonly Matcher[], chain: RouteOrigin[], filters: readonly FilterLevel[], stack: Resource[]): Flat[] {
    const delegate = route.delegate!;
    const levelFilters = delegate.filter ? [...filters, delegate.filter] : filters;
    const children = this.select(table, route);
    const replaced = (code: Code, reason: string): Flat[] => {
      const action: RouteAction = { kind: 'direct', status: 500, replaced: { code, reason } };
      return [{ node: new FlatRoute(matchers, action, chain, route.labels), tableWeight: table.weight }];
    };
    // a matcher Envoy refuses (GW4015, GW4036) or a value the schema refuses, reported when the table was
    // read, misconfigures the delegating route: replaced (route_table.proto, FailureMode
    // ROUTE_REPLACEMENT), its tables selected all the same, so that they are not also "never served" (GW4002)
    if (delegate.unservable) {
      this.selectBelow(children);
      return replaced(delegate.unservable.code, delegate.unservable.reason);
    }
    // a cycle is a misconfiguration of the route that closes it: Gloo replaces that route (ROUTE_REPLACEMENT)
    const closing = children.find((child) => stack.includes(child.resource));
    if (closing) {
      const cycle = this.reportCycle(table, route, [...stack, closing.resource]);
      return replaced('GW4005', `delegation cycle: ${cycle}`);
    }
    if (children.length > 0 && stack.length >= DELEGATION_DEPTH_LIMIT) {
      this.findings.push(finding('GW4022', { limit: DELEGATION_DEPTH_LIMIT }, anchorIn(table.resource, delegate.pointer, 'key'), { resource: table.resource.ref }));
      // the tables below are selected all the same: they are not also "never served" (GW4002)
      this.selectBelow(children);
      return replaced('GW4022', `delegation deeper than ${DELEGATION_DEPTH_LIMIT} tables`);
    }
    const parent = { matchers, route: chain[chain.length - 1]! };
    const routes: Flat[] = [];
    for (const child of children) {
      if (this.budget < 0) break;
      stack.push(child.resource);
      const outcome = this.flatten(child, parent, chain, levelFilters, stack);
      stack.pop();
      if ('conflict' in outcome) return replaced('GW4006', `delegation conflict: ${outcome.conflict}`);
      for (const r of outcome.routes) routes.push(r);
    }
    if (delegate.sortMethod === 'ROUTE_SPECIFICITY') {
      // stable: ties keep table weight order, then route order. The key is computed here, for the few
      // delegates that sort by it, not kept with every flattened route.
      const keys = new Map(routes.map((r) => [r, specificity(r.node.matchers)]));
      routes.sort((a, b) => {
        const ka = keys.get(a)!;
        const kb = keys.get(b)!;
        return kb[0] - ka[0] || kb[1] - ka[1] || b.tableWeight - a.tableWeight;
      });
    }
    return routes;
  }

  private leaf(route: RouteInfo, matchers: readonly Matcher[], chain: RouteOrigin[], filters: readonly FilterLevel[]): FlatRoute {
    let action = route.action!;
    if (action.kind === 'forward' && filters.length) {
      outer: for (const destination of action.destinations) {
        if (destination.kind !== 'lambda') continue;
        for (const level of filters) {
          const verdict = evaluate(level, destination);
          if (verdict.ok) continue;
          const code = verdict.roleUnknown ? 'GW5004' : 'GW5003';
          const table = chain[chain.length - 1]!.table;
          this.findings.push(
            finding(code, { destination: describeDestination(destination), parent: level.owner, detail: verdict.detail }, destination.source, {
              resource: table,
              related: [{ message: `the allowedRoutes of ${level.owner}`, at: level.source }],
            }),
          );
          action = { kind: 'direct', status: 500, replaced: { code, reason: `not allowed by ${level.owner}: ${verdict.detail}` } };
          break outer;
        }
      }
    }
    return new FlatRoute(matchers, action, chain, route.labels);
  }

  /**
   * The tables a delegate selects, in TABLE_WEIGHT order; computed once per route. Selectors are ORed and
   * taken in list order; each selector's tables in creation order (a name selects one table, whose place
   * is its entry's). Tables of equal weight keep that order (route_table.proto, RouteTableSpec.weight).
   */
  private select(parent: TableInfo, route: RouteInfo): TableInfo[] {
    const cached = this.selections.get(route);
    if (cached) return cached;
    const chosen = new Set<TableInfo>();
    const empty: Array<{ selector: Selector; detail: string }> = [];
    for (const selector of route.delegate!.selectors) {
      const found = this.selectOne(parent, selector);
      if (found.matched === 0) empty.push({ selector, detail: found.detail });
      for (const t of found.usable) chosen.add(t);
    }
    const p = parent.resource;
    if (empty.length === 0) {
      // no selector at all (only entries the schema already rejected): nothing more to say
    } else if (chosen.size === 0 && empty.length === route.delegate!.selectors.length) {
      // nothing at all: the route serves nothing (a warning, as Gloo Edge's NoMatchingRouteTablesWarning)
      const first = empty[0]!;
      this.findings.push(finding('GW4004', { detail: first.detail }, anchorIn(p, first.selector.implicit ? route.delegate!.pointer : first.selector.pointer, first.selector.implicit ? 'key' : 'value'), { resource: p.ref }));
    } else {
      // selectors pre-wired for teams that come later are normal
      for (const { selector, detail } of empty) this.findings.push(finding('GW4018', { detail }, anchorIn(p, selector.pointer), { resource: p.ref }));
    }
    const ordered = [...chosen].sort((a, b) => b.weight - a.weight);
    for (const t of ordered) this.selected.add(t.resource);
    this.selections.set(route, ordered);
    return ordered;
  }

  private tablesIn(workspace: string): readonly Resource[] {
    if (!this.tablesByWorkspace) {
      this.tablesByWorkspace = new Map();
      for (const t of this.index.of('RouteTable')) {
        const owner = this.workspaces.of(t.ref.namespace);
        if (owner !== null) listUnder(this.tablesByWorkspace, owner).push(t);
      }
    }
    return this.tablesByWorkspace.get(workspace) ?? [];
  }

  private selectOne(parent: TableInfo, selector: Selector): { usable: TableInfo[]; matched: number; detail: string } {
    const s = selector.value;
    const labels = stringMap(s.labels);
    // selectors.proto: a field left empty selects by the others (proto3: an empty string is unset)
    const name = setStr(s.name);
    const namespace = setStr(s.namespace);
    const workspace = setStr(s.workspace);
    const cluster = setStr(s.cluster);
    const p = parent.resource;
    let candidates =
      name !== undefined && namespace !== undefined ? this.index.named('RouteTable', namespace, name) : this.index.candidates('RouteTable', { name, namespace, labels });
    if (workspace !== undefined && this.workspaces.enabled) {
      const inWorkspace = this.tablesIn(workspace);
      if (inWorkspace.length < candidates.length) candidates = inWorkspace;
    }
    const matched: Resource[] = [];
    // why the first matching table that was not visible was refused; the rest need no message
    let hidden: { table: Resource; access: Extract<Access, { ok: false }> } | undefined;
    const labelKeys = Object.keys(labels);
    for (const c of candidates) {
      if (selector.implicit && c === p) continue;
      if (name !== undefined && c.ref.name !== name) continue;
      if (namespace !== undefined && c.ref.namespace !== namespace) continue;
      if (!hasLabels(c.labels, labels, labelKeys)) continue;
      // without Workspaces everything is one workspace: the selector's workspace cannot exclude anything
      if (workspace !== undefined && this.workspaces.enabled && this.workspaces.of(c.ref.namespace) !== workspace) continue;
      if (this.workspaces.clusterMismatch(c.ref.namespace, cluster)) continue;
      const access = this.workspaces.access(p.ref.namespace, c, 'ROUTE_TABLE');
      if (!access.ok) {
        this.selected.add(c);
        hidden ??= { table: c, access };
        continue;
      }
      // the implicit selector of `delegate: {}` means the child tables: root tables are not candidates
      if (selector.implicit && (this.tables.get(c)!.hosts.length > 0 || this.tables.get(c)!.gateways.length > 0)) continue;
      matched.push(c);
    }
    if (name === undefined) matched.sort(creationOrder);
    const usable: TableInfo[] = [];
    for (const c of matched) {
      const info = this.tables.get(c)!;
      const fields = [info.hosts.length ? 'hosts' : '', info.gateways.length ? 'virtualGateways' : ''].filter(Boolean);
      if (fields.length) {
        // once per table, at the first delegate that selects it: 3,000 tables whose delegates select each
        // other by a label made 9 million findings and ran out of memory
        if (this.hostsReported.has(c)) {
          this.selected.add(c);
          continue;
        }
        this.hostsReported.add(c);
        this.findings.push(
          finding('GW4001', { table: resourceLabel(c.ref), parent: resourceLabel(p.ref), fields: fields.join(' and ') }, anchorIn(c, `/spec/${fields[0]}`, 'key'), {
            resource: c.ref,
            related: [{ message: 'selected by this delegate', at: anchorIn(p, selector.pointer) }],
          }),
        );
        this.selected.add(c);
        continue;
      }
      if (info.rootOnly.length && !this.rootOnlyReported.has(c)) {
        this.rootOnlyReported.add(c);
        this.findings.push(
          finding('GW4028', { table: resourceLabel(c.ref), fields: info.rootOnly.map((f) => `\`${f}\``).join(', ') }, anchorIn(c, `/spec/${info.rootOnly[0]}`, 'key'), {
            resource: c.ref,
            related: [{ message: 'selected by this delegate', at: anchorIn(p, selector.pointer) }],
          }),
        );
      }
      usable.push(info);
    }
    let detail = '';
    if (matched.length === 0) {
      if (hidden) {
        const { table, access } = hidden;
        detail =
          access.code === 'GW6002'
            ? `: ${resourceLabel(table.ref)} matches, but workspace \`${access.owner}\` does not export it to workspace \`${access.consumer}\``
            : `: ${resourceLabel(table.ref)} matches, but workspace \`${access.consumer}\` does not import it from workspace \`${access.owner}\``;
      } else if (workspace !== undefined && this.workspaces.enabled && !this.workspaces.has(workspace)) detail = `: there is no workspace \`${workspace}\``;
      else {
        // a name no namespace or table can have (`namespace: Payments`), or a namespace Gloo reads nothing from
        const why = unnameable(namespace, name, 'RouteTable');
        const unread = why === undefined && namespace !== undefined ? this.workspaces.configOff(namespace) : null;
        if (why) detail = `: ${why}`;
        else if (unread) detail = `: Workspace \`${unread.workspace.ref.name}\` reads no configuration from namespace ${namespace} (configEnabled: false)`;
      }
    }
    return { usable, matched: matched.length, detail };
  }

  /** Every table that delegation reaches from these, without recursion. */
  private selectBelow(start: readonly TableInfo[]): void {
    const seen = new Set<TableInfo>(start);
    const queue = [...start];
    while (queue.length) {
      const table = queue.pop()!;
      for (const route of table.routes) {
        if (!route.delegate) continue;
        for (const child of this.select(table, route)) {
          if (!seen.has(child)) {
            seen.add(child);
            queue.push(child);
          }
        }
      }
    }
  }

  /** Reports a cycle once per closing route; returns it as text. */
  private reportCycle(table: TableInfo, route: RouteInfo, path: Resource[]): string {
    const start = path.indexOf(path[path.length - 1]!);
    const cycle = path.slice(start).map((r) => resourceLabel(r.ref)).join(' -> ');
    const key = `${table.resource.ref.namespace}/${table.resource.ref.name}#${route.index}`;
    if (!this.reportedCycles.has(key)) {
      this.reportedCycles.add(key);
      this.findings.push(finding('GW4005', { cycle }, anchorIn(table.resource, route.delegate!.pointer, 'key'), { resource: table.resource.ref }));
    }
    return cycle;
  }
}
