import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputTooLargeError } from '../../src/errors';
import { GitObjects, listRevision } from '../../src/host/git-revision';
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
      await expect(objects.read('0'.repeat(40))).rejects.toThrow(/missing/);
    } finally {
      objects.close();
    }
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
    expect(await host.stat('a/d')).toEqual({ isFile: false, isDirectory: true });
    expect(await host.stat('a/b.yaml')).toEqual({ isFile: true, isDirectory: false });
    expect(await host.stat('a/x')).toBeNull();
  });

  it('a file over the reader\'s limit is refused from its listed size, its bytes never read', async () => {
    const host = snapshotHost(parent, new Map([['big.yaml', file(2048, async () => { throw new Error('read'); })]]));
    await expect(host.readFile('big.yaml', 1024)).rejects.toBeInstanceOf(InputTooLargeError);
    await expect(host.readFile('big.yaml')).rejects.toThrow('read');
  });

  it('lists a revision\'s manifests with their sizes, links and other files left out', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'gwctl-listing-'));
    git(repo, 'init', '-q');
    writeFileSync(join(repo, 'a.yaml'), 'kind: A\n');
    writeFileSync(join(repo, 'name with  two spaces.json'), '{}');
    writeFileSync(join(repo, 'README.md'), 'x');
    writeFileSync(join(repo, ':(top)a.yaml'), 'kind: B\n');
    execFileSync('ln', ['-s', 'a.yaml', join(repo, 'link.yaml')]);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'one');
    const objects = new GitObjects(repo);
    try {
      const files = await listRevision(repo, git(repo, 'rev-parse', 'HEAD').trim(), ['.'], objects);
      expect([...files].map(([name, f]) => [name, f.size])).toEqual([[':(top)a.yaml', 8], ['a.yaml', 8], ['name with  two spaces.json', 2]]);
      expect(new TextDecoder().decode(await files.get('a.yaml')!.read())).toBe('kind: A\n');
      // a path is a path: `:(top)a.yaml` names the file of that name, where git reads `:(top)` as magic
      expect([...(await listRevision(repo, git(repo, 'rev-parse', 'HEAD').trim(), [':(top)a.yaml'], objects)).keys()]).toEqual([':(top)a.yaml']);
    } finally {
      objects.close();
    }
  });
});
