import { describe, expect, it } from 'vitest';
import { FunctionTable } from '../../src/model/function-table';
import type { FunctionNode } from '../../src/model/types';

const fn = (functionName: string, qualifier: string) => ({ functionName, qualifier, logicalName: `${functionName}:${qualifier}` }) as unknown as FunctionNode;

describe('FunctionTable', () => {
  it('finds each function by name and qualifier, one qualifier or several to a name', () => {
    const table = new FunctionTable();
    const a1 = fn('a', '1');
    const b = fn('b', '$LATEST');
    const a2 = fn('a', '2');
    const aLatest = fn('a', '');
    const c = fn('c', 'live');
    for (const f of [a1, b, a2, aLatest, c]) table.add(f);
    expect(table.get('a', '1')).toBe(a1);
    expect(table.get('a', '2')).toBe(a2);
    // no qualifier is $LATEST, written either way
    expect(table.get('a', '$LATEST')).toBe(aLatest);
    expect(table.get('a', '')).toBe(aLatest);
    expect(table.get('b', '')).toBe(b);
    expect(table.get('c', 'live')).toBe(c);
    expect(table.get('c', 'other')).toBeUndefined();
    expect(table.get('a', '3')).toBeUndefined();
    expect(table.get('d', '1')).toBeUndefined();
    // the order they were added in (what "did you mean" and the declared qualifiers list)
    expect(table.values()).toEqual([a1, b, a2, aLatest, c]);
  });
});
