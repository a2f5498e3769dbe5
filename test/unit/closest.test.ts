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
});
