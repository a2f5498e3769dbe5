import * as fs from 'node:fs';
import type { OutputStream } from './host';

/**
 * Standard output or error. Written with fs.writeSync: creating process.stdout or process.stderr on a
 * pipe, where CI sends them, loads the net and stream modules (about 6 ms of a 190 ms run), and Node
 * opens a pipe it makes a stream of non-blocking. A terminal gets the stream (Node handles consoles).
 * A write that would block (EAGAIN: a pipe that is full, and non-blocking because another process made
 * it so) waits for the reader and is tried again: the stream this once fell back to took every later
 * write into memory without waiting, and 1.1 GB of `routes --format json | md5sum` ended in an out-of-
 * memory abort or an ENOBUFS stack trace, the output cut short. A write is whole before the next
 * starts, so the order holds. When the reader goes away (`gwctl ... | head -1`), what is left to write
 * is dropped and gwctl ends as it would have, with its own exit code: a closed pipe is not an error of
 * the input, and never a stack trace.
 */
export function outputStream(
  fd: 1 | 2,
  target: () => NodeJS.WriteStream,
  { writeSync = writeAll, maybeTerminal = mayBeTerminal }: { writeSync?: (fd: number, data: string | Uint8Array) => number; maybeTerminal?: (fd: number) => boolean } = {},
): OutputStream {
  let closed = false;
  let created: NodeJS.WriteStream | undefined;
  let terminal: boolean | undefined;
  const get = () => {
    if (!created) {
      created = target();
      created.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') closed = true;
        else throw error;
      });
    }
    return created;
  };
  // a terminal is a character device other than /dev/null; such a device that is not a terminal is
  // written synchronously too, once its stream has said so
  const isTTY = () => (terminal ??= maybeTerminal(fd) && Boolean(get().isTTY));
  return {
    write: (text) => {
      if (closed || text === '') return;
      if (isTTY()) {
        get().write(text);
        return;
      }
      let rest: string | Uint8Array = text;
      let waited = 0;
      for (;;) {
        try {
          const written = writeSync(fd, rest);
          const length = typeof rest === 'string' ? Buffer.byteLength(rest) : rest.length;
          if (written >= length) return;
          // a partial write (a signal, a pipe that took part): the rest, as bytes, so no character is cut
          rest = (typeof rest === 'string' ? Buffer.from(rest) : rest).subarray(written);
          waited = 0;
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'EPIPE') {
            closed = true;
            return;
          }
          if (code !== 'EAGAIN') throw error;
          // the reader has not taken what is in the pipe yet: a millisecond at first, at most 50
          waitFor(Math.min(50, 1 << Math.min(waited++, 6)));
        }
      }
    },
    get isTTY() {
      return isTTY();
    },
  };
}

/** A synchronous sleep: the write it waits in is synchronous, as every write to the standard streams is. */
let sleeper: Int32Array | undefined;
function waitFor(ms: number): void {
  Atomics.wait((sleeper ??= new Int32Array(new SharedArrayBuffer(4))), 0, 0, ms);
}

const writeAll = (fd: number, data: string | Uint8Array): number => (typeof data === 'string' ? fs.writeSync(fd, data) : fs.writeSync(fd, data));

/**
 * Whether `fd` may be a terminal: a character device other than the null device. A script that wants
 * only the exit code sends the output to /dev/null (`gwctl validate -q . > /dev/null`), a character
 * device too, and asking the stream whether it is a terminal would load the stream modules for nothing
 * (about 2.5 ms of a 35 ms validate of one file). The null device is told by its device number.
 */
export function mayBeTerminal(fd: number): boolean {
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isCharacterDevice()) return false;
    const nul = nullDevice();
    return nul === undefined || stat.rdev !== nul;
  } catch {
    return false;
  }
}

/** /dev/null's device number, where there is one (not on Windows). */
let nullRdev: number | undefined | null = null;
function nullDevice(): number | undefined {
  if (nullRdev === null) {
    try {
      nullRdev = process.platform === 'win32' ? undefined : fs.statSync('/dev/null').rdev;
    } catch {
      nullRdev = undefined;
    }
  }
  return nullRdev;
}
