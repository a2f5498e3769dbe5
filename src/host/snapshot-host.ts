import type { DirEntry, Host, PathInfo } from './host';
import type { RevisionFile } from './git-revision';
import { HostError, InputTooLargeError } from '../errors';
import { innerMap } from '../data/under';

/**
 * A read-only Host over a git revision's tree, sharing the output streams of the real host. Paths are
 * `/`-separated and relative to the snapshot's root; `.` is the root. A file's bytes are read when asked
 * for, and not at all past the reader's limit: its size is known from the listing.
 */
export function snapshotHost(parent: Host, files: ReadonlyMap<string, RevisionFile>): Host {
  const norm = (path: string) => path.replace(/^\.\/+/, '').replace(/\/+$/, '').replace(/^\.$/, '');
  // every folder's entries, made once: a walk lists each folder, and scanning every file for each folder
  // took 7 s for 20,000 files in folders of their own
  const dirs = new Map<string, Map<string, DirEntry>>([['', new Map()]]);
  for (const file of files.keys()) {
    const parts = file.split('/');
    for (let i = 0; i < parts.length; i++) {
      const entries = innerMap(dirs, parts.slice(0, i).join('/'));
      const name = parts[i]!;
      if (!entries.has(name)) entries.set(name, i === parts.length - 1 ? { name, isFile: true, isDirectory: false } : { name, isFile: false, isDirectory: true });
    }
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
      return [...(dirs.get(norm(path))?.values() ?? [])];
    },
    async readFile(path, maxBytes = Infinity) {
      const file = files.get(norm(path));
      if (!file) throw new HostError(`${path}: not in the revision`);
      if (file.size > maxBytes) throw new InputTooLargeError(maxBytes);
      return file.read();
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
