import { NamespacedNames } from '../names';

/** A kgateway resource that rules refer to, and the file it is written to. */
export interface ExtensionResource {
  readonly name: string;
  readonly namespace: string;
  readonly value: Record<string, unknown>;
}

/**
 * kgateway resources of one kind (`gateway.kgateway.dev/v1alpha1`) that HTTPRoute rules refer to by an
 * ExtensionRef filter. The filter names no namespace: kgateway looks the name up in the namespace of the
 * route that refers to it (kgateway-dev/kgateway internal/kgateway/krtcollections/policy.go,
 * `resolveExtension`), so each is made there. One per namespace and content however many rules refer to
 * it, named from the base the caller gives (`direct-500`, `regex-rewrite`) in the order first asked for.
 */
export class ExtensionRefs {
  private readonly byKey = new Map<string, ExtensionResource>();
  private readonly names = new NamespacedNames();

  constructor(private readonly kind: string) {}

  /** The filter that refers to the resource of `spec` (`key` says what it holds) in `namespace`. */
  filterFor(namespace: string, key: string, base: string, spec: () => Record<string, unknown>): Record<string, unknown> {
    const full = `${namespace}|${key}`;
    let entry = this.byKey.get(full);
    if (!entry) {
      const name = this.names.nameFor(namespace, full, base);
      entry = { name, namespace, value: { apiVersion: 'gateway.kgateway.dev/v1alpha1', kind: this.kind, metadata: { name, namespace }, spec: spec() } };
      this.byKey.set(full, entry);
    }
    return { type: 'ExtensionRef', extensionRef: { group: 'gateway.kgateway.dev', kind: this.kind, name: entry.name } };
  }

  /** Sorted by namespace, then name, so the output does not depend on the order rules asked for them. */
  resources(): ExtensionResource[] {
    return [...this.byKey.values()].sort((a, b) => (`${a.namespace}/${a.name}` < `${b.namespace}/${b.name}` ? -1 : 1));
  }
}
