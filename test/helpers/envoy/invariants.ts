/**
 * The invariants of envoy-lambda.md that Envoy's own schema does not catch, checked on a rendered
 * bootstrap (as JSON). Each returns a list of violations, empty when the config is sound.
 */
import { partition } from '@aws-sdk/core/client';

type Json = Record<string, any>;

const LAMBDA = 'envoy.filters.http.aws_lambda';
const RESERVED = [/^sts_token_service_internal/, /^ec2_instance_metadata_server_internal$/, /^ecs_task_metadata_server_internal$/];
const ARN = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/;

const endpointHost = (cluster: Json | undefined): string | undefined =>
  cluster?.load_assignment?.endpoints?.[0]?.lb_endpoints?.[0]?.endpoint?.address?.socket_address?.address;

const upstreamFilters = (cluster: Json | undefined): Json[] =>
  cluster?.typed_extension_protocol_options?.['envoy.extensions.upstreams.http.v3.HttpProtocolOptions']?.http_filters ?? [];

const hcms = (bootstrap: Json): Json[] =>
  (bootstrap.static_resources?.listeners ?? []).flatMap((l: Json) => (l.filter_chains ?? []).flatMap((c: Json) => (c.filters ?? []).map((f: Json) => f.typed_config)));

/** Every (route entry, cluster, lambda config) the routes use. */
function lambdaTargets(bootstrap: Json, clusters: Map<string, Json>): Array<{ where: string; cluster: string; config: Json }> {
  const out: Array<{ where: string; cluster: string; config: Json }> = [];
  for (const hcm of hcms(bootstrap)) {
    for (const vh of hcm.route_config?.virtual_hosts ?? []) {
      for (const r of vh.routes ?? []) {
        const entries: Array<{ name: string; perFilter?: Json }> = r.route?.cluster
          ? [{ name: r.route.cluster, perFilter: r.typed_per_filter_config }]
          : (r.route?.weighted_clusters?.clusters ?? []).map((c: Json) => ({ name: c.name, perFilter: c.typed_per_filter_config }));
        for (const e of entries) {
          const perRoute = e.perFilter?.[LAMBDA]?.invoke_config;
          const upstream = upstreamFilters(clusters.get(e.name)).find((f) => f.name === LAMBDA)?.typed_config;
          const config = perRoute ?? upstream;
          if (config) out.push({ where: `${vh.name} ${r.name} -> ${e.name}`, cluster: e.name, config });
        }
      }
    }
  }
  return out;
}

export function envoyInvariantViolations(bootstrap: Json): string[] {
  const v: string[] = [];
  const clusterList: Json[] = bootstrap.static_resources?.clusters ?? [];
  const clusters = new Map(clusterList.map((c) => [c.name as string, c]));
  const targets = lambdaTargets(bootstrap, clusters);

  // 1. the cluster targets the region of the ARN; 5. host_rewrite equals that endpoint; 6. ARNs parse
  for (const t of targets) {
    const region = ARN.exec(String(t.config.arn))?.[1];
    if (!region) v.push(`6: ${t.where}: ARN ${t.config.arn} does not parse`);
    const host = endpointHost(clusters.get(t.cluster));
    // the region's endpoint in its partition (amazonaws.com, .com.cn, .eu, the ISO clouds'), as the AWS SDK resolves it
    if (region && host !== `lambda.${region}.${partition(region).dnsSuffix}`) v.push(`1: ${t.where}: ARN in ${region}, cluster endpoint ${host}`);
    if (t.config.host_rewrite !== host) v.push(`5: ${t.where}: host_rewrite ${t.config.host_rewrite} is not the endpoint ${host}`);
    const tls = clusters.get(t.cluster)?.transport_socket?.typed_config;
    if (tls?.sni !== host) v.push(`TLS: ${t.where}: SNI ${tls?.sni} is not ${host}`);
    if (!tls?.common_tls_context?.validation_context?.trusted_ca) v.push(`TLS: ${t.where}: certificates are not verified`);
  }
  for (const c of clusterList) {
    const signing = upstreamFilters(c).find((f) => f.name === 'envoy.filters.http.aws_request_signing')?.typed_config;
    if (signing && signing.host_rewrite !== endpointHost(c)) v.push(`5: cluster ${c.name}: signing host_rewrite ${signing.host_rewrite} is not ${endpointHost(c)}`);
    if (signing?.credential_provider?.assume_role_credential_provider && signing.credential_provider.custom_credential_provider_chain !== true) {
      v.push(`signing: cluster ${c.name}: an assumed role without custom_credential_provider_chain is ignored`);
    }
  }

  // 2. per-filter-config keys name filters; 3. aws_lambda precedes the router, the router comes last
  for (const hcm of hcms(bootstrap)) {
    const names: string[] = (hcm.http_filters ?? []).map((f: Json) => f.name);
    if (names[names.length - 1] !== 'envoy.filters.http.router') v.push(`3: ${hcm.stat_prefix}: the router is not the last HTTP filter`);
    const lambdaAt = names.indexOf(LAMBDA);
    if (lambdaAt >= 0 && lambdaAt > names.indexOf('envoy.filters.http.router')) v.push(`3: ${hcm.stat_prefix}: aws_lambda after the router`);
    for (const vh of hcm.route_config?.virtual_hosts ?? []) {
      for (const r of vh.routes ?? []) {
        const configs = [r.typed_per_filter_config, ...(r.route?.weighted_clusters?.clusters ?? []).map((c: Json) => c.typed_per_filter_config)];
        for (const key of configs.flatMap((c) => Object.keys(c ?? {}))) {
          if (!names.includes(key)) v.push(`2: ${vh.name} ${r.name}: typed_per_filter_config key ${key} names no HTTP filter`);
        }
        for (const name of r.route?.cluster ? [r.route.cluster] : (r.route?.weighted_clusters?.clusters ?? []).map((c: Json) => c.name)) {
          if (!clusters.has(name)) v.push(`routes: ${vh.name} ${r.name}: cluster ${name} is not defined`);
        }
      }
    }
    // 4. downstream form: the metadata boolean on every Lambda cluster
    if (lambdaAt >= 0) {
      for (const t of targets) {
        const flag = clusters.get(t.cluster)?.metadata?.filter_metadata?.['com.amazonaws.lambda']?.egress_gateway;
        if (flag !== true) v.push(`4: cluster ${t.cluster}: egress_gateway is ${JSON.stringify(flag)}, not the boolean true`);
      }
    }
  }
  for (const c of clusterList) {
    const names = upstreamFilters(c).map((f) => f.name);
    if (names.length && (names[names.length - 1] !== 'envoy.filters.http.upstream_codec' || names.indexOf(LAMBDA) > names.indexOf('envoy.filters.http.upstream_codec'))) {
      v.push(`3: cluster ${c.name}: upstream filters must end with upstream_codec, after aws_lambda`);
    }
  }

  // 9. one listener per address ("has duplicate address ... as existing listener", listener_manager_impl.cc);
  // its filter chains told apart by their match, and server names read by the TLS inspector
  const listenerList: Json[] = bootstrap.static_resources?.listeners ?? [];
  const addresses = listenerList.map((l) => `${l.address?.socket_address?.address}:${l.address?.socket_address?.port_value}`);
  const ports = listenerList.map((l) => l.address?.socket_address?.port_value);
  for (const [i, l] of listenerList.entries()) {
    if (addresses.indexOf(addresses[i]!) !== i || ports.indexOf(ports[i]) !== i) v.push(`9: listener ${l.name} binds port ${ports[i]}, as an earlier listener does`);
    if (ports[i] === bootstrap.admin?.address?.socket_address?.port_value) v.push(`9: listener ${l.name} binds port ${ports[i]}, the admin interface's`);
    const matches = (l.filter_chains ?? []).map((c: Json) => JSON.stringify(c.filter_chain_match ?? {}));
    if (new Set(matches).size !== matches.length) v.push(`9: listener ${l.name}: two filter chains with the same match`);
    const sni = (l.filter_chains ?? []).some((c: Json) => c.filter_chain_match?.server_names);
    if (sni && !(l.listener_filters ?? []).some((f: Json) => f.name === 'envoy.filters.listener.tls_inspector')) v.push(`9: listener ${l.name}: server_names without the TLS inspector`);
  }

  // 10. a listener that requires client certificates verifies them: without a trusted CA, Envoy asks no
  // client for one (default_validator.cc, addClientValidationContext returns early) and lets every client in
  for (const l of listenerList) {
    for (const chain of l.filter_chains ?? []) {
      const tls = chain.transport_socket?.typed_config;
      if (tls?.require_client_certificate && !tls.common_tls_context?.validation_context?.trusted_ca) v.push(`10: listener ${l.name}: client certificates required, and no CA to verify them: none is asked for`);
    }
  }

  // 7. no reserved cluster names; 8. names unique
  for (const c of clusterList) if (RESERVED.some((re) => re.test(c.name))) v.push(`7: cluster name ${c.name} is reserved by Envoy`);
  const unique = (what: string, names: string[]) => {
    const dup = names.filter((n, i) => names.indexOf(n) !== i);
    if (dup.length) v.push(`8: duplicate ${what} names: ${[...new Set(dup)].join(', ')}`);
  };
  unique('cluster', clusterList.map((c) => c.name));
  unique('listener', (bootstrap.static_resources?.listeners ?? []).map((l: Json) => l.name));
  for (const hcm of hcms(bootstrap)) {
    unique('virtual host', (hcm.route_config?.virtual_hosts ?? []).map((vh: Json) => vh.name));
    // Envoy lower-cases domains before it looks for one written twice (config_impl.cc, RouteMatcher)
    unique('domain', (hcm.route_config?.virtual_hosts ?? []).flatMap((vh: Json) => vh.domains.map((d: string) => d.toLowerCase())));
    for (const vh of hcm.route_config?.virtual_hosts ?? []) unique(`route (in ${vh.name})`, (vh.routes ?? []).map((r: Json) => r.name));
  }
  return v;
}
