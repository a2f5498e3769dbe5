import type { DirEntry, Host, PathInfo } from './host';
import { HostError } from '../errors';

/**
 * A read-only Host over files held in memory (a git revision's tree), sharing the output streams of the
 * real host. Paths are `/`-separated and relative to the snapshot's root; `.` is the root.
 */
export function snapshotHost(parent: Host, files: ReadonlyMap<string, Uint8Array>): Host {
  const norm = (path: string) => path.replace(/^\.\/+/, '').replace(/\/+$/, '').replace(/^\.$/, '');
  const dirs = new Set<string>(['']);
  for (const file of files.keys()) {
    const parts = file.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  return {
    stdout: parent.stdout,
    stderr: parent.stderr,
    env: parent.env,
    cwd: () => '.',
    async stat(path): Promise<PathInfo | null> {
      const p = norm(path);
      if (files.has(p)) return { isFile: true, isDirectory: false };
      return dirs.has(p) ? { isFile: false, isDirectory: true } : null;
    },
    async readDir(path): Promise<DirEntry[]> {
      const p = norm(path);
      const prefix = p ? `${p}/` : '';
      const names = new Map<string, DirEntry>();
      for (const file of files.keys()) {
        if (!file.startsWith(prefix)) continue;
        const [name, ...rest] = file.slice(prefix.length).split('/');
        names.set(name!, rest.length ? { name: name!, isFile: false, isDirectory: true } : { name: name!, isFile: true, isDirectory: false });
      }
      return [...names.values()];
    },
    async readFile(path) {
      const data = files.get(norm(path));
      if (!data) throw new HostError(`${path}: not in the revision`);
      return data;
    },
    async readStdin() {
      throw new HostError('standard input cannot be read from a revision');
    },
    async writeFileAtomic() {
      throw new HostError('a revision is read-only');
    },
    async mkdirp() {
      throw new HostError('a revision is read-only');
    },
    async realpath(path) {
      return path;
    },
    async remove() {
      throw new HostError('a revision is read-only');
    },
  };
}
