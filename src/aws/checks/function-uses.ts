import type { ResourceRef } from '../../diagnostics/finding';
import { matchesOnListener } from '../../model/matchers';
import type { InvokeRole, LambdaDestination, Model, RouteNode } from '../../model/types';
import { nodeAnchor, type Anchor } from '../../source/anchor';

/** A function the manifests name, as `validate --aws` checks it: its place, and who invokes it. */
export interface FunctionUse {
  /** the resource that names the function: its CloudResources, the RouteTable of a route to it, or a policy whose destination it is */
  readonly resource: ResourceRef;
  readonly arn: string;
  readonly functionName: string;
  readonly qualifier: string;
  readonly accountId: string;
  readonly region: string;
  readonly at: Anchor;
  /** the fields a missing function or qualifier is reported at, so an annotation lands on the word at fault */
  readonly nameAt: Anchor;
  readonly qualifierAt: Anchor;
  /** the invoke roles its routes and policies invoke it as */
  readonly roles: Map<string, InvokeRole>;
  /** a route invokes it with no invoke role: on the gateway's own credentials */
  readonly gatewayInvoked: boolean;
  /**
   * the routes a request waits on it by (a synchronous invocation, on a listener that has the route's
   * port), each once, with the destination that names it and its table; none where every route queues
   * its calls (ASYNC), whose answer does not wait for the function to end
   */
  readonly awaitedBy: ReadonlyArray<{ readonly route: RouteNode; readonly at: Anchor; readonly resource: ResourceRef }>;
  /** a version the alias named sends part of its invocations to (RoutingConfig), judged as the alias's own is */
  readonly via?: { readonly alias: string; readonly weight: number };
}

/** A field under a node anchor (a field that is not written is located at the nearest node that is). */
export const fieldOf = (at: Anchor, field: string): Anchor => (at.kind === 'node' ? nodeAnchor(at.doc, `${at.pointer}/${field}`) : at);
export const key = (p: { ref: { namespace: string; name: string } }) => `${p.ref.namespace}/${p.ref.name}`;
export const baseArn = (u: FunctionUse) => u.arn.split(':').slice(0, 7).join(':');
export const describe = (u: FunctionUse) =>
  u.via
    ? `version ${u.qualifier} of function ${u.functionName}, to which alias ${u.via.alias} sends ${share(u.via.weight)} of its invocations,`
    : u.qualifier === '$LATEST'
      ? `function ${u.functionName}`
      : `${isVersion(u.qualifier) ? 'version' : 'alias'} ${u.qualifier} of function ${u.functionName}`;

/** A published version's qualifier (`7`), not an alias's name or `$LATEST`. */
export const isVersion = (qualifier: string) => /^\d+$/.test(qualifier);

/** A weight of 0 to 1 as a percentage, as precise as Lambda takes it (`10%`, `2.5%`). */
const share = (weight: number) => `${Number((weight * 100).toFixed(4))}%`;

type Use = Omit<FunctionUse, 'roles' | 'gatewayInvoked' | 'awaitedBy'>;
/** A use as it is gathered: its flag set and its routes added as the routes are read. */
type Building = { -readonly [K in keyof FunctionUse]: FunctionUse[K] } & { awaitedBy: Array<FunctionUse['awaitedBy'][number]> };

/**
 * Per provider, every function the manifests name (declared, routed to, or a policy's destination), once,
 * with the roles its routes and policies invoke it as, and whether one invokes it on the gateway's own
 * credentials.
 */
export function functionUses(model: Model): Map<string, FunctionUse[]> {
  const byProvider = new Map<string, Map<string, Building>>();
  const add = (provider: string, f: Use, invoked: { readonly as: InvokeRole | undefined; readonly awaitedBy: RouteNode | undefined } | undefined) => {
    let uses = byProvider.get(provider);
    if (!uses) byProvider.set(provider, (uses = new Map()));
    let use = uses.get(f.arn);
    if (!use) uses.set(f.arn, (use = { ...f, roles: new Map(), gatewayInvoked: false, awaitedBy: [] }));
    if (invoked?.as) use.roles.set(invoked.as.name, invoked.as);
    else if (invoked) use.gatewayInvoked = true;
    // a route of two destinations to one function waits on it once
    const route = invoked?.awaitedBy;
    if (route && use.awaitedBy.at(-1)?.route !== route) use.awaitedBy.push({ route, at: f.at, resource: f.resource });
  };
  for (const p of model.providers) {
    for (const f of p.functions) {
      const [, , , region, accountId] = f.arn.split(':');
      // a declared function must exist; whether a role may invoke it matters only when a route does
      // (what `render --target iam` grants is what the routes invoke, and no more)
      const nameAt = fieldOf(f.source, 'lambdaFunctionName');
      const qualifierAt = f.qualifierWritten ? fieldOf(f.source, 'qualifier') : nameAt;
      add(key(p), { resource: f.declaredBy, arn: f.arn, functionName: f.functionName, qualifier: f.qualifier, accountId: accountId!, region: region!, at: f.source, nameAt, qualifierAt }, undefined);
    }
  }
  for (const l of model.listeners) {
    for (const h of l.hosts) {
      for (const r of h.routes) {
        if (r.action.kind !== 'forward') continue;
        // a route whose every matcher names another port is invoked by no request on this listener: its
        // functions must exist, but their roles need not invoke them (render --target iam grants nothing)
        const invoked = matchesOnListener(r, l.port);
        for (const d of r.action.destinations.filter((x): x is LambdaDestination => x.kind === 'lambda')) {
          add(`${d.provider.namespace}/${d.provider.name}`, destinationUse(d, r.chain[r.chain.length - 1]!.table), invoked ? { as: d.invokeRole, awaitedBy: d.options.invocation === 'sync' ? r : undefined } : undefined);
        }
      }
    }
  }
  // a policy's function (a mirror, a JWT provider's keys) is invoked as its provider's role, as a route's,
  // and no request waits on it for its answer: a mirror's is dropped, keys are fetched apart from requests
  for (const policy of model.policies ?? []) {
    for (const d of policy.lambdas ?? []) add(`${d.provider.namespace}/${d.provider.name}`, destinationUse(d, policy.ref), { as: d.invokeRole, awaitedBy: undefined });
  }
  return new Map([...byProvider].map(([k, v]) => [k, [...v.values()]]));
}

/**
 * A route's or a policy's Lambda destination as a use, named by `resource`. Only 2.3+ destinations name a
 * function undeclared (`awsLambda.function`, where a missing one is reported); 2.2 ones are declared, and
 * added as their CloudResources' entries.
 */
function destinationUse(d: LambdaDestination, resource: ResourceRef): Use {
  const nameAt = fieldOf(d.source, 'awsLambda/function');
  const qualifierAt = d.qualifier === '$LATEST' ? nameAt : fieldOf(d.source, 'awsLambda/qualifier');
  return { resource, arn: d.arn, functionName: d.functionName, qualifier: d.qualifier, accountId: d.accountId, region: d.region, at: d.source, nameAt, qualifierAt };
}
