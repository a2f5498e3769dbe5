/**
 * Subtrees an emitter places many times over (a retry policy on every route, a region's TLS settings on
 * every cluster): marked with `reusable`, each is written once per place it can take (its indentation,
 * under a key or as a list item) and its text reused after that. Most of a large Envoy render is such
 * repeats. A reusable subtree is frozen (its text must stay true) and holds no generators.
 */
const reused = new WeakMap<object, Map<number, string>>();

/** The texts of a reusable subtree, by place, for the writer to fill; undefined for any other value. */
export const textsOf = (value: object): Map<number, string> | undefined => reused.get(value);

export function reusable<T extends object>(value: T): T {
  if (!reused.has(value)) reused.set(deepFreeze(value), new Map());
  return value;
}

/**
 * A reusable subtree per key, made from the first argument with that key (`keyOf`, the argument itself
 * by default). At most `keep` are kept: where keys come from the input (a method name), a module-level
 * cache must not grow with it; past that, a plain value is made each time (frozen and given a text
 * cache, it would be written once and pay for both).
 */
export function reusablePer<A, V extends object>(make: (arg: A) => V, { keep = Infinity, keyOf = (arg: A): unknown => arg } = {}): (arg: A) => V {
  const made = new Map<unknown, V>();
  return (arg) => {
    const key = keyOf(arg);
    let value = made.get(key);
    if (value === undefined) {
      if (made.size >= keep) return make(arg);
      made.set(key, (value = reusable(make(arg))));
    }
    return value;
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
