import { asArray, bool, obj, setStr, str } from '../data/values';
import { finding, resourceLabel, type Finding } from '../diagnostics/finding';
import type { Dialect } from '../load/kinds';
import { anchorIn, type Resource } from '../load/resource';
import { itemPointer } from '../source/anchor';
import { suggest } from './suggestions';
import { flatConcat } from '../text/flat-concat';
import { innerMap, listUnder } from '../data/under';
import { parseFunctionArn, partitionOf, roleArn } from './arn';
import { unknownRegion } from './unknown-region';
import { DeclaredFunction } from './function-nodes';
import type { ResourceIndex } from './resource-index';
import type { FunctionNode, ProviderNode } from './types';
import type { Workspaces } from './workspaces';

/** A CloudProvider as the later stages use it: the model node plus its functions by name. */
export interface ProviderEntry {
  readonly resource: Resource;
  /** null when the CloudProvider lacks an account or region (its schema findings say so) */
  readonly node: ProviderNode | null;
  /** 2.2: by logicalName */
  readonly byLogicalName: ReadonlyMap<string, FunctionNode>;
  /** 2.2: entries without a logicalName, by the name Gloo documents for them: name and qualifier run together (`pay3`) */
  readonly byDocumentedName: ReadonlyMap<string, FunctionNode>;
  /** 2.3+: by function and qualifier (functionKey) */
  readonly byFunction: ReadonlyMap<string, FunctionNode>;
}

export interface Providers {
  /** the CloudProvider of this dialect's group, in a namespace, by name */
  get(dialect: Dialect, namespace: string, name: string): ProviderEntry | undefined;
  /** one of either dialect, for "did you mean" and for dialect-mismatch messages */
  anyDialect(namespace: string, name: string): ProviderEntry | undefined;
  /** every provider as namespace/name, once each (the same array on every call) */
  names(): readonly string[];
  /** the namespaces that hold a provider of this name, in input order */
  namespacesOf(name: string): readonly string[];
  nodes(): ProviderNode[];
}

/**
 * The key of a 2.3+ function: its derived logical name, `name` for $LATEST or `name:qualifier`, which
 * names one function and qualifier since a function name has no colon. A declared function passes its
 * own logicalName (that same derived name), which the map then keeps as key: no string of its own
 * (corpus L: 369,000 keys, 11 MB). A name with a colon, which the schema rejects, gets a key no valid
 * name can have, so that it meets no other function.
 */
export const functionKey = (name: string, qualifier: string, derived = derivedLogicalName(name, qualifier), away?: string) =>
  name.includes(':') ? flatConcat('|', name, '|', qualifier || '$LATEST') : away !== undefined ? flatConcat(away, '|', name, '|', qualifier || '$LATEST') : derived;

/**
 * `account|region` of a function (named by ARN) that is not in its provider's account and region, which
 * functionKey keys apart: a function of that name in another account or region is another function, as
 * `gwctl discover` reads an ARN (aws/discover/cloud-resources-file.ts, asListed). Before, a route to
 * `arn:...:999999999999:function:resize` was served by the provider's own `resize`, silently, and two
 * entries of one name in two accounts were a duplicate (GW3003). Undefined for the provider's own.
 */
export function awayFrom(home: { readonly region?: string | undefined; readonly accountId?: string | undefined }, region: string, accountId: string): string | undefined {
  return region === (home.region ?? '') && accountId === (home.accountId ?? '') ? undefined : flatConcat(accountId, '|', region);
}

/** Derived name of a function without a logicalName (gwctl decides: as Gloo's discovery names them). */
export function derivedLogicalName(name: string, qualifier: string): string {
  return !qualifier || qualifier === '$LATEST' ? name : flatConcat(name, ':', qualifier);
}

/**
 * CloudProviders and the functions their CloudResources declare. 2.2 functions are keyed by logicalName
 * across every CloudResources of the provider; on a collision the entry of the older resource wins.
 * 2.3+ functions are keyed by function and qualifier.
 */
export function buildProviders(index: ResourceIndex, workspaces: Workspaces, findings: Finding[]): Providers {
  const entries = new Map<string, ProviderEntry & { byLogicalName: Map<string, FunctionNode>; byDocumentedName: Map<string, FunctionNode>; byFunction: Map<string, FunctionNode>; functions: FunctionNode[] }>();
  const key = (dialect: Dialect, ns: string, name: string) => flatConcat(dialect, '|', ns, '|', name);

  for (const r of index.of('CloudProvider')) {
    entries.set(key(r.dialect, r.ref.namespace, r.ref.name), { resource: r, node: null, byLogicalName: new Map(), byDocumentedName: new Map(), byFunction: new Map(), functions: [] });
  }

  // the providers' names of each dialect and namespace, made at the first CloudResources that names a
  // provider not there: each scanned every provider (8,000 of each took 5.8 s, 2.3 s now)
  let byNamespace: Map<string, string[]> | undefined;
  const namesIn = (dialect: Dialect, namespace: string): readonly string[] => {
    if (!byNamespace) {
      byNamespace = new Map();
      for (const e of entries.values()) listUnder(byNamespace, `${e.resource.dialect}|${e.resource.ref.namespace}`).push(e.resource.ref.name);
    }
    return byNamespace.get(`${dialect}|${namespace}`) ?? [];
  };

  // oldest first: creationTimestamp, then namespace/name, then input order (the sort is stable)
  const resources = [...index.of('CloudResources')].sort((a, b) => age(a, b));
  for (const cr of resources) {
    const providerName = str(cr.spec.provider);
    if (providerName === undefined) continue; // the schema reports the missing field
    const entry = entries.get(key(cr.dialect, cr.ref.namespace, providerName));
    if (!entry) {
      findings.push(finding('GW3001', { ref: `${cr.ref.namespace}/${providerName}`, suggestion: providerSuggestion(entries, namesIn, cr.dialect, cr.ref.namespace, providerName) }, anchorIn(cr, '/spec/provider'), { resource: cr.ref }));
      continue;
    }
    const provider = entry.resource;
    const aws = obj(provider.spec.aws);
    const region = str(aws.region);
    const accountId = str(aws.accountId);
    const list = cr.dialect === 'v2.2' ? { items: asArray(cr.spec.lambda), base: '/spec/lambda' } : { items: asArray(obj(cr.spec.aws).lambda), base: '/spec/aws/lambda' };
    list.items.forEach((item, i) => {
      const e = obj(item);
      const written = str(e.lambdaFunctionName);
      if (written === undefined) return;
      const at = anchorIn(cr, itemPointer(list.base, i));
      const byArn = parseFunctionArn(written);
      const unknown = byArn && byArn.region !== region ? unknownRegion(byArn.region, anchorIn(cr, `${itemPointer(list.base, i)}/lambdaFunctionName`), cr.ref) : undefined;
      if (unknown) findings.push(unknown);
      const functionName = byArn?.functionName ?? written;
      // an empty qualifier is none (proto3), as unset: the ARN's or $LATEST
      const writtenQualifier = setStr(e.qualifier);
      const qualifier = writtenQualifier ?? byArn?.qualifier ?? '$LATEST';
      const explicitName = cr.dialect === 'v2.2' ? str(e.logicalName) : undefined;
      const logicalName = explicitName ?? derivedLogicalName(functionName, qualifier);
      const fnRegion = byArn?.region ?? region ?? '';
      const fnAccount = byArn?.accountId ?? accountId ?? '';
      const fn: FunctionNode = new DeclaredFunction(logicalName, functionName, qualifier, fnRegion, fnAccount, cr.ref, at, writtenQualifier !== undefined);
      if (cr.dialect === 'v2.2') {
        if (explicitName === undefined) findings.push(finding('GW3008', { name: logicalName }, at, { resource: cr.ref }));
        const winner = entry.byLogicalName.get(logicalName);
        if (winner) {
          findings.push(
            finding('GW3002', { name: logicalName, provider: `${provider.ref.namespace}/${provider.ref.name}`, winner: `the entry in ${resourceLabel(winner.declaredBy)}`, loser: `the one in ${resourceLabel(cr.ref)}` }, anchorIn(provider, '/metadata/name'), {
              resource: provider.ref,
              related: [
                { message: `declared here (wins: older)`, at: winner.source },
                { message: `also declared here (ignored)`, at },
              ],
            }),
          );
          return;
        }
        entry.byLogicalName.set(logicalName, fn);
        if (explicitName === undefined && qualifier !== '$LATEST') entry.byDocumentedName.set(flatConcat(functionName, '', qualifier), fn);
      } else {
        const k = functionKey(functionName, qualifier, logicalName, awayFrom({ region, accountId }, fnRegion, fnAccount));
        const first = entry.byFunction.get(k);
        if (first) {
          findings.push(finding('GW3003', { name: functionName, qualifier, provider: `${provider.ref.namespace}/${provider.ref.name}` }, at, { resource: cr.ref, related: [{ message: 'first declared here', at: first.source }] }));
          return;
        }
        entry.byFunction.set(k, fn);
      }
      entry.functions.push(fn);
    });
  }

  // the node keeps its own sorted copy: the list the loop grew (with its spare slots) goes
  for (const [k, entry] of entries) {
    const node = providerNode(entry.resource, entry.functions, workspaces);
    entries.set(k, { ...entry, node, functions: [] });
    const unknown = node && unknownRegion(node.region, anchorIn(entry.resource, '/spec/aws/region'), node.ref);
    if (unknown) findings.push(unknown);
  }

  // looked up once per destination: by dialect, namespace and name (innerMap)
  const lookup = new Map<Dialect, Map<string, Map<string, ProviderEntry>>>();
  for (const entry of entries.values()) innerMap(innerMap(lookup, entry.resource.dialect), entry.resource.ref.namespace).set(entry.resource.ref.name, entry);
  const get = (dialect: Dialect, ns: string, name: string) => lookup.get(dialect)?.get(ns)?.get(name);
  let names: string[] | undefined;
  let byBareName: Map<string, string[]> | undefined;
  return {
    get,
    anyDialect: (ns, name) => get('v2.3', ns, name) ?? get('v2.2', ns, name),
    // made once: asked again for every reference to a provider that is not there (8,000 of each: 12 s)
    names: () => (names ??= [...new Set([...entries.values()].map((e) => `${e.resource.ref.namespace}/${e.resource.ref.name}`))]),
    namespacesOf: (name) => {
      if (!byBareName) {
        byBareName = new Map();
        // a provider of both dialects in one namespace is that namespace once
        const seen = new Set<string>();
        for (const e of entries.values()) {
          const { namespace, name } = e.resource.ref;
          if (seen.has(flatConcat(namespace, '/', name))) continue;
          seen.add(flatConcat(namespace, '/', name));
          listUnder(byBareName, name).push(namespace);
        }
      }
      return byBareName.get(name) ?? [];
    },
    nodes: () =>
      [...entries.values()]
        .flatMap((e) => (e.node ? [e.node] : []))
        .sort((a, b) => cmp(`${a.ref.namespace}/${a.ref.name}|${a.dialect}`, `${b.ref.namespace}/${b.ref.name}|${b.dialect}`)),
  };
}

function providerNode(r: Resource, functions: FunctionNode[], workspaces: Workspaces): ProviderNode | null {
  const aws = obj(r.spec.aws);
  const accountId = str(aws.accountId);
  const region = str(aws.region);
  if (!accountId || !region) return null;
  const lambda = obj(aws.lambda);
  const invokeRoleName = str(lambda.invokeRoleName);
  const discovery = obj(lambda.discovery);
  const filter = obj(discovery.filter);
  const stsEndpoint = str(aws.stsEndpoint);
  return {
    ref: r.ref,
    dialect: r.dialect,
    accountId,
    region,
    partition: partitionOf(region),
    ...(invokeRoleName
      ? { invokeRole: { name: invokeRoleName, arn: roleArn(region, accountId, invokeRoleName), from: 'provider' as const, source: anchorIn(r, '/spec/aws/lambda/invokeRoleName'), owner: r.ref } }
      : {}),
    ...(stsEndpoint ? { stsEndpoint, stsSource: anchorIn(r, '/spec/aws/stsEndpoint') } : {}),
    ...(r.dialect === 'v2.3' && Object.keys(discovery).length
      ? {
          discovery: {
            enabled: bool(discovery.enabled) ?? false,
            ...(str(discovery.roleName) ? { roleName: str(discovery.roleName)! } : {}),
            names: asArray(filter.names).flatMap((n) => (typeof n === 'string' ? [n] : [])),
            latestOnly: bool(filter.latestOnly) ?? false,
          },
        }
      : {}),
    workspace: workspaces.of(r.ref.namespace),
    functions: [...functions].sort((a, b) => cmp(a.logicalName, b.logicalName)),
    source: anchorIn(r, '/metadata/name'),
  };
}

function providerSuggestion(entries: Map<string, ProviderEntry>, namesIn: (dialect: Dialect, namespace: string) => readonly string[], dialect: Dialect, namespace: string, name: string): string {
  const other = entries.get(`${dialect === 'v2.2' ? 'v2.3' : 'v2.2'}|${namespace}|${name}`);
  if (other) {
    return `; a CloudProvider of that name exists in ${other.resource.apiVersion}, but a ${dialect === 'v2.2' ? '2.2' : '2.3+'} resource needs one in ${dialect === 'v2.2' ? 'networking.gloo.solo.io/v2' : 'infrastructure.gloo.solo.io/v2'}`;
  }
  const suggestion = suggest(name, namesIn(dialect, namespace), Math.max(2, Math.floor(name.length / 3)));
  return suggestion ? `; did you mean \`${suggestion}\`?` : '';
}

function age(a: Resource, b: Resource): number {
  if (a.createdAt !== b.createdAt) {
    if (a.createdAt === undefined) return 1;
    if (b.createdAt === undefined) return -1;
    return cmp(a.createdAt, b.createdAt);
  }
  return cmp(`${a.ref.namespace}/${a.ref.name}`, `${b.ref.namespace}/${b.ref.name}`);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
