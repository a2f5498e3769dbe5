import { DEFAULT_LIMITS, formatBytes } from './read-limits';
import { InputTooLargeError, UsageError } from '../errors';
import type { Host } from '../host/host';
import { recordSideInput } from '../host/side-inputs';

/** The configuration file: settings, with at most 1,000 exclude globs of 4,096 characters (analysis-inputs.ts). */
export const MAX_CONFIG_SIZE = 8 * 1024 * 1024;
/** The baseline grows with the findings it records: bounded as one input file is. */
export const MAX_BASELINE_SIZE = DEFAULT_LIMITS.file;

/**
 * A file gwctl reads beside the manifests (its configuration, a baseline): a pull request can write it,
 * or make it a symbolic link, and gwctl finds the configuration by itself. Only a regular file is read
 * (a link to /dev/zero was read without end, to /dev/tty waited for a keyboard), and only up to `maxBytes`.
 */
export async function readSideFile(host: Host, path: string, what: string, maxBytes: number): Promise<Uint8Array> {
  const info = await host.stat(path);
  if (!info) throw new UsageError(`${what} ${path}: no such file`);
  if (!info.isFile) throw new UsageError(`${what} ${path}: not a regular file${info.isDirectory ? ' (a directory)' : ' (a device, FIFO or socket, or a link to one)'}`);
  try {
    const bytes = await host.readFile(path, maxBytes);
    await recordSideInput(host, path);
    return bytes;
  } catch (error) {
    if (error instanceof InputTooLargeError) throw new UsageError(`${what} ${path}: larger than ${formatBytes(maxBytes)}; not read`);
    throw error;
  }
}
