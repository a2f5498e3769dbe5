/**
 * A duration as Go's time.ParseDuration reads it ("0.5s", "2m", "1.5h", "1s500ms": decimal numbers, each
 * with a unit of h, m, s, ms, us, µs or ns, one after another), in seconds; undefined for any other text,
 * and for a sign, which no duration gwctl reads may carry. Gloo Platform's policies take their durations
 * so (solo-io/solo-apis api/gloo.solo.io/policy/v2/resilience/retry_timeout_policy.proto,
 * `request_timeout`: "an integer or decimal value and a preferred unit, or multiple of these
 * concatenated. Examples: `1m`, `1h`, `1.5h`, `1s500ms`", "see the ParseDuration documentation").
 */
export function goDurationSeconds(text: string): number | undefined {
  // "0" alone is a duration of nothing (ParseDuration's special case); any other number needs its unit
  if (text === '0') return 0;
  if (text === '' || !WHOLE.test(text)) return undefined;
  let seconds = 0;
  for (const m of text.matchAll(PART)) seconds += Number(m[1]) * UNITS[m[2]!]!;
  return seconds;
}

const UNITS: Readonly<Record<string, number>> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, 'µs': 1e-6, 'μs': 1e-6, ns: 1e-9 };
// a number is digits with a fraction, or a fraction alone (".5s"), never a lone dot
const NUMBER = String.raw`(\d+(?:\.\d*)?|\.\d+)`;
const UNIT = '(ms|us|µs|μs|ns|h|m|s)';
const WHOLE = new RegExp(`^(?:${NUMBER}${UNIT})+$`);
const PART = new RegExp(`${NUMBER}${UNIT}`, 'g');

/**
 * The text a duration field takes, as a JSON Schema pattern (the editor schemas): what goDurationSeconds
 * reads, after the `+` a reader may strip.
 */
export const GO_DURATION_PATTERN = `^\\+?(?:0|(?:${NUMBER}${UNIT})+)$`;

/**
 * A duration field of Gloo Platform's API as the rules its protos and CRD descriptions write of it read it:
 * a Go duration (a `+` taken), "at least 1ms", and no "granularity smaller than one millisecond" (no
 * `ns`, `us` or `µs`, and a whole count of milliseconds). `seconds` where Go reads it; `fault` the first
 * rule broken: `unreadable` and `negative` (Go reads a sign, the API takes none) leave no seconds.
 */
export function millisecondDuration(value: string): { readonly seconds?: number; readonly fault?: 'unreadable' | 'negative' | 'below-1ms' | 'finer'; readonly unit?: string } {
  const text = value.startsWith('+') ? value.slice(1) : value;
  const seconds = goDurationSeconds(text);
  if (seconds === undefined) return { fault: text.startsWith('-') && goDurationSeconds(text.slice(1)) !== undefined ? 'negative' : 'unreadable' };
  if (seconds < 0.001) return { seconds, fault: 'below-1ms' };
  const unit = /ns|us|µs|μs/.exec(text)?.[0];
  if (unit !== undefined) return { seconds, fault: 'finer', unit };
  return wholeMilliseconds(text) ? { seconds } : { seconds, fault: 'finer' };
}

/** Whether `text` (a Go duration gwctl reads) is a whole number of milliseconds: its parts summed in nanoseconds. */
function wholeMilliseconds(text: string): boolean {
  let nanos = 0n;
  for (const m of text.matchAll(/(\d+)?(?:\.(\d*))?(h|ms|m|s)/g)) {
    const unit = UNIT_NANOS[m[3]!]!;
    const fraction = m[2] ?? '';
    nanos += BigInt(m[1] ?? '0') * unit + (fraction === '' ? 0n : (BigInt(fraction) * unit) / 10n ** BigInt(fraction.length));
  }
  return nanos % 1_000_000n === 0n;
}

const UNIT_NANOS: Readonly<Record<string, bigint>> = { h: 3_600_000_000_000n, m: 60_000_000_000n, s: 1_000_000_000n, ms: 1_000_000n };
