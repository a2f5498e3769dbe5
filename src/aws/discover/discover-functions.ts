import { mapLimit } from '../../async/map-limit';
import type { CompiledRegex } from '../../model/regex-engine';
import type { LambdaApi } from '../apis';

export type QualifierKind = 'latest' | 'versions' | 'aliases';

export interface DiscoveryScope {
  /** what to list per function (Gloo's own discovery lists versions only, never aliases) */
  readonly qualifiers: ReadonlySet<QualifierKind>;
  /** RE2 full matches on function names: kept when some include (if any) and no exclude matches */
  readonly include: readonly CompiledRegex[];
  readonly exclude: readonly CompiledRegex[];
  /** the 2.3+ CloudProvider's discovery.filter: names (RE2) and latestOnly */
  readonly providerNames: readonly CompiledRegex[];
  readonly latestOnly: boolean;
  readonly concurrency: number;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface DiscoveredEntry {
  readonly functionName: string;
  readonly qualifier: string;
}

export interface Discovery {
  /** every function+qualifier found, sorted by function then qualifier ($LATEST, versions numerically, aliases) */
  readonly entries: readonly DiscoveredEntry[];
  readonly functions: number;
  readonly versions: number;
  readonly aliases: number;
  /** whether an entry written in a manifest is within what this run looked for */
  covers(entry: DiscoveredEntry): boolean;
}

export const qualifierKind = (qualifier: string): QualifierKind => (qualifier === '$LATEST' || qualifier === '' ? 'latest' : /^\d+$/.test(qualifier) ? 'versions' : 'aliases');

/** ListFunctions (all pages), then per function its versions and aliases, a bounded number at a time. */
export async function discoverFunctions(lambda: LambdaApi, scope: DiscoveryScope): Promise<Discovery> {
  const kinds = new Set(scope.latestOnly ? (['latest'] as QualifierKind[]) : [...scope.qualifiers]);
  const inScope = (name: string) =>
    (scope.include.length === 0 || scope.include.some((r) => r.matches(name))) &&
    !scope.exclude.some((r) => r.matches(name)) &&
    (scope.providerNames.length === 0 || scope.providerNames.some((r) => r.matches(name)));
  const names = (await lambda.listFunctions()).filter(inScope).sort();
  let done = 0;
  let versions = 0;
  let aliases = 0;
  const perFunction = await mapLimit(names, scope.concurrency, async (name) => {
    const entries: DiscoveredEntry[] = kinds.has('latest') ? [{ functionName: name, qualifier: '$LATEST' }] : [];
    if (kinds.has('versions')) {
      const found = (await lambda.listVersions(name)).sort((a, b) => Number(a) - Number(b));
      versions += found.length;
      entries.push(...found.map((qualifier) => ({ functionName: name, qualifier })));
    }
    if (kinds.has('aliases')) {
      const found = (await lambda.listAliases(name)).map((a) => a.name).sort();
      aliases += found.length;
      entries.push(...found.map((qualifier) => ({ functionName: name, qualifier })));
    }
    scope.onProgress?.(++done, names.length);
    return entries;
  });
  const found = new Set(names);
  return {
    entries: perFunction.flat(),
    functions: names.length,
    versions,
    aliases,
    // an entry outside what was listed (another qualifier kind, a filtered-out name) is not "gone"
    covers: (e) => inScope(e.functionName) && (kinds.has(qualifierKind(e.qualifier)) || !found.has(e.functionName)),
  };
}
