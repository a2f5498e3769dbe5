import { DNS_NAME_MAX, dnsName, withSuffix } from './dns-name';
/**
 * The names a caller has taken, when it keeps every name a NameRegistry hands it (as keys of its own
 * map) and records each before it asks for the next: the registry then asks it, and keeps no second set
 * of them (Envoy's clusters of a large input: 246,000 names).
 */
export interface TakenNames {
  has(name: string): boolean;
}

/**
 * Stable, unique names. A name is derived from what it stands for; two different things that sanitise
 * to the same name get `_2`, `_3` (or another separator) in the order they are first asked for (callers ask in sorted order, so
 * the result does not depend on input order).
 */
export class NameRegistry {
  private readonly byKey = new Map<string, string>();
  // the names handed out, unless the caller keeps every one itself (see TakenNames)
  private readonly own: Set<string> | undefined;
  private readonly taken: TakenNames;
  // for a base given more than once, the last number it was given
  private readonly lastSuffix = new Map<string, number>();

  constructor(
    private readonly sanitize: (raw: string) => string = sanitizeName,
    private readonly separator = '_',
    taken?: TakenNames,
    /** the longest name there may be (Kubernetes: DNS_NAME_MAX): a number is put within it */
    private readonly maxLength = Infinity,
  ) {
    this.own = taken ? undefined : new Set();
    this.taken = taken ?? this.own!;
  }

  nameFor(key: string, raw: string): string {
    const known = this.byKey.get(key);
    if (known) return known;
    const name = this.unique(raw);
    this.byKey.set(key, name);
    return name;
  }

  /** A name of its own for `raw`, for a caller that keeps track of what each name stands for itself. */
  unique(raw: string): string {
    const base = this.sanitize(raw);
    let name = base;
    if (this.taken.has(name)) {
      // numbers below the last one given for this base were taken then, and names are never given back:
      // the search starts after it, not at 2 again (one function as thousands of roles: a cluster each)
      let n = this.lastSuffix.get(base) ?? 1;
      do name = withSuffix(base, `${this.separator}${++n}`, this.maxLength);
      while (this.taken.has(name));
      this.lastSuffix.set(base, n);
    }
    this.own?.add(name);
    return name;
  }
}

/** Kubernetes object names (dnsName, `-2` for a second, within 253 characters), unique in one registry. */
export const kubernetesNames = (): NameRegistry => new NameRegistry(dnsName, '-', undefined, DNS_NAME_MAX);

/** Kubernetes object names unique within each namespace, as Kubernetes wants them: a registry per namespace. */
export class NamespacedNames {
  private readonly registries = new Map<string, NameRegistry>();

  nameFor(namespace: string, key: string, raw: string): string {
    return this.registry(namespace).nameFor(key, raw);
  }

  /** A name of its own in `namespace`, for a caller that keeps track of what each name stands for. */
  unique(namespace: string, raw: string): string {
    return this.registry(namespace).unique(raw);
  }

  private registry(namespace: string): NameRegistry {
    let registry = this.registries.get(namespace);
    if (!registry) this.registries.set(namespace, (registry = kubernetesNames()));
    return registry;
  }
}

// most names are made of a function's name, account, region and version: nothing to replace
const CLEAN = /^[A-Za-z0-9_.-]*$/;

export function sanitizeName(raw: string): string {
  return CLEAN.test(raw) ? raw : raw.replace(/\$LATEST/g, 'latest').replace(/[^A-Za-z0-9_.-]+/g, '_');
}
