/** What a parser says when it refuses a value: its error's message, or `taken` when it accepts it. */
export function refusal(parse: () => unknown): string {
  try {
    parse();
    return 'taken';
  } catch (error) {
    return (error as Error).message;
  }
}
