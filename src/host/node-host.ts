import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { HostError } from '../errors';
import type { DirEntry, Host, OutputStream, PathInfo } from './host';
import { applyMemoryPolicy, LARGE_INPUT_BYTES } from './memory-policy';

// Start-up is part of every CI run: this file uses node:fs's callbacks (node:fs is loaded with Node
// itself; fs/promises would load streams and readline) and touches process.stdout and process.stderr
// only when something is written (creating them loads the tty and net modules).

/** One fs callback call as a promise. */
function call<T>(start: (done: (error: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value))));
}

/**
 * A lazily created output stream. When the reader goes away (`gwctl ... | head -1`), what is left to
 * write is dropped and gwctl ends as it would have, with its own exit code: a closed pipe is not an
 * error of the input, and never a stack trace.
 */
function stream(target: () => NodeJS.WriteStream): OutputStream {
  let closed = false;
  let watched = false;
  const get = () => {
    const s = target();
    if (!watched) {
      watched = true;
      s.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') closed = true;
        else throw error;
      });
    }
    return s;
  };
  return {
    write: (text) => {
      if (!closed) get().write(text);
    },
    get isTTY() {
      return Boolean(target().isTTY);
    },
  };
}

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ? `${e.code}: ${e.message.replace(/^\w+: /, '')}` : String(e.message ?? error);
}

const stat = (path: string) => call<fs.Stats>((done) => fs.stat(path, done));

let tempCount = 0;

/**
 * A temporary file beside `path`, created exclusively ('wx'): the name (pid, time, counter) makes a clash
 * unlikely, and a clash is detected, never written through. No random bytes: loading node:crypto would
 * cost every run several milliseconds of start-up.
 */
async function createTemp(path: string): Promise<{ temp: string; fd: number }> {
  for (let attempt = 0; ; attempt++) {
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.${(tempCount++).toString(36)}.tmp`);
    try {
      return { temp, fd: await call<number>((done) => fs.open(temp, 'wx', 0o644, done)) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 100) throw error;
    }
  }
}

async function writeAll(fd: number, text: string): Promise<void> {
  let buffer = Buffer.from(text, 'utf8');
  while (buffer.length > 0) {
    const written = await call<number>((done) => fs.write(fd, buffer, 0, buffer.length, null, done));
    buffer = buffer.subarray(written);
  }
}

export async function writeFileAtomic(path: string, content: string | Iterable<string>): Promise<void> {
  let temp: string | undefined;
  try {
    const created = await createTemp(path);
    temp = created.temp;
    try {
      for (const chunk of typeof content === 'string' ? [content] : content) await writeAll(created.fd, chunk);
      await call<void>((done) => fs.fsync(created.fd, (error) => done(error, undefined)));
    } finally {
      await call<void>((done) => fs.close(created.fd, (error) => done(error, undefined)));
    }
    // keep the mode of a file being replaced
    const previous = await stat(path).catch(() => null);
    if (previous) await call<void>((done) => fs.chmod(temp!, previous.mode & 0o7777, (error) => done(error, undefined)));
    await call<void>((done) => fs.rename(temp!, path, (error) => done(error, undefined)));
  } catch (error) {
    if (temp) await call<void>((done) => fs.rm(temp!, { force: true }, (e) => done(e, undefined))).catch(() => undefined);
    throw new HostError(`cannot write ${path}: ${describe(error)}`);
  }
}

export function nodeHost(): Host {
  let bytesRead = 0;
  let memoryPolicyApplied = false;
  /** Input passes through here, so that a large input switches the heap to the batch policy. */
  const counted = async (data: Buffer): Promise<Buffer> => {
    bytesRead += data.length;
    if (bytesRead > LARGE_INPUT_BYTES && !memoryPolicyApplied) {
      memoryPolicyApplied = true;
      await applyMemoryPolicy();
    }
    return data;
  };
  return {
    stdout: stream(() => process.stdout),
    stderr: stream(() => process.stderr),
    env: process.env,
    cwd: () => process.cwd(),
    async stat(path): Promise<PathInfo | null> {
      try {
        const s = await stat(path);
        return { isFile: s.isFile(), isDirectory: s.isDirectory() };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
        throw new HostError(`cannot read ${path}: ${describe(error)}`);
      }
    },
    async readDir(path): Promise<DirEntry[]> {
      try {
        const entries = await call<fs.Dirent[]>((done) => fs.readdir(path, { withFileTypes: true }, done));
        const out: DirEntry[] = [];
        for (const entry of entries) {
          // a symbolic link counts as what it points to
          const target = entry.isSymbolicLink() ? await stat(join(path, entry.name)).catch(() => null) : entry;
          if (target) out.push({ name: entry.name, isFile: target.isFile(), isDirectory: target.isDirectory() });
        }
        return out;
      } catch (error) {
        throw new HostError(`cannot read directory ${path}: ${describe(error)}`);
      }
    },
    async readFile(path) {
      let data: Buffer;
      try {
        data = await call<Buffer>((done) => fs.readFile(path, done));
      } catch (error) {
        throw new HostError(`cannot read ${path}: ${describe(error)}`);
      }
      return counted(data);
    },
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return counted(Buffer.concat(chunks));
    },
    writeFileAtomic,
    async mkdirp(path) {
      try {
        await call<string | undefined>((done) => fs.mkdir(path, { recursive: true }, done));
      } catch (error) {
        throw new HostError(`cannot create directory ${path}: ${describe(error)}`);
      }
    },
  };
}
