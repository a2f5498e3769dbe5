import type { MemoryStage } from './memory-policy';
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
  /** a symbolic link whose target does not exist */
  readonly danglingLink?: boolean;
  /** a symbolic link; isFile and isDirectory say what it points to */
  readonly symbolicLink?: boolean;
  /** neither a file nor a folder, or a link to one: a FIFO, a socket, a device */
  readonly special?: boolean;
}

/**
 * What a parse thread sends back for a file it read (load/parse-wire.ts): the documents it parsed, or
 * the text for the main thread to parse.
 */
export type ThreadAnswer =
  /**
   * The quick path's answer as JSON, and the SHA-1 of the text parsed. The text stays on disk: on a
   * large input the texts are a fifth of the heap, and only files with findings need theirs (Host.readAgain).
   */
  | { readonly bytes: number; readonly documents: string; readonly digest: string }
  /** the text, to parse on the main thread; `declined`: the quick path declined it, take the exact path at once */
  | { readonly bytes: number; readonly text: string; readonly declined?: true };

/** Threads that read and parse YAML files beside the main thread (host/parse-pool.ts). */
export interface ParallelParser {
  readonly threads: number;
  /** files sent and not yet answered */
  readonly pending: number;
  /** files a thread read and parsed (not handed back) */
  readonly answered: number;
  /** GWCTL_PARSE_THREADS asked for threads: they are used whatever the size of the input */
  readonly forced: boolean;
  /** A file read and parsed on another thread (load/parse-wire.ts); null: read it on this thread. */
  load(path: string, limit: number): Promise<ThreadAnswer | null>;
  /** Stops the idle threads (their memory goes back to the system); a later load starts them again. */
  close(): void;
}

export interface Host {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  cwd(): string;
  /** null when the path does not exist */
  stat(path: string): Promise<PathInfo | null>;
  readDir(path: string): Promise<DirEntry[]>;
  /** The whole file; past `maxBytes` an InputTooLargeError, having read no more than that. */
  readFile(path: string, maxBytes?: number): Promise<Uint8Array>;
  readStdin(maxBytes?: number): Promise<Uint8Array>;
  /**
   * Write a whole file or nothing: a temporary file in the same directory, then a rename. Content may come
   * in chunks, so that a large output is never one string in memory. `replaceLink`: whatever is at the
   * path (a symbolic link, a FIFO) is replaced by the file, never written through (an --out-dir's files).
   */
  writeFileAtomic(path: string, content: string | Iterable<string>, options?: { readonly replaceLink?: boolean }): Promise<void>;
  /** Create a directory and its parents, as `mkdir -p`. */
  mkdirp(path: string): Promise<void>;
  /** The absolute path with symbolic links resolved (of the parent, for a path that does not exist yet). */
  realpath(path: string): Promise<string>;
  /** Remove a file; nothing happens when it is already gone. */
  remove(path: string): Promise<void>;
  /**
   * How to read a regular file read earlier once more, synchronously, when its text is needed again
   * (SourceFile.forget): the text, or a HostError if the file no longer gives the text with this
   * SHA-1. Undefined for what cannot be read twice: standard input, a FIFO, a device, an in-memory host.
   */
  readAgain?(path: string): ((digest: string) => string) | undefined;
  /** Absent where there are no other threads to use: one core, or an in-memory host. */
  readonly parser?: ParallelParser;
  /**
   * The stage a run enters: reading its input, building the model once all of it is read, or turning the
   * model into output (render). A host that manages its heap (host/memory-policy.ts) applies the stage's
   * policy to a large input. A command may analyse twice (`gwctl diff` of two folders). Absent where there
   * is no heap to manage.
   */
  memoryStage?(stage: MemoryStage): Promise<void>;
}
