import { finding, type Finding, type ResourceRef } from '../../diagnostics/finding';
import type { Anchor } from '../../source/anchor';
import type { AwsApis } from '../apis';
import { withinBoundary } from '../policy/boundary';
import { evaluatePolicies } from '../policy/evaluate';
import { invokeContext } from '../policy/invoke-context';
import type { PolicyDocument } from '../policy/policy-document';
import { baseArn, type FunctionUse } from './function-uses';
import { guarded } from './guarded';

export interface NamedPolicy {
  readonly name: string;
  readonly document: PolicyDocument;
}

/** Who invokes a function: an invoke role, or the gateway's role on its own credentials. */
export interface Invoker {
  readonly name: string;
  readonly arn: string;
  readonly accountId: string;
  /** its identity policies; undefined or null where they could not be read (nothing is judged of them) */
  readonly policies: readonly NamedPolicy[] | null | undefined;
  /** its permissions boundary, where it has one that could be read */
  readonly boundary: NamedPolicy | null | undefined;
  /** where a finding about what it may invoke is placed */
  readonly at: Anchor;
  readonly resource: ResourceRef | undefined;
}

/**
 * Whether `invoker` may call lambda:InvokeFunction on the function `u` names, as AWS decides it: its
 * identity policies within its permissions boundary, and the function's resource policy, which in the
 * invoker's own account may allow the call on its own and in another account must allow it as well
 * (GW8005, GW8006, GW8008). `apis` are those of the function's account; `name` names the function there.
 */
export async function judgeInvocation(invoker: Invoker, u: FunctionUse, apis: AwsApis, name: string, findings: Finding[]): Promise<void> {
  const sameAccount = u.accountId === invoker.accountId;
  const docs = invoker.policies;
  if (docs) {
    const request = { action: 'lambda:InvokeFunction', resource: u.arn, principal: invoker.arn, context: invokeContext(u.region, invoker.arn) };
    let verdict = evaluatePolicies(docs, request);
    // Within one account, the function's resource policy can allow the role on its own: AWS allows a
    // request that any identity or resource policy allows and none denies. Lambda's AddPermission
    // writes only Allow statements, so the resource policy is read only when the identity policies
    // do not allow the call already.
    if (sameAccount && (verdict.decision === 'implicit-deny' || verdict.decision === 'undecidable')) {
      const resourcePolicy = await guarded(findings, u.at, `the resource policy of ${u.arn}`, () => apis.lambda.resourcePolicy(name, u.qualifier), u.resource);
      if (resourcePolicy) verdict = evaluatePolicies([...docs, { name: 'the function\'s resource policy', document: resourcePolicy }], request);
    }
    // the boundary caps both the role's policies and a resource policy's grant to the role's ARN
    // (AddPermission names the role, not a session of it)
    const granted = verdict;
    verdict = withinBoundary(granted, invoker.boundary, request);
    const cappedBy = verdict.decision === 'implicit-deny' && granted.decision !== 'implicit-deny' ? invoker.boundary!.name : undefined;
    const extra = { resource: invoker.resource };
    if (cappedBy) findings.push(finding('GW8005', { role: invoker.name, arn: u.arn, detail: `its ${cappedBy} does not allow lambda:InvokeFunction on it` }, invoker.at, extra));
    else if (verdict.decision === 'deny') findings.push(finding('GW8005', { role: invoker.name, arn: u.arn, detail: `explicitly denied by ${verdict.by}` }, invoker.at, extra));
    else if (verdict.decision === 'implicit-deny') findings.push(finding('GW8005', { role: invoker.name, arn: u.arn, detail: sameAccount ? 'neither the role\'s policies nor the function\'s resource policy allow lambda:InvokeFunction on it' : 'no policy of the role allows lambda:InvokeFunction on it' }, invoker.at, extra));
    else if (verdict.decision === 'undecidable') findings.push(finding('GW8006', { role: invoker.name, arn: u.arn, keys: verdict.keys.join(', '), policy: verdict.by }, invoker.at, extra));
  }
  if (sameAccount) return;
  const policy = await guarded(findings, u.at, `the resource policy of ${u.arn}`, () => apis.lambda.resourcePolicy(baseArn(u), u.qualifier), u.resource);
  if (policy === undefined) return;
  const verdict = policy ? evaluatePolicies([{ name: 'resource policy', document: policy }], { action: 'lambda:InvokeFunction', resource: u.arn, principal: invoker.arn, context: invokeContext(u.region, invoker.arn) }) : ({ decision: 'implicit-deny' } as const);
  if (verdict.decision === 'allow') return;
  const detail = verdict.decision === 'deny' ? `denied by ${verdict.by}` : verdict.decision === 'undecidable' ? `it depends on ${verdict.keys.join(', ')}` : policy ? 'no statement allows it' : 'the function has no resource policy';
  findings.push(
    verdict.decision === 'undecidable'
      ? finding('GW8006', { role: invoker.name, arn: u.arn, keys: verdict.keys.join(', '), policy: 'the resource policy' }, u.at, { resource: u.resource })
      : finding('GW8008', { arn: u.arn, account: u.accountId, role: invoker.arn, detail }, u.at, { resource: u.resource }),
  );
}
