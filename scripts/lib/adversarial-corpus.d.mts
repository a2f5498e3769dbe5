/** The benchmark's adversarial shapes: each makes the documents of one pathological input of `n` elements. */
export const SHAPES: Readonly<Record<string, (n: number) => string[]>>;
/** Writes the shape's documents, of `n` elements, to one file (its folder created). */
export function writeAdversarial(shape: string, n: number, file: string): void;
