import { isObject } from '../data/values';
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
const INT32_MAX = 2_147_483_647;

/** A duration field whose description names Go's ParseDuration and its three rules. */
const duration = (...path: string[]): Described => ({ path, broken: durationBroken });
/** A duration field whose description names Go's ParseDuration and no bound (to the nanosecond). */
const goDuration = (...path: string[]): Described => ({ path, broken: (v) => (typeof v === 'string' && goDurationSeconds(v.replace(/^\+/, '')) === undefined ? UNREADABLE : undefined) });
/** A field the description says is required, where the schema does not. */
const required = (words: string, ...path: string[]): Described => ({ path, broken: (v) => (v === undefined ? { why: 'is not set', words } : undefined) });
/** A number the description bounds: `why` where it is out of bounds. */
const bounded = (words: string, out: (n: number) => string | undefined, ...path: string[]): Described => ({
  path,
  broken: (v) => {
    const why = typeof v === 'number' ? out(v) : undefined;
    return why ? { why, words } : undefined;
  },
});
/** A duration whose description asks 1ms or more of it, in protobuf's format (not read here beyond what Go's reader reads alike). */
const atLeastMillisecond = (words: string, ...path: string[]): Described => ({
  path,
  broken: (v) => {
    const seconds = typeof v === 'string' ? goDurationSeconds(v) : undefined;
    return seconds !== undefined && seconds < 0.001 ? { why: 'is below 1ms', words } : undefined;
  },
});
const fitsInt32 = (min: number, words: string, ...path: string[]) =>
  bounded(words, (n) => (n < min ? `is below ${min}` : n > INT32_MAX ? 'does not fit an int32' : undefined), ...path);

/**
 * The constraints a policy kind's 2.14 CRD writes in its fields' descriptions and enforces nowhere (no
 * `minimum`, no `pattern`, no `x-kubernetes-validations`): the API server takes a policy that breaks
 * them. Said as warning GW2017, in the description's words, as GW2015 says the RetryTimeoutPolicy's.
 * Each kind's from its group's 2.14 CRD (the gloo-platform-crds 2.14.0 chart, as published at
 * api-evangelist/gloo-mesh `crd/gloo-mesh-<group>-policy-gloo-solo-io-crds.yaml`): the resilience
 * group's and the trafficcontrol group's; the security group's descriptions are not read for them.
 */
const DESCRIBED: Readonly<Record<string, readonly Described[]>> = {
  // resilience.policy.gloo.solo.io
  AdaptiveRequestConcurrencyPolicy: [
    required('This field is required.', 'config', 'concurrencyUpdateIntervalMillis'),
    required('This field is required.', 'config', 'minRttCalcParams'),
    required('This field is required.', 'config', 'minRttCalcParams', 'intervalMillis'),
  ],
  ConnectionPolicy: [
    atLeastMillisecond('It must be greater than or equal to 1ms.', 'config', 'tcp', 'connectTimeout'),
    atLeastMillisecond('It must be greater than or equal to 1ms.', 'config', 'tcp', 'maxConnectionDuration'),
    duration('config', 'tcp', 'tcpKeepalive', 'interval'),
    duration('config', 'tcp', 'tcpKeepalive', 'time'),
  ],
  FailoverPolicy: [
    {
      path: ['config'],
      // the CRD's oneOf of `priorityLabels` set or not takes both; an empty list is none (protobuf's
      // reading of a repeated field)
      broken: (v) =>
        isObject(v) && Array.isArray(v.localityMappings) && v.localityMappings.length > 0 && set(v.priorityLabels)
          ? { why: 'sets both `localityMappings` and `priorityLabels`', words: 'Only priority labels or locality mappings can be specified, not both.' }
          : undefined,
    },
  ],
  FaultInjectionPolicy: [
    {
      path: ['config'],
      broken: (v) =>
        v === undefined || (isObject(v) && !set(v.abort) && !set(v.delay))
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
    ...['abort', 'delay'].map((fault) =>
      bounded(PERCENT, (n) => (n === 0 || (n >= 0.0001 && n <= 100) ? undefined : n > 100 ? 'is above 100' : n < 0 ? 'is negative' : 'is neither 0 nor 0.0001 or more'), 'config', fault, 'percentage'),
    ),
    duration('config', 'delay', 'fixedDelay'),
  ],
  ListenerConnectionPolicy: [
    required('Required: Soft limit on size of the listener’s new connection read and write buffers.', 'config', 'perConnectionBufferLimitBytes'),
    duration('config', 'tcpKeepalive', 'interval'),
    duration('config', 'tcpKeepalive', 'time'),
  ],
  OutlierDetectionPolicy: [
    duration('config', 'baseEjectionTime'),
    duration('config', 'interval'),
    fitsInt32(1, 'The value must be greater than or equal to 1. The maximum value must fit the `int32` format.', 'config', 'consecutiveErrors'),
    fitsInt32(0, 'The value must be greater than or equal to 0. The maximum value must fit the `int32` format.', 'config', 'consecutiveGatewayErrors'),
    bounded('The value must be in the range 0 - 100, inclusive.', (n) => (n > 100 ? 'is above 100' : undefined), 'config', 'maxEjectionPercent'),
  ],
  // trafficcontrol.policy.gloo.solo.io
  LoadBalancerPolicy: [
    goDuration('config', 'consistentHash', 'httpCookie', 'ttl'),
    bounded('The value must be in the range 0 - 100, inclusive.', (n) => (n < 0 ? 'is negative' : n > 100 ? 'is above 100' : undefined), 'config', 'healthyPanicThreshold'),
    goDuration('config', 'updateMergeWindow'),
    goDuration('config', 'warmupDurationSecs'),
    {
      path: ['config'],
      broken: (v) =>
        isObject(v) && set(v.warmupDurationSecs) && (v.simple === 'RANDOM' || v.simple === 'PASSTHROUGH')
          ? { why: `sets \`warmupDurationSecs\` beside \`simple: ${v.simple}\``, words: 'This setting is supported only when `config.simple` is set to ROUND_ROBIN (default) or LEAST_REQUEST.' }
          : undefined,
    },
  ],
  MirrorPolicy: [bounded('Values must be between 0 and 100.', (n) => (n < 0 ? 'is negative' : n > 100 ? 'is above 100' : undefined), 'config', 'percentage')],
  ProxyProtocolPolicy: [required('Required: The configuration to apply to the listener.', 'config')],
};

const UNREADABLE: Broken = {
  why: "is no duration Go's ParseDuration reads",
  words: 'The value must be an integer or decimal value and a preferred unit, or multiple of these concatenated. Examples: `1m`, `1h`, `1.5h`, `1s500ms`',
};

/** A duration as the descriptions that name Go's ParseDuration rule it: readable, 1ms or more, in whole milliseconds. */
function durationBroken(value: unknown): Broken {
  if (typeof value !== 'string') return undefined;
  const seconds = goDurationSeconds(value.startsWith('+') ? value.slice(1) : value);
  if (seconds === undefined) return UNREADABLE;
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
    // the value at the path: a `spec` or `config` not written is an empty one (a rule asked of them is
    // broken by their absence too); any other step missing, or one that is no mapping (GW2004's), and
    // the rule is not asked
    let value: unknown = spec ?? {};
    let reached = true;
    for (const [i, step] of rule.path.entries()) {
      if (!isObject(value)) {
        reached = false;
        break;
      }
      const next = value[step];
      value = next === null || next === undefined ? (i === 0 && step === 'config' && rule.path.length > 1 ? {} : undefined) : next;
      if (value === undefined && i < rule.path.length - 1) {
        reached = false;
        break;
      }
    }
    // a value written null is unset (the API server prunes it)
    value = value ?? undefined;
    const broken = reached ? rule.broken(value) : undefined;
    if (!broken) continue;
    const field = rule.path.join('.');
    // a value as written, but for a mapping or a list, which the field's name stands for
    const scalar = value !== undefined && !isObject(value) && !Array.isArray(value);
    const written = scalar ? `\`${field}: ${typeof value === 'string' ? value : JSON.stringify(value)}\`` : `\`${field}\``;
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
