import { resourceLabel, type Finding, type ResourceRef } from '../../diagnostics/finding';
import { lambdaEndpoint } from '../../model/arn';
import type { Destination, LambdaDestination, ServiceDestination } from '../../model/types';
import { NameRegistry } from '../names';
import { unrenderableService } from '../unrenderable-service';
import { flatConcat } from '../../text/flat-concat';
import { lambdaConfig, payloadFinding, payloadPassthrough } from './lambda-config';
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

/** What a cluster is built from when it is written: the destination itself, a region, or a Service. */
type ClusterSource = LambdaDestination | { readonly kind: 'region'; readonly region: string } | { readonly kind: 'service'; readonly host: string; readonly port: number };

/**
 * The clusters the routes need. Upstream form: one cluster per function, qualifier, invoke role and
 * options, whose own upstream filters invoke and sign. Listener form: one cluster per region, marked for
 * the listener's aws_lambda filter, the ARN travelling in per-route config.
 *
 * Two passes: `prepare` registers every destination's cluster and reports what Envoy cannot express,
 * before anything is written; `target` and `all` then build routes' targets and clusters as the writer
 * reaches them. A large input has hundreds of thousands of clusters: only what each is built from is
 * kept (for a Lambda cluster, the destination the model already holds).
 */
export class ClusterSet {
  private readonly clusters = new Map<string, ClusterSource>();
  private readonly names = new NameRegistry();

  constructor(
    private readonly options: ClusterOptions,
    private readonly findings: Finding[],
  ) {}

  /** `table`: the RouteTable the destination is written in, for findings. */
  prepare(d: Destination, table: ResourceRef | undefined): void {
    if (d.kind === 'service') {
      const problem = unrenderableService(d, table, 'Envoy');
      if (problem) this.findings.push(problem);
      else this.serviceCluster(d);
      return;
    }
    const problem = payloadFinding(d, table);
    if (problem) this.findings.push(problem);
    this.lambdaCluster(d);
  }

  /** The target of a destination `prepare` has seen; undefined when it cannot be rendered. */
  target(d: Destination): ClusterTarget | undefined {
    if (d.kind === 'service') return unrenderableService(d, undefined, 'Envoy') ? undefined : { cluster: this.serviceCluster(d) };
    const cluster = this.lambdaCluster(d);
    if (this.options.form === 'upstream') return { cluster };
    return { cluster, perFilter: { [FILTER.awsLambda]: { '@type': TYPE.awsLambdaPerRoute, invoke_config: lambdaConfig(d) } } };
  }

  /** Sorted by name, so the output does not depend on the order routes asked for them; built as written. */
  *all(): Generator<Record<string, unknown>> {
    for (const name of [...this.clusters.keys()].sort()) {
      const source = this.clusters.get(name)!;
      if (source.kind === 'service') yield { name, type: 'STRICT_DNS', connect_timeout: '5s', lb_policy: 'ROUND_ROBIN', load_assignment: endpoints(name, source.host, source.port) };
      else if (source.kind === 'region') {
        yield {
          ...this.lambdaEndpointCluster(name, source.region),
          // the listener-level aws_lambda filter acts only on clusters that carry this boolean
          metadata: { filter_metadata: { 'com.amazonaws.lambda': { egress_gateway: true } } },
        };
      } else yield this.upstreamLambdaCluster(name, source);
    }
  }

  /** The name of a Lambda destination's cluster, registered on first use. */
  private lambdaCluster(d: LambdaDestination): string {
    if (this.options.form === 'listener') {
      const name = this.names.nameFor(flatConcat('lambda|', d.region), `lambda_${d.region}`);
      if (!this.clusters.has(name)) this.clusters.set(name, { kind: 'region', region: d.region });
      return name;
    }
    const key = flatConcat('lambda|', d.arn, '|', d.invokeRole?.arn ?? '', '|', String(payloadPassthrough(d)), '|', d.options.invocation);
    const name = this.names.nameFor(key, `lambda_${d.accountId}_${d.region}_${d.functionName}_${d.qualifier}`);
    if (!this.clusters.has(name)) this.clusters.set(name, d);
    return name;
  }

  private serviceCluster(d: ServiceDestination): string {
    const port = d.port as number;
    const host = `${d.name}.${d.namespace}.svc.cluster.local`;
    const name = this.names.nameFor(flatConcat('svc|', host, '|', String(port)), `svc_${d.namespace}_${d.name}_${port}`);
    if (!this.clusters.has(name)) this.clusters.set(name, { kind: 'service', host, port });
    return name;
  }

  private upstreamLambdaCluster(name: string, d: LambdaDestination): Record<string, unknown> {
    const signing: Record<string, unknown> = { '@type': TYPE.awsRequestSigning, service_name: 'lambda', region: d.region, host_rewrite: lambdaEndpoint(d.region) };
    if (d.invokeRole) {
      signing.credential_provider = {
        assume_role_credential_provider: { role_arn: d.invokeRole.arn, role_session_name: sessionName(d) },
        // without it Envoy ignores the assumed role and signs with its default credentials
        custom_credential_provider_chain: true,
      };
    }
    return {
      ...this.lambdaEndpointCluster(name, d.region),
      typed_extension_protocol_options: {
        [FILTER.httpProtocolOptions]: {
          '@type': TYPE.httpProtocolOptions,
          explicit_http_config: { http_protocol_options: {} },
          http_filters: [
            { name: FILTER.awsLambda, typed_config: { '@type': TYPE.awsLambda, ...lambdaConfig(d) } },
            { name: FILTER.awsRequestSigning, typed_config: signing },
            { name: FILTER.upstreamCodec, typed_config: { '@type': TYPE.upstreamCodec } },
          ],
        },
      },
    };
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
