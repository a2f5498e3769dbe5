import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { jsonChunks, scalar, yamlChunks } from '../../src/emit/stream-writer';

const yaml = (v: unknown) => [...yamlChunks(v)].join('');
const json = (v: unknown) => [...jsonChunks(v)].join('');

const SAMPLE = {
  '@type': 'type.googleapis.com/x.v3.Config',
  name: 'a',
  empty: {},
  none: [],
  list: [1, 'two', { k: 'v', nested: { deep: [true, null] } }, [1, [2, 3]], {}],
  map: { ':method': 'POST', '*.example.com': 'x', 'a b': 'c: d', q: '[ab]' },
};

describe('the streaming writers', () => {
  it('YAML and JSON read back as the same data', () => {
    expect(parse(yaml(SAMPLE))).toEqual(SAMPLE);
    expect(JSON.parse(json(SAMPLE))).toEqual(SAMPLE);
  });

  it('write the same block style as the yaml library for ordinary data', () => {
    const data = { admin: { address: { port_value: 9901 } }, routes: [{ name: 'r', match: { prefix: '/x' }, headers: [{ name: 'h', exact: 'v' }] }] };
    expect(yaml(data)).toBe(stringify(data, { lineWidth: 0 }));
  });

  it('quotes every string YAML 1.1 or 1.2 would read as something else', () => {
    for (const s of ['true', 'yes', 'No', 'on', 'OFF', 'y', '~', 'null', '1', '0777', '1e3', '0x1F', '1:20', '.inf', '-.Inf', '.NaN', '2024-01-01', '', ' x', 'x ', 'a: b', 'a #b', '#x', '-', '- x', '*.x', '&a', '!t', '%p', '@x', '`x', '|', '>', "'", '"', 'x:', 'line\nbreak', '\t']) {
      const text = yaml({ v: s });
      expect(parse(text, { version: '1.1' }), s).toEqual({ v: s });
      expect(parse(text), s).toEqual({ v: s });
    }
    expect(scalar('/team-a/orders')).toBe('/team-a/orders');
    expect(scalar('arn:aws:lambda:us-west-1:111111111111:function:f:1')).toBe('arn:aws:lambda:us-west-1:111111111111:function:f:1');
    expect(scalar('5xx')).toBe('5xx');
  });

  it('consume generators lazily, one item at a time, and write empty ones as []', () => {
    let built = 0;
    function* items() {
      for (let i = 0; i < 3; i++) {
        built++;
        yield { i };
      }
    }
    const chunks = yamlChunks({ list: items(), none: (function* () {})() });
    expect(built).toBe(0);
    expect([...chunks].join('')).toBe('list:\n  - i: 0\n  - i: 1\n  - i: 2\nnone: []\n');
    expect(built).toBe(3);
  });

  it('cut large output into chunks', () => {
    const big = { items: Array.from({ length: 20_000 }, (_, i) => ({ name: `item-${i}`, value: 'x'.repeat(20) })) };
    const chunks = [...yamlChunks(big)];
    expect(chunks.length).toBeGreaterThan(5);
    expect(parse(chunks.join(''))).toEqual(big);
    expect([...jsonChunks(big)].length).toBeGreaterThan(5);
  });
});
