import { finding, type Finding, type ResourceRef } from '../../diagnostics/finding';
import { accountOf, partitionOfArn, roleArnIn, roleNameOf } from '../../model/arn';
import type { InvokeRole, ProviderNode } from '../../model/types';
import type { Anchor } from '../../source/anchor';
import type { AwsApis, AwsIdentity, TemporaryCredentials } from '../apis';
import { withinBoundary } from '../policy/boundary';
import { evaluatePolicies, mayAllow, type Verdict } from '../policy/evaluate';
import type { PolicyDocument } from '../policy/policy-document';
import { assumeChecker, type AccountSession } from './account-session';
import { beyondNeed } from './beyond-need';
import { DELETED, deletedPrincipals, gatewayTrustGap } from './gateway-trust';
import { firstAndMore, NAMES_SHOWN } from '../../text/first-and-more';
import { guarded } from './guarded';
import { plural } from '../../text/plural';
import { judgeTrust } from './role-trust';
import type { NamedPolicy } from './invocation';

/** An invoke role as its account's check found it: its trust policy decides who may assume it. */
export interface TrustedRole {
  readonly role: InvokeRole;
  readonly accountId: string;
  readonly trustPolicy: PolicyDocument;
}

/** The gateway's role as read in its account; `policies` undefined where they could not be read. */
export interface GatewayRole {
  readonly arn: string;
  readonly name: string;
  readonly accountId: string;
  readonly policies: readonly NamedPolicy[] | undefined;
  readonly boundary: NamedPolicy | null | undefined;
}

/**
 * `validate --aws --gateway-role`: the gateway's role, read in its own account (the session gwctl has
 * there: its credentials' account, a provider's, or the role `--assume-role` names in it), with a
 * finding at `at` (the first place that relies on it) where it could not be: `missing` for a role that
 * does not exist (GW8002), undefined where it could not be read (GW8018 for an account gwctl has no
 * session in, GW8007 for a call refused). Its own trust is judged as an invoke role's (role-trust.ts).
 */
export async function readGatewayRole(arn: string, session: AccountSession | string, at: Anchor, resource: ResourceRef | undefined, strictIam: boolean | undefined, findings: Finding[]): Promise<GatewayRole | 'missing' | undefined> {
  const accountId = accountOf(arn);
  const name = roleNameOf(arn);
  if (typeof session === 'string') {
    findings.push(finding('GW8018', { gateway: arn, account: accountId, why: session }, at, { resource }));
    return undefined;
  }
  const iam = (await session.apisFor(session.region)).iam;
  const found = await guarded(findings, at, `that the gateway's role ${name} exists`, () => iam.role(name), resource);
  if (found === null) {
    findings.push(finding('GW8002', { role: name, account: accountId }, at, { resource }));
    return 'missing';
  }
  if (!found) return undefined;
  // its own trust, as an invoke role's: whoever may assume it may assume every invoke role as the gateway
  judgeTrust(found.trustPolicy, { arn, name }, 'gateway role', at, resource, strictIam, findings);
  const policies = await guarded(findings, at, `the policies of the gateway's role ${name}`, () => iam.rolePolicies(name), resource);
  const boundaryArn = found.boundaryArn;
  const boundary = boundaryArn ? ((await guarded(findings, at, `the permissions boundary of the gateway's role ${name}`, () => iam.permissionsBoundary(boundaryArn), resource)) ?? null) : undefined;
  return { arn, name, accountId, policies, boundary };
}

/**
 * The session for the gateway's role's account, or why there is none: a provider's account already
 * opened, the credentials' own, or with `--assume-role` the role of that name there.
 */
export async function gatewaySession(arn: string, region: string, sessions: ReadonlyMap<string, AccountSession>, identity: AwsIdentity, base: AwsApis, apisFor: (region: string) => Promise<AwsApis>, assume: { readonly role: string; readonly apisWith: (credentials: TemporaryCredentials) => (region: string) => Promise<AwsApis> } | undefined): Promise<AccountSession | string> {
  const accountId = accountOf(arn);
  const open = sessions.get(accountId);
  if (open) return open;
  if (accountId === identity.account) return { accountId, identity, region, apisFor };
  if (!assume) return `the AWS credentials are ${identity.arn} in account ${identity.account}`;
  const checker = roleArnIn(partitionOfArn(arn), accountId, assume.role);
  return (await assumeChecker(base, checker, region, assume.apisWith)) ?? `could not assume ${checker} as ${identity.arn}`;
}

/**
 * Whether the gateway's role may assume each invoke role. The invoke role's trust must allow it
 * `sts:AssumeRole` (GW8015), and `sts:TagSession` for the session tags a role given by EKS Pod Identity
 * carries into every call it makes (GW8016; pod-id-abac.html, "Cross-account tags"). Where the trust
 * leaves the decision to the caller's account, the gateway role's own policies (within its boundary) must
 * allow both too (GW8017, GW8016): across accounts always, and in one account where the trust names the
 * account rather than the role (IAM User Guide, "Cross-account policy evaluation logic"); a trust naming
 * the role's ARN in its own account grants it on its own, short of a Deny of the role's policies or its
 * permissions boundary.
 */
export function checkAssumption(gateway: { readonly arn: string; readonly read: GatewayRole | undefined }, roles: Iterable<TrustedRole>, findings: Finding[]): void {
  const gatewayAccount = accountOf(gateway.arn);
  const probe = roleArnIn(partitionOfArn(gateway.arn), gatewayAccount, 'gwctl-probe');
  for (const { role, accountId, trustPolicy } of roles) {
    const extra = { resource: role.owner };
    const trusts = (action: string, principal = gateway.arn) => evaluatePolicies([{ name: 'its trust policy', document: trustPolicy }], { action, resource: role.arn, principal, principalType: 'AWS', context: {} });
    const assume = trusts('sts:AssumeRole');
    // a trust no gateway identity can use is GW8013 already: one finding for one cause
    if (!mayAllow(assume) && gatewayTrustGap(trustPolicy, role.arn)?.code === 'GW8013') continue;
    if (!mayAllow(assume)) {
      const deleted = deletedPrincipals(trustPolicy);
      const why = assume.decision === 'deny' ? `${assume.by} denies it` : `no statement of its trust policy allows it${deleted.length ? `; it names ${firstAndMore(deleted, NAMES_SHOWN, ', ')}, ${DELETED}` : ''}`;
      findings.push(finding('GW8015', { gateway: gateway.arn, role: role.name, why }, role.source, extra));
      continue;
    }
    if (assume.decision === 'undecidable') findings.push(finding('GW8015', { gateway: gateway.arn, role: role.name, why: `that depends on ${assume.keys.join(', ')} in ${assume.by}, which gwctl cannot evaluate offline` }, role.source, { ...extra, severity: 'warning' }));
    const tag = trusts('sts:TagSession');
    if (!mayAllow(tag)) findings.push(finding('GW8016', { gateway: gateway.arn, role: role.name, why: tag.decision === 'deny' ? `${tag.by} denies sts:TagSession` : 'its trust policy allows no sts:TagSession' }, role.source, extra));
    const policies = gateway.read?.policies;
    if (!policies) continue;
    // The trust leaves it to the caller's account across accounts, or where a role of no name it gives is
    // allowed as well; where it names the role in its own account it grants the call on its own, and still
    // the caller's Deny and its permissions boundary limit what it grants to a role's ARN (IAM User Guide,
    // reference_policies_evaluation-logic_policy-eval-denyallow.html, "Resource-based policies")
    const needed = accountId !== gatewayAccount ? `role \`${role.name}\` is in account ${accountId}, and across accounts the caller's policies must allow the call as well as the role's trust` : mayAllow(trusts('sts:AssumeRole', probe)) ? 'the trust policy of the role allows the call to the account, which leaves it to the caller\'s policies' : undefined;
    const reason = needed ?? 'the trust grants the call on its own in one account, but the caller\'s Deny and permissions boundary still limit it';
    const boundary = gateway.read!.boundary;
    const allows = (action: string) => {
      const granted = evaluatePolicies(policies, { action, resource: role.arn });
      // granted by the trust alone: only a Deny, or the boundary, takes it away
      const base: Verdict = !needed && granted.decision === 'implicit-deny' ? { decision: 'allow', by: 'its trust policy' } : granted;
      const verdict = withinBoundary(base, boundary, { action, resource: role.arn });
      return { verdict, why: verdict.decision === 'deny' ? `${verdict.by} denies` : mayAllow(base) && boundary ? `its ${boundary.name} does not allow` : 'none allows' };
    };
    const { verdict: own, why } = allows('sts:AssumeRole');
    if (!mayAllow(own)) {
      findings.push(finding('GW8017', { gateway: gateway.arn, role: role.name, why: `${why} it`, needed: reason }, role.source, extra));
      continue;
    }
    if (own.decision === 'undecidable') findings.push(finding('GW8017', { gateway: gateway.arn, role: role.name, why: `that depends on ${own.keys.join(', ')} in ${own.by}`, needed: reason }, role.source, { ...extra, severity: 'warning' }));
    const tagging = allows('sts:TagSession');
    if (!mayAllow(tagging.verdict)) findings.push(finding('GW8016', { gateway: gateway.arn, role: role.name, why: `of the gateway's role's policies, ${tagging.why} sts:TagSession on it` }, role.source, extra));
  }
}

/**
 * What the gateway role's policies allow beyond what it needs, in words (GW8010, as for an invoke role):
 * Lambda beyond the functions routed on its own credentials (`beyondNeed`), and `sts:AssumeRole` on a role
 * of an account it assumes invoke roles in, or of its own, that is none of them (a probe name no one uses).
 */
export function gatewayBeyondNeed(gateway: GatewayRole, ownCalls: readonly string[], invokeRoles: readonly string[], providers: readonly ProviderNode[]): string[] {
  const policies = gateway.policies;
  if (!policies) return [];
  const out: string[] = [];
  const lambda = providers.length ? beyondNeed(policies, ownCalls, providers) : undefined;
  if (lambda) out.push(lambda);
  const accounts = [...new Set([gateway.accountId, ...invokeRoles.map(accountOf)])];
  const anyRole = accounts.filter((a) => evaluatePolicies(policies, { action: 'sts:AssumeRole', resource: roleArnIn(partitionOfArn(gateway.arn), a, 'gwctl-probe-any-role') }).decision === 'allow');
  if (anyRole.length) out.push(`it allows assuming any role of account ${anyRole.join(', ')}, where it needs sts:AssumeRole on ${plural(invokeRoles.length, 'invoke role')}`);
  return out;
}
