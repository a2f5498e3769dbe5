import { oidcProviderIssuer, partitionOfArn, roleArnIn } from '../../model/arn';
import { firstAndMore, NAMES_SHOWN } from '../../text/first-and-more';
import { evaluatePolicies, mayAllow, type EvaluationRequest, type Verdict } from '../policy/evaluate';
import { asList, statementsOf, type PolicyDocument } from '../policy/policy-document';

/**
 * What keeps the gateway from assuming an invoke role, read from the role's trust policy:
 * - GW8013: no identity a gateway can have may assume it, only others (`trusts` names them). The gateway
 *   assumes the invoke role with its own credentials, which are one of: an AWS principal (its role, as
 *   Envoy's assume_role_credential_provider and Gloo's `roleArn` use it), the token of its service account
 *   through the cluster's OIDC provider (IRSA, sts:AssumeRoleWithWebIdentity), or EKS Pod Identity (the
 *   `pods.eks.amazonaws.com` service). A trust of the Lambda service alone is the usual cause: the
 *   function's execution role named as the invoke role.
 * - GW8014: EKS Pod Identity may assume it but not tag the session (`sts:TagSession`). Pod Identity tags
 *   every session unless the association disables the tags, and STS refuses the call of a principal that
 *   may not set them (pod-id-role.html: the trust needs both actions, "EKS Pod Identity uses TagSession to
 *   include session tags in the requests to AWS STS").
 * Each grant is asked of gwctl's policy evaluator as AWS would ask it, with no condition key known: a
 * grant that depends on one (a pinned service account, a cluster's tags) may be the gateway's, and is not
 * reported. A statement with NotPrincipal is not judged.
 */
export type TrustGap = { readonly code: 'GW8013'; readonly trusts: string } | { readonly code: 'GW8014'; readonly why: string };

const POD_IDENTITY = 'pods.eks.amazonaws.com';

export function gatewayTrustGap(trustPolicy: PolicyDocument, roleArn: string): TrustGap | undefined {
  const statements = statementsOf(trustPolicy).filter((s) => s.Effect === 'Allow');
  if (statements.some((s) => s.NotPrincipal !== undefined)) return undefined;
  const ask = (request: Omit<EvaluationRequest, 'resource' | 'context'>): Verdict => evaluatePolicies([{ name: 'its trust policy', document: trustPolicy }], { ...request, resource: roleArn, context: {} });
  const partition = partitionOfArn(roleArn);
  const others: string[] = [];
  let gateway = false;
  for (const s of statements) {
    const principal = s.Principal;
    if (principal === undefined) continue;
    const named = typeof principal === 'string' ? { AWS: [principal] } : principal;
    for (const [kind, values] of Object.entries(named)) {
      for (const value of asList(values)) {
        if (kind === 'AWS' && isDeletedPrincipal(value)) {
          others.push(`${value} (${DELETED})`);
        } else if (kind === 'AWS') {
          gateway ||= mayAllow(ask({ action: 'sts:AssumeRole', principal: awsPrincipal(value, partition), principalType: 'AWS' }));
        } else if (kind === 'Federated' && oidcProviderIssuer(value)) {
          gateway ||= mayAllow(ask({ action: 'sts:AssumeRoleWithWebIdentity', principal: value, principalType: 'Federated' }));
        } else if (kind === 'Service' && value === POD_IDENTITY) {
          if (!mayAllow(ask({ action: 'sts:AssumeRole', principal: value, principalType: 'Service' }))) continue;
          const tag = ask({ action: 'sts:TagSession', principal: value, principalType: 'Service' });
          if (!mayAllow(tag)) return { code: 'GW8014', why: tag.decision === 'deny' ? `${tag.by} denies sts:TagSession` : 'its trust policy allows no sts:TagSession' };
          gateway = true;
        } else {
          others.push(`${kind === 'Service' ? 'the service' : 'the identity provider'} ${value}`);
        }
      }
    }
  }
  if (gateway) return undefined;
  const unique = [...new Set(others)];
  return { code: 'GW8013', trusts: unique.length ? `only ${firstAndMore(unique, NAMES_SHOWN, ', ')}` : 'no principal' };
}

/**
 * A role or user's unique id in a Principal: IAM stores a role or user named by ARN as its unique id, and
 * shows the id instead of the ARN once that role or user is deleted. The trust then allows no one: "if
 * you delete the role or user, then the relationship is broken. The policy no longer applies, even if you
 * recreate the user or role" (IAM User Guide, id_roles_create_policy-examples.html, "Example: delegate
 * access to another account"). Role ids begin AROA, user ids AIDA (IAM User Guide, "Unique identifiers").
 */
export const isDeletedPrincipal = (value: string): boolean => /^(AROA|AIDA)[A-Z0-9]{12,}$/.test(value);
export const DELETED = 'a role or user deleted since the trust policy was saved: one created again with the same name is another principal';

/** The deleted roles and users a trust policy's Allow statements still name. */
export function deletedPrincipals(trustPolicy: PolicyDocument): string[] {
  const out = new Set<string>();
  for (const s of statementsOf(trustPolicy)) {
    if (s.Effect !== 'Allow' || s.Principal === undefined) continue;
    const aws = typeof s.Principal === 'string' ? [s.Principal] : asList(s.Principal['AWS']);
    for (const v of aws) if (isDeletedPrincipal(v)) out.add(v);
  }
  return [...out];
}

/**
 * The caller an AWS principal of a trust policy stands for: a role of the account it names (an account
 * id, of the role's partition; a root, of its own), a role of some account for `*`, else the ARN itself
 * (a role or a user).
 */
function awsPrincipal(value: string, partition: string): string {
  if (value === '*') return roleArnIn(partition, '000000000000', 'gwctl-probe');
  if (/^\d{12}$/.test(value)) return roleArnIn(partition, value, 'gwctl-probe');
  const root = /^arn:(aws[a-z-]*):iam::(\d{12}):root$/.exec(value);
  return root ? roleArnIn(root[1]!, root[2]!, 'gwctl-probe') : value;
}
