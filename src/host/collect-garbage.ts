/**
 * One full garbage collection, now. V8 exposes `gc` only to contexts made while its `--expose-gc` flag is
 * set, and Node gives no other way to ask for a collection: the flag is set for a moment and a new context
 * hands its `gc` over (jest-leak-detector, jestjs/jest packages/jest-leak-detector, asks the same way).
 * The flag is cleared again unless the user gave it, so that no later context sees a `gc` it was not given.
 * The modules load on first use: a small input never collects.
 */
export async function collectGarbage(): Promise<void> {
  const [{ setFlagsFromString }, { runInNewContext }] = await Promise.all([import('node:v8'), import('node:vm')]);
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed();
  setFlagsFromString('--expose-gc');
  try {
    (runInNewContext('gc') as () => void)();
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}
