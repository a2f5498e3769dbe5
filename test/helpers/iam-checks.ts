import { evaluatePolicies } from '../../src/aws/policy/evaluate';
import type { PolicyDocument } from '../../src/aws/policy/policy-document';

/** The stream `render --target iam` writes (JSON form). */
export interface IamOutput {
  readonly invokeRoles: ReadonlyArray<{ readonly role: string | null; readonly invokePolicy: PolicyDocument; readonly trustPolicy: PolicyDocument | null; readonly functionPermissions: readonly FunctionPermission[] }>;
  readonly podIdentityAssociation?: { readonly clusterName: string; readonly namespace: string; readonly serviceAccount: string; readonly roleArn: string };
}

/** AddPermission's parameters, as the output gives them. */
export interface FunctionPermission {
  readonly FunctionName: string;
  readonly Qualifier?: string;
  readonly StatementId: string;
  readonly Action: string;
  readonly Principal: string;
}

/** The statement AddPermission adds to the policy of what it names: the function, or one qualifier of it. */
const permissionStatement = (p: FunctionPermission): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Sid: p.StatementId, Effect: 'Allow', Principal: { AWS: p.Principal }, Action: p.Action, Resource: permissionTarget(p) }],
});
const permissionTarget = (p: FunctionPermission) => (p.Qualifier !== undefined ? `${p.FunctionName}:${p.Qualifier}` : p.FunctionName);

/** Who is expected to assume the invoke roles, as the flags said. */
export type ExpectedTrust =
  | { readonly kind: 'pod-identity'; readonly namespace?: string; readonly serviceAccount?: string; readonly cluster?: { readonly tag: string; readonly value: string } }
  | { readonly kind: 'irsa'; readonly issuer: string; readonly namespace: string; readonly serviceAccount: string }
  /** `base`: how the gateway's role is given to the pods, when the flags say; its own trust is then expected */
  | { readonly kind: 'role'; readonly roleArn: string; readonly base?: Exclude<ExpectedTrust, { kind: 'role' }> };

/**
 * What `gwctl routes -f json` says: the ground truth of who invokes what, independent of the iam emitter
 * (the routes, and the functions the policies send requests to).
 * A route invokes on a listener when a request there can match it: it has no matcher, or one that names
 * no port or the listener's (a matcher's port is the port the request came in on).
 */
export function invokedByRole(routes: any): Map<string | null, Set<string>> {
  const out = new Map<string | null, Set<string>>();
  const add = (d: { invokeRole?: { arn: string }; arn: string }) => {
    const role = d.invokeRole?.arn ?? null;
    if (!out.has(role)) out.set(role, new Set());
    out.get(role)!.add(d.arn);
  };
  for (const l of routes.listeners) {
    for (const h of l.hosts) {
      for (const r of h.routes) {
        if (r.action.kind !== 'forward') continue;
        if (r.matchers.length > 0 && !r.matchers.some((m: { port?: number }) => m.port === undefined || m.port === l.port)) continue;
        for (const d of r.action.destinations) if (d.kind === 'lambda') add(d);
      }
    }
  }
  // a policy's functions (a mirror, a JWT provider's keys), which Gloo Platform's gateway invokes as their
  // provider's role: the model's `lambdas` of each policy
  for (const p of routes.policies ?? []) for (const d of p.lambdas ?? []) add(d);
  return out;
}

const allow = (doc: PolicyDocument, request: Parameters<typeof evaluatePolicies>[1]) => evaluatePolicies([{ name: 'emitted', document: doc }], request).decision === 'allow';

/**
 * Properties of emitted IAM policies, judged with gwctl's own evaluator against the routes table:
 * - every role the routes invoke as has one entry, and no other role does;
 * - its invoke policy allows lambda:InvokeFunction on each ARN its routes invoke;
 * - and on nothing else gwctl can name: another function of the manifests, any function (a made-up name),
 *   any other qualifier of a needed function, the unqualified function when only a qualifier is needed,
 *   another Lambda action;
 * - its trust policy lets the expected gateway identity assume it, and not another service account;
 * - with --gateway-role, that role's policy (the entry of the gateway's own credentials) allows it to
 *   assume and tag the session of each invoke role, and no other role; no invoke role may assume one;
 * - each function of another account than the calling role's (the invoke role, or the gateway's role when
 *   --gateway-role names it) has a permission (AddPermission's statement, on the qualifier invoked) that
 *   lets that role invoke it, and no permission names another function, qualifier or principal; statement
 *   ids are AddPermission's characters and unique in each function's policy.
 */
export function iamViolations(output: IamOutput, routes: any, trust: ExpectedTrust): string[] {
  const problems: string[] = [];
  const needed = invokedByRole(routes);
  const known = new Set<string>(routes.providers.flatMap((p: any) => p.functions.map((f: any) => f.arn)));
  const entries = new Map(output.invokeRoles.map((e) => [e.role, e]));
  const statementIds = new Map<string, Set<string>>();
  for (const role of needed.keys()) if (!entries.has(role)) problems.push(`no policy for ${role ?? 'the gateway identity'}`);
  const invokeRoles = [...needed.keys()].filter((r): r is string => r !== null);
  // with --gateway-role, that role assumes the invoke roles: it has a policy even where it invokes nothing itself
  const gatewayRole = trust.kind === 'role' && invokeRoles.length > 0;
  if (gatewayRole && !needed.has(null) && !entries.has(null)) problems.push('no policy for the gateway identity, which assumes the invoke roles');
  for (const [role, entry] of entries) {
    const arns = needed.get(role) ?? (role === null && gatewayRole ? new Set<string>() : undefined);
    const who = role ?? 'the gateway identity';
    if (!arns) {
      problems.push(`a policy for ${who}, which no route invokes as`);
      continue;
    }
    // the gateway's role assumes exactly the invoke roles (tagged: its Pod Identity session's tags ride
    // along); across accounts the trust alone does not let it, so every role is asked of its policy
    const assumes = role === null && gatewayRole ? invokeRoles : [];
    for (const target of assumes) {
      for (const action of ['sts:AssumeRole', 'sts:TagSession']) if (!allow(entry.invokePolicy, { action, resource: target })) problems.push(`${who} may not ${action} on ${target}`);
    }
    const otherRole = `arn:aws:iam::${(invokeRoles[0] ?? 'arn:aws:iam::123456789012:').split(':')[4]}:role/probe-role`;
    if (allow(entry.invokePolicy, { action: 'sts:AssumeRole', resource: otherRole })) problems.push(`${who} may also assume ${otherRole}`);
    for (const target of invokeRoles) if (!assumes.includes(target) && allow(entry.invokePolicy, { action: 'sts:AssumeRole', resource: target })) problems.push(`${who} may also assume ${target}`);
    for (const arn of arns) if (!allow(entry.invokePolicy, { action: 'lambda:InvokeFunction', resource: arn })) problems.push(`${who} may not invoke ${arn}`);
    const probes = new Set<string>(known);
    for (const arn of arns) {
      const parts = arn.split(':');
      const base = parts.slice(0, 7).join(':');
      probes.add(base).add(`${base}:probe-qualifier`).add(`${parts.slice(0, 6).join(':')}:probe-function`);
    }
    for (const probe of probes) if (!arns.has(probe) && allow(entry.invokePolicy, { action: 'lambda:InvokeFunction', resource: probe })) problems.push(`${who} may also invoke ${probe}`);
    for (const action of ['lambda:UpdateFunctionCode', 'lambda:GetFunction', 'iam:PassRole']) {
      if (allow(entry.invokePolicy, { action, resource: [...arns][0]! })) problems.push(`${who} may also ${action}`);
    }
    // who calls the functions: the invoke role, or the gateway's role when the flags name it
    const principal = role ?? (trust.kind === 'role' ? trust.roleArn : null);
    if (principal === null) {
      if (entry.functionPermissions.length) problems.push(`${who} has function permissions: gwctl cannot name it`);
    } else {
      const account = principal.split(':')[4];
      for (const arn of arns) {
        if (arn.split(':')[4] === account) continue;
        const allowed = entry.functionPermissions.some((p) => allow(permissionStatement(p), { action: 'lambda:InvokeFunction', resource: arn, principal }));
        if (!allowed) problems.push(`${who}: the account of ${arn} does not let it invoke that`);
      }
      for (const p of entry.functionPermissions) {
        const target = permissionTarget(p);
        if (!arns.has(target) || target.split(':')[4] === account) problems.push(`${who}: a permission on ${target}, which it needs none on`);
        if (p.Principal !== principal || p.Action !== 'lambda:InvokeFunction') problems.push(`${who}: a permission of ${p.Action} for ${p.Principal}`);
        if (!/^[A-Za-z0-9_-]{1,100}$/.test(p.StatementId)) problems.push(`${who}: statement id ${p.StatementId} is not one AddPermission takes`);
        const ids = statementIds.get(target) ?? new Set<string>();
        if (ids.has(p.StatementId)) problems.push(`${who}: statement id ${p.StatementId} is already in the policy of ${target}`);
        statementIds.set(target, ids.add(p.StatementId));
      }
    }
    if (role === null) {
      // the gateway's role, where the flags say how the pods are given it: its trust is judged as an invoke role's would be
      const base = trust.kind === 'role' ? trust.base : undefined;
      if (!base) {
        if (entry.trustPolicy !== null) problems.push('the gateway identity has a trust policy: it assumes no role');
        continue;
      }
      if (!entry.trustPolicy) {
        problems.push('the gateway\'s role has no trust policy');
        continue;
      }
      problems.push(...trustProblems(entry.trustPolicy, base, (trust as { roleArn: string }).roleArn, 'the gateway\'s role'));
      continue;
    }
    if (!entry.trustPolicy) {
      problems.push(`${who} has no trust policy`);
      continue;
    }
    problems.push(...trustProblems(entry.trustPolicy, trust, role, who));
  }
  problems.push(...associationProblems(output, trust, [...needed.keys()].filter((r): r is string => r !== null)));
  return problems;
}

/**
 * The Pod Identity association: written exactly when the flags name the cluster and the service account
 * and one role is given to the pods (the gateway's role, or the one invoke role), of the cluster's account
 * where its ARN says; for that role and service account, in the cluster the flags name.
 */
function associationProblems(output: IamOutput, trust: ExpectedTrust, invokeRoles: readonly string[]): string[] {
  const pod = trust.kind === 'role' ? trust.base : trust;
  const role = trust.kind === 'role' ? trust.roleArn : invokeRoles.length === 1 ? invokeRoles[0] : undefined;
  const cluster = pod?.kind === 'pod-identity' ? pod.cluster : undefined;
  const sameAccount = !cluster || cluster.tag !== 'eks-cluster-arn' || cluster.value.split(':')[4] === role?.split(':')[4];
  const expected = pod?.kind === 'pod-identity' && pod.namespace && pod.serviceAccount && cluster && role && sameAccount ? { clusterName: cluster.value.replace(/^arn:.*:cluster\//, ''), namespace: pod.namespace, serviceAccount: pod.serviceAccount, roleArn: role } : undefined;
  const found = output.podIdentityAssociation;
  if (!expected) return found ? [`a Pod Identity association, where none can be named: ${JSON.stringify(found)}`] : [];
  if (!found) return ['no Pod Identity association, where the flags name all it takes'];
  return JSON.stringify(found) === JSON.stringify(expected) ? [] : [`the Pod Identity association ${JSON.stringify(found)} is not ${JSON.stringify(expected)}`];
}

/** Whether a role's trust policy lets the expected identity assume it, and refuses the others asked. */
function trustProblems(trustPolicy: PolicyDocument, trust: ExpectedTrust, role: string, who: string): string[] {
  const problems: string[] = [];
  for (const [expected, request] of trustRequests(trust, role.split(':')[4]!)) {
    if (allow(trustPolicy, { ...request, resource: role }) !== expected) problems.push(`${who}: ${request.what} ${expected ? 'may not' : 'may'} assume it`);
    // a caller with session tags is refused the whole AssumeRole unless the trust allows sts:TagSession too
    if (expected && request.tagged && !allow(trustPolicy, { ...request, action: 'sts:TagSession', resource: role })) problems.push(`${who}: ${request.what} may not tag its session, so its AssumeRole is refused`);
  }
  return problems;
}

/**
 * One AssumeRole call. `tagged`: the call carries session tags, so STS asks for `sts:TagSession` as well:
 * EKS Pod Identity tags its own call, and its tags are transitive, so they ride along on every AssumeRole
 * made with a Pod Identity session (pod-id-abac.html, "Cross-account tags"): the gateway's role is asked
 * as such a session, the way GW7013 and GW7023 point to.
 */
type TrustRequest = { what: string; action: string; principal: string; principalType: 'AWS' | 'Service' | 'Federated'; context: Record<string, string>; tagged?: boolean };

function trustRequests(trust: ExpectedTrust, account: string): Array<[boolean, TrustRequest]> {
  switch (trust.kind) {
    case 'pod-identity': {
      // a session as Pod Identity tags it: every tag, the cluster's name and ARN both (pod-id-abac.html)
      const cluster = trust.cluster?.value ?? 'arn:aws:eks:us-east-1:123456789012:cluster/any';
      const pod = (namespace: string, name: string, clusterValue = cluster) => {
        const arn = clusterValue.startsWith('arn:') ? clusterValue : `arn:aws:eks:us-east-1:${account}:cluster/${clusterValue}`;
        const context = { 'aws:requesttag/eks-cluster-arn': arn, 'aws:requesttag/eks-cluster-name': arn.slice(arn.indexOf('/') + 1), 'aws:requesttag/kubernetes-namespace': namespace, 'aws:requesttag/kubernetes-service-account': name };
        return { what: `EKS Pod Identity for ${namespace}/${name} in ${arn}`, action: 'sts:AssumeRole', principal: 'pods.eks.amazonaws.com', principalType: 'Service' as const, context, tagged: true };
      };
      const namespace = trust.namespace ?? 'any';
      const name = trust.serviceAccount ?? 'any';
      const requests: Array<[boolean, TrustRequest]> = [[true, pod(namespace, name)]];
      if (trust.namespace) requests.push([false, pod('other', name)]);
      if (trust.cluster) {
        // another cluster of the same name elsewhere (another region), or of another name
        const other = trust.cluster.tag === 'eks-cluster-arn' ? cluster.replace(/:eks:[^:]+:/, ':eks:eu-west-3:') : `${cluster}-other`;
        requests.push([false, pod(namespace, name, other)]);
      }
      return requests;
    }
    case 'irsa': {
      const token = (sub: string, aud = 'sts.amazonaws.com') => ({ what: `the token of ${sub} for ${aud}`, action: 'sts:AssumeRoleWithWebIdentity', principal: `arn:aws:iam::${account}:oidc-provider/${trust.issuer}`, principalType: 'Federated' as const, context: { [`${trust.issuer}:sub`.toLowerCase()]: sub, [`${trust.issuer}:aud`.toLowerCase()]: aud } });
      return [
        [true, token(`system:serviceaccount:${trust.namespace}:${trust.serviceAccount}`)],
        [false, token(`system:serviceaccount:other:${trust.serviceAccount}`)],
        [false, token(`system:serviceaccount:${trust.namespace}:${trust.serviceAccount}`, 'other-audience')],
      ];
    }
    case 'role':
      return [
        [true, { what: `${trust.roleArn} (a Pod Identity session)`, action: 'sts:AssumeRole', principal: trust.roleArn, principalType: 'AWS', context: {}, tagged: true }],
        [false, { what: 'another role', action: 'sts:AssumeRole', principal: `arn:aws:iam::${account}:role/someone-else`, principalType: 'AWS', context: {} }],
      ];
  }
}
