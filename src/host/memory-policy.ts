// The heap may grow to this much more than what was live after the last full collection.
const HEAP_GROWING_PERCENT = 50;

/**
 * The V8 flag gwctl sets for itself, or undefined when the user has chosen a heap policy of their own
 * (on the command line or in NODE_OPTIONS).
 *
 * gwctl runs as a batch job, often on shared CI runners, and what it keeps is one model of the input.
 * V8 sizes its heap for long-running servers: with a 4 GB heap limit it lets the heap grow to four times
 * what was live at the last full collection (on the L benchmark a peak of 680 MB live became 1.6 GB
 * resident). A factor of 1.5 holds the peak near the live set at no measurable cost in time (README,
 * Speed). The flag is V8's own and is read at every full collection, so it can be set at run time,
 * once the input turns out to be large (see node-host.ts).
 */
export function memoryFlag(execArgv: readonly string[], nodeOptions: string | undefined): string | undefined {
  const given = [...execArgv, nodeOptions ?? ''].join(' ');
  if (/--(heap[-_]growing[-_]percent|max[-_]old[-_]space[-_]size|optimize[-_]for[-_]size)\b/.test(given)) return undefined;
  return `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
}

// Below this much input the heap stays small whatever the policy, and a run does not pay for loading
// node:v8 (a millisecond of start-up).
export const LARGE_INPUT_BYTES = 16 * 1024 * 1024;

export async function applyMemoryPolicy(): Promise<void> {
  const flag = memoryFlag(process.execArgv, process.env.NODE_OPTIONS);
  if (flag) (await import('node:v8')).setFlagsFromString(flag);
}
