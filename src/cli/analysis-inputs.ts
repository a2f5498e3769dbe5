import { resolve } from 'node:path';
import type { AnalyzeOptions } from '../analyze';
import type { Host } from '../host/host';
import { DEFAULT_EXCLUDES } from '../load/collect-inputs';
import { findRepoRoot } from '../report/repo-paths';
import { pathGlob } from '../text/path-glob';
import type { InputFlags } from './options';

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
  return {
    paths,
    contextPaths: flags.context,
    stdinName: flags.stdinFilename,
    ...(flags.maxFileSize !== undefined ? { maxFileSize: flags.maxFileSize } : {}),
    ...(flags.maxInputSize !== undefined ? { maxInputSize: flags.maxInputSize } : {}),
    ...(flags.maxRoutes !== undefined ? { maxRoutes: flags.maxRoutes } : {}),
    excludes: { root: resolve(cwd, root), cwd, globs: [...DEFAULT_EXCLUDES, ...(flags.excludePath ?? [])].map(pathGlob), files: new Set(own) },
  };
}
