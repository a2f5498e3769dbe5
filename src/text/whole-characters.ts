/**
 * The first `end` UTF-16 units of `text`, one fewer where the last would be the first half of a
 * surrogate pair: a cut text holds whole characters (a lone half shows as an escape in a message, and
 * a file name cannot hold one).
 */
export function wholeCharacters(text: string, end: number): string {
  const cut = text.slice(0, end);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
