import type { DirEntry, Host, OutputStream, PathInfo } from '../../src/host/host';

export interface MemoryStream extends OutputStream {
  text(): string;
}

/** An output stream that keeps what is written, for a Host of the tests. */
export function memoryStream(isTTY = false): MemoryStream {
  let buffer = '';
  return { isTTY, write: (s) => void (buffer += s), text: () => buffer };
}

/** A Host over an in-memory file tree, for running commands in-process. */
export function memoryHost(files: Record<string, string | Uint8Array>, options: { stdin?: string; env?: Record<string, string> } = {}) {
  const store = new Map(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? new TextEncoder().encode(v) : v]));
  const stdout = memoryStream();
  const stderr = memoryStream();
  const isDir = (path: string) => [...store.keys()].some((k) => k.startsWith(path.replace(/\/$/, '') + '/'));
  const host: Host & { stdout: MemoryStream; stderr: MemoryStream; written: Map<string, string> } = {
    stdout,
    stderr,
    env: options.env ?? {},
    written: new Map(),
    cwd: () => '/',
    async stat(path): Promise<PathInfo | null> {
      if (store.has(path)) return { isFile: true, isDirectory: false };
      return isDir(path) ? { isFile: false, isDirectory: true } : null;
    },
    async readDir(path): Promise<DirEntry[]> {
      const prefix = path.replace(/\/$/, '') + '/';
      const names = new Set([...store.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length).split('/')[0]!));
      return [...names].map((name) => (store.has(prefix + name) ? { name, isFile: true, isDirectory: false } : { name, isFile: false, isDirectory: true }));
    },
    async readFile(path) {
      const data = store.get(path);
      if (!data) throw new Error(`ENOENT: ${path}`);
      return data;
    },
    async readStdin() {
      return new TextEncoder().encode(options.stdin ?? '');
    },
    async writeFileAtomic(path, content) {
      const text = typeof content === 'string' ? content : [...content].join('');
      host.written.set(path, text);
      store.set(path, new TextEncoder().encode(text));
    },
    async mkdirp() {},
    async realpath(path: string) {
      return path;
    },
    async remove(path: string) {
      store.delete(path);
    },
  };
  return host;
}
