import { asArray, int, isObject, obj, setStr } from '../data/values';
import { finding, type Finding } from '../diagnostics/finding';
import { anchorIn, type CheckedObject, type PlacedObject } from '../load/resource';
import { closest } from '../text/closest';
import type { DestinationUser, Failure } from './destinations';
import type { ServiceDestination } from './types';
import { unreadFinding, type ConfigOff, type Workspaces } from './workspaces';

/** A VirtualDestination or an ExternalService, with its ports: a VirtualDestination's have no names. */
interface DestinationObject {
  readonly kind: 'VirtualDestination' | 'ExternalService';
  readonly targetKind: 'VIRTUAL_DESTINATION' | 'EXTERNAL_SERVICE';
  readonly object: CheckedObject;
  readonly ports: ReadonlyArray<{ readonly number: number; readonly name?: string }>;
  /** in a namespace Gloo reads no configuration from (a Workspace's `configEnabled: false`) */
  readonly unread?: ConfigOff;
}

/**
 * The VirtualDestinations and ExternalServices of the input (checked against their CRDs, no output made
 * of them), by the destination kind a route names them with, namespace and name, with the ports
 * each provides (`spec.ports[].number`, and an ExternalService's `name`). Two of one kind, namespace and
 * name (copies for two clusters, say) are `null`: which one a route reaches is not known.
 */
export type DestinationObjects = ReadonlyMap<string, DestinationObject | null>;

const TARGET_KINDS = { VirtualDestination: 'VIRTUAL_DESTINATION', ExternalService: 'EXTERNAL_SERVICE' } as const;
const keyOf = (targetKind: string, namespace: string, name: string) => `${targetKind}\n${namespace}\n${name}`;

export function indexDestinationObjects(objects: readonly CheckedObject[]): DestinationObjects {
  const index = new Map<string, DestinationObject | null>();
  for (const o of objects) {
    if (o.kind !== 'VirtualDestination' && o.kind !== 'ExternalService') continue;
    const targetKind = TARGET_KINDS[o.kind];
    const key = keyOf(targetKind, o.ref.namespace, o.ref.name);
    const ports = asArray(obj(o.value.spec).ports).flatMap((p) => {
      const number = isObject(p) ? int(p.number) : undefined;
      if (number === undefined) return [];
      const name = o.kind === 'ExternalService' ? setStr(obj(p).name) : undefined;
      return [name !== undefined ? { number, name } : { number }];
    });
    index.set(key, index.has(key) ? null : { kind: o.kind, targetKind, object: o, ports });
  }
  return index;
}

/**
 * The index with each object in a namespace Gloo reads no configuration from marked so, and said (GW6009,
 * as of a CloudProvider or RouteTable there): Gloo ignores it, so a route to it reaches nothing Gloo
 * knows (GW3018 below). Most inputs turn nothing off: the index is then returned as it is.
 */
export function withUnreadObjects(objects: DestinationObjects, workspaces: Workspaces, findings: Finding[]): DestinationObjects {
  if (!objects.size || !workspaces.enabled) return objects;
  let marked: Map<string, DestinationObject | null> | undefined;
  for (const [key, target] of objects) {
    const off = target && workspaces.configOff(target.object.ref.namespace);
    if (!off) continue;
    findings.push(unreadFinding(target.object.ref, anchorIn(target.object, '/metadata/namespace'), off));
    (marked ??= new Map(objects)).set(key, { ...target, unread: off });
  }
  return marked ?? objects;
}

/**
 * A route's destination of a VirtualDestination or an ExternalService the input holds, asked as Gloo asks
 * it. First whether the route's workspace may use it: an object of another workspace needs that
 * workspace's export and the route's workspace's import of it (WorkspaceSettings `exportTo` and
 * `importFrom`, resources of kind VIRTUAL_DESTINATION, EXTERNAL_SERVICE or ALL), as a CloudProvider does:
 * GW6002 or GW6003, and the route is not served as written (a failure, as for a CloudProvider). Then its
 * port: "the port on the destination object being targeted. required if the object provides more than
 * one port" (the RouteTable's 2.14 CRD, `forwardTo.destinations[].port`). One that names no port of an
 * object of several is warning GW3016; one whose number or name the object does not provide (a
 * VirtualDestination's ports have no names) is GW3017. Only where the object is known: a reference with
 * a `cluster`, or to an object the input does not hold (its workspace may be in another repository), is
 * not asked, as Istio's analyzers ask the same of a VirtualService's destinations (IST0112, IST0101).
 */
export function checkDestinationObject(objects: DestinationObjects | undefined, workspaces: Workspaces, d: ServiceDestination, table: PlacedObject, user: DestinationUser, findings: Finding[]): DestinationCheck {
  // (most inputs hold none: no key is made for their routes' Services)
  if (!objects?.size || d.cluster !== undefined) return UNKNOWN;
  const target = objects.get(keyOf(d.targetKind, d.namespace, d.name));
  if (!target) return UNKNOWN;
  const name = `${d.namespace}/${d.name}`;
  const label = `${target.kind} ${name}`;
  const extra = { resource: table.ref };
  if (target.unread) {
    const related = [{ message: `the ${target.kind}`, at: anchorIn(target.object, '/metadata/name') }, { message: 'configEnabled: false', at: anchorIn(target.unread.workspace, target.unread.pointer) }];
    findings.push(finding('GW3018', { target: label, namespace: d.namespace, workspace: target.unread.workspace.ref.name, consequence: user.unread }, d.source, { ...extra, related }));
    return { failure: { code: 'GW3018', reason: `${label} is in a namespace Gloo reads no configuration from` } };
  }
  const access = workspaces.access(table.ref.namespace, target.object, target.targetKind);
  if (!access.ok) {
    const related = [{ message: `the ${target.kind}`, at: anchorIn(target.object, '/metadata/name') }];
    findings.push(finding(access.code, { target: label, owner: access.owner, consumer: access.consumer }, d.source, { ...extra, related }));
    return { failure: { code: access.code, reason: `${label} is not shared with this workspace` } };
  }
  checkPort(target, name, d, findings, extra);
  return { labels: target.object.labels };
}

/**
 * What the check found: a failure, or the labels of the object the destination names, where the input
 * holds exactly one of them and the reference names no `cluster` (another cluster's object may differ):
 * what a policy's destination selector of labels is compared with (destination-selection.ts). `labels`
 * undefined where not known; an object of no labels has an empty map, which a selector of labels does not
 * select.
 */
export type DestinationCheck = { readonly failure: Failure } | { readonly labels: Readonly<Record<string, string>> | undefined };

const UNKNOWN: DestinationCheck = { labels: undefined };

function checkPort(target: DestinationObject, name: string, d: ServiceDestination, findings: Finding[], extra: { resource: PlacedObject['ref'] }): void {
  const provided = target.ports.length;
  if (provided === 0) return;
  const ports = describePorts(target);
  if (d.port === undefined) {
    if (provided > 1) findings.push(finding('GW3016', { kind: target.kind, name, ports }, d.source, extra));
    return;
  }
  const names = target.ports.flatMap((p) => (p.name !== undefined ? [p.name] : []));
  if (typeof d.port === 'number' ? target.ports.some((p) => p.number === d.port) : names.includes(d.port)) return;
  const near = typeof d.port === 'string' ? closest(d.port, names) : undefined;
  const port = typeof d.port === 'number' ? `port ${d.port}` : `the port named \`${d.port}\``;
  const unnamed = typeof d.port === 'string' && target.kind === 'VirtualDestination' ? ' (a VirtualDestination\'s ports have no names)' : '';
  findings.push(finding('GW3017', { port, kind: target.kind, name, ports, note: near ? `; did you mean \`${near}\`?` : unnamed }, d.source, extra));
}

function describePorts(target: DestinationObject): string {
  const each = target.ports.map((p) => (p.name !== undefined ? `${p.number} (\`${p.name}\`)` : String(p.number)));
  return each.length === 1 ? `port ${each[0]} only` : `ports ${each.join(', ')}`;
}
