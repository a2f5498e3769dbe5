import { exact } from '../data/exact-array';
import { asArray, isObject, obj, str, type Obj } from '../data/values';
import { finding, type Finding, type ResourceRef } from '../diagnostics/finding';
import { anchorIn, type Resource } from '../load/resource';
import type { Anchor } from '../source/anchor';
import { pointerSegment } from '../source/pointer';
import { inPart, type CompiledRegex, type RegexEngine } from './regex-engine';
import { FUNCTION_NAMES, ROLE_NAMES } from './aws-names';
import { globFields, globLike } from './glob-like';
import { firstAndMore } from '../text/first-and-more';
import type { LambdaDestination } from './types';

/**
 * allowedRoutes filters (gwctl decides where Gloo is silent, see docs/ARCHITECTURE.md):
 * - entries are ORed: a destination passes when one entry allows it;
 * - inside an entry, every non-empty field must match (AND across fields), one of its values enough
 *   (OR within a field);
 * - accountIds and regions compare exactly; iamRoles and lambdaFunctions are RE2 regexes matching the
 *   whole string, applied to the effective invoke role name and to the Lambda function name;
 * - an unknown invoke role fails an iamRoles field: the filter fails closed;
 * - filters of every delegating level apply (AND across levels).
 */
export interface FilterLevel {
  /** who set the filter: "RouteTable istio-gateways/api (route team-a)" */
  readonly owner: string;
  readonly entries: readonly FilterEntry[];
  readonly source: Anchor;
}

interface FilterEntry {
  readonly accountIds: ValueSet;
  readonly regions: ValueSet;
  readonly iamRoles: PatternSet;
  readonly lambdaFunctions: PatternSet;
  readonly source: Anchor;
}

/**
 * A field's values, as a set to test and as the text a failure shows. An allowedRoutes list is the pull
 * request's to make long, and it is tested for every destination under it: a list of 20,000 accounts
 * searched, and written out in full, for each of 5,000 routes took 7.7 s and 1.7 GB. Tested in a set now,
 * and shown as its first values and how many more.
 */
interface ValueSet {
  readonly values: ReadonlySet<string>;
  readonly text: string;
}

/** Patterns: those the engine finds to be their own text (most: a role, a function) in a set, the others compiled. */
interface PatternSet {
  /** the patterns written, rejected ones included: a field of rejected patterns still filters (it fails closed) */
  readonly size: number;
  readonly literals: ReadonlySet<string>;
  /** RE2 rejected patterns match nothing, and are not here */
  readonly others: readonly CompiledRegex[];
  readonly text: string;
}

/** Values a failure shows before it counts the rest. */
const VALUES_SHOWN = 20;

const valueSet = (values: readonly string[]): ValueSet => ({ values: new Set(values), text: firstAndMore(values, VALUES_SHOWN, ', ') });

function patternSet(texts: readonly string[], engine: RegexEngine): PatternSet {
  const literals = new Set<string>();
  const others: CompiledRegex[] = [];
  for (const text of texts) {
    const compiled = engine.compile(text);
    if ('error' in compiled) continue;
    if (compiled.literal !== undefined) literals.add(compiled.literal);
    else others.push(compiled);
  }
  return { size: texts.length, literals, others, text: firstAndMore(texts, VALUES_SHOWN, ', ') };
}

const matchesAny = (patterns: PatternSet, value: string) => patterns.literals.has(value) || patterns.others.some((r) => r.matches(value));

export type Verdict = { readonly ok: true } | { readonly ok: false; readonly roleUnknown: boolean; readonly detail: string };

/** allowedRoutes is a list in the CRD; the published seed writes a single mapping, read the same way. */
function filterEntries(allowedRoutes: unknown): Obj[] {
  return Array.isArray(allowedRoutes) ? allowedRoutes.filter(isObject) : isObject(allowedRoutes) ? [allowedRoutes] : [];
}

const entryPointer = (pointer: string, allowedRoutes: unknown, i: number) => (Array.isArray(allowedRoutes) ? `${pointer}/${i}` : pointer);

/** A filter ready to evaluate; null when the allowedRoutes list is empty (nothing is filtered). */
export function compileFilter(resource: Resource, pointer: string, allowedRoutes: unknown, owner: string, engine: RegexEngine): FilterLevel | null {
  const raw = filterEntries(allowedRoutes);
  if (raw.length === 0) return null;
  const entries = raw.map((entry, i): FilterEntry => {
    const aws = obj(obj(entry.cloudProvider).aws);
    const strings = (field: string) => asArray(aws[field]).flatMap((v) => (typeof v === 'string' ? [v] : []));
    return {
      accountIds: valueSet(strings('accountIds')),
      regions: valueSet(strings('regions')),
      iamRoles: patternSet(strings('iamRoles'), engine),
      lambdaFunctions: patternSet(strings('lambdaFunctions'), engine),
      source: anchorIn(resource, entryPointer(pointer, allowedRoutes, i)),
    };
  });
  return { owner, entries, source: anchorIn(resource, pointer) };
}

/** Does one filter level let this Lambda destination through? */
export function evaluate(level: FilterLevel, destination: LambdaDestination): Verdict {
  let best: { failures: string[]; roleUnknown: boolean } | undefined;
  for (const entry of level.entries) {
    const failures: string[] = [];
    let roleUnknown = false;
    if (entry.accountIds.values.size && !entry.accountIds.values.has(destination.accountId)) {
      failures.push(`account ${destination.accountId} is not in accountIds [${entry.accountIds.text}]`);
    }
    if (entry.regions.values.size && !entry.regions.values.has(destination.region)) {
      failures.push(`region ${destination.region} is not in regions [${entry.regions.text}]`);
    }
    if (entry.iamRoles.size) {
      const role = destination.invokeRole?.name;
      if (role === undefined) {
        roleUnknown = true;
        failures.push(`its invoke role is unknown (no invokeRoleName on the CloudProvider, no gloo.solo.io/defaultInvokeRole on the RouteTable: the gateway's own role would be used)`);
      } else if (!matchesAny(entry.iamRoles, role)) {
        failures.push(`invoke role ${role} matches none of iamRoles [${entry.iamRoles.text}]`);
      }
    }
    if (entry.lambdaFunctions.size && !matchesAny(entry.lambdaFunctions, destination.functionName)) {
      failures.push(`function ${destination.functionName} matches none of lambdaFunctions [${entry.lambdaFunctions.text}]`);
    }
    if (failures.length === 0) return { ok: true };
    if (!best || failures.length < best.failures.length) best = { failures, roleUnknown };
  }
  return { ok: false, roleUnknown: best!.roleUnknown && best!.failures.length === 1, detail: best!.failures.join('; ') };
}

// Names a pattern must accept to count as "allows everything": every kind of character a valid IAM role
// name or Lambda function name may hold, the shortest and the longest.
const PROBES = {
  iamRoles: { subject: 'role name', values: ['a', 'Z', '0', '_', '-', '+', '=', ',', '.', '@', 'team-a-lambda-invoker', 'x'.repeat(64)] },
  lambdaFunctions: { subject: 'function name', values: ['a', 'Z', '0', '_', '-', 'orders-api', 'x'.repeat(64)] },
} as const;

function walkAllowedRoutes(resource: Resource, visitFilter: (pointer: string, allowedRoutes: unknown) => void): void {
  // Every collection of every table is visited, and allowedRoutes is rare: the path is kept as a stack of
  // keys and indexes, escaped and joined only where a filter is found, and a scalar is never entered
  // (most keys hold one). Walking with a pointer segment pushed for every key cost 280 ms of validate of L.
  const path: Array<string | number> = [];
  const pointer = (key: string) => `/spec${path.map((s) => `/${typeof s === 'number' ? s : pointerSegment(s)}`).join('')}/${pointerSegment(key)}`;
  const visit = (node: object, depth: number): void => {
    if (depth > 32) return;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const child: unknown = node[i];
        if (child === null || typeof child !== 'object') continue;
        path.push(i);
        visit(child, depth + 1);
        path.pop();
      }
      return;
    }
    for (const key of Object.keys(node)) {
      const child = (node as Record<string, unknown>)[key];
      if (key === 'allowedRoutes') visitFilter(pointer(key), child);
      else if (child !== null && typeof child === 'object') {
        path.push(key);
        visit(child, depth + 1);
        path.pop();
      }
    }
  };
  const spec: unknown = resource.spec;
  if (spec !== null && typeof spec === 'object') visit(spec, 0);
}

/**
 * RE2 syntax, catch-all patterns and patterns no name matches, of the filters. The patterns come from every allowedRoutes in a
 * RouteTable or VirtualGateway, wherever it sits: the check is on the strings themselves, so it holds
 * even when the filter is misplaced (the published seed puts its delegate inside a matcher).
 */
export function lintFilterPatterns(patterns: readonly FilterPattern[], engine: RegexEngine, findings: Finding[]): void {
  const nothing = new Map<string, string | undefined>();
  for (const p of patterns) {
    const compiled = engine.compile(p.text);
    if ('error' in compiled) {
      findings.push(finding('GW5001', { detail: compiled.error }, p.at, { resource: p.resource }));
    } else if (p.field !== DISCOVERY_NAMES && PROBES[p.field].values.every((probe) => compiled.matches(probe))) {
      // a discovery filter that takes every function is what discovery does without one: no warning
      findings.push(finding('GW5002', { pattern: p.text, subject: PROBES[p.field].subject, field: p.field }, p.at, { resource: p.resource }));
    } else {
      const reason = nothingMatches(p, engine, nothing);
      if (reason) findings.push(finding('GW5005', { pattern: p.text, subject: p.field === 'iamRoles' ? 'role name' : 'function name', reason, field: p.field }, p.at, { resource: p.resource }));
      // matched against the whole name: `team-a-*` takes `team-a` and `team-a--` (a discovery pattern is
      // read in part, where the same `*` takes no less than the glob would)
      const glob = reason || p.field === DISCOVERY_NAMES ? undefined : globLike(p.text);
      if (glob) findings.push(finding('GW5006', { pattern: p.text, field: p.field, ...globFields(glob) }, p.at, { resource: p.resource }));
    }
  }
}

/**
 * Why no name can match a filter pattern (the analysis in regex-language.ts), undefined when some name
 * can or it is not known. The answer is kept per pattern and field: a monorepo repeats its patterns.
 */
function nothingMatches(p: FilterPattern, engine: RegexEngine, known: Map<string, string | undefined>): string | undefined {
  const key = `${p.field} ${p.text}`;
  if (known.has(key)) return known.get(key);
  const names = p.field === 'iamRoles' ? ROLE_NAMES : FUNCTION_NAMES;
  // a discovery filter is matched whole or in part (the public sources do not say): a pattern no part
  // of a name matches matches no name either way
  const text = p.field === DISCOVERY_NAMES ? inPart(p.text) : p.text;
  let reason: string | undefined;
  if (engine.matchesSome(text, names) === false) reason = engine.matchesSome(text, undefined) === false ? 'no text at all matches it' : names.what;
  known.set(key, reason);
  return reason;
}

/** A 2.3+ CloudProvider's `discovery.filter.names`: the functions its discovery declares. */
export const DISCOVERY_NAMES = 'discovery.filter.names';

export interface FilterPattern {
  readonly field: 'iamRoles' | 'lambdaFunctions' | typeof DISCOVERY_NAMES;
  readonly text: string;
  readonly at: Anchor;
  readonly resource: ResourceRef;
  /** the accountIds of the same entry: the accounts whose roles the pattern is meant for (empty: any) */
  readonly accountIds: readonly string[];
}

function patternsOf(resource: Resource, pointer: string, allowedRoutes: unknown): FilterPattern[] {
  return filterEntries(allowedRoutes).flatMap((entry, i) => {
    const aws = obj(obj(entry.cloudProvider).aws);
    const accountIds = exact(asArray(aws.accountIds).flatMap((a) => (typeof a === 'string' ? [a] : [])));
    return (['iamRoles', 'lambdaFunctions'] as const).flatMap((field) =>
      asArray(aws[field]).flatMap((value, j) => {
        const text = str(value);
        return text === undefined ? [] : [{ field, text, accountIds, resource: resource.ref, at: anchorIn(resource, `${entryPointer(pointer, allowedRoutes, i)}/cloudProvider/aws/${field}/${j}`) }];
      }),
    );
  });
}

/**
 * Every iamRoles and lambdaFunctions pattern of a RouteTable or VirtualGateway, wherever its allowedRoutes
 * sits, and the discovery.filter.names patterns of a 2.3+ CloudProvider.
 */
export function filterPatterns(resource: Resource): FilterPattern[] {
  if (resource.kind === 'CloudProvider') {
    if (resource.dialect !== 'v2.3') return [];
    const names = obj(obj(obj(obj(obj(resource.spec.aws).lambda).discovery).filter)).names;
    return asArray(names).flatMap((value, j) => {
      const text = str(value);
      return text === undefined ? [] : [{ field: DISCOVERY_NAMES, text, accountIds: [], resource: resource.ref, at: anchorIn(resource, `/spec/aws/lambda/discovery/filter/names/${j}`) }];
    });
  }
  const out: FilterPattern[] = [];
  walkAllowedRoutes(resource, (pointer, allowedRoutes) => out.push(...patternsOf(resource, pointer, allowedRoutes)));
  return out;
}
