import { finding, type Finding, type ResourceRef } from '../diagnostics/finding';
import type { ServiceDestination } from '../model/types';

/**
 * Why an emitter cannot route to a Service destination, as a finding; undefined when it can. Only
 * Kubernetes Services with a numeric port have an address outside the cluster's own discovery.
 */
export function unrenderableService(d: ServiceDestination, table: ResourceRef | undefined, target: 'Envoy' | 'Gloo Edge' | 'Gateway API'): Finding | undefined {
  if (d.targetKind !== 'SERVICE') return finding('GW7004', { kind: d.targetKind, name: `${d.namespace}/${d.name}`, target }, d.source, { resource: table });
  if (typeof d.port !== 'number') return finding('GW7003', { service: `${d.namespace}/${d.name}`, port: String(d.port ?? '(none)') }, d.source, { resource: table });
  return undefined;
}
