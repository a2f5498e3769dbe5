import { describe, expect, it } from 'vitest';
import { closest, distance } from '../../src/text/closest';

describe('closest', () => {
  it('matches names that differ only in case, underscores and dashes', () => {
    expect(closest('iam_roles', ['accountIds', 'iamRoles', 'regions', 'lambdaFunctions'])).toBe('iamRoles');
    expect(closest('logical_name', ['logicalName', 'lambdaFunctionName', 'qualifier'])).toBe('logicalName');
    expect(closest('INVOKE-ROLE-NAME', ['invokeRoleName', 'discovery'])).toBe('invokeRoleName');
  });

  it('counts a swap of two letters as one edit', () => {
    expect(distance('nmae', 'name')).toBe(1);
    expect(closest('lambdaFunctionNmae', ['lambdaFunctionName', 'qualifier'])).toBe('lambdaFunctionName');
  });

  it('suggests nothing when every candidate is far', () => {
    expect(closest('experimental', ['accountId', 'region', 'lambda', 'stsEndpoint'])).toBeUndefined();
    expect(closest('x', [])).toBeUndefined();
  });

  it('is deterministic on ties', () => {
    expect(closest('ab', ['ac', 'aa'])).toBe('aa');
    expect(closest('ab', ['aa', 'ac'])).toBe('aa');
  });

  it('within a budget: the cells of the tables and the candidates are counted down, and past it nothing is suggested', () => {
    const budget = { cells: 1_000 };
    expect(closest('functoin', ['function', 'other'], undefined, budget)).toBe('function');
    const spent = 1_000 - budget.cells;
    expect(spent).toBeGreaterThan(0);
    // the same call again costs the same: what is suggested depends on the input only
    expect(closest('functoin', ['function', 'other'], undefined, budget)).toBe('function');
    expect(1_000 - budget.cells).toBe(2 * spent);
    expect(closest('functoin', ['function'], undefined, { cells: 5 })).toBeUndefined();
  });

  it('a list asked again is normalized once, and read afresh when it has grown', () => {
    const names = ['gw/north-south', 'gw/East_West'];
    expect(closest('gw/northsouth', names)).toBe('gw/north-south');
    expect(closest('gw/eastwest', names)).toBe('gw/East_West');
    names.push('gw/inter-nal');
    expect(closest('gw/internal', names)).toBe('gw/inter-nal');
    // a budget that runs out before the end leaves the rest unread, and a later call reads them
    expect(closest('gw/internal', names, undefined, { cells: 40 })).toBeUndefined();
    expect(closest('gw/internal', names)).toBe('gw/inter-nal');
  });

  it('computes the band of the table only, and answers and spends as the whole table does', () => {
    // the whole table, as distance() computed it before it kept to the band
    const whole = (a: string, b: string, limit: number, budget: { cells: number }): number => {
      if (Math.abs(a.length - b.length) > limit) return limit + 1;
      let before: number[] = [];
      let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
      for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
          let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
          current.push(d);
        }
        budget.cells -= b.length;
        if (Math.min(...current) > limit) return limit + 1;
        before = previous;
        previous = current;
      }
      return previous[b.length]!;
    };
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    // three letters make swaps and near misses common; long words cross the band's edges
    const word = (longest: number) => Array.from({ length: Math.floor(random() * longest) }, () => 'abc'[Math.floor(random() * 3)]).join('');
    for (let t = 0; t < 20_000; t++) {
      const a = word(t % 10 === 0 ? 40 : 12);
      const b = random() < 0.5 ? word(12) : a.slice(0, 4) + word(10);
      const limit = random() < 0.2 ? Infinity : Math.floor(random() * 6);
      const spentWhole = { cells: 0 };
      const spent = { cells: 0 };
      const expected = whole(a, b, limit, spentWhole);
      const got = distance(a, b, limit, spent);
      expect(got, `${a} ${b} within ${limit}`).toBe(Math.min(expected, limit + 1));
      expect(spent.cells, `${a} ${b} within ${limit}`).toBe(spentWhole.cells);
    }
  });
});
