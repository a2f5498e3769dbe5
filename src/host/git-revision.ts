import { execFile, spawn } from 'node:child_process';
import { relative, resolve } from 'node:path';
import { UsageError } from '../errors';

const MANIFEST = /\.(ya?ml|json)$/i;

function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    execFile('git', args, { cwd, maxBuffer: 1 << 30, encoding: 'utf8' }, (error, stdout, stderr) => (error ? fail(new Error(stderr.trim() || error.message)) : done(stdout)));
  });
}

/** The repository's root when `rev` names a commit there; undefined when it does not (or there is no repository). */
export async function resolveRevision(cwd: string, rev: string): Promise<{ root: string; commit: string } | undefined> {
  try {
    const root = (await git(cwd, ['rev-parse', '--show-toplevel'])).trim();
    const commit = (await git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`])).trim();
    return commit ? { root, commit } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The manifest files (.yaml, .yml, .json) of a commit under the given paths, read from git's object store:
 * the working tree and the index are never touched. Paths are relative to `cwd`, as the user typed them;
 * the result is keyed by path relative to the repository root.
 */
export async function readRevision(cwd: string, root: string, commit: string, paths: readonly string[]): Promise<{ files: Map<string, Uint8Array>; paths: string[] }> {
  const rooted = (paths.length ? paths : ['.']).map((p) => relative(root, resolve(cwd, p)).split('\\').join('/') || '.');
  for (const p of rooted) if (p.startsWith('..')) throw new UsageError(`${p}: outside the repository`);
  const pathspecs = rooted.includes('.') ? [] : rooted;
  const listing = await git(root, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...pathspecs]);
  // `<mode> <type> <object>\t<path>`. A symbolic link (mode 120000) is a blob holding its target's path:
  // not a manifest, and not followed (a revision has no file system to resolve it in), where the working
  // tree reads what it points to, once (load/collect-inputs.ts). A submodule is a commit, not a file.
  const names: string[] = [];
  const objects: string[] = [];
  for (const entry of listing.split('\0')) {
    const tab = entry.indexOf('\t');
    const [mode, type, object] = entry.slice(0, Math.max(tab, 0)).split(' ');
    if (tab < 0 || type !== 'blob' || mode === '120000') continue;
    const name = entry.slice(tab + 1);
    if (!MANIFEST.test(name)) continue;
    names.push(name);
    objects.push(object!);
  }
  const files = new Map<string, Uint8Array>();
  if (names.length) {
    // asked for by object id, not `commit:path`: cat-file reads one request a line, and a path may hold
    // a line break (`a.yaml\n<commit>:b.yaml` was two requests, and every later file read another's text)
    const blobs = await catFileBatch(root, objects);
    names.forEach((n, i) => files.set(n, blobs[i]!));
  }
  return { files, paths: rooted };
}

/** `git cat-file --batch`: every object in one process, the contents as bytes. */
function catFileBatch(cwd: string, objects: readonly string[]): Promise<Uint8Array[]> {
  return new Promise((done, fail) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0) return fail(new Error(stderr.trim() || `git cat-file exited with ${code}`));
      const all = Buffer.concat(chunks);
      const out: Uint8Array[] = [];
      let at = 0;
      for (let i = 0; i < objects.length; i++) {
        const eol = all.indexOf(10, at);
        const header = all.subarray(at, eol).toString();
        const size = Number(header.split(' ')[2]);
        if (!Number.isFinite(size)) return fail(new Error(`git cat-file: ${header}`));
        out.push(all.subarray(eol + 1, eol + 1 + size));
        at = eol + 1 + size + 1;
      }
      done(out);
    });
    child.stdin.end(objects.join('\n') + '\n');
  });
}
