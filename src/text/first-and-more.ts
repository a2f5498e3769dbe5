/** How many names (providers, roles) a finding shows before it counts the rest. */
export const NAMES_SHOWN = 5;

/**
 * The first `shown` items of a list joined by `separator`, and how many more there are: a message that
 * names every provider of a monorepo (800 of them) is one line no one reads, in a terminal or a CI log.
 */
export function firstAndMore<T>(items: readonly T[], shown: number, separator: string, text: (item: T) => string = String): string {
  // only the items shown are spelt: the list may be thousands long, for each of thousands of findings
  const head = items.slice(0, shown).map(text).join(separator);
  return items.length > shown ? `${head}${separator}and ${items.length - shown} more` : head;
}
