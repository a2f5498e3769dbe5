import { asArray, isObject, setStr, str, stringMap, type Obj } from '../data/values';
import type { CheckedObject } from '../load/resource';
import { globMatcher, type Glob } from '../text/glob';
import { GlobIndex } from '../text/glob-index';
import { hasLabels } from './has-labels';

/** What an exportTo or importFrom entry asks of a resource: its name, namespace and labels. */
export type Shared = Pick<CheckedObject, 'ref' | 'labels'>;

/** What can cross a workspace boundary that gwctl asks of, as WorkspaceSettings name it. */
export type ShareKind = 'ROUTE_TABLE' | 'CLOUD_PROVIDER' | 'VIRTUAL_DESTINATION' | 'EXTERNAL_SERVICE';

/** A workspace as an exportTo or importFrom entry selects it: by name (a glob) and labels. */
export interface SharingWorkspace {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

interface WorkspaceSelector {
  readonly name: Glob | undefined;
  /** the name as written (a glob, or a name exactly) */
  readonly glob: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
}

interface ResourceSelector {
  readonly kind: string;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
}

interface Entry {
  /** empty: every workspace */
  readonly workspaces: readonly WorkspaceSelector[];
  /** empty: every resource */
  readonly resources: readonly ResourceSelector[];
}

/**
 * The exportTo or importFrom entries of some WorkspaceSettings, read once and found by the workspace
 * names they admit: an access check asked every entry, and a `global` WorkspaceSettings exporting to
 * 16,000 workspaces one by one was copied into each of them and searched for each of their routes
 * (77 s and 3.2 GB). An entry that names every workspace it selects (exactly or by a glob) is kept
 * under those names in a GlobIndex; one with a selector by labels alone, or no workspaces at all, is
 * asked for every workspace. A short list is only read, and asked entry by entry: the index of each
 * Workspace's few entries held 27 MB more on 10,000 Workspaces (the benchmark's `workspaces` shape).
 */
export class ShareEntries {
  /** every entry, when there are few; otherwise those the index holds, by id */
  private readonly entries: Entry[] = [];
  private readonly byName: GlobIndex | undefined;
  private readonly forAny: Entry[] = [];

  constructor(raw: readonly Obj[]) {
    const read = raw.map(readEntry);
    if (read.length < INDEXED_FROM) {
      this.entries = read;
      return;
    }
    this.byName = new GlobIndex();
    for (const entry of read) {
      if (entry.workspaces.length === 0 || entry.workspaces.some((w) => w.glob === undefined)) {
        this.forAny.push(entry);
        continue;
      }
      const id = this.entries.push(entry) - 1;
      for (const glob of new Set(entry.workspaces.map((w) => w.glob!))) this.byName.add(glob, id);
    }
  }

  /** Does an entry cover this workspace and this resource? */
  admits(other: SharingWorkspace, target: Shared, kind: ShareKind): boolean {
    const covers = (e: Entry) => workspaceOk(e, other) && resourceOk(e, target, kind);
    if (!this.byName) return this.entries.some(covers);
    return this.byName.candidates(other.name).some((id) => covers(this.entries[id]!)) || this.forAny.some(covers);
  }
}

/** From this many entries a list is indexed by the workspace names they admit. */
const INDEXED_FROM = 16;

function readEntry(entry: Obj): Entry {
  return {
    workspaces: asArray(entry.workspaces).filter(isObject).map((w) => {
      const name = setStr(w.name);
      return { name: name === undefined ? undefined : globMatcher(name), glob: name, labels: stringMap(w.selector) };
    }),
    resources: asArray(entry.resources).filter(isObject).map((r) => ({
      kind: str(r.kind) ?? 'ALL',
      // "Only select objects exactly matching the name" / "the namespace" (workspace_settings.proto,
      // TypedObjectSelector): no glob here, unlike a workspace's name
      name: setStr(r.name),
      namespace: setStr(r.namespace),
      labels: stringMap(r.labels),
    })),
  };
}

const workspaceOk = (e: Entry, other: SharingWorkspace) =>
  e.workspaces.length === 0 || e.workspaces.some((w) => (w.name === undefined || w.name.test(other.name)) && hasLabels(other.labels, w.labels));

const resourceOk = (e: Entry, target: Shared, kind: ShareKind) =>
  e.resources.length === 0 ||
  e.resources.some(
    (r) =>
      (r.kind === 'ALL' || r.kind === kind) &&
      (r.name === undefined || r.name === target.ref.name) &&
      (r.namespace === undefined || r.namespace === target.ref.namespace) &&
      hasLabels(target.labels, r.labels),
  );
