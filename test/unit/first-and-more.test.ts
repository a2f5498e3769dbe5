import { describe, expect, it } from 'vitest';
import { firstAndMore } from '../../src/text/first-and-more';

describe('firstAndMore', () => {
  it('names every item up to the number shown, and past it the first ones and how many more', () => {
    expect(firstAndMore([], 3, ', ')).toBe('');
    expect(firstAndMore(['a', 'b', 'c'], 3, ', ')).toBe('a, b, c');
    expect(firstAndMore(['a', 'b', 'c', 'd'], 3, ', ')).toBe('a, b, c, and 1 more');
    expect(firstAndMore(['a; x', 'b', 'c', 'd', 'e'], 2, '; ')).toBe('a; x; b; and 3 more');
  });
});
