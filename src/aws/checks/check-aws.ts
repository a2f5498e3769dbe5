import { mapLimit } from '../../async/map-limit';
import { finding, type Finding, type ResourceRef } from '../../diagnostics/finding';
import type { FilterPattern } from '../../model/filters';
import type { RegexEngine } from '../../model/regex-engine';
import type { InvokeRole, Model, ProviderNode } from '../../model/types';
import { nodeAnchor, type Anchor } from '../../source/anchor';
import { closest, type SuggestionBudget } from '../../text/closest';
import { AwsCallError, type AwsApis, type AwsIdentity, type TemporaryCredentials } from '../apis';
import { accountOf, isKnownRegion, isRegionName, roleArn, roleNameOf } from '../../model/arn';
import { isAccountId, isFunctionName, isQualifier, isRoleName } from '../../model/aws-names';
import { judgeTrust } from './role-trust';
import { assumeChecker, type AccountSession } from './account-session';
import { beyondNeed } from './beyond-need';
import { checkAssumption, gatewayBeyondNeed, gatewaySession, readGatewayRole, type GatewayRole, type TrustedRole } from './gateway-role';
import { baseArn, describe, functionUses, isVersion, key, type FunctionUse } from './function-uses';
import { fatal, guarded } from './guarded';
import { judgeInvocation } from './invocation';
import { judgeRouteTimeout, routeWaits, type RouteTimeout } from './route-timeout';
import { judgeFunctionState } from './function-state';

/** The work of "did you mean" for the iamRoles patterns of a run, in cells of the distances' tables (about a second here). */
export const ROLE_SUGGESTION_CELLS = 100_000_000;

export interface AwsCheckInput {
  readonly model: Model;
  readonly filterPatterns: readonly FilterPattern[];
  /** the APIs of the credentials gwctl runs with, per region (Lambda is regional; IAM and STS are not) */
  readonly apisFor: (region: string) => Promise<AwsApis>;
  /** --assume-role: the role of this name in each provider's account is assumed, and that account checked with it */
  readonly assumeRole?: string | undefined;
  /** the APIs with temporary credentials (those of an assumed role), per region */
  readonly apisWith?: ((credentials: TemporaryCredentials) => (region: string) => Promise<AwsApis>) | undefined;
  /** the region for STS (and the IAM client); default: the first provider's */
  readonly stsRegion?: string | undefined;
  readonly engine: RegexEngine;
  readonly concurrency: number;
  /** --strict-iam: an invoke role allowed more than its routes need is an error, not information */
  readonly strictIam?: boolean | undefined;
  /** --gateway-role: the role the gateway runs as, which assumes the invoke roles and invokes the rest */
  readonly gatewayRole?: string | undefined;
  /** the route timeout the renders write: each function's own is compared with it, or with a policy's (route-timeout.ts) */
  readonly routeTimeout?: RouteTimeout | undefined;
}

/**
 * `validate --aws`: the manifests against the live accounts. Who the credentials are; per CloudProvider
 * (each account with the credentials given, or with the role `--assume-role` names in it): its invoke roles
 * exist, every function and qualifier the manifests name exists, each role's identity policies (within
 * its permissions boundary) or the function's resource policy allow lambda:InvokeFunction on each function
 * it will invoke, a function in another account allows the role in its resource policy, and no role is
 * allowed more than its routes need; each iamRoles filter matches some real role of the accounts it is
 * meant for. With --gateway-role, the role the gateway runs as: that each invoke role lets it assume
 * the role, and that it may invoke what is routed on its own credentials (gateway-role.ts). A provider
 * that could not be checked is an error (GW8001, GW8009) unless suppressed.
 * AccessDenied becomes a finding naming the permission; an unreachable endpoint, a timeout or rejected
 * credentials end the run (exit 2).
 */
export async function checkAws(input: AwsCheckInput): Promise<Finding[]> {
  const findings: Finding[] = [];
  // a region the schema refused names no endpoint: the AWS SDK refused it ("Region not accepted") and a
  // well-formed one AWS does not have reaches none, either of which ended the run (exit 2) with no report
  // (and an account id that is none made the role ARN --assume-role asks STS for, answered with a
  // ValidationError)
  const providers = input.model.providers.filter((p) => {
    const refused = !isRegionName(p.region) ? { value: p.region, kind: 'the name of an AWS region', field: 'region' } : !isAccountId(p.accountId) ? { value: p.accountId, kind: 'an AWS account id', field: 'accountId' } : undefined;
    if (!refused) return true;
    findings.push(finding('GW8011', { what: `CloudProvider ${key(p)}`, value: refused.value, kind: refused.kind }, awsFieldOf(p, refused.field), { resource: p.ref }));
    return false;
  });
  // the identity is asked in a region AWS has: a provider's region the SDK knows no region of
  // (`us-wset-1`, GW3014) has no endpoint to ask at
  const baseRegion = input.stsRegion ?? providers.find((p) => isKnownRegion(p.region))?.region ?? providers[0]?.region ?? 'us-east-1';
  const base = await input.apisFor(baseRegion);
  const identity = await fatal(base.sts.whoAmI());
  const uses = functionUses(input.model);

  const byAccount = new Map<string, ProviderNode[]>();
  for (const p of providers) {
    const list = byAccount.get(p.accountId);
    if (list) list.push(p);
    else byAccount.set(p.accountId, [p]);
  }
  // every account's session first: a function of one account routed to from another's provider is looked
  // up with its own account's
  const opened: Array<[AccountSession, ProviderNode[]]> = [];
  for (const [accountId, providers] of byAccount) {
    const session = await openAccount(input, base, identity, accountId, providers, findings);
    if (session) opened.push([session, providers]);
  }
  const sessions = new Map(opened.map(([s]) => [s.accountId, s]));
  const checked = opened.flatMap(([, ps]) => ps);
  // the functions the checked providers route on the gateway's own credentials (no invoke role), once
  const ownCalls = checked.flatMap((p) => (uses.get(key(p)) ?? []).filter((u) => u.gatewayInvoked).map((u) => ({ p, u })));
  const gateway = input.gatewayRole ? await gatewayRoleOf(input, input.gatewayRole, { checked, ownCalls, uses, sessions, identity, base, baseRegion }, findings) : undefined;
  if (!input.gatewayRole && ownCalls.length) findings.push(unjudgedOwnCalls(ownCalls));
  const trusted: TrustedRole[] = [];
  for (const [session, providers] of opened) await checkAccount(input, session, providers, { uses, sessions, gateway: gateway?.invoker, trusted }, findings);
  if (gateway) {
    checkAssumption(gateway, trusted, findings);
    if (gateway.read) gatewayLeastPrivilege(input, gateway.read, gateway.relied, ownCalls, trusted, findings);
  }
  await checkRolePatterns(input, [...sessions.values()], findings);
  return findings;
}

/**
 * The session that checks one account: the credentials given when they are that account's; with
 * --assume-role, the named role of that account. Otherwise its providers could not be checked: an error
 * on each (a gate that passes what it did not check is not a gate).
 */
async function openAccount(input: AwsCheckInput, base: AwsApis, identity: AwsIdentity, accountId: string, providers: readonly ProviderNode[], findings: Finding[]): Promise<AccountSession | undefined> {
  const region = providers[0]!.region;
  if (input.assumeRole && input.apisWith) {
    const arn = roleArn(region, accountId, input.assumeRole);
    const session = await assumeChecker(base, arn, region, input.apisWith);
    if (!session) for (const p of providers) findings.push(finding('GW8009', { role: arn, caller: identity.arn, provider: key(p) }, p.source, { resource: p.ref }));
    return session;
  }
  if (accountId === identity.account) return { accountId, identity, region, apisFor: input.apisFor };
  for (const p of providers) findings.push(finding('GW8001', { arn: identity.arn, actual: identity.account, provider: key(p), expected: p.accountId }, p.source, { resource: p.ref }));
  return undefined;
}

type OwnCall = { readonly p: ProviderNode; readonly u: FunctionUse };

/** What the run knows once every account's session is open: where the gateway's role is relied on, and how to read it. */
interface OpenedRun {
  /** the providers whose accounts could be checked */
  readonly checked: readonly ProviderNode[];
  /** the functions they route on the gateway's own credentials */
  readonly ownCalls: readonly OwnCall[];
  readonly uses: ReadonlyMap<string, FunctionUse[]>;
  readonly sessions: ReadonlyMap<string, AccountSession>;
  /** who the credentials gwctl runs with are, and their APIs in the region STS is asked in */
  readonly identity: AwsIdentity;
  readonly base: AwsApis;
  readonly baseRegion: string;
}

/**
 * --gateway-role: the role, read in its account, where the checked providers rely on it (a route invokes
 * a function on the gateway's own credentials, or an invoke role is assumed with it), and where they do.
 * `read` is undefined where it does not exist or could not be read; `invoker` is undefined where it does
 * not exist (GW8002 says so once), and without policies where they were not read: the functions' resource
 * policies still judge its calls.
 */
async function gatewayRoleOf(input: AwsCheckInput, arn: string, run: OpenedRun, findings: Finding[]) {
  const { checked, ownCalls, uses, sessions, identity, base, baseRegion } = run;
  // placed where the reliance is written: the first CloudProvider that names no invoke role (its
  // functions are invoked as the gateway's role), else the first invoke role the gateway assumes
  const own = ownCalls[0]?.p;
  const role = own ? undefined : checked.flatMap((p) => (p.invokeRole ? [p.invokeRole] : (uses.get(key(p)) ?? []).flatMap((u) => [...u.roles.values()])))[0];
  const relied = own ? { at: own.source, resource: own.ref } : role ? { at: role.source, resource: role.owner } : undefined;
  if (!relied) return undefined;
  // a role can assume roles of its own partition only: any checked provider's region is of it
  const region = checked[0]?.region ?? baseRegion;
  const session = await gatewaySession(arn, region, sessions, identity, base, input.apisFor, input.assumeRole && input.apisWith ? { role: input.assumeRole, apisWith: input.apisWith } : undefined);
  const found = await readGatewayRole(arn, session, relied.at, relied.resource, input.strictIam, findings);
  const read = found === 'missing' ? undefined : found;
  const invoker: GatewayRole | undefined = found === 'missing' ? undefined : (read ?? { arn, name: roleNameOf(arn), accountId: accountOf(arn), policies: undefined, boundary: undefined });
  return { arn, read, invoker, relied };
}

/**
 * Without --gateway-role, gwctl does not know who the gateway's own credentials are: the functions routed
 * on them are checked to exist, and whether that identity may invoke them is not judged. Said once, at
 * the first CloudProvider that names no invoke role (where one would be written), as information,
 * rather than passed in silence.
 */
function unjudgedOwnCalls(ownCalls: readonly OwnCall[]): Finding {
  const { p } = ownCalls[0]!;
  return finding('GW8019', { count: ownCalls.length }, p.source, { resource: p.ref });
}

/** --gateway-role, least privilege as for an invoke role (GW8010): what it calls on its own credentials, and the roles it assumes. */
function gatewayLeastPrivilege(input: AwsCheckInput, read: GatewayRole, relied: { readonly at: Anchor; readonly resource: ResourceRef }, ownCalls: readonly OwnCall[], trusted: readonly TrustedRole[], findings: Finding[]): void {
  const arns = [...new Set(ownCalls.map(({ u }) => u.arn))];
  const providers = [...new Set(ownCalls.map(({ p }) => p))];
  for (const detail of gatewayBeyondNeed(read, arns, [...new Set(trusted.map((t) => t.role.arn))], providers)) {
    findings.push(finding('GW8010', { role: read.name, detail }, relied.at, { resource: relied.resource, ...(input.strictIam ? { severity: 'error' as const } : {}) }));
  }
}

/** What one account's checks share with the run. */
interface AccountRun {
  readonly uses: Map<string, FunctionUse[]>;
  readonly sessions: ReadonlyMap<string, AccountSession>;
  /** --gateway-role, as read: it invokes the functions routed on the gateway's own credentials */
  readonly gateway: GatewayRole | undefined;
  /** filled: each invoke role found, with its trust policy, for whether the gateway's role may assume it */
  readonly trusted: TrustedRole[];
}

/** The checks of the providers of one account, with that account's session. */
async function checkAccount(input: AwsCheckInput, session: AccountSession, ours: readonly ProviderNode[], run: AccountRun, findings: Finding[]): Promise<void> {
  const { uses, sessions, gateway, trusted } = run;
  const global = await session.apisFor(ours[0]!.region);
  const identity = session.identity;
  // roles: exist, and their policies
  const roles = new Map<string, InvokeRole>();
  for (const p of ours) {
    if (p.invokeRole) roles.set(p.invokeRole.name, p.invokeRole);
    for (const u of uses.get(key(p)) ?? []) for (const r of u.roles.values()) roles.set(r.name, r);
  }
  // a name IAM refuses to look up (a ValidationError, which ended the run)
  for (const role of roles.values()) {
    if (isRoleName(role.name)) continue;
    findings.push(finding('GW8011', { what: `IAM role \`${role.name}\``, value: role.name, kind: 'an IAM role name' }, role.source, { resource: role.owner }));
    roles.delete(role.name);
  }
  const policies = new Map<string, Awaited<ReturnType<AwsApis['iam']['rolePolicies']>> | null>();
  const boundaries = new Map<string, Awaited<ReturnType<AwsApis['iam']['permissionsBoundary']>>>();
  await mapLimit([...roles.values()], input.concurrency, async (role) => {
    const found = await guarded(findings, role.source, `that role ${role.name} exists`, () => global.iam.role(role.name), role.owner);
    const exists = found === undefined ? undefined : found !== null;
    if (exists === false) findings.push(finding('GW8002', { role: role.name, account: identity.account }, role.source, { resource: role.owner }));
    if (found) {
      trusted.push({ role, accountId: session.accountId, trustPolicy: found.trustPolicy });
      judgeTrust(found.trustPolicy, role, 'invoke role', role.source, role.owner, input.strictIam, findings);
    }
    policies.set(role.name, exists ? ((await guarded(findings, role.source, `the policies of role ${role.name}`, () => global.iam.rolePolicies(role.name), role.owner)) ?? null) : null);
    // the boundary's ARN comes with the role (one GetRole a role); its document is read only when there is one
    const boundaryArn = found?.boundaryArn;
    if (boundaryArn) boundaries.set(role.name, (await guarded(findings, role.source, `the permissions boundary of role ${role.name}`, () => global.iam.permissionsBoundary(boundaryArn), role.owner)) ?? null);
  });

  // functions: exist; invocations: allowed; their timeouts against their routes'
  const work = ours.flatMap((p) => (uses.get(key(p)) ?? []).map((u) => ({ p, u })));
  const waits = input.routeTimeout ? routeWaits(input.model.policies ?? [], input.routeTimeout) : undefined;
  await mapLimit(work, input.concurrency, async ({ p, u }) => {
    // a function named by an ARN of no region (the provider's own are checked above), or a name or
    // qualifier Lambda refuses to look up (a ValidationException, which ended the run)
    const unchecked = !isRegionName(u.region)
      ? { value: u.region, kind: 'the name of an AWS region', at: u.nameAt }
      : !isFunctionName(u.functionName)
        ? { value: u.functionName, kind: 'a Lambda function name', at: u.nameAt }
        : !isQualifier(u.qualifier)
          ? { value: u.qualifier, kind: 'a Lambda qualifier', at: u.qualifierAt }
          : undefined;
    if (unchecked) {
      findings.push(finding('GW8011', { what: describe(u), value: unchecked.value, kind: unchecked.kind }, unchecked.at, { resource: u.resource }));
      return;
    }
    // Lambda is asked in the function's account: as the role --assume-role names there (a function of the
    // provider's account looked up with the credentials of another is one that does not exist), or with
    // the credentials given, by ARN, where gwctl has no session in that account
    const apis = await (sessions.get(u.accountId)?.apisFor ?? input.apisFor)(u.region);
    // a function of another account is named by ARN
    const name = u.accountId === p.accountId ? u.functionName : baseArn(u);
    // a region the AWS SDK knows no region of (GW3014): AWS may have it (newer than the SDK), or no endpoint
    // answers there, which ended the run (exit 2) with no report
    if (!isKnownRegion(u.region)) {
      const reached = await apis.lambda.configuration(name, u.qualifier).then(
        () => true,
        (error: unknown) => !(error instanceof AwsCallError && error.failure === 'unavailable'),
      );
      if (!reached) {
        findings.push(finding('GW8011', { what: describe(u), value: u.region, kind: 'a region AWS answers in' }, u.nameAt, { resource: u.resource }));
        return;
      }
    }
    const configuration = await guarded(findings, u.at, `that ${describe(u)} exists`, () => apis.lambda.configuration(name, u.qualifier), u.resource);
    if (configuration === null) {
      // the qualifier is at fault only when the function itself exists
      const functionExists = u.qualifier !== '$LATEST' && Boolean(await guarded(findings, u.at, `that function ${u.functionName} exists`, () => apis.lambda.configuration(name, '$LATEST'), u.resource));
      const [what, at] = functionExists ? [describe(u), u.qualifierAt] : [`function ${u.functionName}`, u.nameAt];
      findings.push(finding('GW8003', { what, account: u.accountId, region: u.region }, at, { resource: u.resource }));
      return;
    }
    if (configuration) {
      judgeFunctionState(u, configuration, findings);
      if (waits) judgeRouteTimeout(u, configuration, waits, findings);
      await judgeWeightedVersions(u, apis, name, waits, findings);
    }
    for (const role of u.roles.values()) {
      const invoker = { name: role.name, arn: role.arn, accountId: p.accountId, policies: policies.get(role.name), boundary: boundaries.get(role.name), at: role.source, resource: role.owner };
      await judgeInvocation(invoker, u, apis, name, findings);
    }
    if (u.gatewayInvoked && gateway) await judgeInvocation({ ...gateway, at: u.at, resource: u.resource }, u, apis, name, findings);
  });

  // least privilege: what each role may invoke beyond what its routes need
  for (const role of roles.values()) {
    const docs = policies.get(role.name);
    if (!docs) continue;
    const needed = work.flatMap(({ u }) => (u.roles.has(role.name) ? [u.arn] : []));
    const broader = beyondNeed(docs, needed, ours);
    if (broader) findings.push(finding('GW8010', { role: role.name, detail: broader }, role.source, { resource: role.owner, ...(input.strictIam ? { severity: 'error' as const } : {}) }));
  }
}

/**
 * The other versions of a weighted alias a route invokes. An alias's configuration is its primary
 * version's; a RoutingConfig sends a share of the alias's invocations to other versions ("Lambda alias
 * routing configuration", AWS Lambda Developer Guide, configuring-alias-routing.html: a canary, as
 * CodeDeploy's traffic shifting makes it), each with a configuration of its own, its timeout and state.
 * Each is judged as the alias is (GW8021, GW8020), named with its share. Asked only where the route
 * names an alias the gateway invokes (lambda:GetAlias: without it, GW8007 says what was not checked).
 */
async function judgeWeightedVersions(u: FunctionUse, apis: AwsApis, name: string, waits: ReturnType<typeof routeWaits> | undefined, findings: Finding[]): Promise<void> {
  if (u.qualifier === '$LATEST' || isVersion(u.qualifier) || (u.roles.size === 0 && !u.gatewayInvoked)) return;
  const weights = await guarded(findings, u.at, `the versions alias ${u.qualifier} of function ${u.functionName} sends invocations to`, () => apis.lambda.aliasWeights(name, u.qualifier), u.resource);
  for (const { version, weight } of weights ?? []) {
    const configuration = await guarded(findings, u.at, `version ${version} of function ${u.functionName}`, () => apis.lambda.configuration(name, version), u.resource);
    if (!configuration) continue;
    const share: FunctionUse = { ...u, qualifier: version, via: { alias: u.qualifier, weight } };
    judgeFunctionState(share, configuration, findings);
    if (waits) judgeRouteTimeout(share, configuration, waits, findings);
  }
}

/**
 * iamRoles filters: each pattern should match a real role of the accounts it is meant for: its entry's
 * accountIds, or else any account of the manifests' providers. It is judged only when every one of those
 * accounts was checked: a role it is meant to match may live in an account gwctl could not read.
 */
async function checkRolePatterns(input: AwsCheckInput, checked: readonly AccountSession[], findings: Finding[]): Promise<void> {
  const names = new Map<string, Promise<string[] | undefined>>();
  const rolesOf = (a: AccountSession, p: FilterPattern) => {
    let list = names.get(a.accountId);
    if (!list) {
      // IAM is global: any region's client lists the account's roles
      list = guarded(findings, p.at, `the iamRoles filters against the roles of account ${a.accountId}`, async () => (await a.apisFor(a.region)).iam.listRoleNames(), p.resource);
      names.set(a.accountId, list);
    }
    return list;
  };
  const sessions = new Map(checked.map((a) => [a.accountId, a]));
  const everyAccount = [...new Set(input.model.providers.map((p) => p.accountId))];
  const patterns = input.filterPatterns.filter((p) => p.field === 'iamRoles');
  // "the closest is" costs each pattern a distance to every role of its accounts: 300 patterns against
  // 10,000 roles took 8 s, and the patterns are the pull request's to multiply. Past this budget
  // (text/closest.ts) no more are suggested, the same on every run.
  const budget: SuggestionBudget = { cells: ROLE_SUGGESTION_CELLS };
  for (const p of patterns) {
    const meant = (p.accountIds.length ? [...new Set(p.accountIds)] : everyAccount).sort();
    if (meant.length === 0 || !meant.every((a) => sessions.has(a))) continue;
    const accounts = meant.map((a) => sessions.get(a)!);
    const compiled = input.engine.compile(p.text);
    if ('error' in compiled) continue;
    // each account's roles are listed once, for every pattern; AccessDenied (a GW8007) leaves the pattern unjudged
    const lists = await Promise.all(accounts.map((a) => rolesOf(a, p)));
    if (lists.some((l) => l === undefined)) continue;
    const all = lists.flatMap((l) => l!);
    if (all.some((n) => compiled.matches(n))) continue;
    const near = closest(p.text, all, Math.max(3, Math.floor(p.text.length / 3)), budget);
    findings.push(finding('GW8004', { pattern: p.text, count: all.length, account: accounts.map((a) => a.accountId).join(', '), suggestion: near ? `; the closest is \`${near}\`` : '' }, p.at, { resource: p.resource }));
  }
}

/** A field of a provider's `spec.aws` (its anchor is its name's). */
const awsFieldOf = (p: ProviderNode, field: string): Anchor => (p.source.kind === 'node' ? nodeAnchor(p.source.doc, `/spec/aws/${field}`) : p.source);

