import { describe, expect, it } from 'vitest';
import { DNS_NAME_MAX, dnsName, withSuffix } from '../../src/emit/dns-name';
import { seededRandom } from '../../scripts/lib/seeded-random.mjs';

// The rule as regular expressions, as it was first written: the scan dnsName is now must agree with it
function dnsNameByExpressions(raw: string): string {
  const labels = raw.toLowerCase().replace(/\$latest/g, 'latest').replace(/[^a-z0-9.-]+/g, '-').split('.');
  const name = labels.map((l) => l.replace(/^-+|-+$/g, '')).filter(Boolean).join('.').slice(0, DNS_NAME_MAX);
  return name.replace(/[^a-z0-9]+$/, '') || 'x';
}

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

  it('agrees with the rule written as regular expressions, on random names of every kind of character', () => {
    const random = seededRandom(20261204);
    const pieces = ['a', 'Z', '0', '9', '-', '--', '.', '..', '/', '_', ':', '$LATEST', '$latest', '$', ' ', 'é', 'İ', 'K', '😀', '\n', 'orders', 'v2'];
    let checked = 0;
    for (let n = 0; n < 20_000; n++) {
      const length = Math.floor(random() * (random() < 0.05 ? 300 : 12));
      let raw = '';
      for (let i = 0; i < length; i++) raw += pieces[Math.floor(random() * pieces.length)];
      expect(dnsName(raw), JSON.stringify(raw)).toBe(dnsNameByExpressions(raw));
      checked++;
    }
    for (const raw of ['a'.repeat(252) + '.b', 'a'.repeat(252) + '-b', 'a'.repeat(253), 'a'.repeat(254), '-'.repeat(300) + 'a', 'a/'.repeat(200)]) {
      expect(dnsName(raw), raw).toBe(dnsNameByExpressions(raw));
    }
    expect(checked).toBe(20_000);
  });
});
