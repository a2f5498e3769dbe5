import { own } from '../../data/own';
import { wildcardPattern, wildcards } from '../../text/glob';
import { asList, statementsOf, type PolicyDocument, type PolicyStatement } from './policy-document';

/**
 * IAM policy evaluation, offline, for one request: an explicit Deny wins; otherwise an Allow is needed;
 * otherwise the request is implicitly denied (AWS's documented evaluation logic, within one account and
 * for identity-based or resource-based policies; permission boundaries and SCPs are not read).
 *
 * Conditions are decided only for the context keys gwctl knows about the gateway's invocation; any other
 * makes a statement "undecidable": an Allow that depends on one is not a pass, a Deny that depends on one
 * is not a certain denial.
 */
export type Verdict =
  | { readonly decision: 'allow'; readonly by: string }
  | { readonly decision: 'deny'; readonly by: string }
  | { readonly decision: 'implicit-deny' }
  | { readonly decision: 'undecidable'; readonly by: string; readonly keys: readonly string[] };

/** Whether a verdict may allow the call: it does, or a condition gwctl cannot evaluate decides it. */
export const mayAllow = (v: Verdict): boolean => v.decision === 'allow' || v.decision === 'undecidable';

export interface EvaluationRequest {
  readonly action: string;
  readonly resource: string;
  /** for resource-based policies: the calling principal's ARN (a role ARN for the gateway) */
  readonly principal?: string;
  /** what `principal` is: an AWS ARN (the default), a service (`pods.eks.amazonaws.com`) or a federated provider's ARN (trust policies) */
  readonly principalType?: 'AWS' | 'Service' | 'Federated';
  /**
   * condition keys gwctl knows something of (lower-case keys): a value (aws:requestedregion), `null` for a
   * key known to be absent, or the list of what it may be (`null` among them: absent)
   */
  readonly context?: Readonly<Record<string, ContextValue>>;
}

export type ContextValue = string | null | readonly (string | null)[];

type Match = 'yes' | 'no' | { readonly undecided: readonly string[] };

export function evaluatePolicies(policies: ReadonlyArray<{ readonly name: string; readonly document: PolicyDocument }>, request: EvaluationRequest): Verdict {
  let deny: string | undefined;
  let allow: string | undefined;
  let maybeDeny: { by: string; keys: readonly string[] } | undefined;
  let maybeAllow: { by: string; keys: readonly string[] } | undefined;
  for (const { name, document } of policies) {
    statementsOf(document).forEach((s, i) => {
      const by = `${name}${s.Sid ? ` (${s.Sid})` : ` (statement ${i + 1})`}`;
      const m = statementMatches(s, request);
      if (m === 'no') return;
      if (s.Effect === 'Deny') {
        if (m === 'yes') deny ??= by;
        else maybeDeny ??= { by, keys: m.undecided };
      } else if (m === 'yes') allow ??= by;
      else maybeAllow ??= { by, keys: m.undecided };
    });
  }
  if (deny) return { decision: 'deny', by: deny };
  // a Deny that may apply makes any Allow uncertain; with nothing that allows, the request is denied
  // whether it applies or not
  if (maybeDeny) return allow || maybeAllow ? { decision: 'undecidable', ...maybeDeny } : { decision: 'implicit-deny' };
  if (allow) return { decision: 'allow', by: allow };
  if (maybeAllow) return { decision: 'undecidable', ...maybeAllow };
  return { decision: 'implicit-deny' };
}

function statementMatches(s: PolicyStatement, r: EvaluationRequest): Match {
  if (s.Action !== undefined && !asList(s.Action).some((a) => wildcardMatch(a, r.action, true))) return 'no';
  if (s.NotAction !== undefined && asList(s.NotAction).some((a) => wildcardMatch(a, r.action, true))) return 'no';
  if (s.Action === undefined && s.NotAction === undefined) return 'no';
  const variables: string[] = [];
  if (s.Resource !== undefined) {
    const m = anyResourceMatches(asList(s.Resource), r.resource);
    if (m === 'no') return 'no';
    if (m !== 'yes') variables.push(...m.undecided);
  }
  if (s.NotResource !== undefined) {
    const m = anyResourceMatches(asList(s.NotResource), r.resource);
    if (m === 'yes') return 'no';
    if (m !== 'no') variables.push(...m.undecided);
  }
  if (r.principal !== undefined) {
    if (s.Principal !== undefined && !principalMatches(s.Principal, r.principal, r.principalType ?? 'AWS')) return 'no';
    if (s.NotPrincipal !== undefined && principalMatches(s.NotPrincipal, r.principal, r.principalType ?? 'AWS')) return 'no';
  }
  const conditions = conditionsMatch(s.Condition, r.context ?? {});
  if (conditions === 'no' || variables.length === 0) return conditions;
  return { undecided: [...variables, ...(conditions === 'yes' ? [] : conditions.undecided)] };
}

/**
 * Resource patterns with policy variables (`${aws:PrincipalTag/team}`): the three literal escapes are
 * substituted (`${*}`, `${?}`, `${$}`); any other variable is not known offline, so a pattern that could
 * match with some value of it (the variable read as `*`) is undecided, never a denial, and one that
 * could not match with any value is no match.
 */
function anyResourceMatches(patterns: readonly string[], resource: string): Match {
  const undecided: string[] = [];
  for (const raw of patterns) {
    const escaped = raw.replace(/\$\{([*?$])\}/g, (_, c: string) => `\u0000${c}`);
    const unknown = [...escaped.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]!);
    if (unknown.length === 0) {
      if (wildcardMatch(escaped, resource, false)) return 'yes';
      continue;
    }
    if (wildcardMatch(escaped.replace(/\$\{[^}]*\}/g, '*'), resource, false)) undecided.push(...unknown);
  }
  return undecided.length ? { undecided } : 'no';
}

/**
 * IAM wildcards: `*` any run, `?` one character; actions compare without case, resources with. `\u0000c`
 * stands for the literal character c (a policy's `${*}`, `${?}`, `${$}`).
 */
export function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  return wildcards(wildcardPattern(p, '\u0000'), ignoreCase ? value.toLowerCase() : value);
}

function principalMatches(principal: NonNullable<PolicyStatement['Principal']>, arn: string, type: 'AWS' | 'Service' | 'Federated'): boolean {
  if (principal === '*') return true;
  // a service or an identity provider is named exactly (a trust policy's Principal)
  if (type !== 'AWS') return typeof principal !== 'string' && asList(principal[type]).includes(arn);
  const [, partition, account] = /^arn:(aws[a-z-]*):(?:iam|sts)::(\d{12}):/.exec(arn) ?? [];
  // Lambda's GetPolicy may give an AWS principal as a bare string
  const aws = typeof principal === 'string' ? principal : principal.AWS;
  // A principal is named whole: `*` alone is everyone, and a `*` or `?` inside a name is no wildcard
  // (IAM User Guide, "AWS JSON policy elements: Principal": "You cannot use a wildcard to match part of a
  // principal name or ARN"; IAM refuses such a trust policy, "Unsupported Wildcard In Principal"). Read
  // as one, `role/gate*` would allow the gateway where AWS allows nobody.
  // an account's root is of the caller's partition (arn:aws-cn:iam::<account>:root in China)
  return asList(aws).some((p) => p === '*' || p === arn || (account !== undefined && (p === account || p === `arn:${partition}:iam::${account}:root`)));
}

// Operators gwctl can evaluate when it knows the key's value; `IfExists`, `Null` and any operator on a key
// known to be absent are decided too.
const STRING_OPS: Record<string, (a: string, b: string) => boolean> = {
  stringequals: (a, b) => a === b,
  stringnotequals: (a, b) => a !== b,
  stringequalsignorecase: (a, b) => a.toLowerCase() === b.toLowerCase(),
  stringnotequalsignorecase: (a, b) => a.toLowerCase() !== b.toLowerCase(),
  stringlike: (a, b) => wildcardMatch(b, a, false),
  stringnotlike: (a, b) => !wildcardMatch(b, a, false),
  arnequals: (a, b) => a === b,
  arnlike: (a, b) => wildcardMatch(b, a, false),
  arnnotequals: (a, b) => a !== b,
  arnnotlike: (a, b) => !wildcardMatch(b, a, false),
  bool: (a, b) => a.toLowerCase() === b.toLowerCase(),
};
// The operators that require the key not to match: true where the key is absent ("Condition operators",
// IAM User Guide: "If the policy condition requires that the key is not matched, such as StringNotLike or
// ArnNotLike, and the right key is not present, the condition is true"); every other is false there.
const NEGATED = new Set(['stringnotequals', 'stringnotequalsignorecase', 'stringnotlike', 'arnnotequals', 'arnnotlike', 'numericnotequals', 'datenotequals', 'notipaddress', 'binarynotequals']);

type Outcome = boolean | 'unknown';

function conditionsMatch(conditions: PolicyStatement['Condition'], context: Readonly<Record<string, ContextValue>>): Match {
  if (!conditions) return 'yes';
  const undecided: string[] = [];
  for (const [rawOperator, block] of Object.entries(conditions)) {
    let operator = rawOperator.toLowerCase();
    const ifExists = operator.endsWith('ifexists');
    if (ifExists) operator = operator.slice(0, -'ifexists'.length);
    const set = operator.startsWith('forallvalues:') ? 'all' : operator.startsWith('foranyvalue:') ? 'any' : undefined;
    if (set) operator = operator.slice(operator.indexOf(':') + 1);
    for (const [key, expected] of Object.entries(block)) {
      const values = (Array.isArray(expected) ? expected : [expected]).map(String);
      const known = own(context, key.toLowerCase());
      // a key that may be one of several things decides the condition only where each gives one answer
      const outcomes = known === undefined ? ['unknown' as const] : (Array.isArray(known) ? known : [known]).map((actual: string | null) => outcome(operator, ifExists, set, values, actual));
      const first = outcomes[0]!;
      if (first === 'unknown' || outcomes.some((o) => o !== first)) undecided.push(key);
      else if (!first) return 'no';
    }
  }
  return undecided.length ? { undecided } : 'yes';
}

/** One condition on one value of its key (`null`: the key is absent from the request). */
function outcome(operator: string, ifExists: boolean, set: 'all' | 'any' | undefined, values: readonly string[], actual: string | null): Outcome {
  if (operator === 'null') {
    // `Null: true` holds where the key is absent, `Null: false` where it is present
    return values.some((v) => v.toLowerCase() === String(actual === null));
  }
  if (actual === null) {
    // IfExists: "if the key is not present, evaluate the condition element as true"; ForAllValues holds
    // for an absent (empty) key, ForAnyValue does not
    if (ifExists || set === 'all') return true;
    if (set === 'any') return false;
    return NEGATED.has(operator);
  }
  const test = own(STRING_OPS, operator);
  // the set operators on a key gwctl knows one value of are not worth the risk of a wrong answer
  if (!test || set) return 'unknown';
  // a negated operator holds where the value matches none of the policy's values; any other where it
  // matches one
  return NEGATED.has(operator) ? values.every((v) => test(actual, v)) : values.some((v) => test(actual, v));
}
