import type * as Yaml from 'yaml';

let library: typeof Yaml | undefined;

/**
 * The yaml library, loaded on first need. It parses the files the quick path declines and places what the
 * block index cannot (source/block-index.ts); a run over plain manifests needs neither, and loading it
 * is about a tenth of the start-up of `gwctl validate` on one small file.
 */
export async function loadYaml(): Promise<typeof Yaml> {
  if (!library) {
    const loaded: Record<string, unknown> = await import('yaml');
    // a CommonJS package: bundled, its exports arrive as `default` only; run from sources, as names too
    library = (typeof loaded.parseDocument === 'function' ? loaded : loaded.default) as typeof Yaml;
  }
  return library;
}

/** The yaml library, once `loadYaml` has loaded it. */
export function yamlLibrary(): typeof Yaml {
  if (!library) throw new Error('the yaml library is used before it is loaded (loadYaml)');
  return library;
}

/** Whether the yaml library has been loaded (tests check that plain input never needs it). */
export function yamlLoaded(): boolean {
  return library !== undefined;
}
