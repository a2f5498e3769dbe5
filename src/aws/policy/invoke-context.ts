import { accountOf } from '../../model/arn';
import type { ContextValue } from './evaluate';

/**
 * What gwctl knows of the request context of the gateway's call, signed with the invoke role's session
 * credentials: the function's region, HTTPS, and the role's account (aws:PrincipalAccount). MFA is never
 * part of a role session the gateway obtains: aws:MultiFactorAuthAge, which only MFA-validated credentials
 * carry, is absent; aws:MultiFactorAuthPresent is absent or `false` (the IAM User Guide's global condition
 * keys include it for temporary credentials, and name the cases where it is missing), so a condition on it
 * is decided only where both give one answer.
 */
export function invokeContext(region: string, roleArn: string): Readonly<Record<string, ContextValue>> {
  const account = accountOf(roleArn);
  return {
    'aws:requestedregion': region,
    'aws:securetransport': 'true',
    'aws:multifactorauthpresent': [null, 'false'],
    'aws:multifactorauthage': null,
    ...(account ? { 'aws:principalaccount': account } : {}),
  };
}
