import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputTooLargeError } from '../../src/errors';
import { GitObjects, listRevision, resolveRevision, rootedPaths } from '../../src/host/git-revision';
import { snapshotHost } from '../../src/host/snapshot-host';
import type { Host } from '../../src/host/host';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });

describe('GitObjects: one cat-file process, answers in the order asked', () => {
  it('reads blobs of every size, split across pipe chunks, empty, without a final line break, and binary', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'gwctl-objects-'));
    git(repo, 'init', '-q');
    const contents = [Buffer.alloc(0), Buffer.from('no line break'), Buffer.from([0, 10, 255, 10, 10]), Buffer.alloc(300_000, 'x\n'), Buffer.from('last\n')];
    const ids = contents.map((c, i) => {
      writeFileSync(join(repo, `f${i}`), c);
      return git(repo, 'hash-object', '-w', `f${i}`).trim();
    });
    const objects = new GitObjects(repo);
    try {
      // asked all at once, each twice, as the analysis asks concurrently
      const read = await Promise.all([...ids, ...ids].map((id) => objects.read(id)));
      read.forEach((bytes, i) => expect(Buffer.from(bytes).equals(contents[i % contents.length]!)).toBe(true));
      // each file's bytes are its own: a view of the pipe's chunk would keep the files read with it alive
      for (const bytes of read) expect(bytes.buffer.byteLength).toBe(bytes.length);
      await expect(objects.read('0'.repeat(40))).rejects.toThrow(/missing/);
    } finally {
      objects.close();
    }
  });

  it('outside a repository every read is refused with git\'s reason, the process\'s end and closed pipe included', async () => {
    const objects = new GitObjects(mkdtempSync(join(tmpdir(), 'gwctl-no-repo-')));
    try {
      // more requests than a pipe holds (160 KB): git ends while they are still being written, and the
      // write to its closed pipe is a refusal, not an unhandled EPIPE
      await expect(Promise.all(Array.from({ length: 4000 }, () => objects.read('1'.repeat(40))))).rejects.toThrow(/not a git repository|EPIPE/);
      await expect(objects.read('0'.repeat(40))).rejects.toThrow(/not a git repository|EPIPE/);
    } finally {
      objects.close();
    }
  });
});

describe('revisions and paths as the user names them', () => {
  it('a revision is a commit: a tag is followed to its commit; a tree, a blob or an option is no revision', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'gwctl-revisions-'));
    git(repo, 'init', '-q');
    writeFileSync(join(repo, 'a.yaml'), 'kind: A\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'one');
    git(repo, 'tag', '-a', '-m', 'annotated', 'v1');
    const commit = git(repo, 'rev-parse', 'HEAD').trim();
    const root = git(repo, 'rev-parse', '--show-toplevel').trim();
    expect(await resolveRevision(repo, 'v1')).toEqual({ root, commit });
    expect(await resolveRevision(repo, 'HEAD')).toEqual({ root, commit });
    for (const notACommit of ['HEAD^{tree}', 'HEAD:a.yaml', git(repo, 'rev-parse', 'HEAD:a.yaml').trim(), 'no-such-rev', '--all', '--git-dir=/']) {
      expect(await resolveRevision(repo, notACommit), notACommit).toBeUndefined();
    }
    expect(await resolveRevision(mkdtempSync(join(tmpdir(), 'gwctl-no-repo-')), 'HEAD')).toBeUndefined();
  });

  it('paths are made relative to the repository root; the root itself is `.`, and a path outside it is refused', () => {
    expect(rootedPaths('/repo/teams', '/repo', ['a.yaml', '../gloo', '.', '/repo/x/y.json', '..'])).toEqual(['teams/a.yaml', 'gloo', 'teams', 'x/y.json', '.']);
    expect(() => rootedPaths('/repo/teams', '/repo', ['../../elsewhere'])).toThrow('../../elsewhere: outside the repository');
    expect(() => rootedPaths('/repo', '/repo', ['/repository/a.yaml'])).toThrow('/repository/a.yaml: outside the repository');
  });
});

describe('snapshotHost over a revision', () => {
  const parent = { stdout: process.stdout, stderr: process.stderr, env: {} } as unknown as Host;
  const file = (size: number, read = async () => new Uint8Array(size)) => ({ size, read });

  it('lists each folder as the files under it make it, nested folders included', async () => {
    const host = snapshotHost(parent, new Map([['a/b.yaml', file(1)], ['a/c.yaml', file(1)], ['a/d/e.yaml', file(1)], ['f.yaml', file(1)]]));
    const names = async (dir: string) => (await host.readDir(dir)).map((e) => `${e.name}${e.isDirectory ? '/' : ''}`).sort();
    expect(await names('.')).toEqual(['a/', 'f.yaml']);
    expect(await names('a')).toEqual(['b.yaml', 'c.yaml', 'd/']);
    expect(await names('./a/d/')).toEqual(['e.yaml']);
    // each entry whole, as the walk reads it (load/collect-inputs.ts): a file is no folder, a folder no file
    expect(await host.readDir('a')).toEqual([
      { name: 'b.yaml', isFile: true, isDirectory: false },
      { name: 'c.yaml', isFile: true, isDirectory: false },
      { name: 'd', isFile: false, isDirectory: true },
    ]);
    // a file lists nothing, as a path that is no folder
    expect(await host.readDir('a/b.yaml')).toEqual([]);
    expect(await host.readDir('nowhere')).toEqual([]);
    expect(await host.stat('a/d')).toEqual({ isFile: false, isDirectory: true });
    expect(await host.stat('a/b.yaml')).toEqual({ isFile: true, isDirectory: false });
    expect(await host.stat('a/x')).toBeNull();
  });

  it('a file over the reader\'s limit is refused from its listed size, its bytes never read', async () => {
    const host = snapshotHost(parent, new Map([['big.yaml', file(2048, async () => { throw new Error('read'); })]]));
    await expect(host.readFile('big.yaml', 1024)).rejects.toBeInstanceOf(InputTooLargeError);
    await expect(host.readFile('big.yaml', 2047)).rejects.toBeInstanceOf(InputTooLargeError);
    // at the limit exactly, as a file of the working tree is (node-host.ts): read
    await expect(host.readFile('big.yaml', 2048)).rejects.toThrow('read');
    await expect(host.readFile('big.yaml')).rejects.toThrow('read');
  });

  it('lists a revision\'s manifests with their sizes, links, submodules and other files left out', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'gwctl-listing-'));
    git(repo, 'init', '-q');
    writeFileSync(join(repo, 'a.yaml'), 'kind: A\n');
    writeFileSync(join(repo, 'name with  two spaces.json'), '{}');
    writeFileSync(join(repo, 'README.md'), 'x');
    writeFileSync(join(repo, ':(top)a.yaml'), 'kind: B\n');
    // chosen as a folder's files are (load/collect-inputs.ts): by the extension, in any case, at the end
    writeFileSync(join(repo, 'B.YML'), 'kind: C\n');
    writeFileSync(join(repo, 'a.yaml.orig'), 'kind: D\n');
    writeFileSync(join(repo, 'a.yaml~'), 'kind: D\n');
    execFileSync('ln', ['-s', 'a.yaml', join(repo, 'link.yaml')]);
    git(repo, 'add', '-A');
    // a submodule named as a manifest is a commit in the tree (mode 160000), not a file
    git(repo, 'update-index', '--add', '--cacheinfo', `160000,${'1'.repeat(40)},sub.yaml`);
    git(repo, 'commit', '-q', '-m', 'one');
    const objects = new GitObjects(repo);
    try {
      const files = await listRevision(repo, git(repo, 'rev-parse', 'HEAD').trim(), ['.'], objects);
      expect([...files].map(([name, f]) => [name, f.size])).toEqual([[':(top)a.yaml', 8], ['B.YML', 8], ['a.yaml', 8], ['name with  two spaces.json', 2]]);
      expect(new TextDecoder().decode(await files.get('a.yaml')!.read())).toBe('kind: A\n');
      // a path is a path: `:(top)a.yaml` names the file of that name, where git reads `:(top)` as magic
      expect([...(await listRevision(repo, git(repo, 'rev-parse', 'HEAD').trim(), [':(top)a.yaml'], objects)).keys()]).toEqual([':(top)a.yaml']);
    } finally {
      objects.close();
    }
  });
});
