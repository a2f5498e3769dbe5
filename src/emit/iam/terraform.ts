import { asList, statementsOf, type PolicyDocument } from '../../aws/policy/policy-document';

/**
 * A policy document as Terraform's `aws_iam_policy_document` data source takes it (JSON configuration
 * syntax, a `.tf.json` file): `statement` blocks with lower-case `sid`, `effect`, `actions`, `resources`,
 * `principals { type, identifiers }` and `condition { test, variable, values }`. The data source renders
 * the same policy JSON back, so a team that keeps IAM in Terraform reviews the same grant.
 */
export function policyDocumentData(doc: PolicyDocument): { statement: Array<Record<string, unknown>> } {
  return {
    statement: statementsOf(doc).map((s) => ({
      ...(s.Sid ? { sid: s.Sid } : {}),
      effect: s.Effect,
      ...(s.Action !== undefined ? { actions: [...asList(s.Action)] } : {}),
      ...(s.Resource !== undefined ? { resources: [...asList(s.Resource)] } : {}),
      ...(s.Principal !== undefined && typeof s.Principal !== 'string'
        ? { principals: Object.entries(s.Principal).map(([type, ids]) => ({ type, identifiers: [...asList(ids)] })) }
        : {}),
      ...(s.Condition !== undefined
        ? {
            condition: Object.entries(s.Condition).flatMap(([test, byKey]) =>
              Object.entries(byKey).map(([variable, values]) => ({ test, variable, values: (Array.isArray(values) ? values : [values]).map(String) })),
            ),
          }
        : {}),
    })),
  };
}

/**
 * Every string of a `.tf.json` value with Terraform's template sequences escaped: in JSON configuration
 * syntax a string value is a template, so `${...}` in it is interpolated and `%{...}` is a directive
 * (developer.hashicorp.com/terraform/language/syntax/json, "Expression Mapping"); `$${` and `%%{` are
 * their literal forms. Names and ARNs reach the policies from the input, and what the schema lets
 * through today is not what the file must rely on: an IAM policy variable (`${aws:username}`) would be
 * read by Terraform as its own.
 */
export function terraformLiteral<T>(value: T): T {
  if (typeof value === 'string') return value.replace(/([$%])\{/g, '$1$1{') as T;
  if (Array.isArray(value)) return value.map(terraformLiteral) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, terraformLiteral(v)])) as T;
  return value;
}
