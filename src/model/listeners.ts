import { HostPatternIndex } from './host-patterns';
import { firstAndMore, NAMES_SHOWN } from '../text/first-and-more';
import { asArray, int, isObject, obj, setStr, str, stringMap } from '../data/values';
import { finding, resourceLabel, type Finding } from '../diagnostics/finding';
import { anchorIn, type Resource } from '../load/resource';
import { suggest } from './suggestions';
import { compileFilter, type FilterLevel } from './filters';
import type { RegexEngine } from './regex-engine';
import type { SchemaRefusals } from './schema-refusals';
import type { ResourceIndex } from './resource-index';
import type { TableInfo } from './tables';
import type { ListenerNode, ListenerTls } from './types';
import type { Workspaces } from './workspaces';
import { hasLabels } from './has-labels';
import { selectsNoWorkload, unnameable } from '../text/kubernetes-names';

const UNSERVED_TLS_MODES = new Set(['PASSTHROUGH', 'AUTO_PASSTHROUGH', 'ISTIO_MUTUAL']);
const HTTP_APP_PROTOCOLS = ['GRPC', 'GRPC-WEB', 'HTTP', 'HTTP_PROXY', 'HTTP2'];
const HTTPS_APP_PROTOCOLS = ['HTTPS'];

/** Where tables attached to no VirtualGateway (or to one not in the input) are served. */
export const DEFAULT_PORT = 10000;

/** A listener as the VirtualGateway states it, before the tables attached to it are known. */
export interface ListenerSpec extends Pick<ListenerNode, 'gateway' | 'name' | 'port' | 'protocol' | 'tls' | 'httpsRedirect' | 'source'> {
  /** the listener's allowedRouteTables; null admits every table */
  readonly admits: ReadonlyArray<Admission> | null;
}

interface Admission {
  /** the namespace part of `ns/host`: `*` any (also when absent), `.` the gateway's own */
  readonly namespace: string;
  readonly host: string;
  /** absent: every table the gateway's workspace can see */
  readonly selector: Record<string, unknown>;
  readonly filter: FilterLevel | null;
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
export function attachRootTables(roots: readonly TableInfo[], index: ResourceIndex, workspaces: Workspaces, engine: RegexEngine, refusals: SchemaRefusals, findings: Finding[], maxRoutes = Infinity): Attachment[] & { stopped?: true } {
  // each host a table with routes is served on serves one route at least: past maxRoutes of them, the
  // routes served in all are past it too, and the attachments alone (5,000 listeners of one gateway
  // and 3,000 tables: 15 million) ran out of memory before build-model.ts counted a route
  let hostsServed = 0;
  const listenersOf = new Map<Resource, ListenerSpec[]>();
  const gatewayListeners = (vg: Resource) => {
    let list = listenersOf.get(vg);
    if (!list) listenersOf.set(vg, (list = readListeners(vg, engine, refusals, workspaces, findings)));
    return list;
  };
  const defaultListener: ListenerSpec = { gateway: null, name: `default:${DEFAULT_PORT}`, port: DEFAULT_PORT, protocol: 'http', httpsRedirect: false, admits: null };
  const attachments: Attachment[] = [];
  let gatewayNames: string[] | undefined;

  for (const table of roots) {
    const r = table.resource;
    const targets: ListenerSpec[] = [];
    if (table.eastWest) {
      findings.push(finding('GW4021', { table: resourceLabel(r.ref) }, anchorIn(r, '/spec/workloadSelectors', 'key'), { resource: r.ref }));
      continue;
    }
    if (table.gateways.length === 0) {
      findings.push(finding('GW4003', { table: resourceLabel(r.ref) }, anchorIn(r, '/spec/hosts', 'key'), { resource: r.ref }));
      targets.push(defaultListener);
    }
    for (const ref of table.gateways) {
      // a cluster no cluster can have (GW2006: `Cluster_1`): Gloo looks for the gateway there and finds
      // none, so the table is not attached through this reference (a shell variable is GW2012, not
      // refused: read as the cluster it stands for)
      if (refusals.under(r, `${ref.pointer}/cluster`)) continue;
      const vg = index.named('VirtualGateway', ref.namespace, ref.name)[0];
      if (!vg) {
        // the gateways' names spelt once: each missing reference spelt them all again (8,000 of each: 4.8 s)
        gatewayNames ??= index.of('VirtualGateway').map((g) => `${g.ref.namespace}/${g.ref.name}`);
        const near = suggest(`${ref.namespace}/${ref.name}`, gatewayNames);
        findings.push(finding('GW3009', { ref: `${ref.namespace}/${ref.name}`, suggestion: near ? `; did you mean \`${near}\`?` : '' }, anchorIn(r, `${ref.pointer}/name`), { resource: r.ref }));
        if (!targets.includes(defaultListener)) targets.push(defaultListener);
        continue;
      }
      // The table is what crosses the boundary: its workspace exports it to the gateway's, which imports
      // it. VirtualGateways are not exportable (no such kind in WorkspaceSettings' export enum).
      const access = workspaces.access(vg.ref.namespace, r, 'ROUTE_TABLE');
      if (!access.ok) {
        findings.push(
          finding(access.code, { target: `${resourceLabel(r.ref)}, attached to VirtualGateway ${ref.namespace}/${ref.name},`, owner: access.owner, consumer: access.consumer }, anchorIn(r, `${ref.pointer}/name`), {
            resource: r.ref,
            related: [{ message: 'the VirtualGateway', at: anchorIn(vg, '/metadata/name') }],
          }),
        );
        continue;
      }
      const listeners = gatewayListeners(vg);
      if (listeners.length === 0) {
        findings.push(
          finding('GW4026', { table: resourceLabel(r.ref), ref: `${ref.namespace}/${ref.name}`, why: noListenerWhy(vg) }, anchorIn(r, `${ref.pointer}/name`), {
            resource: r.ref,
            related: [{ message: 'the VirtualGateway', at: anchorIn(vg, '/spec/listeners', 'key') }],
          }),
        );
      }
      targets.push(...listeners);
    }
    const unserved = table.unservedHosts.length ? new Set(table.unservedHosts) : undefined;
    const servedHosts = unserved ? table.hosts.filter((h) => !unserved.has(h)) : table.hosts;
    const admitted = targets.map((listener) => servedHosts.map((host) => ({ host, entry: admission(listener, host, r, workspaces) })));
    // one finding per gateway and hosts refused, naming the listeners: a table on 2,000 listeners that
    // refuse it was 2,000 findings, and 2,000 such tables ran out of memory
    const refusedHosts = new Map<string, { listeners: ListenerSpec[]; hosts: string[] }>();
    // a host another listener of the gateway admits on the same port is served on that port (listeners
    // with a certificate each, served by SNI): the hosts admitted per gateway and port, made once, where
    // each listener looked through every other (2,000 listeners: 4 million tests a table)
    const admittedOn = new Map<string, Set<string>>();
    targets.forEach((listener, t) => {
      const key = `${gatewayLabel(listener)}\n${listener.port}`;
      const hosts = admittedOn.get(key) ?? new Set<string>();
      for (const h of admitted[t]!) if (h.entry !== undefined) hosts.add(h.host);
      admittedOn.set(key, hosts);
    });
    targets.forEach((listener, t) => {
      const hosts = admitted[t]!;
      const onPort = admittedOn.get(`${gatewayLabel(listener)}\n${listener.port}`)!;
      const refused = hosts.filter((h) => h.entry === undefined && !onPort.has(h.host)).map((h) => h.host);
      if (refused.length) {
        const key = `${gatewayLabel(listener)}\n${refused.join('\n')}`;
        const same = refusedHosts.get(key);
        if (same) same.listeners.push(listener);
        else refusedHosts.set(key, { listeners: [listener], hosts: refused });
      }
      const served = hosts.flatMap((h) => (h.entry === undefined ? [] : [{ host: h.host, filter: h.entry }]));
      if (served.length) attachments.push({ listener, table, hosts: served });
      if (table.routes.length > 0) hostsServed += served.length;
    });
    // the first hosts and listeners, and how many more, as GW4007 names hosts: a table of 3,000 hosts
    // refused by 1,000 gateways wrote every host into each of the 1,000 findings
    for (const { listeners, hosts } of refusedHosts.values()) {
      const first = listeners[0]!;
      const named = listeners.length === 1 ? `listener ${first.name}` : `listeners ${firstAndMore(listeners.map((l) => l.name), NAMES_SHOWN, ', ')}`;
      findings.push(
        finding('GW4013', { table: resourceLabel(r.ref), listener: named, hosts: firstAndMore(hosts, NAMES_SHOWN, ', ') }, anchorIn(r, '/spec/hosts', 'key'), {
          resource: r.ref,
          ...(first.source ? { related: [{ message: listeners.length === 1 ? 'the listener' : 'the first of the listeners', at: first.source }] } : {}),
        }),
      );
    }
    if (hostsServed > maxRoutes) {
      const last = attachments[attachments.length - 1]!;
      findings.push(finding('GW4044', { maxRoutes: maxRoutes.toLocaleString('en-US'), host: last.hosts[last.hosts.length - 1]!.host, listener: last.listener.name }, anchorIn(r, '/spec/hosts', 'key'), { resource: r.ref }));
      return Object.assign(attachments, { stopped: true as const });
    }
  }
  checkUnattachedGateways(index, listenersOf, engine, refusals, workspaces, findings);
  return attachments;
}

// what a listener's reading says of the routes it would serve, not of the gateway: a TCP listener
// (GW4025) and one of passthrough or mesh TLS (GW4030) are an east-west gateway's, and right for it
const ABOUT_SERVED_ROUTES = new Set<string>(['GW4025', 'GW4030']);

/**
 * A gateway no table attaches to is checked too: a platform team's gateway lands before the tables that
 * use it, and what Gloo or Istio refuse in it (a TLS server without its files, two listeners that clash,
 * an appProtocol) or a setting of it that does nothing (a selector no table can meet, a subject-name
 * check without client certificates) is as wrong then. What concerns the routes it would serve is said
 * only where a table attaches.
 */
function checkUnattachedGateways(index: ResourceIndex, read: ReadonlyMap<Resource, ListenerSpec[]>, engine: RegexEngine, refusals: SchemaRefusals, workspaces: Workspaces, findings: Finding[]): void {
  for (const vg of index.of('VirtualGateway')) {
    if (read.has(vg)) continue;
    const own: Finding[] = [];
    readListeners(vg, engine, refusals, workspaces, own);
    for (const f of own) if (!ABOUT_SERVED_ROUTES.has(f.code)) findings.push(f);
  }
}

/** The listener's gateway as `namespace/name`, empty for the default listener. */
const gatewayLabel = (listener: ListenerSpec) => (listener.gateway ? `${listener.gateway.namespace}/${listener.gateway.name}` : '');

/** The filter the listener puts on this host (null: none), or undefined when it refuses the host. */
function admission(listener: ListenerSpec, host: string, table: Resource, workspaces: Workspaces): FilterLevel | null | undefined {
  if (!listener.admits) return null;
  const own = listener.gateway?.namespace;
  const admits = (a: Admission) => (a.namespace === '*' || (a.namespace === '.' ? own : a.namespace) === table.ref.namespace) && hostCovers(a.host, host) && selects(a.selector, table, workspaces);
  // the first entry that admits the table's host, in order: of a long list, only those whose host may cover it
  if (listener.admits.length <= INDEXED_FROM) return listener.admits.find(admits)?.filter;
  const all = listener.admits;
  let index = admitIndexes.get(all);
  if (!index) admitIndexes.set(all, (index = new HostPatternIndex(all.map((a) => a.host))));
  for (const i of index.candidates(host)) if (admits(all[i]!)) return all[i]!.filter;
  return undefined;
}

// a listener's list of allowedRouteTables is searched through an index from this many entries
const INDEXED_FROM = 16;
const admitIndexes = new WeakMap<ReadonlyArray<Admission>, HostPatternIndex>();

/** A suffix wildcard host (`*.example.com`, `*-bar.example.com`), as Envoy's `domains` read it; `*` alone is not one. */
export const isWildcardHost = (host: string): boolean => host.length > 1 && host.startsWith('*');

/**
 * Does a host pattern cover a host? `*` covers every host; a leading `*` (`*.example.com`, `*-bar.example.com`,
 * `*bar.example.com`) is a suffix that must be preceded by at least one character, as Envoy's
 * `domains` match; a table's own wildcard host is covered by the same pattern written the same way.
 */
export function hostCovers(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === '*' || p === h) return true;
  if (!p.startsWith('*')) return false;
  const suffix = p.slice(1);
  // a wildcard host is covered when its own suffix is at least as narrow: `*.api.example.com` by `*.example.com`
  const hostSuffix = h.startsWith('*') ? h.slice(1) : undefined;
  if (hostSuffix !== undefined) return hostSuffix.endsWith(suffix);
  return h.endsWith(suffix) && h.length > suffix.length;
}

/** An allowedRouteTables selector: every field given must match, workspace and cluster included. */
function selects(selector: Record<string, unknown>, table: Resource, workspaces: Workspaces): boolean {
  // an empty field is unset (proto3): it selects nothing away
  const name = setStr(selector.name);
  const namespace = setStr(selector.namespace);
  const workspace = setStr(selector.workspace);
  if (name !== undefined && name !== table.ref.name) return false;
  if (namespace !== undefined && namespace !== table.ref.namespace) return false;
  if (workspace !== undefined && workspaces.enabled && workspaces.of(table.ref.namespace) !== workspace) return false;
  if (workspaces.clusterMismatch(table.ref.namespace, setStr(selector.cluster))) return false;
  return hasLabels(table.labels, stringMap(selector.labels));
}

// `prod/*.example.com`, `*` + `/api.example.com` (any namespace), `./x.example.com` (the gateway's own) or a bare host (any)
function splitHost(written: string): { namespace: string; host: string } {
  const slash = written.indexOf('/');
  return slash < 0 ? { namespace: '*', host: written } : { namespace: written.slice(0, slash) || '*', host: written.slice(slash + 1) || '*' };
}

/**
 * Why a gateway has no listener for HTTP routes: none is written with `http` and a port number, or each
 * that is was left out, with a finding on the gateway that says why (a TLS mode that serves no HTTP
 * route, a value the schema refuses, a clash with an earlier listener...).
 */
function noListenerWhy(vg: Resource): string {
  const written = asArray(vg.spec.listeners).some((raw) => isObject(obj(raw).http) && int(obj(obj(raw).port).number) !== undefined);
  return written ? 'no listener that serves HTTP routes (the findings on the VirtualGateway say why each is left out)' : 'no listener with `http` and a port number';
}

/**
 * A VirtualGateway's HTTP listeners, one per port and set of settings. Listeners that share a port are
 * one port of the gateway to Gloo (as the proto's "HTTP with multiple hosts" example shows): with the same
 * TLS settings and redirect they are read as one listener admitting what either admits; with other
 * settings (a certificate per host, served by SNI) they stay apart, under names of their own. Gloo
 * refuses two listeners of one port with different appProtocols, or with the same appProtocol and the
 * same first host (virtual_gateway.proto, Listener.port and app_protocol): GW4029, the later one unread.
 */
function readListeners(vg: Resource, engine: RegexEngine, refusals: SchemaRefusals, workspaces: Workspaces, findings: Finding[]): ListenerSpec[] {
  // workloads the schema refuses (a selector's cluster no cluster can have) select no gateway proxy: the
  // VirtualGateway configures none, and none of its listeners serves (GW2006 says why)
  if (refusals.under(vg, '/spec/workloads')) return [];
  // nor do workloads whose every selector asks for a label no pod can carry (GW2013, a warning: Gloo takes
  // the selectors as written, and they match no pod)
  if (selectsNoWorkload(vg.spec.workloads)) return [];
  const specs: Array<ListenerSpec & { admits: Admission[] | null; firstHost: string; appProtocol: string }> = [];
  asArray(vg.spec.listeners).forEach((raw, i) => {
    const l = obj(raw);
    const port = int(obj(l.port).number);
    // TCP listeners carry no HTTP routes; a port given by name cannot be resolved from manifests
    if (port === undefined || isObject(l.tcp)) return;
    // "the listener type is tcp (`tcp` is set, or neither `tcp` nor `http` is set)" (virtual_gateway.proto,
    // Listener.https_redirect; the same in the 2.14 CRD): without `http: {}` a listener serves no HTTP route
    if (!isObject(l.http)) {
      findings.push(finding('GW4025', { port }, anchorIn(vg, `/spec/listeners/${i}`), { resource: vg.ref }));
      return;
    }
    // an entry whose selector names a namespace or a table no object can be named, or a workspace there
    // is none of, admits nothing (Gloo compares the fields as written); said, as a delegate's selector is
    // (GW4004)
    if (Array.isArray(l.allowedRouteTables)) {
      l.allowedRouteTables.forEach((a, j) => {
        const selector = obj(obj(a).selector);
        const workspace = setStr(selector.workspace);
        const why = unnameable(setStr(selector.namespace), setStr(selector.name), 'RouteTable') ?? (workspace !== undefined && workspaces.enabled && !workspaces.has(workspace) ? `there is no workspace \`${workspace}\`` : undefined);
        if (why) findings.push(finding('GW4049', { port, why }, anchorIn(vg, `/spec/listeners/${i}/allowedRouteTables/${j}/selector`), { resource: vg.ref }));
      });
    }
    const admits = Array.isArray(l.allowedRouteTables)
      ? l.allowedRouteTables.filter(isObject).map((a, j): Admission => ({
          ...splitHost(str(a.host) ?? '*'),
          selector: obj(a.selector),
          filter: compileFilter(vg, `/spec/listeners/${i}/allowedRouteTables/${j}/allowedRoutes`, a.allowedRoutes, `${resourceLabel(vg.ref)} (listener ${port})`, engine),
        }))
      : null;
    const tls = isObject(l.tls) ? readTls(l.tls) : undefined;
    // the gateway does not terminate TLS in these modes (PASSTHROUGH, AUTO_PASSTHROUGH: the connection
    // goes on by SNI, as TLS routes route it), or terminates it with Istio's mesh certificates
    // (ISTIO_MUTUAL), which no output of gwctl can name: no HTTP route of gwctl's is served there. A `tls`
    // without `mode` is PASSTHROUGH (readTls): Istio, whose gateways Gloo's are, serves no HTTP route on a
    // server in that mode (pilot/pkg/model/gateway.go, IsPassThroughServer, IsHTTPServer). The finding
    // says so, placed at `tls`, the nearest node to the `mode` not written.
    if (tls && UNSERVED_TLS_MODES.has(tls.mode)) {
      const mode = obj(l.tls).mode === undefined ? 'PASSTHROUGH (`mode` is not set, and PASSTHROUGH is its default)' : tls.mode;
      findings.push(finding('GW4030', { port, mode }, anchorIn(vg, `/spec/listeners/${i}/tls/mode`), { resource: vg.ref }));
      return;
    }
    // Istio refuses a server whose TLS comes from files without its certificate, its key or, for mutual
    // TLS, the CA of the client certificates: "MUTUAL TLS requires a client CA bundle" (istio/istio
    // pkg/config/validation/validation.go, validateTLSOptions; a credentialName brings them all). Served,
    // Envoy's require_client_certificate without a CA asks no client for one (default_validator.cc,
    // addClientValidationContext returns without a CA): every client would be let in
    const incomplete = tls ? missingTlsFiles(tls) : undefined;
    if (incomplete) {
      findings.push(finding('GW4046', { port, mode: tls!.mode, ...incomplete }, anchorIn(vg, `/spec/listeners/${i}/tls`, 'key'), { resource: vg.ref }));
      return;
    }
    // names are checked on client certificates only, which SIMPLE asks for none of: readTls keeps them
    // for mutual TLS alone, which has a CA here (files.caCerts, else GW4046; or the Secret's ca.crt)
    if (tls && !isMutual(tls.mode) && isObject(l.tls) && asArray(l.tls.verifySubjectAltName).length) {
      findings.push(finding('GW4031', { port, why: `mode ${tls.mode} asks for no client certificate` }, anchorIn(vg, `/spec/listeners/${i}/tls/verifySubjectAltName`, 'key'), { resource: vg.ref }));
    }
    const httpsRedirect = !tls && l.httpsRedirect === true;
    // "If no protocol is selected, the protocol is inferred from the listener type and its TLS settings"
    const appProtocol = str(l.appProtocol)?.toUpperCase() ?? (tls ? 'HTTPS' : 'HTTP');
    // "If the listener type is http (`http` is set) and `tls` is set, `appProtocol` must be empty or set to
    // `HTTPS`"; without tls, "GRPC, GRPC-WEB, HTTP, HTTP_PROXY, or HTTP2" (virtual_gateway.proto, app_protocol)
    const allowed = tls ? HTTPS_APP_PROTOCOLS : HTTP_APP_PROTOCOLS;
    if (!allowed.includes(appProtocol)) {
      findings.push(finding('GW4032', { port, appProtocol: str(l.appProtocol)!, allowed: allowed.join(', '), tls: tls ? 'with' : 'without' }, anchorIn(vg, `/spec/listeners/${i}/appProtocol`), { resource: vg.ref }));
      return;
    }
    // "the first host is the `host` on the first `allowedRouteTables` entry ... then the first host is the wildcard '*'"
    const firstHost = (Array.isArray(l.allowedRouteTables) && isObject(l.allowedRouteTables[0]) ? str(l.allowedRouteTables[0].host) : undefined) ?? '*';
    const source = anchorIn(vg, `/spec/listeners/${i}`);
    const samePort = specs.filter((s) => s.port === port);
    const clash = samePort.find((s) => s.appProtocol !== appProtocol) ?? samePort.find((s) => s.firstHost === firstHost);
    if (clash) {
      const reason =
        clash.appProtocol !== appProtocol
          ? `its appProtocol is ${appProtocol}, the earlier one's ${clash.appProtocol} ("The value must be the same for multiple listeners that specify the same port")`
          : `both have appProtocol ${appProtocol} and the first host \`${firstHost}\` ("must not match the port of another listener with the same appProtocol and same first host")`;
      findings.push(finding('GW4029', { port, reason }, source, { resource: vg.ref, related: [{ message: 'the earlier listener on this port', at: clash.source! }] }));
      return;
    }
    // read and checked as any other, but a listener the schema refuses serves nothing (SchemaRefusals)
    if (refusals.under(vg, `/spec/listeners/${i}`)) return;
    const same = samePort.find((s) => s.httpsRedirect === httpsRedirect && sameTls(s.tls, tls));
    if (same) {
      // one listener to the proxy: what either admits (null admits every table)
      same.admits = same.admits && admits ? [...same.admits, ...admits] : null;
      return;
    }
    const name = `${vg.ref.namespace}/${vg.ref.name}:${port}${samePort.length ? `~${samePort.length + 1}` : ''}`;
    specs.push({ gateway: vg.ref, name, port, protocol: tls ? 'https' : 'http', ...(tls ? { tls } : {}), httpsRedirect, source, admits, firstHost, appProtocol });
  });
  return specs.map(({ firstHost: _f, appProtocol: _a, ...spec }) => spec);
}

/** What a listener's TLS from files lacks that Istio requires (validateTLSOptions), in its words; none from a Secret. */
function missingTlsFiles(tls: ListenerTls): { missing: string; istio: string } | undefined {
  if (tls.secretName) return undefined;
  const mutual = isMutual(tls.mode);
  const prefix = mutual ? 'MUTUAL TLS' : 'SIMPLE TLS';
  if (!tls.certificateFile) return { missing: '`serverCert`', istio: `${prefix} requires a server certificate` };
  if (!tls.privateKeyFile) return { missing: '`privateKey`', istio: `${prefix} requires a private key` };
  if (mutual && !tls.caFile) return { missing: '`caCerts`', istio: `${prefix} requires a client CA bundle` };
  return undefined;
}

/** A TLS mode that asks clients for certificates: MUTUAL, and OPTIONAL_MUTUAL (checked when presented). */
export const isMutual = (mode: string): boolean => mode === 'MUTUAL' || mode === 'OPTIONAL_MUTUAL';

// readTls builds every ListenerTls with its fields in one order: the same settings, the same text
const sameTls = (a: ListenerTls | undefined, b: ListenerTls | undefined): boolean => (!a || !b ? a === b : JSON.stringify(a) === JSON.stringify(b));

function readTls(tls: Record<string, unknown>): ListenerTls {
  const files = obj(tls.files);
  const cert = str(files.serverCert);
  const key = str(files.privateKey);
  const ca = str(files.caCerts);
  const secret = str(tls.secretName);
  const parameters = obj(tls.parameters);
  // "TLS_AUTO": the proxy's own choice, what leaving the field out gives
  const version = (v: unknown) => (str(v) && str(v) !== 'TLS_AUTO' ? str(v) : undefined);
  const min = version(parameters.minimumProtocolVersion);
  const max = version(parameters.maximumProtocolVersion);
  const strings = (v: unknown) => asArray(v).flatMap((s) => (typeof s === 'string' ? [s] : []));
  const ciphers = strings(parameters.cipherSuites);
  // unset is the proto3 enum's zero value, PASSTHROUGH, "No TLS traffic is terminated at the gateway"
  // (solo-io/solo-apis virtual_gateway.proto, TLSConfig.TLSMode)
  const mode = str(tls.mode) ?? 'PASSTHROUGH';
  // checked against the client certificates of mutual TLS only (GW4031 otherwise). "If you set this
  // field, you must also set `files.caCerts`" (virtual_gateway.proto): gwctl decides that the CA of a
  // Secret does as well, as Istio checks a credentialName's client certificates against these names
  // (pilot/pkg/security/model/authentication.go, ApplyCredentialSDSToServerCommonTLSContext): an output
  // that checks them lets in no client Gloo would refuse
  const sans = isMutual(mode) ? strings(tls.verifySubjectAltName) : [];
  return {
    mode,
    ...(cert ? { certificateFile: cert } : {}),
    ...(key ? { privateKeyFile: key } : {}),
    ...(ca ? { caFile: ca } : {}),
    ...(secret ? { secretName: secret } : {}),
    ...(min ? { minimumVersion: min } : {}),
    ...(max ? { maximumVersion: max } : {}),
    ...(ciphers.length ? { cipherSuites: ciphers } : {}),
    ...(sans.length ? { subjectAltNames: sans } : {}),
  };
}
