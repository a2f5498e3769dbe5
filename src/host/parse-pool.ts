import type { Worker } from 'node:worker_threads';
import type { ParallelParser, ThreadAnswer } from './host';
import { nodeBuiltin } from './node-builtin';

/**
 * Threads that read and parse YAML files beside the main thread (load/parse-worker.ts). Started on first use, so a run
 * that never needs them never pays for them. A thread that fails (it cannot start, it crashes) answers
 * null for everything it held and everything after: the main thread then reads those files itself, so
 * a broken thread slows a run down and changes nothing else.
 */
export function parsePool(script: URL, threads: number, forced: boolean): ParallelParser {
  interface Slot {
    worker: Worker | undefined;
    waiting: Map<number, (answer: ThreadAnswer | null) => void>;
    dead: boolean;
  }
  const slots: Slot[] = Array.from({ length: threads }, () => ({ worker: undefined, waiting: new Map(), dead: false }));
  let nextId = 0;
  let pending = 0;
  let answered = 0;

  const settle = (slot: Slot, id: number, answer: ThreadAnswer | null) => {
    const resolve = slot.waiting.get(id);
    if (!resolve) return;
    slot.waiting.delete(id);
    pending--;
    if (answer) answered++;
    // an idle thread must not keep the process alive; a busy one must, or the run could end while
    // the main thread awaits its answer
    if (slot.waiting.size === 0) slot.worker?.unref();
    resolve(answer);
  };
  const fail = (slot: Slot) => {
    slot.dead = true;
    for (const id of [...slot.waiting.keys()]) settle(slot, id, null);
    void slot.worker?.terminate();
  };
  const start = (slot: Slot): Worker | undefined => {
    if (slot.worker || slot.dead) return slot.worker;
    try {
      // loaded when the first thread starts: most runs (an input under 16 MB) start none
      const { Worker } = nodeBuiltin<typeof import('node:worker_threads')>('node:worker_threads');
      // stdout and stderr of its own (which it never writes): by default a Worker pipes them into
      // process.stdout and process.stderr, creating both, and Node opens a pipe there non-blocking, so
      // that gwctl's own writes met EAGAIN once the reader fell behind (host/output-stream.ts)
      const worker = new Worker(script, { stdout: true, stderr: true });
      worker.on('message', ({ id, answer }: { id: number; answer: ThreadAnswer | null }) => settle(slot, id, answer));
      worker.on('error', () => fail(slot));
      worker.on('exit', () => fail(slot));
      // referenced while it holds a file (load), unreferenced once idle (settle)
      slot.worker = worker;
    } catch {
      slot.dead = true;
    }
    return slot.worker;
  };

  return {
    threads,
    forced,
    get pending() {
      return pending;
    },
    get answered() {
      return answered;
    },
    load(path, limit) {
      // the live thread with the fewest files waiting
      const slot = slots.filter((s) => !s.dead).sort((a, b) => a.waiting.size - b.waiting.size)[0];
      const worker = slot && start(slot);
      if (!slot || !worker) return Promise.resolve(null);
      const id = nextId++;
      pending++;
      return new Promise((resolve) => {
        slot.waiting.set(id, resolve);
        worker.ref();
        worker.postMessage({ id, path, limit });
      });
    },
    close() {
      // the threads' heaps go before the model stage, the peak of a run's memory; the next load starts
      // them again
      for (const slot of slots) {
        if (!slot.worker || slot.waiting.size > 0) continue;
        slot.worker.removeAllListeners();
        void slot.worker.terminate();
        slot.worker = undefined;
      }
    },
  };
}
