/** An IAM policy document as AWS stores it (identity or resource policy). */
export interface PolicyDocument {
  readonly Version?: string;
  readonly Statement: PolicyStatement | readonly PolicyStatement[];
}

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Principal?: string | Readonly<Record<string, string | readonly string[]>>;
  readonly NotPrincipal?: Readonly<Record<string, string | readonly string[]>>;
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | boolean | number | readonly (string | boolean | number)[]>>>>;
}

export function statementsOf(doc: PolicyDocument): readonly PolicyStatement[] {
  return Array.isArray(doc.Statement) ? (doc.Statement as readonly PolicyStatement[]) : [doc.Statement as PolicyStatement];
}

export const asList = (v: string | readonly string[] | undefined): readonly string[] => (v === undefined ? [] : typeof v === 'string' ? [v] : v);

/** A policy document gwctl cannot read: the caller names the call that answered it. */
export class PolicyDocumentError extends Error {
  override readonly name = 'PolicyDocumentError';
}

/**
 * IAM returns policy documents URL-encoded; Lambda returns them as JSON. The document's shape is checked
 * before the evaluator reads it: AWS stores only valid policies, so anything else is a broken or hostile
 * endpoint's answer, and judged as it came it ended gwctl with an internal error (an Action that is an
 * object), or read any Effect but Deny (a `deny`) as an allow.
 */
export function parsePolicyDocument(text: string): PolicyDocument {
  let value: unknown;
  try {
    // URL encoding (RFC 3986, as IAM documents it) leaves no `{` unencoded: a document that opens with
    // one is plain JSON, whatever `%22` or `%7B` its values hold (a Condition on a user agent may)
    const decoded = text.trimStart().startsWith('{') ? text : decodeURIComponent(text);
    value = JSON.parse(decoded);
  } catch (error) {
    throw new PolicyDocumentError(`not JSON (${(error as Error).message})`);
  }
  if (!isObject(value) || value.Statement === undefined) throw new PolicyDocumentError('not an object with a Statement');
  const statements = Array.isArray(value.Statement) ? value.Statement : [value.Statement];
  statements.forEach((s: unknown, i) => {
    const fault = statementFault(s);
    if (fault) throw new PolicyDocumentError(`statement ${i + 1}: ${fault}`);
  });
  return value as unknown as PolicyDocument;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown) => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'));
const isScalars = (v: unknown) => ['string', 'boolean', 'number'].includes(typeof v) || (Array.isArray(v) && v.every((x) => ['string', 'boolean', 'number'].includes(typeof x)));
// Lambda's GetPolicy may give an AWS principal as a bare string (evaluate.ts principalMatches)
const isPrincipal = (v: unknown) => typeof v === 'string' || (isObject(v) && Object.values(v).every(isStrings));

function statementFault(s: unknown): string | undefined {
  if (!isObject(s)) return 'not an object';
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return 'Effect is neither Allow nor Deny';
  for (const key of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) if (s[key] !== undefined && !isStrings(s[key])) return `${key} is not a string or a list of strings`;
  if (s.Action === undefined && s.NotAction === undefined) return 'neither Action nor NotAction';
  if (s.Principal !== undefined && !isPrincipal(s.Principal)) return 'Principal is neither a string nor a map of strings';
  if (s.NotPrincipal !== undefined && !isPrincipal(s.NotPrincipal)) return 'NotPrincipal is neither a string nor a map of strings';
  if (s.Condition !== undefined && !(isObject(s.Condition) && Object.values(s.Condition).every((c) => isObject(c) && Object.values(c).every(isScalars)))) {
    return 'Condition is not a map of operators to maps of values';
  }
  return undefined;
}
