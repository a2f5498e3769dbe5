export interface KubectlReading {
  readonly items?: unknown[];
  readonly error?: string;
}
export function kubectlReadings(files: ReadonlyArray<{ name: string; text: string | Uint8Array }>): Promise<Record<string, KubectlReading> | undefined>;
export function kubectlVersion(): Promise<string | undefined>;
export function canonicalJson(value: unknown): string;
export function withoutDefaultNamespace(items: unknown[]): unknown[];
export function kubectlFolder(dir: string): Promise<{ readonly objects?: string[]; readonly error?: string } | undefined>;
export function recordedFiles(root: string): string[];
