import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { routerCheck, type RouterCheckTest } from './envoy/route-check';
import type { CliResult } from './run-cli';
import { runInProcess } from './run-in-process';

/** A JSON file, parsed. */
export const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

/**
 * Runs `gwctl test --export-envoy-tests` (in process, or with `run` as given: the built binary) and checks
 * every exported test against the exported route configuration with Envoy's router (route-check.ts).
 */
export async function exportAndCheck(manifests: string, tests: string, run: (args: string[]) => CliResult | Promise<CliResult> = runInProcess) {
  const dir = mkdtempSync(join(tmpdir(), 'gwctl-rct-'));
  const result = await run(['test', manifests, '--tests', tests, '-q', '--export-envoy-tests', join(dir, 'tests.json')]);
  const pairs = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.route-config.json'));
  const failures = pairs.flatMap((f) => routerCheck(readJson(join(dir, f.replace(/\.json$/, '.route-config.json'))), readJson(join(dir, f)).tests as RouterCheckTest[]));
  return { result, dir, pairs, failures };
}
