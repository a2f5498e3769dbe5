import { buildSync } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './run-cli';

/**
 * One of gwctl's source modules bundled on its own as an ES module (esbuild, as the build bundles the
 * CLI), written to `outfile`: for a test that must run it in a process of its own (one that watches the
 * process end, or ends it). Returns the URL a script imports it by.
 */
export function bundleAlone(source: string, outfile: string): string {
  buildSync({ entryPoints: [join(ROOT, source)], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'silent' });
  return pathToFileURL(outfile).href;
}
