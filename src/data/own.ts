/**
 * `table[key]` when the table holds the key itself. A key that comes from the input (an apiVersion's
 * group, a redirect's responseCode, a setting's name) may be `constructor`, `toString` or `__proto__`,
 * which a plain object answers with what every object inherits: a function, not undefined.
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
