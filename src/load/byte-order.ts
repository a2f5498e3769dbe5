/**
 * The encoding a file's first bytes name, as kubectl reads a file: UTF-8, or UTF-16 in either byte
 * order when a byte order mark says so (k8s.io/cli-runtime, pkg/resource/visitor.go, FileVisitor.Visit:
 * `unicode.BOMOverride(unicode.UTF8.NewDecoder())`, standard input included). Windows PowerShell 5
 * writes `>` redirections as UTF-16LE with a mark, so `helm template ... > manifests.yaml` there makes
 * such a file, and kubectl applies it. Without a mark, a file is UTF-8 to kubectl.
 */
export type Utf16 = 'utf-16le' | 'utf-16be';

export function utf16Marked(bytes: Uint8Array): Utf16 | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * The text of a UTF-16 file after its mark; throws on bytes that are not UTF-16 (an odd number of them,
 * a surrogate without its pair) when `fatal`, where kubectl would read U+FFFD in their place.
 */
export function utf16Text(bytes: Uint8Array, encoding: Utf16, fatal: boolean): string {
  return new TextDecoder(encoding, { fatal, ignoreBOM: true }).decode(bytes.subarray(2));
}
