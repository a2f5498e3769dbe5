import { isObject, isSet, type Obj } from '../data/values';
import { finding, type Finding, type ResourceRef } from '../diagnostics/finding';
import type { AnchorAt as At } from '../source/anchor';
import { millisecondDuration } from '../text/go-duration';

/** Why a value breaks a rule, and the description's words for the rule. */
type Broken = { readonly why: string; readonly words: string; readonly then?: string } | undefined;

/** A rule a field's description in its 2.14 CRD states ("Configuration constraints") and its schema does not enforce. */
interface Described {
  /** the field, from the policy's `config` (none: `config` itself) */
  readonly path: readonly string[];
  /** whether the rule holds of the value (undefined: not written, where the rule asks of that too) */
  readonly broken: (value: unknown) => Broken;
}

const PERCENT = 'The value must be 0.0 or in the range 0.0001 - 100.0, inclusive.';
const INT32_MAX = 2_147_483_647;
const UNREADABLE: Broken = {
  why: "is no duration Go's ParseDuration reads",
  words: 'The value must be an integer or decimal value and a preferred unit, or multiple of these concatenated. Examples: `1m`, `1h`, `1.5h`, `1s500ms`',
};

/** A duration field whose description names Go's ParseDuration and its three rules: readable, 1ms or more, in whole milliseconds. */
const duration = (...path: string[]): Described => ({
  path,
  broken: (v) => {
    const fault = typeof v === 'string' ? millisecondDuration(v).fault : undefined;
    if (fault === 'unreadable') return UNREADABLE;
    if (fault === 'negative' || fault === 'below-1ms') return { why: fault === 'negative' ? 'is negative' : 'is below 1ms', words: 'The value must be at least 1ms.' };
    return fault === 'finer' ? { why: 'is finer than a millisecond', words: 'The value cannot have granularity smaller than one millisecond.' } : undefined;
  },
});
/** A duration field whose description names Go's ParseDuration and no bound (to the nanosecond). */
const goDuration = (...path: string[]): Described => ({ path, broken: (v) => (typeof v === 'string' && millisecondDuration(v).fault === 'unreadable' ? UNREADABLE : undefined) });
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
/** A duration whose description asks 1ms or more of it, in protobuf's format (compared only where Go's reader reads it alike). */
const atLeastMillisecond = (words: string, ...path: string[]): Described => ({
  path,
  broken: (v) => (typeof v === 'string' && millisecondDuration(v).fault === 'below-1ms' ? { why: 'is below 1ms', words } : undefined),
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
    required('This field is required.', 'concurrencyUpdateIntervalMillis'),
    required('This field is required.', 'minRttCalcParams'),
    required('This field is required.', 'minRttCalcParams', 'intervalMillis'),
  ],
  ConnectionPolicy: [
    atLeastMillisecond('It must be greater than or equal to 1ms.', 'tcp', 'connectTimeout'),
    atLeastMillisecond('It must be greater than or equal to 1ms.', 'tcp', 'maxConnectionDuration'),
    duration('tcp', 'tcpKeepalive', 'interval'),
    duration('tcp', 'tcpKeepalive', 'time'),
  ],
  FailoverPolicy: [
    {
      path: [],
      // the CRD's oneOf of `priorityLabels` set or not takes both; an empty list is none (protobuf's
      // reading of a repeated field)
      broken: (v) =>
        isObject(v) && Array.isArray(v.localityMappings) && v.localityMappings.length > 0 && isSet(v.priorityLabels)
          ? { why: 'sets both `localityMappings` and `priorityLabels`', words: 'Only priority labels or locality mappings can be specified, not both.' }
          : undefined,
    },
  ],
  FaultInjectionPolicy: [
    {
      path: [],
      broken: (v) =>
        v === undefined || (isObject(v) && !isSet(v.abort) && !isSet(v.delay))
          ? { why: 'sets neither `abort` nor `delay`, so the policy injects no fault', words: 'A fault injection rule must specify a delay, an abort, or both.' }
          : undefined,
    },
    {
      path: ['abort', 'httpStatus'],
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
      bounded(PERCENT, (n) => (n === 0 || (n >= 0.0001 && n <= 100) ? undefined : n > 100 ? 'is above 100' : n < 0 ? 'is negative' : 'is neither 0 nor 0.0001 or more'), fault, 'percentage'),
    ),
    duration('delay', 'fixedDelay'),
  ],
  ListenerConnectionPolicy: [
    required('Required: Soft limit on size of the listener’s new connection read and write buffers.', 'perConnectionBufferLimitBytes'),
    duration('tcpKeepalive', 'interval'),
    duration('tcpKeepalive', 'time'),
  ],
  OutlierDetectionPolicy: [
    duration('baseEjectionTime'),
    duration('interval'),
    fitsInt32(1, 'The value must be greater than or equal to 1. The maximum value must fit the `int32` format.', 'consecutiveErrors'),
    fitsInt32(0, 'The value must be greater than or equal to 0. The maximum value must fit the `int32` format.', 'consecutiveGatewayErrors'),
    bounded('The value must be in the range 0 - 100, inclusive.', (n) => (n > 100 ? 'is above 100' : undefined), 'maxEjectionPercent'),
  ],
  // trafficcontrol.policy.gloo.solo.io
  LoadBalancerPolicy: [
    goDuration('consistentHash', 'httpCookie', 'ttl'),
    bounded('The value must be in the range 0 - 100, inclusive.', (n) => (n < 0 ? 'is negative' : n > 100 ? 'is above 100' : undefined), 'healthyPanicThreshold'),
    goDuration('updateMergeWindow'),
    goDuration('warmupDurationSecs'),
    {
      path: [],
      broken: (v) =>
        isObject(v) && isSet(v.warmupDurationSecs) && (v.simple === 'RANDOM' || v.simple === 'PASSTHROUGH')
          ? { why: `sets \`warmupDurationSecs\` beside \`simple: ${v.simple}\``, words: 'This setting is supported only when `config.simple` is set to ROUND_ROBIN (default) or LEAST_REQUEST.' }
          : undefined,
    },
  ],
  MirrorPolicy: [bounded('Values must be between 0 and 100.', (n) => (n < 0 ? 'is negative' : n > 100 ? 'is above 100' : undefined), 'percentage')],
  ProxyProtocolPolicy: [required('Required: The configuration to apply to the listener.')],
};


/** GW2017 for each rule of the kind's descriptions that its spec breaks. */
export function describedConstraintWarnings(spec: unknown, kind: string, at: At, ref: ResourceRef): Finding[] {
  const rules = DESCRIBED[kind];
  if (!rules || (isSet(spec) && !isObject(spec))) return [];
  // a `config` that is no mapping is GW2004's
  const config = isObject(spec) && isSet(spec.config) ? spec.config : undefined;
  if (config !== undefined && !isObject(config)) return [];
  const findings: Finding[] = [];
  for (const rule of rules) {
    const reached = valueAt(config, rule.path);
    const broken = reached && rule.broken(reached.value);
    if (!broken) continue;
    const { value } = reached;
    const field = ['config', ...rule.path].join('.');
    // a value as written, but for a mapping or a list, which the field's name stands for
    const scalar = value !== undefined && !isObject(value) && !Array.isArray(value);
    const written = scalar ? `\`${field}: ${typeof value === 'string' ? value : JSON.stringify(value)}\`` : `\`${field}\``;
    const pointer = value === undefined ? deepest(spec, ['config', ...rule.path]) : `/spec/config${rule.path.map((step) => `/${step}`).join('')}`;
    findings.push(finding('GW2017', { kind, name: `${ref.namespace}/${ref.name}`, what: written, why: broken.why, words: broken.words, then: broken.then ?? '' }, at(pointer, value === undefined ? 'key' : 'value'), { resource: ref }));
  }
  return findings;
}

/**
 * The value at `path` in `config` (a value written null is unset): a `config` not written is an empty one,
 * so a rule of a field in it is asked; a mapping on the way that is not written, or is none (GW2004's),
 * leaves the rule unasked (undefined).
 */
function valueAt(config: Obj | undefined, path: readonly string[]): { readonly value: unknown } | undefined {
  let value: unknown = config;
  for (const [i, step] of path.entries()) {
    const holder = i === 0 ? (value ?? {}) : value;
    if (!isObject(holder)) return undefined;
    value = isSet(holder[step]) ? holder[step] : undefined;
  }
  return { value };
}

/** The pointer of the deepest part of `path` that is written (`/spec`, or '' where there is no spec). */
function deepest(spec: unknown, path: readonly string[]): string {
  if (!isObject(spec)) return '';
  let pointer = '/spec';
  let value: unknown = spec;
  for (const step of path) {
    if (!isObject(value) || !isSet(value[step])) break;
    pointer += `/${step}`;
    value = value[step];
  }
  return pointer;
}
