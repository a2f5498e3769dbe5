import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors';
import { KUSTOMIZATION_FILES, MAX_KUSTOMIZATION_BYTES, kustomizationFiles, type KustomizeBuild } from './kustomization';
import { flatCopy } from '../text/flat-concat';
import { outsideFolder } from '../text/outside-folder';
import type { Glob } from '../text/glob';
import type { Host } from '../host/host';

export type Input =
  | { readonly kind: 'file'; readonly path: string; readonly kustomized?: Kustomized }
  | { readonly kind: 'stdin'; readonly name: string };

/**
 * What the kustomization that names a file among its `resources` changes in the metadata of every
 * resource of the file: its namespace, names, labels, annotations (KustomizeBuild). Only the
 * kustomization naming the file itself counts (gwctl decides): an overlay that names the base's folder
 * may build it otherwise, and two overlays two ways, which a walk of the repository cannot hold at once.
 */
export interface Kustomized extends KustomizeBuild {
  /** the kustomization's path, as walked or named */
  readonly kustomization: string;
}

const MANIFEST_EXTENSIONS = /\.(ya?ml|json)$/i;

/**
 * Files a directory walk never reads: they end in .yaml or .json but are not Kubernetes manifests
 * (Helm values and chart metadata, npm and TypeScript configuration, JSON Schemas, gwctl's own
 * configuration and baselines). Named on the command line, they are still read. A kustomization and the
 * patches it names are left out by the walk itself (kustomization.ts), and a patch named is left
 * out when the kustomization of its own folder names it.
 */
export const DEFAULT_EXCLUDES = ['package.json', 'package-lock.json', 'tsconfig*.json', 'Chart.yaml', 'values*.yaml', '*.schema.json', '.gwctl.yaml', '.gwctl-baseline.json', '.gwctl-rendered', '.gwctl-rendered.json'];

export interface Excludes {
  /** the folder exclude globs are relative to (the repository root) */
  readonly root: string;
  readonly cwd: string;
  /** globs (see text/path-glob.ts) */
  readonly globs: readonly Glob[];
  /** absolute paths never read, even when named: the baseline file, the configuration file */
  readonly files: ReadonlySet<string>;
}

/**
 * Expands the command line's paths into the inputs to read, in a stable order: files as given, directories
 * recursively (manifests only: .yaml .yml .json; hidden directories such as .git and .github and
 * node_modules are skipped), `-` for standard input. A path that does not exist, or a directory without a
 * manifest, is a usage error: a CI job whose glob matched nothing must not pass.
 *
 * A symbolic link is walked or read as what it points to, and a file is read once however many paths
 * reach it: a folder linked beside its target (`prod -> base`) would otherwise define every resource
 * twice. Files are told apart by their real path, which is asked of the system only for links and the
 * paths given; a file under a folder that is no link is its folder's real path and its name. The first
 * path in the walk's order names the file.
 */
export interface Inputs extends Array<Input> {
  /** symbolic links under the directories walked whose target does not exist: skipped, and counted */
  danglingLinks?: number;
  /**
   * FIFOs, sockets and devices under the directories walked that are named like manifests: skipped (a
   * FIFO no one writes to would block the read for ever), and counted
   */
  specialFiles?: number;
  /** symbolic links to a folder that holds them (`up -> ..`): not walked again, and counted */
  linkLoops?: number;
  /** folders and files reached again by another path, through symbolic links: read once, and counted */
  linkedTwice?: number;
  /** the real path of every file input, to leave out of a second collection (analyze's context paths) */
  realPaths?: Set<string>;
  /**
   * files under the directories walked that a kustomization there names as a patch, and none as a
   * resource: left out (kustomization.ts), and counted
   */
  kustomizePatches?: number;
  /**
   * Helm charts (folders holding Chart.yaml) whose `templates` folder was left out of a walk, or held a
   * file named: Go templates, not manifests, until `helm template` renders them
   */
  helmCharts?: number;
}

/** What the kustomizations read name, by real path. */
interface KustomizeNames {
  readonly patches: Set<string>;
  readonly resources: Set<string>;
  /** the resource files of kustomizations that change their metadata, by real path: the first to name one */
  readonly builds: Map<string, Kustomized>;
  /** kustomizations met */
  kustomizations: number;
}

/** What a walk met besides files. */
interface WalkCounts extends KustomizeNames {
  /** each by where it is (its folder's real path and its name): one link reached by two paths is one */
  dangling: Set<string>;
  loops: Set<string>;
  special: Set<string>;
  /** folders and files reached again by another path */
  again: number;
  /** the charts whose templates were left out: by real path, the path as walked or named */
  charts: Map<string, string>;
}

/** `before`: the real paths of files an earlier collection took (its realPaths), left out here. */
export async function collectInputs(host: Host, paths: readonly string[], stdinName: string, excludes?: Excludes, before?: ReadonlySet<string>): Promise<Inputs> {
  // a file a walk found: the exclude globs apply to it (a file named is never excluded by them)
  const skipped = (path: string) => {
    if (!excludes) return false;
    const absolute = resolve(excludes.cwd, path);
    if (excludes.files.has(absolute)) return true;
    const rel = relative(excludes.root, absolute).split(sep).join('/');
    return excludes.globs.some((g) => g.test(rel));
  };
  if (paths.length === 0) throw new UsageError('no input: give files, directories, or - for standard input');
  const inputs: Inputs = [];
  const counts: WalkCounts = { dangling: new Set(), loops: new Set(), special: new Set(), again: 0, patches: new Set(), resources: new Set(), builds: new Map(), kustomizations: 0, charts: new Map() };
  const patchesLeftOut = new Set<string>();
  // what the kustomization of each named file's folder names, by the folder's real path
  const namedFolders = new Map<string, KustomizeNames>();
  // the real path of each file taken, and the path that took it
  const taken = new Map<string, string>();
  const take = (path: string, real: string, kustomized: Kustomized | undefined) => {
    if (before?.has(real)) return;
    const first = taken.get(real);
    if (first === undefined) {
      taken.set(real, path);
      inputs.push(kustomized ? { kind: 'file', path, kustomized } : { kind: 'file', path });
    } else if (resolve(first) !== resolve(path)) {
      // one file by two paths: only a link does that (a path named twice, or a file named inside a
      // folder also named, is the same path)
      counts.again++;
    }
  };
  let stdinUsed = false;
  const walkedRoots = new Map<string, { readonly path: string; readonly files: number }>();
  for (const path of paths) {
    if (path === '-') {
      if (stdinUsed) throw new UsageError('standard input (-) given twice');
      stdinUsed = true;
      inputs.push({ kind: 'stdin', name: stdinName });
      continue;
    }
    const info = await host.stat(path);
    if (!info) throw new UsageError(`no such file or directory: ${path}`);
    // a FIFO, /dev/stdin or a process substitution (`<(helm template chart)`) is read as a file, by its name:
    // its real path names a pipe, not a file
    if (!info.isDirectory) {
      if (excludes?.files.has(resolve(excludes.cwd, path))) throw new UsageError(`${path} is gwctl's own file (the baseline or the configuration), not a manifest`);
      const real = info.isFile ? await host.realpath(path) : path;
      // a chart's template named (pre-commit names the files a commit changed) is a template still
      const chart = info.isFile ? await chartOfTemplate(host, path) : undefined;
      if (chart !== undefined) {
        if (!counts.charts.has(chart.real)) counts.charts.set(chart.real, chart.path);
        continue;
      }
      // a patch named (pre-commit names the files a commit changed) is a patch still: left out when the
      // kustomization of its folder names it so; a resource it names is read as it builds it
      const named = info.isFile ? await folderKustomization(host, path, namedFolders) : undefined;
      if (named && named.patches.has(real) && !named.resources.has(real)) {
        patchesLeftOut.add(real);
        continue;
      }
      take(path, real, named?.builds.get(real));
      continue;
    }
    const root = await host.realpath(path);
    // a folder named again (`inputs: [gloo, gloo, ...]` in a configuration a pull request writes) is
    // walked once: its files are taken once anyway, and 5,000 walks of one folder took 16 s. Named by
    // another path (a link to it), each of its files is one reached again, as a walk would count them.
    const first = walkedRoots.get(root);
    if (first) {
      if (resolve(first.path) !== resolve(path)) counts.again += first.files;
      continue;
    }
    const found: WalkedFile[] = [];
    const kustomizationsBefore = counts.kustomizations;
    const chartsBefore = counts.charts.size;
    await walk(host, { path, real: root }, found, counts, new Set([root]), 0);
    const walkedFiles = found.filter((f) => !skipped(f.path));
    // a patch is part of a resource kustomize builds, not one: read as a manifest it defines the resource
    // again with only the fields it changes. A kustomization names only files of its own folder and below
    // (readKustomization), so one excluded from the walk (`exclude: "**/kustomization.yaml"`, once the way
    // to quiet it) still leaves its patches out.
    const isPatch = (f: WalkedFile) => counts.patches.has(f.real) && !counts.resources.has(f.real);
    for (const f of walkedFiles) if (isPatch(f)) patchesLeftOut.add(f.real);
    const kept = walkedFiles.filter((f) => !isPatch(f));
    if (kept.length === 0 && counts.charts.size > chartsBefore) {
      const charts = [...counts.charts.values()].slice(chartsBefore);
      const chart = charts.length === 1 ? charts[0]! : 'CHART';
      throw new UsageError(`no manifest under ${path} but the templates of ${charts.length === 1 ? 'a Helm chart' : `${charts.length} Helm charts`}: check what ${charts.length === 1 ? 'it renders' : 'each renders'} (helm template ${chart} | gwctl validate -)`);
    }
    if (kept.length === 0 && counts.kustomizations > kustomizationsBefore) {
      throw new UsageError(`no manifest under ${path} but kustomizations and the patches they name: check what kustomize builds (kubectl kustomize ${path} | gwctl validate -)`);
    }
    if (kept.length === 0) throw new UsageError(`no manifest (.yaml, .yml or .json file) under ${path}`);
    for (const file of kept) take(file.path, file.real, counts.builds.get(file.real));
    walkedRoots.set(root, { path, files: kept.length });
  }
  inputs.danglingLinks = counts.dangling.size;
  inputs.specialFiles = counts.special.size;
  inputs.linkLoops = counts.loops.size;
  inputs.linkedTwice = counts.again;
  inputs.realPaths = new Set(taken.keys());
  inputs.kustomizePatches = patchesLeftOut.size;
  inputs.helmCharts = counts.charts.size;
  return inputs;
}

interface WalkedFile {
  readonly path: string;
  readonly real: string;
}

// Deep enough for any repository. Links cannot make a walk endless (no real folder is walked twice), so
// this bounds the walk's recursion on a tree nested that deep.
const MAX_DEPTH = 64;

/**
 * Collects the manifests under `dir` (its path as walked and its real path). A link to a folder above it
 * (`up -> ..`) is a loop, not followed; `walked`, the real paths of the folders this walk has entered,
 * keeps a folder reached again (two links to one folder, a link beside its target) from being walked
 * twice.
 */
async function walk(host: Host, dir: WalkedFile, out: WalkedFile[], counts: WalkCounts, walked: Set<string>, depth: number): Promise<void> {
  if (depth > MAX_DEPTH) throw new UsageError(`directories nest deeper than ${MAX_DEPTH} levels under ${dir.path}`);
  const entries = (await host.readDir(dir.path)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) if (entry.isFile && KUSTOMIZATION_FILES.has(entry.name)) await readKustomization(host, join(dir.path, entry.name), dir.real, counts);
  // a Helm chart: its templates are Go templates (`name: {{ .Release.Name }}-api`), which make manifests
  // only once `helm template` renders them; its crds/ and subcharts (charts/) are walked as any folder
  const chart = entries.some((e) => e.isFile && e.name === 'Chart.yaml');
  for (const entry of entries) {
    // flat: path.join builds its answer piece by piece, and a path is kept to the end of the run by its
    // file and its input (corpus L: 7,693 paths, 25,000 concatenation nodes)
    const path = flatCopy(join(dir.path, entry.name));
    if (entry.isDirectory) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      if (chart && entry.name === 'templates') {
        if (!counts.charts.has(dir.real)) counts.charts.set(dir.real, dir.path);
        continue;
      }
      const real = entry.symbolicLink ? await host.realpath(path) : `${dir.real}${sep}${entry.name}`;
      // a link to a folder that holds it (`/` holds every folder): walking it would reach this link again,
      // without end, and read what is above the folder named, which may be anything
      if (dir.real === real || dir.real.startsWith(real.endsWith(sep) ? real : real + sep)) {
        counts.loops.add(`${dir.real}${sep}${entry.name}`);
        continue;
      }
      if (walked.has(real)) {
        counts.again++;
        continue;
      }
      walked.add(real);
      await walk(host, { path, real }, out, counts, walked, depth + 1);
    } else if (entry.isFile && MANIFEST_EXTENSIONS.test(entry.name) && !KUSTOMIZATION_FILES.has(entry.name)) {
      const real = entry.symbolicLink ? await host.realpath(path) : `${dir.real}${sep}${entry.name}`;
      out.push({ path, real });
    } else if (entry.danglingLink) {
      counts.dangling.add(`${dir.real}${sep}${entry.name}`);
    } else if (entry.special && MANIFEST_EXTENSIONS.test(entry.name)) {
      counts.special.add(`${dir.real}${sep}${entry.name}`);
    }
  }
}

/** The chart whose templates folder holds the file named (at any depth), if one does. */
async function chartOfTemplate(host: Host, path: string): Promise<{ real: string; path: string } | undefined> {
  let folder = dirname(resolve(host.cwd(), path));
  for (let depth = 0; depth < MAX_DEPTH && dirname(folder) !== folder; depth++, folder = dirname(folder)) {
    if (basename(folder) !== 'templates') continue;
    const chart = dirname(folder);
    if ((await host.stat(join(chart, 'Chart.yaml')))?.isFile) return { real: await host.realpath(chart), path: relative(host.cwd(), chart) || '.' };
  }
  return undefined;
}

/**
 * What the kustomization of a named file's own folder names (whether as a patch and not as a resource,
 * and how it builds it): that folder's alone, so that the answer for a file does not depend on which
 * files were named before it.
 */
async function folderKustomization(host: Host, path: string, folders: Map<string, KustomizeNames>): Promise<KustomizeNames> {
  const folder = dirname(path);
  const folderReal = await host.realpath(folder);
  let named = folders.get(folderReal);
  if (!named) {
    named = { patches: new Set(), resources: new Set(), builds: new Map(), kustomizations: 0 };
    folders.set(folderReal, named);
    for (const name of KUSTOMIZATION_FILES) {
      const file = join(folder, name);
      if ((await host.stat(file))?.isFile) await readKustomization(host, file, folderReal, named);
    }
  }
  return named;
}

/**
 * What a folder's kustomization names, by real path. A patch outside the kustomization's folder is none:
 * kustomize refuses to load it ("security; file ... is not in or below ...", kubernetes-sigs/kustomize
 * api/krusty TestSharedPatchDisAllowed; the default load restrictor, LoadRestrictionsRootOnly, in
 * kustomize/commands/build/flagloadrestrictor.go), and a kustomization cannot hide the files of other
 * folders from the walk.
 */
async function readKustomization(host: Host, path: string, folder: string, counts: KustomizeNames): Promise<void> {
  let text: string;
  try {
    text = new TextDecoder().decode(await host.readFile(path, MAX_KUSTOMIZATION_BYTES));
  } catch {
    // unreadable or too large: not gwctl's to check, and nothing is left out for it
    counts.kustomizations++;
    return;
  }
  counts.kustomizations++;
  const named = kustomizationFiles(text);
  for (const p of named?.patches ?? []) {
    const patch = resolve(folder, p);
    if (!outsideFolder(folder, patch)) counts.patches.add(patch);
  }
  for (const p of named?.resources ?? []) {
    const resource = resolve(folder, p);
    counts.resources.add(resource);
    if (named!.build && !outsideFolder(folder, resource) && !counts.builds.has(resource)) counts.builds.set(resource, { ...named!.build, kustomization: path });
  }
}
