/** Numbers in [0, 1) from a seed, the same for the same seed (mulberry32). */
export function seededRandom(seed: number): () => number;
