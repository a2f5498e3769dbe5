import { describe, expect, it } from 'vitest';
import { collectInputs } from '../../src/load/collect-inputs';
import { memoryHost } from '../helpers/memory-host';

describe('collecting the inputs', () => {
  it('walks a folder named many times once: the work of a configuration that repeats it is the work of one', async () => {
    const host = memoryHost({ '/repo/gloo/a.yaml': 'kind: A\n', '/repo/gloo/teams/b.yaml': 'kind: B\n' });
    let listed = 0;
    const readDir = host.readDir.bind(host);
    host.readDir = (path) => (listed++, readDir(path));
    const once = await collectInputs(host, ['/repo/gloo'], '-');
    const walks = listed;
    listed = 0;
    const inputs = await collectInputs(host, Array.from({ length: 1_000 }, () => '/repo/gloo'), '-');
    expect(listed).toBe(walks);
    expect(inputs.map((i) => (i.kind === 'file' ? i.path : i.name))).toEqual(once.map((i) => (i.kind === 'file' ? i.path : i.name)));
    // a folder inside a walked one is walked again when named: it may be one the walk leaves out (`.hidden/`)
    listed = 0;
    await collectInputs(host, ['/repo/gloo', '/repo/gloo/teams'], '-');
    expect(listed).toBe(walks + 1);
  });
});
