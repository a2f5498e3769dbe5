import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/load/decode';
import { DECLINED, isNotAManifest } from '../../src/load/parse-documents';
import { decodeQuickAnswer, encodeQuickAnswer, readAndEncode } from '../../src/load/parse-wire';
import { rereadText, textDigest } from '../../src/load/reread-text';
import { SourceFile } from '../../src/source/source-file';
import { quickParse } from '../helpers/quick-parse';
import { ROOT } from '../helpers/run-cli';

function* yamlFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* yamlFiles(path);
    else if (/\.ya?ml$/.test(name)) yield path;
  }
}

const view = (parsed: NonNullable<ReturnType<typeof quickParse>>) => ({
  count: parsed.documentCount,
  documents: parsed.documents.map((d) => ({ doc: d.doc, value: d.value, notAManifest: isNotAManifest(d.value) })),
});

/**
 * What a parse thread sends back must be, once the main thread decodes it, exactly what the main thread's
 * quick path gives: the same documents, places, Helm sources and data, and "not a manifest" still
 * recognisable. A file the thread cannot carry exactly it hands back (null).
 */
describe('parse threads: the encoded answer gives back the quick path', () => {
  const files = [...yamlFiles(join(ROOT, 'fixtures'))].map((f) => relative(ROOT, f));
  let carried = 0;

  it.each(files)('%s', (name) => {
    const file = new SourceFile(name, readFileSync(join(ROOT, name), 'utf8'));
    const quick = quickParse(file);
    const encoded = encodeQuickAnswer(file.text);
    if (!quick) {
      expect(typeof encoded === 'string' && encoded !== DECLINED).toBe(false);
      return;
    }
    expect(typeof encoded === 'string' && encoded !== DECLINED).toBe(true);
    carried++;
    expect(view(decodeQuickAnswer(file, encoded!))).toEqual(view(quick));
  });

  it('carries most fixtures, among them files with Helm sources and documents that are not manifests', () => {
    expect(carried).toBeGreaterThan(files.length / 2);
    const helm = 'fixtures/real-world/helm-template-output/rendered.yaml';
    const file = new SourceFile(helm, readFileSync(join(ROOT, helm), 'utf8'));
    expect(decodeQuickAnswer(file, encodeQuickAnswer(file.text)!).documents.some((d) => d.doc.helmSource)).toBe(true);
    const mixed = new SourceFile('x.yaml', 'kind: A\n---\nreplicas: 3\n');
    expect(decodeQuickAnswer(mixed, encodeQuickAnswer(mixed.text)!).documents.map((d) => isNotAManifest(d.value))).toEqual([false, true]);
  });

  it('hands back nesting too deep to parse, and what the quick path declines', () => {
    // floats, those JSON cannot carry among them, are the exact path's (parse-documents.ts, KUBERNETES_WATCH)
    for (const value of ['.nan', '.inf', '-.inf', '-0.0', '1.5']) expect(encodeQuickAnswer(`kind: A\nspec: {port: ${value}}\n`), value).toBe(DECLINED);
    expect(encodeQuickAnswer(`kind: A\nspec: ${'['.repeat(300)}${']'.repeat(300)}\n`)).toBeNull();
    expect(encodeQuickAnswer('kind: &a A\nother: *a\n')).toBe(DECLINED);
    expect(encodeQuickAnswer('kind: A\nspec: {port: 0, weight: 1.5}\n')).not.toBeNull();
  });

  it('says when the quick path declined a file it read, so that the main thread goes straight to the exact path', () => {
    const aliases = join(ROOT, 'fixtures/bad-input/alias-bomb.yaml');
    expect(readAndEncode(aliases, 1 << 20)).toMatchObject({ declined: true, text: expect.any(String) });
  });

  it('reads on the thread only regular files within the limit that decode without a finding', () => {
    const good = join(ROOT, 'fixtures/examples/10-gateway.yaml');
    const answer = readAndEncode(good, 1 << 20);
    // parsed: the text stays on disk, and reads back as it was parsed
    if (!answer || !('digest' in answer)) throw new Error('the thread did not parse the file');
    expect(rereadText(good, answer.digest)).toBe(readFileSync(good, 'utf8'));
    expect(() => rereadText(good, textDigest('other text'))).toThrow(/changed while gwctl was reading it/);
    expect(answer?.bytes).toBe(statSync(good).size);
    expect(readAndEncode(good, 10)).toBeNull();
    for (const bad of ['latin1.yaml', 'binary.yaml']) expect(readAndEncode(join(ROOT, 'fixtures/bad-input', bad), 1 << 20), bad).toBeNull();
    expect(readAndEncode(join(ROOT, 'fixtures'), 1 << 20)).toBeNull();
  });

  it('reads a text again exactly as decode() read it: byte order marks, non-ASCII, CRLF', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-reread-'));
    try {
      const cases: Array<string | Buffer> = ['\ufeffkind: A\n', '\ufeff\ufeffkind: A\n', 'name: café ✓ 😀\r\nkind: A\r\n', ''];
      // UTF-16 in both byte orders, read after its mark as kubectl reads it (load/byte-order.ts)
      const utf16le = Buffer.from('\ufeffname: café ✓ 😀\r\nkind: A\r\n', 'utf16le');
      cases.push(utf16le, Buffer.from(utf16le).swap16());
      for (const [i, text] of cases.entries()) {
        const path = join(dir, `${i}.yaml`);
        writeFileSync(path, text);
        const decoded = decode(path, readFileSync(path));
        expect(decoded.ok).toBe(true);
        expect(rereadText(path, textDigest(decoded.file.text)), JSON.stringify(text)).toBe(decoded.file.text);
        if (typeof text !== 'string') expect(decoded.file.text).toBe('name: café ✓ 😀\r\nkind: A\r\n');
      }
      // invalid UTF-8 where valid UTF-8 was parsed: another text
      const path = join(dir, 'changed.yaml');
      writeFileSync(path, 'name: caf\u00e9\n');
      const digest = textDigest(decode(path, readFileSync(path)).file.text);
      writeFileSync(path, Buffer.from('name: caf\xe9\n', 'latin1'));
      expect(() => rereadText(path, digest)).toThrow(/changed while gwctl was reading it/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
