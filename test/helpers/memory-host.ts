import type { DirEntry, Host, OutputStream, PathInfo } from '../../src/host/host';

export interface MemoryStream extends OutputStream {
  text(): string;
}

/** An output stream that keeps what is written, for a Host of the tests. */
export function memoryStream(isTTY = false): MemoryStream {
  let buffer = '';
  return { isTTY, write: (s) => void (buffer += s), text: () => buffer };
}

/**
 * A Host over an in-memory file tree, for running commands in-process. `caseInsensitive`: paths compared
 * as the default file systems of macOS (APFS) and Windows compare them, blind to case and to Unicode
 * normalization, each file keeping the name it was last written under (a rename onto `A.yaml` of a file
 * written as `a.yaml` replaces it, and the name becomes `A.yaml`).
 */
export function memoryHost(files: Record<string, string | Uint8Array>, options: { stdin?: string; env?: Record<string, string>; caseInsensitive?: boolean } = {}) {
  const fold = options.caseInsensitive ? (path: string) => path.normalize('NFC').toLowerCase() : (path: string) => path;
  const store = new FoldedMap<Uint8Array>(fold);
  for (const [k, v] of Object.entries(files)) store.set(k, typeof v === 'string' ? new TextEncoder().encode(v) : v);
  const stdout = memoryStream();
  const stderr = memoryStream();
  const isDir = (path: string) => [...store.keys()].some((k) => fold(k).startsWith(fold(path.replace(/\/$/, '') + '/')));
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
      const names = new Set([...store.keys()].filter((k) => fold(k).startsWith(fold(prefix))).map((k) => k.slice(prefix.length).split('/')[0]!));
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

/** A map of paths whose keys are compared folded, and listed as last written. */
class FoldedMap<V> {
  private readonly entries = new Map<string, { readonly path: string; readonly value: V }>();
  constructor(private readonly fold: (path: string) => string) {}
  has(path: string): boolean {
    return this.entries.has(this.fold(path));
  }
  get(path: string): V | undefined {
    return this.entries.get(this.fold(path))?.value;
  }
  set(path: string, value: V): void {
    this.entries.set(this.fold(path), { path, value });
  }
  delete(path: string): void {
    this.entries.delete(this.fold(path));
  }
  keys(): IterableIterator<string> {
    return [...this.entries.values()].map((e) => e.path)[Symbol.iterator]();
  }
}
