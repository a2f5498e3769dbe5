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

export const sectionName = (listener: ListenerNode) => `${listener.protocol}-${listener.port}`;

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
        port: l.port,
        protocol: l.protocol === 'https' ? 'HTTPS' : 'HTTP',
        ...(l.protocol === 'https' ? { tls: tls(l, findings) } : {}),
        allowedRoutes: { namespaces: { from: 'Same' } },
      })),
    },
  };
}

function tls(l: ListenerNode, findings: Finding[]): Record<string, unknown> {
  const secret = l.tls?.secretName;
  if (!secret && l.source) {
    const files = l.tls?.certificateFile ? `${l.tls.certificateFile} and ${l.tls.privateKeyFile ?? '(no key)'}` : '(none)';
    findings.push(finding('GW7104', { listener: l.name, files, secret: `${sectionName(l)}-tls` }, l.source));
  }
  // a Gateway terminates TLS with Secrets only: without one, the Secret gwctl names is the one to create
  return { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: secret ?? `${sectionName(l)}-tls` }] };
}
