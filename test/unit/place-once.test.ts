import { describe, expect, it, vi } from 'vitest';
import * as blockIndex from '../../src/source/block-index';
import { nodeAnchor } from '../../src/source/anchor';
import { SourceFile } from '../../src/source/source-file';
import { placeFindings } from '../../src/report/place';
import type { Finding } from '../../src/diagnostics/finding';

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
});
