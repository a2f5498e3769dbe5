import { CORE_SCHEMA, load } from 'js-yaml';
import { isNamespaceName } from '../text/kubernetes-names';
import { describeValue } from '../data/values';

/** The names kustomize reads a folder's kustomization by (sigs.k8s.io/kustomize api/konfig: RecognizedKustomizationFileNames). */
export const KUSTOMIZATION_FILES: ReadonlySet<string> = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/** A kustomization larger than this is no kustomization a person wrote: it is not read. */
export const MAX_KUSTOMIZATION_BYTES = 1 << 20;

/**
 * The files a kustomization names, relative to its folder, and how it builds them (KustomizeBuild):
 * `patches` (the files of `patches[].path`, `patchesStrategicMerge` and `patchesJson6902[].path`) and
 * `resources`. A patch is part of a resource,
 * applied by `kustomize build`: read as a manifest, a strategic-merge patch of a RouteTable is a second
 * RouteTable of that name (GW3004) holding only the fields it changes. An inline patch (`patch: |`, or a
 * `patchesStrategicMerge` entry that is a document) names no file. Undefined when the text is not a
 * kustomization gwctl can read: it is not gwctl's to check, and nothing is left out for it.
 */
export function kustomizationFiles(text: string): { readonly patches: readonly string[]; readonly resources: readonly string[]; readonly build?: KustomizeBuild } | undefined {
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
  const build = buildOf(k);
  return {
    patches: [...list(k.patches).flatMap(pathOf), ...list(k.patchesJson6902).flatMap(pathOf), ...list(k.patchesStrategicMerge).flatMap(file)],
    resources: [...list(k.resources).flatMap(file), ...list(k.bases).flatMap(file)],
    ...(build ? { build } : {}),
  };
}

/**
 * What a kustomization changes in the metadata of every resource it builds, as far as Gloo reads it:
 * - `namespace`: "Will override the existing namespace if it is set on a resource, or add it if it is
 *   not set on a resource" (kubectl.docs.kubernetes.io/references/kustomize/kustomization/namespace);
 * - `namePrefix`, `nameSuffix`: the name of every resource (kustomization/nameprefix, namesuffix);
 * - `commonLabels`, and `labels[].pairs`: labels added to every resource, replacing a value of the same
 *   key (kustomization/commonlabels, labels), which label selectors then see (delegation, exports);
 * - `commonAnnotations`: likewise (kustomization/commonannotations).
 * kustomize follows a renamed resource into the references of the kinds it knows (Deployments to their
 * ConfigMaps...), not into a Gloo resource's `spec`, unless the kustomization's `configurations` teach it
 * to: with `configurations`, the names are left as written (gwctl decides).
 */
export interface KustomizeBuild {
  readonly namespace?: string;
  readonly namePrefix?: string;
  readonly nameSuffix?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * the first of what the kustomization sets that it cannot build as a resource the API server takes
   * (GW1109): not applied (the rest of the build is), and reported rather than passed over in silence
   */
  readonly refused?: KustomizeRefusal;
}

/** A `namespace`, `namePrefix` or `nameSuffix` kustomize would build into resources no cluster takes. */
export interface KustomizeRefusal {
  readonly field: 'namespace' | 'namePrefix' | 'nameSuffix';
  /** the value as written, or what it is where it is no string (describeValue: `a list`, `a number (3)`) */
  readonly value: string;
  readonly why: string;
}

function buildOf(k: Record<string, unknown>): KustomizeBuild | undefined {
  const text = (v: unknown) => (typeof v === 'string' && v !== '' && !v.includes('\n') ? v : undefined);
  const pairs = (v: unknown): Record<string, string> => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
    return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
  };
  // a prefix or suffix of the characters of a Kubernetes name: another makes names the API server
  // refuses, which the file's own name (schema-checked) does not show; it is not applied
  const affix = (v: unknown) => (typeof v === 'string' && AFFIX.test(v) ? v : undefined);
  const namespace = text(k.namespace);
  const names = k.configurations === undefined;
  const labels = { ...pairs(k.commonLabels), ...Object.assign({}, ...(Array.isArray(k.labels) ? k.labels : []).map((l) => pairs(typeof l === 'object' && l !== null ? (l as Record<string, unknown>).pairs : undefined))) };
  const annotations = pairs(k.commonAnnotations);
  const refused = refusalOf(k);
  const build: KustomizeBuild = {
    ...(namespace !== undefined && isNamespaceName(namespace) ? { namespace } : {}),
    ...(names && affix(k.namePrefix) ? { namePrefix: affix(k.namePrefix) } : {}),
    ...(names && affix(k.nameSuffix) ? { nameSuffix: affix(k.nameSuffix) } : {}),
    ...(Object.keys(labels).length ? { labels } : {}),
    ...(Object.keys(annotations).length ? { annotations } : {}),
    ...(refused ? { refused } : {}),
  };
  return Object.keys(build).length ? build : undefined;
}

/**
 * The first of `namespace`, `namePrefix`, `nameSuffix` that no cluster would take. kustomize checks none
 * of them: it writes the namespace or the affixed names into every resource it builds, and `kubectl
 * apply` is refused for each ("a lowercase RFC 1123 label must consist of..."; kubernetes-sigs/kubebuilder
 * issue 790, a kustomization of `namespace: kubebuilder_test-system`). A value that is no string
 * kustomize cannot read at all (its Kustomization type's fields are strings): `kustomize build` fails.
 * An empty string is no value (kustomize leaves the namespace and names as they are).
 */
function refusalOf(k: Record<string, unknown>): KustomizeRefusal | undefined {
  const unreadable = 'which kustomize cannot read (the field is a string), so `kustomize build` fails';
  if (k.namespace !== undefined && k.namespace !== '') {
    if (typeof k.namespace !== 'string') return { field: 'namespace', value: describeValue(k.namespace), why: unreadable };
    if (!isNamespaceName(k.namespace)) return { field: 'namespace', value: k.namespace, why: 'which is no namespace name (lower-case letters, digits and `-`, at most 63 characters), so the API server refuses every resource kustomize builds into it' };
  }
  for (const field of ['namePrefix', 'nameSuffix'] as const) {
    const v = k[field];
    if (v === undefined || v === '') continue;
    if (typeof v !== 'string') return { field, value: describeValue(v), why: unreadable };
    if (!AFFIX.test(v)) return { field, value: v, why: 'which no object name may hold (lower-case letters, digits, `-` and `.`), so the API server refuses every resource kustomize renames with it' };
  }
  return undefined;
}

// the characters of a Kubernetes object name (a DNS subdomain), of which a prefix or suffix is a part
const AFFIX = /^[a-z0-9.-]{1,253}$/;
