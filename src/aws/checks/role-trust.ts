import { finding, type Finding, type ResourceRef } from '../../diagnostics/finding';
import type { Anchor } from '../../source/anchor';
import type { PolicyDocument } from '../policy/policy-document';
import { gatewayTrustGap } from './gateway-trust';
import { openTrust } from './open-trust';

/**
 * What a role's trust policy says of who may assume it, for a role the gateway's calls are signed as (an
 * invoke role, or the gateway's own role): open to anyone (GW8012, an error with --strict-iam), open to no
 * gateway identity (GW8013, invoke roles only: the gateway's own role may be an instance profile's or a
 * task's, which EC2 or ECS assume for it), or to EKS Pod Identity without its session tags (GW8014).
 */
export function judgeTrust(trustPolicy: PolicyDocument, role: { readonly arn: string; readonly name: string }, kind: 'invoke role' | 'gateway role', at: Anchor, resource: ResourceRef | undefined, strictIam: boolean | undefined, findings: Finding[]): void {
  const open = openTrust(trustPolicy, role.arn);
  if (open) findings.push(finding('GW8012', { role: role.name, who: open.who, by: open.by }, at, { resource, ...(strictIam ? { severity: 'error' as const } : {}) }));
  const gap = gatewayTrustGap(trustPolicy, role.arn);
  if (gap?.code === 'GW8013' && kind === 'invoke role') findings.push(finding('GW8013', { role: role.name, trusts: gap.trusts }, at, { resource }));
  if (gap?.code === 'GW8014') findings.push(finding('GW8014', { role: role.name, why: gap.why }, at, { resource }));
}
