import type { Analysis } from '../analyze';
import { UsageError } from '../errors';
import type { Host } from '../host/host';

/**
 * Refuses to write over an input: `render gloo/ -o gloo/routes.yaml`, a baseline written onto a manifest
 * it read. The comparison is by real path (symbolic links resolved), so a link to an input is an input.
 * Standard input has no path and is never at risk.
 */
export async function refuseInputTargets(host: Host, analysis: Analysis, targets: ReadonlyArray<readonly [flag: string, path: string | undefined]>, otherInputs: readonly string[] = []): Promise<void> {
  const wanted = targets.filter((t): t is readonly [string, string] => t[1] !== undefined);
  if (!wanted.length) return;
  const inputs = new Set(await Promise.all([...analysis.files.filter((f) => analysis.inputPaths.has(f)).map((f) => analysis.inputPaths.get(f)!), ...otherInputs].map((p) => host.realpath(p))));
  for (const [flag, path] of wanted) {
    if (inputs.has(await host.realpath(path))) throw new UsageError(`${flag} ${path} is one of the inputs: gwctl never writes over a file it reads (choose another path)`);
  }
}
