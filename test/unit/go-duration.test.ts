import { describe, expect, it } from 'vitest';
import { goDurationSeconds, millisecondDuration } from '../../src/text/go-duration';

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

describe("a millisecond duration, as the API's rules read one (the RetryTimeoutPolicy's reader and GW2017)", () => {
  it('is read, with the first rule it breaks', () => {
    expect(millisecondDuration('1s500ms')).toEqual({ seconds: 1.5 });
    expect(millisecondDuration('+1ms')).toEqual({ seconds: 0.001 });
    expect(millisecondDuration('1.5s')).toEqual({ seconds: 1.5 });
    expect(millisecondDuration('30')).toEqual({ fault: 'unreadable' });
    expect(millisecondDuration('-5s')).toEqual({ fault: 'negative' });
    expect(millisecondDuration('0')).toEqual({ seconds: 0, fault: 'below-1ms' });
    expect(millisecondDuration('500us')).toEqual({ seconds: 0.0005, fault: 'below-1ms' });
    // a unit finer than a millisecond, even for a whole count of them; a fraction of one
    expect(millisecondDuration('2000us')).toEqual({ seconds: 0.002, fault: 'finer', unit: 'us' });
    expect(millisecondDuration('1.5ms')).toEqual({ seconds: 0.0015, fault: 'finer' });
    expect(millisecondDuration('0.0015s')).toEqual({ seconds: 0.0015, fault: 'finer' });
  });
});
