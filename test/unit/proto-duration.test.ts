import { describe, expect, it } from 'vitest';
import { protoDurationSeconds } from '../../src/text/proto-duration';

describe('a duration as proto3 JSON writes it', () => {
  it('is read in seconds, with up to nine fractional digits', () => {
    expect(protoDurationSeconds('0.5s')).toBe(0.5);
    expect(protoDurationSeconds('120s')).toBe(120);
    expect(protoDurationSeconds('1.000000001s')).toBe(1.000000001);
  });

  it('is no other form: Go\'s units, a sign, no unit, ten fractional digits', () => {
    for (const text of ['2m', '1h', '1500ms', '-1s', '30', ' 30s', '1.0000000001s', '.5s', 's', '']) expect(protoDurationSeconds(text)).toBeUndefined();
  });
});
