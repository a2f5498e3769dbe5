import { oidcProviderIssuer, partitionOfArn, roleArnIn } from '../../model/arn';
import { evaluatePolicies } from '../policy/evaluate';
import { asList, statementsOf, type PolicyDocument } from '../policy/policy-document';

/**
 * Who, beyond any identity a policy names, the trust policy of an invoke role lets assume it, or
 * undefined. The role signs the gateway's calls to Lambda: whoever assumes it invokes the routed
 * functions as the gateway does. Two grants are judged, each asked of gwctl's policy evaluator as AWS
 * would ask it:
 * - any AWS principal: `sts:AssumeRole` by a role of an account no policy names (a Principal of `*`,
 *   `{"AWS": "*"}`, with no condition that limits it);
 * - any service account of a cluster: `sts:AssumeRoleWithWebIdentity` with the token of a service
 *   account no policy names, through an OIDC provider the policy trusts (no `sub` condition, or one
 *   that takes every service account).
 * A condition gwctl cannot evaluate (an organization, a source IP) is taken to limit the grant: nothing
 * is said. EKS Pod Identity without conditions (`pods.eks.amazonaws.com`, AWS's own example in
 * pod-id-role.html) is not judged: a pod gets the role only through an association, which takes
 * iam:PassRole on it.
 */
export function openTrust(trustPolicy: PolicyDocument, roleArn: string): { readonly who: string; readonly by: string } | undefined {
  const policies = [{ name: 'its trust policy', document: trustPolicy }];
  // an account of the right form that no policy can mean to name (the role's own partition)
  const anyone = evaluatePolicies(policies, { action: 'sts:AssumeRole', resource: roleArn, principal: roleArnIn(partitionOfArn(roleArn), '000000000000', 'anyone'), principalType: 'AWS', context: {} });
  if (anyone.decision === 'allow') return { who: 'any AWS principal of any account', by: anyone.by };
  for (const [provider, issuer] of oidcProviders(trustPolicy)) {
    const context = { [`${issuer}:sub`.toLowerCase()]: 'system:serviceaccount:gwctl-probe:gwctl-probe', [`${issuer}:aud`.toLowerCase()]: 'sts.amazonaws.com' };
    const token = evaluatePolicies(policies, { action: 'sts:AssumeRoleWithWebIdentity', resource: roleArn, principal: provider, principalType: 'Federated', context });
    if (token.decision === 'allow') return { who: `every service account of the cluster whose OIDC provider is ${issuer}`, by: token.by };
  }
  return undefined;
}

/** The OIDC providers a trust policy's statements name (`Federated` principals of IAM's OIDC form), with their issuers. */
function oidcProviders(document: PolicyDocument): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of statementsOf(document)) {
    if (typeof s.Principal !== 'object') continue;
    for (const p of asList(s.Principal['Federated'])) {
      const issuer = oidcProviderIssuer(p);
      if (issuer) out.set(p, issuer);
    }
  }
  return out;
}
