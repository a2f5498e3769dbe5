import type { ParallelParser } from '../host/host';
import { LARGE_INPUT_BYTES } from '../host/memory-policy';

// Below a large input (the memory policy's threshold, 16 MB) the main thread reads alone. A thread costs
// 40 ms to start, and every file it takes costs more CPU in all (JSON both ways) for less wall time: on
// the 10 MB benchmark corpus it saved nothing and cost 1.5 s of CPU; on 100 MB, a tenth of the wall time.
// Files a thread may hold before the main thread reads the next one itself, so that neither waits.
const QUEUE_PER_THREAD = 16;

/**
 * The parse threads, when the next file should go to one: the input is large (or threads were asked
 * for) and a thread has room. Either way the file gives the same documents and findings: a thread runs
 * the main thread's quick path, and hands back every file it cannot vouch for (load/parse-wire.ts).
 */
export function threadFor(parser: ParallelParser | undefined, bytesSoFar: number): ParallelParser | undefined {
  return parser && (parser.forced || bytesSoFar > LARGE_INPUT_BYTES) && parser.pending < parser.threads * QUEUE_PER_THREAD ? parser : undefined;
}
