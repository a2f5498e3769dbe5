import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/lib/seeded-random.mjs';
import { isMap, isPair, isSeq, Lexer, parseAllDocuments } from 'yaml';
import { excessiveBlockNesting, excessiveFlowNesting } from '../../src/load/nesting-depth';

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
    if (r < 0.7) return ` ${pick(['|', '>', '|-', '>+', '|2', '| # [', '|-  '])}\n${Array.from({ length: 1 + Math.floor(random() * 3) }, () => `${indent}  ${pick(blockText)}`).join(random() < 0.3 ? '\n\n' : '\n')}`;
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

/**
 * The block count against the depth of the collections the yaml library builds. The count is an
 * indentation stack, not a parser: a level is a deeper indentation or a `- `, `? ` or `: ` indicator, so a
 * scalar after an indicator counts one more than it nests, and a sequence at its key's column (`k:\n- a`)
 * shares the column of the mapping around it, counted once for two collections. What it must keep: it
 * finds nesting past twice the limit and one more (the parser's recursion far beyond that is what the
 * limit guards), and it finds none where nothing nests as deep as the limit: comments, blank lines and the
 * text of block scalars, indented as deep as they like, and siblings on one column add nothing.
 */
describe('excessiveBlockNesting, against the depth of the yaml library\'s collections', () => {
  const random = seededRandom(5);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const spaces = (n: number) => ' '.repeat(n);
  const scalars = ['a', '"b c"', "'d'", 'e f'];
  const comment = (indent: number) => (random() < 0.3 ? `${spaces(indent + Math.floor(random() * 60))}# note\n` : '');
  // its text as deep as it likes, no line less indented than the first (which sets the scalar's indentation)
  const blockScalar = (indent: number) => {
    const depths = Array.from({ length: 1 + Math.floor(random() * 3) }, () => indent + 2 + Math.floor(random() * 50)).sort((a, b) => a - b);
    return ` ${pick(['|', '>', '|-', '| # text', '>+ # more'])}\n${depths.map((d) => `${spaces(d)}text - x: y\n`).join('')}${random() < 0.5 ? '\n' : ''}`;
  };

  let budget = 0;
  /** A node written at `indent`, after a key or indicator ending its line at `column`, nesting at most `depth` collections */
  const node = (indent: number, depth: number, compact: boolean): string => {
    const r = random();
    if (depth === 0 || r < 0.15 || --budget < 0) return r < 0.05 ? blockScalar(indent) : ` ${pick(scalars)}\n`;
    const siblings = random() < 0.6 ? 1 : 2 + Math.floor(random() * 2);
    if (r < 0.55) {
      // a mapping: under a `- ` on the same line (compact), or on the next lines
      // a key, or an explicit one (`? k` then `: ` and its value on the line, compact)
      const keys = Array.from({ length: siblings }, (_, i) => (random() < 0.2 ? `? k${i}\n${spaces(indent)}:${node(indent + 2, depth - 1, true)}` : `k${i}:${node(indent + 2, depth - 1, false)}`));
      if (compact) return ` ${keys.map((k, i) => (i === 0 ? k : `${spaces(indent)}${k}`)).join('')}`;
      return `\n${keys.map((k) => `${comment(indent)}${spaces(indent)}${k}`).join('')}`;
    }
    // a sequence: compact under a `- ` (`- - a`), at its key's column, or indented under it
    const at = compact ? indent : indent - (random() < 0.5 ? 2 : 0);
    // an item on the dash's line, or on the lines under a dash alone on its line
    const items = Array.from({ length: siblings }, () => (random() < 0.2 ? `-${node(at + 2, depth - 1, false)}` : `-${node(at + 2, depth - 1, true)}`));
    if (compact) return ` ${items.map((item, i) => (i === 0 ? item : `${spaces(at)}${item}`)).join('')}`;
    return `\n${items.map((item) => `${comment(at)}${spaces(Math.max(0, at))}${item}`).join('')}`;
  };

  const depthOf = (value: unknown): number => {
    if (isMap(value) || isSeq(value)) return 1 + Math.max(0, ...value.items.map((item) => depthOf(isPair(item) ? item.value : item)));
    return 0;
  };

  it('finds nesting past twice the limit, and none where nothing nests as deep as the limit, on 2,000 documents', () => {
    // how often each claim was put to the test, and each answer given
    const seen = { found: 0, none: 0, deep: 0, shallow: 0 };
    for (let n = 0; n < 2000; n++) {
      budget = 60;
      const text = `top:${node(2, 2 + Math.floor(random() * 24), false)}`.replace(/^top: /, 'top:\n  x: ');
      const docs = parseAllDocuments(text);
      expect(docs.flatMap((d) => d.errors.map((e) => e.message)), text).toEqual([]);
      const depth = Math.max(...docs.map((d) => depthOf(d.contents)));
      const limit = 1 + Math.floor(random() * 10);
      const found = excessiveBlockNesting(text, limit);
      if (depth > 2 * limit + 1) {
        expect(found, `${text}\ndepth ${depth}, limit ${limit}`).toBeGreaterThanOrEqual(0);
        seen.deep++;
      }
      if (depth < limit) {
        expect(found, `${text}\ndepth ${depth}, limit ${limit}`).toBe(-1);
        seen.shallow++;
      }
      if (found >= 0) seen.found++;
      else seen.none++;
    }
    expect(Math.min(seen.found, seen.none, seen.deep, seen.shallow)).toBeGreaterThan(300);
  });
});
