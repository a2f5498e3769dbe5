import { asArray, bool, int, isObject, obj, setStr, str, type Obj } from '../data/values';
import type { Code } from '../diagnostics/catalogue';
import { finding, resourceLabel, type Finding } from '../diagnostics/finding';
import type { Dialect } from '../load/kinds';
import { anchorIn, type PlacedObject, type Resource } from '../load/resource';
import { internPointer, type Anchor } from '../source/anchor';
import { suggest } from './suggestions';
import { listUnder, under } from '../data/under';
import { firstAndMore, NAMES_SHOWN } from '../text/first-and-more';
import { accountOf, functionArn, parseFunctionArn, roleArn, roleNameOf } from './arn';
import { unknownRegion } from './unknown-region';
import { awayFrom, derivedLogicalName, functionKey, type ProviderEntry, type Providers } from './providers';
import type { Destination, ForwardAction, FunctionNode, InvokeRole, LambdaDestination, LambdaOptions, ProviderNode, RegexRewrite, ServiceDestination } from './types';
import { checkDestinationObject, type DestinationObjects } from './destination-objects';
import { ResolvedLambda } from './function-nodes';
import { subsetSuffix, subsetText } from './destination-text';
import { distributeWeights } from './weights';
import type { Workspaces } from './workspaces';
import type { SchemaRefusals } from './schema-refusals';
import { unexpandedVariableNote } from '../text/unexpanded-variable';
import { isRoleName } from './aws-names';
import { inPart, type RegexEngine } from './regex-engine';

export const DEFAULT_ROLE_ANNOTATION = 'gloo.solo.io/defaultInvokeRole';

// Twelve combinations at most, shared by every destination; found by index, not by a key string made
// for every destination.
const INVOCATIONS: ReadonlyArray<LambdaOptions['invocation']> = ['sync', 'async'];
const REQUESTS: ReadonlyArray<LambdaOptions['request']> = ['raw', 'wrap'];
const RESPONSES: ReadonlyArray<LambdaOptions['response']> = ['raw', 'unwrap-api-gateway', 'unwrap-alb'];
const OPTIONS: LambdaOptions[] = [];
function options(invocation: LambdaOptions['invocation'], request: LambdaOptions['request'], response: LambdaOptions['response']): LambdaOptions {
  const i = (INVOCATIONS.indexOf(invocation) * REQUESTS.length + REQUESTS.indexOf(request)) * RESPONSES.length + RESPONSES.indexOf(response);
  return (OPTIONS[i] ??= Object.freeze({ invocation, request, response }));
}

export interface ResolveContext {
  readonly providers: Providers;
  readonly workspaces: Workspaces;
  readonly findings: Finding[];
  readonly refusals: SchemaRefusals;
  /** loaded when the input holds a pattern (a provider's discovery.filter.names among them) */
  readonly engine: RegexEngine;
  /** the VirtualDestinations and ExternalServices of the input, which a route's port is held to */
  readonly destinationObjects?: DestinationObjects;
}

/** A route that cannot be served as written: the model serves a direct response 500 instead. */
export interface Failure {
  readonly code: Code;
  readonly reason: string;
}

/** A destination is made with weight 0; its share is set once all of the route's are known. */
type Resolution = { destination: Destination } | { failure: Failure };

const DEFAULT_DESTINATION = '/spec/defaultDestination';

/** Resolves a route's forwardTo: every destination to a function ARN (or a Service), weights applied. */
export function resolveForward(ctx: ResolveContext, table: Resource, routePointer: string, forwardTo: Obj): { action: ForwardAction } | { failure: Failure } {
  let list: Array<{ value: unknown; pointer: string }> = asArray(forwardTo.destinations).map((d, i) => ({ value: d, pointer: destinationPointer(routePointer, i) }));
  if (list.length === 0) {
    if (!isObject(table.spec.defaultDestination)) {
      ctx.findings.push(finding('GW4014', {}, anchorIn(table, `${routePointer}/forwardTo`), { resource: table.ref }));
      return { failure: { code: 'GW4014', reason: 'forwardTo has no destination' } };
    }
    list = [{ value: table.spec.defaultDestination, pointer: DEFAULT_DESTINATION }];
  }
  const resolved: Resolution[] = list.map(({ value, pointer }) => resolveOne(ctx, table, pointer, value));
  const failed = resolved.find((r): r is { failure: Failure } => 'failure' in r);
  if (failed) return failed;
  // a defaultDestination the schema refuses serves no route (a route's own values are its table's check,
  // model/tables.ts); checked once resolved, so that its findings are reported all the same
  const refused = list[0]!.pointer === DEFAULT_DESTINATION ? ctx.refusals.under(table, DEFAULT_DESTINATION) : undefined;
  if (refused) return { failure: refused };
  const weights = distributeWeights(table, list.map((d) => d.pointer), list.map((d) => int(obj(d.value).weight)), ctx.findings);
  if (!Array.isArray(weights)) return weights;
  const destinations = resolved.map((r, i) => {
    const { destination } = r as Extract<Resolution, { destination: unknown }>;
    (destination as { weight: number }).weight = weights[i]!;
    return destination as Destination;
  });
  if (destinations.length > 1) destinationsTwice(destinations, table, ctx.findings);
  // empty rewrites rewrite nothing: members of oneofs, but Istio, which serves Gloo's routes, sets a prefix
  // rewrite only for `uri != ""` and a host only for `GetAuthority() != ""` (istio/istio
  // pilot/pkg/networking/core/route/route.go, applyHTTPRouteDestination)
  const pathRewrite = setStr(forwardTo.pathRewrite);
  const regexRewrite = regexRewriteOf(forwardTo);
  const hostRewrite = setStr(forwardTo.hostRewrite);
  const autoHostRewrite = forwardTo.autoHostRewrite === true;
  return {
    action: {
      kind: 'forward',
      destinations,
      ...(pathRewrite !== undefined ? { pathRewrite } : {}),
      ...(regexRewrite !== undefined ? { regexRewrite } : {}),
      ...(hostRewrite !== undefined ? { hostRewrite } : {}),
      ...(autoHostRewrite ? { autoHostRewrite } : {}),
    },
  };
}

/**
 * A destination a route names twice (the same function, qualifier, role and options; the same Service and
 * port): both shares of the split go to one backend, which in a canary usually means the second entry was
 * meant to name another version (warning GW4040). Served as written: the two shares add up.
 */
function destinationsTwice(destinations: readonly Destination[], table: Resource, findings: Finding[]): void {
  for (let i = 1; i < destinations.length; i++) {
    const d = destinations[i]!;
    for (let j = 0; j < i; j++) {
      if (!sameDestination(destinations[j]!, d)) continue;
      let sum = 0;
      for (const e of destinations) if (sameDestination(e, d)) sum += e.weight;
      findings.push(finding('GW4040', { destination: describeDestination(d), position: j + 1, weight: d.weight, sum }, d.source, { resource: table.ref }));
      break;
    }
  }
}

function sameDestination(a: Destination, b: Destination): boolean {
  if (a.kind === 'lambda') return b.kind === 'lambda' && a.arn === b.arn && a.invokeRole?.arn === b.invokeRole?.arn && a.options === b.options;
  return b.kind === 'service' && a.name === b.name && a.namespace === b.namespace && a.targetKind === b.targetKind && a.cluster === b.cluster && a.port === b.port && subsetText(a.subset ?? {}) === subsetText(b.subset ?? {});
}

/**
 * A destination's `subset` ("select a subset of the destination's endpoints for routing based on their
 * labels", route_table.proto): its string labels; none when it names none (an empty map is the field
 * unset, proto3). Compared and shown by subsetText, in key order. Before, it was not read: a route to
 * `reviews` version v2 and one to version v1 were one destination twice, and the outputs sent both to
 * every version.
 */
function subsetOf(value: unknown): Readonly<Record<string, string>> | undefined {
  if (!isObject(value)) return undefined;
  const labels = Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string');
  return labels.length ? Object.freeze(Object.fromEntries(labels)) : undefined;
}

// The pointers of a route's destinations, by the route's pointer (one string for item i of every table,
// itemPointer) and index: made and interned once, not built, flattened and hashed for every destination
// of every table when its anchor is made.
const destinationPointers = new Map<string, string[]>();

function destinationPointer(routePointer: string, i: number): string {
  let pointers = destinationPointers.get(routePointer);
  if (pointers === undefined) destinationPointers.set(routePointer, (pointers = []));
  return (pointers[i] ??= internPointer(`${routePointer}/forwardTo/destinations/${i}`));
}

/** forwardTo.regexRewrite, when it has a pattern (the schema requires its fields' types, not their presence). */
export function regexRewriteOf(forwardTo: Obj): RegexRewrite | undefined {
  const rewrite = obj(forwardTo.regexRewrite);
  const pattern = str(obj(rewrite.pattern).regex);
  return pattern === undefined ? undefined : { pattern, substitution: str(rewrite.substitution) ?? '' };
}

function resolveOne(ctx: ResolveContext, table: Resource, pointer: string, d: unknown): Resolution {
  // a destination that is no mapping names nothing: the schema says what it is (GW2004), not that it lacks a `ref`
  if (!isObject(d)) return { failure: { code: 'GW2004', reason: 'the destination is not a mapping' } };
  if (isObject(d.awsLambda)) return lambda(ctx, table, pointer, awsLambdaRef(table, pointer, d.awsLambda, ROUTE));
  const ref = obj(d.ref);
  if (d.kind === 'CLOUD_PROVIDER' || isObject(d.function)) {
    const fn = obj(d.function);
    const aws = obj(fn.awsLambda);
    const alb = bool(aws.unwrapAsAlb) ?? false;
    const apiGateway = bool(aws.unwrapAsApiGateway) ?? false;
    if (alb && apiGateway) ctx.findings.push(finding('GW3011', {}, anchorIn(table, `${pointer}/function/awsLambda`), { resource: table.ref }));
    return lambda(ctx, table, pointer, {
      dialect: 'v2.2',
      user: ROUTE,
      refPointer: `${pointer}/ref`,
      name: setStr(ref.name),
      namespace: setStr(ref.namespace) ?? table.ref.namespace,
      cluster: setStr(ref.cluster),
      logicalName: str(fn.logicalName),
      options: options(aws.invocationStyle === 'ASYNC' ? 'async' : 'sync', 'raw', alb ? 'unwrap-alb' : apiGateway ? 'unwrap-api-gateway' : 'raw'),
    });
  }
  // a destination that names nothing cannot be served: the schema says so when `ref` lacks its name,
  // this when there is no `ref` at all (the CRD allows neither `ref` nor `awsLambda`)
  const name = setStr(ref.name);
  if (name === undefined) {
    if (!isObject(d.ref)) {
      const where = table.dialect === 'v2.2' ? 'This destination' : 'This destination, which has no `awsLambda`,';
      ctx.findings.push(finding('GW2003', { where, field: 'ref' }, anchorIn(table, pointer), { resource: table.ref }));
    }
    return { failure: { code: 'GW2003', reason: 'the destination names nothing to forward to' } };
  }
  const written = serviceDestination(table, pointer, d, name);
  const checked = checkDestinationObject(ctx.destinationObjects, ctx.workspaces, written, table, ROUTE, ctx.findings);
  if ('failure' in checked) return checked;
  return { destination: checked.labels ? { ...written, objectLabels: checked.labels } : written };
}

/** A destination's `ref` (a Service, a VirtualDestination, an ExternalService), a route's or a policy's, as the destination it is. */
function serviceDestination(holder: PlacedObject, pointer: string, d: Obj, name: string): ServiceDestination {
  const ref = obj(d.ref);
  const port = obj(d.port);
  const portValue = int(port.number) ?? str(port.name);
  const cluster = setStr(ref.cluster);
  const subset = subsetOf(d.subset);
  return {
    kind: 'service',
    targetKind: str(d.kind) ?? 'SERVICE',
    name,
    namespace: setStr(ref.namespace) ?? holder.ref.namespace,
    ...(cluster ? { cluster } : {}),
    ...(portValue !== undefined ? { port: portValue } : {}),
    ...(subset ? { subset } : {}),
    weight: 0,
    source: anchorIn(holder, pointer),
  };
}

/**
 * A 2.3+ destination's `awsLambda`, a route's or a policy's (a MirrorPolicy's, a JWT provider's keys: the
 * CRDs give them the RouteTable's destination), as the reference it is.
 */
function awsLambdaRef(holder: PlacedObject, pointer: string, l: Obj, user: DestinationUser): LambdaRef {
  const cp = obj(l.cloudProvider);
  const written = obj(l.options);
  return {
    dialect: 'v2.3',
    user,
    refPointer: `${pointer}/awsLambda/cloudProvider`,
    // references.proto, ObjectReference: "if the field is omitted, Gloo Mesh will use the same namespace as
    // the parent object", and an empty string is the field omitted (proto3)
    name: setStr(cp.name),
    namespace: setStr(cp.namespace) ?? holder.ref.namespace,
    cluster: setStr(cp.cluster),
    function: str(l.function),
    qualifier: setStr(l.qualifier),
    options: options(
      written.invocationStyle === 'ASYNC' ? 'async' : 'sync',
      written.requestTransformation === 'REQUEST_DISABLE' ? 'raw' : 'wrap',
      written.responseTransformation === 'RESPONSE_DISABLE' ? 'raw' : 'unwrap-api-gateway',
    ),
  };
}

/**
 * Who names a destination, as a finding says it, and what becomes of it when it cannot be served: a
 * route's is replaced with a 500 (the model's direct response), and its table's default-role annotation
 * applies to it; a policy's (a mirror, a JWT provider's keys) is said, and nothing is rendered of it.
 */
export interface DestinationUser {
  readonly noun: string;
  /** what GW3013 adds of a function it cannot tell */
  readonly replaced: string;
  /** what GW3018 adds of an object Gloo does not read */
  readonly unread: string;
  readonly routed: boolean;
}

const ROUTE: DestinationUser = { noun: 'the route', replaced: ': gwctl replaces the route with a 500', unread: ', so the route forwards to nothing Gloo knows and is not served as written', routed: true };

type Policy = PlacedObject & { readonly kind: string };
const policyUser = (policy: Policy): DestinationUser => ({ noun: `the ${policy.kind}`, replaced: '', unread: `, so the ${policy.kind} sends to nothing Gloo knows`, routed: false });

/**
 * Resolves a policy's destination (load/policy-destinations.ts) as a route's. Of `awsLambda`: a provider
 * the input does not hold (GW3001), one not shared with the policy's workspace (GW6002, GW6003), a function
 * no CloudResources declares (GW3007); the function, where it resolves, is one `validate --aws` looks up
 * and judges the invocation of, as a route's. Of `ref`: a VirtualDestination or ExternalService of the
 * input, shared with the policy's workspace and read by Gloo, and its port (GW3016 to GW3018).
 */
export function resolvePolicyDestination(ctx: ResolveContext, policy: Policy, pointer: string, d: Obj, name: string): LambdaDestination | undefined {
  const user = policyUser(policy);
  if (!isObject(d.awsLambda)) {
    checkDestinationObject(ctx.destinationObjects, ctx.workspaces, serviceDestination(policy, pointer, d, name), policy, user, ctx.findings);
    return undefined;
  }
  const resolved = lambda(ctx, policy, pointer, awsLambdaRef(policy, pointer, d.awsLambda, user));
  return 'destination' in resolved ? (resolved.destination as LambdaDestination) : undefined;
}

interface LambdaRef {
  readonly dialect: Dialect;
  readonly user: DestinationUser;
  readonly refPointer: string;
  readonly name: string | undefined;
  readonly namespace: string;
  readonly cluster: string | undefined;
  /** 2.3+ */
  readonly function?: string | undefined;
  readonly qualifier?: string | undefined;
  /** 2.2 */
  readonly logicalName?: string | undefined;
  readonly options: LambdaOptions;
}

function lambda(ctx: ResolveContext, table: PlacedObject, pointer: string, ref: LambdaRef): Resolution {
  const extra = { resource: table.ref };
  if (ref.name === undefined) return { failure: { code: 'GW2003', reason: 'the destination names no CloudProvider' } };
  const label = `${ref.namespace}/${ref.name}`;
  const entry = ctx.providers.get(ref.dialect, ref.namespace, ref.name);
  const mismatch = entry ? ctx.workspaces.clusterMismatch(ref.namespace, ref.cluster) : undefined;
  if (!entry || mismatch) {
    const unread = ctx.workspaces.configOff(ref.namespace);
    const suggestion = mismatch
      ? `; it exists, but its workspace places namespace ${ref.namespace} in cluster ${mismatch.join(' or ')}, not ${ref.cluster}`
      : unread
        ? `; Workspace \`${unread.workspace.ref.name}\` reads no configuration from namespace ${ref.namespace} (configEnabled: false)`
        : otherDialect(ctx.providers, ref) ?? nameSuggestion(ctx.providers, ref.name, label);
    ctx.findings.push(finding('GW3001', { ref: label, suggestion }, anchorIn(table, `${ref.refPointer}/name`), extra));
    return { failure: { code: 'GW3001', reason: `CloudProvider ${label} not found` } };
  }
  const access = ctx.workspaces.access(table.ref.namespace, entry.resource, 'CLOUD_PROVIDER');
  if (!access.ok) {
    ctx.findings.push(
      finding(access.code, { target: `CloudProvider ${label}`, owner: access.owner, consumer: access.consumer }, anchorIn(table, `${ref.refPointer}/name`), {
        ...extra,
        related: [{ message: 'the CloudProvider', at: anchorIn(entry.resource, '/metadata/name') }],
      }),
    );
    return { failure: { code: access.code, reason: `CloudProvider ${label} is not shared with this workspace` } };
  }
  const node = entry.node;
  if (!node) return { failure: { code: 'GW2003', reason: `CloudProvider ${label} has no account or region` } };
  if (access.imported && !node.invokeRole) {
    ctx.findings.push(finding('GW6004', { provider: label, owner: access.owner ?? '' }, anchorIn(table, `${ref.refPointer}/name`), { ...extra, related: [{ message: 'the CloudProvider', at: node.source }] }));
    return { failure: { code: 'GW6004', reason: `imported CloudProvider ${label} sets no invokeRoleName` } };
  }
  const invokeRole = node.invokeRole ?? (ref.user.routed ? annotationRole(ctx, table, node) : undefined);
  if (invokeRole && 'code' in invokeRole) return { failure: invokeRole };
  const source = anchorIn(table, pointer);
  // one class for every destination, so one object shape: there are hundreds of thousands in a monorepo
  const located = (fn: { functionName: string; qualifier: string; logicalName: string; region: string; accountId: string }, declaredAt?: Anchor): Resolution => {
    // a CloudProvider or CloudResources entry the schema refuses serves no function (its findings are the schema's)
    const refused = ctx.refusals.under(entry.resource, '/spec') ?? (declaredAt ? ctx.refusals.atAnchor(declaredAt) : undefined);
    if (refused) return { failure: refused };
    return { destination: new ResolvedLambda(node.ref, fn.functionName, fn.qualifier, fn.logicalName, fn.accountId, fn.region, node.partition, invokeRole, ref.options, source) };
  };

  if (ref.dialect === 'v2.2') {
    const logicalName = ref.logicalName ?? '';
    let fn = entry.byLogicalName.get(logicalName);
    if (!fn) {
      fn = entry.byDocumentedName.get(logicalName);
      if (fn) {
        ctx.findings.push(
          finding('GW3012', { name: logicalName, function: fn.functionName, qualifier: fn.qualifier, derived: fn.logicalName }, anchorIn(table, `${pointer}/function/logicalName`), { ...extra, related: [{ message: 'the entry', at: fn.source }] }),
        );
      }
    }
    if (!fn) {
      const suggestion = suggest(logicalName, entry.byLogicalName.keys());
      ctx.findings.push(
        finding('GW3005', { what: `logicalName \`${logicalName}\``, provider: label, suggestion: suggestion ? `; did you mean \`${suggestion}\`?` : '' }, anchorIn(table, `${pointer}/function/logicalName`), extra),
      );
      return { failure: { code: 'GW3005', reason: `function ${logicalName} not declared` } };
    }
    return located(fn, fn.source);
  }

  const written = ref.function ?? '';
  const byArn = parseFunctionArn(written);
  // the provider's own region is reported where the provider writes it
  const unknown = byArn && byArn.region !== node.region ? unknownRegion(byArn.region, anchorIn(table, `${pointer}/awsLambda/function`), extra.resource) : undefined;
  if (unknown) ctx.findings.push(unknown);
  const functionName = byArn?.functionName ?? written;
  const qualifier = ref.qualifier ?? byArn?.qualifier ?? '$LATEST';
  const region = byArn?.region ?? node.region;
  const accountId = byArn?.accountId ?? node.accountId;
  // an ARN of another account or region names another function than the provider's own of that name
  const away = awayFrom(node, region, accountId);
  let declared = entry.byFunction.get(functionKey(functionName, qualifier, undefined, away));
  if (!declared && !byArn) {
    // a name alone: the provider's own function, else the one its CloudResources declare by ARN in another
    // account or region (declared there once, named by name in routes); of several, none is the one meant
    const elsewhere = declaredElsewhere(entry, node).get(derivedLogicalName(functionName, qualifier));
    if (elsewhere && elsewhere.length > 1) {
      const places = firstAndMore(elsewhere.map((f) => `account ${f.accountId} in ${f.region}`), NAMES_SHOWN, ', ');
      const related = elsewhere.map((f) => ({ message: `declared in account ${f.accountId}, ${f.region}`, at: f.source }));
      ctx.findings.push(finding('GW3013', { name: functionName, qualifier, provider: label, count: elsewhere.length, places, user: ref.user.noun, replaced: ref.user.replaced }, anchorIn(table, `${pointer}/awsLambda/function`), { ...extra, related }));
      return { failure: { code: 'GW3013', reason: `function ${functionName} is declared in ${elsewhere.length} accounts or regions` } };
    }
    declared = elsewhere?.[0];
  }
  if (declared) return located(declared, declared.source);
  const at = anchorIn(table, `${pointer}/awsLambda/function`);
  // named as the ARN where it is not the provider's: the name alone would say the provider's function
  const shown = away === undefined ? functionName : functionArn(region, accountId, functionName, '');
  if (node.discovery?.enabled && away === undefined) {
    const leftOut = leftOutByDiscovery(node.discovery, functionName, qualifier, ctx.engine);
    if (leftOut) ctx.findings.push(finding('GW3015', { name: shown, qualifier, provider: label, why: leftOut }, at, extra));
    else ctx.findings.push(finding('GW3006', { name: shown, qualifier, provider: label }, at, extra));
  } else {
    // the provider's own functions: what an ARN elsewhere is not, and what a name is
    const qualifiers = qualifiersByName(entry, node);
    const sameName = qualifiers.get(functionName);
    // the name is declared with other qualifiers: those say more than a name spelled like it
    const near = sameName ? undefined : suggest(functionName, qualifiers.keys());
    const suggestion =
      away !== undefined && sameName
        ? `; a function of that name is declared in the provider's account ${node.accountId} and region ${node.region}, which the ARN does not name`
        : sameName
          ? `; declared qualifiers: ${firstAndMore(sameName, NAMES_SHOWN, ', ')}`
          : near
            ? `; did you mean \`${near}\`?`
            : '';
    ctx.findings.push(finding('GW3007', { name: shown, qualifier, provider: label, suggestion }, at, extra));
  }
  return located({ functionName, qualifier, logicalName: derivedLogicalName(functionName, qualifier), region, accountId });
}

/**
 * The patterns of a provider's discovery.filter.names, shown, when none takes any part of `functionName`
 * ("Functions that do not match this selector will not be included", the CRD says; whether a pattern
 * must match the whole name it does not): discovery then declares no such function. Undefined when the
 * filter is empty or one of its patterns is invalid (GW5001 says so; what Gloo then discovers is unknown).
 */
function leftOutByDiscovery(discovery: { readonly names: readonly string[]; readonly latestOnly: boolean }, functionName: string, qualifier: string, engine: RegexEngine): string | undefined {
  // the CRD: latestOnly "select[s] only Lambda functions with the $LATEST version ... If disabled, the
  // generated resources will contain all versions associated with the functions specified"
  if (discovery.latestOnly && qualifier !== '$LATEST') return 'its discovery.filter.latestOnly discovers `$LATEST` alone';
  const names = discovery.names;
  if (names.length === 0) return undefined;
  for (const pattern of names) {
    const compiled = engine.compile(inPart(pattern));
    if ('error' in compiled || compiled.matches(functionName)) return undefined;
  }
  return `no pattern of its discovery.filter.names (${firstAndMore(names.map((n) => `\`${n}\``), NAMES_SHOWN, ', ')}) matches any part of the name`;
}

// (table, account) pairs whose annotation was reported, per run (its findings list): once, not per destination
const annotationReports = new WeakMap<Finding[], Set<string>>();

/**
 * The RouteTable's default role, for providers that name none. An ARN is taken as written when it is a
 * role of the provider's account, where an invoke role is (the role ARN is built from the provider's
 * accountId, as for invokeRoleName, which takes no ARN). A role ARN of another account is not the role
 * the gateway would assume: before, `arn:aws:iam::999999999999:role/x` was read as the role `x` of the
 * provider's account, another identity, with no finding; so was a value that is neither a role ARN nor a
 * role name (an ARN with an unexpanded `${ACCOUNT_ID}`), put into an ARN as a name. GW2006 (once per
 * table and account), and the routes that would use it are served by nothing.
 */
function annotationRole(ctx: ResolveContext, table: PlacedObject, node: ProviderNode): InvokeRole | Failure | undefined {
  const value = table.annotations[DEFAULT_ROLE_ANNOTATION];
  if (!value) return undefined;
  const name = roleNameOf(value);
  const at = anchorIn(table, `/metadata/annotations/${DEFAULT_ROLE_ANNOTATION.replace('/', '~1')}`);
  const foreign = name !== value && accountOf(value) !== node.accountId;
  // neither a role ARN nor a role name (`arn:aws:iam::${ACCOUNT_ID}:role/x`, `my role`): taken as a name,
  // it was put into an ARN no role has, with no finding
  const malformed = name === value && !isRoleName(value);
  if (foreign || malformed) {
    const reported = under(annotationReports, ctx.findings, () => new Set<string>());
    const key = `${table.ref.namespace}/${table.ref.name}|${node.accountId}`;
    if (!reported.has(key)) {
      reported.add(key);
      const describe = `an IAM role name, or the ARN of a role of account ${node.accountId}, CloudProvider ${node.ref.namespace}/${node.ref.name}'s (the gateway assumes an invoke role of the provider's account)`;
      ctx.findings.push(finding('GW2006', { field: `metadata.annotations.${DEFAULT_ROLE_ANNOTATION}`, describe, value: `\`${value}\``, note: unexpandedVariableNote(value) }, at, { resource: table.ref }));
    }
    const reason = foreign ? `names a role of account ${accountOf(value)}, not the CloudProvider's` : 'is neither an IAM role name nor the ARN of a role';
    return { code: 'GW2006', reason: `the ${DEFAULT_ROLE_ANNOTATION} annotation ${reason}` };
  }
  // an ARN of the provider's account is kept as written: its path (`role/teams/x`) is part of the role's ARN
  return { name, arn: name !== value ? value : roleArn(node.region, node.accountId, name), from: 'annotation', source: at, owner: table.ref };
}

function otherDialect(providers: Providers, ref: LambdaRef): string | undefined {
  const other: ProviderEntry | undefined = providers.get(ref.dialect === 'v2.2' ? 'v2.3' : 'v2.2', ref.namespace, ref.name ?? '');
  if (!other) return undefined;
  return ref.dialect === 'v2.2'
    ? '; a CloudProvider of that name exists in infrastructure.gloo.solo.io/v2 (2.3+): route to it with `awsLambda`, not `kind: CLOUD_PROVIDER`'
    : '; a CloudProvider of that name exists in networking.gloo.solo.io/v2 (2.2): route to it with `kind: CLOUD_PROVIDER` and `function`, or move it to infrastructure.gloo.solo.io/v2';
}

function nameSuggestion(providers: Providers, name: string, label: string): string {
  const elsewhere = providers.namespacesOf(name);
  if (elsewhere.length) return `; there is one in namespace ${firstAndMore(elsewhere, NAMES_SHOWN, ', ')} (a reference without a namespace means the RouteTable's own)`;
  const near = suggest(label, providers.names(), Math.max(2, Math.floor(label.length / 4)));
  return near ? `; did you mean \`${near}\`?` : '';
}

export const describeDestination = (d: Destination): string =>
  d.kind === 'lambda' ? `function ${d.functionName}${d.qualifier === '$LATEST' ? '' : ':' + d.qualifier} (${resourceLabel(d.provider)})` : `${d.targetKind} ${d.namespace}/${d.name}${subsetSuffix(d)}`;

// A provider's declared qualifiers by function name, made once per provider: each undeclared function
// or qualifier looked through every entry of its provider (5,000 versions of one function and 5,000
// routes naming others took 2.7 s), and listed all of them in its finding.
const qualifierIndexes = new WeakMap<ProviderEntry, Map<string, string[]>>();

// A provider's functions declared by ARN in another account or region, by derived name (name, or
// name:qualifier), in declaration order; made once per provider.
const elsewhereIndexes = new WeakMap<ProviderEntry, Map<string, FunctionNode[]>>();

const declaredElsewhere = (entry: ProviderEntry, home: ProviderNode): ReadonlyMap<string, readonly FunctionNode[]> =>
  under(elsewhereIndexes, entry, () => {
    const index = new Map<string, FunctionNode[]>();
    for (const f of entry.byFunction.values()) if (awayFrom(home, f.region, f.accountId) !== undefined) listUnder(index, derivedLogicalName(f.functionName, f.qualifier)).push(f);
    return index;
  });

const qualifiersByName = (entry: ProviderEntry, home: ProviderNode): ReadonlyMap<string, readonly string[]> =>
  under(qualifierIndexes, entry, () => {
    const index = new Map<string, string[]>();
    for (const f of entry.byFunction.values()) if (awayFrom(home, f.region, f.accountId) === undefined) listUnder(index, f.functionName).push(f.qualifier);
    return index;
  });
