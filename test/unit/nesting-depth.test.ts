import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/lib/seeded-random.mjs';
import { Lexer, parseAllDocuments } from 'yaml';
import { excessiveFlowNesting } from '../../src/load/nesting-depth';

/**
 * The flow count against the yaml library's own lexer, the reader whose recursion the count guards: on
 * valid YAML made at random of what manifests hold (block mappings and sequences, flow collections,
 * quoted scalars with brackets inside, plain scalars with quotes inside, block scalars of any text,
 * comments), the count finds the place where flow nesting first passes the limit exactly where the
 * lexer's tokens put it, and no place where they put none.
 */
describe('excessiveFlowNesting, against the yaml library\'s lexer', () => {
  const random = seededRandom(3);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

  const inFlow = ['a', 'b1', '"[{"', "'}]'", '"a\\"["', "'it''s ['", 'x y'];
  const plain = ['text', 'the "payments team', "-'", "don't", 'b"', 'a [b', 'http://a"[b', 'q{'];
  const blockText = ['[[[', '"open', "'", '{"a": [1, [2', '- [', 'k: "', '# [', ']]]}'];
  const flow = (depth: number): string => {
    if (depth === 0 || random() < 0.2) return pick(inFlow);
    const items = Array.from({ length: 1 + Math.floor(random() * 3) }, () => flow(depth - 1));
    return random() < 0.5 ? `[${items.join(', ')}]` : `{${items.map((item, i) => `k${i}: ${item}`).join(', ')}}`;
  };
  const value = (indent: string, depth: number): string => {
    const r = random();
    // a tag and an anchor may come before a node
    const properties = pick(['', '', '', '!t ', '&a ', '!t &b ', '&c !!map ']);
    if (r < 0.35) return ` ${properties}${flow(1 + Math.floor(random() * 7))}`;
    if (r < 0.55) return ` ${pick(plain)}`;
    if (r < 0.7) return ` ${pick(['|', '>', '|-', '>+', '|2', '| # [', '|-  '])}\n${Array.from({ length: 1 + Math.floor(random() * 3) }, () => `${indent}  ${pick(blockText)}`).join('\n')}`;
    if (r < 0.8 || depth > 3) return ` ${properties}${pick(['"[[["', "'{{'", '"\\"["'])}`;
    return `\n${mapping(indent + '  ', depth + 1)}`;
  };
  const mapping = (indent: string, depth: number): string =>
    Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => {
      const r = random();
      if (r < 0.15) return `${indent}# ${pick(blockText)}`;
      if (r < 0.35) return `${indent}s${i}:\n${indent}- ${pick(plain)}\n${indent}-${value(indent + '  ', depth + 1)}`;
      return `${indent}k${i}:${value(indent, depth)}`;
    }).join('\n');

  const lexed = (text: string, limit: number): number => {
    let depth = 0;
    let offset = 0;
    for (const token of new Lexer().lex(text)) {
      if (token === '[' || token === '{') {
        if (++depth > limit) return offset;
      } else if ((token === ']' || token === '}') && depth > 0) depth--;
      // the lexer's control tokens (document, scalar and flow error marks) stand for no text
      if (token !== '\u0002' && token !== '\u0018' && token !== '\u001f') offset += token.length;
    }
    return -1;
  };

  it('finds where flow nesting passes the limit where the lexer does, on 3,000 documents', () => {
    const seen = { deep: 0, shallow: 0 };
    for (let n = 0; n < 3000; n++) {
      const text = `${mapping('', 0)}\n`;
      // the texts are YAML (else the comparison says nothing)
      expect(parseAllDocuments(text).flatMap((d) => d.errors.map((e) => e.message)), text).toEqual([]);
      const limit = Math.floor(random() * 6);
      const expected = lexed(text, limit);
      expect(excessiveFlowNesting(text, limit), `${text}\nlimit ${limit}`).toBe(expected);
      if (expected >= 0) seen.deep++;
      else seen.shallow++;
    }
    expect(Math.min(seen.deep, seen.shallow)).toBeGreaterThan(500);
  });
});
