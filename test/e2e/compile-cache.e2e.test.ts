import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, symlinkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileCacheDirectory, ownedDirectory, removeStale } from '../../src/host/compile-cache';
import { ROOT, runCli } from '../helpers/run-cli';

// The code cache of the bundle's modules (src/host/compile-cache.ts), run through the built binary with
// a cache folder of the test's own. GWCTL_DEBUG_COMPILE_CACHE makes a run say how many modules it took
// from the cache and how many it compiled.
const work = mkdtempSync(join(tmpdir(), 'gwctl-compile-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ARGS = ['validate', 'fixtures/seeds/01-gloo-platform-lambda.yaml'];
const plain = runCli(ARGS, { env: { NODE_DISABLE_COMPILE_CACHE: '1' } });

function run(cacheHome: string, env: Record<string, string> = {}) {
  const result = runCli(ARGS, { env: { XDG_CACHE_HOME: cacheHome, GWCTL_DEBUG_COMPILE_CACHE: '1', ...env } });
  const line = result.stderr.split('\n').find((l) => l.startsWith('compile cache '));
  const counts = line?.match(/: (\d+) from cache, (\d+) compiled$/);
  return {
    ...result,
    stderr: result.stderr.split('\n').filter((l) => !l.startsWith('compile cache ')).join('\n'),
    fromCache: counts ? Number(counts[1]) : undefined,
    compiled: counts ? Number(counts[2]) : undefined,
  };
}

function cacheFiles(cacheHome: string): string[] {
  const base = join(cacheHome, 'gwctl');
  if (!existsSync(base)) return [];
  return readdirSync(base).flatMap((dir) => readdirSync(join(base, dir)).map((f) => join(base, dir, f)));
}

describe('the code cache', () => {
  it('is written by the first run, used by the next, and changes no output', () => {
    const home = join(work, 'first');
    const first = run(home);
    expect(first.compiled).toBeGreaterThan(10);
    expect(first.fromCache).toBe(0);
    const files = cacheFiles(home);
    expect(files.length).toBe(first.compiled);
    for (const file of files) {
      expect(file).toMatch(/\.js~\d+~\d+\.cache$/);
      expect(statSync(file).size).toBeGreaterThan(0);
      if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
    }
    if (process.platform !== 'win32') expect(statSync(join(files[0]!, '..')).mode & 0o077).toBe(0);
    const second = run(home);
    expect(second.fromCache).toBe(first.compiled);
    expect(second.compiled).toBe(0);
    // nothing left behind: no temporary files, the same files as before
    expect(cacheFiles(home).sort()).toEqual(files.sort());
    for (const result of [first, second]) {
      expect(result.code).toBe(plain.code);
      expect(result.stdout).toBe(plain.stdout);
      expect(result.stderr).toBe(plain.stderr);
    }
  });

  it('a damaged cache is rejected, compiled as without one, and written again', () => {
    const home = join(work, 'damaged');
    run(home);
    const files = cacheFiles(home);
    for (const file of files) {
      const data = readFileSync(file);
      data.fill(0x5a, 16);
      writeFileSync(file, data);
    }
    const damaged = run(home);
    expect(damaged.fromCache).toBe(0);
    expect(damaged.compiled).toBe(files.length);
    expect([damaged.code, damaged.stdout, damaged.stderr]).toEqual([plain.code, plain.stdout, plain.stderr]);
    expect(run(home).fromCache).toBe(files.length);
  });

  it('is not used when turned off, when the folder is not the user\'s alone, or when it cannot be made', () => {
    const off = join(work, 'off');
    const disabled = run(off, { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(disabled.fromCache).toBeUndefined();
    expect(existsSync(off)).toBe(false);

    const results = [disabled];
    if (process.platform !== 'win32') {
      // a folder others can write to could be given code: it is left alone
      const shared = join(work, 'shared');
      mkdirSync(join(shared, 'gwctl'), { recursive: true });
      chmodSync(join(shared, 'gwctl'), 0o777);
      const open = run(shared);
      expect(open.fromCache).toBeUndefined();
      expect(cacheFiles(shared)).toEqual([]);
      results.push(open);
    }

    // --enable-source-maps: Node maps traces only for the modules it compiles itself
    const mapped = run(join(work, 'mapped'), { NODE_OPTIONS: '--enable-source-maps' });
    expect(mapped.fromCache).toBeUndefined();
    expect(existsSync(join(work, 'mapped'))).toBe(false);
    results.push(mapped);

    // XDG_CACHE_HOME names a file: no folder can be made there
    const file = join(work, 'a-file');
    writeFileSync(file, 'not a folder');
    const blocked = run(file);
    expect(blocked.fromCache).toBeUndefined();
    results.push(blocked);

    for (const result of results) expect([result.code, result.stdout, result.stderr]).toEqual([plain.code, plain.stdout, plain.stderr]);
  });
});

describe('installCompileCache', () => {
  // V8 checks a cache against the length of the source only: a module rebuilt to the same length must
  // not run the code cached for the old one. The cache is named by the file's size and modification time,
  // and the caches of files changed or removed since are removed when a run writes a new one.
  it('a file changed to the same length runs its new code, and the old cache is removed', () => {
    const root = join(work, 'modules');
    const cache = join(work, 'modules-cache');
    mkdirSync(root, { recursive: true });
    mkdirSync(cache, { recursive: true });
    writeFileSync(join(root, 'package.json'), '{ "type": "commonjs" }\n');
    const main = join(root, 'main.js');
    const script = `const { installCompileCache } = require(${JSON.stringify(join(ROOT, 'dist/compile-cache.js'))});
const stats = installCompileCache(${JSON.stringify(root)}, ${JSON.stringify(cache)});
process.stdout.write(require('./answer.js') + ' ' + stats.accepted.length + '\\n');`;
    writeFileSync(main, script);
    const answer = join(root, 'answer.js');
    const runMain = () => spawnSync(process.execPath, [main], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } }).stdout.trim();

    writeFileSync(answer, "module.exports = 'one';\n");
    utimesSync(answer, 1_000_000, 1_000_000);
    // a link where the cache goes is replaced, not written through (the cache is written to a new file
    // and renamed over it)
    const victim = join(work, 'victim.txt');
    writeFileSync(victim, 'untouched');
    symlinkSync(victim, join(cache, 'answer.js~24~1000000000.cache'));
    expect(runMain()).toBe('one 0');
    expect(readFileSync(victim, 'utf8')).toBe('untouched');
    expect(lstatSync(join(cache, 'answer.js~24~1000000000.cache')).isFile()).toBe(true);
    expect(runMain()).toBe('one 1');
    expect(readdirSync(cache)).toEqual(['answer.js~24~1000000000.cache']);
    // the cache of a module that is gone, and something that is not a cache
    writeFileSync(join(cache, 'gone.js~10~5.cache'), 'x');
    writeFileSync(join(cache, 'notes.txt'), 'kept');
    writeFileSync(answer, "module.exports = 'two';\n");
    utimesSync(answer, 2_000_000, 2_000_000);
    expect(runMain()).toBe('two 0');
    expect(runMain()).toBe('two 1');
    expect(readdirSync(cache).sort()).toEqual(['answer.js~24~2000000000.cache', 'notes.txt']);
  });
});

describe('the require a cached module gets', () => {
  it('resolves, lists lookup paths, and shares main, cache and extensions, as Node\'s own', () => {
    const root = join(work, 'require-modules');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'package.json'), '{ "type": "commonjs" }\n');
    // an error's place on the first line, where the module wrapper's text goes before the file's own
    const probe = `const where = new Error('here').stack.split('\\n')[1]; module.exports = JSON.stringify({
  where: where.slice(where.lastIndexOf('/') + 1),
  resolved: require.resolve('./probe.js'),
  paths: Array.isArray(require.resolve.paths('some-package')),
  main: require.main === process.mainModule,
  cache: require.cache === require('node:module')._cache,
  extensions: typeof require.extensions['.json'],
  json: require('./data.json').ok,
});`;
    writeFileSync(join(root, 'probe.js'), probe);
    writeFileSync(join(root, 'data.json'), '{ "ok": true }');
    const main = join(root, 'main.js');
    writeFileSync(main, `const { installCompileCache } = require(${JSON.stringify(join(ROOT, 'dist/compile-cache.js'))});
installCompileCache(${JSON.stringify(root)}, ${JSON.stringify(join(work, 'require-cache'))});
process.stdout.write(require('./probe.js'));`);
    mkdirSync(join(work, 'require-cache'), { recursive: true });
    const out = spawnSync(process.execPath, [main], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout)).toEqual({ where: 'probe.js:1:15)', resolved: join(root, 'probe.js'), paths: true, main: true, cache: true, extensions: 'function', json: true });
  });
});

describe('a chunk required by another', () => {
  // gwctl's chunks require each other as `./chunk-X.js` and `./chunks/chunk-X.js`, which the cache's
  // require loads without Node's search (requireBundleFile): the same modules, cache entries, cycles,
  // errors and links as Node's own require, which the same script run without the cache shows
  it('loads as Node\'s require does: one module per file, cycles, a failed load, a link, a missing file', () => {
    const root = join(work, 'chunks-root');
    const elsewhere = join(work, 'chunks-elsewhere');
    mkdirSync(join(root, 'chunks'), { recursive: true });
    mkdirSync(elsewhere, { recursive: true });
    writeFileSync(join(root, 'package.json'), '{ "type": "commonjs" }\n');
    // a cycle: a requires b, which requires a before a has finished
    writeFileSync(join(root, 'chunks', 'a.js'), "exports.early = 1; const b = require('./b.js'); exports.late = 2; exports.b = b;\n");
    writeFileSync(join(root, 'chunks', 'b.js'), "const a = require('./a.js'); module.exports = { seen: Object.keys(a).join(',') };\n");
    writeFileSync(join(root, 'chunks', 'fails.js'), "globalThis.failRuns = (globalThis.failRuns ?? 0) + 1; throw new Error('load failed');\n");
    writeFileSync(join(elsewhere, 'target.js'), "module.exports = __filename;\n");
    symlinkSync(join(elsewhere, 'target.js'), join(root, 'chunks', 'linked.js'));
    // the requests that went through Node's search
    const entry = `const Module = require('node:module');
const searched = [];
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) { searched.push(request); return resolve.call(this, request, ...rest); };
const a = require('./chunks/a.js');
const again = require('./chunks/a.js');
const attempt = (id) => { try { require(id); return 'loaded'; } catch (error) { return (error.code ?? error.message); } };
const child = Module._cache[require('node:path').join(__dirname, 'chunks', 'a.js')];
module.exports = JSON.stringify({
  a, same: a === again,
  cached: Boolean(child) && child.loaded && child.exports === a && child.parent === module && module.children.includes(child),
  fails: [attempt('./chunks/fails.js'), attempt('./chunks/fails.js'), globalThis.failRuns],
  failsCached: Object.keys(Module._cache).some((k) => k.endsWith('fails.js')),
  linked: require('./chunks/linked.js'),
  missing: attempt('./chunks/missing.js'),
  searched: [...new Set(searched)],
});`;
    writeFileSync(join(root, 'entry.js'), entry);
    const cache = join(work, 'chunks-cache');
    mkdirSync(cache, { recursive: true });
    const main = join(root, 'main.js');
    writeFileSync(main, `if (process.env.WITH_CACHE) require(${JSON.stringify(join(ROOT, 'dist/compile-cache.js'))}).installCompileCache(${JSON.stringify(root)}, ${JSON.stringify(cache)});
process.stdout.write(require('./entry.js'));`);
    const run = (withCache: boolean) => {
      const out = spawnSync(process.execPath, [main], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...(withCache ? { WITH_CACHE: '1' } : {}) } });
      expect(out.stderr).toBe('');
      return JSON.parse(out.stdout) as { searched: string[] };
    };
    const expected = {
      a: { early: 1, late: 2, b: { seen: 'early' } },
      same: true,
      cached: true,
      fails: ['load failed', 'load failed', 2],
      failsCached: false,
      linked: join(elsewhere, 'target.js'),
      missing: 'MODULE_NOT_FOUND',
    };
    const all = ['./chunks/a.js', './b.js', './a.js', './chunks/fails.js', './chunks/linked.js', './chunks/missing.js'];
    expect(run(false)).toEqual({ ...expected, searched: all });
    // a regular file is not searched for: the link and the missing file are
    const searched = ['./chunks/linked.js', './chunks/missing.js'];
    expect(run(true)).toEqual({ ...expected, searched });
    // and from the cache, the second time
    expect(run(true)).toEqual({ ...expected, searched });
  });
});

describe('the modules a cache is kept for', () => {
  it('are the files under the root given, not a module required from outside it', () => {
    const root = join(work, 'inside');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'package.json'), '{ "type": "commonjs" }\n');
    writeFileSync(join(work, 'outside.js'), "module.exports = 'outside';\n");
    writeFileSync(join(root, 'inside.js'), "module.exports = 'inside';\n");
    const main = join(root, 'main.js');
    writeFileSync(main, `const { installCompileCache } = require(${JSON.stringify(join(ROOT, 'dist/compile-cache.js'))});
const stats = installCompileCache(${JSON.stringify(root)}, ${JSON.stringify(join(work, 'inside-cache'))});
require('./inside.js'); require('../outside.js');
process.stdout.write(JSON.stringify(stats.compiled.map((name) => name.split('~')[0])));`);
    mkdirSync(join(work, 'inside-cache'), { recursive: true });
    const out = spawnSync(process.execPath, [main], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout)).toEqual(['inside.js']);
  });
});

describe('ownedDirectory', () => {
  it('takes the folder only while it and gwctl\'s folder are the user\'s and nobody else can write to them', () => {
    const parent = join(work, 'owned', 'gwctl');
    const folder = join(parent, 'compile-x');
    expect(ownedDirectory(folder)).toBe(folder);
    if (process.platform === 'win32') return;
    // group or others may write: to either folder
    for (const target of [parent, folder]) {
      for (const mode of [0o720, 0o702, 0o777]) {
        chmodSync(target, mode);
        expect(ownedDirectory(folder), `${target} ${mode.toString(8)}`).toBeUndefined();
      }
      chmodSync(target, 0o755);
      expect(ownedDirectory(folder)).toBe(folder);
    }
    // another user's folder (only root can give one away)
    if (process.getuid?.() === 0) {
      chownSync(parent, 65534, 65534);
      expect(ownedDirectory(folder)).toBeUndefined();
      chownSync(parent, 0, 0);
      expect(ownedDirectory(folder)).toBe(folder);
    }
  });
});

describe('compileCacheDirectory', () => {
  it('follows the platform and the environment, one folder per installation', () => {
    const at = (env: Record<string, string>, platform: NodeJS.Platform = 'linux', root = '/opt/gwctl/dist') => compileCacheDirectory(env, '1.2.3', root, platform, '/home/u');
    const linux = at({})!;
    expect(linux.startsWith('/home/u/.cache/gwctl/compile-1.2.3-v8-')).toBe(true);
    expect(at({ XDG_CACHE_HOME: '/x' })!.startsWith('/x/gwctl/compile-1.2.3-')).toBe(true);
    expect(at({ NODE_COMPILE_CACHE: '/n' })!.startsWith('/n/compile-1.2.3-')).toBe(true);
    expect(at({}, 'darwin')!.startsWith('/home/u/Library/Caches/gwctl/')).toBe(true);
    expect(at({ LOCALAPPDATA: 'C:/Users/u/AppData/Local' }, 'win32')!.startsWith(join('C:/Users/u/AppData/Local', 'gwctl', 'Cache'))).toBe(true);
    // Windows' variable means nothing elsewhere (a Linux runner may carry it over from a Windows job)
    expect(at({ LOCALAPPDATA: 'C:/Users/u/AppData/Local' })!.startsWith('/home/u/.cache/gwctl/')).toBe(true);
    expect(at({ NODE_DISABLE_COMPILE_CACHE: '1', XDG_CACHE_HOME: '/x' })).toBeUndefined();
    // a checkout and a global install of one version do not share (and so do not remove each other's) caches
    expect(at({}, 'linux', '/home/u/src/gwctl/dist')).not.toBe(linux);
    expect(at({}, 'linux', '/opt/gwctl/dist')).toBe(linux);
  });
});

describe('removeStale', () => {
  it('removes the folders of the same installation\'s other versions, and nothing of another installation', () => {
    const base = join(work, 'versions');
    const ours = join(base, 'compile-2.0.0-v8-1-x64-0123abcd');
    for (const folder of [ours, join(base, 'compile-1.9.0-v8-1-x64-0123abcd'), join(base, 'compile-2.0.0-v8-1-x64-89abcdef')]) {
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, 'gone.js~1~1.cache'), 'x');
    }
    writeFileSync(join(base, 'compile-notes.txt'), 'not a folder of ours');
    removeStale(join(work, 'no-such-root'), ours);
    expect(readdirSync(base).sort()).toEqual(['compile-2.0.0-v8-1-x64-0123abcd', 'compile-2.0.0-v8-1-x64-89abcdef', 'compile-notes.txt']);
    expect(readdirSync(ours)).toEqual([]);
    expect(readdirSync(join(base, 'compile-2.0.0-v8-1-x64-89abcdef'))).toEqual(['gone.js~1~1.cache']);
  });
});
