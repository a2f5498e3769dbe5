import { asArray, int, isObject, obj, setStr } from '../data/values';
import { finding, type Finding } from '../diagnostics/finding';
import type { CheckedObject, Resource } from '../load/resource';
import { closest } from '../text/closest';
import type { ServiceDestination } from './types';

/** A VirtualDestination's or an ExternalService's ports: a VirtualDestination's have no names. */
interface PortsOf {
  readonly kind: 'VirtualDestination' | 'ExternalService';
  readonly label: string;
  readonly ports: ReadonlyArray<{ readonly number: number; readonly name?: string }>;
}

/**
 * The VirtualDestinations and ExternalServices of the input (checked against their CRDs alone, nothing
 * else reads them), by the destination kind a route names them with, namespace and name, with the ports
 * each provides (`spec.ports[].number`, and an ExternalService's `name`). Two of one kind, namespace and
 * name (copies for two clusters, say) are `null`: which one a route reaches is not known.
 */
export type DestinationObjects = ReadonlyMap<string, PortsOf | null>;

const TARGET_KINDS = { VirtualDestination: 'VIRTUAL_DESTINATION', ExternalService: 'EXTERNAL_SERVICE' } as const;
const keyOf = (targetKind: string, namespace: string, name: string) => `${targetKind}\n${namespace}\n${name}`;

export function indexDestinationObjects(objects: readonly CheckedObject[]): DestinationObjects {
  const index = new Map<string, PortsOf | null>();
  for (const o of objects) {
    if (o.kind !== 'VirtualDestination' && o.kind !== 'ExternalService') continue;
    const key = keyOf(TARGET_KINDS[o.kind], o.ref.namespace, o.ref.name);
    const ports = asArray(obj(o.value.spec).ports).flatMap((p) => {
      const number = isObject(p) ? int(p.number) : undefined;
      if (number === undefined) return [];
      const name = o.kind === 'ExternalService' ? setStr(obj(p).name) : undefined;
      return [name !== undefined ? { number, name } : { number }];
    });
    index.set(key, index.has(key) ? null : { kind: o.kind, label: `${o.ref.namespace}/${o.ref.name}`, ports });
  }
  return index;
}

/**
 * A route's destination of a VirtualDestination or an ExternalService the input holds, held to the ports it
 * provides: `port` is "the port on the destination object being targeted. required if the object provides
 * more than one port" (the RouteTable's 2.14 CRD, `forwardTo.destinations[].port`). One that names no port
 * of an object of several is warning GW3016; one whose number or name the object does not provide (a
 * VirtualDestination's ports have no names) is GW3017. Only where the object is known: a reference
 * with a `cluster`, or to an object the input does not hold (its workspace may be in another repository),
 * is not asked, as Istio's analyzers ask the same of a VirtualService's destinations (IST0112, IST0101).
 */
export function checkDestinationPort(objects: DestinationObjects | undefined, d: ServiceDestination, table: Resource, findings: Finding[]): void {
  if (!objects || d.cluster !== undefined) return;
  const target = objects.get(keyOf(d.targetKind, d.namespace, d.name));
  if (!target) return;
  const provided = target.ports.length;
  if (provided === 0) return;
  const extra = { resource: table.ref };
  const ports = describePorts(target);
  if (d.port === undefined) {
    if (provided > 1) findings.push(finding('GW3016', { kind: target.kind, name: target.label, ports }, d.source, extra));
    return;
  }
  const names = target.ports.flatMap((p) => (p.name !== undefined ? [p.name] : []));
  if (typeof d.port === 'number' ? target.ports.some((p) => p.number === d.port) : names.includes(d.port)) return;
  const near = typeof d.port === 'string' ? closest(d.port, names) : undefined;
  const port = typeof d.port === 'number' ? `port ${d.port}` : `the port named \`${d.port}\``;
  const unnamed = typeof d.port === 'string' && target.kind === 'VirtualDestination' ? ' (a VirtualDestination\'s ports have no names)' : '';
  findings.push(finding('GW3017', { port, kind: target.kind, name: target.label, ports, note: near ? `; did you mean \`${near}\`?` : unnamed }, d.source, extra));
}

function describePorts(target: PortsOf): string {
  const each = target.ports.map((p) => (p.name !== undefined ? `${p.number} (\`${p.name}\`)` : String(p.number)));
  return each.length === 1 ? `port ${each[0]} only` : `ports ${each.join(', ')}`;
}
