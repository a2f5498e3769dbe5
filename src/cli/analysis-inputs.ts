import { resolve } from 'node:path';
import type { AnalyzeOptions } from '../analyze';
import type { Host } from '../host/host';
import { DEFAULT_EXCLUDES } from '../load/collect-inputs';
import { findRepoRoot } from '../report/repo-paths';
import { UsageError } from '../errors';
import { pathGlob } from '../text/path-glob';
import type { InputFlags } from './options';

/** `exclude` globs (the configuration's and --exclude-path) gwctl takes, and their longest. */
export const MAX_EXCLUDES = 1_000;
export const MAX_GLOB_LENGTH = 4_096;

/**
 * What a command reads: its paths (or the configuration's `inputs`), the --context paths, and what a
 * directory walk leaves out: the default excludes, the configuration's `exclude` globs (relative to the
 * repository root), and the files gwctl itself reads or writes (baseline, configuration), which are never
 * manifests.
 */
export async function analysisInputs(
  host: Host,
  paths: readonly string[],
  flags: InputFlags & { root?: string; baseline?: string; writeBaseline?: string },
): Promise<Pick<AnalyzeOptions, 'paths' | 'contextPaths' | 'stdinName' | 'excludes' | 'maxFileSize' | 'maxInputSize' | 'maxRoutes'>> {
  const cwd = host.cwd();
  const root = flags.root ?? (await findRepoRoot(host, cwd)) ?? cwd;
  const own = [flags.baseline, flags.writeBaseline, flags.configFile].filter((p): p is string => p !== undefined).map((p) => resolve(cwd, p));
  const excluded = flags.excludePath ?? [];
  // every file and folder of a walk is tested against every glob: a configuration a pull request can write
  // holding 20,000 of them took 29 s for 770 files
  if (excluded.length > MAX_EXCLUDES) throw new UsageError(`exclude: ${excluded.length} globs; gwctl takes at most ${MAX_EXCLUDES.toLocaleString('en-US')} (every file of a walk is tested against each)`);
  const long = excluded.find((g) => g.length > MAX_GLOB_LENGTH);
  if (long !== undefined) throw new UsageError(`exclude: a glob of ${long.length} characters; gwctl takes at most ${MAX_GLOB_LENGTH.toLocaleString('en-US')}, longer than any path`);
  return {
    paths,
    contextPaths: flags.context,
    stdinName: flags.stdinFilename,
    ...(flags.maxFileSize !== undefined ? { maxFileSize: flags.maxFileSize } : {}),
    ...(flags.maxInputSize !== undefined ? { maxInputSize: flags.maxInputSize } : {}),
    ...(flags.maxRoutes !== undefined ? { maxRoutes: flags.maxRoutes } : {}),
    excludes: { root: resolve(cwd, root), cwd, globs: [...DEFAULT_EXCLUDES, ...excluded].map(pathGlob), files: new Set(own) },
  };
}
