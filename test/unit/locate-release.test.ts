import { describe, expect, it } from 'vitest';
import { nodeAnchor } from '../../src/source/anchor';
import { Locator } from '../../src/source/locate';
import { SourceFile } from '../../src/source/source-file';

// On a large input the texts are let go after parsing (SourceFile.forget) and read again to place a
// node. The locator keeps a few of the texts it read again and lets the others go: placing every route
// of an input would otherwise bring back a second copy of all of it, kept to the end of the run.
describe('texts read again to place nodes', () => {
  const text = (i: number) => `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata:\n  name: t${i}\nspec:\n  hosts: [a${i}.example.com]\n`;
  const files = (n: number) =>
    Array.from({ length: n }, (_, i) => {
      const reads = { count: 0 };
      const file = new SourceFile(`t${i}.yaml`, text(i));
      file.forget(() => {
        reads.count++;
        return text(i);
      });
      return { file, reads, doc: { file, index: 0, start: 0, end: text(i).length } };
    });

  it('reads each file once while placing, and lets go of all but the most recent', () => {
    const all = files(100);
    const locator = new Locator();
    for (const { doc } of all) {
      expect(locator.start(nodeAnchor(doc, '/metadata/name'))).toEqual({ line: 4, column: 9 });
      expect(locator.locate(nodeAnchor(doc, '/spec/hosts'))).toMatchObject({ line: 6, column: 3 });
    }
    expect(all.map((f) => f.reads.count)).toEqual(all.map(() => 1));
    // the first files were let go: a later use reads them again; the last ones are still kept
    expect(all[0]!.file.text).toBe(text(0));
    expect(all[0]!.reads.count).toBe(2);
    expect(all[99]!.file.text).toBe(text(99));
    expect(all[99]!.reads.count).toBe(1);
  });

  it('keeps a file it is still using, however many others it places in between', () => {
    const all = files(100);
    const locator = new Locator();
    for (const { doc } of all) {
      locator.start(nodeAnchor(doc, '/metadata/name'));
      locator.start(nodeAnchor(all[0]!.doc, '/spec/hosts'));
    }
    expect(all[0]!.reads.count).toBe(1);
  });

  it('lets go of them all when cleared, and never of a text the file was given', () => {
    const [forgotten] = files(1);
    const given = new SourceFile('given.yaml', text(1));
    const locator = new Locator();
    locator.start(nodeAnchor(forgotten!.doc, '/metadata/name'));
    locator.start(nodeAnchor({ file: given, index: 0, start: 0, end: text(1).length }, '/metadata/name'));
    locator.clear();
    expect(forgotten!.file.text).toBe(text(0));
    expect(forgotten!.reads.count).toBe(2);
    expect(given.text).toBe(text(1));
  });
});
