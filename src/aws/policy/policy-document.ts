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

/** IAM returns policy documents URL-encoded; Lambda returns them as JSON. */
export function parsePolicyDocument(text: string): PolicyDocument {
  const decoded = text.trimStart().startsWith('%7B') || text.includes('%22') ? decodeURIComponent(text) : text;
  return JSON.parse(decoded) as PolicyDocument;
}
