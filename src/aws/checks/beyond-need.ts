import { functionArn } from '../../model/arn';
import type { ProviderNode } from '../../model/types';
import type { PolicyDocument } from '../policy/policy-document';
import { evaluatePolicies } from '../policy/evaluate';
import { firstAndMore } from '../../text/first-and-more';

/** A function name no account has: a policy that allows invoking it allows invoking any function. */
export const PROBE_FUNCTION = 'gwctl-probe-any-function';
/** A qualifier no function has: a policy that allows it allows every version and alias. */
export const PROBE_QUALIFIER = 'gwctl-probe-any-qualifier';
/** Lambda actions an invoke role never needs: allowing one is more than routing needs. */
const OTHER_ACTIONS = ['lambda:UpdateFunctionCode', 'lambda:DeleteFunction', 'lambda:AddPermission'];

/**
 * What a role's identity policies allow beyond the ARNs its routes invoke, in words, or undefined when
 * they allow exactly what is needed. Judged on ARNs gwctl can name: any function (a probe name no one
 * uses), any version or alias of a needed function (a probe qualifier), the unqualified function where
 * only qualifiers are needed, the other functions the manifests declare in the account, and Lambda
 * actions other than invoking. A pattern that is broader only over functions gwctl cannot name is not seen.
 */
export function beyondNeed(policies: ReadonlyArray<{ readonly name: string; readonly document: PolicyDocument }>, needed: readonly string[], providers: readonly ProviderNode[]): string | undefined {
  if (needed.length === 0) return undefined;
  const need = new Set(needed);
  const allows = (action: string, resource: string) => evaluatePolicies(policies, { action, resource }).decision === 'allow';
  const found: string[] = [];
  const regions = new Set(providers.map((p) => p.region));
  const account = providers[0]!.accountId;
  for (const region of regions) {
    if (allows('lambda:InvokeFunction', functionArn(region, account, PROBE_FUNCTION, '$LATEST'))) found.push(`invoking any function in ${region}`);
  }
  if (found.length === 0) {
    const bases = new Map<string, string>();
    for (const arn of need) bases.set(arn.split(':').slice(0, 7).join(':'), arn.split(':')[6]!);
    for (const [base, name] of bases) {
      if (allows('lambda:InvokeFunction', `${base}:${PROBE_QUALIFIER}`)) found.push(`invoking any version or alias of ${name}`);
      else if (!need.has(base) && allows('lambda:InvokeFunction', base)) found.push(`invoking ${name} unqualified ($LATEST)`);
    }
    const others = providers.flatMap((p) => p.functions.map((f) => f.arn)).filter((arn) => !need.has(arn));
    for (const arn of new Set(others)) if (allows('lambda:InvokeFunction', arn)) found.push(`invoking ${arn}, which no route of the role uses`);
  }
  const sample = needed[0]!;
  for (const action of OTHER_ACTIONS) if (allows(action, sample)) found.push(`${action}`);
  if (found.length === 0) return undefined;
  return `it allows ${firstAndMore(found, 3, '; ')}, where its routes need lambda:InvokeFunction on ${need.size} ARN${need.size === 1 ? '' : 's'}`;
}
