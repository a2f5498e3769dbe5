import { describe, expect, it } from 'vitest';
import { isNamespaceName, isObjectName, namespacedName } from '../../src/text/kubernetes-names';
import PATTERNS from '../../schemas/source/patterns.json';

describe('Kubernetes names, as the API server checks them', () => {
  it('a namespace is a DNS label of at most 63 characters', () => {
    for (const ok of ['a', 'team-a', '0', 'a'.repeat(63), 'a-0']) expect(isNamespaceName(ok), ok).toBe(true);
    for (const bad of ['', 'BAD NS', 'Team-a', 'a.b', '-a', 'a-', 'a'.repeat(64), 'a_b', 'a\u001b[31m']) expect(isNamespaceName(bad), bad).toBe(false);
  });
  it('an object name is a DNS subdomain of at most 253 characters, each label alphanumeric at both ends', () => {
    for (const ok of ['a', 'aws-creds', 'a.b', 'a-b.c-d', `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`]) expect(isObjectName(ok), ok).toBe(true);
    for (const bad of ['', 'a..b', 'a.-b', 'a-.b', '.a', 'a.', 'A', 'a b', 'a'.repeat(254)]) expect(isObjectName(bad), bad).toBe(false);
  });
  it('namespace/name: both parts checked, one slash', () => {
    expect(namespacedName('gloo-system/aws-creds')).toEqual({ namespace: 'gloo-system', name: 'aws-creds' });
    for (const bad of ['aws-creds', '/a', 'a/', 'a/b/c', '-a/b', 'a/b..c', 'A/b', 'a.b/c']) expect(namespacedName(bad), bad).toBeUndefined();
  });
});

/**
 * The API server's rules for metadata, written as apimachinery writes them (pkg/util/validation:
 * IsQualifiedName splits on `/` and checks each part's length apart from its characters;
 * IsValidLabelValue; ValidateAnnotations lower-cases the key first), against the one-pattern forms the
 * schemas check (schemas/source/patterns.json, with lookaheads for the lengths).
 */
const QUALIFIED = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
function isQualifiedName(value: string): boolean {
  const parts = value.split('/');
  if (parts.length > 2) return false;
  const name = parts.length === 2 ? parts[1]! : parts[0]!;
  if (parts.length === 2 && (parts[0]!.length === 0 || parts[0]!.length > 253 || !SUBDOMAIN.test(parts[0]!))) return false;
  return name.length > 0 && name.length <= 63 && QUALIFIED.test(name);
}
const isLabelValue = (value: string) => value.length <= 63 && /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(value);

describe('label and annotation keys and label values, as the API server checks them', () => {
  const labelKey = new RegExp(PATTERNS.labelKey.pattern);
  const annotationKey = new RegExp(PATTERNS.annotationKey.pattern);
  const labelValue = new RegExp(PATTERNS.labelValue.pattern);
  // a seeded walk over the characters that decide, at the lengths that do (63, 64, 253, 254)
  let seed = 7;
  const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const ALPHABET = ['a', 'z', 'A', '0', '-', '_', '.', '/', ' ', '$', '{'];
  const samples = ['', 'a', '-a', 'a-', 'a/b', '/a', 'a/', 'a/b/c', 'A.com/x', 'a.com/X', 'a'.repeat(63), 'a'.repeat(64), `${'a'.repeat(253)}/b`, `${'a'.repeat(254)}/b`, `a/${'b'.repeat(63)}`, `a/${'b'.repeat(64)}`, '${TEAM}'];
  for (let i = 0; i < 20_000; i++) {
    const length = [1, 2, 3, 5, 8, 63, 64, 70][random(8)]!;
    samples.push(Array.from({ length }, () => ALPHABET[random(ALPHABET.length)]).join(''));
  }

  it('a label key is a qualified name; an annotation key one once lower-cased', () => {
    for (const s of samples) {
      expect(labelKey.test(s), s).toBe(isQualifiedName(s));
      expect(annotationKey.test(s), s).toBe(isQualifiedName(s.toLowerCase()));
    }
  });

  it('a label value is at most 63 characters, alphanumeric at both ends, or empty', () => {
    for (const s of samples) expect(labelValue.test(s), s).toBe(isLabelValue(s));
  });
});
