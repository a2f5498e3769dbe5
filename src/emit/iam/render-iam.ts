import { finding, type Finding } from '../../diagnostics/finding';
import type { PolicyDocument, PolicyStatement } from '../../aws/policy/policy-document';
import { accountOf, partitionOf, partitionOfArn, roleNameOf } from '../../model/arn';
import type { Model } from '../../model/types';
import type { Emitted, EmittedDocument } from '../emitted';
import { NameRegistry } from '../names';
import { functionPermissions, type FunctionPermission } from './function-permissions';
import { invokeNeeds, type InvokeNeed } from './invoke-needs';
import { policyDocumentData, terraformLiteral } from './terraform';
import { trustPolicy, type GatewayTrust } from './trust-policy';
import { firstAndMore, NAMES_SHOWN } from '../../text/first-and-more';

export type IamFormat = 'json' | 'terraform';

export interface IamOptions {
  readonly trust: GatewayTrust;
  readonly format: IamFormat;
}

/** IAM's limit on the policies of one role: inline policies together (managed ones allow 6,144 each). */
export const INLINE_POLICY_LIMIT = 10_240;

/**
 * Least privilege from the routes: per invoke role, the identity policy that allows lambda:InvokeFunction
 * on exactly the ARNs its routes (and its policies' destinations: invoke-needs.ts) invoke, and the trust
 * policy that lets the gateway's identity assume it; for functions invoked with the gateway's own
 * credentials, the identity policy for that identity, which with `--gateway-role` also assumes exactly the
 * invoke roles.
 * As one JSON document (a stream), or per role into --out-dir: `<account>-<role>.invoke-policy.json` and
 * `.trust-policy.json`, ready for `aws iam put-role-policy` and `create-role`; with `terraform`,
 * `aws_iam_policy_document` data sources in `.tf.json`.
 */
export function renderIam(model: Model, options: IamOptions): Emitted {
  const findings: Finding[] = [];
  const needs = withGatewayRole(invokeNeeds(model), options.trust);
  const assumed = options.trust.kind === 'role' ? needs.flatMap((n) => (n.roleArn ? [n.roleArn] : [])) : [];
  const files = new NameRegistry((raw) => raw.replace(/[^A-Za-z0-9_.@=,+-]+/g, '_'), '-');
  const dataNames = new NameRegistry((raw) => raw.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^(?=\d)/, '_'), '_');
  const documents: EmittedDocument[] = [];
  const entries: Array<Record<string, unknown>> = [];
  const data: Record<string, unknown> = {};
  const permissionResources: Record<string, unknown> = {};

  for (const need of needs) {
    const invoke = invokePolicy(need, need.roleArn ? [] : assumed);
    const trust = need.accountId ? trustPolicy(options.trust, need.accountId, partitionOf(need.functionArns[0]!.split(':')[3]!)) : gatewayRoleTrust(options.trust);
    const size = JSON.stringify(invoke).length;
    if (need.role && size > INLINE_POLICY_LIMIT) {
      findings.push(finding('GW7012', { role: need.role.name, size, count: need.functionArns.length, maximum: INLINE_POLICY_LIMIT }, need.role.source, { resource: need.role.owner }));
    }
    const permissions = functionPermissions(need, options.trust.kind === 'role' ? options.trust.roleArn : undefined);
    const base = files.nameFor(need.roleArn ?? '', need.roleArn ? `${need.accountId}-${need.roleName}` : 'gateway');
    if (options.format === 'terraform') {
      // Terraform names start with a letter: the role's name first, then its account
      const stem = need.roleArn ? `${need.roleName}_${need.accountId}` : 'gateway';
      const invokeName = dataNames.nameFor(`${need.roleArn ?? ''} invoke`, `${stem}_invoke`);
      const blocks: Record<string, unknown> = { [invokeName]: policyDocumentData(invoke) };
      if (trust) blocks[dataNames.nameFor(`${need.roleArn} trust`, `${stem}_trust`)] = policyDocumentData(trust);
      Object.assign(data, blocks);
      const resources: Record<string, unknown> = {};
      for (const p of permissions) resources[dataNames.nameFor(`${need.roleArn} ${p.FunctionName}:${p.Qualifier ?? ''}`, `${stem}_invokes_${p.FunctionName.slice(p.FunctionName.lastIndexOf(':') + 1)}_${p.Qualifier ?? 'unqualified'}`)] = lambdaPermission(p);
      Object.assign(permissionResources, resources);
      documents.push({ name: `${base}.tf.json`, value: terraformLiteral({ data: { aws_iam_policy_document: blocks }, ...(permissions.length ? { resource: { aws_lambda_permission: resources } } : {}) }) });
    } else {
      documents.push({ name: `${base}.invoke-policy.json`, value: invoke });
      if (trust) documents.push({ name: `${base}.trust-policy.json`, value: trust });
      if (permissions.length) documents.push({ name: `${base}.function-permissions.json`, value: permissions });
      entries.push({
        role: need.roleArn ?? null,
        identity: need.roleArn ? 'invoke role' : options.trust.kind === 'role' ? `the gateway's role ${options.trust.roleArn} (its own credentials, which assume the invoke roles)` : 'the gateway\'s own credentials (no role is assumed)',
        routes: need.routes,
        ...(need.policies.length ? { policies: need.policies } : {}),
        invokePolicy: invoke,
        trustPolicy: trust ?? null,
        functionPermissions: permissions,
      });
    }
  }
  const roles = needs.filter((n) => n.role);
  // EKS Pod Identity passes a role to the cluster's pods with iam:PassRole, in the cluster's account: a
  // role of another account is reached only through one of its own (docs.aws.amazon.com/eks/latest/
  // userguide/pod-id-assign-target-role.html). Known when the cluster is named by its ARN. With
  // --gateway-role it is that role Pod Identity gives, and the invoke roles it assumes may be anywhere.
  const podIdentity = options.trust.kind === 'role' ? options.trust.base : options.trust;
  const cluster = podIdentity?.kind === 'pod-identity' && podIdentity.cluster?.tag === 'eks-cluster-arn' ? podIdentity.cluster.value : undefined;
  const clusterAccount = cluster && accountOf(cluster);
  if (cluster && options.trust.kind === 'role' && accountOf(options.trust.roleArn) !== clusterAccount && roles[0]) {
    // the role is the flag's, so the finding is placed where the manifests rely on it: the first invoke role
    findings.push(finding('GW7023', { what: 'the gateway\'s role', role: roleNameOf(options.trust.roleArn), account: accountOf(options.trust.roleArn), cluster, clusterAccount: clusterAccount! }, roles[0].role!.source, { resource: roles[0].role!.owner }));
  }
  for (const need of options.trust.kind === 'role' ? [] : roles) {
    if (!cluster || need.accountId === clusterAccount) continue;
    findings.push(finding('GW7023', { what: 'invoke role', role: need.roleName!, account: need.accountId!, cluster, clusterAccount: clusterAccount! }, need.role!.source, { resource: need.role!.owner }));
  }
  if (options.trust.kind === 'pod-identity' && roles.length > 1) {
    const second = roles[1]!.role!;
    findings.push(finding('GW7013', { count: roles.length, roles: firstAndMore(roles.map((n) => n.roleName!), NAMES_SHOWN, ', ') }, second.source, { resource: second.owner }));
  }
  const association = podIdentityAssociation(options.trust, roles);
  if (association && options.format === 'json') documents.push({ name: 'pod-identity-association.json', value: association });
  const resources = {
    ...(Object.keys(permissionResources).length ? { aws_lambda_permission: permissionResources } : {}),
    ...(association ? { aws_eks_pod_identity_association: { gateway: { cluster_name: association.clusterName, namespace: association.namespace, service_account: association.serviceAccount, role_arn: association.roleArn } } } : {}),
  };
  if (association && options.format === 'terraform') documents.push({ name: 'pod-identity-association.tf.json', value: terraformLiteral({ resource: { aws_eks_pod_identity_association: resources.aws_eks_pod_identity_association } }) });
  const stream =
    options.format === 'terraform'
      ? terraformLiteral({ data: { aws_iam_policy_document: data }, ...(Object.keys(resources).length ? { resource: resources } : {}) })
      : { invokeRoles: entries, ...(association ? { podIdentityAssociation: association } : {}) };
  return { documents, stream, findings, header: [] };
}

/** EKS's CreatePodIdentityAssociation request (docs.aws.amazon.com/eks/latest/APIReference/API_CreatePodIdentityAssociation.html). */
interface PodIdentityAssociation {
  readonly clusterName: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly roleArn: string;
}

/**
 * The association that gives the gateway's pods their role through EKS Pod Identity, where the flags name
 * all it takes (the cluster and the service account): the gateway's role with --gateway-role, else the
 * one invoke role. A service account has one association, so with several invoke roles none is written
 * (GW7013 says what to do instead), nor for a role of another account than the cluster's ARN (GW7023).
 */
function podIdentityAssociation(trust: GatewayTrust, roles: readonly InvokeNeed[]): PodIdentityAssociation | undefined {
  const pod = trust.kind === 'role' ? trust.base : trust;
  if (pod?.kind !== 'pod-identity' || !pod.serviceAccount || !pod.cluster) return undefined;
  const roleArn = trust.kind === 'role' ? trust.roleArn : roles.length === 1 ? roles[0]!.roleArn : undefined;
  if (!roleArn) return undefined;
  const { tag, value, name } = pod.cluster;
  if (tag === 'eks-cluster-arn' && accountOf(value) !== accountOf(roleArn)) return undefined;
  return { clusterName: name, namespace: pod.serviceAccount.namespace, serviceAccount: pod.serviceAccount.name, roleArn };
}

/** The trust policy of the gateway's role, where the flags say how the gateway's pods are given it. */
function gatewayRoleTrust(trust: GatewayTrust): PolicyDocument | undefined {
  if (trust.kind !== 'role' || !trust.base) return undefined;
  return trustPolicy(trust.base, accountOf(trust.roleArn), partitionOfArn(trust.roleArn));
}

/**
 * With `--gateway-role`, that role assumes every invoke role, so it has a policy even where no route
 * invokes a function on its own credentials: the entry of the gateway's own credentials, with no function.
 */
function withGatewayRole(needs: InvokeNeed[], trust: GatewayTrust): InvokeNeed[] {
  if (trust.kind !== 'role' || !needs.some((n) => n.roleArn) || needs.some((n) => !n.roleArn)) return needs;
  return [{ roleArn: undefined, roleName: undefined, role: undefined, accountId: undefined, functionArns: [], routes: [], policies: [] }, ...needs];
}

/**
 * Invoke exactly these ARNs; nothing else (Lambda authorizes the ARN a call names, qualifier included).
 * The gateway's role also assumes exactly the invoke roles (`assumed`), with `sts:TagSession` for the
 * Pod Identity tags its session carries (see trust-policy.ts). Across accounts the trust policy alone does
 * not let it: the caller's account must allow the call too (IAM User Guide, "Cross-account policy
 * evaluation logic"; for a Pod Identity target role, pod-id-assign-target-role.html, "Update the
 * permission policy for EKS Pod Identity role"); in the role's own account the statement is what the trust
 * already grants, written so that the role's reach is read in one place.
 */
function invokePolicy(need: InvokeNeed, assumed: readonly string[]): PolicyDocument {
  const statements: PolicyStatement[] = [];
  if (need.functionArns.length) statements.push({ Sid: 'InvokeRoutedFunctions', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: oneOrList(need.functionArns) });
  if (assumed.length) statements.push({ Sid: 'AssumeInvokeRoles', Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: oneOrList(assumed) });
  return { Version: '2012-10-17', Statement: statements };
}

const oneOrList = (items: readonly string[]) => (items.length === 1 ? items[0]! : items);

/**
 * Terraform's `aws_lambda_permission` for a permission. It is created in the function's account: the
 * provider that applies it must hold that account's credentials (a provider alias of the user's).
 */
function lambdaPermission(p: FunctionPermission): Record<string, unknown> {
  return { function_name: p.FunctionName, ...(p.Qualifier !== undefined ? { qualifier: p.Qualifier } : {}), statement_id: p.StatementId, action: p.Action, principal: p.Principal };
}
