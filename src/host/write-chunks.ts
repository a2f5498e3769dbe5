import * as fs from 'node:fs';

/** fs.writev's shape, so that tests can make writes short or fail. */
export type Writev = (fd: number, buffers: Buffer[], done: (error: NodeJS.ErrnoException | null, written: number) => void) => void;

const fsWritev: Writev = (fd, buffers, done) => fs.writev(fd, buffers, null, done);

// Chunks are gathered up to this size before a write: one write per 64 KB chunk costs a round trip to
// the libuv thread pool each time.
const WRITE_BATCH = 1 << 20;

/**
 * Writes every chunk in order. The next batch is built (serialization runs on the main thread while the
 * chunks are pulled) while the last one is being written on a libuv thread: the two overlap instead of
 * taking turns (render of corpus M: gloo 3.39 s -> 3.06 s). Each chunk is encoded on its own: a string
 * gathered from many chunks encodes several times slower. A failed write is seen at the next batch or
 * at the end, and nothing after it is written.
 */
export async function writeChunks(fd: number, content: string | Iterable<string>, writev: Writev = fsWritev): Promise<void> {
  let inFlight: Promise<void> | undefined;
  let batch: Buffer[] = [];
  let size = 0;
  const flush = async () => {
    const buffers = batch;
    batch = [];
    size = 0;
    if (inFlight) await inFlight;
    inFlight = writeBuffers(fd, buffers, writev);
  };
  try {
    for (const chunk of typeof content === 'string' ? [content] : content) {
      const buffer = Buffer.from(chunk, 'utf8');
      batch.push(buffer);
      size += buffer.length;
      if (size >= WRITE_BATCH) await flush();
    }
    if (size > 0) await flush();
  } catch (error) {
    // the content failed while a write was under way: let the write end before the caller cleans up
    await inFlight?.catch(() => undefined);
    throw error;
  }
  await inFlight;
}

async function writeBuffers(fd: number, buffers: Buffer[], writev: Writev): Promise<void> {
  let rest = buffers;
  while (rest.length > 0) {
    let written = await new Promise<number>((resolve, reject) => writev(fd, rest, (error, n) => (error ? reject(error) : resolve(n))));
    // a short write: drop what was written, go on with the rest
    while (rest.length > 0 && written >= rest[0]!.length) written -= rest.shift()!.length;
    if (written > 0) rest[0] = rest[0]!.subarray(written);
  }
}
