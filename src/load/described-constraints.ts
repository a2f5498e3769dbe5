import { isObject, obj } from '../data/values';
import { finding, type Finding, type ResourceRef } from '../diagnostics/finding';
import type { AnchorAt as At } from '../source/anchor';
import { goDurationSeconds, goDurationWholeMilliseconds } from '../text/go-duration';

/** Why a value breaks a rule, and the description's words for the rule. */
type Broken = { readonly why: string; readonly words: string; readonly then?: string } | undefined;

/** A rule a field's description in its 2.14 CRD states ("Configuration constraints") and its schema does not enforce. */
interface Described {
  /** the field, from `spec` */
  readonly path: readonly string[];
  /** whether the rule holds of the value (undefined: not written, where the rule asks of that too) */
  readonly broken: (value: unknown) => Broken;
}

const PERCENT = 'The value must be 0.0 or in the range 0.0001 - 100.0, inclusive.';

/**
 * The constraints a policy kind's 2.14 CRD writes in its fields' descriptions and enforces nowhere (no
 * `minimum`, no `pattern`, no `x-kubernetes-validations`): the API server takes a policy that breaks
 * them. Said as warning GW2017, in the description's words, as GW2015 says the RetryTimeoutPolicy's.
 */
const DESCRIBED: Readonly<Record<string, readonly Described[]>> = {
  // resilience.policy.gloo.solo.io, the FaultInjectionPolicy's 2.14 CRD
  FaultInjectionPolicy: [
    {
      path: ['config'],
      broken: (v) =>
        (v === undefined || isObject(v)) && !set(obj(v).abort) && !set(obj(v).delay)
          ? { why: 'sets neither `abort` nor `delay`, so the policy injects no fault', words: 'A fault injection rule must specify a delay, an abort, or both.' }
          : undefined,
    },
    {
      path: ['config', 'abort', 'httpStatus'],
      broken: (v) =>
        typeof v === 'number' && (v < 200 || v > 599)
          ? {
              why: 'is no status from 200 to 599',
              words: 'The status code must be in the range 200 - 599, inclusive.',
              // envoyproxy/envoy api/envoy/extensions/filters/http/fault/v3/fault.proto, FaultAbort
              then: "; Envoy's fault filter, which an abort becomes, refuses any other (fault.proto, `http_status`: `gte: 200`, `lt: 600`)",
            }
          : undefined,
    },
    ...['abort', 'delay'].map((fault) => ({
      path: ['config', fault, 'percentage'],
      broken: (v: unknown): Broken => (typeof v === 'number' && v !== 0 && (v < 0.0001 || v > 100) ? { why: v > 100 ? 'is above 100' : v < 0 ? 'is negative' : 'is neither 0 nor 0.0001 or more', words: PERCENT } : undefined),
    })),
    { path: ['config', 'delay', 'fixedDelay'], broken: durationBroken },
  ],
};

/** A duration as the descriptions that name Go's ParseDuration rule it: readable, 1ms or more, in whole milliseconds. */
function durationBroken(value: unknown): Broken {
  if (typeof value !== 'string') return undefined;
  const seconds = goDurationSeconds(value.startsWith('+') ? value.slice(1) : value);
  if (seconds === undefined) return { why: 'is no duration Go\'s ParseDuration reads', words: 'The value must be an integer or decimal value and a preferred unit, or multiple of these concatenated. Examples: `1m`, `1h`, `1.5h`, `1s500ms`' };
  if (seconds < 0.001) return { why: 'is below 1ms', words: 'The value must be at least 1ms.' };
  if (/ns|us|µs|μs/.test(value) || !goDurationWholeMilliseconds(value.replace(/^\+/, ''))) return { why: 'is finer than a millisecond', words: 'The value cannot have granularity smaller than one millisecond.' };
  return undefined;
}

const set = (v: unknown) => v !== undefined && v !== null;

/** GW2017 for each rule of the kind's descriptions that its spec breaks. */
export function describedConstraintWarnings(spec: unknown, kind: string, at: At, ref: ResourceRef): Finding[] {
  const rules = DESCRIBED[kind];
  if (!rules || !(spec === undefined || spec === null || isObject(spec))) return [];
  const findings: Finding[] = [];
  for (const rule of rules) {
    // the value at the path; where a step on the way is missing, the rule is asked of nothing written,
    // and where one is not a mapping, the schema check says so (GW2004)
    let value: unknown = spec ?? undefined;
    let reached = true;
    for (const step of rule.path) {
      if (value === undefined || value === null) {
        value = undefined;
        break;
      }
      if (!isObject(value)) {
        reached = false;
        break;
      }
      value = value[step];
    }
    // a value written null is unset (the API server prunes it)
    value = value ?? undefined;
    const broken = reached ? rule.broken(value) : undefined;
    if (!broken) continue;
    const field = rule.path.join('.');
    const written = value === undefined ? `\`${field}\`` : `\`${field}: ${typeof value === 'string' ? value : JSON.stringify(value)}\``;
    const pointer = value === undefined ? deepest(spec, rule.path) : `/spec/${rule.path.join('/')}`;
    findings.push(finding('GW2017', { kind, name: `${ref.namespace}/${ref.name}`, what: written, why: broken.why, words: broken.words, then: broken.then ?? '' }, at(pointer, value === undefined ? 'key' : 'value'), { resource: ref }));
  }
  return findings;
}

/** The pointer of the deepest part of `path` that is written (`/spec`, or '' where there is no spec). */
function deepest(spec: unknown, path: readonly string[]): string {
  if (!isObject(spec)) return '';
  let pointer = '/spec';
  let value: unknown = spec;
  for (const step of path) {
    if (!isObject(value) || !set(value[step])) break;
    pointer += `/${step}`;
    value = value[step];
  }
  return pointer;
}
