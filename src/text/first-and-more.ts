/** How many names (providers, roles) a finding shows before it counts the rest. */
export const NAMES_SHOWN = 5;

/**
 * The first `shown` items of a list joined by `separator`, and how many more there are: a message that
 * names every provider of a monorepo (800 of them) is one line no one reads, in a terminal or a CI log.
 */
export function firstAndMore(items: readonly string[], shown: number, separator: string): string {
  const head = items.slice(0, shown).join(separator);
  return items.length > shown ? `${head}${separator}and ${items.length - shown} more` : head;
}
