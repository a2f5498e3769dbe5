import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { jsonParseError } from '../text/json-parse-error';
import { UsageError } from '../errors';
import { resourceLabel, type Finding } from '../diagnostics/finding';
import { anchorFile, anchorPointer } from '../source/anchor';
import { jsonText } from '../text/json-text';

/**
 * A baseline records known findings so that CI fails only on new ones. An entry matches by code, file,
 * resource and JSON pointer, not by line (lines move when unrelated content is edited) and not by
 * message (messages improve between versions). Entries are counted: two identical findings need two.
 */
export interface BaselineEntry {
  readonly code: string;
  readonly file: string;
  readonly resource: string | null;
  readonly pointer: string;
  readonly message: string;
}

const keyOf = (e: Pick<BaselineEntry, 'code' | 'file' | 'resource' | 'pointer'>) => `${e.code}\u0000${e.file}\u0000${e.resource ?? ''}\u0000${e.pointer}`;

/**
 * Baseline entries name files relative to the baseline file's folder, so that the baseline holds from any
 * working directory (CI at the root, a developer in a subfolder). Standard input keeps its name.
 */
export function baselineFileName(cwd: string, baselinePath: string, stdinName: string): (name: string) => string {
  const base = dirname(resolve(cwd, baselinePath));
  return (name) => {
    if (name === stdinName) return name;
    const rel = relative(base, resolve(cwd, name));
    return isAbsolute(rel) ? name : rel.split(sep).join('/');
  };
}

export function baselineEntry(f: Finding, fileName: (name: string) => string): BaselineEntry {
  return { code: f.code, file: fileName(anchorFile(f.at).name), resource: f.resource ? resourceLabel(f.resource) : null, pointer: anchorPointer(f.at), message: f.message };
}

export function serializeBaseline(findings: readonly Finding[], fileName: (name: string) => string): string {
  const entries = findings.map((f) => baselineEntry(f, fileName)).sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  return jsonText({ gwctlBaseline: 1, findings: entries }, 2) + '\n';
}

export function parseBaseline(text: string, path: string): BaselineEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--baseline ${path}: not JSON (${jsonParseError(error, text).what})`);
  }
  const entries = (data as { findings?: unknown })?.findings;
  if ((data as { gwctlBaseline?: unknown })?.gwctlBaseline !== 1 || !Array.isArray(entries)) {
    throw new UsageError(`--baseline ${path}: not a gwctl baseline (write one with --write-baseline)`);
  }
  return entries.filter((e): e is BaselineEntry => typeof e?.code === 'string' && typeof e?.file === 'string' && typeof e?.pointer === 'string');
}

export function applyBaseline(findings: readonly Finding[], baseline: readonly BaselineEntry[], fileName: (name: string) => string): { kept: Finding[]; suppressed: number } {
  const remaining = new Map<string, number>();
  for (const entry of baseline) remaining.set(keyOf(entry), (remaining.get(keyOf(entry)) ?? 0) + 1);
  const kept: Finding[] = [];
  let suppressed = 0;
  for (const f of findings) {
    const key = keyOf(baselineEntry(f, fileName));
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      remaining.set(key, left - 1);
      suppressed++;
    } else {
      kept.push(f);
    }
  }
  return { kept, suppressed };
}
