/**
 * A duration as Envoy's and Gloo Edge's protobuf JSON takes it (`90s`, `1.5s`), in whole milliseconds,
 * as `--route-timeout` is: a positive duration is never written as `0s`, which is no timeout at all.
 */
export function protoDuration(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  return `${(ms === 0 && seconds > 0 ? 1 : ms) / 1000}s`;
}

/**
 * A request timeout as a person reads it in gwctl's reports: `90 s`, `0.5 s`, `1,200 s`, and `none` for
 * 0, which Envoy and Istio read as no timeout at all.
 */
export const timeoutWords = (seconds: number): string => (seconds === 0 ? 'none' : `${Number(seconds.toFixed(3)).toLocaleString('en-US')} s`);

/**
 * A duration as the Gateway API takes it (GEP-2257: `^([0-9]{1,5}(h|m|s|ms)){1,4}$`, the pattern of
 * HTTPRoute's `timeouts.request` in its CRD): `90s` or `1500ms` where one unit holds it in five digits,
 * else whole units, so `123.456s` is `2m3s456ms`, never `123456ms`.
 */
export function gatewayDuration(seconds: number): string {
  // the longest the pattern states (99999h59m59s999ms, eleven years): a longer one, which Go's durations
  // and Envoy's take, waits as good as forever either way
  let ms = Math.min(Math.round(seconds * 1000), GATEWAY_LONGEST_MS);
  if (ms === 0) return seconds > 0 ? '1ms' : '0s';
  if (ms % 1000 === 0 && ms / 1000 <= 99_999) return `${ms / 1000}s`;
  if (ms <= 99_999) return `${ms}ms`;
  let out = '';
  for (const [unit, size] of GATEWAY_UNITS) {
    const n = Math.floor(ms / size);
    if (n === 0) continue;
    out += `${n}${unit}`;
    ms -= n * size;
  }
  return out;
}

const GATEWAY_UNITS = [['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]] as const;
const GATEWAY_LONGEST_MS = 99_999 * 3_600_000 + 3_599_999;
