import { finding, type Finding } from '../diagnostics/finding';
import type { ForwardAction, LambdaDestination, Model, ProviderNode, RouteNode } from '../model/types';
import { innerMap, listUnder } from '../data/under';
import { subsetText } from '../model/destination-text';
import { dnsSuffixOf, partitionOf } from '../model/arn';
import { unrenderedPolicies } from './unrendered-policies';

/**
 * What the input asks of the gateway that no target's output can carry, said once per render: the Gloo
 * Platform policies (unrendered-policies.ts), a CloudProvider's `stsEndpoint`, a destination's `subset`.
 */
export function leftBehind(model: Model, target: string): Finding[] {
  return [...unrenderedPolicies(model, target), ...unrenderedStsEndpoints(model, target), ...unrenderedSubsets(model, target)];
}

/**
 * GW7019 for each Service destination that names a `subset` (the labels of the endpoints it is routed
 * to), once however many hosts and listeners serve its route. No target selects a Service's endpoints
 * by label: Envoy's cluster for a Service resolves its DNS name, a Gloo Edge `kube` destination and a
 * Gateway API backendRef name the Service. The output sends the route's requests to every endpoint of
 * the Service, the versions the subset leaves out among them (the bookinfo example routes user jason to
 * version v2 only). Rendered as written otherwise, and said.
 */
export function unrenderedSubsets(model: Model, target: string): Finding[] {
  const findings: Finding[] = [];
  // each such route once, however many hosts serve it: only routes with a subset are remembered
  const said = new Set<RouteNode>();
  for (const r of forwardingRoutes(model)) {
    if (!r.action.destinations.some((d) => d.kind === 'service' && d.subset) || said.has(r)) continue;
    said.add(r);
    for (const d of r.action.destinations) {
      if (d.kind !== 'service' || !d.subset) continue;
      findings.push(finding('GW7019', { route: r.name, service: `${d.namespace}/${d.name}`, subset: subsetText(d.subset), target }, d.source, { resource: r.chain[r.chain.length - 1]!.table }));
    }
  }
  return findings;
}

/**
 * Each forwarding route the model serves, as often as hosts and listeners serve it (one route node serves
 * every host and listener of its table): what is gathered from them is a set, and a set of the routes
 * themselves, made three times per render, was 28 MB more at the peak of render envoy of corpus L (its
 * allocations outran the collector's marking as the emitter began).
 */
function* forwardingRoutes(model: Model): Generator<RouteNode & { readonly action: ForwardAction }> {
  for (const l of model.listeners) {
    for (const h of l.hosts) {
      for (const r of h.routes) if (r.action.kind === 'forward') yield r as RouteNode & { readonly action: ForwardAction };
    }
  }
}

/**
 * GW7018 for each CloudProvider a rendered route uses whose `stsEndpoint` ("STS endpoint to reach out to
 * for AWS credentials", the CloudProvider CRD) is not the one the gateway finds itself. No target has a
 * field for it: an Envoy cluster's aws_request_signing takes a role to assume and derives STS from the
 * region (source/extensions/common/aws/utility.cc, `getSTSEndpoint`: `sts.<region>.amazonaws.com`, `.cn`
 * in China), kgateway renders the same filters, and neither a Gloo Edge Upstream's `aws` nor a kgateway
 * Backend's holds an STS address (their CRDs). A provider that names the regional endpoint itself loses
 * nothing, as does one that names the global endpoint. Before, the field was read and dropped without a
 * word, and a gateway in a network that reaches STS only at the address given (a VPC endpoint without
 * private DNS) got no credentials.
 */
export function unrenderedStsEndpoints(model: Model, target: string): Finding[] {
  // the providers it may be said of, by namespace and name: looked up for every destination, allocating nothing
  const named = new Map<string, Map<string, ProviderNode>>();
  for (const p of model.providers) if (p.stsEndpoint !== undefined && !isRegionalSts(p)) innerMap(named, p.ref.namespace).set(p.ref.name, p);
  if (named.size === 0) return [];
  const used = new Set<ProviderNode>();
  for (const r of forwardingRoutes(model)) {
    for (const d of r.action.destinations) {
      const p = d.kind === 'lambda' ? named.get(d.provider.namespace)?.get(d.provider.name) : undefined;
      if (p) used.add(p);
    }
  }
  return model.providers
    .filter((p) => used.has(p))
    .map((p) => finding('GW7018', { provider: `${p.ref.namespace}/${p.ref.name}`, endpoint: p.stsEndpoint!, target, derived: regionalSts(p.region) }, p.stsSource ?? p.source, { resource: p.ref }));
}

// Envoy's getSTSEndpoint, by the region's name: China's two regions alone get `.com.cn`, whatever the
// partition another region's name is of (a region AWS has not, `cn-nrth-1`, gets `.com`)
const ENVOY_CHINA = new Set(['cn-north-1', 'cn-northwest-1']);
const regionalSts = (region: string) => (ENVOY_CHINA.has(region) ? `sts.${region}.amazonaws.com.cn` : `sts.${region}.amazonaws.com`);

/**
 * GW7021 for each CloudProvider a rendered route assumes an invoke role of, for functions in a region whose
 * partition's STS is not where Envoy looks: Envoy's credential providers call `getSTSEndpoint(region)` for
 * the region a cluster signs for, the function's (source/extensions/common/aws/utility.cc, and
 * credential_provider_chains.cc for the assume-role provider), which is `sts.<region>.amazonaws.com` but
 * in China, while STS is under the partition's domain (`sts.eusc-de-east-1.amazonaws.eu` in Europe's
 * sovereign cloud, the ISO clouds' own). The Envoy output and kgateway's, which uses Envoy's filters, then
 * get no credentials to sign with. Not said where the provider names an `stsEndpoint` (GW7018 says what
 * the output makes of it).
 */
export function stsOutsidePartition(model: Model, target: string): Finding[] {
  const partitionSts = (region: string) => `sts.${region}.${dnsSuffixOf(region)}`;
  // asked of every destination a route holds, and the answer is its region's: made once per region
  const elsewhere = new Map<string, boolean>();
  const outside = (region: string) => elsewhere.get(region) ?? elsewhere.set(region, regionalSts(region) !== partitionSts(region)).get(region)!;
  const regions = invokedRegions(model, (d) => d.invokeRole !== undefined && outside(d.region));
  return model.providers
    .filter((p) => p.stsEndpoint === undefined)
    .flatMap((p) =>
      (regions.get(p.ref.namespace)?.get(p.ref.name) ?? []).map((region) =>
        finding('GW7021', { provider: `${p.ref.namespace}/${p.ref.name}`, region, partition: partitionOf(region), sts: partitionSts(region), target, derived: regionalSts(region) }, p.source, { resource: p.ref }),
      ),
    );
}

/**
 * The regions of the Lambda destinations the rendered routes hold that `which` picks, by provider
 * (namespace, then name: nothing is allocated for a destination but the first of its region), each once.
 */
function invokedRegions(model: Model, which: (d: LambdaDestination) => boolean): Map<string, Map<string, string[]>> {
  const regions = new Map<string, Map<string, string[]>>();
  for (const r of forwardingRoutes(model)) {
    for (const d of r.action.destinations) {
      if (d.kind !== 'lambda' || !which(d)) continue;
      const list = listUnder(innerMap(regions, d.provider.namespace), d.provider.name);
      if (!list.includes(d.region)) list.push(d.region);
    }
  }
  return regions;
}

/**
 * Whether the endpoint given is one whose credentials the gateway gets anyway: the regional endpoint it
 * derives, or the global `sts.amazonaws.com` every published Gloo example names, whose session
 * credentials are the same to Lambda (scheme, port 443, a trailing `/` and case aside).
 */
function isRegionalSts(p: ProviderNode): boolean {
  const host = p.stsEndpoint!.trim().toLowerCase().replace(/^https:\/\//, '').replace(/\/$/, '').replace(/:443$/, '');
  return host === regionalSts(p.region) || (host === 'sts.amazonaws.com' && partitionOf(p.region) === 'aws');
}

/**
 * GW7022 for each CloudProvider a rendered route invokes a function of, in a region whose partition's
 * Lambda endpoint is not under `amazonaws.com`, on the targets that make the endpoint themselves from the
 * region, always under `amazonaws.com`: Gloo Edge (solo-io/gloo, projects/gloo/pkg/plugins/aws/plugin.go,
 * getLambdaHostname: `lambda.%s.amazonaws.com`) and kgateway's Backend (plugins/backend/aws.go, with no
 * partition in its ARN either). China's functions answer at `amazonaws.com.cn`, the sovereign cloud's at
 * `amazonaws.eu`: the output's requests for them reach no Lambda. The Envoy output names the endpoint
 * itself (model/arn.ts, lambdaEndpoint).
 */
export function lambdaOutsidePartition(model: Model, target: string, maker: string): Finding[] {
  // an ARN may name another region than the provider's: each region of its functions
  const regions = invokedRegions(model, (d) => dnsSuffixOf(d.region) !== 'amazonaws.com');
  return model.providers.flatMap((p) =>
    (regions.get(p.ref.namespace)?.get(p.ref.name) ?? []).map((region) =>
      finding('GW7022', { provider: `${p.ref.namespace}/${p.ref.name}`, region, partition: partitionOf(region), target, maker, endpoint: `lambda.${region}.${dnsSuffixOf(region)}`, made: `lambda.${region}.amazonaws.com` }, p.source, { resource: p.ref }),
    ),
  );
}
