/** The command lines every fuzz input is run through. */
export const RUNS: string[][];
/** The first way `main` misbehaves on `input` (with `base` as the other side of a diff), or undefined. */
export function check(main: (args: string[], host: unknown) => Promise<number>, input: string | Uint8Array, base: string): Promise<string | undefined>;
/** An in-memory host for `main`: these files, standard input, captured output. */
export function host(files: Record<string, string | Uint8Array>, stdin?: string): { output(): { out: string; err: string }; file(path: string): string | undefined };
