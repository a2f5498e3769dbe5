import Ajv from 'ajv';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../src/load/check-policy';
import { POLICY_SPECS } from '../../src/load/policy-shapes';
import { readRetryTimeoutConfig } from '../../src/load/retry-timeout-config';
import { POLICY_KINDS, policyJsonSchema } from '../../src/schema/policy-json-schema';
import type { Anchor } from '../../src/source/anchor';
import { wellFormed } from '../helpers/well-formed-policy';
import { ROOT } from '../helpers/run-cli';

// The policies' JSON Schemas (`gwctl schema policy/<Kind>`, what an editor checks while typing) agree with
// validate (check-policy.ts): each policy of the fixtures, the real-world sets' and the mistakes written
// for validate, is refused by both or by neither.
const metadata = (JSON.parse(readFileSync(join(ROOT, 'schemas/v2.3/Workspace.json'), 'utf8')) as { properties: { metadata: unknown } }).properties.metadata;
const ajv = new Ajv({ strict: false, allErrors: true });
const validators = new Map(POLICY_KINDS.map(({ kind }) => [kind, ajv.compile(policyJsonSchema(kind, metadata))]));
const at = (): Anchor => ({ kind: 'span', file: undefined as never, start: 0, end: 0 });
const refusedByValidate = (value: Record<string, unknown>) => {
  const ref = { kind: value.kind as string, namespace: 'ns', name: 'n' };
  // a RetryTimeoutPolicy's config is read by its own reader, as classify reads it
  const config = value.kind === 'RetryTimeoutPolicy' ? readRetryTimeoutConfig(value.spec, at, ref).findings : [];
  return [...checkPolicy(value, value.kind as string, at, ref), ...config].filter((f) => f.severity === 'error').map((f) => f.code);
};

function* policyDocuments(dir: string): Generator<{ where: string; value: Record<string, unknown> }> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* policyDocuments(path);
    else if (/\.ya?ml$/.test(name)) {
      for (const [i, doc] of parseAllDocuments(readFileSync(path, 'utf8')).entries()) {
        // a document YAML cannot read (the bad-input fixtures) is none an editor checks either
        if (doc.errors.length) continue;
        let v: Record<string, unknown> | null;
        try {
          v = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown> | null;
        } catch {
          continue;
        }
        if (typeof v !== 'object' || v === null || Array.isArray(v)) continue;
        if (POLICY_KINDS.some((p) => p.kind === v.kind && v.apiVersion === `${p.group}/v2`)) yield { where: `${path.slice(ROOT.length + 1)}#${i}`, value: v };
      }
    }
  }
}

describe('the policies\' JSON Schemas, for editors', () => {
  it('has one for every policy kind, each a schema Ajv compiles', () => {
    expect(POLICY_KINDS.map((p) => p.kind).sort()).toEqual(Object.keys(POLICY_SPECS).sort());
    expect(validators.size).toBe(Object.keys(POLICY_SPECS).length);
  });

  it.each(POLICY_KINDS.map((p) => p.kind))('takes a %s of every field its CRD defines, as validate does', (kind) => {
    const entry = POLICY_KINDS.find((p) => p.kind === kind)!;
    const value = { apiVersion: `${entry.group}/v2`, kind, metadata: { name: 'p', namespace: 'shop' }, spec: { ...(wellFormed(POLICY_SPECS[kind]!) as object), ...(kind === 'RetryTimeoutPolicy' ? { config: { requestTimeout: '5s' } } : {}) } };
    expect(refusedByValidate(value)).toEqual([]);
    expect(validators.get(kind)!(value), JSON.stringify(validators.get(kind)!.errors)).toBe(true);
  });

  it('refuses a policy of the fixtures exactly when validate does (errors), and there are both', () => {
    const seen = { refused: 0, taken: 0 };
    const disagreements: string[] = [];
    for (const { where, value } of policyDocuments(join(ROOT, 'fixtures'))) {
      const byValidate = refusedByValidate(value);
      const bySchema = !validators.get(value.kind as string)!(value);
      if (bySchema !== byValidate.length > 0) disagreements.push(`${where}: validate ${byValidate.join(',') || 'takes it'}, schema ${bySchema ? 'refuses it' : 'takes it'}`);
      seen[bySchema ? 'refused' : 'taken']++;
    }
    expect(disagreements).toEqual([]);
    // the fixtures' mistakes (schema/*-config.yaml, policy-fields.yaml) and the real-world sets' policies
    expect(seen.refused).toBeGreaterThan(20);
    expect(seen.taken).toBeGreaterThan(50);
  });
});
