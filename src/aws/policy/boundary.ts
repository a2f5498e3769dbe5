import { evaluatePolicies, type EvaluationRequest, type Verdict } from './evaluate';
import type { PolicyDocument } from './policy-document';

/**
 * A verdict within a role's permissions boundary: the boundary caps what the role's identity policies
 * grant, and what a resource-based policy grants to the role's ARN (a trust naming the role, a function
 * permission AddPermission wrote for it), so the call needs the boundary's Allow too, and its Deny wins
 * (IAM User Guide, reference_policies_evaluation-logic_policy-eval-denyallow.html). The boundary is asked
 * as an identity policy: without the request's principal.
 */
export function withinBoundary(verdict: Verdict, boundary: { readonly name: string; readonly document: PolicyDocument } | null | undefined, request: EvaluationRequest): Verdict {
  if (!boundary || verdict.decision === 'deny') return verdict;
  const { principal: _, principalType: __, ...identityRequest } = request;
  const cap = evaluatePolicies([boundary], identityRequest);
  if (cap.decision === 'deny') return cap;
  if (cap.decision === 'implicit-deny') return { decision: 'implicit-deny' };
  return cap.decision === 'undecidable' && verdict.decision === 'allow' ? cap : verdict;
}
