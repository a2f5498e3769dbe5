import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

/**
 * A Node built-in module, loaded synchronously on first use: a module imported at the top of a file is
 * loaded by every run, and some (node:crypto, node:worker_threads) cost milliseconds of start-up for
 * work that only a large input needs.
 */
export function nodeBuiltin<T>(name: `node:${string}`): T {
  return load(name) as T;
}
