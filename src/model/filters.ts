import { exact } from '../data/exact-array';
import { asArray, isObject, obj, str, type Obj } from '../data/values';
import { finding, type Finding, type ResourceRef } from '../diagnostics/finding';
import { anchorIn, type Resource } from '../load/resource';
import type { Anchor } from '../source/anchor';
import { pointerSegment } from '../source/pointer';
import type { CompiledRegex, RegexEngine } from './regex-engine';
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
  readonly accountIds: readonly string[];
  readonly regions: readonly string[];
  readonly iamRoles: readonly Pattern[];
  readonly lambdaFunctions: readonly Pattern[];
  readonly source: Anchor;
}

interface Pattern {
  readonly text: string;
  /** null when RE2 rejects it: it then matches nothing */
  readonly regex: CompiledRegex | null;
}

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
    const strings = (field: string) => exact(asArray(aws[field]).flatMap((v) => (typeof v === 'string' ? [v] : [])));
    const patterns = (field: string): Pattern[] =>
      strings(field).map((text) => {
        const compiled = engine.compile(text);
        return { text, regex: 'error' in compiled ? null : compiled };
      });
    return {
      accountIds: strings('accountIds'),
      regions: strings('regions'),
      iamRoles: patterns('iamRoles'),
      lambdaFunctions: patterns('lambdaFunctions'),
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
    if (entry.accountIds.length && !entry.accountIds.includes(destination.accountId)) {
      failures.push(`account ${destination.accountId} is not in accountIds [${entry.accountIds.join(', ')}]`);
    }
    if (entry.regions.length && !entry.regions.includes(destination.region)) {
      failures.push(`region ${destination.region} is not in regions [${entry.regions.join(', ')}]`);
    }
    if (entry.iamRoles.length) {
      const role = destination.invokeRole?.name;
      if (role === undefined) {
        roleUnknown = true;
        failures.push(`its invoke role is unknown (no invokeRoleName on the CloudProvider, no gloo.solo.io/defaultInvokeRole on the RouteTable: the gateway's own role would be used)`);
      } else if (!entry.iamRoles.some((p) => p.regex?.matches(role))) {
        failures.push(`invoke role ${role} matches none of iamRoles [${entry.iamRoles.map((p) => p.text).join(', ')}]`);
      }
    }
    if (entry.lambdaFunctions.length && !entry.lambdaFunctions.some((p) => p.regex?.matches(destination.functionName))) {
      failures.push(`function ${destination.functionName} matches none of lambdaFunctions [${entry.lambdaFunctions.map((p) => p.text).join(', ')}]`);
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
 * RE2 syntax and catch-all patterns of the filters. The patterns come from every allowedRoutes in a
 * RouteTable or VirtualGateway, wherever it sits: the check is on the strings themselves, so it holds
 * even when the filter is misplaced (the published seed puts its delegate inside a matcher).
 */
export function lintFilterPatterns(patterns: readonly FilterPattern[], engine: RegexEngine, findings: Finding[]): void {
  for (const p of patterns) {
    const compiled = engine.compile(p.text);
    if ('error' in compiled) {
      findings.push(finding('GW5001', { detail: compiled.error }, p.at, { resource: p.resource }));
    } else if (PROBES[p.field].values.every((probe) => compiled.matches(probe))) {
      findings.push(finding('GW5002', { pattern: p.text, subject: PROBES[p.field].subject, field: p.field }, p.at, { resource: p.resource }));
    }
  }
}

export interface FilterPattern {
  readonly field: 'iamRoles' | 'lambdaFunctions';
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

/** Every iamRoles and lambdaFunctions pattern of a RouteTable or VirtualGateway, wherever its allowedRoutes sits. */
export function filterPatterns(resource: Resource): FilterPattern[] {
  const out: FilterPattern[] = [];
  walkAllowedRoutes(resource, (pointer, allowedRoutes) => out.push(...patternsOf(resource, pointer, allowedRoutes)));
  return out;
}
