/** The corpus of `documents` documents: file path (relative) to its YAML text. */
export function generateCorpus(documents: number): Map<string, string>;

/** Writes the corpus of `documents` documents into `dir` (emptied first): how many files and documents. */
export function writeCorpus(dir: string, documents: number): { files: number; documents: number };
