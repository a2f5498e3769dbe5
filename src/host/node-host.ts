import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { HostError } from '../errors';
import type { DirEntry, Host, OutputStream, PathInfo } from './host';

function stream(target: NodeJS.WriteStream): OutputStream {
  return { write: (text) => void target.write(text), isTTY: Boolean(target.isTTY) };
}

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ? `${e.code}: ${e.message.replace(/^\w+: /, '')}` : String(e.message ?? error);
}

export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    // keep the mode of a file being replaced
    const previous = await fs.stat(path).catch(() => null);
    if (previous) await fs.chmod(temp, previous.mode & 0o7777);
    await fs.rename(temp, path);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new HostError(`cannot write ${path}: ${describe(error)}`);
  }
}

export function nodeHost(): Host {
  return {
    stdout: stream(process.stdout),
    stderr: stream(process.stderr),
    env: process.env,
    cwd: () => process.cwd(),
    async stat(path): Promise<PathInfo | null> {
      try {
        const s = await fs.stat(path);
        return { isFile: s.isFile(), isDirectory: s.isDirectory() };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
        throw new HostError(`cannot read ${path}: ${describe(error)}`);
      }
    },
    async readDir(path): Promise<DirEntry[]> {
      try {
        const entries = await fs.readdir(path, { withFileTypes: true });
        const out: DirEntry[] = [];
        for (const entry of entries) {
          // a symbolic link counts as what it points to
          const target = entry.isSymbolicLink() ? await fs.stat(join(path, entry.name)).catch(() => null) : entry;
          if (target) out.push({ name: entry.name, isFile: target.isFile(), isDirectory: target.isDirectory() });
        }
        return out;
      } catch (error) {
        throw new HostError(`cannot read directory ${path}: ${describe(error)}`);
      }
    },
    async readFile(path) {
      try {
        return await fs.readFile(path);
      } catch (error) {
        throw new HostError(`cannot read ${path}: ${describe(error)}`);
      }
    },
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    writeFileAtomic,
  };
}
