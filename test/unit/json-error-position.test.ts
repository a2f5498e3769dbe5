import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/lib/seeded-random.mjs';
import { jsonErrorPosition } from '../../src/text/json-error-position';

/**
 * V8 names no position in two of its messages: "Unexpected token 'x', ... is not valid JSON" and
 * "Unexpected end of JSON input". The scan is to find the place those messages mean: the character V8
 * names, or the text's end. V8 itself is the oracle, on texts made by breaking valid JSON at random.
 */
describe('jsonErrorPosition', () => {
  const valid = [
    '{"a": [1, 2, {"b": null}], "c": "d"}',
    '[true, false, -0.5e3, "x\\ny", "\\u00e9"]',
    '{"k": {"l": {"m": []}}, "e": {}}',
    '"s"',
    '12',
    // a number longer than any window a scan might read it through
    `{"n": ${'7'.repeat(500)}, "m": [${'1, '.repeat(20)}2]}`,
  ];
  const pieces = ['{', '}', '[', ']', '"a"', '"', ':', ',', ' ', '\n', '\t', '1', '-', '0', '.5', 'e3', 'true', 'nul', 'null', 'f', 't', '"\\u12"', '"\\n"', '"\\x"', '"\u0001"', 'x', '01', 'yes', '\u00e9'];

  it('finds the character V8 names, or the end where V8 says the text ends, and nothing in valid JSON', () => {
    const random = seededRandom(11);
    const seen = { token: 0, end: 0, valid: 0 };
    for (let n = 0; n < 20_000; n++) {
      let text = valid[Math.floor(random() * valid.length)]!;
      for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
        const at = Math.floor(random() * (text.length + 1));
        const r = random();
        if (r < 0.4) text = text.slice(0, at) + pieces[Math.floor(random() * pieces.length)] + text.slice(at);
        else if (r < 0.8) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 3));
        else text = text.slice(0, at);
      }
      let message: string | undefined;
      try {
        JSON.parse(text);
      } catch (error) {
        message = (error as Error).message;
      }
      const at = jsonErrorPosition(text);
      if (message === undefined) {
        expect(at, text).toBe(-1);
        seen.valid++;
        continue;
      }
      const token = /^Unexpected token '(.)'/su.exec(message);
      if (token) {
        expect(text[at], `${text}: ${message}`).toBe(token[1]);
        seen.token++;
      } else if (/^Unexpected end of JSON input/.test(message)) {
        expect(at, `${text}: ${message}`).toBe(text.length);
        seen.end++;
      }
    }
    // each kind of answer is exercised
    expect(Math.min(seen.token, seen.end, seen.valid)).toBeGreaterThan(1000);
  });

  it('reads a literal as far as it matches, as V8 does: the place is the first character that departs from it', () => {
    expect(jsonErrorPosition('{"b": nul:l}')).toBe(9);
    expect(jsonErrorPosition('[tru')).toBe(4);
    expect(jsonErrorPosition('[fals, 1]')).toBe(5);
    expect(jsonErrorPosition('[truex]')).toBe(5);
  });
});
