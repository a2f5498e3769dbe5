import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as policy from '../../src/host/memory-policy';
import { nodeHost } from '../../src/host/node-host';
import { analyze } from '../../src/analyze';
import { memoryHost } from '../helpers/memory-host';
import { main } from '../../src/cli/main';

vi.mock('../../src/host/memory-policy', async (original) => {
  const actual = await original<typeof policy>();
  return { ...actual, applyMemoryPolicy: vi.fn(async () => {}) };
});

// The heap policy has three stages (host/memory-policy.ts): what the node host applies, and when.
describe('the heap policy by stage', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gwctl-memory-stage-'));
    writeFileSync(join(dir, 'small.yaml'), 'a: 1\n');
    writeFileSync(join(dir, 'large.yaml'), `# ${'x'.repeat(policy.LARGE_INPUT_BYTES)}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves a small input with V8 own policy at every stage', async () => {
    vi.mocked(policy.applyMemoryPolicy).mockClear();
    const host = nodeHost();
    await host.memoryStage!('reading');
    await host.readFile(join(dir, 'small.yaml'));
    await host.memoryStage!('model');
    await host.memoryStage!('output');
    expect(policy.applyMemoryPolicy).not.toHaveBeenCalled();
  });

  it('applies the reading policy once the input is large, and each stage policy after that', async () => {
    vi.mocked(policy.applyMemoryPolicy).mockClear();
    const host = nodeHost();
    await host.memoryStage!('reading');
    await host.readFile(join(dir, 'large.yaml'));
    await host.readFile(join(dir, 'small.yaml'));
    expect(vi.mocked(policy.applyMemoryPolicy).mock.calls).toEqual([['reading']]);
    await host.memoryStage!('model');
    expect(vi.mocked(policy.applyMemoryPolicy).mock.calls).toEqual([['reading'], ['model']]);
    // a second analysis (gwctl diff of two folders) reads under the reading policy again
    await host.memoryStage!('reading');
    await host.readFile(join(dir, 'small.yaml'));
    expect(vi.mocked(policy.applyMemoryPolicy).mock.calls).toEqual([['reading'], ['model'], ['reading']]);
  });

  it('applies the output stage to a large input, after the model stage', async () => {
    vi.mocked(policy.applyMemoryPolicy).mockClear();
    const host = nodeHost();
    await host.readFile(join(dir, 'large.yaml'));
    await host.memoryStage!('model');
    await host.memoryStage!('output');
    expect(vi.mocked(policy.applyMemoryPolicy).mock.calls).toEqual([['reading'], ['model'], ['output']]);
  });

  it('applies the stage an input turns large in', async () => {
    vi.mocked(policy.applyMemoryPolicy).mockClear();
    const host = nodeHost();
    await host.memoryStage!('model');
    await host.readFile(join(dir, 'large.yaml'));
    expect(vi.mocked(policy.applyMemoryPolicy).mock.calls).toEqual([['model']]);
  });

  it('is told of the reading stage first, and of the model stage once, after every file is read', async () => {
    const files = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`/in/t${i}.yaml`, `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata:\n  name: t${i}\n  namespace: team\nspec:\n  hosts: [a${i}.example.com]\n`]));
    const host = memoryHost(files);
    const events: string[] = [];
    const readFile = host.readFile.bind(host);
    host.readFile = async (path, limit) => {
      events.push('read');
      return readFile(path, limit);
    };
    host.memoryStage = async (stage) => void events.push(stage);
    const analysis = await analyze(host, { paths: ['/in'], stdinName: '<stdin>' });
    expect(analysis.documentCount).toBe(40);
    expect(events).toEqual(['reading', ...Array.from({ length: 40 }, () => 'read'), 'model']);
  });

  it('is told of the output stage by render, once the model is built and before the emitter runs, and of the report stage once the output is written', async () => {
    const files = { '/in/rt.yaml': 'apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata:\n  name: t\n  namespace: team\nspec:\n  hosts: [a.example.com]\n' };
    for (const target of ['envoy', 'gloo']) {
      const host = memoryHost(files);
      const events: string[] = [];
      host.memoryStage = async (stage) => void events.push(stage);
      const writeFileAtomic = host.writeFileAtomic.bind(host);
      host.writeFileAtomic = async (path, text) => {
        events.push('write');
        return writeFileAtomic(path, text);
      };
      expect(await main(['render', '/in', '--target', target, '-o', '/out.yaml'], host)).toBe(0);
      expect(events).toEqual(['reading', 'model', 'output', 'write', 'report']);
    }
    // the other commands that analyse end in the model stage
    for (const args of [['validate', '/in'], ['routes', '/in']]) {
      const host = memoryHost(files);
      const events: string[] = [];
      host.memoryStage = async (stage) => void events.push(stage);
      await main(args, host);
      expect(events).toEqual(['reading', 'model']);
    }
  });
});
