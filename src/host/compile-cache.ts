import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { nodeBuiltin } from './node-builtin';
import { basename, dirname, join, relative, sep } from 'node:path';
import { Script } from 'node:vm';

/**
 * V8's code cache for gwctl's own modules, kept between runs.
 *
 * Compiling the bundle is most of what a small run costs beyond Node's own start-up (about 17 ms of 80
 * for a validate of one file). V8 can serialise what it compiled and take it back on the next run; Node
 * 22 does this for every module with `module.enableCompileCache()`, which Node 20 does not have. This
 * does the same for the files of dist/ only, with `vm.Script`'s `cachedData`, the way Node itself
 * compiles a CommonJS module (the bundle is CommonJS for this reason: an ES module cannot be given a
 * code cache in Node 20). The cache is written when the process exits, so it holds the functions the run
 * compiled, not only the top level.
 *
 * A cache is an optimisation and never changes a result: V8 checks its version, its flags and the
 * source's length against the data and rejects what does not match, and a rejected or unreadable cache
 * means the file is compiled as it would be without one. Nothing here can fail a run. The directory is
 * the user's own (XDG_CACHE_HOME, ~/Library/Caches, %LOCALAPPDATA%, ~/.cache), one folder per gwctl
 * version, V8 and installation, used only when it belongs to the user and nobody else can write to it:
 * code cache data is code. Files are written to a
 * temporary name and renamed, so a run never reads half a file another is writing.
 * NODE_DISABLE_COMPILE_CACHE=1, Node's own switch, turns it off; NODE_COMPILE_CACHE names the directory.
 */

/** Where the cache lives for the gwctl installed at `root` and this V8, or undefined when it is turned off. */
export function compileCacheDirectory(env: NodeJS.ProcessEnv, version: string, root: string, platform = process.platform, home = safeHomedir()): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const base = env.NODE_COMPILE_CACHE
    || (env.XDG_CACHE_HOME && join(env.XDG_CACHE_HOME, 'gwctl'))
    || (platform === 'win32' && env.LOCALAPPDATA && join(env.LOCALAPPDATA, 'gwctl', 'Cache'))
    || (home && (platform === 'darwin' ? join(home, 'Library', 'Caches', 'gwctl') : join(home, '.cache', 'gwctl')));
  // one folder per gwctl version, V8 and installation. The version because npm gives every file of a
  // package the same modification time (1985): two versions' cli.js of one size would share a name. V8's
  // own version and flags are checked in the data; the folder keeps two Node versions from rewriting each
  // other's. The installation because two copies of one version (a global install and a checkout) would
  // otherwise each remove the other's caches as stale (removeStale)
  return base ? join(base, `compile-${version}-v8-${process.versions.v8}-${process.arch}-${fnv1a(root)}`) : undefined;
}

/** FNV-1a of a short string, as 8 hex digits: names a folder, nothing more (node:crypto costs start-up). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * The folder, made if needed, when it and the folder that holds it (gwctl's own) belong to this user and
 * nobody else can write to them; otherwise undefined. A folder others can write to could have its
 * contents, or the folder itself, replaced by theirs.
 */
export function ownedDirectory(path: string): string | undefined {
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
    for (const folder of [path, dirname(path)]) {
      const stat = statSync(folder);
      if (!stat.isDirectory()) return undefined;
      // POSIX only: Windows reports no owner and no group or other write bits
      if (typeof process.getuid === 'function' && (stat.uid !== process.getuid() || (stat.mode & 0o022) !== 0)) return undefined;
    }
    return path;
  } catch {
    return undefined;
  }
}

/** What a run did with the cache: for the tests and `GWCTL_DEBUG_COMPILE_CACHE`. */
export interface CompileCacheStats {
  /** Files compiled from their cache. */
  accepted: string[];
  /** Files compiled without one (missing, unreadable or rejected by V8); their cache is written at exit. */
  compiled: string[];
}

/**
 * Compile every CommonJS file under `root` with the code cache in `directory`. Returns what the run did,
 * filled in as modules load.
 */
export function installCompileCache(root: string, directory: string): CompileCacheStats {
  const stats: CompileCacheStats = { accepted: [], compiled: [] };
  const prefix = root.endsWith(sep) ? root : root + sep;
  const extensions = (Module as unknown as { _extensions: Record<string, (module: NodeModule, filename: string) => void> })._extensions;
  const plain = extensions['.js'];
  if (!plain) return stats;
  const pending: { script: Script; file: string }[] = [];
  // Module.wrap puts the wrapper's opening on the first line of the source; the column offset keeps
  // positions in stack traces where they are without it
  const wrapperStart = (Module as unknown as { wrapper: string[] }).wrapper[0]?.length ?? 0;

  extensions['.js'] = function compileWithCache(module: NodeModule, filename: string): void {
    if (!filename.startsWith(prefix)) return plain(module, filename);
    // V8 checks a cache against the source's length, not its text: a file rebuilt to the same length
    // would run the old code. Its size and modification time name the cache, as make tells a changed file.
    // Taken before the text is read: a file changed in between gets a cache under its old name, never
    // old code under its new one
    const name = cacheName(relative(root, filename), statSync(filename));
    const source = readFileSync(filename, 'utf8');
    const file = join(directory, name);
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(file);
    } catch {
      cachedData = undefined;
    }
    const script = new Script(Module.wrap(source), { filename, cachedData, columnOffset: -wrapperStart });
    if (cachedData && !script.cachedDataRejected) stats.accepted.push(name);
    else {
      stats.compiled.push(name);
      pending.push({ script, file });
    }
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => void;
    wrapper.call(module.exports, module.exports, requireOf(module), module, filename, dirname(filename));
  };

  process.once('exit', () => {
    if (pending.length === 0) return;
    for (const { script, file } of pending) writeAtomically(file, script.createCachedData());
    // something was compiled afresh: gwctl was installed or rebuilt, and the caches of the files it
    // replaced are of no more use
    removeStale(root, directory);
  });
  return stats;
}

interface ModuleInternals {
  _resolveFilename(request: string, parent: NodeModule, isMain: boolean, options?: { paths?: string[] }): string;
  _resolveLookupPaths(request: string, parent: NodeModule): string[] | null;
  _cache: NodeJS.Require['cache'];
  _extensions: NodeJS.Require['extensions'];
}

/**
 * The `require` Node gives a module (its makeRequireFunction is internal): loading through the module
 * itself, so it resolves from its folder, with `resolve`, `resolve.paths`, `main`, `cache` and
 * `extensions` (bundled code reaches them through esbuild's require shim, minified beyond finding).
 * createRequire would build a second module for each file, and its list of node_modules folders.
 */
function requireOf(module: NodeModule): NodeJS.Require {
  const internals = Module as unknown as ModuleInternals;
  const require = ((id: string) => (BUNDLE_FILE.test(id) ? requireBundleFile(module, id) : module.require(id))) as NodeJS.Require;
  const resolve = ((request: string, options?: { paths?: string[] }) => internals._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => internals._resolveLookupPaths(request, module);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.cache = internals._cache;
  require.extensions = internals._extensions;
  return require;
}

/** What the bundle's chunks require of each other: a file beside them, or in the folder below (cli.js's `./chunks/`). */
const BUNDLE_FILE = /^\.\/[\w-]+(?:\/[\w.-]+)?\.js$/;

/**
 * A chunk of the bundle, required by another: what Node's require does for it, without its search. Node
 * resolves every relative request from scratch: the file's status, the real path of every folder above
 * it (`toRealPath`), and the package scope it may export itself from (`trySelf`): 4 ms of a profile of
 * a validate of one file, which makes 40 such requests (docs/performance.md). Here the path is the
 * requiring module's folder and the request, which is the real path when the file is a regular file
 * (the requiring module's own path is real: Node resolved cli.js, and every chunk after it was reached
 * so). Anything else (a
 * link, a missing file) goes to Node's require, for its resolution and its error. The module is made,
 * cached and loaded as Node's Module._load does, so a chunk is one module whichever way it is required.
 */
function requireBundleFile(parent: NodeModule, id: string): unknown {
  const internals = Module as unknown as ModuleInternals & { new (id: string, parent: NodeModule): NodeModule & { load(filename: string): void } };
  const filename = join(dirname(parent.filename), id);
  const cached = internals._cache[filename];
  if (cached) return cached.exports;
  if (!lstatSync(filename, { throwIfNoEntry: false })?.isFile()) return parent.require(id);
  const child = new internals(filename, parent);
  internals._cache[filename] = child;
  let loaded = false;
  try {
    child.load(filename);
    loaded = true;
  } finally {
    if (!loaded) delete internals._cache[filename];
  }
  return child.exports;
}

/** `chunks/x.js` of 2,211 bytes changed at t: `chunks~x.js~2211~t.cache`. */
function cacheName(path: string, { size, mtimeMs }: { size: number; mtimeMs: number }): string {
  return `${path.split(sep).join('~')}~${size}~${Math.trunc(mtimeMs)}.cache`;
}

/**
 * Removes the caches of files that are no longer in `root` as they were when cached, and the folders of
 * the same installation's earlier versions (gwctl updated in place): `directory`'s siblings with its
 * installation suffix.
 */
export function removeStale(root: string, directory: string): void {
  const own = basename(directory);
  const installation = own.match(/-[0-9a-f]{8}$/)?.[0];
  try {
    for (const sibling of installation ? readdirSync(dirname(directory)) : []) {
      if (sibling !== own && sibling.startsWith('compile-') && sibling.endsWith(installation!)) rmSync(join(dirname(directory), sibling), { recursive: true, force: true });
    }
  } catch {
    // another run may be removing the same folders
  }
  try {
    for (const entry of readdirSync(directory)) {
      const parts = entry.match(/^(.+)~\d+~\d+\.cache$/);
      if (!parts) continue;
      let current: string | undefined;
      try {
        const path = parts[1]!.split('~').join(sep);
        current = cacheName(path, statSync(join(root, path)));
      } catch {
        current = undefined;
      }
      if (current !== entry) unlinkSync(join(directory, entry));
    }
  } catch {
    // another run may be removing the same files
  }
}

function writeAtomically(file: string, data: Buffer): void {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // nothing was written
    }
  }
}

// HOME (USERPROFILE on Windows) is what os.homedir() reads first; node:os is loaded only without it
function safeHomedir(): string | undefined {
  const fromEnv = process.platform === 'win32' ? process.env.USERPROFILE : process.env.HOME;
  if (fromEnv) return fromEnv;
  try {
    return (nodeBuiltin<typeof import('node:os')>('node:os').homedir()) || undefined;
  } catch {
    return undefined;
  }
}

/** Entry of dist/compile-cache.js, called by bin/gwctl before it loads the CLI. */
export function enableCompileCache(root: string, version: string): CompileCacheStats | undefined {
  // Node maps stack traces through source maps (--enable-source-maps) for the modules it compiles
  // itself, not for a vm.Script: a developer reading mapped traces gets Node's own loading
  if ((process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled) return undefined;
  const wanted = compileCacheDirectory(process.env, version, root);
  const directory = wanted && ownedDirectory(wanted);
  if (!directory) return undefined;
  const stats = installCompileCache(root, directory);
  if (process.env.GWCTL_DEBUG_COMPILE_CACHE) {
    process.once('exit', () => process.stderr.write(`compile cache ${JSON.stringify(directory)}: ${stats.accepted.length} from cache, ${stats.compiled.length} compiled\n`));
  }
  return stats;
}
