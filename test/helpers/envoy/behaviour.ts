/**
 * What a proxy team checks before deploying a rendered Envoy bootstrap, read from the bootstrap alone
 * (as JSON): the behaviour a proto check cannot see. Each violation starts with the name of the
 * property it breaks; docs/envoy-output.md has the reason behind each.
 */
type Json = Record<string, any>;

const LAMBDA = 'envoy.filters.http.aws_lambda';
const SIGNING = 'envoy.filters.http.aws_request_signing';
const SIX_MB = 6 * 1024 * 1024;
/** The retry conditions under which a request provably never reached the function; any other may re-run it. */
const NOT_SENT = new Set(['connect-failure', 'refused-stream', 'reset-before-request']);
/**
 * Lambda's answer to a throttled call (429, not invoked) names its error in `x-amzn-errortype`; a
 * function's own statusCode, which the aws_lambda filter makes the HTTP status, comes without it.
 */
const isThrottleMatcher = (m: Json) =>
  Object.keys(m).length === 2 && String(m.name).toLowerCase() === 'x-amzn-errortype' && Object.keys(m.string_match ?? {}).join() === 'prefix' && m.string_match.prefix === 'TooManyRequestsException';

const upstreamFilters = (c: Json | undefined): Json[] => c?.typed_extension_protocol_options?.['envoy.extensions.upstreams.http.v3.HttpProtocolOptions']?.http_filters ?? [];
const hcms = (b: Json): Json[] => (b.static_resources?.listeners ?? []).flatMap((l: Json) => (l.filter_chains ?? []).flatMap((c: Json) => (c.filters ?? []).map((f: Json) => f.typed_config)));
const seconds = (d: unknown): number => (typeof d === 'string' && /^\d+(\.\d+)?s$/.test(d) ? Number(d.slice(0, -1)) : NaN);
const isLambdaCluster = (c: Json | undefined) => !!c && (upstreamFilters(c).some((f) => f.name === LAMBDA) || c.metadata?.filter_metadata?.['com.amazonaws.lambda']?.egress_gateway === true);

interface RouteEntry {
  readonly where: string;
  readonly route: Json;
  /** the retry policy Envoy applies: the route's own, else its virtual host's (config_impl.cc buildRetryPolicy) */
  readonly retryPolicy: Json | undefined;
  readonly clusters: Json[];
  /** per-cluster aws_lambda configs (route-level in the listener form, cluster-level in the upstream form) */
  readonly lambdaConfigs: Json[];
}

function routeEntries(b: Json): Array<RouteEntry & { hcm: Json }> {
  const clusters = new Map<string, Json>((b.static_resources?.clusters ?? []).map((c: Json) => [c.name, c]));
  const out: Array<RouteEntry & { hcm: Json }> = [];
  for (const hcm of hcms(b)) {
    for (const vh of hcm.route_config?.virtual_hosts ?? []) {
      for (const r of vh.routes ?? []) {
        if (!r.route) continue;
        const entries: Array<{ name: string; perFilter?: Json }> = r.route.cluster
          ? [{ name: r.route.cluster, perFilter: r.typed_per_filter_config }]
          : (r.route.weighted_clusters?.clusters ?? []).map((c: Json) => ({ name: c.name, perFilter: c.typed_per_filter_config }));
        const cs = entries.map((e) => clusters.get(e.name)).filter((c): c is Json => !!c);
        const lambdaConfigs = entries.flatMap((e) => {
          const config = e.perFilter?.[LAMBDA]?.invoke_config ?? upstreamFilters(clusters.get(e.name)).find((f) => f.name === LAMBDA)?.typed_config;
          return config ? [config] : [];
        });
        out.push({ hcm, where: `${vh.name} ${r.name}`, route: r, retryPolicy: r.route.retry_policy ?? vh.retry_policy, clusters: cs, lambdaConfigs });
      }
    }
  }
  return out;
}

/** Every violation, each `property: where: what`. Empty when the bootstrap is fit to deploy. */
export function envoyBehaviourViolations(b: Json): string[] {
  const v: string[] = [];
  const clusterList: Json[] = b.static_resources?.clusters ?? [];
  const routes = routeEntries(b);

  for (const e of routes) {
    const toLambda = e.clusters.some(isLambdaCluster);
    const retryOn: string[] = String(e.retryPolicy?.retry_on ?? '').split(',').filter(Boolean);
    if (toLambda) {
      // no-rerun: a Lambda route retries only what provably never reached the function
      // a retriable header or status is judged by what it matches, below
      const reran = retryOn.filter((c) => !NOT_SENT.has(c) && c !== 'retriable-headers' && c !== 'retriable-status-codes');
      if (reran.length) v.push(`no-rerun: ${e.where}: retry_on ${reran.join(',')} re-runs a function that ran`);
      const headers: Json[] = e.retryPolicy?.retriable_headers ?? [];
      if (retryOn.includes('retriable-headers') && !(headers.length && headers.every(isThrottleMatcher))) {
        v.push(`no-rerun: ${e.where}: retriable headers ${JSON.stringify(headers)}: only Lambda's x-amzn-errortype TooManyRequestsException (throttled, not invoked) is safe`);
      }
      // In the upstream form the router reads the status after the aws_lambda filter made it the function's
      // statusCode: a 429 may be the function's own answer. The listener form's filter runs after the router,
      // which sees Lambda's.
      const statusIsFunctions = e.clusters.some((c) => upstreamFilters(c).some((f) => f.name === LAMBDA));
      const codes: number[] = retryOn.includes('retriable-status-codes') ? (e.retryPolicy?.retriable_status_codes ?? []) : [];
      if (statusIsFunctions && codes.length) v.push(`no-rerun: ${e.where}: retriable status ${codes.join(',')} after the aws_lambda filter made the function's statusCode the status: a function that answered ${codes[0]} runs again`);
      else if (codes.some((c) => c !== 429)) v.push(`no-rerun: ${e.where}: retriable status ${codes.join(',')}: only 429 (throttled, not invoked) is safe`);
      if (e.lambdaConfigs.some((c) => c.invocation_mode === 'ASYNCHRONOUS') && retryOn.some((c) => c !== 'connect-failure')) {
        v.push(`no-rerun: ${e.where}: an asynchronous invocation retries ${retryOn.join(',')}: the event may be queued already`);
      }
      // no-rewrite-signed: the listener form signs the path before the router rewrites it
      const listenerForm = e.route.typed_per_filter_config?.[LAMBDA] || (e.route.route.weighted_clusters?.clusters ?? []).some((c: Json) => c.typed_per_filter_config?.[LAMBDA]);
      if (listenerForm && (e.route.route.prefix_rewrite !== undefined || e.route.route.regex_rewrite !== undefined || e.route.route.path_rewrite_policy !== undefined)) {
        v.push(`no-rewrite-signed: ${e.where}: a path rewrite after the listener's aws_lambda filter breaks the signature`);
      }
    }
    // canary-stats: each backend of a split keeps statistics of its own: two entries of one cluster must be
    // one backend named twice (the route's input, warned of: GW4040), alike but for their weights
    const split: Json[] = e.route.route.weighted_clusters?.clusters ?? [];
    const alike = (c: Json) => JSON.stringify({ ...c, weight: undefined });
    if (split.some((c, i) => split.some((d, j) => j < i && d.name === c.name && alike(d) !== alike(c)))) v.push(`canary-stats: ${e.where}: two weighted backends share one cluster`);
    // timeouts: no idle timeout shorter than the route's wait. The route's own idle_timeout takes the
    // connection manager's place (conn_manager_impl.cc, refreshIdleTimeout); a route to Lambda waits at
    // most the 15 minutes a function runs, however long its timeout (0: none, as a policy may say)
    const timeout = seconds(e.route.route.timeout ?? '15s');
    const waits = toLambda ? (timeout === 0 ? 900 : Math.min(timeout, 900)) : timeout;
    const idleText = e.route.route.idle_timeout ?? e.hcm.stream_idle_timeout ?? '300s (default)';
    const idle = seconds(e.route.route.idle_timeout ?? e.hcm.stream_idle_timeout ?? '300s');
    if (idle !== 0 && !(idle > waits)) v.push(`timeouts: ${e.where}: idle timeout ${idleText} cuts the route's ${e.route.route.timeout ?? '15s'} short`);
  }

  for (const c of clusterList) {
    if (!isLambdaCluster(c)) continue;
    const host = c.load_assignment?.endpoints?.[0]?.lb_endpoints?.[0]?.endpoint?.address?.socket_address?.address;
    const sans: Json[] = c.transport_socket?.typed_config?.common_tls_context?.validation_context?.match_typed_subject_alt_names ?? [];
    // tls-name: the certificate must name the regional endpoint itself
    if (!sans.some((s) => s.san_type === 'DNS' && s.matcher?.exact === host)) v.push(`tls-name: cluster ${c.name}: no SAN matcher for ${host}`);
    // buffer-limit: the whole request is buffered to be signed: Lambda's 6 MB must fit
    if (!(c.per_connection_buffer_limit_bytes >= SIX_MB)) v.push(`buffer-limit: cluster ${c.name}: ${c.per_connection_buffer_limit_bytes ?? 'default 1 MiB'} < 6 MiB`);
    // retries-not-starved: Envoy's default allows 3 concurrent retries per cluster
    const t = c.circuit_breakers?.thresholds?.find((x: Json) => (x.priority ?? 'DEFAULT') === 'DEFAULT');
    if (!t?.retry_budget && !(t?.max_retries > 3)) v.push(`retries-not-starved: cluster ${c.name}: circuit breakers allow only Envoy's default 3 concurrent retries`);
    // fail-closed: an assumed role's cluster must not carry the gateway's own signature when AssumeRole fails
    const filters = upstreamFilters(c);
    const signing = filters.find((f) => f.name === SIGNING)?.typed_config;
    const lambda = filters.find((f) => f.name === LAMBDA)?.typed_config;
    if (signing?.credential_provider?.assume_role_credential_provider && !(lambda?.credentials?.access_key_id && lambda?.credentials?.secret_access_key)) {
      v.push(`fail-closed: cluster ${c.name}: aws_lambda signs with the default chain first, so a failed AssumeRole sends the gateway's own signature`);
    }
    // session-name: STS refuses a RoleSessionName outside 2 to 64 of [\w+=,.@-] (AssumeRole's
    // parameters), and then every request of the cluster is refused
    const session = signing?.credential_provider?.assume_role_credential_provider?.role_session_name;
    if (session !== undefined && !/^[\w+=,.@-]{2,64}$/.test(session)) v.push(`session-name: cluster ${c.name}: STS refuses the role session name ${JSON.stringify(session)}`);
  }

  for (const l of b.static_resources?.listeners ?? []) {
    if (!(l.per_connection_buffer_limit_bytes >= SIX_MB)) v.push(`buffer-limit: listener ${l.name}: ${l.per_connection_buffer_limit_bytes ?? 'default 1 MiB'} < 6 MiB`);
  }
  const arns = new Set(routes.flatMap((e) => e.lambdaConfigs.map((c) => c.arn)));
  for (const hcm of hcms(b)) {
    const where = hcm.stat_prefix;
    // normalisation: the path routed on is the path the function sees
    if (hcm.normalize_path !== true) v.push(`normalisation: ${where}: normalize_path is off`);
    if (hcm.merge_slashes !== true) v.push(`normalisation: ${where}: merge_slashes is off`);
    if (!hcm.path_with_escaped_slashes_action || hcm.path_with_escaped_slashes_action === 'IMPLEMENTATION_SPECIFIC_DEFAULT') v.push(`normalisation: ${where}: escaped slashes left to the default`);
    // direct-body: Envoy refuses a route configuration with a direct response body above its limit
    const bodyLimit = hcm.route_config?.max_direct_response_body_size_bytes ?? 4096;
    for (const vh of hcm.route_config?.virtual_hosts ?? []) {
      for (const r of vh.routes ?? []) {
        const body = r.direct_response?.body?.inline_string;
        if (typeof body === 'string' && Buffer.byteLength(body) > bodyLimit) v.push(`direct-body: ${where}: route ${r.name} answers ${Buffer.byteLength(body)} bytes, above the limit of ${bodyLimit}`);
      }
    }
    // host-port: a Host header with a port (`shop.example.com:8443`) finds its host, as on Gloo's gateways
    if (hcm.route_config && hcm.route_config.ignore_port_in_host_matching !== true) v.push(`host-port: ${where}: a Host header with a port finds no virtual host`);
    // client-address: X-Forwarded-For is not taken from the client
    if (hcm.use_remote_address !== true) v.push(`client-address: ${where}: use_remote_address is off`);
    if (!['REJECT_REQUEST', 'DROP_HEADER'].includes(hcm.common_http_protocol_options?.headers_with_underscores_action)) v.push(`headers: ${where}: headers with underscores are allowed`);
    if (!(seconds(hcm.request_headers_timeout) > 0)) v.push(`timeouts: ${where}: no request_headers_timeout`);
    if (hcm.server_header_transformation !== 'OVERWRITE' || !hcm.server_name || hcm.server_name === 'envoy') v.push(`server-header: ${where}: the server header names the software`);
    if (!(hcm.access_log ?? []).some((a: Json) => a.name === 'envoy.access_loggers.stdout' && a.typed_config?.log_format?.json_format)) v.push(`access-log: ${where}: no JSON access log on stdout`);
    // placeholder-arn: the listener-level ARN every route overrides is no team's function
    const listenerLambda = (hcm.http_filters ?? []).find((f: Json) => f.name === LAMBDA)?.typed_config;
    if (listenerLambda && (arns.has(listenerLambda.arn) || !/:000000000000:/.test(String(listenerLambda.arn)))) v.push(`placeholder-arn: ${where}: the listener's default ARN ${listenerLambda.arn} can be invoked`);
  }
  // memory-bound: the overload manager stops accepting requests before the heap is exhausted
  const monitors: Json[] = b.overload_manager?.resource_monitors ?? [];
  const heap = monitors.find((m) => m.name === 'envoy.resource_monitors.fixed_heap');
  const stops = (b.overload_manager?.actions ?? []).some((a: Json) => a.name === 'envoy.overload_actions.stop_accepting_requests' && a.triggers?.some((t: Json) => t.name === heap?.name));
  if (!heap || !(heap.typed_config?.max_heap_size_bytes > 0) || !stops) v.push('memory-bound: no overload manager with a heap bound that stops accepting requests');
  // regex-size: route regexes load as on Gloo's gateways (Istio raises RE2's program size limit to 32768)
  const re2Limit = (b.layered_runtime?.layers ?? []).map((l: Json) => l.static_layer?.['re2.max_program_size.error_level']).find((n: unknown) => n !== undefined);
  if (re2Limit !== 32768) v.push(`regex-size: re2.max_program_size.error_level is ${re2Limit ?? 'unset (Envoy: 100)'}, not Gloo's gateways' 32768`);
  return v;
}
