import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LazyDocument, type Emitted } from '../../src/emit/emitted';
import { serializeStream } from '../../src/emit/serialize';

/** Documents made when read, with a count of how many were made. */
function emitted(n: number): { emitted: Emitted; made: () => number } {
  let made = 0;
  const documents = Array.from({ length: n }, (_, i) => new LazyDocument(i, (x) => `d${x}.yaml`, (x) => (made++, { kind: 'Backend', metadata: { name: `b${x}` }, spec: { text: 'x'.repeat(70_000) } })));
  return { emitted: { documents, findings: [], header: ['h'] }, made: () => made };
}

describe('serializeStream: one stream of every document', () => {
  for (const format of ['yaml', 'json'] as const) {
    it(`makes each document as the writer reaches it, once, not every one before the first chunk (${format})`, () => {
      const { emitted: out, made } = emitted(5);
      const chunks = serializeStream(out, format);
      const first = chunks.next();
      expect(first.done).toBe(false);
      // a document of 70,000 characters passes the writer's chunk size: the first chunk is out with at
      // most the first document made
      expect(made()).toBeLessThanOrEqual(1);
      const text = [first.value as string, ...chunks].join('');
      expect(made()).toBe(5);
      const names = format === 'json' ? JSON.parse(text).items.map((d: any) => d.metadata.name) : text.split('\n---\n').slice(1).map((d) => parse(d).metadata.name);
      expect(names).toEqual(['b0', 'b1', 'b2', 'b3', 'b4']);
    });
  }

  it('writes one document alone in JSON, not as a List', () => {
    const { emitted: out } = emitted(1);
    expect(JSON.parse([...serializeStream(out, 'json')].join(''))).toMatchObject({ kind: 'Backend', metadata: { name: 'b0' } });
  });
});
