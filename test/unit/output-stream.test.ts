import { describe, expect, it } from 'vitest';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mayBeTerminal, outputStream } from '../../src/host/output-stream';

// Standard output and error are written with writeSync, and a terminal with its stream (src/host/output-stream.ts).
// A fake writeSync and a fake stream record what went where, in order.
function harness(writeSync: (fd: number, data: string | Uint8Array) => number, { terminal = false, device = terminal }: { terminal?: boolean; device?: boolean } = {}) {
  const order: string[] = [];
  let created = 0;
  let onError: ((error: NodeJS.ErrnoException) => void) | undefined;
  const stream = {
    isTTY: terminal,
    write: (text: string | Uint8Array) => {
      order.push(`stream:${typeof text === 'string' ? text : Buffer.from(text).toString()}`);
      return true;
    },
    on: (event: string, listener: (error: NodeJS.ErrnoException) => void) => {
      if (event === 'error') onError = listener;
      return stream;
    },
  };
  const out = outputStream(2, () => {
    created++;
    return stream as unknown as NodeJS.WriteStream;
  }, { writeSync, maybeTerminal: () => device });
  return { out, order, created: () => created, fail: (code: string) => onError?.(Object.assign(new Error(code), { code })) };
}

const errno = (code: string) => Object.assign(new Error(code), { code });

describe('outputStream', () => {
  it('writes synchronously and never creates the stream on a pipe or a file', () => {
    const written: string[] = [];
    const h = harness((fd, data) => {
      expect(fd).toBe(2);
      written.push(String(data));
      return Buffer.byteLength(String(data));
    });
    h.out.write('one\n');
    h.out.write('');
    h.out.write('two\n');
    expect(h.out.isTTY).toBe(false);
    expect(written).toEqual(['one\n', 'two\n']);
    expect(h.created()).toBe(0);
  });

  it('a character device other than /dev/null that is not a terminal is asked of the stream, and still written synchronously', () => {
    const written: string[] = [];
    const h = harness((_fd, data) => {
      written.push(String(data));
      return Buffer.byteLength(String(data));
    }, { device: true });
    expect(h.out.isTTY).toBe(false);
    h.out.write('plain\n');
    expect(h.created()).toBe(1);
    expect(h.order).toEqual([]);
    expect(written).toEqual(['plain\n']);
  });

  it('a terminal gets the stream', () => {
    const h = harness(() => {
      throw new Error('writeSync on a terminal');
    }, { terminal: true });
    expect(h.out.isTTY).toBe(true);
    h.out.write('coloured\n');
    expect(h.order).toEqual(['stream:coloured\n']);
  });

  it('finishes a partial write in bytes, without cutting a character', () => {
    const bytes: number[] = [];
    // takes one byte at a time: every multi-byte character is split across writes
    const h = harness((_fd, data) => {
      const buffer = typeof data === 'string' ? Buffer.from(data) : data;
      bytes.push(buffer[0]!);
      return 1;
    });
    const text = 'façade → λ 𝔾\n';
    h.out.write(text);
    expect(Buffer.from(bytes).toString()).toBe(text);
    expect(h.created()).toBe(0);
  });

  it('counts a string in bytes, not characters: a write that took all but the last bytes is finished', () => {
    // 'λλλ\n' is 4 characters and 7 bytes: a first write of 5 bytes is more than the characters and
    // less than the bytes, and what is left must still be written
    const bytes: Buffer[] = [];
    let calls = 0;
    const h = harness((_fd, data) => {
      const buffer = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data);
      const taken = calls++ === 0 ? buffer.subarray(0, 5) : buffer;
      bytes.push(taken);
      return taken.length;
    });
    h.out.write('λλλ\n');
    expect(Buffer.concat(bytes).toString()).toBe('λλλ\n');
    expect(calls).toBe(2);
  });

  it("a terminal that goes away (EPIPE, or its stream destroyed) takes no more writes; another error of the terminal's stream is not hidden", () => {
    for (const code of ['EPIPE', 'ERR_STREAM_DESTROYED']) {
      const h = harness(() => 0, { terminal: true });
      h.out.write('before\n');
      h.fail(code);
      h.out.write('after\n');
      expect(h.order).toEqual(['stream:before\n']);
    }
    const h = harness(() => 0, { terminal: true });
    h.out.write('before\n');
    expect(() => h.fail('EIO')).toThrow('EIO');
    h.out.write('after\n');
    expect(h.order).toEqual(['stream:before\n', 'stream:after\n']);
  });

  it('a write that would block waits for the reader and is tried again, in place: no stream, nothing held in memory', () => {
    // once, a full non-blocking pipe sent this write and all that followed to the stream, which took
    // them without waiting: 1.1 GB of output piped to a slow reader ended in an out-of-memory abort
    const written: string[] = [];
    let calls = 0;
    const h = harness((_fd, data) => {
      calls++;
      if (calls === 1) {
        written.push('abc');
        return 3; // 'abc' of 'abcdef'
      }
      if (calls <= 4) throw errno('EAGAIN');
      const text = typeof data === 'string' ? data : Buffer.from(data).toString();
      written.push(text);
      return Buffer.byteLength(text);
    });
    h.out.write('abcdef');
    h.out.write('ghi');
    expect(written).toEqual(['abc', 'def', 'ghi']);
    expect(calls).toBe(6);
    expect(h.created()).toBe(0);
    expect(h.order).toEqual([]);
  });

  it('a closed pipe drops the rest quietly; any other error is not hidden', () => {
    let calls = 0;
    const h = harness(() => {
      calls++;
      throw errno('EPIPE');
    });
    h.out.write('first');
    h.out.write('second');
    expect(calls).toBe(1);
    expect(h.created()).toBe(0);

    const broken = harness(() => {
      throw errno('EIO');
    });
    expect(() => broken.out.write('x')).toThrow('EIO');
  });
});

describe('mayBeTerminal', () => {
  // /dev/null is a character device, as a terminal is: told apart by its device number, so that a run
  // whose output is thrown away does not create the stream to ask it
  it.skipIf(process.platform === 'win32')('is false for /dev/null, a file and a closed descriptor, true for another character device', () => {
    const opened: number[] = [];
    const open = (path: string, flags = 'w') => {
      const fd = openSync(path, flags);
      opened.push(fd);
      return fd;
    };
    try {
      expect(mayBeTerminal(open('/dev/null'))).toBe(false);
      expect(mayBeTerminal(open('/dev/zero', 'r'))).toBe(true);
      const dir = mkdtempSync(join(tmpdir(), 'gwctl-fd-'));
      expect(mayBeTerminal(open(join(dir, 'out.txt')))).toBe(false);
      rmSync(dir, { recursive: true, force: true });
      expect(mayBeTerminal(-1)).toBe(false);
    } finally {
      for (const fd of opened) closeSync(fd);
    }
  });
});
