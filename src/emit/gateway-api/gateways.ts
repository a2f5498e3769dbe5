import { finding, type Finding } from '../../diagnostics/finding';
import type { ListenerNode } from '../../model/types';
import { isMutual } from '../../model/listeners';

export interface GatewayRef {
  readonly name: string;
  readonly namespace: string;
}

/** The Gateway of a VirtualGateway (or of tables attached to none), and the section name of each listener. */
export function gatewayOf(listener: ListenerNode, defaultNamespace: string): GatewayRef {
  return listener.gateway ? { name: listener.gateway.name, namespace: listener.gateway.namespace } : { name: 'gwctl-default', namespace: defaultNamespace };
}

/**
 * `https-443`; a second listener of the VirtualGateway on the port (a certificate of its own, model name
 * `ns/gw:443~2`) is `https-443-2`: a Gateway's listener names are unique.
 */
export const sectionName = (listener: ListenerNode) => `${listener.protocol}-${listener.port}${/~(\d+)$/.exec(listener.name)?.[0].replace('~', '-') ?? ''}`;

/**
 * A Gateway (gateway.networking.k8s.io/v1) with a listener per port of the VirtualGateway: HTTP, or HTTPS
 * terminating TLS with the certificate Secret the VirtualGateway names. Routes attach from the Gateway's own
 * namespace (`allowedRoutes` Same, the default), where gwctl writes them. Hostnames stay on the routes.
 */
export function gatewayResource(ref: GatewayRef, listeners: readonly ListenerNode[], gatewayClass: string, findings: Finding[]): Record<string, unknown> {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: ref.name, namespace: ref.namespace },
    spec: {
      gatewayClassName: gatewayClass,
      listeners: listeners.map((l) => ({
        name: sectionName(l),
        ...hostnameOf(l, listeners, findings),
        port: l.port,
        protocol: l.protocol === 'https' ? 'HTTPS' : 'HTTP',
        ...(l.protocol === 'https' ? { tls: tls(l, findings) } : {}),
        allowedRoutes: { namespaces: { from: 'Same' } },
      })),
      ...frontendValidation(listeners, findings),
    },
  };
}

/**
 * Client certificates (TLS mode MUTUAL) as the Gateway's frontend validation, which is per port
 * (gateways CRD, `FrontendTLSConfig.perPort`, `AllowValidOnly`): the CA of the listener's Secret (Gloo
 * reads `ca.crt` from it; kgateway too, GetCACertFromSecret), or a ConfigMap to create from its
 * `files.caCerts` (`ca.crt`, the Gateway API's core kind). What a port cannot state is GW7105: two CAs on
 * one port, a listener on the port that asks no certificate (validation would apply to it as well), and
 * OPTIONAL_MUTUAL, whose "verify when presented" `AllowInsecureFallback` does not keep (it admits a
 * certificate that fails verification too).
 */
function frontendValidation(listeners: readonly ListenerNode[], findings: Finding[]): { tls?: Record<string, unknown> } {
  const perPort: Array<Record<string, unknown>> = [];
  for (const port of [...new Set(listeners.map((l) => l.port))]) {
    const onPort = listeners.filter((l) => l.port === port);
    const mutual = onPort.filter((l) => l.tls !== undefined && isMutual(l.tls.mode));
    if (mutual.length === 0) continue;
    const refs = onPort.map((l) => (l.tls?.mode === 'MUTUAL' ? caRef(l) : undefined));
    const one = refs[0] && refs.every((r) => r && r.kind === refs[0]!.kind && r.name === refs[0]!.name) ? refs[0] : undefined;
    if (one) {
      perPort.push({ port, tls: { validation: { caCertificateRefs: [one], mode: 'AllowValidOnly' } } });
      continue;
    }
    for (const l of mutual) {
      if (!l.source) continue;
      // a MUTUAL listener has a CA (its Secret's or its file: the model serves none without, GW4046)
      const why = l.tls!.mode === 'OPTIONAL_MUTUAL' ? 'TLS mode OPTIONAL_MUTUAL' : `TLS mode MUTUAL on port ${port}, which other listeners share with another CA or none`;
      findings.push(finding('GW7105', { listener: l.name, what: why, effect: 'accept clients without verifying their certificates' }, l.source, { resource: l.gateway ?? undefined }));
    }
  }
  // `default` is required: empty, no validation for the ports perPort does not name
  return perPort.length ? { tls: { frontend: { default: {}, perPort } } } : {};
}

/** Where the Gateway finds a MUTUAL listener's CA: its Secret, or the ConfigMap gwctl names for its file. */
function caRef(l: ListenerNode): { group: string; kind: string; name: string } | undefined {
  if (l.tls?.secretName) return { group: '', kind: 'Secret', name: l.tls.secretName };
  if (l.tls?.caFile) return { group: '', kind: 'ConfigMap', name: `${sectionName(l)}-ca` };
  return undefined;
}

/**
 * Listeners of one Gateway on one port must differ in hostname (the Gateway API's listener rules,
 * "Distinct Listeners" in the Gateway CRD: a unique combination of port, protocol and hostname, an empty
 * hostname the fallback, matched after every exact and wildcard one): where the VirtualGateway has
 * several on a port, each names the one host it serves. One listener of the port that serves several
 * hosts, or every host, is the port's fallback (no hostname), unless another listener of the port names
 * one of its hosts, which would then take that host's requests from it. Two such, or that, are GW7103:
 * the Gateway reports the listeners as conflicting, or serves the host from the other.
 */
function hostnameOf(l: ListenerNode, listeners: readonly ListenerNode[], findings: Finding[]): { hostname?: string } {
  const onPort = listeners.filter((other) => other.port === l.port);
  if (onPort.length === 1) return {};
  const single = (x: ListenerNode) => (x.hosts.length === 1 && x.hosts[0]!.host !== '*' ? x.hosts[0]!.host : undefined);
  const own = single(l);
  if (own !== undefined) return { hostname: own };
  const fallbacks = onPort.filter((x) => single(x) === undefined);
  const named = new Set(onPort.map(single).filter((h) => h !== undefined));
  if (fallbacks.length === 1 && !l.hosts.some((h) => named.has(h.host))) return {};
  if (l.source) {
    findings.push(
      finding('GW7103', { route: `listener ${l.name}`, what: `a second listener on port ${l.port} that serves ${l.hosts.length === 1 ? 'every host' : `${l.hosts.length} hosts`} (a Gateway listener on a shared port names one hostname, or is the port's one fallback)`, instead: fallbacks.length > 1 ? 'the Gateway reports its listeners on this port as conflicting' : 'the requests for a host another listener of the port names go to that listener alone' }, l.source, { resource: l.gateway ?? undefined }),
    );
  }
  return {};
}

function tls(l: ListenerNode, findings: Finding[]): Record<string, unknown> {
  const secret = l.tls?.secretName;
  if (!secret && l.source) {
    // without a Secret, the listener's files are both there (the model serves it otherwise: GW4046)
    const files = `${l.tls!.certificateFile} and ${l.tls!.privateKeyFile}`;
    const ca = l.tls?.mode === 'MUTUAL' && l.tls.caFile ? `, and ConfigMap \`${sectionName(l)}-ca\` (key ca.crt) from ${l.tls.caFile}` : '';
    findings.push(finding('GW7104', { listener: l.name, files, secret: `${sectionName(l)}-tls`, ca }, l.source));
  }
  // a Gateway terminates TLS with Secrets only: without one, the Secret gwctl names is the one to create
  const options = tlsOptions(l);
  return { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: secret ?? `${sectionName(l)}-tls` }], ...(options ? { options } : {}) };
}

/**
 * The listener's TLS versions and cipher suites as kgateway's listener options (kgateway-dev/kgateway
 * api/annotations/gateway.go: `kgateway.dev/min-tls-version` "1.2", `kgateway.dev/cipher-suites` a comma
 * separated list, passed on to Envoy's `cipher_suites`, whose names Gloo's are).
 */
function tlsOptions(l: ListenerNode): Record<string, string> | undefined {
  const t = l.tls;
  const version = (v: string) => v.replace(/^TLSv1_/, '1.');
  const options = {
    ...(t?.minimumVersion ? { 'kgateway.dev/min-tls-version': version(t.minimumVersion) } : {}),
    ...(t?.maximumVersion ? { 'kgateway.dev/max-tls-version': version(t.maximumVersion) } : {}),
    ...(t?.cipherSuites ? { 'kgateway.dev/cipher-suites': t.cipherSuites.join(',') } : {}),
    // "requires a trusted CA to be configured": the port's frontend validation, MUTUAL's (the model
    // serves no mutual TLS without a CA: GW4046)
    ...(t?.mode === 'MUTUAL' && t.subjectAltNames ? { 'kgateway.dev/verify-subject-alt-names': t.subjectAltNames.join(',') } : {}),
  };
  return Object.keys(options).length ? options : undefined;
}
