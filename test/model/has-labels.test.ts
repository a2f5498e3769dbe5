import { describe, expect, it } from 'vitest';
import { hasLabels } from '../../src/model/has-labels';

describe('hasLabels', () => {
  it('selects a resource that has every label of the selector, whatever else it has', () => {
    expect(hasLabels({ team: 'a', tier: 'edge' }, { team: 'a' })).toBe(true);
    expect(hasLabels({ team: 'a' }, {})).toBe(true); // an empty selector selects everything
    expect(hasLabels({ team: 'b', tier: 'edge' }, { team: 'a' })).toBe(false);
    expect(hasLabels({ tier: 'edge' }, { team: 'a', tier: 'edge' })).toBe(false);
    expect(hasLabels({}, { team: '' })).toBe(false); // a label asked with an empty value is still asked
  });

  it('takes the selector keys listed once, for one selector tried on many resources', () => {
    const want = { team: 'a', tier: 'edge' };
    const keys = Object.keys(want);
    const resources: Array<Record<string, string>> = [{ team: 'a', tier: 'edge' }, { team: 'a' }, { team: 'a', tier: 'edge', x: 'y' }];
    expect(resources.map((have) => hasLabels(have, want, keys))).toEqual([true, false, true]);
  });
});
