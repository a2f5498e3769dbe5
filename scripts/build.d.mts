import type { BuildOptions } from 'esbuild';

/** The first pass of the build: src/ bundled and split into ES module chunks in `outdir`. */
export function esmOptions(outdir: string, minify: boolean): BuildOptions;
