import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, docsAnchor, type Code, type CodeSpec } from '../../src/diagnostics/catalogue';
import { ROOT } from '../helpers/run-cli';

const codes = Object.keys(CATALOGUE) as Code[];

describe('diagnostic catalogue', () => {
  it('gives every code the GWnnnn form, in its range', () => {
    for (const code of codes) expect(code).toMatch(/^GW[1-8]\d{3}$/);
  });

  it('keeps names, anchors and titles unique', () => {
    for (const field of ['name', 'title'] as const) {
      const values = codes.map((c) => CATALOGUE[c][field]);
      expect(new Set(values).size).toBe(values.length);
    }
    expect(new Set(codes.map(docsAnchor)).size).toBe(codes.length);
  });

  it('gives every code a level, a message, a fix and a section in docs/diagnostics.md', () => {
    const docs = readFileSync(join(ROOT, 'docs/diagnostics.md'), 'utf8');
    for (const code of codes) {
      const spec = CATALOGUE[code];
      expect(['error', 'warning', 'info']).toContain(spec.severity);
      expect(spec.message.length).toBeGreaterThan(0);
      expect(spec.hint.length).toBeGreaterThan(10);
      expect(docs).toContain(`<a id="${docsAnchor(code)}"></a>`);
      expect(docs).toContain(`### ${code} ${spec.name}`);
    }
  });

  it('reports no retired code from anywhere in the sources', () => {
    const retired = codes.filter((c) => (CATALOGUE[c] as CodeSpec).retired);
    expect(retired).toContain('GW7107');
    const sources = (readdirSync(join(ROOT, 'src'), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('catalogue.ts'));
    const uses = sources.flatMap((f) => retired.filter((c) => readFileSync(join(ROOT, 'src', f), 'utf8').includes(`'${c}'`)).map((c) => `${f}: ${c}`));
    expect(uses).toEqual([]);
  });
});
