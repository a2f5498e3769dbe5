import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePool } from '../../src/host/parse-pool';
import { bundleAlone } from '../helpers/bundle-alone';

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

  it('gives each file to the thread with the fewest waiting', async () => {
    // each thread answers with its own id, once it holds two files
    const url = script('ids', `import { threadId } from 'node:worker_threads'; const held = []; parentPort.on('message', (m) => { held.push(m); if (held.length === 2) for (const h of held.splice(0)) parentPort.postMessage({ id: h.id, answer: { text: String(threadId), bytes: 0 } }); });`);
    const pool = parsePool(url, 2, true);
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map((f) => pool.load(`${f}.yaml`, 100)));
    const threads = answers.map((a) => (a && 'text' in a ? a.text : ''));
    // a, c to one thread, b, d to the other
    expect(new Set(threads).size).toBe(2);
    expect([threads[0], threads[1]]).toEqual([threads[2], threads[3]]);
    pool.close();
  });

  it('close stops no thread that holds a file: its answer still comes', async () => {
    const url = script('slow', `parentPort.on('message', (m) => setTimeout(() => parentPort.postMessage({ id: m.id, answer: { text: 'text of ' + m.path, bytes: m.path.length } }), 50));`);
    const pool = parsePool(url, 1, true);
    const loading = pool.load('a.yaml', 100);
    pool.close();
    expect(await loading).toEqual(answer('a.yaml'));
    pool.close();
  });

  it('takes a thread\'s second answer to one file for nothing (no count goes wrong, nothing throws)', async () => {
    const url = script('twice', `parentPort.on('message', (m) => { for (let i = 0; i < 2; i++) parentPort.postMessage({ id: m.id, answer: { text: 'text of ' + m.path, bytes: m.path.length } }); });`);
    const pool = parsePool(url, 1, true);
    expect(await pool.load('a.yaml', 100)).toEqual(answer('a.yaml'));
    // answered after the first file's second answer, which the thread sent before it
    expect(await pool.load('b.yaml', 100)).toEqual(answer('b.yaml'));
    expect([pool.pending, pool.answered]).toEqual([0, 2]);
    pool.close();
  });

  it('lets the process end once every answer is in, without close (an idle thread keeps nothing alive), and leaves its output pipe as it was', () => {
    // gwctl ends by letting the event loop run dry (process.exitCode), so a thread left referenced would
    // hang the run; the pool is bundled on its own and run in a process of its own to see that it ends
    const bundle = bundleAlone('src/host/parse-pool.ts', join(dir, 'pool.mjs'));
    const url = script('echo-alone', `parentPort.on('message', (m) => setTimeout(() => parentPort.postMessage({ id: m.id, answer: { text: 'text of ' + m.path, bytes: m.path.length } }), 20));`);
    const main = join(dir, 'alone.mjs');
    writeFileSync(main, `import { parsePool } from ${JSON.stringify(bundle)};
const pool = parsePool(new URL(${JSON.stringify(url.href)}), 2, true);
const answers = await Promise.all([pool.load('a.yaml', 100), pool.load('b.yaml', 100), pool.load('c.yaml', 100)]);
// the threads are idle now; one that holds a file again keeps the process alive until it answers
answers.push(await pool.load('d.yaml', 100));
// Linux: whether standard output, a pipe here, was made non-blocking, as Node makes the pipe it creates
// process.stdout on; written with writeSync, which creates nothing
const { readFileSync, writeSync } = await import('node:fs');
let flags = 'unknown';
try { flags = (Number.parseInt(/^flags:\\s+(\\d+)/m.exec(readFileSync('/proc/self/fdinfo/1', 'utf8'))[1], 8) & 0o4000) ? 'non-blocking' : 'blocking'; } catch {}
writeSync(1, answers.map((a) => a.text).join(', ') + '; ' + flags);`);
    // a hang is what this looks for: the limit is generous, as the run takes a fraction of a second
    const run = spawnSync(process.execPath, [main], { encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL' });
    // and the threads' own standard output and error are not piped into the process's: that created
    // process.stdout on gwctl's output pipe, non-blocking, so that gwctl's writes met EAGAIN
    const flags = process.platform === 'linux' ? 'blocking' : 'unknown';
    expect([run.signal, run.status, run.stdout, run.stderr]).toEqual([null, 0, `text of a.yaml, text of b.yaml, text of c.yaml, text of d.yaml; ${flags}`, '']);
  });

  it('a missing script is a thread that cannot start', async () => {
    const pool = parsePool(pathToFileURL(join(dir, 'absent.mjs')), 2, false);
    expect(await pool.load('a.yaml', 100)).toBeNull();
  });
});
