import { RetryTimeoutPolicies } from './retry-policies';
import { withWorkspaceSelection } from './workspace-policies';
import { withPolicyDestinations } from './policy-destinations';
import { readGatewayWorkloads, withGatewayWorkloads } from './gateway-workloads';
import { readGatewayLabels, withListenerSelection } from './listener-selection';
import { resetSuggestions } from './suggestions';
import { asArray, obj } from '../data/values';
import { withUnreadObjects, type DestinationObjects } from './destination-objects';
import { dedupeFindings, finding, resourceLabel, type Finding } from '../diagnostics/finding';
import { anchorIn, releaseData, type CheckedObject, type Resource } from '../load/resource';
import { nodeAnchor } from '../source/anchor';
import { filterPatterns, lintFilterPatterns, type FilterPattern } from './filters';
import { Flattener } from './flatten';
import { attachRootTables, type ListenerSpec } from './listeners';
import { buildProviders } from './providers';
import { loadRegexEngine, type RegexEngine } from './regex-engine';
import { ResourceIndex } from './resource-index';
import { ShadowReports } from './shadowing';
import { nthOfName } from './nth-of-name';
import { MatcherPorts } from './matcher-ports';
import { SlashReports } from './rewrite-checks';
import { readTables } from './tables';
import { SchemaRefusals } from './schema-refusals';
import type { HostNode, ListenerNode, Model, PolicyNode } from './types';
import { catchAllsLast } from './catch-alls-last';
import { unreadFinding, Workspaces } from './workspaces';
import { creationOrder } from './creation-order';
import { FlatRoute } from './route-nodes';
import { PolicySelection } from './policy-selection';

export interface ModelResult {
  readonly model: Model;
  /** the iamRoles and lambdaFunctions patterns of every allowedRoutes, for the live checks */
  readonly filterPatterns: FilterPattern[];
  readonly findings: Finding[];
}

export interface ModelOptions {
  /**
   * Keep the flattened routes in the model. `validate` only checks them, host by host, and on a large
   * input they are the largest part of the model: without them it runs in far less memory.
   */
  readonly retainRoutes: boolean;
  /** the schema's findings: what they refuse is not served as written (model/schema-refusals.ts) */
  readonly schemaFindings?: readonly Finding[];
  /** the labels of the Namespace objects in the input, for Workspaces that select namespaces by label */
  readonly namespaceLabels?: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** routes the listeners may serve in all (MAX_SERVED_ROUTES unless --max-routes) */
  readonly maxRoutes?: number;
  /** the Gloo Platform policies of the input, carried to the emitters, which render none */
  readonly policies?: readonly PolicyNode[];
  /** the VirtualDestinations and ExternalServices of the input, which routes' ports are held to */
  readonly destinationObjects?: DestinationObjects;
  /**
   * the input's other configuration a workspace holds, checked against its CRD and not modeled (an
   * ExternalEndpoint, an ExternalWorkload: WORKSPACE_CONFIGURATION_KINDS): said where Gloo does not read it
   */
  readonly otherConfiguration?: readonly CheckedObject[];
}

/**
 * How many routes the listeners may serve in all, each host's routes counted: a table attached to many
 * listeners serves its routes on each, and everything after the model (the checks, every emitter's
 * output) grows with this count. A 310 KB input, one table of 3,000 routes on a hundred gateways of ten
 * listeners, served three million and took 11 s and 1.9 GB to validate; a little more would exhaust
 * memory; at this limit validate takes 2 s and 450 MB, render --target gateway-api 6 s and 750 MB. The
 * benchmark's largest corpus serves 184,608.
 * Past the limit gwctl stops, and says so (GW4044).
 */
export const MAX_SERVED_ROUTES = 500_000;

/**
 * Stage 3: from resources to the resolved model, and every way the configuration disagrees with itself.
 * Order: index, workspaces, providers and their functions, route tables (each read once), listeners,
 * delegation flattened per listener and host, then the checks over the result (shadowing, reachability).
 * The stage takes ownership of the resources' raw data and releases it once read.
 */
export async function buildModel(resources: readonly Resource[], options: ModelOptions = { retainRoutes: true }): Promise<ModelResult> {
  const findings: Finding[] = [];
  resetSuggestions();
  const read = new ResourceIndex(resources, findings);
  const refusals = new SchemaRefusals(options.schemaFindings ?? []);
  const workspaces = new Workspaces(read, findings, refusals, options.namespaceLabels);
  const index = withoutUnread(resources, read, workspaces, findings);
  const patterns = [...index.of('RouteTable'), ...index.of('VirtualGateway'), ...index.of('CloudProvider')].flatMap(filterPatterns);
  const engine = await regexEngineFor(index, patterns);
  // from here the model is built without a pause: its suggestions are its own (model/suggestions.ts)
  resetSuggestions();

  if (workspaces.enabled) {
    for (const r of [...index.of('RouteTable'), ...index.of('VirtualGateway')]) {
      if (workspaces.of(r.ref.namespace) === null) {
        findings.push(finding('GW6005', { resource: resourceLabel(r.ref), namespace: r.ref.namespace }, anchorIn(r, '/metadata/namespace'), { resource: r.ref }));
      }
    }
  }
  lintFilterPatterns(patterns, engine, findings);

  // Raw data goes as soon as its stage has read it (half the heap of a large input): CloudProviders and
  // CloudResources once the providers are built, each RouteTable once it is read (see readTables), the
  // rest once the tables are attached.
  const providers = buildProviders(index, workspaces, findings);
  for (const r of [...index.of('CloudProvider'), ...index.of('CloudResources')]) releaseData(r);
  const destinationObjects = options.destinationObjects && withUnreadObjects(options.destinationObjects, workspaces, findings);
  sayUnread(options.otherConfiguration ?? [], workspaces, findings);
  const resolve = { providers, workspaces, findings, refusals, engine, ...(destinationObjects ? { destinationObjects } : {}) };
  const tables = readTables(index, resolve);
  const roots = [...tables.values()].filter((t) => t.hosts.length > 0);
  const maxRoutes = options.maxRoutes ?? MAX_SERVED_ROUTES;
  const attachments = attachRootTables(roots, index, workspaces, engine, refusals, findings, maxRoutes);
  // the gateways' proxies, which a security policy's applyToWorkloads may select (gateway-workloads.ts)
  const gatewayWorkloads = options.policies?.some((p) => p.workloadSelection) ? readGatewayWorkloads(index) : new Map();
  // and their labels, which a policy's applyToListeners may select them by (listener-selection.ts)
  const gatewayLabels = options.policies?.some((p) => p.listenerSelection) ? readGatewayLabels(index) : new Map();
  for (const r of resources) releaseData(r);
  const flattener = new Flattener(tables, index, workspaces, findings, engine);

  // listener -> host -> the root tables serving it
  const byListener = new Map<ListenerSpec, Map<string, Array<{ table: (typeof attachments)[number]['table']; filter: (typeof attachments)[number]['hosts'][number]['filter'] }>>>();
  for (const a of attachments) {
    let hosts = byListener.get(a.listener);
    if (!hosts) byListener.set(a.listener, (hosts = new Map()));
    for (const { host, filter } of a.hosts) {
      const list = hosts.get(host) ?? [];
      list.push({ table: a.table, filter });
      hosts.set(host, list);
    }
  }

  // hosts of one root table share its flattened routes; without retainRoutes each host's are dropped
  // as soon as they are checked, so that they never all exist at once
  const flattened = new Map<string, FlatRoute[]>();
  // GW4038 once per route and prefix, whichever hosts serve it
  const slashes = new SlashReports();
  const shadows = new ShadowReports();
  const renamed = new Map<readonly FlatRoute[], FlatRoute[]>();
  const listeners: ListenerNode[] = [];
  const matcherPorts = new MatcherPorts();
  // the routes' chains carry what a policy's selectors read of their tables (TableScope)
  const given = withPolicyDestinations(withWorkspaceSelection(withoutUnreadPolicies(options.policies ?? [], workspaces, findings), workspaces), resolve);
  const selection = new PolicySelection(given);
  for (const t of roots) if (t.eastWest) selection.noteMesh(t.routes.map((r) => r.origin));
  const retryTimeouts = new RetryTimeoutPolicies(given);
  let served = 0;
  let stopped = false;
  for (const [spec, hosts] of byListener) {
    if (stopped) break;
    const hostNodes: HostNode[] = [];
    matcherPorts.listener();
    let redirect: FlatRoute | undefined;
    for (const [host, entries] of [...hosts].sort(([a], [b]) => cmp(a, b))) {
      // several root tables may serve one host: higher weight first, then oldest first (gwctl decides,
      // as for delegated tables: docs/semantics.md)
      entries.sort((a, b) => b.table.weight - a.table.weight || creationOrder(a.table.resource, b.table.resource));
      if (spec.httpsRedirect) {
        // one route object for every host of the listener: hosts with the same routes are one virtual host
        redirect ??= httpsRedirectRoute(spec);
        hostNodes.push({ host, routes: [redirect] });
        continue;
      }
      // a root table and the filter it is served with: one list of routes
      const keys = entries.map(({ table, filter }) => `${table.resource.order}|${filter ? filter.owner : ''}`);
      const lists = entries.map(({ table, filter }, i) => {
        let list = flattened.get(keys[i]!);
        if (!list) flattened.set(keys[i]!, (list = flattener.flattenRoot(table, filter ? [filter] : [])));
        return list;
      });
      // a host one root table serves has that table's list itself, shared with the table's other hosts;
      // several tables' lists are one virtual host, whose catch-all routes Gloo's gateway moves last
      const routes = lists.length === 1 ? lists[0]! : catchAllsLast(lists, spec.port);
      served += routes.length;
      if (served > maxRoutes) {
        const table = entries[0]!.table.resource;
        // reported once: attaching the tables may have stopped already
        if (!attachments.stopped) findings.push(finding('GW4044', { maxRoutes: maxRoutes.toLocaleString('en-US'), host, listener: spec.name }, anchorIn(table, '/spec/hosts', 'key'), { resource: table.ref }));
        stopped = true;
        break;
      }
      // hosts one table serves share its routes, and what shadows what on them
      shadows.note(lists.length === 1 ? keys[0]! : `${spec.name}\n${host}`, host, routes, spec.port);
      slashes.report(routes, findings);
      matcherPorts.note(routes, spec.port);
      selection.note(routes);
      retryTimeouts.note(routes);
      if (options.retainRoutes) {
        // renamed once per list, so that hosts of one table keep the same route objects, renamed ones
        // included: emitters make hosts with the same routes one virtual host (emit/host-groups.ts)
        let named = lists.length === 1 ? renamed.get(routes) : undefined;
        if (!named) {
          named = uniqueNames(routes);
          // a list several tables make is this host's alone: nothing to share it with
          if (lists.length === 1) renamed.set(routes, named);
        }
        hostNodes.push({ host, routes: named });
      } else {
        hostNodes.push({ host, routes: [] });
        flattened.clear();
      }
    }
    listeners.push({
      gateway: spec.gateway,
      name: spec.name,
      port: spec.port,
      protocol: spec.protocol,
      ...(spec.tls ? { tls: spec.tls } : {}),
      httpsRedirect: spec.httpsRedirect,
      hosts: hostNodes,
      ...(spec.source ? { source: spec.source } : {}),
    });
  }
  matcherPorts.report(findings);
  shadows.report(findings);
  const gatewayOf = (l: ListenerNode) => (l.gateway ? `${l.gateway.namespace}/${l.gateway.name}` : '');
  listeners.sort((a, b) => (a.gateway === null ? 1 : 0) - (b.gateway === null ? 1 : 0) || cmp(gatewayOf(a), gatewayOf(b)) || a.port - b.port);

  for (const t of tables.values()) {
    if (t.hosts.length === 0 && !flattener.selected.has(t.resource)) {
      findings.push(finding('GW4002', { table: resourceLabel(t.resource.ref) }, anchorIn(t.resource, '/metadata/name'), { resource: t.resource.ref }));
    }
  }
  const complete = !stopped && !attachments.stopped;
  const reported = withGatewayWorkloads(selection.report(given, complete, findings), gatewayWorkloads, listeners, workspaces);
  const policies = withListenerSelection(reported, gatewayLabels, listeners, workspaces, complete);
  retryTimeouts.report(findings);
  return { model: { providers: providers.nodes(), listeners, ...(policies.length ? { policies } : {}) }, filterPatterns: patterns, findings: dedupeFindings(findings) };
}

/**
 * The index without the resources in namespaces Gloo reads no configuration from (a Workspace's
 * `configEnabled: false`): Gloo ignores them, so they route nothing and nothing can select or use them.
 * Each gets GW6009. Rare, so the index is built a second time only when there is one.
 */
function withoutUnread(resources: readonly Resource[], index: ResourceIndex, workspaces: Workspaces, findings: Finding[]): ResourceIndex {
  if (!workspaces.enabled) return index;
  const unread = new Set<Resource>();
  for (const kind of CONFIGURATION_KINDS) {
    for (const r of index.of(kind)) {
      const off = workspaces.configOff(r.ref.namespace);
      if (!off) continue;
      unread.add(r);
      findings.push(unreadFinding(r.ref, anchorIn(r, '/metadata/namespace'), off));
    }
  }
  if (unread.size === 0) return index;
  // its findings (GW3004) were reported by the first
  return new ResourceIndex(resources.filter((r) => !unread.has(r)), []);
}

/**
 * The policies without those in namespaces Gloo reads no configuration from: Gloo ignores them, so they
 * select nothing, and a RetryTimeoutPolicy there times out no route of the renders. Each gets GW6009, as
 * a RouteTable there does. (Before, such a policy's timeout was rendered.)
 */
function withoutUnreadPolicies(policies: readonly PolicyNode[], workspaces: Workspaces, findings: Finding[]): readonly PolicyNode[] {
  if (!workspaces.enabled || policies.length === 0) return policies;
  return policies.filter((p) => {
    const off = workspaces.configOff(p.ref.namespace);
    if (!off) return true;
    const at = p.source.kind === 'node' ? nodeAnchor(p.source.doc, `${p.source.pointer}/metadata/namespace`) : p.source;
    findings.push(unreadFinding(p.ref, at, off));
    return false;
  });
}

/**
 * The other configuration a workspace holds, checked against its CRD and not modeled (an ExternalEndpoint,
 * an ExternalWorkload): one in a namespace Gloo reads no configuration from gets GW6009, as a RouteTable
 * there does; nothing reads it, so nothing else changes.
 */
function sayUnread(objects: readonly CheckedObject[], workspaces: Workspaces, findings: Finding[]): void {
  if (!workspaces.enabled) return;
  for (const o of objects) {
    const off = workspaces.configOff(o.ref.namespace);
    if (off) findings.push(unreadFinding(o.ref, anchorIn(o, '/metadata/namespace'), off));
  }
}

/** The kinds that are configuration Gloo reads from a workspace's namespaces (Workspaces live in the management namespace). */
const CONFIGURATION_KINDS = ['CloudProvider', 'CloudResources', 'RouteTable', 'VirtualGateway', 'WorkspaceSettings'] as const;

/** What a listener with httpsRedirect serves on every host: one route, a 301 to https:// (virtual_gateway.proto). */
function httpsRedirectRoute(spec: ListenerSpec): FlatRoute {
  const origin = { table: spec.gateway!, route: 'https-redirect', source: spec.source! };
  return new FlatRoute([], { kind: 'redirect', httpsRedirect: true, responseCode: 'MOVED_PERMANENTLY' }, [origin], {});
}

/**
 * re2js is loaded only for inputs that hold a regular expression the model checks: a filter pattern, a
 * regex matcher, a regexRewrite, a suffix matcher (a regex of its quoted text, which RE2 always takes,
 * and which may need what no routed path holds: GW4045). (`routes --request` and `gwctl test` load the
 * engine of their own.)
 */
async function regexEngineFor(index: ResourceIndex, patterns: readonly FilterPattern[]): Promise<RegexEngine> {
  const needed = patterns.length > 0 || index.of('RouteTable').some(hasRouteRegex);
  return needed ? loadRegexEngine() : { compile: () => ({ matches: () => false }), substitute: () => undefined, groupCount: () => 0, matchesSome: () => undefined, matchesEvery: () => undefined };
}

function hasRouteRegex(table: Resource): boolean {
  return asArray(table.spec.http).some((route) =>
    obj(obj(route).forwardTo).regexRewrite !== undefined ||
    asArray(obj(route).matchers).some((m) => {
      const matcher = obj(m);
      const uri = obj(matcher.uri);
      return uri.regex !== undefined || uri.suffix !== undefined || [...asArray(matcher.headers), ...asArray(matcher.queryParameters)].some((h) => obj(h).regex === true);
    }),
  );
}

/** Route names are unique per host: a second route of the same name gets `~2`, and so on (nthOfName). */
function uniqueNames(routes: readonly FlatRoute[]): FlatRoute[] {
  const nth = nthOfName(routes);
  return routes.map((r, i) => (nth[i] === 1 ? r : r.numbered(nth[i]!)));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
