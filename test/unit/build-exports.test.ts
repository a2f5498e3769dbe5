import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esmOptions } from '../../scripts/build.mjs';

// The build turns each module's exports into plain values once the module has run (EXPORTS_AS_VALUES in
// scripts/build.mjs). That is right only while no exported binding is assigned after its declaration:
// an ES module's importers would see the new value, a CommonJS copy would not.

const escape = (name: string) => name.replace(/\$/g, '\\$');

/** The exported local bindings of an ES module chunk that some statement assigns again. */
function reassignedExports(code: string): string[] {
  const found: string[] = [];
  for (const statement of code.matchAll(/^export \{([^}]*)\};?$/gm)) {
    for (const item of statement[1]!.split(',')) {
      const local = item.trim().split(/\s+as\s+/)[0];
      if (!local) continue;
      const name = escape(local);
      // `x = `, `x += `, `x ??= `..., not `x == ` or `x => `; `x++`, `--x`
      const assignments = code.match(new RegExp(`(?<![.\\w$])${name}\\s*(?:[-+*/%&|^]|\\*\\*|<<|>>>?|&&|\\|\\||\\?\\?)?=(?![=>])|(?<![.\\w$])${name}\\s*(?:\\+\\+|--)|(?:\\+\\+|--)\\s*${name}(?![\\w$])`, 'g')) ?? [];
      const declared = new RegExp(`^(?:var|let|const)\\s+${name}\\s*=`, 'm').test(code) ? 1 : 0;
      if (assignments.length > declared) found.push(local);
    }
  }
  return found;
}

describe('the exports of the bundle', () => {
  let out: string;
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'gwctl-esm-'));
    await build({ ...esmOptions(out, false), logLevel: 'silent' });
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('assigns no exported binding after its declaration, in gwctl or in what it bundles', () => {
    const chunks: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else if (entry.name.endsWith('.js')) chunks.push(join(dir, entry.name));
      }
    };
    walk(out);
    let exported = 0;
    const reassigned: string[] = [];
    for (const chunk of chunks) {
      const code = readFileSync(chunk, 'utf8');
      exported += [...code.matchAll(/^export \{([^}]*)\}/gm)].reduce((n, m) => n + m[1]!.split(',').filter((s) => s.trim()).length, 0);
      reassigned.push(...reassignedExports(code).map((name) => `${chunk.slice(out.length)}: ${name}`));
    }
    expect(reassigned).toEqual([]);
    // the check saw the whole bundle
    expect(exported).toBeGreaterThan(300);
  });

  it('finds a binding assigned again, in each form', () => {
    const module = (body: string) => `var a = 1;\nfunction f() {}\n${body}\nexport {\n  a,\n  f as g\n};\n`;
    expect(reassignedExports(module(''))).toEqual([]);
    expect(reassignedExports(module('if (a == 1 && b.a = 2) (x) => a;'))).toEqual([]);
    expect(reassignedExports(module('function set() { a = 2; }'))).toEqual(['a']);
    expect(reassignedExports(module('a ??= 2;'))).toEqual(['a']);
    expect(reassignedExports(module('a++;'))).toEqual(['a']);
    expect(reassignedExports(module('--a;'))).toEqual(['a']);
    expect(reassignedExports(module('f = () => 1;'))).toEqual(['f']);
  });
});
