import { ENVOY_STREAM_IDLE_SECONDS, RouteTimeouts } from '../route-timeouts';
import { protoDuration } from '../../text/duration-forms';
import { finding, type Finding } from '../../diagnostics/finding';
import type { ListenerNode, Model } from '../../model/types';
import type { Emitted, EmittedDocument } from '../emitted';
import { lazyFlatMap } from '../lazy-flat-map';
import { kubernetesNames } from '../names';
import { UpstreamSet } from './upstreams';
import { groupHosts } from '../host-groups';
import { editionFinding, glooRoutes, prepareGlooRoute, type GlooEdition } from './virtual-services';
import { bindPort, glooGateway, LISTENER_LABEL, listenerLabel } from './gateways';
import { portGroups } from '../listener-ports';
import { hostRetryPolicy, retryPolicyFields, type ServiceRetries } from '../retry-policy';
import { needsLargeDirectBodies } from '../direct-body';
import { isMutual, isWildcardHost } from '../../model/listeners';
import { lambdaOutsidePartition, leftBehind } from '../left-behind';

export interface GlooOptions {
  /** where the generated resources live */
  readonly namespace: string;
  /** a Secret with AWS keys; without it the Upstreams rely on service-account credentials */
  readonly awsSecret?: { readonly namespace: string; readonly name: string } | undefined;
  /** the timeout of a route no RetryTimeoutPolicy gives one (--route-timeout), in seconds */
  readonly routeTimeoutSeconds: number;
  readonly toolVersion: string;
  /** open-source Gloo ignores Enterprise-only fields: the output uses only what the edition honours */
  readonly edition: GlooEdition;
  readonly serviceRetries: ServiceRetries;
}

/**
 * The model as Gloo Edge resources: Upstreams (gloo.solo.io/v1) for the functions, a Gateway
 * (gateway.solo.io/v1) per port of the proxy and one VirtualService per listener and host set, with delegation
 * and filters already flattened into the routes, in the resolved order. Pure and deterministic.
 */
export function renderGloo(model: Model, options: GlooOptions): Emitted {
  // Gloo Edge makes a function's Lambda endpoint itself, under amazonaws.com whatever the partition
  const findings: Finding[] = [...leftBehind(model, 'Gloo Edge'), ...lambdaOutsidePartition(model, 'Gloo Edge', 'Gloo Edge')];
  const upstreams = new UpstreamSet(model, options.namespace);
  const names = kubernetesNames();
  const timeouts = new RouteTimeouts(model, options.routeTimeoutSeconds, protoDuration, ENVOY_STREAM_IDLE_SECONDS);
  const services: EmittedDocument[] = [];
  const gateways: EmittedDocument[] = [];
  const gatewayNames = kubernetesNames();
  const listenerPorts = new Set(model.listeners.map((l) => l.port));
  const gatewayOf = (l: ListenerNode) => (l.gateway ? `${l.gateway.namespace}-${l.gateway.name}` : 'default');
  // one Gateway per port of the proxy, selecting the VirtualServices of every listener on it
  for (const port of portGroups(model.listeners, (l) => bindPort(l.port, listenerPorts), 'Gloo Edge', findings)) {
    const first = port.listeners[0]!;
    const gatewayName = gatewayNames.nameFor(first.name, `${gatewayOf(first)}-${first.port}`);
    const largeBodies = port.listeners.some((l) => needsLargeDirectBodies(l.hosts));
    gateways.push({ name: `gateway-${gatewayName}.yaml`, value: glooGateway(first, gatewayName, options.namespace, listenerPorts, largeBodies) });
    const wildcards = port.listeners.some((l) => l.hosts.some((h) => isWildcardHost(h.host)));
    for (const listener of port.listeners) services.push(...virtualServices(listener, listenerLabel(first), gatewayOf(listener), wildcards));
  }
  // a listener's VirtualServices, labelled for its port's Gateway
  function virtualServices(listener: ListenerNode, label: string, gateway: string, wildcards: boolean): EmittedDocument[] {
    const out: EmittedDocument[] = [];
    for (const group of groupHosts(listener.hosts)) {
      const routes = group[0]!.routes;
      for (const r of routes) prepareGlooRoute(r, upstreams, findings);
      const routeOptions = { timeouts, edition: options.edition, serviceRetries: options.serviceRetries, hostRetries: hostRetryPolicy(routes, options.serviceRetries) };
      const name = names.nameFor(`${listener.name}|${group[0]!.host}`, `${gateway}-${listener.port}-${group[0]!.host.replace(/^\*\.?/, 'wildcard-')}`);
      const spec: Record<string, unknown> = {
        virtualHost: {
          domains: group.flatMap((h) => glooDomains(h.host, listener.port, wildcards)),
          ...(routeOptions.hostRetries ? { options: { retries: retryPolicyFields(routeOptions.hostRetries, 'gloo') } } : {}),
          routes: lazyFlatMap(routes, (r) => glooRoutes(r, listener.port, upstreams, routeOptions)),
        },
      };
      if (listener.tls) spec.sslConfig = sslConfig(listener, group.map((h) => h.host), options, findings);
      out.push({
        name: `virtualservice-${name}.yaml`,
        value: {
          apiVersion: 'gateway.solo.io/v1',
          kind: 'VirtualService',
          metadata: {
            name,
            namespace: options.namespace,
            // a Gloo Edge Gateway selects the VirtualServices of its port's listeners with this label
            labels: { [LISTENER_LABEL]: label },
          },
          spec,
        },
      });
    }
    return out;
  }
  const edition = editionFinding(model.listeners, options.edition);
  if (edition) findings.push(edition);
  const withRole = options.awsSecret ? upstreams.firstWithRole() : undefined;
  if (withRole) {
    const anchor = model.providers.find((p) => p.ref.namespace === withRole.provider.namespace && p.ref.name === withRole.provider.name)?.source ?? model.providers[0]?.source;
    if (anchor) findings.push(finding('GW7011', { upstream: withRole.name, role: withRole.roleArn, secret: `${options.awsSecret!.namespace}/${options.awsSecret!.name}` }, anchor));
  }
  const documents = [...upstreams.resources(options.awsSecret).map((u) => ({ name: `upstream-${u.name}.yaml`, value: u.value })), ...gateways, ...services];
  const credentials = options.awsSecret
    ? `AWS credentials: Secret ${options.awsSecret.namespace}/${options.awsSecret.name} (keys aws_access_key_id, aws_secret_access_key, optional aws_session_token).`
    : 'AWS credentials: none in the Upstreams. Gloo must use service-account credentials (IRSA: helm settings.aws.enableServiceAccountCredentials=true), or it rejects them; pass --aws-secret NAMESPACE/NAME to reference a Secret instead.';
  return {
    documents,
    findings,
    header: [
      `Gloo Edge ${options.edition === 'oss' ? 'open source' : 'Enterprise'} Upstreams, Gateways and VirtualServices generated by gwctl ${options.toolVersion}.`,
      'Gloo\'s default Gateways select every VirtualService: disable them (helm gatewayProxies.gatewayProxy.disableGeneratedGateways=true) so that only these Gateways serve them.',
      credentials, 'Do not edit: regenerate with `gwctl render --target gloo`.'],
  };
}

/**
 * The TLS settings of a VirtualService, with the SNI names Gloo builds its filter chain match from: one
 * Gateway's TLS VirtualServices without sniDomains would share an empty match, which Envoy rejects. A
 * host `*` matches any name and has no SNI entry.
 */
function sslConfig(listener: Model['listeners'][number], hosts: readonly string[], options: GlooOptions, findings: Finding[]): Record<string, unknown> {
  const tls = listener.tls!;
  const sni = hosts.filter((h) => h !== '*');
  // "If the SSL config has the ca.crt (root CA) provided, Gloo uses it to perform mTLS by default" (ssl.proto,
  // one_way_tls): the CA only where the listener asks clients for certificates. Gloo Edge has no "verify
  // if presented": OPTIONAL_MUTUAL is rendered requiring them (GW7015), the stricter of the two.
  const mutual = isMutual(tls.mode);
  if (tls.mode === 'OPTIONAL_MUTUAL' && tls.caFile && listener.source) {
    findings.push(finding('GW7015', { listener: listener.name }, listener.source, { resource: listener.gateway ?? undefined }));
  }
  const rest = {
    ...(sni.length === hosts.length ? { sniDomains: [...sni] } : {}),
    // the model keeps the names of mutual TLS only; a Secret's ca.crt is the root CA they need
    ...(tls.subjectAltNames ? { verifySubjectAltName: [...tls.subjectAltNames] } : {}),
    ...(tls.minimumVersion || tls.maximumVersion || tls.cipherSuites
      ? { parameters: { ...(tls.minimumVersion ? { minimumProtocolVersion: tls.minimumVersion } : {}), ...(tls.maximumVersion ? { maximumProtocolVersion: tls.maximumVersion } : {}), ...(tls.cipherSuites ? { cipherSuites: [...tls.cipherSuites] } : {}) } }
      : {}),
  };
  if (tls.certificateFile && tls.privateKeyFile) {
    return { sslFiles: { tlsCert: tls.certificateFile, tlsKey: tls.privateKeyFile, ...(mutual && tls.caFile ? { rootCa: tls.caFile } : {}) }, ...rest };
  }
  // the model serves no listener whose TLS has neither its files nor a Secret (GW4046)
  return { secretRef: { name: tls.secretName!, namespace: listener.gateway?.namespace ?? options.namespace }, ...rest };
}


/**
 * The domains of a host's VirtualService. Gloo Edge hands them to Envoy as written and has no setting to
 * ignore the Host header's port, which Gloo Platform's gateways ignore (docs/semantics.md): an exact host
 * also takes `host:*` (Envoy's prefix wildcard: any port). A wildcard host may hold one `*` only, so it
 * takes its listener's port (`*.example.com:8443`, what a client of that port sends); that suffix would
 * come before an exact host's `host:*` (Envoy tries suffixes first), so where the port has a wildcard
 * host each exact host also takes `host:<port>`, an exact domain.
 */
function glooDomains(host: string, port: number, wildcards: boolean): string[] {
  if (host === '*') return [host];
  if (isWildcardHost(host)) return [host, `${host}:${port}`];
  return wildcards ? [host, `${host}:*`, `${host}:${port}`] : [host, `${host}:*`];
}
