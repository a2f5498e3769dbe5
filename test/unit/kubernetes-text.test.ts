import { describe, expect, it } from 'vitest';
import { beforeAll } from 'vitest';
import { kubernetesText } from '../../src/load/kubernetes-text';
import { parseDocuments } from '../../src/load/parse-documents';
import { SourceFile } from '../../src/source/source-file';
import { loadYaml } from '../../src/source/yaml-library';

beforeAll(async () => {
  await loadYaml();
});
import { kubernetesLineBreaks, otherBreaks } from '../../src/text/yaml-line-breaks';

describe('text as Kubernetes reads it', () => {
  it('makes every line break of YAML 1.1 a LF, one unit for one, and keeps CR LF', () => {
    expect(kubernetesLineBreaks('a\rb\r\nc\u0085d\u2028e\u2029f\n')).toBe('a\nb\r\nc\nd\ne\nf\n');
    expect(kubernetesLineBreaks('plain\ntext\r\n')).toBe('plain\ntext\r\n');
  });

  it('reports the first break another reader disagrees on, with how many there are', () => {
    expect(otherBreaks('a\r\nb\n')).toBeUndefined();
    expect(otherBreaks('a\r\nb\u2028c\rd\u2028')).toEqual({ text: 'a\r\nb\nc\nd\n', offset: 4, char: '\u2028', count: 3 });
    const { file, findings } = kubernetesText('t.yaml', '# note\u2028kind: X\n');
    expect(file.text).toBe('# note\nkind: X\n');
    expect(findings.map((f) => [f.code, f.message])).toEqual([['GW1016', "U+2028 (line separator) is a line break to Kubernetes' YAML reader (YAML 1.1), and an ordinary character to YAML 1.2 readers, most editors and linters: what follows it is on a line of its own to the cluster alone"]]);
  });

  it('refuses what kubectl\'s document splitter refuses after `---`: anything but spaces and a comment', () => {
    const refused = (text: string) => kubernetesText('t.yaml', text).findings.filter((f) => f.code === 'GW1015').map((f) => file(text, f));
    const file = (text: string, f: { at: unknown }) => text.slice((f.at as { start: number }).start, (f.at as { start: number }).start + 3);
    expect(refused('a: 1\n---\n--- # Source: x\n---  \r\n---\t\u00a0\nb: 2\n')).toEqual([]);
    expect(refused('--- {kind: A}\n')).toEqual(['---']);
    expect(refused('a: 1\n---foo\n----\n--- |\n  x\n')).toEqual(['---', '---', '---']);
    // kubectl reads lines by LF: a `---` after a CR alone is inside a line, not refused by the splitter,
    // and the document after it is never read (the one GW1015 there says so)
    expect(kubernetesText('t.yaml', 'a: 1\r--- x\n').findings.map((f) => f.message)).toEqual([
      expect.stringContaining('a carriage return (CR) without a line feed'),
      'Kubernetes cannot read this document: this `---` follows a line break kubectl\'s document splitter does not see (it reads lines by LF): kubectl reads the document before it and never the one after',
    ]);
    expect(refused('a: 1\n---\rkind: A\n')).toEqual(['---']);
  });

  it('refuses a control character written raw, as Kubernetes\' YAML reader does, and not one written as an escape, on either path', () => {
    const codes = (text: string) => parseDocuments(new SourceFile('t.yaml', text)).findings.filter((f) => f.code === 'GW1015').map((f) => f.message);
    const del = 'Kubernetes cannot read this document: the control character U+007F: Kubernetes\' YAML reader reads none but tab and line breaks ("control characters are not allowed")';
    expect(codes('kind: A\nx: "a\u007fb"\n')).toEqual([del]);
    // where js-yaml does not look: a marker line's comment, the comments before the first marker
    expect(codes('kind: A\n--- # \u007f\nkind: B\n')).toEqual([del]);
    expect(codes('# \u007f\n---\nkind: B\n')).toEqual([del]);
    // on the exact path too (an anchor sends the file there)
    expect(codes('kind: A\nx: &a "\u009b"\ny: *a\n').map((m) => m.slice(0, 66))).toEqual(['Kubernetes cannot read this document: the control character U+009B']);
    expect(codes('kind: A\nx: "a\\u007fb"\t# tab\r\ny: "\u00a0\ue000\ufffd\u0085"\n')).toEqual([]);
    // NUL too, which reaches the reader where the binary check (the first 8,000 bytes) does not look:
    // later in a file, or in a UTF-16 text (decode.ts)
    expect(codes('kind: A\n# \u0000\n').map((m) => m.slice(0, 66))).toEqual(['Kubernetes cannot read this document: the control character U+0000']);
  });
});
