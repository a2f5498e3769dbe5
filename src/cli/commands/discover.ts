import { analysisInputs } from '../analysis-inputs';
import { analyze } from '../../analyze';
import { AwsCallError } from '../../aws/apis';
import { toHostError } from '../../aws/checks/guarded';
import { mergeCloudResources, newCloudResources, type CloudResourcesTarget, type Entry } from '../../aws/discover/cloud-resources-file';
import { textToEdit } from '../../aws/discover/kubernetes-reading';
import { loadYaml } from '../../source/yaml-library';
import { discoverFunctions, type QualifierKind } from '../../aws/discover/discover-functions';
import { awsSession, type AwsFlags } from '../../aws/session';
import { HostError, UsageError } from '../../errors';
import type { Host } from '../../host/host';
import type { Dialect } from '../../load/kinds';
import { DEFAULT_LIMITS } from '../../load/read-limits';
import { readSideFile } from '../../load/side-file';
import { refuseSharedTargets } from '../../report/output-guard';
import { isKnownRegion, isRegionName, REGIONS_FROM, roleArn } from '../../model/arn';
import { nearestRegion } from '../../model/unknown-region';
import { isAccountId, isRoleName } from '../../model/aws-names';
import { CATALOGUE } from '../../diagnostics/catalogue';
import { formatMessage } from '../../diagnostics/finding';
import { globFields, globLike } from '../../model/glob-like';
import { loadRegexEngine, type CompiledRegex } from '../../model/regex-engine';
import { plural } from '../../text/plural';
import type { InputFlags } from '../options';
import { printable } from '../../text/printable';
import { isObjectName, namespacedName } from '../../text/kubernetes-names';
import PATTERNS from '../../../schemas/source/patterns.json';

export type DiscoverFlags = InputFlags &
  AwsFlags & {
    provider?: string;
    account?: string;
    region?: string;
    role?: string;
    dialect: Dialect;
    /** --assume-role: a role of this name in the provider's account */
    assumeRole?: string;
    /** --assume-discovery-role: the provider's own discovery (or invoke) role */
    assumeDiscoveryRole?: boolean;
    qualifiers: string;
    include: string[];
    exclude: string[];
    name?: string;
    write?: string;
    prune?: boolean;
    concurrency: number;
    quiet?: boolean;
  };

interface Provider {
  readonly namespace: string;
  readonly name: string;
  readonly dialect: Dialect;
  readonly accountId: string;
  readonly region: string;
  /** the roles the provider names; --role is the role where it names neither */
  readonly invokeRole?: string | undefined;
  readonly discoveryRole?: string | undefined;
  readonly filterNames: readonly string[];
  readonly latestOnly: boolean;
  /** the functions the provider's CloudResources in the input declare */
  readonly declared: NonNullable<CloudResourcesTarget['declared']>;
}

/**
 * `gwctl discover`: the Lambda functions of a CloudProvider's account and region (with versions and
 * aliases, which Gloo's own discovery never lists) as CloudResources, printed, or merged into a file
 * without disturbing what is written there. Nothing is written unless every AWS call succeeded.
 */
export async function discover(host: Host, paths: string[], flags: DiscoverFlags): Promise<number> {
  await refuseSharedTargets(host, [['--write', flags.write]]);
  const provider = await resolveProvider(host, paths, flags);
  const engine = await loadRegexEngine();
  const warnLine = (line: string) => host.stderr.write(`gwctl: warning: ${printable(line)}\n`);
  const regexes = (flag: string, patterns: readonly string[]) =>
    patterns.map((p): CompiledRegex => {
      const compiled = engine.compile(p);
      if ('error' in compiled) throw new UsageError(`${flag} ${p}: RE2 rejects it: ${compiled.error}`);
      // matched against the whole name: `orders-*` takes `orders` and `orders--`, not `orders-api`
      const glob = globLike(p);
      if (glob) warnLine(formatMessage(CATALOGUE.GW5006.message, { field: flag, pattern: p, ...globFields(glob) }));
      return compiled;
    });
  const qualifiers = parseQualifiers(flags.qualifiers);
  const scope = {
    qualifiers,
    include: regexes('--include', flags.include),
    exclude: regexes('--exclude', flags.exclude),
    providerNames: regexes(`discovery.filter.names of CloudProvider ${provider.namespace}/${provider.name}:`, provider.filterNames),
    latestOnly: provider.latestOnly,
    concurrency: flags.concurrency,
    ...(host.stderr.isTTY && !flags.quiet ? { onProgress: (done: number, total: number) => host.stderr.write(`\rgwctl: listing versions and aliases: ${done}/${total}`) } : {}),
  };

  try {
    let session = awsSession(flags, undefined, warnLine);
    if (flags.assumeRole && flags.assumeDiscoveryRole) throw new UsageError('--assume-role and --assume-discovery-role: give one');
    const role = flags.assumeRole ?? (flags.assumeDiscoveryRole ? provider.discoveryRole ?? provider.invokeRole ?? flags.role : undefined);
    if (flags.assumeDiscoveryRole && !role) throw new UsageError(`--assume-discovery-role: CloudProvider ${provider.namespace}/${provider.name} names no discovery or invoke role; give --role`);
    // a role name from the manifests STS would refuse in the ARN (a ValidationError, not naming the field)
    if (role && !isRoleName(role)) throw new UsageError(`--assume-discovery-role: CloudProvider ${provider.namespace}/${provider.name} names the role \`${role}\`, which is not an IAM role name (gwctl validate says more)`);
    if (role) {
      const credentials = await (await session(provider.region)).sts.assumeRole(roleArn(provider.region, provider.accountId, role), 'gwctl-discover');
      session = awsSession(flags, credentials, warnLine);
    }
    const apis = await session(provider.region);
    const identity = await apis.sts.whoAmI();
    if (identity.account !== provider.accountId) {
      throw new UsageError(`the AWS credentials are ${identity.arn} in account ${identity.account}, but CloudProvider ${provider.namespace}/${provider.name} is account ${provider.accountId}; listing would describe the wrong account (use --profile, or --assume-role)`);
    }
    const discovery = await discoverFunctions(apis.lambda, scope);
    if (host.stderr.isTTY && !flags.quiet) host.stderr.write('\r\u001b[2K');

    const target: CloudResourcesTarget = {
      dialect: provider.dialect,
      provider: provider.name,
      namespace: provider.namespace,
      name: flags.name ?? `${provider.name}-functions`,
      accountId: provider.accountId,
      region: provider.region,
      declared: provider.declared,
    };
    let summary: string;
    if (flags.write) {
      // a FIFO, device or folder is refused (readSideFile): gwctl replaces the file it edits, and would wait on a FIFO
      const existing = (await host.stat(flags.write)) ? textToEdit(flags.write, await readSideFile(host, flags.write, '--write', DEFAULT_LIMITS.file)) : { text: '', bom: '' };
      // the file is read as Kubernetes reads it too, which may need the yaml library (kubernetes-reading.ts)
      await loadYaml();
      const merged = mergeCloudResources(existing.text, flags.write, target, discovery, Boolean(flags.prune));
      await host.writeFileAtomic(flags.write, existing.bom + merged.text);
      for (const e of merged.missing) host.stderr.write(`gwctl: ${describe(e)} is no longer in AWS${flags.prune ? ': removed' : ' (kept; --prune removes it)'}\n`);
      for (const r of merged.renamed) host.stderr.write(`gwctl: ${describe(r.entry)} is named ${printable(r.entry.logicalName ?? '')}: ${printable(r.wanted)} was taken\n`);
      summary = `${merged.added.length} added, ${merged.kept} kept, ${merged.missing.length} gone from AWS${merged.missing.length ? (flags.prune ? ' (pruned)' : ' (kept)') : ''}; wrote ${flags.write}`;
    } else {
      const created = newCloudResources(target, discovery.entries);
      host.stdout.write(created.text);
      for (const r of created.renamed) host.stderr.write(`gwctl: ${describe(r.entry)} is named ${printable(r.entry.logicalName ?? '')}: ${printable(r.wanted)} was taken\n`);
      summary = plural(created.entries.length, 'entry', 'entries');
    }
    if (!flags.quiet) {
      host.stderr.write(`gwctl: ${plural(discovery.functions, 'function')}, ${plural(discovery.versions, 'version')}, ${plural(discovery.aliases, 'alias', 'aliases')} in account ${printable(provider.accountId)} ${printable(provider.region)}: ${printable(summary)}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof AwsCallError && error.failure === 'unavailable' && !isKnownRegion(provider.region)) throw unknownRegionError(error, provider.region);
    throw error instanceof AwsCallError ? toHostError(error) : error;
  }
}

/**
 * A region of AWS's form that AWS has not (`us-wset-1`): its endpoints resolve to no host, and "cannot
 * reach AWS" alone sent the user to look at the network. Said only when a call failed: a region newer than
 * the AWS SDK gwctl ships is used as given (validate says GW3014 for it).
 */
function unknownRegionError(error: AwsCallError, region: string): HostError {
  const near = nearestRegion(region);
  return new HostError(`${error.message}: region ${printable(region)} is not one AWS has, as ${REGIONS_FROM} knows its regions${near ? ` (did you mean ${near}?)` : ''}`);
}

const describe = (e: Entry) => printable(`${e.functionName}${e.qualifier === '$LATEST' ? '' : ':' + e.qualifier}`);

function parseQualifiers(value: string): Set<QualifierKind> {
  const kinds = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const k of kinds) if (k !== 'latest' && k !== 'versions' && k !== 'aliases') throw new UsageError(`--qualifiers ${value}: expected a list of latest, versions, aliases`);
  return new Set(kinds as QualifierKind[]);
}

async function resolveProvider(host: Host, paths: string[], flags: DiscoverFlags): Promise<Provider> {
  // what discover writes is a Kubernetes resource of the provider's namespace and name, in its region:
  // a name the API server refuses, or a region AWS has not, is found here and not after review
  const named = namespacedName(flags.provider ?? '');
  if (!named) throw new UsageError(`--provider ${flags.provider ?? ''}: expected NAMESPACE/NAME of a CloudProvider (a Kubernetes namespace and name)`);
  const { namespace, name } = named;
  if (flags.name !== undefined && !isObjectName(flags.name)) throw new UsageError(`--name ${flags.name}: expected a Kubernetes name (a lower-case DNS subdomain of at most 253 characters)`);
  if (flags.name === undefined && !isObjectName(`${name}-functions`)) throw new UsageError(`--provider ${flags.provider}: ${name}-functions, the name of new CloudResources, is longer than Kubernetes allows; give --name`);
  if (flags.region !== undefined && !isRegionName(flags.region)) throw new UsageError(`--region ${flags.region}: expected ${PATTERNS.awsRegion.describe}`);
  if (paths.length === 0) {
    if (!flags.account || !flags.region) throw new UsageError('without manifests, give --account and --region (and --role if functions are invoked through one)');
    if (!isAccountId(flags.account)) throw new UsageError(`--account ${flags.account}: expected a 12-digit AWS account id`);
    return { namespace, name, dialect: flags.dialect, accountId: flags.account, region: flags.region, filterNames: [], latestOnly: false, declared: [] };
  }
  const analysis = await analyze(host, await analysisInputs(host, paths, flags));
  const candidates = analysis.model.providers.filter((p) => p.ref.namespace === namespace && p.ref.name === name);
  if (candidates.length === 0) {
    const invalid = analysis.resources.some((r) => r.kind === 'CloudProvider' && r.ref.namespace === namespace && r.ref.name === name);
    throw new UsageError(invalid ? `CloudProvider ${namespace}/${name} lacks an account id or a region (gwctl validate says more)` : `no CloudProvider ${namespace}/${name} in ${paths.join(', ')}`);
  }
  const p = candidates.length > 1 ? candidates.find((c) => c.dialect === flags.dialect) ?? candidates[0]! : candidates[0]!;
  // AWS answers for no other account id or region: the SDK refused them, or a call was made, with a
  // message that named neither the provider nor the field
  if (!isAccountId(p.accountId)) throw new UsageError(`CloudProvider ${namespace}/${name}: its accountId \`${p.accountId}\` is not a 12-digit AWS account id (gwctl validate says more)`);
  if (flags.region === undefined && !isRegionName(p.region)) throw new UsageError(`CloudProvider ${namespace}/${name}: its region \`${p.region}\` is not the name of an AWS region (gwctl validate says more; --region overrides it)`);
  return {
    namespace,
    name,
    dialect: p.dialect,
    accountId: p.accountId,
    region: flags.region ?? p.region,
    invokeRole: p.invokeRole?.name,
    discoveryRole: p.discovery?.roleName,
    filterNames: p.discovery?.names ?? [],
    latestOnly: p.discovery?.latestOnly ?? false,
    // every CloudResources of the provider, in any file of the input: a function one of them declares
    // is not added again (two entries would collide on a 2.2 logical name)
    declared: p.functions.map((f) => ({ functionName: f.functionName, qualifier: f.qualifier, logicalName: f.logicalName, accountId: f.accountId, region: f.region })),
  };
}
