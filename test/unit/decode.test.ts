import { describe, expect, it } from 'vitest';
import { decode } from '../../src/load/decode';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('decode', () => {
  it('drops a UTF-8 byte order mark so that columns match the editor', () => {
    const d = decode('a.yaml', bytes([0xef, 0xbb, 0xbf], 'a: 1\n'));
    expect(d.ok).toBe(true);
    expect(d.file.text).toBe('a: 1\n');
  });

  it('reports invalid UTF-8 at the offending byte', () => {
    const d = decode('a.yaml', bytes('name: caf', [0xe9], '\n'));
    expect(d.ok).toBe(false);
    expect(d.findings.map((f) => f.code)).toEqual(['GW1005']);
    expect(d.findings[0]!.message).toContain('0xE9 at byte offset 9');
    const at = d.findings[0]!.at;
    expect(at.kind === 'span' && d.file.positionAt(at.start)).toEqual({ line: 1, column: 10 });
  });

  it('reports a truncated multi-byte sequence at the end of the file', () => {
    const d = decode('a.yaml', bytes('a: ', [0xe2, 0x82]));
    expect(d.findings[0]!.code).toBe('GW1005');
  });

  it('tells binary files and UTF-16 apart from text', () => {
    expect(decode('b', bytes('PK', [3, 4, 0, 0])).findings[0]!.code).toBe('GW1004');
    const utf16 = decode('c', bytes([0xff, 0xfe], [0x61, 0, 0x3a, 0]));
    expect(utf16.findings[0]!.code).toBe('GW1005');
    expect(utf16.findings[0]!.message).toContain('UTF-16');
  });

  it('accepts an empty file as text', () => {
    expect(decode('e', new Uint8Array()).ok).toBe(true);
  });
});
