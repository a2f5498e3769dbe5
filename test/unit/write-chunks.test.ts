import { describe, expect, it } from 'vitest';
import { writeChunks, type Writev } from '../../src/host/write-chunks';

/** A writev into memory that takes at most `most` bytes per call, and fails on call `failAt`. */
function fakeWritev(most: number, failAt = Infinity): { writev: Writev; out: Buffer[]; calls: () => number } {
  const out: Buffer[] = [];
  let calls = 0;
  const writev: Writev = (_fd, buffers, done) => {
    calls++;
    if (calls === failAt) return setImmediate(() => done(Object.assign(new Error('no space'), { code: 'ENOSPC' }), 0));
    let room = most;
    for (const b of buffers) {
      if (room === 0) break;
      const part = b.subarray(0, Math.min(room, b.length));
      out.push(Buffer.from(part));
      room -= part.length;
    }
    setImmediate(() => done(null, most - room));
  };
  return { writev, out, calls: () => calls };
}

function* chunks(n: number): Generator<string> {
  // non-ASCII, so characters and bytes differ, and chunks of many sizes
  for (let i = 0; i < n; i++) yield `${i}: ${'é😀x'.repeat(i % 5000)}\n`;
}

describe('writeChunks', () => {
  it('writes every byte in order, through short writes', async () => {
    const expected = Buffer.from([...chunks(3000)].join(''), 'utf8');
    expect(expected.length).toBeGreaterThan(3 << 20); // several batches
    for (const most of [1, 4093, 65536, 1 << 30]) {
      if (most === 1) {
        // one byte per call: a short text only
        const fake = fakeWritev(most);
        await writeChunks(0, ['aé', '😀b', ''], fake.writev);
        expect(Buffer.concat(fake.out).toString('utf8')).toBe('aé😀b');
        continue;
      }
      const fake = fakeWritev(most);
      await writeChunks(0, chunks(3000), fake.writev);
      expect(Buffer.concat(fake.out).equals(expected), `at most ${most} bytes per write`).toBe(true);
    }
  });

  it('stops at a failed write and reports it', async () => {
    const fake = fakeWritev(65536, 3);
    await expect(writeChunks(0, chunks(3000), fake.writev)).rejects.toThrow('no space');
    // nothing is written after the failure
    expect(fake.calls()).toBe(3);
  });

  it('reports content that fails part way, once the write under way has ended', async () => {
    let started = 0;
    let ended = 0;
    const slow: Writev = (_fd, buffers, done) => {
      started++;
      setTimeout(() => (ended++, done(null, buffers.reduce((n, b) => n + b.length, 0))), 20);
    };
    function* failing(): Generator<string> {
      // 1.25 MB: one batch goes to be written, and the content fails while it is under way
      for (let i = 0; i < 20; i++) yield 'x'.repeat(1 << 16);
      throw new Error('serializer bug');
    }
    const outcome = await writeChunks(0, failing(), slow).then(() => 'written', (error: Error) => [error.message, started, ended]);
    expect(outcome).toEqual(['serializer bug', 1, 1]);
  });

  it('leaves what a write was given unchanged until it has ended', async () => {
    // chunks are encoded into buffers used in turn: one must not be filled while it is being written
    const seen: Buffer[] = [];
    let changed = 0;
    const slow: Writev = (_fd, buffers, done) => {
      const copies = buffers.map((b) => Buffer.from(b));
      setTimeout(() => {
        if (!buffers.every((b, i) => b.equals(copies[i]!))) changed++;
        seen.push(...copies);
        done(null, copies.reduce((n, b) => n + b.length, 0));
      }, 5);
    };
    // small chunks, and chunks too large for the shared buffers, in between
    function* mixed(): Generator<string> {
      for (let i = 0; i < 400; i++) yield i % 97 === 0 ? `${i}:${'ü'.repeat(900_000)}\n` : `${i}: ${'é😀x'.repeat(i * 37)}\n`;
    }
    await writeChunks(0, mixed(), slow);
    expect(changed).toBe(0);
    expect(Buffer.concat(seen).equals(Buffer.from([...mixed()].join(''), 'utf8'))).toBe(true);
  });

  it('writes nothing for no content', async () => {
    const fake = fakeWritev(10);
    await writeChunks(0, [], fake.writev);
    await writeChunks(0, '', fake.writev);
    expect(fake.calls()).toBe(0);
  });
});
