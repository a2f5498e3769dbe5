import PATTERNS from '../../schemas/source/patterns.json';
import { alphabet } from './name-alphabet';

// The names AWS looks up, as the schemas check them (schemas/source/patterns.json): one compiled copy of
// each for the commands that check a name before AWS is asked (validate --aws, discover, the flags).
const ACCOUNT_ID = new RegExp(PATTERNS.awsAccountId.pattern);
const ROLE_NAME = new RegExp(PATTERNS.iamRoleName.pattern);
const QUALIFIER = new RegExp(PATTERNS.lambdaQualifier.pattern);
// a function's name alone: the schema's pattern also takes a whole ARN
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** A 12-digit AWS account id. */
export const isAccountId = (value: string): boolean => ACCOUNT_ID.test(value);
/** An IAM role name (not an ARN, no path). */
export const isRoleName = (value: string): boolean => ROLE_NAME.test(value);
/** A Lambda function's name (not an ARN). */
export const isFunctionName = (value: string): boolean => FUNCTION_NAME.test(value);
/** A Lambda qualifier: `$LATEST`, a version or an alias. */
export const isQualifier = (value: string): boolean => QUALIFIER.test(value);

// the characters are those the checks above take; IAM and Lambda both allow 64 (the patterns' {1,64})
export const ROLE_NAMES = alphabet('an IAM role name is 1 to 64 of A-Z a-z 0-9 + = , . @ _ -', isRoleName, 64);
export const FUNCTION_NAMES = alphabet('a function name is 1 to 64 of A-Z a-z 0-9 _ -', isFunctionName, 64);
