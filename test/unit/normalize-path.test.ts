import { describe, expect, it } from 'vitest';
import { normalizePath } from '../../src/inspect/normalize-path';

// istio/istio tests/integration/security/normalization_test.go, the cases of pathNormalization BASE (the
// default), which Gloo's gateways run with: the path each request is routed by.
const ISTIO_BASE: Array<[string, string]> = [
  ['/', '/'],
  ['/app/', '/app/'],
  ['/app/../admin', '/admin'],
  ['/app', '/app'],
  ['/app//', '/app//'],
  ['/app/%2f', '/app/%2f'],
  ['/app%2f/', '/app%2f/'],
  ['/xyz%30..//abc', '/xyz0..//abc'],
  ['/app/%2E./admin', '/admin'],
  ['/app\\admin', '/app/admin'],
  ['/app/\\/\\/\\admin', '/app//////admin'],
  ['/%2Fapp%5cadmin%5Cabc', '/%2Fapp%5cadmin%5Cabc'],
  ['/%5Capp%2f%5c%2F%2e%2e%2fadmin%5c\\abc', '/%5Capp%2f%5c%2F..%2fadmin%5c/abc'],
  ['/app//../admin', '/app/admin'],
  ['/app//../../admin', '/admin'],
];

describe('the path Gloo\'s gateways route by (Envoy normalize_path, escaped slashes kept)', () => {
  it.each(ISTIO_BASE)('%s -> %s', (sent, routed) => {
    expect(normalizePath(sent)).toBe(routed);
  });

  it('decodes the escapes of unreserved characters only, and keeps the others as written', () => {
    expect(normalizePath('/admin%7e%41%2d%5f')).toBe('/admin~A-_');
    expect(normalizePath('/admin%20%2a%3B%25')).toBe('/admin%20%2a%3B%25');
    expect(normalizePath('/a/./b/.')).toBe('/a/b/');
    expect(normalizePath('/..')).toBe('/');
    expect(normalizePath('/a/..')).toBe('/');
    expect(normalizePath('/.../a')).toBe('/.../a');
    expect(normalizePath('/..;/admin')).toBe('/..;/admin');
  });

  it('takes time linear in the path, whatever its dot segments', () => {
    const n = 200_000;
    const path = '/a'.repeat(n) + '/..'.repeat(n - 1) + '/b';
    expect(normalizePath(path)).toBe('/a/b');
  });
});
