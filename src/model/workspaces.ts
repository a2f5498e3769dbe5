import { asArray, isObject, obj, setStr, str, stringMap, type Obj } from '../data/values';
import { finding, resourceLabel, type Finding, type ResourceRef } from '../diagnostics/finding';
import type { Anchor } from '../source/anchor';
import { anchorIn, type Resource } from '../load/resource';
import { suggest } from './suggestions';
import { globMatcher, type Glob } from '../text/glob';
import { GlobIndex } from '../text/glob-index';
import { firstAndMore, NAMES_SHOWN } from '../text/first-and-more';
import type { ResourceIndex } from './resource-index';
import { hasLabels } from './has-labels';
import { listUnder } from '../data/under';
import { ShareEntries, type Shared, type ShareKind } from './share-entries';
import type { SchemaRefusals } from './schema-refusals';

const NO_ENTRIES = new ShareEntries([]);

export type { ShareKind } from './share-entries';

/** Gloo's management namespace: it holds the Workspaces and the `global` WorkspaceSettings. */
export const MANAGEMENT_NAMESPACE = 'gloo-mesh';

export type Access =
  | { readonly ok: true; readonly imported: boolean; readonly owner: string | null }
  | { readonly ok: false; readonly code: 'GW6002' | 'GW6003'; readonly owner: string; readonly consumer: string };

interface WorkspaceInfo {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly settings: Resource[];
  /** the exportTo and importFrom entries of its own WorkspaceSettings (the global ones are shared), read once */
  exportTo: ShareEntries;
  importFrom: ShareEntries;
}

/** Where a Workspace turns off reading Gloo configuration: its `configEnabled: false`. */
export interface ConfigOff {
  readonly workspace: Resource;
  readonly pointer: string;
}

/**
 * GW6009: an object in a namespace Gloo reads no configuration from, said at its namespace (`at`), the
 * `configEnabled: false` beside it. Gloo ignores it, and so does the model.
 */
export function unreadFinding(ref: ResourceRef, at: Anchor, off: ConfigOff): Finding {
  return finding('GW6009', { resource: resourceLabel(ref), namespace: ref.namespace, workspace: off.workspace.ref.name }, at, {
    resource: ref,
    related: [{ message: 'configEnabled: false', at: anchorIn(off.workspace, off.pointer) }],
  });
}

interface NamespaceClaim {
  readonly workspace: string;
  readonly namespace: Glob;
  /** the entry names its namespace exactly (no glob): it wins over a glob */
  readonly exact: boolean;
  /** the entry's `labels`: a namespace must carry them all; null when it selects by name alone */
  readonly labels: Readonly<Record<string, string>> | null;
  readonly cluster: string;
  /** null: Gloo reads configuration from the namespace in these clusters */
  readonly configOff: ConfigOff | null;
}

/**
 * The claims on one namespace. `definite`: its name matches, and the entry selects no labels or the
 * namespace's Namespace object in the input carries them. `possible`: its name matches and the entry
 * selects labels, but the input has no Namespace object to read them from.
 */
interface ClaimsOn {
  readonly definite: readonly NamespaceClaim[];
  readonly possible: readonly NamespaceClaim[];
}

interface Claim {
  readonly workspace: string;
  /** cluster names the claim is limited to; globs, `*` declares none */
  readonly clusters: string[];
  /** set when every claim of the owner on the namespace turns configuration off */
  readonly configOff: ConfigOff | null;
}

const isGlob = (s: string) => /[*?]/.test(s);

/** Two lists of claims, each in workspace name order, as one in that order. */
function inNameOrder(a: readonly NamespaceClaim[], b: readonly NamespaceClaim[]): NamespaceClaim[] {
  if (a.length === 0) return b.slice();
  if (b.length === 0) return a.slice();
  const out: NamespaceClaim[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(cmp(a[i]!.workspace, b[j]!.workspace) <= 0 ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/** The workspaces of claims in name order, each once. */
function distinctNames(claims: readonly NamespaceClaim[]): string[] {
  const out: string[] = [];
  for (const c of claims) if (out[out.length - 1] !== c.workspace) out.push(c.workspace);
  return out;
}

/**
 * Multitenancy: which workspace owns each namespace, and whether a resource of one workspace may be
 * used from another (the owner exports it AND the consumer imports it). Without any Workspace in the
 * input everything is one workspace and nothing is checked.
 */
export class Workspaces {
  readonly enabled: boolean;
  private readonly workspaces = new Map<string, WorkspaceInfo>();
  private readonly claims = new Map<string, Claim | null>();
  /** namespace claims: by exact name (looked up), and the globs (found through globIndex, then tested) */
  private readonly exactClaims = new Map<string, NamespaceClaim[]>();
  private readonly globClaims: NamespaceClaim[] = [];
  // the glob claims by their literal prefix or suffix: ids are their places in globClaims
  private readonly globIndex = new GlobIndex();
  private readonly global: Resource[] = [];
  private globalExport = NO_ENTRIES;
  private globalImport = NO_ENTRIES;

  constructor(
    index: ResourceIndex,
    findings: Finding[],
    /** the schema's errors: a cluster glob it refuses selects no cluster */
    refusals: SchemaRefusals,
    /** the labels of the Namespace objects in the input, by name */
    private readonly namespaceLabels: ReadonlyMap<string, Readonly<Record<string, string>>> = new Map(),
  ) {
    const workspaceResources = [...index.of('Workspace')].sort((a, b) => cmp(a.ref.name, b.ref.name));
    this.enabled = workspaceResources.length > 0;
    for (const ws of workspaceResources) {
      this.workspaces.set(ws.ref.name, { name: ws.ref.name, labels: ws.labels, settings: [], exportTo: NO_ENTRIES, importFrom: NO_ENTRIES });
      const clusters = asArray(ws.spec.workloadClusters).map(obj);
      const clusterConfig = configEnabled(ws, clusters, '/spec/workloadClusters', 'cluster', findings);
      clusters.forEach((c, i) => {
        // an empty name is no name (proto3), which selects every cluster, as every namespace below
        const clusterName = setStr(c.name) ?? '*';
        // a glob with a character no cluster's name holds (GW2006): the entry selects no cluster, so it
        // claims none of its namespaces, as in Gloo. Manifests carry no cluster, so a name that can match
        // one is taken to, and so is a shell variable (GW2012, a warning: read as the cluster it stands for)
        if (refusals.under(ws, `/spec/workloadClusters/${i}/name`)) return;
        // "If you do not select any namespaces, the workspace is empty and results in an error" (the 2.14
        // CRD, Workspace workloadClusters[].namespaces): an entry without them claims nothing
        const namespaces = asArray(c.namespaces).map(obj);
        if (namespaces.length === 0) {
          findings.push(finding('GW6008', { workspace: ws.ref.name }, anchorIn(ws, `/spec/workloadClusters/${i}`), { resource: ws.ref }));
          return;
        }
        const namespaceConfig = configEnabled(ws, namespaces, `/spec/workloadClusters/${i}/namespaces`, 'namespace', findings);
        namespaces.forEach((ns, j) => {
          const glob = setStr(ns.name) ?? '*';
          // name and labels "are ANDed together" (the 2.14 CRD, namespaces[].labels), and empty labels
          // are "ignored": without a name, an entry selects every namespace that carries its labels
          const wanted = stringMap(ns.labels);
          const labels = Object.keys(wanted).length ? wanted : null;
          // gwctl decides: a cluster entry that reads no configuration reads none from any of its
          // namespaces, whatever they say
          const configOff = clusterConfig[i] ?? namespaceConfig[j] ?? null;
          const claim = { workspace: ws.ref.name, namespace: globMatcher(glob), exact: !isGlob(glob), labels, cluster: clusterName, configOff };
          if (isGlob(glob)) this.globIndex.add(glob, this.globClaims.push(claim) - 1);
          else listUnder(this.exactClaims, glob).push(claim);
        });
      });
    }
    if (!this.enabled) return;
    this.reportDoubleClaims(index, findings);
    for (const settings of index.of('WorkspaceSettings')) {
      // Gloo does not read it (buildModel reports it with the other resources there)
      if (this.configOff(settings.ref.namespace)) continue;
      const owner = this.of(settings.ref.namespace);
      // `global` in the management namespace applies to every workspace, even when a Workspace's globs
      // (`*`) also claim that namespace: it is never a second WorkspaceSettings of that workspace
      if (settings.ref.name === 'global' && (owner === null || settings.ref.namespace === MANAGEMENT_NAMESPACE)) this.global.push(settings);
      else if (owner) this.workspaces.get(owner)!.settings.push(settings);
      else {
        findings.push(finding('GW6005', { resource: `WorkspaceSettings ${settings.ref.namespace}/${settings.ref.name}`, namespace: settings.ref.namespace }, anchorIn(settings, '/metadata/namespace'), { resource: settings.ref }));
      }
      this.checkWorkspaceNames(settings, findings);
    }
    // a WorkspaceSettings whose metadata the API server refuses is not admitted: it shares nothing (its
    // findings are made all the same, as every refused resource's are)
    const entries = (settings: readonly Resource[], field: 'exportTo' | 'importFrom') =>
      new ShareEntries(settings.flatMap((s) => (refusals.object(s) ? [] : asArray(s.spec[field]).filter(isObject))));
    // the global entries apply to every workspace: read once, not copied into each
    this.globalExport = entries(this.global, 'exportTo');
    this.globalImport = entries(this.global, 'importFrom');
    for (const ws of this.workspaces.values()) {
      ws.exportTo = entries(ws.settings, 'exportTo');
      ws.importFrom = entries(ws.settings, 'importFrom');
      if (ws.settings.length > 1) {
        const [first, ...rest] = ws.settings;
        for (const s of rest) {
          findings.push(finding('GW6007', { workspace: ws.name }, anchorIn(s, '/metadata/name'), { resource: s.ref, related: [{ message: 'first WorkspaceSettings', at: anchorIn(first!, '/metadata/name') }] }));
        }
      }
    }
  }

  names(): string[] {
    return [...this.workspaces.keys()];
  }

  has(name: string): boolean {
    return this.workspaces.has(name);
  }

  /** The workspace that owns a namespace, or null (no Workspace claims it, or workspaces are off). */
  of(namespace: string): string | null {
    return this.claim(namespace)?.workspace ?? null;
  }

  /**
   * Where the owner of a namespace turns off reading Gloo configuration from it, or null when Gloo reads
   * it. Manifests carry no cluster: a namespace is read when any cluster entry that claims it is.
   */
  configOff(namespace: string): ConfigOff | null {
    return this.claim(namespace)?.configOff ?? null;
  }

  /**
   * Manifests carry no cluster; a reference's `cluster` is compared only with a cluster the target's
   * workspace declares for its namespace. Returns the declared clusters when they disagree.
   */
  clusterMismatch(namespace: string, cluster: string | undefined): string[] | undefined {
    if (!cluster) return undefined;
    const declared = (this.claim(namespace)?.clusters ?? []).filter((c) => !isGlob(c));
    if (declared.length === 0 || declared.includes(cluster)) return undefined;
    return declared;
  }

  /** May a resource in `consumerNamespace` use `target`? */
  access(consumerNamespace: string, target: Shared, kind: ShareKind): Access {
    if (!this.enabled) return { ok: true, imported: false, owner: null };
    const consumer = this.of(consumerNamespace);
    const owner = this.of(target.ref.namespace);
    // a resource outside every workspace (the management namespace) is visible to all
    if (owner === null || consumer === null || owner === consumer) return { ok: true, imported: false, owner };
    const ownerWs = this.workspaces.get(owner)!;
    const consumerWs = this.workspaces.get(consumer)!;
    const exported = ownerWs.exportTo.admits(consumerWs, target, kind) || this.globalExport.admits(consumerWs, target, kind);
    if (!exported) return { ok: false, code: 'GW6002', owner, consumer };
    const imported = consumerWs.importFrom.admits(ownerWs, target, kind) || this.globalImport.admits(ownerWs, target, kind);
    if (!imported) return { ok: false, code: 'GW6003', owner, consumer };
    return { ok: true, imported: true, owner };
  }

  private claim(namespace: string, on?: ClaimsOn): Claim | null {
    if (!this.enabled) return null;
    let claim = this.claims.get(namespace);
    if (claim === undefined) {
      // an exact namespace name is more specific than a glob, and wins; GW6001 reports the overlap. Claims
      // by labels the input cannot check count only when nothing else claims the namespace: the first
      // workspace by name then, which GW6011 names when there are several (gwctl decides)
      const { definite, possible } = on ?? this.claimsOf(namespace);
      const from = definite.length ? definite : possible;
      const exact = from.filter((p) => p.exact);
      const matching = exact.length ? exact : from;
      const owned = matching.filter((p) => p.workspace === matching[0]?.workspace);
      claim = owned.length ? { workspace: owned[0]!.workspace, clusters: owned.map((p) => p.cluster), configOff: owned.every((p) => p.configOff) ? owned[0]!.configOff : null } : null;
      this.claims.set(namespace, claim);
    }
    return claim;
  }

  /** Every claim on a namespace, in workspace name order (the exact ones and the globs' are each in it). */
  private claimsOf(namespace: string): ClaimsOn {
    const globs = this.globIndex.candidates(namespace).map((i) => this.globClaims[i]!).filter((c) => c.namespace.test(namespace));
    const named = inNameOrder(this.exactClaims.get(namespace) ?? [], globs);
    const labels = this.namespaceLabels.get(namespace);
    const definite = named.filter((c) => c.labels === null || (labels !== undefined && hasLabels(labels, c.labels)));
    // the management namespace holds the Workspaces themselves and, in 2.3+, the CloudProviders every
    // workspace uses: a selector by labels takes it only when its Namespace object shows the labels
    const possible = labels === undefined && namespace !== MANAGEMENT_NAMESPACE ? named.filter((c) => c.labels !== null) : [];
    return { definite, possible };
  }

  private reportDoubleClaims(index: ResourceIndex, findings: Finding[]): void {
    const reported = new Set<string>();
    for (const kind of ['CloudProvider', 'CloudResources', 'RouteTable', 'VirtualGateway', 'WorkspaceSettings'] as const) {
      for (const r of index.of(kind)) {
        const ns = r.ref.namespace;
        if (reported.has(ns)) continue;
        reported.add(ns);
        const on = this.claimsOf(ns);
        const { definite, possible } = on;
        // the owner, kept for every later question: the claims are gathered once per namespace
        const claim = this.claim(ns, on);
        // the claims are in name order: distinct names by their neighbours, where a set and a sort of
        // thousands of workspaces selecting every namespace by labels took 8.8 s for 8,000 namespaces
        const owners = distinctNames(definite);
        if (owners.length > 1) {
          findings.push(finding('GW6001', { namespace: ns, first: `\`${owners[0]}\``, second: `\`${owners[1]}\`` }, anchorIn(r, '/metadata/namespace'), { resource: r.ref }));
        }
        const maybe = distinctNames(possible);
        if (owners.length === 0 && maybe.length > 1) {
          // the workspace claim() takes: an exact name first, then the first by name
          const taken = claim!.workspace;
          // the first five named and the rest counted: every workspace selecting by labels may take every such namespace
          const others = firstAndMore(maybe.filter((w) => w !== taken), NAMES_SHOWN, ', ', (w) => `\`${w}\``);
          findings.push(finding('GW6011', { namespace: ns, first: `\`${taken}\``, others }, anchorIn(r, '/metadata/namespace'), { resource: r.ref }));
        }
      }
    }
  }

  private checkWorkspaceNames(settings: Resource, findings: Finding[]): void {
    for (const field of ['exportTo', 'importFrom'] as const) {
      asArray(settings.spec[field]).forEach((entry, i) => {
        asArray(obj(entry).workspaces).forEach((w, j) => {
          const name = str(obj(w).name);
          if (name && !isGlob(name) && !this.workspaces.has(name)) {
            const suggestion = suggest(name, this.workspaces.keys());
            findings.push(
              finding('GW6006', { name, suggestion: suggestion ? `; did you mean \`${suggestion}\`?` : '' }, anchorIn(settings, `/spec/${field}/${i}/workspaces/${j}/name`), { resource: settings.ref }),
            );
          }
        });
      });
    }
  }
}

/**
 * Each entry's `configEnabled: false`, where it takes effect (undefined where Gloo reads configuration).
 * The 2.14 CRD, for clusters and likewise for the namespaces of a cluster: "If you omit this field for
 * any cluster in a workspace, it is set to `true` by default, and Gloo configuration is read for all
 * clusters and namespaces in that workspace. If you explicitly set this field to either true or false
 * on a specific cluster, you must also explicitly set the field for every other cluster". So a `false`
 * beside an entry that leaves the field unset turns nothing off: GW6010 says so.
 */
function configEnabled(ws: Resource, entries: readonly Obj[], pointer: string, level: 'cluster' | 'namespace', findings: Finding[]): Array<ConfigOff | undefined> {
  const unset = entries.findIndex((e) => typeof e.configEnabled !== 'boolean');
  return entries.map((e, i) => {
    if (e.configEnabled !== false) return undefined;
    const at = `${pointer}/${i}/configEnabled`;
    if (unset < 0) return { workspace: ws, pointer: at };
    findings.push(
      finding('GW6010', { workspace: ws.ref.name, level }, anchorIn(ws, at), {
        resource: ws.ref,
        related: [{ message: `this ${level} entry leaves configEnabled unset`, at: anchorIn(ws, `${pointer}/${unset}`) }],
      }),
    );
    return undefined;
  });
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
