import { describe, expect, it } from 'vitest';
import { runInNewContext } from 'node:vm';
import { collectGarbage } from '../../src/host/collect-garbage';

// A WeakRef keeps its target for the rest of the job that made or read it: the target is made in one
// turn and looked at in a later one.
const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('collectGarbage', () => {
  it('collects what nothing holds, at once', async () => {
    const refs = Array.from({ length: 3 }, () => new WeakRef({ rows: Array.from({ length: 1000 }, (_, i) => ({ i })) }));
    await nextTurn();
    await collectGarbage();
    expect(refs.map((r) => r.deref())).toEqual([undefined, undefined, undefined]);
  });

  it('keeps what is held', async () => {
    const held = { rows: [1, 2, 3] };
    const ref = new WeakRef(held);
    await nextTurn();
    await collectGarbage();
    expect(ref.deref()).toBe(held);
  });

  it('leaves no gc to contexts made after it', async () => {
    await collectGarbage();
    expect(runInNewContext('typeof gc')).toBe('undefined');
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });
});
