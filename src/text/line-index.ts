/** The 0-based index of the line holding `offset`, given the offsets where lines start (sorted, from 0). */
export function lineIndexAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * The offset where the line before the one starting at `lineStart` starts; -1 for the first line. (Not
 * `lastIndexOf('\n', lineStart - 2) + 1` alone: at the second line of a text that opens with a line
 * break, that is `lastIndexOf('\n', -1)`, which finds the break at 0 and gives the same line back.)
 */
export function previousLineStart(text: string, lineStart: number): number {
  if (lineStart <= 0) return -1;
  return lineStart < 2 ? 0 : text.lastIndexOf('\n', lineStart - 2) + 1;
}
