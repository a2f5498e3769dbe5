import { checkRewrites } from './rewrite-checks';
import { RouteNames } from './route-names';
import { exact } from '../data/exact-array';
import { directBodyOverLimit, GLOO_DIRECT_BODY_BYTES } from './direct-body-limit';
import { asArray, int, isObject, obj, setStr, str, stringMap, type Obj } from '../data/values';
import { finding, resourceLabel } from '../diagnostics/finding';
import { anchorIn, releaseData, type Resource } from '../load/resource';
import { internPointer, itemPointer } from '../source/anchor';
import { resolveForward, type ResolveContext } from './destinations';
import { compileFilter, type FilterLevel } from './filters';
import { readMatchers, type ReadMatchers } from './matchers';
import type { RegexEngine } from './regex-engine';
import type { ResourceIndex } from './resource-index';
import type { Matcher, RouteAction, RouteOrigin, TableScope } from './types';
import { TableRouteOrigin } from './route-nodes';
import type { SchemaRefusals } from './schema-refusals';
import { REDIRECT_STATUSES } from './redirect-status';

export interface RouteInfo {
  /**
   * how the routes flattened from this one name it in their chain (one object, shared): its `route` is
   * the route's name, or `#index` for an unnamed route, and its `source` the route's anchor
   */
  readonly origin: RouteOrigin;
  readonly index: number;
  readonly pointer: string;
  readonly matchers: readonly Matcher[];
  readonly labels: Readonly<Record<string, string>>;
  /** for a leaf route: what it does (a direct response 500 when it cannot be served as written) */
  readonly action?: RouteAction;
  readonly delegate?: DelegateInfo;
}

export interface DelegateInfo {
  readonly pointer: string;
  /**
   * ORed. Without `routeTables` one implicit selector `{}`: every table of the parent's workspace and the
   * imported ones (route_table.proto, DelegateAction.route_tables).
   */
  readonly selectors: ReadonlyArray<{ readonly value: Obj; readonly pointer: string; readonly implicit: boolean }>;
  readonly sortMethod: 'TABLE_WEIGHT' | 'ROUTE_SPECIFICITY';
  readonly filter: FilterLevel | null;
  /**
   * why the delegating route cannot be served as written (a matcher Envoy refuses, a value the schema
   * refuses): the route is replaced by a 500, as a leaf route is, and delegates nothing
   */
  readonly unservable: ReadMatchers['unservable'];
}

export interface GatewayRef {
  readonly name: string;
  readonly namespace: string;
  readonly pointer: string;
}

export interface TableInfo {
  readonly resource: Resource;
  readonly weight: number;
  readonly hosts: readonly string[];
  /** hosts with a value the schema refuses: the table is a root table all the same, but serves them on no listener */
  readonly unservedHosts: readonly string[];
  /** a table for sidecars (workloadSelectors, no virtualGateways): attached to no gateway listener */
  readonly eastWest: boolean;
  readonly gateways: readonly GatewayRef[];
  readonly routes: readonly RouteInfo[];
  /**
   * failureMode FREEZE_CONFIG: a misconfigured route anywhere in the tree this table roots keeps the
   * whole tree at its last accepted configuration (route_table.proto, FailureMode); the default,
   * ROUTE_REPLACEMENT, replaces that route alone. Read on every table, used on root tables: a
   * delegated table must leave it unset.
   */
  readonly freezeOnFailure: boolean;
  /**
   * The fields set here that Gloo reads on a root table only ("For delegated child route tables, this
   * field must be empty or unset", route_table.proto): failureMode, applyToDestinations,
   * virtualServiceAnnotations. Reported when the table is delegated to (GW4028).
   */
  readonly rootOnly: readonly string[];
}

const ROOT_ONLY = ['failureMode', 'applyToDestinations', 'virtualServiceAnnotations'] as const;

/**
 * Reads every RouteTable once: its matchers, and for each leaf route the resolved destinations. What
 * does not depend on where the table is delegated from is done here, so that its findings are reported
 * once however many parents select the table.
 */
export function readTables(index: ResourceIndex, ctx: ResolveContext): Map<Resource, TableInfo> {
  const tables = new Map<Resource, TableInfo>();
  for (const table of index.of('RouteTable')) {
    const spec = table.spec;
    const names = new RouteNames(table, ctx.findings);
    // shared by the table's routes: what a policy's route selector reads of the table (policy-selection.ts)
    const scope: TableScope = { labels: table.labels, workspace: ctx.workspaces.of(table.ref.namespace) };
    // a loop, not flatMap: no list of one route made for every route
    const list: RouteInfo[] = [];
    asArray(spec.http).forEach((raw, i) => {
      const route = readRoute(ctx, table, scope, names, raw, i);
      if (route) list.push(route);
    });
    const routes = exact(list);
    // TCP and TLS routes (route_table.proto: TCPRoute, TLSRoute) route connections, not requests: gwctl
    // models HTTP routing only, and says so for each rather than leave them out unsaid
    for (const [section, what] of [['tcp', 'TCP routing (spec.tcp)'], ['tls', 'TLS passthrough routing (spec.tls)']] as const) {
      asArray(spec[section]).forEach((_, i) => {
        ctx.findings.push(finding('GW4012', { route: `#${i} of spec.${section}`, action: what, effect: 'the route is left out' }, anchorIn(table, itemPointer(`/spec/${section}`, i)), { resource: table.ref }));
      });
    }
    tables.set(table, {
      resource: table,
      weight: int(spec.weight) ?? 0,
      // host names are case-insensitive: Gloo's gateway lower-cases them and makes one virtual host of each
      // (istio/istio pilot/pkg/networking/core/gateway.go, buildGatewayHTTPRouteConfig), Envoy lower-cases
      // domains and refuses one written twice, and the Gateway API's hostnames are lower-case only
      hosts: exact([...new Set(asArray(spec.hosts).flatMap((h) => (typeof h === 'string' ? [h.toLowerCase()] : [])))]),
      unservedHosts: unservedHosts(table, ctx.refusals),
      // route_table.proto: without virtualGateways a table routes for sidecars; workloadSelectors say so outright
      eastWest: spec.workloadSelectors !== undefined && asArray(spec.virtualGateways).length === 0,
      gateways: exact(asArray(spec.virtualGateways).flatMap((g, i) => {
        const name = str(obj(g).name);
        return name ? [{ name, namespace: setStr(obj(g).namespace) ?? table.ref.namespace, pointer: internPointer(`/spec/virtualGateways/${i}`) }] : [];
      })),
      routes,
      freezeOnFailure: spec.failureMode === 'FREEZE_CONFIG',
      rootOnly: exact(ROOT_ONLY.filter((field) => spec[field] !== undefined && spec[field] !== null)),
    });
    // everything later stages need from the table is read: its raw data can go (see buildModel)
    releaseData(table);
  }
  return tables;
}

/** One route of a table as read (undefined: not a mapping, or neither a delegate nor an action). */
function readRoute(ctx: ResolveContext, table: Resource, scope: TableScope, names: RouteNames, raw: unknown, i: number): RouteInfo | undefined {
  const engine = ctx.engine;
  if (!isObject(raw)) return undefined;
  const pointer = itemPointer('/spec/http', i);
  const source = anchorIn(table, pointer);
  // the model's name is Gloo's; findings that point at the route name it as written
  const written = setStr(raw.name);
  const name = written ?? `#${i}`;
  const glooName = names.name(written, pointer, i);
  const read = readMatchers(table, pointer, raw, engine, ctx.findings);
  // a route holding a value the schema refuses is replaced, as one Envoy refuses (SchemaRefusals)
  const unservable = read.unservable ?? ctx.refusals.under(table, pointer);
  const delegate = isObject(raw.delegate) ? delegateInfo(table, pointer, raw.delegate, name, engine, unservable) : undefined;
  let action = delegate ? undefined : leafAction(ctx, table, pointer, raw, name);
  if (!delegate && !action) return undefined;
  if (action && unservable) action = { kind: 'direct', status: 500, replaced: unservable };
  if (action) action = checkRewrites(action, read.matchers, table, pointer, engine, ctx.findings);
  // one literal with every field, so that all routes share one object shape (a spread of a common
  // base gives each object a shape of its own: tens of megabytes on a large input)
  const labels = stringMap(raw.labels);
  return { origin: new TableRouteOrigin(table.ref, glooName, source, labels, scope), index: i, pointer, matchers: read.matchers, labels, action, delegate };
}

const NONE: readonly string[] = Object.freeze([]);

/** The hosts of a table the schema refuses (SchemaRefusals), lower-cased as `hosts`; nearly always none. */
function unservedHosts(table: Resource, refusals: SchemaRefusals): readonly string[] {
  if (!refusals.anyIn(table)) return NONE;
  const refused = asArray(table.spec.hosts).flatMap((h, i) => (typeof h === 'string' && refusals.under(table, `/spec/hosts/${i}`) ? [h.toLowerCase()] : []));
  return refused.length ? exact(refused) : NONE;
}

function leafAction(ctx: ResolveContext, table: Resource, pointer: string, route: Obj, name: string): RouteAction | undefined {
  if (isObject(route.forwardTo)) {
    const resolved = resolveForward(ctx, table, pointer, route.forwardTo);
    return 'action' in resolved ? resolved.action : { kind: 'direct', status: 500, replaced: resolved.failure };
  }
  if (isObject(route.directResponse)) {
    // route_table.proto: "If omitted, no body is included", and an empty body is the field omitted (proto3)
    const body = setStr(route.directResponse.body);
    const bytes = body === undefined ? undefined : directBodyOverLimit(body);
    if (bytes !== undefined) {
      ctx.findings.push(finding('GW4035', { size: bytes, maximum: GLOO_DIRECT_BODY_BYTES }, anchorIn(table, `${pointer}/directResponse/body`), { resource: table.ref }));
    }
    const status = int(route.directResponse.status) ?? 200;
    // the CRD takes 100 and up, but route_table.proto says "The value must be 200 - 599" and Envoy refuses a
    // route configuration with a direct response below 200 (route_components.proto, DirectResponseAction
    // status `gte: 200`): replaced, so that no output holds what Envoy refuses
    if (status >= 100 && status < 200) {
      ctx.findings.push(finding('GW4037', { status }, anchorIn(table, `${pointer}/directResponse/status`), { resource: table.ref }));
      return { kind: 'direct', status: 500, replaced: { code: 'GW4037', reason: `a direct response status of ${status}, below 200` } };
    }
    // Envoy adds to a 3xx direct response a Location of the request's own URL (source/common/router/
    // router.cc, decodeHeaders: `is3xx` -> newUri, which without a redirect config is the URL asked for):
    // a client that follows a redirect status asks for the same URL again, without end
    if (REDIRECT_STATUSES.has(status)) {
      ctx.findings.push(finding('GW4053', { status }, anchorIn(table, `${pointer}/directResponse/status`), { resource: table.ref }));
    }
    return { kind: 'direct', status, ...(body !== undefined ? { body } : {}) };
  }
  if (isObject(route.redirect)) {
    const r = route.redirect;
    // an empty host or path is none: Envoy keeps the request's host unless `!host_redirect_.empty()` and
    // its path unless `!path_redirect_.empty()` (source/common/router/config_impl.cc, newUri)
    const host = setStr(r.hostRedirect);
    const path = setStr(r.pathRedirect);
    return { kind: 'redirect', ...(host !== undefined ? { hostRedirect: host } : {}), ...(path !== undefined ? { pathRedirect: path } : {}), responseCode: str(r.responseCode) ?? 'MOVED_PERMANENTLY' };
  }
  if (route.graphql !== undefined) {
    // Gloo serves the route (a GraphQL schema resolved by its gateway): left out of the model, its
    // requests fell through to the routes after it, in `gwctl test` and in every output (/graphql served
    // by a catch-all). Answered 500, it takes what it matches, as the other routes gwctl cannot serve.
    ctx.findings.push(finding('GW4012', { route: name, action: 'graphql', effect: 'its requests are answered 500 in the model and every output, rather than fall through to the routes after it' }, anchorIn(table, `${pointer}/graphql`, 'key'), { resource: table.ref }));
    return { kind: 'direct', status: 500, replaced: { code: 'GW4012', reason: 'a graphql action, which gwctl does not model' } };
  }
  ctx.findings.push(finding('GW4011', { route: name }, anchorIn(table, pointer), { resource: table.ref }));
  return undefined;
}

function delegateInfo(table: Resource, routePointer: string, delegate: Obj, routeName: string, engine: RegexEngine, unservable: ReadMatchers['unservable']): DelegateInfo {
  // interned: a built pointer is a chain of concatenations, and every delegating route of a large input
  // keeps two (corpus L: 138,000 chains, 7 MB, where a few distinct pointers do)
  const pointer = internPointer(`${routePointer}/delegate`);
  return {
    pointer,
    selectors: asArray(delegate.routeTables).length
      ? exact(asArray(delegate.routeTables).flatMap((s, i) => (isObject(s) ? [{ value: s, pointer: internPointer(`${pointer}/routeTables/${i}`), implicit: false }] : [])))
      : [{ value: {}, pointer, implicit: true }],
    sortMethod: delegate.sortMethod === 'ROUTE_SPECIFICITY' ? 'ROUTE_SPECIFICITY' : 'TABLE_WEIGHT',
    filter: compileFilter(table, `${pointer}/allowedRoutes`, delegate.allowedRoutes, `${resourceLabel(table.ref)} (route ${routeName})`, engine),
    unservable,
  };
}
