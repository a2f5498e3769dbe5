import type { ResourceRef } from '../../diagnostics/finding';
import type { LambdaDestination, Model, ProviderNode } from '../../model/types';
import { kubernetesNames } from '../names';
import { reusable } from '../reusable';
import { flatConcat } from '../../text/flat-concat';

export interface UpstreamRef {
  readonly name: string;
  readonly namespace: string;
}

interface UpstreamSpec {
  readonly name: string;
  readonly provider: ResourceRef;
  readonly region: string;
  readonly accountId: string;
  readonly roleArn?: string;
  /** set when the credentials may belong to another account than the functions: Gloo then invokes by ARN */
  readonly awsAccountId?: string;
  readonly functions: Map<string, { logicalName: string; lambdaFunctionName: string; qualifier: string }>;
  /** what every route to it writes: one object, written once */
  readonly ref: UpstreamRef;
}

/**
 * Gloo Edge Upstreams: one per CloudProvider (a Gloo Upstream holds many functions), split only where one
 * Upstream cannot express it: a different invoke role (a RouteTable's default-role annotation), or
 * functions named by ARN in another region or account (Gloo invokes every function of an Upstream in its
 * region, and in its awsAccountId or the credentials' account). Every function the provider declares is listed with an
 * explicit logicalName (Gloo never derives one), plus those the routes use that only discovery declares,
 * so that every route's logicalName exists on its Upstream.
 */
export class UpstreamSet {
  private readonly specs = new Map<string, UpstreamSpec>();
  private readonly names = kubernetesNames();
  private readonly providers: ReadonlyMap<string, ProviderNode>;
  // the Upstream found last, and what it was found for: the routes of a table mostly reach one
  // provider, and each asks twice (prepare, then write), so most lookups need no key string at all
  private last: { readonly d: LambdaDestination; readonly spec: UpstreamSpec } | undefined;

  constructor(
    model: Model,
    private readonly namespace: string,
  ) {
    this.providers = new Map(model.providers.map((p) => [flatConcat(p.ref.namespace, '/', p.ref.name), p]));
  }

  /** The Upstream for a destination, and the logicalName the route must use. */
  upstreamFor(d: LambdaDestination): UpstreamRef {
    const last = this.last;
    if (last !== undefined && sameUpstream(last.d, d)) {
      return listed(last.spec, d);
    }
    const roleArn = d.invokeRole?.arn;
    const provider = this.providers.get(`${d.provider.namespace}/${d.provider.name}`);
    const foreign = provider !== undefined && d.accountId !== provider.accountId;
    // flat: a map key built as a template literal keeps every piece (see model/resource-index.ts)
    const key = flatConcat(d.provider.namespace, '/', d.provider.name, '|', roleArn ?? '', '|', d.accountId, '|', d.region);
    let spec = this.specs.get(key);
    if (!spec) {
      // named for what sets it apart from the provider's own Upstream: a role, a region, an account
      const elsewhere = provider !== undefined && d.region !== provider.region;
      const suffix = [d.invokeRole?.from === 'annotation' ? `as-${d.invokeRole.name}` : '', elsewhere ? d.region : '', foreign ? d.accountId : ''].filter(Boolean).join('-');
      const name = this.names.nameFor(key, `${d.provider.namespace}-${d.provider.name}${suffix ? '-' + suffix : ''}`);
      spec = {
        name,
        provider: d.provider,
        region: d.region,
        accountId: d.accountId,
        ...(roleArn ? { roleArn } : {}),
        ...(!roleArn || foreign ? { awsAccountId: d.accountId } : {}),
        functions: new Map(),
        ref: reusable({ name, namespace: this.namespace }),
      };
      // only the functions of this Upstream's account and region: Gloo invokes every function of an
      // Upstream in its awsAccountId (or the credentials' account), so another account's function
      // listed here would be invoked in the wrong account
      if (provider && !foreign) {
        for (const f of provider.functions) {
          if (f.accountId === d.accountId && f.region === d.region) spec.functions.set(f.logicalName, { logicalName: f.logicalName, lambdaFunctionName: f.functionName, qualifier: f.qualifier });
        }
      }
      this.specs.set(key, spec);
    }
    this.last = { d, spec };
    return listed(spec, d);
  }

  /** The first Upstream, by name, that names an invoke role: what GW7011 points at. */
  firstWithRole(): { readonly name: string; readonly roleArn: string; readonly provider: ResourceRef } | undefined {
    const withRole = [...this.specs.values()].filter((s) => s.roleArn !== undefined).sort((a, b) => (a.name < b.name ? -1 : 1))[0];
    return withRole && { name: withRole.name, roleArn: withRole.roleArn!, provider: withRole.provider };
  }

  /** The Upstream resources, sorted by name. */
  resources(secret: { namespace: string; name: string } | undefined): Array<{ name: string; value: Record<string, unknown> }> {
    return [...this.specs.values()]
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((s) => ({
        name: s.name,
        value: {
          apiVersion: 'gloo.solo.io/v1',
          kind: 'Upstream',
          metadata: {
            name: s.name,
            namespace: this.namespace,
            labels: {
              // Gloo's function discovery would replace lambdaFunctions wholesale and drop these entries
              'discovery.solo.io/function_discovery': 'disabled',
              'gwctl.dev/cloud-provider': `${s.provider.namespace}.${s.provider.name}`,
            },
          },
          spec: {
            aws: {
              region: s.region,
              ...(s.roleArn ? { roleArn: s.roleArn } : {}),
              ...(s.awsAccountId ? { awsAccountId: s.awsAccountId } : {}),
              ...(secret ? { secretRef: { name: secret.name, namespace: secret.namespace } } : {}),
              lambdaFunctions: [...s.functions.values()].sort((a, b) => (a.logicalName < b.logicalName ? -1 : 1)),
            },
          },
        },
      }));
  }
}

/** Whether two destinations go to the same Upstream: the key of `specs`, compared part by part. */
const sameUpstream = (a: LambdaDestination, b: LambdaDestination) =>
  a.provider.namespace === b.provider.namespace && a.provider.name === b.provider.name && a.invokeRole?.arn === b.invokeRole?.arn && a.accountId === b.accountId && a.region === b.region;

/** The Upstream's reference, its function listed (once: a route reaches it twice). */
function listed(spec: UpstreamSpec, d: LambdaDestination): UpstreamRef {
  if (!spec.functions.has(d.logicalName)) spec.functions.set(d.logicalName, { logicalName: d.logicalName, lambdaFunctionName: d.functionName, qualifier: d.qualifier });
  return spec.ref;
}
