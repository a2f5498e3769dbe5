import type { Analysis } from '../analyze';
import { HostError, UsageError } from '../errors';
import type { Host } from '../host/host';
import { sideInputs } from '../host/side-inputs';
import { basename, dirname, join } from 'node:path';
import { foldedName } from '../text/folded-name';
import { outsideFolder } from '../text/outside-folder';

/**
 * Refuses to write over an input: `render gloo/ -o gloo/routes.yaml`, a baseline written onto a manifest
 * it read, `routes -o .gwctl.yaml`. The comparison is by real path (symbolic links resolved), so a link
 * to an input is an input.
 * Standard input has no path and is never at risk.
 */
export async function refuseInputTargets(host: Host, analysis: Analysis, targets: ReadonlyArray<readonly [flag: string, path: string | undefined]>): Promise<void> {
  if (targets.every((t) => t[1] === undefined)) return;
  await refuseWritingOver(host, await inputRealPaths(host, analysis), targets);
}

/** refuseInputTargets, with the inputs' real paths taken before (`diff` keeps them, not its analyses). */
export async function refuseWritingOver(host: Host, inputs: ReadonlySet<string>, targets: ReadonlyArray<readonly [flag: string, path: string | undefined]>): Promise<void> {
  for (const [flag, path] of targets) {
    if (path !== undefined && inputs.has(await host.realpath(path))) throw new UsageError(`${flag} ${path} is one of the inputs: gwctl never writes over a file it reads (choose another path)`);
  }
}

/** Every file the run read, by real path: the manifests, and the files read beside them (host/side-inputs.ts). */
export async function inputRealPaths(host: Host, analysis: Analysis): Promise<Set<string>> {
  const manifests = await Promise.all(analysis.files.filter((f) => analysis.inputPaths.has(f)).map((f) => host.realpath(analysis.inputPaths.get(f)!)));
  return new Set([...manifests, ...sideInputs(host)]);
}

/**
 * Refuses two outputs of one run on one file: `routes -o out.txt --findings-output out.txt` wrote the
 * findings, then the table over them. A device or a FIFO takes both (`/dev/null`, `/dev/stdout`). And `-`,
 * which names standard input. Names of one folder that differ only in case or normalization are refused
 * on every system: they are one file on macOS and Windows, where neither exists yet to tell by its real
 * path, and a CI job's flags would then fail on a developer's machine.
 */
export async function refuseSharedTargets(host: Host, targets: ReadonlyArray<readonly [flag: string, path: string | undefined]>): Promise<void> {
  const seen = new Map<string, { flag: string; real: string; path: string }>();
  for (const [flag, path] of targets) {
    if (path === undefined) continue;
    // `-` names standard input; as an output it made a file of that name
    if (path === '-') throw new UsageError(`${flag} -: leave ${flag} out to write to the terminal (or a pipe); name a file of that name ./-`);
    const info = await statOutput(host, flag, path);
    if (info && !info.isFile) continue;
    const real = await host.realpath(path);
    // the folder's real path as it is (existing folders are resolved, in their own letters), the name folded
    const key = join(dirname(real), foldedName(basename(real)));
    const first = seen.get(key);
    if (first?.real === real) throw new UsageError(`${flag} ${path} is the file ${first.flag} writes: one would replace the other (choose another path)`);
    if (first) throw new UsageError(`${flag} ${path} and ${first.flag} ${first.path} are one file where names are compared without case (macOS, Windows): one would replace the other (choose another path)`);
    seen.set(key, { flag, real, path });
  }
}

/**
 * Refuses a file of the run inside the folder `render --out-dir` writes: `--findings-output out/x.yaml`
 * replaced the rendered manifest of that name with the report, exit 0, and `--write-baseline` inside it
 * was replaced by a manifest; any such file is read by `kubectl apply -f out/` as a manifest. Compared by
 * real path. A device or a FIFO is no file there.
 */
export async function refuseInsideFolder(host: Host, [folderFlag, folder]: readonly [flag: string, path: string | undefined], targets: ReadonlyArray<readonly [flag: string, path: string | undefined]>): Promise<void> {
  if (folder === undefined) return;
  const real = await host.realpath(folder);
  for (const [flag, path] of targets) {
    if (path === undefined) continue;
    const info = await statOutput(host, flag, path);
    if (info && !info.isFile) continue;
    if (!outsideFolder(real, await host.realpath(path))) {
      throw new UsageError(`${flag} ${path} is inside ${folderFlag} ${folder}: that folder holds the rendered manifests, which a render replaces and \`kubectl apply -f ${folder}\` applies (choose a path outside it)`);
    }
  }
}

/** What an output path is; one that cannot be looked at (a loop of links, no permission) cannot be written. */
async function statOutput(host: Host, flag: string, path: string): ReturnType<Host['stat']> {
  try {
    return await host.stat(path);
  } catch (error) {
    if (error instanceof HostError && error.reason) throw new HostError(`cannot write ${path} (${flag}): ${error.reason}`);
    throw error;
  }
}
