import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Host } from '../host/host';

/**
 * The repository root: the nearest folder at or above `start` holding `.git` (a folder, or a file in a
 * worktree or submodule). Undefined outside a repository.
 */
export async function findRepoRoot(host: Host, start: string): Promise<string | undefined> {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (await host.stat(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * How reports name files: relative to the repository root, with `/`, whatever the working directory and
 * however the path was given (absolute paths too), because GitHub and SARIF viewers attach findings to
 * files by their path in the repository. A file outside the root, and standard input, keep their name.
 */
export function repoRelative(cwd: string, root: string | undefined, keep: ReadonlySet<string>): (name: string) => string {
  if (!root) return (name) => name;
  const cache = new Map<string, string>();
  return (name) => {
    if (keep.has(name)) return name;
    let shown = cache.get(name);
    if (shown === undefined) {
      const rel = relative(root, resolve(cwd, name));
      shown = rel === '' || rel.startsWith('..') || isAbsolute(rel) ? name : rel.split(sep).join('/');
      cache.set(name, shown);
    }
    return shown;
  };
}
