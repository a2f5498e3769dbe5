import { describe, expect, it } from 'vitest';
import { jsonStreamProblem } from '../../src/load/json-stream';
import { jsonErrorPosition } from '../../src/text/json-error-position';

describe('a file kubectl reads as JSON', () => {
  it('is one that starts with `{`, and strict JSON decides what it refuses', () => {
    expect(jsonStreamProblem('kind: A\n')).toBeUndefined();
    expect(jsonStreamProblem('  \n{"kind": "A"}\n')).toBeUndefined();
    expect(jsonStreamProblem('{"kind": "A",}')).toMatchObject({ at: 13, several: false });
    expect(jsonStreamProblem('{kind: A}')).toMatchObject({ at: 1, several: false });
    expect(jsonStreamProblem('{"a": yes}')).toMatchObject({ at: 6, several: false });
    expect(jsonStreamProblem('{"a": 1}\n{"b": 2}\n')).toMatchObject({ at: 9, several: true });
    // YAML after the JSON value: not JSON, which kubectl refuses
    expect(jsonStreamProblem('{"a": 1}\n---\nkind: B\n')).toMatchObject({ at: 9, several: false });
  });

  it('finds the first place strict JSON goes wrong as JSON.parse decides it, on random texts', () => {
    const pieces = ['{', '}', '[', ']', '"a"', '"b\\n"', '"\\x"', ':', ',', ' ', '\n', '1', '-0.5e3', '01', 'true', 'nul', 'yes', "'s'", '"\u0001"'];
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let valid = 0;
    for (let n = 0; n < 20_000; n++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      let parsed = true;
      let at: number | undefined;
      try {
        JSON.parse(text);
      } catch (error) {
        parsed = false;
        const position = /at position (\d+)/.exec((error as Error).message);
        if (position) at = Number(position[1]);
      }
      const found = jsonErrorPosition(text);
      if (parsed) valid++;
      expect(found === -1, text).toBe(parsed);
      // at the token V8 stops in, or at its start (V8 points into a misspelt literal: `nul` at 3)
      if (at !== undefined) expect(found <= at && at - found < 6, `${text}: ${found} ${at}`).toBe(true);
    }
    expect(valid).toBeGreaterThan(200);
  });

  it('scans nesting without recursion', () => {
    expect(jsonErrorPosition('['.repeat(100_000) + ']'.repeat(100_000))).toBe(-1);
    // one brace short: the text ends before the value does
    expect(jsonErrorPosition('{"a":'.repeat(50_000) + '1' + '}'.repeat(49_999))).toBe(300_000);
  });
});
