import { CRD_CHECKED_KINDS, type CrdCheckedKind, type Dialect, type KnownKind } from '../load/kinds';
import type { CheckedObject } from '../load/resource';

/** Names one schema file: `v2.3/RouteTable` is schemas/v2.3/RouteTable.json. */
export type SchemaKey =
  | 'v2.2/CloudProvider' | 'v2.2/CloudResources' | 'v2.2/RouteTable' | 'v2.2/WorkspaceSettings'
  | 'v2.3/CloudProvider' | 'v2.3/CloudResources' | 'v2.3/RouteTable' | 'v2.3/WorkspaceSettings'
  | 'v2.3/VirtualGateway' | 'v2.3/Workspace'
  | `v2.3/${CrdCheckedKind}`;

// VirtualGateway and Workspace are the same in both dialects, as is every kind checked against its CRD
// alone: one schema serves both.
const SHARED: ReadonlySet<string> = new Set(['VirtualGateway', 'Workspace', ...Object.keys(CRD_CHECKED_KINDS)]);

export function schemaKeyOf(object: Pick<CheckedObject, 'kind' | 'dialect'>): SchemaKey {
  return (SHARED.has(object.kind) ? `v2.3/${object.kind}` : `${object.dialect}/${object.kind}`) as SchemaKey;
}

export function otherDialectKey(key: SchemaKey): SchemaKey | undefined {
  const [dialect, kind] = key.split('/') as [Dialect, KnownKind];
  if (SHARED.has(kind)) return undefined;
  return `${dialect === 'v2.2' ? 'v2.3' : 'v2.2'}/${kind}` as SchemaKey;
}

export function dialectLabel(dialect: Dialect): string {
  return dialect === 'v2.2' ? 'the 2.2 dialect' : 'the 2.3+ dialect';
}
