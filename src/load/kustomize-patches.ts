import { CORE_SCHEMA, load } from 'js-yaml';
import { isNamespaceName } from '../text/kubernetes-names';

/** The names kustomize reads a folder's kustomization by (sigs.k8s.io/kustomize api/konfig: RecognizedKustomizationFileNames). */
export const KUSTOMIZATION_FILES: ReadonlySet<string> = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/** A kustomization larger than this is no kustomization a person wrote: it is not read. */
export const MAX_KUSTOMIZATION_BYTES = 1 << 20;

/**
 * The files a kustomization names, relative to its folder, and its `namespace`: `patches` (the files of `patches[].path`,
 * `patchesStrategicMerge` and `patchesJson6902[].path`) and `resources`. A patch is part of a resource,
 * applied by `kustomize build`: read as a manifest, a strategic-merge patch of a RouteTable is a second
 * RouteTable of that name (GW3004) holding only the fields it changes. An inline patch (`patch: |`, or a
 * `patchesStrategicMerge` entry that is a document) names no file. Undefined when the text is not a
 * kustomization gwctl can read: it is not gwctl's to check, and nothing is left out for it.
 */
export function kustomizationFiles(text: string): { readonly patches: readonly string[]; readonly resources: readonly string[]; readonly namespace?: string } | undefined {
  let data: unknown;
  try {
    data = load(text, { schema: CORE_SCHEMA, json: true });
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const k = data as Record<string, unknown>;
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const file = (v: unknown) => (typeof v === 'string' && v !== '' && !v.includes('\n') ? [v] : []);
  const pathOf = (v: unknown) => (typeof v === 'object' && v !== null ? file((v as Record<string, unknown>).path) : []);
  return {
    patches: [...list(k.patches).flatMap(pathOf), ...list(k.patchesJson6902).flatMap(pathOf), ...list(k.patchesStrategicMerge).flatMap(file)],
    resources: [...list(k.resources).flatMap(file), ...list(k.bases).flatMap(file)],
    // "Will override the existing namespace if it is set on a resource, or add it if it is not set on a
    // resource" (kubectl.docs.kubernetes.io/references/kustomize/kustomization/namespace)
    ...(typeof k.namespace === 'string' && isNamespaceName(k.namespace) ? { namespace: k.namespace } : {}),
  };
}
