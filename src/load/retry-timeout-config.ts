import { describeShape, isObject, type Obj } from '../data/values';
import { finding, type Finding } from '../diagnostics/finding';
import type { AnchorAt as At } from '../source/anchor';
import type { ResourceRef } from '../diagnostics/finding';
import { closest } from '../text/closest';
import { millisecondDuration } from '../text/go-duration';
import { RETRY_TIMEOUT_CONFIG, RETRY_TIMEOUT_RETRIES } from './policy-shapes';
import { unknownFields } from './unknown-fields';
import { istioConditions, isRetryCondition, RETRY_CONDITION_NAMES } from '../model/retry-conditions';

/** What a RetryTimeoutPolicy asks of the routes it selects, as Gloo Platform would take it. */
export interface RetryTimeoutConfig {
  /** `config.requestTimeout` in seconds, where the policy is taken at all */
  readonly requestTimeout?: number;
  /**
   * `config.retries`, where they retry (attempts above 0): how many, on what (Istio's defaults where no
   * `retryOn`), and `perTryTimeout` in seconds, where written and above 0 (Envoy reads 0 as none; Istio
   * writes no retry policy at all for `attempts: 0`: retry.go, ConvertPolicy)
   */
  readonly retries?: { readonly attempts: number; readonly retryOn: readonly string[]; readonly istioDefaults: boolean; readonly perTryTimeout?: number };
  /** `config.retries` wherever it is written, in words: what the renders leave behind of it (GW7025) */
  readonly retriesWritten?: string;
  readonly findings: Finding[];
}


/**
 * Reads a RetryTimeoutPolicy's `spec` as the API defines it (solo-io/solo-apis
 * api/gloo.solo.io/policy/v2/resilience/retry_timeout_policy.proto) and says what of it Gloo Platform
 * would not take:
 *
 * - GW2014, a value the API cannot read (a duration that is no duration, a negative or fractional
 *   `attempts`, a mapping that is text): the policy is not applied, and nothing of it is read here (its
 *   routes keep the renders' own timeout);
 * - GW2015, a value the API's own constraints refuse (a duration below 1ms or finer than a millisecond,
 *   `attempts: 0` beside other retry fields, no `spec`, neither `retries` nor `requestTimeout`, an empty
 *   condition in `retryOn`): the 2.14 CRD writes them in its descriptions and enforces none (no
 *   `x-kubernetes-validations`, no `pattern`; `retryOn` and the durations typed as text alone), so a 2.14
 *   API server takes the policy as written, as it is read here; a release whose CRD carries the proto's
 *   rules refuses it at apply;
 * - GW2016, a `retryOn` condition neither Istio nor Envoy knows: Istio passes a word that is no HTTP
 *   status on (istio/istio pilot/pkg/networking/core/route/retry/retry.go, parseRetryOn), and Envoy's
 *   route reads only the conditions it knows, ignoring the rest (envoyproxy/envoy
 *   source/common/router/config_impl.cc, RetryPolicyImpl: `parseRetryOn(...).first`), so the policy
 *   never retries on it;
 * - GW2001, a field the API does not define in `config` or `retries` (`timeout` for `requestTimeout`):
 *   pruned or refused, never read (those of `spec` are checked with every policy's, check-policy.ts).
 */
export function readRetryTimeoutConfig(asWritten: unknown, at: At, ref: ResourceRef): RetryTimeoutConfig {
  const findings: Finding[] = [];
  const name = `${ref.namespace}/${ref.name}`;
  const extra = { resource: ref };
  if (asWritten !== undefined && asWritten !== null && !isObject(asWritten)) {
    findings.push(finding('GW2014', { name, what: fieldText('spec', asWritten), why: `is ${describeShape(asWritten)}, where the API takes a mapping of \`applyToRoutes\` and \`config\`` }, at('/spec'), extra));
    return { findings };
  }
  // no spec at all is one with nothing in it (said below: no config)
  const spec = isObject(asWritten) ? set(asWritten) : {};
  let readable = true;
  const refuse = (pointer: string, field: string, value: unknown, why: string) => {
    readable = false;
    findings.push(finding('GW2014', { name, what: fieldText(field, value), why }, at(pointer), extra));
  };
  const doubt = (pointer: string, what: string, why: string, part: 'key' | 'value' = 'value') => findings.push(finding('GW2015', { name, what, why }, at(pointer, part), extra));
  // the fields of `spec` and its selectors are checked with every policy's (check-policy.ts)
  const unknown = (obj: Obj, pointer: string, where: string, known: readonly string[]) => findings.push(...unknownFields(obj, known, pointer, where, at, ref));

  const config = isObject(spec.config) ? set(spec.config) : spec.config;
  if (config === undefined) {
    // a spec without one is refused by the 2.14 CRD (`required: [config]`), said with every policy's
    // spec (GW2003, check-policy.ts); the CRD asks nothing of a policy with no spec at all
    if (!isObject(asWritten)) doubt('/spec', 'the policy', 'has no `spec`: it sets nothing, and the API requires a `config` with `retries` or `requestTimeout`', 'key');
    return { findings };
  }
  if (!isObject(config)) {
    refuse('/spec/config', 'config', config, `is ${describeShape(config)}, where the API takes a mapping of \`retries\` and \`requestTimeout\``);
    return { findings };
  }
  unknown(config, '/spec/config', 'a RetryTimeoutPolicy\'s `config`', CONFIG_FIELDS);
  if (config.retries === undefined && config.requestTimeout === undefined) {
    doubt('/spec/config', '`config`', 'sets neither `retries` nor `requestTimeout`: the policy does nothing, and the API requires one of them', 'key');
  }

  const requestTimeout = config.requestTimeout === undefined ? undefined : duration(config.requestTimeout, '/spec/config/requestTimeout', 'config.requestTimeout');
  const retries = isObject(config.retries) ? set(config.retries) : config.retries;
  let attempts: number | undefined;
  let retryOn: string | undefined;
  let perTryTimeout: number | undefined;
  if (retries !== undefined) {
    if (!isObject(retries)) refuse('/spec/config/retries', 'config.retries', retries, `is ${describeShape(retries)}, where the API takes a mapping of \`attempts\`, \`perTryTimeout\`, \`retryOn\` and \`retryRemoteLocalities\``);
    else {
      unknown(retries, '/spec/config/retries', 'a RetryTimeoutPolicy\'s `config.retries`', RETRIES_FIELDS);
      attempts = readAttempts(retries.attempts);
      if (retries.perTryTimeout !== undefined) perTryTimeout = duration(retries.perTryTimeout, '/spec/config/retries/perTryTimeout', 'config.retries.perTryTimeout');
      if (retries.retryOn !== undefined) retryOn = readRetryOn(retries.retryOn);
      if (retries.retryRemoteLocalities !== undefined && typeof retries.retryRemoteLocalities !== 'boolean') {
        refuse('/spec/config/retries/retryRemoteLocalities', 'config.retries.retryRemoteLocalities', retries.retryRemoteLocalities, `is ${describeShape(retries.retryRemoteLocalities)}, where the API takes \`true\` or \`false\``);
      }
      if (attempts === 0) {
        // "When attempts is set to 0, perTryTimeout, retryOn, or retryRemoteLocalities cannot be set"
        for (const field of ['perTryTimeout', 'retryOn', 'retryRemoteLocalities'] as const) {
          if (retries[field] !== undefined) doubt(`/spec/config/retries/${field}`, `\`config.retries.${field}\``, 'is set beside `attempts: 0`, which turns retries off: the API does not take the two together', 'key');
        }
      }
    }
  }
  if (!readable) return { findings };

  const retried = attempts !== undefined && attempts > 0 ? { attempts, ...istioConditions(retryOn), ...(perTryTimeout ? { perTryTimeout } : {}) } : undefined;
  const written = retries === undefined ? undefined : retried ? `up to ${retried.attempts} on ${retried.istioDefaults ? "Istio's default conditions" : retried.retryOn.join(', ')}` : '`attempts: 0`, no retries';
  return {
    ...(requestTimeout !== undefined ? { requestTimeout } : {}),
    ...(retried ? { retries: retried } : {}),
    ...(written !== undefined ? { retriesWritten: written } : {}),
    findings,
  };

  /** A duration field: seconds where the API reads it, undefined (and GW2014) where it cannot. */
  function duration(value: unknown, pointer: string, field: string): number | undefined {
    if (typeof value !== 'string') {
      refuse(pointer, field, value, `is ${describeShape(value)}, where the API takes a duration written as text (\`30s\`, \`1m30s\`)`);
      return undefined;
    }
    const read = millisecondDuration(value);
    if (read.seconds === undefined) {
      refuse(pointer, field, value, read.fault === 'negative' ? 'is negative, where the API takes 1ms or more' : 'is no duration: the API reads a number and a unit, one after another (`30s`, `1m30s`, `1.5h`, `1s500ms`)');
      return undefined;
    }
    // "The value must be at least 1ms", "The value cannot have granularity smaller than one millisecond"
    // (the proto's rules)
    if (read.fault === 'below-1ms') doubt(pointer, fieldText(field, value), 'is below 1ms, the least the API takes');
    else if (read.unit !== undefined) doubt(pointer, fieldText(field, value), `is written in \`${read.unit}\`, a unit finer than a millisecond, which the API does not take`);
    else if (read.fault === 'finer') doubt(pointer, fieldText(field, value), 'is finer than a millisecond, which the API does not take');
    const seconds = read.seconds;
    return seconds;
  }

  function readAttempts(value: unknown): number | undefined {
    if (value === undefined) return 2; // "The default value is 2 retries"
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      refuse('/spec/config/retries/attempts', 'config.retries.attempts', value, `is ${typeof value === 'number' ? 'not a whole number' : describeShape(value)}, where the API takes a whole number of retries, 0 or more`);
      return undefined;
    }
    if (value < 0 || value > INT32_MAX) {
      refuse('/spec/config/retries/attempts', 'config.retries.attempts', value, value < 0 ? 'is negative: the API takes 0 (no retries) or more' : 'is above 2147483647, the largest the API holds');
      return undefined;
    }
    return value;
  }

  function readRetryOn(value: unknown): string | undefined {
    const pointer = '/spec/config/retries/retryOn';
    if (typeof value !== 'string') {
      refuse(pointer, 'config.retries.retryOn', value, `is ${describeShape(value)}, where the API takes conditions written as text, separated by commas`);
      return undefined;
    }
    // the API's pattern, `^[^,]+(?:,[^,]+)*$`: Istio skips an empty condition (retry.go trims each and
    // drops the empty ones)
    if (!/^[^,]+(?:,[^,]+)*$/.test(value)) doubt(pointer, fieldText('config.retries.retryOn', value), 'has an empty condition (a comma at an end, or two together), which the API does not take');
    const unknown = istioConditions(value).retryOn.filter((c) => !isRetryCondition(c));
    for (const condition of new Set(unknown)) {
      // a number is no misspelt name: Istio takes it as a status where Go knows the status
      const number = /^[+-]?\d+$/.test(condition);
      const near = number ? undefined : closest(condition, RETRY_CONDITION_NAMES, Math.max(2, Math.floor(condition.length / 3)));
      const what = number ? "a number, but no HTTP status Go's net/http knows" : "neither a condition of Envoy's nor an HTTP status";
      findings.push(finding('GW2016', { name, condition, what, suggestion: near ? `; did you mean \`${near}\`?` : '' }, at(pointer), extra));
    }
    return value;
  }
}

const CONFIG_FIELDS = Object.keys(RETRY_TIMEOUT_CONFIG.fields);
const RETRIES_FIELDS = Object.keys(RETRY_TIMEOUT_RETRIES.fields);
const INT32_MAX = 2_147_483_647;

/**
 * The fields of a mapping that are set: a null is no value to protobuf's JSON reader (a field written
 * `null` is left unset), so `attempts: null` keeps the default of 2.
 */
function set(obj: Obj): Obj {
  if (!Object.values(obj).includes(null)) return obj;
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== null));
}

/** `field: value` as written (a value that is no text as JSON: a mapping, a list, a number). */
const fieldText = (field: string, v: unknown) => `\`${field}: ${typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v))}\``;
