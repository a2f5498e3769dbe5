import { asArray, int, isObject, obj, str, stringMap } from '../data/values';
import { finding, resourceLabel, type Finding, type ResourceRef } from '../diagnostics/finding';
import { anchorIn, type Resource } from '../load/resource';
import type { Anchor } from '../source/anchor';
import { closest } from '../text/closest';
import { compileFilter, type FilterLevel } from './filters';
import type { RegexEngine } from './regex-engine';
import type { ResourceIndex } from './resource-index';
import type { TableInfo } from './tables';
import type { ListenerTls } from './types';
import type { Workspaces } from './workspaces';

/** Where tables attached to no VirtualGateway (or to one not in the input) are served. */
export const DEFAULT_PORT = 10000;

export interface ListenerSpec {
  readonly gateway: ResourceRef | null;
  readonly name: string;
  readonly port: number;
  readonly protocol: 'http' | 'https';
  readonly tls?: ListenerTls;
  readonly source?: Anchor;
  /** the listener's allowedRouteTables; null admits every table */
  readonly admits: ReadonlyArray<{ host: string; selector: Record<string, unknown>; filter: FilterLevel | null }> | null;
}

/** A root table's hosts served on a listener, with the listener's filter for each host. */
export interface Attachment {
  readonly listener: ListenerSpec;
  readonly table: TableInfo;
  readonly hosts: ReadonlyArray<{ host: string; filter: FilterLevel | null }>;
}

/**
 * Root tables (those with hosts) attached to listeners: the listeners of the VirtualGateways they name,
 * or the default listener. A listener's allowedRouteTables may refuse hosts, and may add a filter level.
 */
export function attachRootTables(roots: readonly TableInfo[], index: ResourceIndex, workspaces: Workspaces, engine: RegexEngine, findings: Finding[]): Attachment[] {
  const listenersOf = new Map<Resource, ListenerSpec[]>();
  const gatewayListeners = (vg: Resource) => {
    let list = listenersOf.get(vg);
    if (!list) listenersOf.set(vg, (list = readListeners(vg, engine)));
    return list;
  };
  const defaultListener: ListenerSpec = { gateway: null, name: `default:${DEFAULT_PORT}`, port: DEFAULT_PORT, protocol: 'http', admits: null };
  const attachments: Attachment[] = [];

  for (const table of roots) {
    const r = table.resource;
    const targets: ListenerSpec[] = [];
    if (table.gateways.length === 0) {
      findings.push(finding('GW4003', { table: resourceLabel(r.ref) }, anchorIn(r, '/spec/hosts', 'key'), { resource: r.ref }));
      targets.push(defaultListener);
    }
    for (const ref of table.gateways) {
      const vg = index.named('VirtualGateway', ref.namespace, ref.name)[0];
      if (!vg) {
        const near = closest(`${ref.namespace}/${ref.name}`, index.of('VirtualGateway').map((g) => `${g.ref.namespace}/${g.ref.name}`));
        findings.push(finding('GW3009', { ref: `${ref.namespace}/${ref.name}`, suggestion: near ? `; did you mean \`${near}\`?` : '' }, anchorIn(r, `${ref.pointer}/name`), { resource: r.ref }));
        if (!targets.includes(defaultListener)) targets.push(defaultListener);
        continue;
      }
      const access = workspaces.access(r.ref.namespace, vg, 'VIRTUAL_GATEWAY');
      if (!access.ok) {
        findings.push(finding(access.code, { target: `VirtualGateway ${ref.namespace}/${ref.name}`, owner: access.owner, consumer: access.consumer }, anchorIn(r, `${ref.pointer}/name`), { resource: r.ref }));
        continue;
      }
      targets.push(...gatewayListeners(vg));
    }
    for (const listener of targets) {
      const hosts = table.hosts.map((host) => ({ host, entry: admission(listener, host, r) }));
      const refused = hosts.filter((h) => h.entry === undefined).map((h) => h.host);
      if (refused.length) {
        findings.push(
          finding('GW4013', { table: resourceLabel(r.ref), listener: `listener ${listener.name}`, hosts: refused.join(', ') }, anchorIn(r, '/spec/hosts', 'key'), {
            resource: r.ref,
            ...(listener.source ? { related: [{ message: 'the listener', at: listener.source }] } : {}),
          }),
        );
      }
      const admitted = hosts.flatMap((h) => (h.entry === undefined ? [] : [{ host: h.host, filter: h.entry }]));
      if (admitted.length) attachments.push({ listener, table, hosts: admitted });
    }
  }
  return attachments;
}

/** The filter the listener puts on this host (null: none), or undefined when it refuses the host. */
function admission(listener: ListenerSpec, host: string, table: Resource): FilterLevel | null | undefined {
  if (!listener.admits) return null;
  const entry = listener.admits.find((a) => hostCovers(a.host, host) && selects(a.selector, table));
  return entry ? entry.filter : undefined;
}

/** `*` covers every host, `*.example.com` covers its subdomains (and itself, written the same way). */
export function hostCovers(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === '*' || p === h) return true;
  return p.startsWith('*.') && h.endsWith(p.slice(1)) && h.length > p.length - 1;
}

function selects(selector: Record<string, unknown>, table: Resource): boolean {
  const name = str(selector.name);
  const namespace = str(selector.namespace);
  if (name !== undefined && name !== table.ref.name) return false;
  if (namespace !== undefined && namespace !== table.ref.namespace) return false;
  return Object.entries(stringMap(selector.labels)).every(([k, v]) => table.labels[k] === v);
}

function readListeners(vg: Resource, engine: RegexEngine): ListenerSpec[] {
  return asArray(vg.spec.listeners).flatMap((raw, i): ListenerSpec[] => {
    const l = obj(raw);
    const port = int(obj(l.port).number);
    // TCP listeners carry no HTTP routes; a port given by name cannot be resolved from manifests
    if (port === undefined || isObject(l.tcp)) return [];
    const name = `${vg.ref.namespace}/${vg.ref.name}:${port}`;
    const admits = Array.isArray(l.allowedRouteTables)
      ? l.allowedRouteTables.filter(isObject).map((a, j) => ({
          host: str(a.host) ?? '*',
          selector: obj(a.selector),
          filter: compileFilter(vg, `/spec/listeners/${i}/allowedRouteTables/${j}/allowedRoutes`, a.allowedRoutes, `${resourceLabel(vg.ref)} (listener ${port})`, engine),
        }))
      : null;
    const tls = isObject(l.tls) ? readTls(l.tls) : undefined;
    return [{ gateway: vg.ref, name, port, protocol: tls ? 'https' : 'http', ...(tls ? { tls } : {}), source: anchorIn(vg, `/spec/listeners/${i}`), admits }];
  });
}

function readTls(tls: Record<string, unknown>): ListenerTls {
  const files = obj(tls.files);
  const cert = str(files.serverCert);
  const key = str(files.privateKey);
  const ca = str(files.caCerts);
  const secret = str(tls.secretName);
  return {
    mode: str(tls.mode) ?? 'SIMPLE',
    ...(cert ? { certificateFile: cert } : {}),
    ...(key ? { privateKeyFile: key } : {}),
    ...(ca ? { caFile: ca } : {}),
    ...(secret ? { secretName: secret } : {}),
  };
}
