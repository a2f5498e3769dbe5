import { describe, expect, it } from 'vitest';
import { dnsName, withSuffix } from '../../src/emit/dns-name';

// The API server's rule for object names and Gateway API section and rule names (RFC 1123 subdomain)
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

describe('dnsName', () => {
  it.each([
    ['orders-api', 'orders-api'],
    ['Orders_API', 'orders-api'],
    ['fn:$LATEST', 'fn-latest'],
    ['/a/./b', 'a.b'],
    ['a.-b', 'a.b'],
    ['x..y', 'x.y'],
    ['-.-', 'x'],
    ['', 'x'],
  ])('%j -> %j', (raw, name) => expect(dnsName(raw)).toBe(name));

  it('gives a valid name, at most 253 characters, for whatever a route may be called', () => {
    const odd = ['/a/./b', '.a.', 'a/-/b', '😀.x', '__', 'a.' + '-'.repeat(300), 'b'.repeat(300), 'a-'.repeat(200) + '.b', '../../etc/passwd', 'x\n::error::y'];
    for (const raw of odd) {
      const name = dnsName(raw);
      expect(name).toMatch(SUBDOMAIN);
      expect(name.length).toBeLessThanOrEqual(253);
      expect(withSuffix(name, '-000')).toMatch(SUBDOMAIN);
    }
  });
});
