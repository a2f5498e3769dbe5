import { resourceLabel, type Finding, type ResourceRef } from '../../diagnostics/finding';
import { lambdaEndpoint } from '../../model/arn';
import type { Destination, LambdaDestination, ServiceDestination } from '../../model/types';
import { NameRegistry, sanitizeName } from '../names';
import { unrenderableService } from '../unrenderable-service';
import { flatConcat } from '../../text/flat-concat';
import { lambdaConfig, payloadFinding, payloadPassthrough } from './lambda-config';
import { FILTER, TYPE } from './type-urls';
import { reusable, reusablePer } from '../reusable';
import { Template, type Filled } from '../template';
import { firstAndMore, NAMES_SHOWN } from '../../text/first-and-more';
import { serviceHost } from '../../model/service-host';
import { FunctionVariants } from '../function-variants';

export type EnvoyForm = 'upstream' | 'listener';

export interface ClusterOptions {
  readonly form: EnvoyForm;
  readonly caFile: string;
  /** bytes a connection may buffer: a whole Lambda request is buffered to be signed */
  readonly bufferLimit: number;
}

/**
 * Credentials given to the aws_lambda filter of a cluster that invokes as an assumed role, so that it
 * never signs as the gateway. The upstream aws_lambda filter signs first, with the default chain unless
 * `credentials` are set (aws_lambda/config.cc, AwsLambdaFilterFactory::getCredentialsProvider: "default
 * credentials providers chain will be ignored and only this credentials will be used"); aws_request_signing
 * then signs again as the assumed role. When AssumeRole fails, that second signer has no credentials and
 * returns early, leaving the headers as they are (common/aws/signer_base_impl.cc, SignerBaseImpl::sign:
 * "Sign exiting early - no credentials found"): the request goes out with this first signature, which names
 * a key that does not exist, and AWS refuses it (403 UnrecognizedClientException). Without these the first
 * signature is the gateway's own, and the function runs as the gateway (envoy issue 47519).
 */
export const NO_IDENTITY = reusable({ access_key_id: 'GWCTLNOIDENTITY00000', secret_access_key: 'gwctl-never-signs-as-the-gateway-when-a-role-is-set' } as const);

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
  // every name handed out is a key of `clusters` before the next is asked for
  private readonly names = new NameRegistry(sanitizeName, '_', this.clusters);
  // the upstream form's cluster of each function, invoke role and options (function-variants.ts)
  private readonly variants = new FunctionVariants<string>(payloadPassthrough);
  // Most of a Lambda cluster is the same for every function of a region or role: those parts are made
  // once and shared (reusable subtrees, written once).
  private readonly regionTls = reusablePer((region: string) => upstreamTls(lambdaEndpoint(region), this.options.caFile));
  private readonly regionEndpoints = reusablePer((region: string) => endpointList(lambdaEndpoint(region), 443));
  // the signing filter depends on the region and the role alone
  private readonly signingFilters = reusablePer(signingFilter, {
    keyOf: (d: LambdaDestination) => flatConcat(d.region, '|', d.invokeRole?.arn ?? '', '|', d.invokeRole ? sessionName(d) : ''),
  });
  // A Lambda cluster's text is the same for every function of a region, role and filter options but for
  // its name and its function's ARN: one template for each (template.ts), found by the signing filter
  // (the region and the role) and the options. Up to TEMPLATES_KEPT: past that (tens of thousands of
  // roles), clusters are written whole.
  private readonly templates = new Map<object, Array<LambdaTemplate | undefined>>();
  private templateCount = 0;

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
  *all(): Generator<Record<string, unknown> | Filled> {
    for (const name of [...this.clusters.keys()].sort()) {
      const source = this.clusters.get(name)!;
      if (source.kind === 'service') yield { name, type: 'STRICT_DNS', connect_timeout: '5s', lb_policy: 'ROUND_ROBIN', circuit_breakers: CIRCUIT_BREAKERS, load_assignment: endpoints(name, source.host, source.port) };
      else if (source.kind === 'region') {
        yield {
          ...this.lambdaEndpointCluster(name, source.region),
          // the listener-level aws_lambda filter acts only on clusters that carry this boolean
          metadata: { filter_metadata: { 'com.amazonaws.lambda': { egress_gateway: true } } },
        };
      } else {
        const template = this.lambdaTemplate(source);
        yield template ? template.fill(name, source.arn) : this.upstreamLambdaCluster(name, source);
      }
    }
  }

  private lambdaTemplate(d: LambdaDestination): LambdaTemplate | undefined {
    const signing = this.signingFilters(d);
    let byOptions = this.templates.get(signing);
    const index = this.variants.options(d);
    let template = byOptions?.[index];
    if (template === undefined && this.templateCount < TEMPLATES_KEPT) {
      if (!byOptions) this.templates.set(signing, (byOptions = []));
      byOptions[index] = template = new Template((name: string, arn: string) => this.upstreamLambdaCluster(name, d, arn));
      this.templateCount++;
    }
    return template;
  }

  /** Whether some cluster invokes a function (the upstream form's version needs). */
  get usesLambda(): boolean {
    for (const source of this.clusters.values()) if (source.kind !== 'service') return true;
    return false;
  }

  /** Whether some cluster invokes as an assumed role (its version needs, its findings). */
  get usesRoles(): boolean {
    for (const source of this.clusters.values()) if (source.kind === 'lambda' && source.invokeRole) return true;
    return false;
  }

  /** The invoke roles the clusters assume, sorted. */
  roles(): string[] {
    const roles = new Set<string>();
    for (const source of this.clusters.values()) if (source.kind === 'lambda' && source.invokeRole) roles.add(source.invokeRole.name);
    return [...roles].sort();
  }

  /** The name of a Lambda destination's cluster, registered on first use. */
  private lambdaCluster(d: LambdaDestination): string {
    if (this.options.form === 'listener') {
      // a cluster per function and qualifier, not per region: the two versions of a canary keep
      // statistics of their own (cluster.<name>.upstream_rq_*)
      const name = this.names.nameFor(flatConcat('lambda|', d.region, '|', d.arn), `lambda_${d.region}_${d.functionName}_${d.qualifier}`);
      if (!this.clusters.has(name)) this.clusters.set(name, { kind: 'region', region: d.region });
      return name;
    }
    const known = this.variants.get(d);
    if (known !== undefined) return known;
    const name = this.names.unique(`lambda_${d.accountId}_${d.region}_${d.functionName}_${d.qualifier}`);
    this.clusters.set(name, d);
    this.variants.add(d, name);
    return name;
  }

  private serviceCluster(d: ServiceDestination): string {
    const port = d.port as number;
    const host = serviceHost(d);
    const name = this.names.nameFor(flatConcat('svc|', host, '|', String(port)), `svc_${d.namespace}_${d.name}_${port}`);
    if (!this.clusters.has(name)) this.clusters.set(name, { kind: 'service', host, port });
    return name;
  }

  /** `arn`: the destination's, or a template's marker */
  private upstreamLambdaCluster(name: string, d: LambdaDestination, arn = d.arn): Record<string, unknown> {
    return {
      ...this.lambdaEndpointCluster(name, d.region),
      typed_extension_protocol_options: {
        [FILTER.httpProtocolOptions]: {
          '@type': TYPE.httpProtocolOptions,
          explicit_http_config: EXPLICIT_HTTP1,
          http_filters: [
            { name: FILTER.awsLambda, typed_config: { '@type': TYPE.awsLambda, ...lambdaConfig(d, arn), ...(d.invokeRole ? { credentials: NO_IDENTITY } : {}) } },
            this.signingFilters(d),
            UPSTREAM_CODEC,
          ],
        },
      },
    };
  }

  private lambdaEndpointCluster(name: string, region: string): Record<string, unknown> {
    return {
      name,
      type: 'LOGICAL_DNS',
      dns_lookup_family: 'V4_ONLY',
      connect_timeout: '5s',
      lb_policy: 'ROUND_ROBIN',
      per_connection_buffer_limit_bytes: this.options.bufferLimit,
      circuit_breakers: CIRCUIT_BREAKERS,
      load_assignment: { cluster_name: name, endpoints: this.regionEndpoints(region) },
      transport_socket: this.regionTls(region),
    };
  }
}

type LambdaTemplate = Template<[name: string, arn: string]>;
// templates of Lambda clusters kept: each holds under 1 KB of text of its own (the region's and the
// role's parts are shared), and the L benchmark, a role per team, needs about 8,000
const TEMPLATES_KEPT = 16_384;

function upstreamTls(host: string, caFile: string): Record<string, unknown> {
  return {
    name: FILTER.tls,
    typed_config: {
      '@type': TYPE.upstreamTls,
      // the regional endpoint itself: a wildcard SNI does not match AWS's certificate
      sni: host,
      common_tls_context: {
        validation_context: {
          trusted_ca: { filename: caFile },
          // sni and trusted_ca alone accept any name the CA signed: the certificate must name this
          // endpoint (config/core/v3 protocol and tls: match_typed_subject_alt_names)
          match_typed_subject_alt_names: [{ san_type: 'DNS', matcher: { exact: host } }],
        },
      },
    },
  };
}

/** The upstream aws_request_signing filter of a Lambda cluster: its region's endpoint, and its invoke role. */
function signingFilter(d: LambdaDestination): Record<string, unknown> {
  const signing: Record<string, unknown> = { '@type': TYPE.awsRequestSigning, service_name: 'lambda', region: d.region, host_rewrite: lambdaEndpoint(d.region) };
  if (d.invokeRole) {
    signing.credential_provider = {
      assume_role_credential_provider: { role_arn: d.invokeRole.arn, role_session_name: sessionName(d) },
      // without it Envoy ignores the assumed role and signs with its default credentials
      custom_credential_provider_chain: true,
    };
  }
  return { name: FILTER.awsRequestSigning, typed_config: signing };
}

const EXPLICIT_HTTP1 = reusable({ http_protocol_options: {} });
const UPSTREAM_CODEC = reusable({ name: FILTER.upstreamCodec, typed_config: { '@type': TYPE.upstreamCodec } });

/**
 * Envoy's defaults allow 3 retries in flight per cluster: under load the safe retries (a refused stream,
 * a throttled invocation) would be refused themselves. A retry budget lets a fifth of the active requests
 * be retries, and never fewer than ten.
 */
const CIRCUIT_BREAKERS = reusable({
  thresholds: [{ priority: 'DEFAULT', max_connections: 1024, max_pending_requests: 1024, max_requests: 1024, retry_budget: { budget_percent: { value: 20 }, min_retry_concurrency: 10 } }],
});

function endpoints(name: string, host: string, port: number) {
  return { cluster_name: name, endpoints: endpointList(host, port) };
}

const endpointList = (host: string, port: number) => [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: host, port_value: port } } } }] }];

/** STS allows 2 to 64 of [\w+=,.@-]. */
function sessionName(d: LambdaDestination): string {
  return `gwctl-${d.provider.namespace}-${d.provider.name}`.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
}

// the providers a finding names: the first few, then how many more
export const describeProviders = (refs: ReadonlyArray<{ kind: string; namespace: string; name: string }>) =>
  firstAndMore(refs.map((r) => resourceLabel(r)), NAMES_SHOWN, ', ');
