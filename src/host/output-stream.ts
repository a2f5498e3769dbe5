import * as fs from 'node:fs';
import type { OutputStream } from './host';

/**
 * Standard output or error. Written with fs.writeSync until a stream is needed: creating
 * process.stdout or process.stderr on a pipe, where CI sends them, loads the net and stream modules
 * (about 6 ms of a 190 ms run). A terminal gets the stream (Node handles consoles), and so does the rest
 * of the output once a write would block (EAGAIN: a non-blocking pipe that is full); Node leaves the
 * standard streams it inherits blocking, so that is rare. A write is whole before the next starts, so
 * the order holds. When the reader goes away (`gwctl ... | head -1`), what is left to write is dropped
 * and gwctl ends as it would have, with its own exit code: a closed pipe is not an error of the input,
 * and never a stack trace.
 */
export function outputStream(
  fd: 1 | 2,
  target: () => NodeJS.WriteStream,
  { writeSync = writeAll, isCharacterDevice = characterDevice }: { writeSync?: (fd: number, data: string | Uint8Array) => number; isCharacterDevice?: (fd: number) => boolean } = {},
): OutputStream {
  let closed = false;
  let created: NodeJS.WriteStream | undefined;
  let terminal: boolean | undefined;
  // once a write has gone to the stream, every later one does, so that none overtakes it
  let streaming = false;
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
  // a terminal is a character device; so is /dev/null, which the stream then answers for (and which is
  // still written synchronously)
  const isTTY = () => (terminal ??= isCharacterDevice(fd) && Boolean(get().isTTY));
  return {
    write: (text) => {
      if (closed || text === '') return;
      if (streaming || isTTY()) {
        streaming = true;
        get().write(text);
        return;
      }
      let rest: string | Uint8Array = text;
      try {
        const written = writeSync(fd, text);
        // a partial write (a signal, a pipe that took part): the rest, as bytes, so no character is cut
        if (written < Buffer.byteLength(text)) {
          rest = Buffer.from(text).subarray(written);
          while (rest.length > 0) rest = rest.subarray(writeSync(fd, rest));
        }
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') closed = true;
        else if (code === 'EAGAIN') {
          streaming = true;
          get().write(typeof rest === 'string' ? rest : Buffer.from(rest));
        }
        else throw error;
      }
    },
    get isTTY() {
      return isTTY();
    },
  };
}

const writeAll = (fd: number, data: string | Uint8Array): number => (typeof data === 'string' ? fs.writeSync(fd, data) : fs.writeSync(fd, data));

function characterDevice(fd: number): boolean {
  try {
    return fs.fstatSync(fd).isCharacterDevice();
  } catch {
    return false;
  }
}
