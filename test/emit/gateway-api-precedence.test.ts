import { describe, expect, it } from 'vitest';
import { outranks, overlaps, precedence, prefixMatches, rankReason, type GatewayMatch } from '../../src/emit/gateway-api/precedence';

const prefix = (value: string, extra: Partial<GatewayMatch> = {}): GatewayMatch => ({ path: { type: 'PathPrefix', value }, ...extra });
const exact = (value: string): GatewayMatch => ({ path: { type: 'Exact', value } });
const regex = (value: string): GatewayMatch => ({ path: { type: 'RegularExpression', value } });

describe('the Gateway API precedence gwctl checks the output against', () => {
  it('ranks exact over prefix, longer prefixes first, then method, headers, query parameters', () => {
    expect(outranks(precedence(exact('/a')), precedence(prefix('/a/b/c')))).toBe(true);
    expect(outranks(precedence(prefix('/a/b')), precedence(prefix('/a')))).toBe(true);
    expect(outranks(precedence(prefix('/a', { method: 'GET' })), precedence(prefix('/a', { headers: [{ type: 'Exact', name: 'x', value: '1' }] })))).toBe(true);
    expect(outranks(precedence(prefix('/a')), precedence(prefix('/a/')))).toBe(false);
    expect(outranks(precedence(prefix('/')), precedence(regex('/.*')))).toBe(true);
    expect(rankReason(prefix('/a/b'), prefix('/a'))).toBe('a longer prefix ranks first');
  });

  it('prefixes match whole segments, a trailing slash ignored', () => {
    expect(prefixMatches('/api', '/api/v1')).toBe(true);
    expect(prefixMatches('/api', '/apis')).toBe(false);
    expect(prefixMatches('/api/', '/api')).toBe(true);
    expect(prefixMatches('/', '/anything')).toBe(true);
  });

  it('two matches overlap unless something certain keeps them apart', () => {
    expect(overlaps(prefix('/a'), prefix('/a/b'))).toBe(true);
    expect(overlaps(prefix('/a'), prefix('/b'))).toBe(false);
    expect(overlaps(exact('/a/b'), prefix('/a'))).toBe(true);
    expect(overlaps(prefix('/a', { method: 'GET' }), prefix('/a', { method: 'POST' }))).toBe(false);
    expect(overlaps(prefix('/a', { headers: [{ type: 'Exact', name: 'X-Beta', value: 'true' }] }), prefix('/a', { headers: [{ type: 'Exact', name: 'x-beta', value: 'false' }] }))).toBe(false);
    expect(overlaps(regex('/find/[a-z]+'), prefix('/export'))).toBe(false);
    expect(overlaps(regex('/find/[a-z]+'), prefix('/find'))).toBe(true);
    expect(overlaps(regex('/items/[0-9]+'), exact('/items/12'))).toBe(true);
    expect(overlaps(regex('/items/[0-9]+'), exact('/items/x'))).toBe(false);
    expect(overlaps(regex('/a?b'), prefix('/b'))).toBe(true);
  });
});
