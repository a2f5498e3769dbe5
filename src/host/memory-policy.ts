import { collectGarbage } from './collect-garbage';

/**
 * How much more than what was live after the last full collection the heap may grow to, by stage.
 * - While the input is read nearly everything allocated stays (it is the parsed data): a full collection
 *   there finds little to free, so the heap may grow by half before the next one.
 * - From the model stage on, the live set grows slowly and the work makes garbage around it (resolved
 *   routes thrown away host by host, output nodes written and dropped): a fifth. Measured side by side on
 *   corpus L against 50% throughout (medians of 5 runs for validate, 3 for the others), peak RSS: validate
 *   699 -> 639 MB, render envoy 788 -> 711, render gloo 893 -> 756, routes 771 -> 709; wall time: +1.2 s
 *   (9%), +1.3 s (6%), +0.4 s (2%), +1.2 s (7%; +3.7 s in one noisier comparison). 30% saved less for the
 *   same time; 10% saved 20 MB more for 1 to 5 s more.
 * - Output: an emitter turns the model into configuration (render). It keeps the model's policy, and
 *   begins with one full collection (below).
 * - Report: render has written its output, and the model and the output are garbage; the report then
 *   reads the files again to place its findings. It begins with one full collection too (below), and then
 *   lets the heap double: what stays live is small (the findings, about 120 MB for the 184,608 of render
 *   --target gateway-api of corpus L), each file's block index is garbage once its findings are placed,
 *   and the heap the writing committed is far larger, so the growth costs no resident memory. At a fifth,
 *   that render made 13 full collections while it placed its findings, 60 to 90 ms each; at 100%, 4.
 *   Side by side on L (3 runs each): 19.6 to 20.2 s -> 18.7 to 18.9 s, 28.1 to 29.1 s of CPU -> 26.5 to
 *   27.1 s, peak RSS 580 to 586 MB -> 577 to 583 MB (render envoy and gloo, with few findings: the same
 *   within the runs' spread).
 */
const HEAP_GROWING_PERCENT = { reading: 50, model: 20, output: 20, report: 100 } as const;

export type MemoryStage = keyof typeof HEAP_GROWING_PERCENT;

/**
 * The V8 flag gwctl sets for itself at a stage, or undefined when the user has chosen a heap policy of
 * their own (on the command line or in NODE_OPTIONS).
 *
 * gwctl runs as a batch job, often on shared CI runners, and what it keeps is one model of the input.
 * V8 sizes its heap for long-running servers: with a 4 GB heap limit it lets the heap grow to four times
 * what was live at the last full collection (on the L benchmark a peak of 680 MB live became 1.6 GB
 * resident). The flag is V8's own and is read at every full collection, so it can be set at run time,
 * once the input turns out to be large, and changed when the model stage begins (see node-host.ts).
 */
export function memoryFlag(execArgv: readonly string[], nodeOptions: string | undefined, stage: MemoryStage = 'reading'): string | undefined {
  const given = [...execArgv, nodeOptions ?? ''].join(' ');
  if (/--(heap[-_]growing[-_]percent|max[-_]old[-_]space[-_]size|optimize[-_]for[-_]size)\b/.test(given)) return undefined;
  return `--heap-growing-percent=${HEAP_GROWING_PERCENT[stage]}`;
}

// Below this much input the heap stays small whatever the policy, and a run does not pay for loading
// node:v8 (a millisecond of start-up).
export const LARGE_INPUT_BYTES = 16 * 1024 * 1024;

/**
 * At the hand-over to an emitter the model stage's working state is garbage (the route tables as read, the
 * flattener's selections and lists): on corpus L about 130 MB, which V8 would collect only once the heap
 * had grown a fifth over what was live at its last full collection, a size the model stage's garbage set.
 * The emitter's first allocations then came on top of it: render envoy of L peaked with 500 MB of heap in
 * use, 290 MB of it live. Collecting it before the emitter starts, side by side on L (medians of 3): peak
 * RSS 591 -> 560 MB for envoy, 627 -> 574 MB for gloo, output byte for byte the same, for a collection of
 * 290 to 370 ms. `routes` gains nothing (its peak is in the model stage) and is not told of this stage.
 * Once render has written its output, the same again: render --target gateway-api of L had 502 MB of heap
 * in use as its report began placing 184,608 findings, of which 120 MB live; collected first, peak RSS
 * 652 and 665 MB -> 613 and 615 MB (side by side, two runs each).
 */
export async function applyMemoryPolicy(stage: MemoryStage): Promise<void> {
  const flag = memoryFlag(process.execArgv, process.env.NODE_OPTIONS, stage);
  if (flag) (await import('node:v8')).setFlagsFromString(flag);
  if (stage === 'output' || stage === 'report') await collectGarbage();
}
