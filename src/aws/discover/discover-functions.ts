import { mapLimit } from '../../async/map-limit';
import type { CompiledRegex } from '../../model/regex-engine';
import { wholeCharacters } from '../../text/whole-characters';
import { AwsCallError, type LambdaApi } from '../apis';

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

// What Lambda lets a name be (CreateFunction, PublishVersion, CreateAlias): an answer outside them comes
// from a broken or hostile endpoint, and written into the CloudResources it would make a file that no
// longer validates, or carry a line break or a terminal escape into the user's repository.
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const VERSION = /^[0-9]{1,20}$/;
// an alias is never all digits: that would read as a version (qualifierKind)
const ALIAS = /^(?![0-9]+$)[A-Za-z0-9_-]{1,128}$/;

function allowed(permission: string, what: string, pattern: RegExp, names: readonly string[]): void {
  const bad = names.find((n) => !pattern.test(n));
  if (bad === undefined) return;
  const shown = bad.length > 80 ? `${wholeCharacters(bad, 80)}... (${bad.length} characters)` : bad;
  throw new AwsCallError('other', permission, `${permission.replace(':', ' ')} answered ${what} that Lambda does not allow: \`${shown}\`; nothing was written`);
}

/** ListFunctions (all pages), then per function its versions and aliases, a bounded number at a time. */
export async function discoverFunctions(lambda: LambdaApi, scope: DiscoveryScope): Promise<Discovery> {
  const kinds = new Set(scope.latestOnly ? (['latest'] as QualifierKind[]) : [...scope.qualifiers]);
  const inScope = (name: string) =>
    (scope.include.length === 0 || scope.include.some((r) => r.matches(name))) &&
    !scope.exclude.some((r) => r.matches(name)) &&
    (scope.providerNames.length === 0 || scope.providerNames.some((r) => r.matches(name)));
  const listed = await lambda.listFunctions();
  allowed('lambda:ListFunctions', 'a function name', FUNCTION_NAME, listed);
  const names = listed.filter(inScope).sort();
  let done = 0;
  let versions = 0;
  let aliases = 0;
  const perFunction = await mapLimit(names, scope.concurrency, async (name) => {
    const entries: DiscoveredEntry[] = kinds.has('latest') ? [{ functionName: name, qualifier: '$LATEST' }] : [];
    if (kinds.has('versions')) {
      const found = await lambda.listVersions(name);
      allowed('lambda:ListVersionsByFunction', 'a version', VERSION, found);
      found.sort((a, b) => Number(a) - Number(b));
      versions += found.length;
      entries.push(...found.map((qualifier) => ({ functionName: name, qualifier })));
    }
    if (kinds.has('aliases')) {
      const found = (await lambda.listAliases(name)).map((a) => a.name);
      allowed('lambda:ListAliases', 'an alias name', ALIAS, found);
      found.sort();
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
