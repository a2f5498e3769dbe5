import type { ParallelParser } from '../host/host';

// A parse thread costs about 40 ms to start: below this much input the main thread reads alone.
export const THREADS_AFTER_BYTES = 4 * 1024 * 1024;
// Files a thread may hold before the main thread reads the next one itself, so that neither waits.
const QUEUE_PER_THREAD = 16;

/**
 * The parse threads, when the next file should go to one: the input is large (or threads were asked
 * for) and a thread has room. Either way the file gives the same documents and findings: a thread runs
 * the main thread's quick path, and hands back every file it cannot vouch for (load/parse-wire.ts).
 */
export function threadFor(parser: ParallelParser | undefined, bytesSoFar: number): ParallelParser | undefined {
  return parser && (parser.forced || bytesSoFar > THREADS_AFTER_BYTES) && parser.pending < parser.threads * QUEUE_PER_THREAD ? parser : undefined;
}
