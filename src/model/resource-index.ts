import { finding, resourceLabel, type Finding } from '../diagnostics/finding';
import type { KnownKind } from '../load/kinds';
import { anchorIn, type Resource } from '../load/resource';
import { innerMap } from '../data/under';

/**
 * Lookups the model needs, each by key, never by scanning: by kind, by namespace/name, by label.
 * Resources defined twice are reported here; the later definition is the one used, as `kubectl apply`
 * of the files in order would leave it.
 */
export class ResourceIndex {
  private readonly byKind = new Map<KnownKind, Resource[]>();
  // kind, then namespace, then name or label (innerMap): one lookup per delegate selector and per
  // VirtualGateway reference
  private readonly byName = new Map<KnownKind, Map<string, Map<string, Resource[]>>>();
  private readonly byLabel = new Map<KnownKind, Map<string, Map<string, Resource[]>>>();
  private readonly byNamespace = new Map<KnownKind, Map<string, Resource[]>>();
  // kind, then name, in every namespace: a delegate selector by name alone (a chain of 20,000 tables
  // each naming the next scanned every table for each: 5.1 s). Made at the first such selector: kept
  // for every resource it held 10 MB on corpus L, which has none.
  private readonly byBareName = new Map<KnownKind, Map<string, Resource[]>>();

  constructor(resources: readonly Resource[], findings: Finding[]) {
    // First which definition of each key is the last; then the index, of those alone, in input order.
    // (Adding every definition and taking the earlier one out again costs a scan of the lists per
    // duplicate: quadratic in a monorepo that has many.) The key: apiVersion (CloudProvider and
    // CloudResources of the two dialects are different kinds to the API server), kind, namespace, name.
    const last = new Map<string, Map<string, Map<string, Map<string, Resource>>>>();
    const kept = new Set<Resource>();
    for (const r of resources) {
      const byName = innerMap(innerMap(innerMap(last, r.apiVersion), r.kind), r.ref.namespace);
      const earlier = byName.get(r.ref.name);
      if (earlier) {
        findings.push(
          finding('GW3004', { resource: resourceLabel(r.ref) }, anchorIn(r, '/metadata/name'), {
            resource: r.ref,
            related: [{ message: 'first defined here', at: anchorIn(earlier, '/metadata/name') }],
          }),
        );
        kept.delete(earlier);
      }
      byName.set(r.ref.name, r);
      kept.add(r);
    }
    // the last definitions, by identity
    for (const r of resources) if (kept.has(r)) this.add(r);
  }

  of(kind: KnownKind): readonly Resource[] {
    return this.byKind.get(kind) ?? [];
  }

  /** Resources of a kind with this namespace and name (one per dialect at most). */
  named(kind: KnownKind, namespace: string, name: string): readonly Resource[] {
    return this.byName.get(kind)?.get(namespace)?.get(name) ?? NONE;
  }

  inNamespace(kind: KnownKind, namespace: string): readonly Resource[] {
    return this.byNamespace.get(kind)?.get(namespace) ?? NONE;
  }

  /**
   * Resources of a kind that may match a selector: the shortest of the lists its name, its namespace and
   * each of its labels index. Callers still check every field; this only keeps the scan small.
   */
  candidates(kind: KnownKind, selector: { name?: string | undefined; namespace?: string | undefined; labels: Readonly<Record<string, string>> }): readonly Resource[] {
    let shortest: readonly Resource[] | undefined;
    if (selector.name !== undefined) shortest = this.bareNamed(kind).get(selector.name) ?? NONE;
    const byLabel = this.byLabel.get(kind);
    for (const k in selector.labels) {
      const list = byLabel?.get(k)?.get(selector.labels[k]!) ?? NONE;
      if (shortest === undefined || list.length < shortest.length) shortest = list;
    }
    if (selector.namespace !== undefined) {
      const list = this.inNamespace(kind, selector.namespace);
      if (shortest === undefined || list.length < shortest.length) shortest = list;
    }
    return shortest ?? this.of(kind);
  }

  private bareNamed(kind: KnownKind): Map<string, Resource[]> {
    let names = this.byBareName.get(kind);
    if (!names) {
      this.byBareName.set(kind, (names = new Map()));
      for (const r of this.of(kind)) push(names, r.ref.name, r);
    }
    return names;
  }

  private add(r: Resource): void {
    push(this.byKind, r.kind, r);
    push(innerMap(innerMap(this.byName, r.kind), r.ref.namespace), r.ref.name, r);
    push(innerMap(this.byNamespace, r.kind), r.ref.namespace, r);
    const labels = innerMap(this.byLabel, r.kind);
    for (const k in r.labels) push(innerMap(labels, k), r.labels[k]!, r);
  }
}

const NONE: readonly Resource[] = Object.freeze([]);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
