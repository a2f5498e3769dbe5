/** `1 file`, `2 files`; words whose plural is not `+s` give it (`alias`, `aliases`). */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
