/**
 * `items.flatMap(build)`, built only as it is iterated, afresh each time. Emitters hand these to the
 * stream writer for their route lists: on a large input every route as objects at once takes more memory
 * than the model they come from, and the writer needs one at a time.
 */
export function lazyFlatMap<T, U>(items: readonly T[], build: (item: T) => Iterable<U>): Iterable<U> {
  return {
    *[Symbol.iterator]() {
      for (const item of items) yield* build(item);
    },
  };
}
