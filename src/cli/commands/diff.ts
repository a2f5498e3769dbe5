import { analysisInputs } from '../analysis-inputs';
import { analyze, type Analysis } from '../../analyze';
import { UsageError } from '../../errors';
import type { Host } from '../../host/host';
import { formatDiff, type DiffFormat } from '../../inspect/diff-report';
import { diffModels, type DiffSide } from '../../inspect/routing-diff';
import type { InputFlags } from '../options';
import { inputRealPaths, refuseSharedTargets, refuseWritingOver } from '../../report/output-guard';
import { anchorFile } from '../../source/anchor';
import type { Finding } from '../../diagnostics/finding';
import { buildModel } from '../../model/build-model';
import { plural } from '../../text/plural';

export type DiffFlags = InputFlags & { diffFormat: DiffFormat; output?: string; quiet?: boolean };

/**
 * `gwctl diff BASE HEAD [-- PATH...]`: what a change does to routing. BASE and HEAD are paths, or git
 * revisions of the repository in the working directory (read from git's object store, never checked
 * out), with the paths after `--` selecting what to read in each. Exit 0 when routing is unchanged,
 * 1 when it changed, 2 on errors.
 */
export async function diff(host: Host, base: string, head: string, paths: string[], flags: DiffFlags): Promise<number> {
  await refuseSharedTargets(host, [['-o/--output', flags.output]]);
  // one side after the other, each reduced to what the diff reads before the next is read: both whole
  // analyses at once held two parsed inputs and two models (diff of corpus L: 911-930 -> 794-807 MB at the peak)
  const sides = [await side(host, base, paths, flags), await side(host, head, paths, flags)] as const;
  // a path no revision holds is a mistake (a typo); one that only one revision holds is a folder added or removed
  const revisions = sides.filter((s) => s.missing !== undefined);
  const nowhere = revisions.length ? revisions.map((s) => s.missing!).reduce((x, y) => x.filter((p) => y.includes(p))) : [];
  if (nowhere.length) throw new UsageError(`${nowhere.join(', ')}: ${revisions.length === 2 ? `in neither ${base} nor ${head}` : `not in ${revisions[0] === sides[0] ? base : head}`}: no such file or directory, or no manifest (.yaml, .yml or .json) there`);
  const [a, b] = [sides[0].read, sides[1].read];
  for (const read of [a, b]) if (read) await refuseWritingOver(host, read.inputs, [['-o/--output', flags.output]]);
  for (const read of [a, b]) if (read?.incomplete) throw new UsageError(read.incomplete);
  // a folder a pull request adds is in no base revision: there, nothing is routed
  const nothing = async (): Promise<DiffSide> => ({ model: (await buildModel([])).model, findings: [] });
  const result = diffModels(a === null ? await nothing() : a, b === null ? await nothing() : b);
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
 * limit as a finding; diff, which shows only the findings that differ, refuses instead (the message why).
 */
function incomplete(spec: string, findings: readonly Finding[]): string | undefined {
  const unread = findings.filter((f) => f.code === 'GW1013');
  const stopped = findings.find((f) => f.code === 'GW4044');
  if (unread.length) {
    const more = unread.length > 1 ? ` (and ${plural(unread.length - 1, 'more file')})` : '';
    return `${spec}: ${anchorFile(unread[0]!.at).name}${more}: ${unread[0]!.message} (GW1013); routing there is unknown, so the diff would be wrong`;
  }
  if (stopped) return `${spec}: the listeners serve more routes than --max-routes allows (GW4044): gwctl stopped part way, so the diff would be wrong; raise the limit`;
  return undefined;
}

/**
 * One side as the diff keeps it while it reads the other: what it compares (routing-diff.ts, DiffSide),
 * the real paths of the files it read (never written over), and why its routing is unknown, if it is.
 */
interface ReadSide extends DiffSide {
  readonly inputs: ReadonlySet<string>;
  readonly incomplete: string | undefined;
}

async function kept(host: Host, spec: string, flags: DiffFlags, analysis: Analysis): Promise<ReadSide> {
  // the listeners hold the flattened routes and what they name, and the policies the request timeouts of
  // routes come from; the parsed documents, the resource index and the tables no route is flattened from
  // go. The inputs' real paths (a realpath a file) only for -o.
  const inputs = flags.output === undefined ? new Set<string>() : await inputRealPaths(host, analysis);
  return { model: { listeners: analysis.model.listeners, policies: analysis.model.policies ?? [] }, findings: analysis.findings, inputs, incomplete: incomplete(spec, analysis.findings) };
}

/**
 * One side of the diff: a path on disk (with the paths after `--` ignored), or a git revision. A
 * revision is read as its working tree would be: the same paths, --context, exclude globs (relative to
 * the repository root, as there), limits and configuration (the working tree's, on both sides). Of a
 * revision, `missing` names the paths and --context paths it does not hold (a folder the other revision
 * adds), left out; holding none of the paths, the revision routes nothing (`read` null).
 */
async function side(host: Host, spec: string, paths: readonly string[], flags: DiffFlags): Promise<{ read: ReadSide | null; missing?: string[] }> {
  if (await host.stat(spec)) return { read: await kept(host, spec, flags, await analyze(host, await analysisInputs(host, [spec], flags))) };
  const [{ resolveRevision, listRevision, rootedPaths, GitObjects }, { snapshotHost }] = await Promise.all([import('../../host/git-revision'), import('../../host/snapshot-host')]);
  const revision = await resolveRevision(host.cwd(), spec);
  if (!revision) throw new UsageError(`${spec}: neither a path nor a git revision of the repository here`);
  const rooted = rootedPaths(host.cwd(), revision.root, paths.length ? paths : ['.']);
  const context = rootedPaths(host.cwd(), revision.root, flags.context ?? []);
  const objects = new GitObjects(revision.root);
  try {
    const files = await listRevision(revision.root, revision.commit, [...rooted, ...context], objects);
    const held = heldPaths(files.keys());
    const missing = [...rooted, ...context].filter((p) => !held.has(p));
    const present = rooted.filter((p) => held.has(p));
    if (present.length === 0) return { read: null, missing };
    const inputs = await analysisInputs(host, present, { ...flags, root: revision.root });
    // the snapshot's paths are relative to the repository root: globs and gwctl's own files are placed from there
    const excludes = { ...inputs.excludes!, cwd: revision.root };
    return { read: await kept(host, spec, flags, await analyze(snapshotHost(host, files), { ...inputs, contextPaths: context.filter((p) => held.has(p)), excludes })), missing };
  } finally {
    objects.close();
  }
}

/** Every file of a listing and every folder of one: a path a revision holds is one of these. */
function heldPaths(names: Iterable<string>): Set<string> {
  const held = new Set(['.']);
  for (const name of names) {
    for (let at = name.indexOf('/'); at >= 0; at = name.indexOf('/', at + 1)) held.add(name.slice(0, at));
    held.add(name);
  }
  return held;
}
