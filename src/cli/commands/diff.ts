import { analysisInputs } from '../analysis-inputs';
import { analyze, type Analysis } from '../../analyze';
import { UsageError } from '../../errors';
import type { Host } from '../../host/host';
import { formatDiff, type DiffFormat } from '../../inspect/diff-report';
import { diffModels } from '../../inspect/routing-diff';
import type { InputFlags } from '../options';
import { refuseInputTargets } from '../../report/output-guard';
import { anchorFile } from '../../source/anchor';

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
  refuseIncomplete(base, a);
  refuseIncomplete(head, b);
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

/**
 * A side gwctl read only in part, having stopped at a limit, has routing no one knows: compared, the
 * part it left out would show as unchanged (left out on both sides) or as removed (on one), and the
 * job that asks "did routing change?" would get a wrong answer with exit 0. Validate reports the
 * limit as a finding; diff, which shows only the findings that differ, refuses instead.
 */
function refuseIncomplete(spec: string, side: Analysis): void {
  const unread = side.findings.filter((f) => f.code === 'GW1013');
  const stopped = side.findings.find((f) => f.code === 'GW4044');
  if (unread.length) {
    const name = anchorFile(unread[0]!.at).name;
    const flag = unread[0]!.message.includes('--max-input-size') ? '--max-input-size' : '--max-file-size';
    throw new UsageError(`${spec}: ${unread.length === 1 ? `${name} was` : `${unread.length} files (${name} first) were`} not read, over ${flag} (GW1013): routing there is unknown, so the diff would be wrong; raise the limit`);
  }
  if (stopped) throw new UsageError(`${spec}: the listeners serve more routes than --max-routes allows (GW4044): gwctl stopped part way, so the diff would be wrong; raise the limit`);
}

/**
 * One side of the diff: a path on disk (with the paths after `--` ignored), or a git revision. A
 * revision is read as its working tree would be: the same paths, --context, exclude globs (relative to
 * the repository root, as there), limits and configuration (the working tree's, on both sides).
 */
async function side(host: Host, spec: string, paths: readonly string[], flags: DiffFlags): Promise<Analysis> {
  if (await host.stat(spec)) return analyze(host, await analysisInputs(host, [spec], flags));
  const [{ resolveRevision, listRevision, rootedPaths, GitObjects }, { snapshotHost }] = await Promise.all([import('../../host/git-revision'), import('../../host/snapshot-host')]);
  const revision = await resolveRevision(host.cwd(), spec);
  if (!revision) throw new UsageError(`${spec}: neither a path nor a git revision of the repository here`);
  const rooted = rootedPaths(host.cwd(), revision.root, paths.length ? paths : ['.']);
  const context = rootedPaths(host.cwd(), revision.root, flags.context ?? []);
  const objects = new GitObjects(revision.root);
  try {
    const files = await listRevision(revision.root, revision.commit, [...rooted, ...context], objects);
    if (files.size === 0) throw new UsageError(`${spec}: no manifest (.yaml, .yml or .json) under ${rooted.join(', ')} in that revision`);
    const inputs = await analysisInputs(host, rooted, { ...flags, root: revision.root });
    // the snapshot's paths are relative to the repository root: globs and gwctl's own files are placed from there
    const excludes = { ...inputs.excludes!, cwd: revision.root };
    return await analyze(snapshotHost(host, files), { ...inputs, contextPaths: context, excludes });
  } finally {
    objects.close();
  }
}
