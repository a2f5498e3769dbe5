import { finding, type Finding } from '../../diagnostics/finding';
import type { ListenerNode } from '../../model/types';

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
    },
  };
}

/**
 * Listeners of one Gateway on one port must differ in hostname (the Gateway API's listener rules): where
 * the VirtualGateway has several on a port, each names the one host it serves. One that serves several
 * cannot, and gets GW7103: the Gateway reports it as conflicting.
 */
function hostnameOf(l: ListenerNode, listeners: readonly ListenerNode[], findings: Finding[]): { hostname?: string } {
  if (!listeners.some((other) => other !== l && other.port === l.port)) return {};
  if (l.hosts.length === 1 && l.hosts[0]!.host !== '*') return { hostname: l.hosts[0]!.host };
  if (l.source) {
    findings.push(
      finding('GW7103', { route: `listener ${l.name}`, what: `a second listener on port ${l.port} that serves ${l.hosts.length === 1 ? 'every host' : `${l.hosts.length} hosts`} (a Gateway listener on a shared port names one hostname)`, instead: 'the Gateway reports its listeners on this port as conflicting' }, l.source, { resource: l.gateway ?? undefined }),
    );
  }
  return {};
}

function tls(l: ListenerNode, findings: Finding[]): Record<string, unknown> {
  weakened(l, findings);
  const secret = l.tls?.secretName;
  if (!secret && l.source) {
    const files = l.tls?.certificateFile ? `${l.tls.certificateFile} and ${l.tls.privateKeyFile ?? '(no key)'}` : '(none)';
    findings.push(finding('GW7104', { listener: l.name, files, secret: `${sectionName(l)}-tls` }, l.source));
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
  };
  return Object.keys(options).length ? options : undefined;
}

/**
 * What a listener's TLS enforces that the Gateway gwctl writes does not: client certificates (the
 * Gateway's `spec.tls.frontend` names its CA by ConfigMap, which gwctl does not write). Rendered without
 * it, the Gateway would accept what Gloo refuses, so it is an error (GW7105), rendered under --force.
 */
function weakened(l: ListenerNode, findings: Finding[]): void {
  const t = l.tls;
  if (!t || !l.source) return;
  if (t.mode === 'MUTUAL' || t.mode === 'OPTIONAL_MUTUAL') {
    findings.push(finding('GW7105', { listener: l.name, what: `TLS mode ${t.mode}`, effect: 'accept clients without verifying their certificates' }, l.source, { resource: l.gateway ?? undefined }));
  }
}
