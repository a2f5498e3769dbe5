import type { PolicyDocument, PolicyStatement } from '../../aws/policy/policy-document';
import { oidcIssuer } from '../../model/arn';

/**
 * Who may assume an invoke role: the gateway's identity.
 * - `pod-identity`: EKS Pod Identity gives the gateway's pods the role; the EKS service principal assumes
 *   it and tags the session with the pod's cluster, namespace and service account, which the conditions
 *   pin (the tags: docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html). Without the cluster, a
 *   cluster of the same account with a namespace and service account of the same names could be given
 *   the role by whoever may create its Pod Identity associations.
 * - `irsa`: the gateway's service account token is exchanged with AssumeRoleWithWebIdentity; the trust is
 *   the cluster's OIDC provider, pinned to that service account and to the STS audience.
 * - `role`: the gateway runs as another role and assumes this one (role chaining, as Envoy's
 *   assume_role_credential_provider does with its base credentials). `sts:TagSession` too: when that
 *   role came from EKS Pod Identity (the way GW7013 and GW7023 point to), its session's tags are
 *   transitive and ride along on every AssumeRole made with it (pod-id-abac.html, "Cross-account tags"),
 *   and STS refuses the chained call without TagSession ("not authorized to perform: sts:TagSession",
 *   aws/eks-pod-identity-agent#80); AWS's own trust policy for a Pod Identity target role allows both
 *   (pod-id-assign-target-role.html). gwctl's invoke policies read no principal tags, so the tags grant
 *   nothing here.
 */
export type GatewayTrust =
  | { readonly kind: 'pod-identity'; readonly serviceAccount?: ServiceAccount | undefined; readonly cluster?: EksCluster | undefined }
  | { readonly kind: 'irsa'; readonly oidcProvider: string; readonly serviceAccount: ServiceAccount }
  | { readonly kind: 'role'; readonly roleArn: string; readonly base?: BaseTrust | undefined };

/**
 * How the gateway's role itself is given to the gateway's pods, where the flags say (`--gateway-role`
 * with `--service-account`, `--eks-cluster` or `--oidc-provider`): its own trust policy is then written.
 */
export type BaseTrust = Exclude<GatewayTrust, { readonly kind: 'role' }>;

export interface ServiceAccount {
  readonly namespace: string;
  readonly name: string;
}

/** The gateway's EKS cluster, by the session tag it is given as: its name, or its ARN (account and region too). */
export interface EksCluster {
  readonly tag: 'eks-cluster-name' | 'eks-cluster-arn';
  readonly value: string;
  /** the cluster's name (the whole value, or the ARN's last part), as a Pod Identity association names it */
  readonly name: string;
}

/** The trust policy of an invoke role in `accountId`, for the gateway identity given. */
export function trustPolicy(trust: GatewayTrust, accountId: string, partition: string): PolicyDocument {
  switch (trust.kind) {
    case 'pod-identity':
      return policy({
        Sid: 'GatewayPodIdentity',
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        ...podIdentityCondition(trust.cluster, trust.serviceAccount),
      });
    case 'irsa': {
      const issuer = oidcIssuer(trust.oidcProvider);
      return policy({
        Sid: 'GatewayServiceAccount',
        Effect: 'Allow',
        // the provider must be registered in the role's own account: its ARN is that account's
        Principal: { Federated: `arn:${partition}:iam::${accountId}:oidc-provider/${issuer}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${issuer}:sub`]: `system:serviceaccount:${trust.serviceAccount.namespace}:${trust.serviceAccount.name}`, [`${issuer}:aud`]: 'sts.amazonaws.com' } },
      });
    }
    case 'role':
      return policy({ Sid: 'GatewayRole', Effect: 'Allow', Principal: { AWS: trust.roleArn }, Action: ['sts:AssumeRole', 'sts:TagSession'] });
  }
}

function podIdentityCondition(cluster: EksCluster | undefined, account: ServiceAccount | undefined): Pick<PolicyStatement, 'Condition'> {
  const tags: Record<string, string> = {};
  if (cluster) tags[`aws:RequestTag/${cluster.tag}`] = cluster.value;
  if (account) {
    tags['aws:RequestTag/kubernetes-namespace'] = account.namespace;
    tags['aws:RequestTag/kubernetes-service-account'] = account.name;
  }
  return Object.keys(tags).length ? { Condition: { StringEquals: tags } } : {};
}

const policy = (statement: PolicyStatement): PolicyDocument => ({ Version: '2012-10-17', Statement: [statement] });
