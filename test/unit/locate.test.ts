import { describe, expect, it } from 'vitest';
import { nodeAnchor } from '../../src/source/anchor';
import { Locator } from '../../src/source/locate';
import { parseDocuments } from '../../src/load/parse-documents';
import { SourceFile } from '../../src/source/source-file';

const text = [
  'a: 1', //                       1
  '---', //                        2
  'spec:', //                      3
  '  http:', //                    4
  '    - name: lambda', //         5
  '      matchers:', //            6
  '        - uri: {prefix: /x}', // 7
  '  empty:', //                   8
  '',
].join('\n');

describe('Locator', () => {
  const file = new SourceFile('t.yaml', text);
  const doc = parseDocuments(file).documents[1]!.doc;
  const locate = (pointer: string, part: 'key' | 'value' = 'value') => new Locator().locate(nodeAnchor(doc, pointer, part));

  it('places a scalar value and its key', () => {
    expect(locate('/spec/http/0/name')).toEqual({ line: 5, column: 13, endLine: 5, endColumn: 19 });
    expect(locate('/spec/http/0/name', 'key')).toEqual({ line: 5, column: 7, endLine: 5, endColumn: 11 });
  });

  it('places a block collection on its key, and a sequence item on its first line', () => {
    expect(locate('/spec/http')).toMatchObject({ line: 4, column: 3 });
    expect(locate('/spec/http/0')).toMatchObject({ line: 5, column: 7, endLine: 5 });
  });

  it('walks into flow collections', () => {
    expect(locate('/spec/http/0/matchers/0/uri/prefix')).toMatchObject({ line: 7, column: 25, endColumn: 27 });
  });

  it('falls back to the nearest existing parent for a path that does not exist', () => {
    expect(locate('/spec/http/0/forwardTo/destinations')).toMatchObject({ line: 5, column: 7 });
    expect(locate('/spec/empty/x')).toMatchObject({ line: 8, column: 3 });
  });

  it('counts columns after CRLF line ends like LF ones', () => {
    const crlf = new SourceFile('c.yaml', text.replace(/\n/g, '\r\n'));
    const d = parseDocuments(crlf).documents[1]!.doc;
    expect(new Locator().locate(nodeAnchor(d, '/spec/http/0/name'))).toEqual({ line: 5, column: 13, endLine: 5, endColumn: 19 });
  });
});
