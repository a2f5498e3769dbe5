/** What gwctl reads at most by default: one file, and all inputs together (--max-file-size, --max-input-size). */
export const DEFAULT_LIMITS = { file: 64 * 1024 * 1024, total: 512 * 1024 * 1024 } as const;

export function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / 1024 / 1024} MiB` : n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`;
}
