/** The corpus of `documents` documents: file path (relative) to its YAML text. */
export function generateCorpus(documents: number): Map<string, string>;
