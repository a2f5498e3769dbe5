import { describe, expect, it } from 'vitest';
import { gatewayDuration, protoDuration } from '../../src/text/duration-forms';
import { goDurationSeconds } from '../../src/text/go-duration';

// the pattern of HTTPRoute's timeouts.request in the Gateway API's CRD (GEP-2257)
const GATEWAY_PATTERN = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;

describe('a duration as each target writes it', () => {
  it('protobuf JSON: seconds in whole milliseconds, and a positive duration never 0s (no timeout in Envoy)', () => {
    expect(protoDuration(35)).toBe('35s');
    expect(protoDuration(1.5)).toBe('1.5s');
    expect(protoDuration(600)).toBe('600s');
    expect(protoDuration(0)).toBe('0s');
    expect(protoDuration(0.0001)).toBe('0.001s');
    expect(protoDuration(1.0004)).toBe('1s');
  });

  it('Gateway API: one unit where five digits hold it, else whole units, never more than five digits each', () => {
    expect(gatewayDuration(35)).toBe('35s');
    expect(gatewayDuration(1.5)).toBe('1500ms');
    expect(gatewayDuration(1200)).toBe('1200s');
    // 123456ms has six digits, which the CRD refuses
    expect(gatewayDuration(123.456)).toBe('2m3s456ms');
    expect(gatewayDuration(0)).toBe('0s');
    expect(gatewayDuration(0.0001)).toBe('1ms');
    expect(gatewayDuration(100_000)).toBe('27h46m40s');
    // past the longest the pattern states (a policy of 200000h, which Go reads): that longest
    expect(gatewayDuration(200_000 * 3600)).toBe('99999h59m59s999ms');
  });

  it('Gateway API: every millisecond up to a day and a half is written in the CRD\'s pattern and read back as itself', () => {
    for (let ms = 0; ms <= 130_000_000; ms += ms < 200_000 ? 997 : 999_983) {
      const written = gatewayDuration(ms / 1000);
      expect(written, String(ms)).toMatch(GATEWAY_PATTERN);
      expect(Math.round(goDurationSeconds(written)! * 1000), written).toBe(ms);
    }
  });
});
