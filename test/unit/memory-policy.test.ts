import { describe, expect, it, vi } from 'vitest';
import { collectGarbage } from '../../src/host/collect-garbage';
import { applyMemoryPolicy } from '../../src/host/memory-policy';

vi.mock('../../src/host/collect-garbage', () => ({ collectGarbage: vi.fn(async () => {}) }));
// the flags the policy sets are recorded, not given to this process's V8
const setFlags = vi.hoisted(() => vi.fn());
vi.mock('node:v8', async (original) => ({ ...(await original<typeof import('node:v8')>()), setFlagsFromString: setFlags }));

// What each stage does (host/memory-policy.ts): its growth allowance, and a full collection where the
// garbage of the stage before is largest (the hand-over to the emitter, and to the report).
describe('applyMemoryPolicy', () => {
  it('sets each stage\'s growth, and collects the garbage at the output and report stages only', async () => {
    // a run with no heap option of the user's (NODE_OPTIONS may carry one where the tests run)
    vi.stubEnv('NODE_OPTIONS', '');
    const execArgv = vi.spyOn(process, 'execArgv', 'get').mockReturnValue([]);
    const seen: [string, unknown[], number][] = [];
    for (const stage of ['reading', 'model', 'output', 'report'] as const) {
      setFlags.mockClear();
      vi.mocked(collectGarbage).mockClear();
      await applyMemoryPolicy(stage);
      seen.push([stage, setFlags.mock.calls.map((c) => c[0]), vi.mocked(collectGarbage).mock.calls.length]);
    }
    execArgv.mockRestore();
    vi.unstubAllEnvs();
    expect(seen).toEqual([
      ['reading', ['--heap-growing-percent=50'], 0],
      ['model', ['--heap-growing-percent=20'], 0],
      ['output', ['--heap-growing-percent=20'], 1],
      ['report', ['--heap-growing-percent=100'], 1],
    ]);
  });
});
