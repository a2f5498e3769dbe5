import { describe, expect, it, vi } from 'vitest';
import * as blockIndex from '../../src/source/block-index';
import { nodeAnchor } from '../../src/source/anchor';
import { SourceFile } from '../../src/source/source-file';
import { placeFindings } from '../../src/report/place';
import type { Finding } from '../../src/diagnostics/finding';
import { Locator } from '../../src/source/locate';
import { loadYaml } from '../../src/source/yaml-library';

vi.mock('../../src/source/block-index', async (original) => {
  const actual = await original<typeof blockIndex>();
  return { ...actual, indexBlocks: vi.fn(actual.indexBlocks) };
});

// Findings are placed from the block index of their documents; a run with findings in thousands of
// documents must index each once, not once to learn whether the yaml library is needed and again to place.
describe('placing findings', () => {
  it('indexes each document once, and places every finding where its node is', async () => {
    const docs = Array.from({ length: 100 }, (_, i) => {
      const text = `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata:\n  name: t${i}\n  namespace: team\nspec:\n  hosts: [a${i}.example.com]\n`;
      return { file: new SourceFile(`t${i}.yaml`, text), index: 0, start: 0, end: text.length };
    });
    const findings: Finding[] = docs.map((doc, i) => ({
      code: 'GW4002',
      severity: 'warning',
      message: `finding ${i}`,
      at: nodeAnchor(doc, '/metadata/name'),
      related: [{ message: 'here too', at: nodeAnchor(doc, '/spec/hosts') }],
    }));
    vi.mocked(blockIndex.indexBlocks).mockClear();
    const placed = await placeFindings(findings, new Map(docs.map((d, i) => [d.file, i])));
    expect(blockIndex.indexBlocks).toHaveBeenCalledTimes(100);
    expect(placed).toHaveLength(100);
    expect(placed[42]).toMatchObject({ file: 't42.yaml', message: 'finding 42', line: 4, column: 9, related: [{ line: 7, column: 3 }] });
  });

  it('indexes a large document with many findings whole, and places them where prefixes of it would', async () => {
    // past the size located by prefixes (256 KB): one finding is placed from a prefix; many would make
    // the syntax tree of the whole document (20,000 in one table: 419 MB), so it is indexed instead
    const routes = Array.from({ length: 5_000 }, (_, i) => `    - name: r\n      matchers: [{uri: {prefix: /p${i}/}}]\n      directResponse: {status: 200}\n`).join('');
    const text = `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata:\n  name: big\nspec:\n  http:\n${routes}`;
    expect(text.length).toBeGreaterThan(256 * 1024);
    const doc = { file: new SourceFile('big.yaml', text), index: 0, start: 0, end: text.length };
    const at = (i: number) => nodeAnchor(doc, i % 2 ? `/spec/http/${i}/name` : `/spec/http/${i}/matchers/0/uri/prefix`);
    const many: Finding[] = Array.from({ length: 200 }, (_, k) => ({ code: 'GW3010', severity: 'warning', message: `f${k}`, at: at(k * 25) }));
    vi.mocked(blockIndex.indexBlocks).mockClear();
    const placed = await placeFindings(many, new Map([[doc.file, 0]]));
    expect(blockIndex.indexBlocks).toHaveBeenCalledTimes(1);
    // the reference: each placed by prefixes with the yaml library, no index
    await loadYaml();
    const reference = new Locator(undefined, false);
    const expected = many.map((f) => ({ message: f.message, ...reference.locate(f.at) }));
    expect(placed.map(({ message, line, column, endLine, endColumn }) => ({ message, line, column, endLine, endColumn }))).toEqual(
      expected.sort((a, b) => a.line - b.line || a.column - b.column),
    );
    // a few findings in it are still placed by prefixes
    vi.mocked(blockIndex.indexBlocks).mockClear();
    await placeFindings(many.slice(0, 3), new Map([[doc.file, 0]]));
    expect(blockIndex.indexBlocks).not.toHaveBeenCalled();
  });
});
