/**
 * A google.protobuf.Duration as proto3 JSON writes it ("0.5s", "120s": seconds, up to nine fractional
 * digits, an `s` after them), in seconds; undefined for any other text. Gloo Platform's policies take
 * their durations in this form (a RetryTimeoutPolicy's `config.requestTimeout: 0.5s`).
 */
export function protoDurationSeconds(text: string): number | undefined {
  const m = /^(\d+)(\.\d{1,9})?s$/.exec(text);
  return m ? Number(m[1]! + (m[2] ?? '')) : undefined;
}
