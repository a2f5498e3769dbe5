import * as fs from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { DirEntry, Host, ParallelParser, PathInfo } from './host';
import { applyMemoryPolicy, LARGE_INPUT_BYTES, type MemoryStage } from './memory-policy';
import { parsePool } from './parse-pool';
import { HostError, InputTooLargeError } from '../errors';
import { rereadText } from '../load/reread-text';
import { writeChunks } from './write-chunks';
import { outputStream } from './output-stream';

// Start-up is part of every CI run: this file uses node:fs's callbacks (node:fs is loaded with Node
// itself; fs/promises would load streams and readline) and writes to standard output and error with
// fs.writeSync, creating process.stdout and process.stderr only for a terminal (see outputStream).

/** One fs callback call as a promise. */
function call<T>(start: (done: (error: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value))));
}

/** What a path points to, or null when it cannot be read (a dangling link, a link loop, no permission). */
function statOrNull(path: string): fs.Stats | null {
  try {
    return fs.statSync(path);
  } catch {
    return null;
  }
}

function describe(error: unknown, path?: string): string {
  const e = error as NodeJS.ErrnoException;
  // a folder's entry whose name is not UTF-8 comes back from readdir with U+FFFD for the bytes Node could
  // not decode, a name no file has: "no such file" of a file `ls` shows would mislead
  if (e.code === 'ENOENT' && path?.includes('\ufffd')) return 'its name is not UTF-8, and Node.js opens files by UTF-8 names only (rename it)';
  return e.code ? `${e.code}: ${e.message.replace(/^\w+: /, '')}` : String(e.message ?? error);
}

const stat = (path: string) => call<fs.Stats>((done) => fs.stat(path, done));

let tempCount = 0;

// Temporary files not yet renamed into place: removed if gwctl is interrupted, so that an interrupted
// render leaves no `.name.tmp` beside the user's files.
const pendingTemps = new Set<string>();
let signalsWatched = false;

function removePendingOnSignal(): void {
  if (signalsWatched) return;
  signalsWatched = true;
  // Ctrl-C, a CI job cancelled (SIGTERM), a terminal or SSH session closed (SIGHUP): 128 + the signal
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.once(signal, () => {
      for (const temp of pendingTemps) {
        try {
          fs.rmSync(temp, { force: true });
        } catch {
          // nothing more can be done on the way out
        }
      }
      process.exit(code);
    });
  }
}

/**
 * A temporary file beside `path`, created exclusively ('wx') with the mode the final file will have from
 * the first byte (a file being replaced keeps its mode; a new one gets 0644 less the umask), so that it is
 * never briefly readable by more users than the result. The name (pid, time, counter) makes a clash
 * unlikely, and a clash is detected, never written through. No random bytes: loading node:crypto would
 * cost every run several milliseconds of start-up.
 */
async function createTemp(path: string, mode: number | undefined): Promise<{ temp: string; fd: number }> {
  removePendingOnSignal();
  for (let attempt = 0; ; attempt++) {
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.${(tempCount++).toString(36)}.tmp`);
    // registered before the file exists, and created on this thread: the signal handler runs on it too,
    // so it never runs while a creation is under way. Created on libuv's pool (fs.open), a file could
    // appear after the handler had removed the names and before the process exited: an interrupted
    // --out-dir render, several files open at once, left nine temporary files behind.
    pendingTemps.add(temp);
    try {
      const fd = fs.openSync(temp, 'wx', mode ?? 0o644);
      // open() applies the umask; a replaced file's mode is kept exactly, before anything is written
      if (mode !== undefined) {
        try {
          fs.fchmodSync(fd, mode);
        } catch (error) {
          // ours, and of the wrong mode: not left behind
          fs.closeSync(fd);
          fs.rmSync(temp, { force: true });
          pendingTemps.delete(temp);
          throw error;
        }
      }
      return { temp, fd };
    } catch (error) {
      // not ours: never removed
      pendingTemps.delete(temp);
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 100) throw error;
    }
  }
}

/** A file that is not regular (FIFO, device, process substitution), read until EOF or past the limit. */
async function readCapped(path: string, maxBytes: number): Promise<Buffer> {
  const fd = await call<number>((done) => fs.open(path, 'r', done));
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(65536);
      const read = await call<number>((done) => fs.read(fd, buffer, 0, buffer.length, null, done));
      if (read === 0) return Buffer.concat(chunks);
      size += read;
      if (size > maxBytes) throw new InputTooLargeError(maxBytes);
      chunks.push(buffer.subarray(0, read));
    }
  } finally {
    await call<void>((done) => fs.close(fd, (error) => done(error, undefined)));
  }
}

/** Where a path's symbolic links lead, even when the last one points at a file not yet created. */
async function linkTarget(path: string): Promise<string> {
  let current = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    const info = await call<fs.Stats>((done) => fs.lstat(current, done)).catch(() => null);
    if (!info?.isSymbolicLink()) {
      // the folders on the way may be links too: resolve them, keep the name
      const parent = await call<string>((done) => fs.realpath(dirname(current), done)).catch(() => dirname(current));
      return join(parent, basename(current));
    }
    current = resolve(dirname(current), await call<string>((done) => fs.readlink(current, done)));
  }
  throw new Error(`${path}: too many levels of symbolic links`);
}

/**
 * Writes a whole file or nothing. A regular file (new or replaced) gets a temporary file beside it, then a
 * rename. A symbolic link is followed: its target is replaced, the link stays. Anything else that exists
 * (/dev/null, /dev/stdout, a FIFO, a terminal) is written in place: renaming a file over it would replace
 * the device or pipe itself. With `replaceLink` (the files of an --out-dir, which gwctl names and owns, in
 * a folder a pull request may have filled) nothing is followed or written through: a link committed as
 * `gateway-gw-80.yaml -> ../../.github/workflows/ci.yaml` is replaced by the file.
 */
export async function writeFileAtomic(path: string, content: string | Iterable<string>, options: { readonly replaceLink?: boolean } = {}): Promise<void> {
  let temp: string | undefined;
  try {
    // with replaceLink, what is at the path itself (lstat): a regular file keeps its mode, anything else is replaced
    const itself = options.replaceLink ? await call<fs.Stats>((done) => fs.lstat(path, done)).catch(() => null) : undefined;
    const existing = options.replaceLink ? (itself?.isFile() ? itself : null) : await stat(path).catch(() => null);
    if (existing && !existing.isFile()) {
      const fd = await call<number>((done) => fs.open(path, 'w', done));
      try {
        await writeChunks(fd, content);
      } catch (error) {
        // the reader of a pipe went away (`-o /dev/stdout | head`): what is left has nowhere to go
        if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
      } finally {
        await call<void>((done) => fs.close(fd, (error) => done(error, undefined)));
      }
      return;
    }
    const target = options.replaceLink ? join(await call<string>((done) => fs.realpath(dirname(path), done)), basename(path)) : await linkTarget(path);
    const created = await createTemp(target, existing ? existing.mode & 0o7777 : undefined);
    temp = created.temp;
    try {
      await writeChunks(created.fd, content);
      await call<void>((done) => fs.fsync(created.fd, (error) => done(error, undefined)));
    } finally {
      await call<void>((done) => fs.close(created.fd, (error) => done(error, undefined)));
    }
    await call<void>((done) => fs.rename(temp!, target, (error) => done(error, undefined)));
    pendingTemps.delete(temp);
    await syncFolder(dirname(target));
  } catch (error) {
    if (temp) {
      pendingTemps.delete(temp);
      await call<void>((done) => fs.rm(temp!, { force: true }, (e) => done(e, undefined))).catch(() => undefined);
    }
    throw new HostError(`cannot write ${path}: ${describe(error)}`);
  }
}

/**
 * Makes a rename in `folder` durable. The file's own fsync does not: POSIX leaves the name to the folder
 * (fsync(2): "Calling fsync() does not necessarily ensure that the entry in the directory containing the
 * file has also reached disk. For that an explicit fsync() on a file descriptor for the directory is also
 * needed"), so after a power loss the folder could still name the earlier file. Best effort: Windows
 * opens no folder, and some file systems refuse a folder's fsync (EINVAL); the file is whole either way.
 */
async function syncFolder(folder: string): Promise<void> {
  const fd = await call<number>((done) => fs.open(folder, 'r', done)).catch(() => undefined);
  if (fd === undefined) return;
  await call<void>((done) => fs.fsync(fd, (error) => done(error, undefined))).catch(() => undefined);
  await call<void>((done) => fs.close(fd, (error) => done(error, undefined))).catch(() => undefined);
}

// More threads than this parse faster than the main thread can take their answers.
const MAX_PARSE_THREADS = 3;

/**
 * The parse threads: one fewer than the cores (the main thread is busy too), or GWCTL_PARSE_THREADS
 * (0 turns them off). None when the worker script is not there (gwctl run from its sources).
 */
function parser(script: URL | undefined, env: NodeJS.ProcessEnv): ParallelParser | undefined {
  if (!script || !fs.existsSync(fileURLToPath(script))) return undefined;
  const asked = env.GWCTL_PARSE_THREADS;
  const forced = asked !== undefined && /^\d+$/.test(asked);
  const threads = forced ? Math.min(Number(asked), MAX_PARSE_THREADS) : Math.min(availableParallelism() - 1, MAX_PARSE_THREADS);
  return threads > 0 ? parsePool(script, threads, forced) : undefined;
}

/** `parseWorker`: the script of a parse thread (dist/parse-worker.js). */
export function nodeHost(options: { parseWorker?: URL } = {}): Host {
  let bytesRead = 0;
  let memoryPolicyApplied = false;
  let stage: MemoryStage = 'reading';
  /** Input passes through here, so that a large input switches the heap to the batch policy. */
  const count = async (bytes: number): Promise<void> => {
    bytesRead += bytes;
    if (bytesRead > LARGE_INPUT_BYTES && !memoryPolicyApplied) {
      memoryPolicyApplied = true;
      await applyMemoryPolicy(stage);
    }
  };
  const counted = async (data: Buffer): Promise<Buffer> => {
    await count(data.length);
    return data;
  };
  // the files read as regular files: only those can be read again (readAgain)
  const regularFiles = new Set<string>();
  const threads = parser(options.parseWorker, process.env);
  // what the threads read counts towards the memory policy as what this thread reads
  const countedThreads: ParallelParser | undefined = threads && {
    threads: threads.threads,
    forced: threads.forced,
    get pending() {
      return threads.pending;
    },
    get answered() {
      return threads.answered;
    },
    async load(path, limit) {
      const answer = await threads.load(path, limit);
      if (answer) await count(answer.bytes);
      if (answer && 'digest' in answer) regularFiles.add(path);
      return answer;
    },
    close: () => threads.close(),
  };
  return {
    ...(countedThreads ? { parser: countedThreads } : {}),
    readAgain: (path) => (regularFiles.has(path) ? (digest) => rereadText(path, digest) : undefined),
    // a small input never switched policy, and keeps V8's own
    memoryStage: async (next) => {
      stage = next;
      if (memoryPolicyApplied) await applyMemoryPolicy(next);
    },
    stdout: outputStream(1, () => process.stdout),
    stderr: outputStream(2, () => process.stderr),
    env: process.env,
    cwd: () => process.cwd(),
    async stat(path): Promise<PathInfo | null> {
      try {
        const s = await stat(path);
        return { isFile: s.isFile(), isDirectory: s.isDirectory() };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
        throw new HostError(`cannot read ${path}: ${describe(error)}`, describe(error));
      }
    },
    async readDir(path): Promise<DirEntry[]> {
      try {
        // Synchronously, as regular files are read: the walk goes one directory after the other, and each
        // asynchronous listing was a round trip through the thread pool. The monorepo L benchmark has
        // 12,530 directories: the main thread sat idle 1.4 s of its first 1.6 s, waiting for listings.
        const entries = fs.readdirSync(path, { withFileTypes: true });
        const out: DirEntry[] = [];
        for (const entry of entries) {
          // a symbolic link counts as what it points to
          const target = entry.isSymbolicLink() ? statOrNull(join(path, entry.name)) : entry;
          if (!target) out.push({ name: entry.name, isFile: false, isDirectory: false, danglingLink: true });
          else {
            const isFile = target.isFile();
            const isDirectory = target.isDirectory();
            out.push({ name: entry.name, isFile, isDirectory, ...(target !== entry ? { symbolicLink: true } : {}), ...(!isFile && !isDirectory ? { special: true } : {}) });
          }
        }
        return out;
      } catch (error) {
        throw new HostError(`cannot read directory ${path}: ${describe(error)}`);
      }
    },
    async readFile(path, maxBytes = Infinity) {
      let data: Buffer;
      try {
        // A regular file is read synchronously: read from the page cache it takes microseconds, and the
        // bookkeeping of five asynchronous calls per file cost the main thread a second on a monorepo of
        // 13,000 files. A FIFO or a device (which could block) is read asynchronously, up to the limit.
        const info = fs.statSync(path);
        if (info.isFile() && info.size > maxBytes) throw new InputTooLargeError(maxBytes);
        data = info.isFile() ? fs.readFileSync(path) : await readCapped(path, maxBytes);
        if (info.isFile()) regularFiles.add(path);
      } catch (error) {
        if (error instanceof InputTooLargeError) throw error;
        throw new HostError(`cannot read ${path}: ${describe(error, path)}`);
      }
      return counted(data);
    },
    async readStdin(maxBytes = Infinity) {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of process.stdin) {
        size += (chunk as Buffer).length;
        if (size > maxBytes) {
          process.stdin.destroy();
          throw new InputTooLargeError(maxBytes);
        }
        chunks.push(chunk as Buffer);
      }
      return counted(Buffer.concat(chunks));
    },
    writeFileAtomic,
    async realpath(path) {
      const full = resolve(path);
      // the system's realpath: one call, where Node's own lstats every component (a render of 770 input
      // files spent 100 ms here, comparing each input with the output path)
      try {
        return await call<string>((done) => fs.realpath.native(full, done));
      } catch {
        const parent = await call<string>((done) => fs.realpath.native(dirname(full), done)).catch(() => dirname(full));
        return join(parent, basename(full));
      }
    },
    async remove(path) {
      try {
        await call<void>((done) => fs.rm(path, { force: true }, (error) => done(error, undefined)));
      } catch (error) {
        throw new HostError(`cannot remove ${path}: ${describe(error)}`);
      }
    },
    async mkdirp(path) {
      try {
        await call<string | undefined>((done) => fs.mkdir(path, { recursive: true }, done));
      } catch (error) {
        throw new HostError(`cannot create directory ${path}: ${describe(error)}`);
      }
    },
  };
}
