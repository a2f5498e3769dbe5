import { describe, expect, it } from 'vitest';
import { unwritableMatch } from '../../src/emit/gateway-api/match-limits';
import { TrafficPolicySet } from '../../src/emit/gateway-api/traffic-policies';
import type { Matcher, ValueMatch } from '../../src/model/types';
import { runInProcess } from '../helpers/run-in-process';

const matcher = (headers: ValueMatch[] = [], queryParameters: ValueMatch[] = []): Matcher => ({ headers, queryParameters }) as unknown as Matcher;
const header = (name: string, value: string): ValueMatch => ({ name, value }) as unknown as ValueMatch;

// The limits of an HTTPRoute match (gateway.networking.k8s.io_httproutes.yaml, v1), each at its edge:
// the last value the CRD takes, and the first it refuses
describe('what an HTTPRoute match can hold', () => {
  it('a path of at most 1,024 characters, whatever its type', () => {
    const longest = `/${'a'.repeat(1023)}`;
    expect(unwritableMatch(matcher(), 'PathPrefix', longest)).toBeUndefined();
    expect(unwritableMatch(matcher(), 'PathPrefix', `${longest}a`)).toMatch(/^the path `\/a{59}…` \(more than 1,024 characters\)$/);
    expect(unwritableMatch(matcher(), 'RegularExpression', `${longest}a`)).toContain('more than 1,024 characters');
  });

  it('an Exact or PathPrefix path without an encoded slash, `//`, or a dot segment; a regex is not held to them', () => {
    for (const path of ['/a%2Fb', '/a%2fb', '/a//b', '/a/./b', '/a/../b', '/a/.', '/a/..', '/a#b', 'a', '/a b']) {
      expect(unwritableMatch(matcher(), 'PathPrefix', path), path).toBe(`the path \`${path}\``);
      expect(unwritableMatch(matcher(), 'Exact', path), path).toBe(`the path \`${path}\``);
    }
    for (const path of ['/a%20b', '/a/.b', '/a/..b', '/.well-known/x', '/a:b@c']) expect(unwritableMatch(matcher(), 'Exact', path), path).toBeUndefined();
    expect(unwritableMatch(matcher(), 'RegularExpression', '/a/./b')).toBeUndefined();
  });

  it('header names of at most 256 token characters and values of 4,096; query parameter values of 1,024', () => {
    expect(unwritableMatch(matcher([header('x'.repeat(256), 'v')]), 'Exact', '/')).toBeUndefined();
    expect(unwritableMatch(matcher([header('x'.repeat(257), 'v')]), 'Exact', '/')).toMatch(/^the header name `x{60}…`$/);
    expect(unwritableMatch(matcher([header('x h', 'v')]), 'Exact', '/')).toBe('the header name `x h`');
    expect(unwritableMatch(matcher([header('x-h', 'v'.repeat(4096))]), 'Exact', '/')).toBeUndefined();
    expect(unwritableMatch(matcher([header('x-h', 'v'.repeat(4097))]), 'Exact', '/')).toBe("the header x-h's value of 4,097 characters");
    expect(unwritableMatch(matcher([], [header('q', 'v'.repeat(1024))]), 'Exact', '/')).toBeUndefined();
    expect(unwritableMatch(matcher([], [header('q', 'v'.repeat(1025))]), 'Exact', '/')).toBe("the query parameter q's value of 1,025 characters");
  });
});

describe("kgateway's pathRegex", () => {
  it('counts characters as its CRD does, by code point: 1,024 of them fit, though they are 2,048 UTF-16 units', () => {
    const set = new TrafficPolicySet();
    const astral = '😀'.repeat(1024);
    expect(set.refusal({ pattern: astral, substitution: '/' } as never)).toBeUndefined();
    expect(set.refusal({ pattern: `${astral}a`, substitution: '/' } as never)).toBe("kgateway's pathRegex takes a pattern of 1 to 1,024 characters, not 1,025");
  });
});

describe('gwctl render --target gateway-api: a case-insensitive prefix rewritten to `/`', () => {
  it('is no GW7106: its rewrite is a regex that replaces the characters matched, as Gloo does', async () => {
    const forward = 'forwardTo: {pathRewrite: /, destinations: [{ref: {name: httpbin, namespace: ns}, port: {number: 80}}]}';
    const manifest = `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [h.example.com]\n  http:\n    - name: sensitive\n      matchers: [{uri: {prefix: /httpbin}}]\n      ${forward}\n    - name: insensitive\n      matchers: [{uri: {prefix: /other, ignoreCase: true}}]\n      ${forward}\n`;
    const result = await runInProcess(['render', '--target', 'gateway-api', '-', '--findings-format', 'json', '--min-severity', 'info'], { input: manifest });
    const findings = JSON.parse(result.stderr).diagnostics as Array<{ code: string; message: string }>;
    expect(findings.filter((f) => f.code === 'GW7106').map((f) => /^route `(\w+)`/.exec(f.message)![1])).toEqual(['sensitive']);
  });
});
