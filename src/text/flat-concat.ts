/**
 * The parts as one string in one piece. `a + b` and template literals make V8 keep a tree of the parts
 * (a "cons string", 32 bytes a node); a string that is stored for the rest of the run (an ARN, a map key)
 * is smaller flat, and `join` builds it flat.
 */
export function flatConcat(...parts: string[]): string {
  return parts.join('');
}

/**
 * The same characters as a new string in one piece, holding on to nothing else: not a tree of parts (a
 * cons string, as `a + b` and path.join make) and not a view into a larger string (as `slice` makes of 13
 * characters or more). Joining two pieces writes a new flat string; a list of one piece, or a piece and
 * '', would give back the string itself.
 */
export function flatCopy(s: string): string {
  return s.length < 2 ? s : [s.slice(0, 1), s.slice(1)].join('');
}
