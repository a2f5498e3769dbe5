import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as yaml from 'yaml';
import * as blockIndex from '../../src/source/block-index';
import { nodeAnchor } from '../../src/source/anchor';
import { Locator } from '../../src/source/locate';
import { SourceFile } from '../../src/source/source-file';
import { loadYaml } from '../../src/source/yaml-library';

vi.mock('../../src/source/block-index', async (original) => {
  const actual = await original<typeof blockIndex>();
  return { ...actual, indexBlocks: vi.fn(actual.indexBlocks) };
});
// the syntax trees built, by the lengths of the texts parsed
vi.mock('yaml', async (original) => {
  const actual = await original<typeof yaml>();
  return { ...actual, default: actual, parseDocument: vi.fn(actual.parseDocument) };
});
const parsed = () => vi.mocked(yaml.parseDocument).mock.calls.map(([text]) => text.length);

beforeAll(async () => {
  await loadYaml();
});

// A finding in a large document is placed from a prefix of it; an index of the whole document (50,000
// routes: 85 MB) is built only to place many of its nodes, as `gwctl routes` does.
describe('placing in a large document', () => {
  const routes = Array.from({ length: 2000 }, (_, i) => `    - name: r${i}\n      matchers: [{uri: {prefix: /r${i}}}]\n`).join('');
  const text = `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata:\n  name: big\nspec:\n  http:\n${routes}`;
  const file = new SourceFile('big.yaml', text);
  const doc = { file, index: 0, start: 0, end: text.length };
  const prefixes = { from: 4096, first: 1024, growth: 16 };

  it('places a finding by prefixes, without indexing the document', () => {
    vi.mocked(blockIndex.indexBlocks).mockClear();
    vi.mocked(yaml.parseDocument).mockClear();
    const locator = new Locator(prefixes);
    expect(locator.locate(nodeAnchor(doc, '/spec/http/3/name'))).toMatchObject({ line: 13, column: 13 });
    expect(blockIndex.indexBlocks).not.toHaveBeenCalled();
    // the first prefix, cut at the end of its line, holds the route
    expect(parsed()).toEqual([text.indexOf('\n', 1024) + 1]);
    // a second finding there is placed from the same tree; once cleared (the report placed), it is gone
    locator.locate(nodeAnchor(doc, '/spec/http/4/name'));
    expect(parsed()).toHaveLength(1);
    locator.clear();
    locator.locate(nodeAnchor(doc, '/spec/http/4/name'));
    expect(parsed()).toHaveLength(2);
  });

  it('indexes it to place every route, and places findings from that index once it exists', () => {
    vi.mocked(blockIndex.indexBlocks).mockClear();
    const locator = new Locator(prefixes);
    expect(locator.start(nodeAnchor(doc, '/spec/http/1999'))).toEqual({ line: 4005, column: 7 });
    vi.mocked(yaml.parseDocument).mockClear();
    expect(locator.locate(nodeAnchor(doc, '/spec/http/3/name'))).toMatchObject({ line: 13, column: 13 });
    expect(blockIndex.indexBlocks).toHaveBeenCalledTimes(1);
    expect(parsed()).toEqual([]);
  });
});
