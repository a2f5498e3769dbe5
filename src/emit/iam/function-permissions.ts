import { accountOf, functionArn, parseFunctionArn, roleNameOf } from '../../model/arn';
import type { InvokeNeed } from './invoke-needs';

/**
 * One statement a function's account must add to the function's resource policy, as Lambda's
 * AddPermission takes it (`aws lambda add-permission`, Terraform's `aws_lambda_permission`). An invoke role
 * may call a function of its own account on its identity policy alone; a function of another account also
 * needs its resource policy to allow the role (IAM User Guide, "Cross-account policy evaluation logic";
 * `validate --aws` checks it as GW8008). A permission is attached to what the ARN names: a qualified ARN's
 * version or alias (`Qualifier`), or the unqualified function.
 */
export interface FunctionPermission {
  /** the unqualified function ARN */
  readonly FunctionName: string;
  readonly Qualifier?: string;
  readonly StatementId: string;
  readonly Action: 'lambda:InvokeFunction';
  /** the invoke role's ARN */
  readonly Principal: string;
}

// AddPermission's statement id: 1 to 100 of these characters
const STATEMENT_ID_CHARACTER = /[^A-Za-z0-9_-]/g;

/**
 * The permissions the functions of other accounts than the invoking role's need for it: the invoke role,
 * or for the functions invoked with the gateway's own credentials, the gateway's role when `--gateway-role`
 * names it (`gatewayRole`); with Pod Identity or IRSA alone gwctl does not know that role, and lists none.
 */
export function functionPermissions(need: InvokeNeed, gatewayRole: string | undefined): FunctionPermission[] {
  const principal = need.roleArn ?? gatewayRole;
  if (!principal) return [];
  const account = accountOf(principal);
  const statementId = statementIdFor(principal, account, roleNameOf(principal));
  return need.functionArns.flatMap((arn) => {
    // An ARN that does not parse has an account or region that is not one: the input has schema
    // errors and is rendered only with --force, and no account could add a permission for it.
    const f = parseFunctionArn(arn);
    if (!f || f.accountId === account) return [];
    return [{ FunctionName: functionArn(f.region, f.accountId, f.functionName, ''), ...(f.qualifier !== undefined ? { Qualifier: f.qualifier } : {}), StatementId: statementId, Action: 'lambda:InvokeFunction' as const, Principal: principal }];
  });
}

/**
 * `gwctl-<account>-<role>`: one statement per role in a function's policy, which says whose it is. A role
 * name may hold `+=,.@`, which a statement id may not: such a name is written with `-` and a 32-bit hash
 * of the role's ARN, so that two names written alike (`a.b`, `a-b`) get different ids. The id is at most 92
 * characters (a role name at most 64).
 */
function statementIdFor(roleArn: string, accountId: string, roleName: string): string {
  const written = roleName.replace(STATEMENT_ID_CHARACTER, '-');
  return `gwctl-${accountId}-${written}${written === roleName ? '' : `-${fnv1a(roleArn)}`}`;
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}
