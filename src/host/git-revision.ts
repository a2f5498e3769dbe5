import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { relative, resolve } from 'node:path';
import { UsageError } from '../errors';
import { outsideFolder } from '../text/outside-folder';

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

/** A file of a revision: its size, known from the listing, and its bytes, read only when asked for. */
export interface RevisionFile {
  readonly size: number;
  read(): Promise<Uint8Array>;
}

/** Paths as the user typed them (relative to `cwd`, or absolute), made relative to the repository root. */
export function rootedPaths(cwd: string, root: string, paths: readonly string[]): string[] {
  return paths.map((p) => {
    const full = resolve(cwd, p);
    if (outsideFolder(root, full)) throw new UsageError(`${p}: outside the repository`);
    return relative(root, full).split('\\').join('/') || '.';
  });
}

/**
 * The manifest files (.yaml, .yml, .json) of a commit under the given paths (relative to the repository
 * root), listed with their sizes from git's object store: the working tree and the index are never
 * touched. No file's bytes are read here: a file is read when the analysis asks for it, so a file it
 * leaves out (an exclude glob) or refuses by size (--max-file-size, --max-input-size) is never held
 * in memory, as on the working tree. `objects` reads them, and is closed by the caller.
 */
export async function listRevision(root: string, commit: string, rooted: readonly string[], objects: GitObjects): Promise<Map<string, RevisionFile>> {
  const pathspecs = rooted.includes('.') ? [] : [...new Set(rooted)];
  // literal: a path is a path, not a pattern (`*`, `:(top)`, `:!x` are pathspec magic to git)
  const listing = await git(root, ['--literal-pathspecs', 'ls-tree', '-r', '-z', '-l', '--full-tree', commit, '--', ...pathspecs]);
  // `<mode> <type> <object> <size>\t<path>`, the size padded with spaces. A symbolic link (mode 120000)
  // is a blob holding its target's path: not a manifest, and not followed (a revision has no file system
  // to resolve it in), where the working tree reads what it points to, once (load/collect-inputs.ts). A
  // submodule is a commit, not a file.
  const files = new Map<string, RevisionFile>();
  for (const entry of listing.split('\0')) {
    const tab = entry.indexOf('\t');
    const [mode, type, object, size] = entry.slice(0, Math.max(tab, 0)).split(/ +/);
    if (tab < 0 || type !== 'blob' || mode === '120000') continue;
    const name = entry.slice(tab + 1);
    if (!MANIFEST.test(name)) continue;
    files.set(name, { size: Number(size), read: () => objects.read(object!) });
  }
  return files;
}

/**
 * `git cat-file --batch`, one process for every object a run reads, asked for by object id, not
 * `commit:path`: cat-file reads one request a line, and a path may hold a line break
 * (`a.yaml\n<commit>:b.yaml` was two requests, and every later file read another's text). Answers come
 * in the order asked: `<object> blob <size>\n<bytes>\n`.
 */
export class GitObjects {
  private child: ChildProcessWithoutNullStreams | undefined;
  private readonly waiting: { done: (bytes: Uint8Array) => void; fail: (error: Error) => void }[] = [];
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** the size of the answer being read, once its header is in */
  private body: number | undefined;
  private stderr = '';
  private failed: Error | undefined;

  constructor(private readonly cwd: string) {}

  read(object: string): Promise<Uint8Array> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((done, fail) => {
      this.waiting.push({ done, fail });
      this.process().stdin.write(`${object}\n`);
    });
  }

  close(): void {
    this.child?.stdin.end();
  }

  private process(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawn('git', ['cat-file', '--batch'], { cwd: this.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
      this.drain();
    });
    child.stderr.on('data', (c: Buffer) => (this.stderr += c.toString()));
    child.on('error', (error) => this.fail(error));
    child.on('close', (code) => this.fail(new Error(this.stderr.trim() || `git cat-file exited with ${code} with ${this.waiting.length} object(s) unread`)));
    // a write after the process ended (it failed) is answered by fail(), not by an unhandled EPIPE
    child.stdin.on('error', (error) => this.fail(error));
    this.child = child;
    return child;
  }

  private drain(): void {
    for (;;) {
      if (this.body === undefined) {
        const first = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
        this.chunks = [first];
        const eol = first.indexOf(10);
        if (eol < 0) return;
        const header = first.subarray(0, eol).toString();
        const size = Number(header.split(' ')[2]);
        if (!header.split(' ')[1] || !Number.isSafeInteger(size)) return this.fail(new Error(`git cat-file: ${header}`));
        this.chunks = [first.subarray(eol + 1)];
        this.buffered -= eol + 1;
        this.body = size;
      }
      // the bytes and the line break after them
      if (this.buffered < this.body + 1) return;
      const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
      // a copy: a subarray would hold the whole chunk, later files' bytes with it
      const bytes = Uint8Array.prototype.slice.call(all, 0, this.body);
      this.chunks = [all.subarray(this.body + 1)];
      this.buffered -= this.body + 1;
      this.body = undefined;
      this.waiting.shift()?.done(bytes);
    }
  }

  private fail(error: Error): void {
    if (this.waiting.length === 0) return;
    this.failed ??= error;
    for (const w of this.waiting.splice(0)) w.fail(this.failed);
  }
}
