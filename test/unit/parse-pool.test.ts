import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePool } from '../../src/host/parse-pool';

// Stand-in thread scripts: what the pool does with answers, with failures, with a thread that dies.
const dir = mkdtempSync(join(tmpdir(), 'gwctl-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const script = (name: string, body: string) => {
  const path = join(dir, `${name}.mjs`);
  writeFileSync(path, `import { parentPort } from 'node:worker_threads';\n${body}\n`);
  return pathToFileURL(path);
};

const answer = (path: string) => ({ text: `text of ${path}`, bytes: path.length });

describe('the parse-thread pool', () => {
  it('gives each file its own answer, whatever order the thread answers in', async () => {
    // answers the second message first
    const url = script('reverse', `const held = []; parentPort.on('message', (m) => { held.push(m); if (held.length === 2) for (const h of held.reverse()) parentPort.postMessage({ id: h.id, answer: { text: 'text of ' + h.path, bytes: h.path.length } }); });`);
    const pool = parsePool(url, 1, true);
    const [a, b] = await Promise.all([pool.load('a.yaml', 100), pool.load('bb.yaml', 100)]);
    expect([a, b]).toEqual([answer('a.yaml'), answer('bb.yaml')]);
    expect(pool.pending).toBe(0);
    expect(pool.answered).toBe(2);
  });

  it('answers null, never hangs, when the thread cannot start', async () => {
    const pool = parsePool(script('throws', `throw new Error('broken thread');`), 1, true);
    expect(await pool.load('a.yaml', 100)).toBeNull();
    expect(await pool.load('b.yaml', 100)).toBeNull();
    expect(pool.pending).toBe(0);
  });

  it('answers null for what a thread held when it died, and for everything after', async () => {
    const pool = parsePool(script('dies', `parentPort.on('message', () => process.exit(3));`), 1, true);
    expect(await Promise.all([pool.load('a.yaml', 100), pool.load('b.yaml', 100)])).toEqual([null, null]);
    expect(await pool.load('c.yaml', 100)).toBeNull();
    expect(pool.answered).toBe(0);
  });

  it('stops its idle threads on close, and starts them again for the next file', async () => {
    const url = script('echo', `parentPort.on('message', (m) => parentPort.postMessage({ id: m.id, answer: { text: 'text of ' + m.path, bytes: m.path.length } }));`);
    const pool = parsePool(url, 1, true);
    expect(await pool.load('a.yaml', 100)).toEqual(answer('a.yaml'));
    pool.close();
    // a stopped thread is not a dead one: the next load is answered, not handed back (null)
    expect(await pool.load('b.yaml', 100)).toEqual(answer('b.yaml'));
    expect(pool.answered).toBe(2);
    pool.close();
  });

  it('a missing script is a thread that cannot start', async () => {
    const pool = parsePool(pathToFileURL(join(dir, 'absent.mjs')), 2, false);
    expect(await pool.load('a.yaml', 100)).toBeNull();
  });
});
