/**
 * `target.push(...items)` without the spread: a spread passes every item as an argument, and past about
 * a hundred thousand (a gateway delegating to 100,000 tables) the call overflows the stack.
 */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest of the numbers, or `fallback` for none: Math.max(...numbers) has the same limit. */
export function maxOf(numbers: Iterable<number>, fallback = -Infinity): number {
  let max = fallback;
  for (const n of numbers) if (n > max) max = n;
  return max;
}

export function minOf(numbers: Iterable<number>, fallback = Infinity): number {
  let min = fallback;
  for (const n of numbers) if (n < min) min = n;
  return min;
}
