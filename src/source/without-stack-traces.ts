/**
 * The yaml library makes an Error of every syntax problem it meets, and V8 records a stack for each
 * Error it constructs. Nothing reads those stacks: gwctl reports a problem's message and place. A hostile
 * file of 700 KB (`a: |` and `-` lines, 100,000 times) gives about 500,000 problems, and their stacks
 * were 1.4 s of the 6 s the parse took. While the library works, V8 records none.
 */
export function withoutStackTraces<T>(run: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return run();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** The items of a lazy sequence (the library's composer), each made without stack traces. */
export function* eachWithoutStackTraces<T>(items: Iterable<T>): Generator<T> {
  const iterator = items[Symbol.iterator]();
  for (;;) {
    const next = withoutStackTraces(() => iterator.next());
    if (next.done) return;
    yield next.value;
  }
}
