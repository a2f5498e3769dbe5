/** JSON pointers (RFC 6901), the one way gwctl names a place inside a document. */

/**
 * A key as one segment of a JSON pointer (RFC 6901: `~` as `~0`, `/` as `~1`). Most keys hold neither:
 * they are their own segment, with no replace run (the filter walk asks this of every key of every table).
 */
export function pointerSegment(key: string): string {
  return key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
}

export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  const segments = pointer.slice(1).split('/');
  // escapes are rare: only a pointer that holds one is unescaped, segment by segment (~1 before ~0, RFC 6901)
  return pointer.includes('~') ? segments.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')) : segments;
}

/** The value at a pointer, or undefined. */
export function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const segment of pointerSegments(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}
