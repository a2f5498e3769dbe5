import { finding, resourceLabel, type Finding, type ResourceRef } from '../../diagnostics/finding';
import { lambdaEndpoint } from '../../model/arn';
import type { Destination, LambdaDestination, ServiceDestination } from '../../model/types';
import { NameRegistry } from '../names';
import { lambdaConfig } from './lambda-config';
import { FILTER, TYPE } from './type-urls';

export type EnvoyForm = 'upstream' | 'listener';

export interface ClusterOptions {
  readonly form: EnvoyForm;
  readonly caFile: string;
}

/** Where a route sends a destination: a cluster, and in the listener form the per-route Lambda config. */
export interface ClusterTarget {
  readonly cluster: string;
  readonly perFilter?: Record<string, unknown>;
}

/**
 * The clusters the routes need, each built once. Upstream form: one cluster per function, qualifier,
 * invoke role and options, whose own upstream filters invoke and sign. Listener form: one cluster per
 * region, marked for the listener's aws_lambda filter, the ARN travelling in per-route config.
 */
export class ClusterSet {
  private readonly clusters = new Map<string, Record<string, unknown>>();
  private readonly names = new NameRegistry();

  constructor(
    private readonly options: ClusterOptions,
    private readonly findings: Finding[],
  ) {}

  lambda(d: LambdaDestination, table?: ResourceRef): ClusterTarget {
    const config = lambdaConfig(d, table, this.findings);
    if (this.options.form === 'listener') {
      const key = `lambda|${d.region}`;
      const name = this.names.nameFor(key, `lambda_${d.region}`);
      if (!this.clusters.has(name)) {
        this.clusters.set(name, {
          ...this.lambdaEndpointCluster(name, d.region),
          // the listener-level aws_lambda filter acts only on clusters that carry this boolean
          metadata: { filter_metadata: { 'com.amazonaws.lambda': { egress_gateway: true } } },
        });
      }
      return { cluster: name, perFilter: { [FILTER.awsLambda]: { '@type': TYPE.awsLambdaPerRoute, invoke_config: config } } };
    }
    const role = d.invokeRole?.arn ?? '';
    const key = `lambda|${d.arn}|${role}|${String(config.payload_passthrough)}|${String(config.invocation_mode)}`;
    const name = this.names.nameFor(key, `lambda_${d.accountId}_${d.region}_${d.functionName}_${d.qualifier}`);
    if (!this.clusters.has(name)) {
      const signing: Record<string, unknown> = { '@type': TYPE.awsRequestSigning, service_name: 'lambda', region: d.region, host_rewrite: lambdaEndpoint(d.region) };
      if (d.invokeRole) {
        signing.credential_provider = {
          assume_role_credential_provider: { role_arn: d.invokeRole.arn, role_session_name: sessionName(d) },
          // without it Envoy ignores the assumed role and signs with its default credentials
          custom_credential_provider_chain: true,
        };
      }
      this.clusters.set(name, {
        ...this.lambdaEndpointCluster(name, d.region),
        typed_extension_protocol_options: {
          [FILTER.httpProtocolOptions]: {
            '@type': TYPE.httpProtocolOptions,
            explicit_http_config: { http_protocol_options: {} },
            http_filters: [
              { name: FILTER.awsLambda, typed_config: { '@type': TYPE.awsLambda, ...config } },
              { name: FILTER.awsRequestSigning, typed_config: signing },
              { name: FILTER.upstreamCodec, typed_config: { '@type': TYPE.upstreamCodec } },
            ],
          },
        },
      });
    }
    return { cluster: name };
  }

  /** A Kubernetes Service by its cluster DNS name; undefined when it cannot be rendered (reported). */
  service(d: ServiceDestination, table?: ResourceRef): ClusterTarget | undefined {
    if (d.targetKind !== 'SERVICE') {
      this.findings.push(finding('GW7004', { kind: d.targetKind, name: `${d.namespace}/${d.name}`, target: 'Envoy' }, d.source, { resource: table }));
      return undefined;
    }
    if (typeof d.port !== 'number') {
      this.findings.push(finding('GW7003', { service: `${d.namespace}/${d.name}`, port: String(d.port ?? '(none)') }, d.source, { resource: table }));
      return undefined;
    }
    const host = `${d.name}.${d.namespace}.svc.cluster.local`;
    const name = this.names.nameFor(`svc|${host}|${d.port}`, `svc_${d.namespace}_${d.name}_${d.port}`);
    if (!this.clusters.has(name)) {
      this.clusters.set(name, {
        name,
        type: 'STRICT_DNS',
        connect_timeout: '5s',
        lb_policy: 'ROUND_ROBIN',
        load_assignment: endpoints(name, host, d.port),
      });
    }
    return { cluster: name };
  }

  /** `table`: the RouteTable the destination is written in, for findings */
  target(d: Destination, table?: ResourceRef): ClusterTarget | undefined {
    return d.kind === 'lambda' ? this.lambda(d, table) : this.service(d, table);
  }

  /** Sorted by name, so the output does not depend on the order routes asked for them. */
  all(): Array<Record<string, unknown>> {
    return [...this.clusters.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
  }

  private lambdaEndpointCluster(name: string, region: string): Record<string, unknown> {
    const host = lambdaEndpoint(region);
    return {
      name,
      type: 'LOGICAL_DNS',
      dns_lookup_family: 'V4_ONLY',
      connect_timeout: '5s',
      lb_policy: 'ROUND_ROBIN',
      load_assignment: endpoints(name, host, 443),
      transport_socket: {
        name: FILTER.tls,
        typed_config: {
          '@type': TYPE.upstreamTls,
          // the regional endpoint itself: a wildcard SNI does not match AWS's certificate
          sni: host,
          common_tls_context: { validation_context: { trusted_ca: { filename: this.options.caFile } } },
        },
      },
    };
  }
}

function endpoints(name: string, host: string, port: number) {
  return { cluster_name: name, endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: host, port_value: port } } } }] }] };
}

/** STS allows 2 to 64 of [\w+=,.@-]. */
function sessionName(d: LambdaDestination): string {
  return `gwctl-${d.provider.namespace}-${d.provider.name}`.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
}

export const describeProviders = (refs: ReadonlyArray<{ kind: string; namespace: string; name: string }>) => refs.map((r) => resourceLabel(r)).join(', ');
