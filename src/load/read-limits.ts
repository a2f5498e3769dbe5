/**
 * What gwctl reads at most, so that no input (a runaway stdin, `/dev/zero`, a generated giant) can make it
 * run without end or exhaust memory: per file, and in all. --max-file-size and --max-input-size raise them.
 */
export const DEFAULT_LIMITS = { file: 64 * 1024 * 1024, total: 512 * 1024 * 1024 } as const;

export function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / 1024 / 1024} MiB` : n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`;
}
