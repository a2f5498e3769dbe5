import { describe, expect, it } from 'vitest';
import { EXOTIC_YAML, hasExoticYaml } from '../../src/load/exotic-yaml';

describe('hasExoticYaml', () => {
  it('answers as EXOTIC_YAML does on random texts of indicators, separators and line ends', () => {
    // every character the pattern turns on, the spaces and line terminators of JavaScript's \s that are
    // not ASCII, and plain text
    const pieces = ['&', '*', '!', '%', '.', '...', '\t', ' ', '\n', '\r', '\u2028', '\u00a0', '\ufeff', '[', ']', '{', '}', ',', ':', '-', 'a', 'b', '"', "'", '#', '\ud83d'];
    let seed = 5;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let exotic = 0;
    for (let n = 0; n < 20_000; n++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 24) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const expected = EXOTIC_YAML.test(text);
      if (expected) exotic++;
      expect(hasExoticYaml(text), JSON.stringify(text)).toBe(expected);
    }
    // both answers are exercised, often
    expect(exotic).toBeGreaterThan(4_000);
    expect(exotic).toBeLessThan(16_000);
  });

  it('finds each thing the quick loader declines, and passes what is plain', () => {
    for (const text of ['a: &x 1', 'b: *x', 'c: !tag v', '%YAML 1.2\n---\na: 1', 'a:\n\tb: 1', 'a: 1\n...\n', 'a: 1\n...', '{"a":*b}', 'a:\u00a0*b'])
      expect(hasExoticYaml(text), JSON.stringify(text)).toBe(true);
    for (const text of ['name: shared-*', "hosts: ['*.example.com']", 'a: 50%', 'a: b&c', 'text: wait...', 'a: *', 'a: [*]', 'a: "x"\n ...x'])
      expect(hasExoticYaml(text), JSON.stringify(text)).toBe(false);
  });
});
