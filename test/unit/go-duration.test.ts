import { describe, expect, it } from 'vitest';
import { goDurationSeconds } from '../../src/text/go-duration';

describe('a duration as Go\'s ParseDuration reads it', () => {
  it('is read in seconds, in the forms Gloo Platform\'s policies show', () => {
    expect(goDurationSeconds('0.5s')).toBe(0.5);
    expect(goDurationSeconds('120s')).toBe(120);
    expect(goDurationSeconds('2m')).toBe(120);
    expect(goDurationSeconds('1.5h')).toBe(5400);
    expect(goDurationSeconds('1s500ms')).toBe(1.5);
    expect(goDurationSeconds('1h2m3s')).toBe(3723);
    expect(goDurationSeconds('.5s')).toBe(0.5);
    expect(goDurationSeconds('1.s')).toBe(1);
    expect(goDurationSeconds('0')).toBe(0);
    expect(goDurationSeconds('1500us')).toBeCloseTo(0.0015, 9);
  });

  it('is no other text: a number without its unit, a sign, a unit Go does not have, a space', () => {
    for (const text of ['30', '-1s', '+1s', '1d', '1 s', ' 30s', '1.5.5s', 's', '.s', '', 'PT30S', '1sm']) expect(goDurationSeconds(text)).toBeUndefined();
  });
});
