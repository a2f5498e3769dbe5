/**
 * Files whose whole text the quick loader read (load/parse-documents.ts): EXOTIC_YAML (load/exotic-yaml.ts)
 * found nothing in them. The block index (block-index.ts) then need not run that pattern over the text
 * again to find what it cannot read (gwctl routes of corpus L: 250 ms). Kept by identity, so a file's
 * text read again after SourceFile.forget, the same text by its digest, keeps the mark.
 */
const exoticFree = new WeakSet<object>();

export function markExoticFree(file: object): void {
  exoticFree.add(file);
}

export function isExoticFree(file: object): boolean {
  return exoticFree.has(file);
}
