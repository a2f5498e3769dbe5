import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from '../../src/host/node-host';
import { bundleAlone } from '../helpers/bundle-alone';

// What writeFileAtomic asks of the file system, in order: the host calls node:fs through its ES module
// namespace, which syncBuiltinESMExports points at these spies.
function recordCalls(refuse?: 'folder-open' | 'folder-fsync' | 'rename'): string[] {
  const calls: string[] = [];
  const names = new Map<number, string>();
  const open = fs.open;
  vi.spyOn(fs, 'open').mockImplementation(((path: fs.PathLike, flags: fs.OpenMode, ...rest: unknown[]) => {
    const done = rest.pop() as (error: NodeJS.ErrnoException | null, fd?: number) => void;
    if (refuse === 'folder-open' && fs.statSync(path).isDirectory()) {
      calls.push(`open-folder-refused ${path}`);
      return done(Object.assign(new Error('EISDIR: illegal operation on a directory'), { code: 'EISDIR' }));
    }
    (open as any)(path, flags, ...rest, (error: NodeJS.ErrnoException | null, fd: number) => {
      if (!error) names.set(fd, String(path));
      done(error, fd);
    });
  }) as typeof fs.open);
  const fsync = fs.fsync;
  vi.spyOn(fs, 'fsync').mockImplementation(((fd: number, done: fs.NoParamCallback) => {
    calls.push(`fsync ${names.get(fd) ?? 'the temporary file'}`);
    if (refuse === 'folder-fsync' && names.has(fd)) return done(Object.assign(new Error('EINVAL: invalid argument, fsync'), { code: 'EINVAL' }));
    fsync(fd, done);
  }) as typeof fs.fsync);
  const rename = fs.rename;
  vi.spyOn(fs, 'rename').mockImplementation(((from: fs.PathLike, to: fs.PathLike, done: fs.NoParamCallback) => {
    calls.push(`rename to ${to}`);
    if (refuse === 'rename') return done(Object.assign(new Error('EXDEV: cross-device link not permitted, rename'), { code: 'EXDEV' }));
    rename(from, to, done);
  }) as typeof fs.rename);
  const close = fs.close;
  vi.spyOn(fs, 'close').mockImplementation(((fd: number, done: fs.NoParamCallback) => {
    // the folder's descriptor: one per file written, never left open
    if (names.has(fd)) calls.push(`close ${names.get(fd)}`);
    close(fd, done);
  }) as typeof fs.close);
  syncBuiltinESMExports();
  return calls;
}

afterEach(() => {
  vi.restoreAllMocks();
  syncBuiltinESMExports();
});

describe('writeFileAtomic: durable', () => {
  it('syncs the file before the rename and its folder after it, so that the new name survives a power loss', async () => {
    const folder = realpathSync(mkdtempSync(join(tmpdir(), 'gwctl-durable-')));
    const file = join(folder, 'out.yaml');
    writeFileSync(file, 'before\n');
    const calls = recordCalls();
    await writeFileAtomic(file, 'after\n');
    expect(calls).toEqual(['fsync the temporary file', `rename to ${file}`, `fsync ${folder}`, `close ${folder}`]);
    expect(readFileSync(file, 'utf8')).toBe('after\n');
  });

  // a folder Windows cannot open, or one whose fsync the file system refuses (EINVAL): the file is whole either way
  it.each([
    ['folder-open', (folder: string) => [`open-folder-refused ${folder}`]],
    ['folder-fsync', (folder: string) => [`fsync ${folder}`, `close ${folder}`]],
  ] as const)('writes the file where the folder is refused (%s)', async (refuse, folderCalls) => {
    const folder = realpathSync(mkdtempSync(join(tmpdir(), 'gwctl-durable-')));
    const file = join(folder, 'out.yaml');
    const calls = recordCalls(refuse);
    await writeFileAtomic(file, 'new\n');
    expect(calls).toEqual(['fsync the temporary file', `rename to ${file}`, ...folderCalls(folder)]);
    expect(readFileSync(file, 'utf8')).toBe('new\n');
  });

  it('a write that fails leaves no temporary file, and the file before it as it was', async () => {
    const folder = realpathSync(mkdtempSync(join(tmpdir(), 'gwctl-durable-')));
    const file = join(folder, 'out.yaml');
    writeFileSync(file, 'before\n');
    recordCalls('rename');
    await expect(writeFileAtomic(file, 'after\n')).rejects.toThrow(`cannot write ${file}: `);
    expect(readdirSync(folder)).toEqual(['out.yaml']);
    expect(readFileSync(file, 'utf8')).toBe('before\n');
  });
});

describe('writeFileAtomic: the temporary file', () => {
  it('is created exclusively: a name taken (a link planted where the next would go) is passed over, never written through or removed', async () => {
    const folder = realpathSync(mkdtempSync(join(tmpdir(), 'gwctl-clash-')));
    const file = join(folder, 'out.yaml');
    const victim = join(folder, 'victim.txt');
    writeFileSync(victim, 'kept\n');
    // the names are the pid, the time and a counter: with the time held, the next names are known
    vi.spyOn(Date, 'now').mockReturnValue(1_700_000_000_000);
    const opened: string[] = [];
    const openSync = fs.openSync;
    vi.spyOn(fs, 'openSync').mockImplementation(((path: fs.PathLike, ...rest: unknown[]) => {
      opened.push(String(path));
      return (openSync as any)(path, ...rest);
    }) as typeof fs.openSync);
    syncBuiltinESMExports();
    await writeFileAtomic(file, 'one\n');
    const first = opened.find((p) => p.endsWith('.tmp'))!;
    const counter = Number.parseInt(/\.([0-9a-z]+)\.tmp$/.exec(first)![1]!, 36);
    const planted = [1, 2, 3].map((n) => first.replace(/\.[0-9a-z]+\.tmp$/, `.${(counter + n).toString(36)}.tmp`));
    for (const name of planted) fs.symlinkSync(victim, name);
    await writeFileAtomic(file, 'two\n');
    expect(readFileSync(file, 'utf8')).toBe('two\n');
    expect(readFileSync(victim, 'utf8')).toBe('kept\n');
    // the three were tried and passed over, and left as they were (not gwctl's)
    expect(opened.filter((p) => planted.includes(p))).toEqual(planted);
    expect(readdirSync(folder).sort()).toEqual(['out.yaml', ...planted.map((p) => p.slice(folder.length + 1)), 'victim.txt'].sort());
  });

  it('an interrupted write removes its own temporary file, and not the file of another that took a name first', () => {
    // in a process of its own (the handler ends the process): the host bundled alone, a file of someone
    // else's at the first temporary name the write would take, and SIGTERM while it writes
    const folder = realpathSync(mkdtempSync(join(tmpdir(), 'gwctl-clash-signal-')));
    const bundle = bundleAlone('src/host/node-host.ts', join(folder, 'host.mjs'));
    const work = join(folder, 'work');
    fs.mkdirSync(work);
    const main = join(folder, 'main.mjs');
    writeFileSync(main, `import { writeFileAtomic } from ${JSON.stringify(bundle)};
import { writeFileSync } from 'node:fs';
const work = ${JSON.stringify(work)};
Date.now = () => 1700000000000;
writeFileSync(work + '/.out.yaml.' + process.pid + '.' + Date.now().toString(36) + '.0.tmp', 'theirs\\n');
function* chunks() {
  for (let i = 0; i < 64; i++) {
    if (i === 4) process.kill(process.pid, 'SIGTERM');
    yield 'x'.repeat(1 << 20);
  }
}
await writeFileAtomic(work + '/out.yaml', chunks());
process.stdout.write('not interrupted');`);
    const run = spawnSync(process.execPath, [main], { encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL' });
    expect([run.status, run.stdout, run.stderr]).toEqual([143, '', '']);
    // the other file stays; gwctl's own temporary file (the next name) is gone, and no out.yaml was made
    const left = readdirSync(work);
    expect(left).toEqual([expect.stringMatching(/^\.out\.yaml\.\d+\.[0-9a-z]+\.0\.tmp$/)]);
    expect(readFileSync(join(work, left[0]!), 'utf8')).toBe('theirs\n');
  });
});
