import { describe, expect, it } from 'vitest';
import { normalizePath } from '../../src/model/normalize-path';

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

// envoyproxy/envoy test/common/http/path_utility_test.cc, NormalizeValidPaths and NormalizeCasePath
const ENVOY: Array<[string, string]> = [
  ['/a/b/../c', '/a/c'],
  ['/a/b/./c', '/a/b/c'],
  ['a/b/../c', '/a/c'],
  ['/a/b/../../../../c', '/c'],
  ['/a/..\\c', '/c'],
  // (and a single dot closed by a backslash, as Chromium's IsURLSlash reads one)
  ['/a/.\\b', '/a/b'],
  ['/%c0%af', '/%c0%af'],
  ['/%5c%25', '/%5c%25'],
  ['/a/b/%2E%2E/c', '/a/c'],
  ['/a/b/%2E./c', '/a/c'],
  ['/a/b/%2E/c', '/a/b/c'],
  ['..', '/'],
  ['/../a/b', '/a/b'],
  ['/./a/b', '/a/b'],
  ['/A/B/C', '/A/B/C'],
  ['/a/b/%2e%2e/c', '/a/c'],
  ['/a/%2F%2f/c', '/a/%2F%2f/c'],
];

describe('the path Gloo\'s gateways route by (Envoy normalize_path, escaped slashes kept)', () => {
  it.each(ISTIO_BASE)('%s -> %s', (sent, routed) => {
    expect(normalizePath(sent)).toBe(routed);
  });

  it.each(ENVOY)('%s -> %s (Envoy\'s own cases)', (sent, routed) => {
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

  it('escapes what Envoy\'s copy of Chromium escapes: `"` `<` `>` `` ` `` `{` `|` `}` `^`, and each byte outside ASCII', () => {
    expect(normalizePath('/search/{id}|"x"<y>`z`^')).toBe('/search/%7Bid%7D%7C%22x%22%3Cy%3E%60z%60%5E');
    expect(normalizePath('/café/ü')).toBe('/caf%C3%A9/%C3%BC');
    // what it passes as written
    expect(normalizePath("/a!$&'()*+,;=:@[]b")).toBe("/a!$&'()*+,;=:@[]b");
    // an escape of one of them is kept as written, hex case and all
    expect(normalizePath('/%7b%7B%c3%a9')).toBe('/%7b%7B%c3%a9');
  });

  it('fails on an escaped NUL, as Envoy\'s canonicalisation does (the request is answered 400)', () => {
    expect(normalizePath('/xyz/.%00../abc')).toBeUndefined();
    expect(normalizePath('/xyz/%00.%00./abc')).toBeUndefined();
    expect(normalizePath('/xyz/AAAAA%%0000/abc')).toBeUndefined();
    // a NUL as such, which the request line cannot hold (parseRequest refuses it first)
    expect(normalizePath('/a\u0000b')).toBeUndefined();
  });

  it('writes `%25` for a `%` that decoding would turn into an escape (Chromium\'s nested escapes)', () => {
    // `%%30%30` would read as `%00` once `%30` is decoded
    expect(normalizePath('/a%%30%30')).toBe('/a%2500');
    expect(normalizePath('/a%%41')).toBe('/a%A');
    expect(normalizePath('/a%%411')).toBe('/a%25A1');
    expect(normalizePath('/a%')).toBe('/a%');
    expect(normalizePath('/a%zz')).toBe('/a%zz');
    // a `%` with one hex digit is no escape either: `%0z` is no NUL
    expect(normalizePath('/a%0z')).toBe('/a%0z');
    expect(normalizePath('/a%4')).toBe('/a%4');
  });

  it('gives a path that does not start with a slash one, and an empty path is `/`', () => {
    expect(normalizePath('')).toBe('/');
    expect(normalizePath('a/b')).toBe('/a/b');
  });

  it('takes time linear in the path, whatever its dot segments', () => {
    const n = 200_000;
    const path = '/a'.repeat(n) + '/..'.repeat(n - 1) + '/b';
    expect(normalizePath(path)).toBe('/a/b');
  });
});

describe('case folded as Envoy folds it: ASCII letters only', async () => {
  const { asciiLower } = await import('../../src/text/ascii-lower');
  it('lowers A to Z and leaves the rest, the Kelvin sign and dotted I included', () => {
    expect(asciiLower('/Shop/ITEMS-42_~')).toBe('/shop/items-42_~');
    expect(asciiLower('/\u212Aelvin/\u0130')).toBe('/\u212Aelvin/\u0130');
    expect(asciiLower('/already')).toBe('/already');
  });
});
