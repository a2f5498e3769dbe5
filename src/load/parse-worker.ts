// Entry point of a parse thread (bundled as dist/parse-worker.js; see host/parse-pool.ts): paths in,
// texts and encoded documents out. Whatever goes wrong here, the main thread reads the file itself.
import { parentPort } from 'node:worker_threads';
import type { ThreadAnswer } from '../host/host';
import { readAndEncode } from './parse-wire';

parentPort!.on('message', ({ id, path, limit }: { id: number; path: string; limit: number }) => {
  let answer: ThreadAnswer | null;
  try {
    answer = readAndEncode(path, limit);
  } catch {
    answer = null;
  }
  parentPort!.postMessage({ id, answer });
});
