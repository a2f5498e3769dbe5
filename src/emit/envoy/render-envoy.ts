import { finding, type Finding } from '../../diagnostics/finding';
import type { LambdaDestination, ListenerNode, Model } from '../../model/types';
import type { Emitted } from '../emitted';
import { groupHosts } from '../host-groups';
import { portGroups, sniName, type PortGroup } from '../listener-ports';
import { lazyFlatMap } from '../lazy-flat-map';
import { sanitizeName } from '../names';
import { ClusterSet, describeProviders, type EnvoyForm } from './clusters';
import { envoyRoutes, prepareEnvoyRoute } from './routes';
import { atLeast, FEATURES, formatVersion, type EnvoyVersion } from './envoy-version';
export { ENVOY_DEFAULTS } from './envoy-defaults';
import { hostRetryPolicy, retryPolicyFields, type ServiceRetries } from '../retry-policy';
import { FILTER, TYPE } from './type-urls';
import { firstAndMore, NAMES_SHOWN } from '../../text/first-and-more';
import { needsLargeDirectBodies } from '../direct-body';
import { GLOO_DIRECT_BODY_BYTES } from '../../model/direct-body-limit';
import { isMutual } from '../../model/listeners';
import { leftBehind, stsOutsidePartition } from '../left-behind';
import { RouteTimeouts, streamIdleSeconds } from '../route-timeouts';
import { protoDuration } from '../../text/duration-forms';

export interface EnvoyOptions {
  readonly form: EnvoyForm;
  /** the default listener (tables attached to no VirtualGateway) */
  readonly listen: { readonly address: string; readonly port: number };
  /** the timeout of a route no RetryTimeoutPolicy gives one (--route-timeout), in seconds */
  readonly routeTimeoutSeconds: number;
  readonly caFile: string;
  readonly toolVersion: string;
  /** the Envoy the output must run on (--envoy-version) */
  readonly envoyVersion: EnvoyVersion;
  /** proxies in front of the gateway whose X-Forwarded-For entries are trusted (--trusted-hops) */
  readonly trustedHops: number;
  readonly serviceRetries: ServiceRetries;
  /** what a request may buffer: Lambda's synchronous payload limit */
  readonly bufferLimit: number;
  /** --escaped-slashes: what a path with %2F or %5C gets */
  readonly escapedSlashes: 'REJECT_REQUEST' | 'UNESCAPE_AND_REDIRECT' | 'KEEP_UNCHANGED';
  /** the overload manager's heap bound (--max-heap) */
  readonly maxHeapBytes: number;
}

/** Envoy never invokes this: every route names its own function. The listener-level filter needs a valid ARN. */
export const PLACEHOLDER_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:gwctl-placeholder-never-invoked';

/**
 * The model as an Envoy v3 static bootstrap. Pure and deterministic: the same model gives the same
 * bytes. Facts behind every choice: docs/ARCHITECTURE.md ("Envoy output") and the tests' invariants.
 */
export function renderEnvoy(model: Model, options: EnvoyOptions): Emitted {
  // Envoy's credential providers, which kgateway renders too, look for STS where some partitions have none
  const findings: Finding[] = [...leftBehind(model, 'Envoy'), ...stsOutsidePartition(model, 'Envoy')];
  const clusters = new ClusterSet({ form: options.form, caFile: options.caFile, bufferLimit: options.bufferLimit }, findings);
  const ports = envoyPortGroups(model, options, findings);
  const timeouts = new RouteTimeouts(model, options.routeTimeoutSeconds, protoDuration, streamIdleSeconds(options.routeTimeoutSeconds));
  const listeners = ports.map((g) => envoyPortListener(g, options, timeouts, clusters, findings));
  if (options.form === 'listener') {
    // every Lambda destination, read only here: on a large input a list of them all is a quarter of a
    // million entries (corpus L), made for nothing in the default form
    const lambdas = model.listeners.flatMap((l) => l.hosts.flatMap((h) => h.routes.flatMap((r) => (r.action.kind === 'forward' ? r.action.destinations : []))))
      .filter((d): d is LambdaDestination => d.kind === 'lambda');
    const withRoles = new Map(lambdas.filter((d) => d.invokeRole).map((d) => [`${d.provider.namespace}/${d.provider.name}`, d]));
    if (withRoles.size) {
      const providers = [...withRoles.keys()].sort();
      const first = withRoles.get(providers[0]!)!;
      findings.push(finding('GW7001', { providers: describeProviders(providers.map((p) => withRoles.get(p)!.provider)) }, model.providers.find((p) => `${p.ref.namespace}/${p.ref.name}` === providers[0])?.source ?? first.source));
    }
    // the listener-level filter needs a valid Config even though every route overrides it: an ARN of no
    // team's function (an account id no one has), so that a route without its own config invokes nothing
    for (const l of listeners) for (const hcm of hcmsOf(l)) hcm.http_filters.unshift({ name: FILTER.awsLambda, typed_config: { '@type': TYPE.awsLambda, arn: PLACEHOLDER_ARN } });
  }
  const needed = versionFindings(model, options, clusters, findings);

  const bootstrap = {
    admin: { address: { socket_address: { address: '127.0.0.1', port_value: adminPort(ports) } } },
    static_resources: { listeners, clusters: clusters.all() },
    overload_manager: overloadManager(options.maxHeapBytes),
    layered_runtime: RUNTIME,
  };
  return {
    documents: [{ name: 'envoy.yaml', value: bootstrap }],
    findings,
    header: [
      `Envoy v3 bootstrap generated by gwctl ${options.toolVersion}, ${options.form} form: needs Envoy ${formatVersion(needed.version)} or later (${needed.what}); rendered for ${formatVersion(options.envoyVersion)}.`,
      'Do not edit: regenerate with `gwctl render --target envoy`.',
    ],
  };
}

/** The version the output needs, and the findings where the chosen one cannot run it. */
function versionFindings(model: Model, options: EnvoyOptions, clusters: ClusterSet, findings: Finding[]): { version: EnvoyVersion; what: string } {
  const chosen = options.envoyVersion;
  // only a Lambda cluster needs more than the oldest version gwctl renders for, and its provider is in the model
  const anchor = model.providers[0]?.source;
  // the upstream form's needs are its Lambda clusters': an output of Services alone needs none of them
  const needs = options.form === 'listener' ? FEATURES.listenerForm : clusters.usesRoles ? FEATURES.assumedRoles : clusters.usesLambda ? FEATURES.upstreamForm : FEATURES.servicesOnly;
  if (!anchor || atLeast(chosen, needs.version)) return needs;
  if (needs === FEATURES.assumedRoles && atLeast(chosen, FEATURES.upstreamForm.version)) {
    findings.push(finding('GW7009', { chosen: formatVersion(chosen), roles: firstAndMore(clusters.roles(), NAMES_SHOWN, ', ') }, anchor));
  } else {
    findings.push(finding('GW7008', { needed: formatVersion(needs.version), feature: needs.what, chosen: formatVersion(chosen) }, anchor));
  }
  return needs;
}

/**
 * The admin interface on loopback, at Envoy's customary 9901 or, when a listener binds that port (and a
 * second bind of it would stop the proxy from starting), the next port no listener binds.
 */
function adminPort(ports: readonly PortGroup[]): number {
  const taken = new Set(ports.map((g) => g.port));
  let port = 9901;
  while (taken.has(port)) port++;
  return port;
}

/**
 * The runtime Gloo's gateways run with where it differs from Envoy's defaults. Envoy refuses a regex whose
 * RE2 program is larger than `re2.max_program_size.error_level`, 100 by default (type/matcher/v3/regex.proto);
 * Gloo Platform's gateways are Istio's, whose bootstrap raises it to 32768 (istio/istio
 * pkg/bootstrap/config.go, extractRuntimeFlags), so a route regex Gloo serves would otherwise stop this
 * proxy from loading. Set as a number: Envoy reads this key's integer from a layer
 * (source/common/runtime/runtime_features.cc, maybeSetDeprecatedInts).
 */
const RUNTIME = Object.freeze({ layers: [{ name: 'gloo-gateway-defaults', static_layer: { 're2.max_program_size.error_level': 32768 } }] });

/**
 * A heap bound for the whole proxy (Envoy's edge best practice: an overload manager): past 95% of it
 * Envoy returns free memory to the system, past 98% it stops accepting new requests instead of growing
 * until the kernel kills it.
 */
function overloadManager(maxHeapBytes: number): Record<string, unknown> {
  const monitor = 'envoy.resource_monitors.fixed_heap';
  return {
    refresh_interval: '0.25s',
    resource_monitors: [{ name: monitor, typed_config: { '@type': TYPE.fixedHeap, max_heap_size_bytes: maxHeapBytes } }],
    actions: [
      { name: 'envoy.overload_actions.shrink_heap', triggers: [{ name: monitor, threshold: { value: 0.95 } }] },
      { name: 'envoy.overload_actions.stop_accepting_requests', triggers: [{ name: monitor, threshold: { value: 0.98 } }] },
    ],
  };
}

/** The model's listeners by the port each binds: the default listener binds --listen's. */
export function envoyPortGroups(model: Model, options: Pick<EnvoyOptions, 'listen'>, findings: Finding[]): PortGroup[] {
  return portGroups(model.listeners, (l) => (l.gateway === null ? options.listen.port : l.port), 'Envoy', findings);
}

/**
 * The Envoy listener of a port. Plain HTTP listeners sharing it are one connection manager with the
 * virtual hosts of all; TLS listeners are a filter chain each, matched by the SNI names of its hosts
 * (the TLS inspector reads them), one of them without names when its hosts cannot all be named.
 */
function envoyPortListener(g: PortGroup, options: EnvoyOptions, timeouts: RouteTimeouts, clusters: ClusterSet, findings: Finding[]) {
  const [first, ...rest] = g.listeners;
  if (rest.length === 0) return envoyListener(first!, options, timeouts, clusters, findings);
  if (!g.tls) return envoyListener({ ...first!, hosts: g.listeners.flatMap((l) => l.hosts) }, options, timeouts, clusters, findings);
  const built = g.listeners.map((l) => envoyListener(l, options, timeouts, clusters, findings));
  const chains = built.map((b, i) => {
    const names = g.listeners[i]!.hosts.map((h) => h.host);
    return names.every(sniName) ? { filter_chain_match: { server_names: names }, ...b.filter_chains[0]! } : b.filter_chains[0]!;
  });
  return { ...built[0]!, filter_chains: chains, listener_filters: [{ name: FILTER.tlsInspector, typed_config: { '@type': TYPE.tlsInspector } }] };
}

/**
 * The name of the connection manager that serves a model listener's hosts, which its route configuration
 * is named after (`routes.<name>`): the port's first listener's when plain HTTP listeners share the port.
 */
export function envoyServingName(l: ListenerNode, groups: readonly PortGroup[]): string {
  const group = groups.find((g) => g.listeners.some((m) => m.name === l.name));
  return envoyListenerName(group && !group.tls ? group.listeners[0]! : l);
}

function envoyListener(l: ListenerNode, options: EnvoyOptions, timeouts: RouteTimeouts, clusters: ClusterSet, findings: Finding[]) {
  const isDefault = l.gateway === null;
  const address = isDefault ? options.listen.address : '0.0.0.0';
  const port = isDefault ? options.listen.port : l.port;
  const name = envoyListenerName(l);
  const virtualHosts = groupHosts(l.hosts).map((group) => {
    const routes = group[0]!.routes;
    for (const r of routes) prepareEnvoyRoute(r, clusters, findings, options.form);
    const routeOptions = { timeouts, serviceRetries: options.serviceRetries, form: options.form, hostRetries: hostRetryPolicy(routes, options.serviceRetries) };
    return {
      name: group[0]!.host,
      domains: group.map((h) => h.host),
      ...(routeOptions.hostRetries ? { retry_policy: retryPolicyFields(routeOptions.hostRetries, 'envoy') } : {}),
      routes: lazyFlatMap(routes, (r) => envoyRoutes(r, l.port, clusters, routeOptions)),
    };
  });
  const hcm = {
    '@type': TYPE.hcm,
    stat_prefix: name,
    codec_type: 'AUTO',
    ...edgeSettings(options),
    // a Host header with a port (`api.example.com:8443`, as a client sends for a port other than 80
    // and 443) finds the host's virtual host, as on Gloo's gateways, whose route configurations set the
    // same (istio/istio pilot/pkg/networking/core/gateway.go, buildGatewayHTTPRouteConfig)
    route_config: {
      name: `routes.${name}`,
      ignore_port_in_host_matching: true,
      ...(needsLargeDirectBodies(l.hosts) ? { max_direct_response_body_size_bytes: GLOO_DIRECT_BODY_BYTES } : {}),
      virtual_hosts: virtualHosts,
    },
    http_filters: [{ name: FILTER.router, typed_config: { '@type': TYPE.router } }] as Array<Record<string, unknown>>,
  };
  const chain: Record<string, unknown> = { filters: [{ name: FILTER.hcm, typed_config: hcm }] };
  if (l.tls) chain.transport_socket = downstreamTls(l, findings);
  return { name, address: { socket_address: { address, port_value: port } }, per_connection_buffer_limit_bytes: options.bufferLimit, filter_chains: [chain] };
}

/**
 * The HTTP connection manager as Envoy's edge best practices have it (docs/envoy-output.md has each
 * setting's reason): client addresses from the connection (and --trusted-hops proxies), paths normalised
 * before routing, escaped slashes refused, headers with underscores refused, a bound on the time to send
 * the headers, a stream idle timeout never shorter than the routes' own (a route that waits longer, by a
 * RetryTimeoutPolicy, has its own: RouteTimeouts), a server header that names no
 * software, HTTP/2 limits, and a JSON access log on stdout.
 */
function edgeSettings(options: EnvoyOptions): Record<string, unknown> {
  return {
    use_remote_address: true,
    xff_num_trusted_hops: options.trustedHops,
    normalize_path: true,
    merge_slashes: true,
    path_with_escaped_slashes_action: options.escapedSlashes,
    common_http_protocol_options: { idle_timeout: '900s', headers_with_underscores_action: 'REJECT_REQUEST' },
    request_headers_timeout: '10s',
    // Envoy's default of 5 minutes would cut a 15-minute synchronous invocation short
    stream_idle_timeout: `${streamIdleSeconds(options.routeTimeoutSeconds)}s`,
    server_name: 'gateway',
    server_header_transformation: 'OVERWRITE',
    http2_protocol_options: { max_concurrent_streams: 100, initial_stream_window_size: 65536, initial_connection_window_size: 1048576 },
    access_log: [{ name: 'envoy.access_loggers.stdout', typed_config: { '@type': TYPE.stdoutAccessLog, log_format: { json_format: ACCESS_LOG_FORMAT } } }],
  };
}

const ACCESS_LOG_FORMAT = Object.freeze({
  start_time: '%START_TIME%',
  method: '%REQ(:METHOD)%',
  path: '%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%',
  protocol: '%PROTOCOL%',
  status: '%RESPONSE_CODE%',
  flags: '%RESPONSE_FLAGS%',
  bytes_received: '%BYTES_RECEIVED%',
  bytes_sent: '%BYTES_SENT%',
  duration_ms: '%DURATION%',
  upstream_cluster: '%UPSTREAM_CLUSTER%',
  route: '%ROUTE_NAME%',
  client: '%DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%',
  request_id: '%REQ(X-REQUEST-ID)%',
  function_error: '%RESP(X-AMZ-FUNCTION-ERROR)%',
});


/** The Envoy listener of a model listener: `default`, or `namespace.gateway.port`. */
export function envoyListenerName(l: ListenerNode): string {
  return l.gateway === null ? 'default' : sanitizeName(l.name.replace(/[/:]/g, '.'));
}

/** The HTTP connection managers of a listener: one per filter chain. */
export function hcmsOf(listener: { filter_chains: Array<Record<string, unknown>> }): Array<{ http_filters: Array<Record<string, unknown>> }> {
  return listener.filter_chains.map((chain) => (chain.filters as Array<{ typed_config: unknown }>)[0]!.typed_config as { http_filters: Array<Record<string, unknown>> });
}

function downstreamTls(l: ListenerNode, findings: Finding[]): Record<string, unknown> {
  const tls = l.tls!;
  let certificate = tls.certificateFile;
  let key = tls.privateKeyFile;
  const mutual = isMutual(tls.mode);
  let caFile = tls.caFile;
  if (!certificate || !key) {
    // a file missing: the listener takes it from its Secret (the model serves no listener without either: GW4046)
    const secret = tls.secretName!;
    certificate ??= `/etc/envoy/tls/${secret}/tls.crt`;
    key ??= `/etc/envoy/tls/${secret}/tls.key`;
    // mutual TLS from a Secret: the CA of the client certificates is its `ca.crt`, as Gloo reads it (an
    // Istio credentialName's CA). Without a trusted CA, Envoy's require_client_certificate asks no client
    // for a certificate (default_validator.cc, addClientValidationContext returns without one): every
    // client would be let in
    if (mutual) caFile ??= `/etc/envoy/tls/${secret}/ca.crt`;
    const ca = mutual ? `, and the client certificates' CA from ${caFile}` : '';
    if (l.source) findings.push(finding('GW7005', { listener: l.name, secret, certificate, key, ca }, l.source, { resource: l.gateway ?? undefined }));
  }
  // the listener's parameters as Envoy's (the same version names); unset, Envoy's server defaults, which
  // are Gloo's: at least TLS 1.2 ("Defaults to `TLSV1_2`", virtual_gateway.proto; common.proto)
  const params = {
    ...(tls.minimumVersion ? { tls_minimum_protocol_version: tls.minimumVersion } : {}),
    ...(tls.maximumVersion ? { tls_maximum_protocol_version: tls.maximumVersion } : {}),
    ...(tls.cipherSuites ? { cipher_suites: tls.cipherSuites } : {}),
  };
  // verifySubjectAltName names a certificate's SAN of any kind: matched as a DNS name and as a URI
  // (SPIFFE identities), the kinds client certificates carry
  const sans = tls.subjectAltNames?.flatMap((name) => ['DNS', 'URI'].map((san_type) => ({ san_type, matcher: { exact: name } })));
  // the model keeps the names of mutual TLS only, whose CA is the files' or the Secret's
  const validation = mutual && caFile ? { trusted_ca: { filename: caFile }, ...(sans ? { match_typed_subject_alt_names: sans } : {}) } : undefined;
  return {
    name: FILTER.tls,
    typed_config: {
      '@type': TYPE.downstreamTls,
      common_tls_context: {
        ...(Object.keys(params).length ? { tls_params: params } : {}),
        tls_certificates: [{ certificate_chain: { filename: certificate }, private_key: { filename: key } }],
        ...(validation ? { validation_context: validation } : {}),
      },
      ...(tls.mode === 'MUTUAL' ? { require_client_certificate: true } : {}),
    },
  };
}
