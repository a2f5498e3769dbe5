import { expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { CliResult } from './run-cli';
import { runInProcess } from './run-in-process';

/** `gwctl render --target TARGET`, quiet, findings below error not printed. */
export const renderTarget = (target: string, args: readonly string[]) => runInProcess(['render', '--target', target, '-q', '--min-severity', 'error', ...args]);

/** The documents of a YAML stream, as data. */
export const yamlDocuments = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as Record<string, any>).filter(Boolean);

/**
 * The two tests every golden case of every target has, registered in the caller's describe: the output
 * matches its golden file (nothing on stderr unless --force, whose cases print their input's errors), and a
 * second render gives the same bytes. Returns the first render for the target's own checks (rendered
 * while the caller's describe is collected, which vitest awaits).
 */
export async function goldenRenderTests(target: string, args: readonly string[], goldenFile: string): Promise<CliResult> {
  const first = await renderTarget(target, args);
  it('renders, matching its golden file', async () => {
    if (args.includes('--force')) expect(first.stderr).not.toMatch(/internal error/);
    else expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    await expect(first.stdout).toMatchFileSnapshot(goldenFile);
  });
  it('is deterministic: the same input gives the same bytes', async () => {
    expect((await renderTarget(target, args)).stdout).toBe(first.stdout);
  });
  return first;
}
