import { analysisInputs } from '../analysis-inputs';
import { analyze, type Analysis } from '../../analyze';
import { UsageError } from '../../errors';
import type { Host } from '../../host/host';
import { formatDiff, type DiffFormat } from '../../inspect/diff-report';
import { diffModels } from '../../inspect/routing-diff';
import type { InputFlags } from '../options';
import { refuseInputTargets } from '../../report/output-guard';

export type DiffFlags = InputFlags & { diffFormat: DiffFormat; output?: string; quiet?: boolean };

/**
 * `gwctl diff BASE HEAD [-- PATH...]`: what a change does to routing. BASE and HEAD are paths, or git
 * revisions of the repository in the working directory (read from git's object store, never checked
 * out), with the paths after `--` selecting what to read in each. Exit 0 when routing is unchanged,
 * 1 when it changed, 2 on errors.
 */
export async function diff(host: Host, base: string, head: string, paths: string[], flags: DiffFlags): Promise<number> {
  const [a, b] = await Promise.all([side(host, base, paths, flags), side(host, head, paths, flags)]);
  for (const side of [a, b]) await refuseInputTargets(host, side, [['-o/--output', flags.output]]);
  const result = diffModels(a, b);
  const text = formatDiff(result, flags.diffFormat, { base, head });
  if (flags.output) await host.writeFileAtomic(flags.output, text);
  else host.stdout.write(text);
  if (!flags.quiet) {
    const counted = (n: number, what: string) => (n === 0 ? [] : [`${n} ${what}${n === 1 ? '' : 's'}`]);
    const where = [...counted(result.listeners.length, 'listener'), ...counted(result.hosts.length, 'host')].join(' and ');
    const summary = `gwctl: ${result.routingChanged ? `routing changed on ${where}` : 'routing unchanged'}; findings: ${result.findings.appeared.length} new, ${result.findings.disappeared.length} gone`;
    host.stderr.write(summary + '\n');
  }
  return result.routingChanged ? 1 : 0;
}

/** One side of the diff: a path on disk (with the paths after `--` ignored), or a git revision. */
async function side(host: Host, spec: string, paths: readonly string[], flags: DiffFlags): Promise<Analysis> {
  if (await host.stat(spec)) return analyze(host, await analysisInputs(host, [spec], flags));
  const [{ resolveRevision, readRevision }, { snapshotHost }] = await Promise.all([import('../../host/git-revision'), import('../../host/snapshot-host')]);
  const revision = await resolveRevision(host.cwd(), spec);
  if (!revision) throw new UsageError(`${spec}: neither a path nor a git revision of the repository here`);
  const { files, paths: rooted } = await readRevision(host.cwd(), revision.root, revision.commit, paths);
  if (files.size === 0) throw new UsageError(`${spec}: no manifest (.yaml, .yml or .json) under ${rooted.join(', ')} in that revision`);
  return analyze(snapshotHost(host, files), { paths: rooted, stdinName: flags.stdinFilename });
}
