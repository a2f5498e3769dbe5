import { describe, expect, it } from 'vitest';
import { isNamespaceName, isObjectName, namespacedName } from '../../src/text/kubernetes-names';

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
