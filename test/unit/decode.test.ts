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

  it('tells binary files from text', () => {
    expect(decode('b', bytes('PK', [3, 4, 0, 0])).findings[0]!.code).toBe('GW1004');
    // UTF-16 without a byte order mark is UTF-8 to kubectl too, which refuses its NUL bytes
    expect(decode('c', Buffer.from('a: 1\n', 'utf16le')).findings[0]!.code).toBe('GW1004');
  });

  it('reads UTF-16 after its byte order mark, in either byte order, as kubectl does', () => {
    const text = 'kind: Workspace\r\nmetadata: {name: café-😀}\n';
    const le = decode('le.yaml', bytes([0xff, 0xfe], [...Buffer.from(text, 'utf16le')]));
    const be = decode('be.yaml', bytes([0xfe, 0xff], [...Buffer.from(text, 'utf16le').swap16()]));
    for (const d of [le, be]) {
      expect(d).toMatchObject({ ok: true, findings: [] });
      // the text the UTF-8 file gives, Kubernetes' line breaks and all: positions count the same
      expect(d.file.text).toBe(decode('utf8.yaml', Buffer.from(text)).file.text);
    }
  });

  it('hands a UTF-16 text holding NUL to the reader, which refuses it as kubectl does (GW1015; a UTF-32 file read after its UTF-16 mark)', async () => {
    const [{ analyze }, { memoryHost }] = await Promise.all([import('../../src/analyze'), import('../helpers/memory-host')]);
    const utf32 = Buffer.from('\ufeffkind: Workspace\n'.split('').map((c) => c + '\0\0').join(''), 'utf16le');
    expect(decode('u32.yaml', utf32)).toMatchObject({ ok: true, findings: [] });
    const { findings } = await analyze(memoryHost({ 'u32.yaml': utf32 }), { paths: ['u32.yaml'], stdinName: '<stdin>' });
    expect(findings.filter((f) => f.code === 'GW1015').map((f) => f.message.slice(0, 66))).toEqual(['Kubernetes cannot read this document: the control character U+0000']);
  });

  it('refuses UTF-16 that is not: an odd number of bytes, half of a surrogate pair', () => {
    const odd = decode('odd.yaml', bytes([0xff, 0xfe], [0x61, 0, 0x3a]));
    expect(odd).toMatchObject({ ok: false, findings: [{ code: 'GW1005', message: 'the file is not valid UTF-16LE: its byte order mark says UTF-16, but its bytes are an odd number, or hold half of a surrogate pair' }] });
    const half = decode('half.yaml', bytes([0xfe, 0xff], [0, 0x61, 0xd8, 0x3d, 0, 0x0a]));
    expect(half.findings.map((f) => f.message)).toEqual(['the file is not valid UTF-16BE: its byte order mark says UTF-16, but its bytes are an odd number, or hold half of a surrogate pair']);
  });

  it('accepts an empty file as text', () => {
    expect(decode('e', new Uint8Array()).ok).toBe(true);
  });
});
