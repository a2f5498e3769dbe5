import type { Host } from './host';
import { under } from '../data/under';

/**
 * The files a run read beside the manifests (its configuration, a baseline, routing test files), by real
 * path: report/output-guard.ts refuses to write over them as over the manifests. `-o .gwctl.yaml`
 * replaced the configuration, comments and all.
 */
const read = new WeakMap<Host, Set<string>>();

export async function recordSideInput(host: Host, path: string): Promise<void> {
  const real = await host.realpath(path);
  under(read, host, () => new Set()).add(real);
}

export function sideInputs(host: Host): ReadonlySet<string> {
  return read.get(host) ?? new Set();
}
