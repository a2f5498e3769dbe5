/**
 * Everything gwctl does to the outside world goes through a Host, so that the stages can be tested
 * in-process and the CLI is the only place that touches `process`.
 */
export interface OutputStream {
  write(text: string): void;
  readonly isTTY: boolean;
}

export interface PathInfo {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
}

export interface DirEntry extends PathInfo {
  readonly name: string;
}

export interface Host {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  cwd(): string;
  /** null when the path does not exist */
  stat(path: string): Promise<PathInfo | null>;
  readDir(path: string): Promise<DirEntry[]>;
  readFile(path: string): Promise<Uint8Array>;
  readStdin(): Promise<Uint8Array>;
  /**
   * Write a whole file or nothing: a temporary file in the same directory, then a rename. Content may come
   * in chunks, so that a large output is never one string in memory.
   */
  writeFileAtomic(path: string, content: string | Iterable<string>): Promise<void>;
  /** Create a directory and its parents, as `mkdir -p`. */
  mkdirp(path: string): Promise<void>;
}
