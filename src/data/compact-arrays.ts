/**
 * The same data with every list at its exact size, objects updated in place. A list built entry by
 * entry, as YAML builds them, keeps room for 16 more entries (about 130 bytes): most lists in manifests
 * hold one or two entries, so on a large input that room is a third of the data's memory.
 */
export function compactArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compactArrays);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key in record) {
      const child = record[key];
      if (child !== null && typeof child === 'object') record[key] = compactArrays(child);
    }
  }
  return value;
}
