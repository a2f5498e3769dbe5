import { accountOf } from '../../model/arn';
import { matchesOnListener } from '../../model/matchers';
import type { InvokeRole, Model } from '../../model/types';

/** What one identity invokes: an invoke role (or the gateway's own credentials), and the exact ARNs. */
export interface InvokeNeed {
  /** the invoke role's ARN; undefined: the gateway's own credentials (no role is assumed) */
  readonly roleArn: string | undefined;
  readonly roleName: string | undefined;
  /** the role as the manifests name it (for findings); undefined with the gateway's own credentials */
  readonly role: InvokeRole | undefined;
  /** the account the role lives in, where its policies are created */
  readonly accountId: string | undefined;
  /** every function ARN its routes invoke, qualified exactly as invoked ($LATEST unqualified), sorted */
  readonly functionArns: readonly string[];
  /** the routes that invoke them, `listener host route`, sorted */
  readonly routes: readonly string[];
  /** the policies whose destinations it invokes (a mirror, a JWT provider's keys), `Kind namespace/name`, sorted */
  readonly policies: readonly string[];
}

/**
 * Per invoke role, the function ARNs the routes invoke as it, read from the flattened routes (after
 * delegation and allowedRoutes filters) on the listeners where a request can match them, and those the
 * policies' destinations name: least privilege is what the gateway will actually call. Lambda authorizes
 * an invocation against the ARN it is called by, so an alias or version needs its qualified ARN and
 * $LATEST the unqualified one; no wildcard is ever emitted.
 */
export function invokeNeeds(model: Model): InvokeNeed[] {
  const byRole = new Map<string, { role?: InvokeRole; arns: Set<string>; routes: Set<string>; policies: Set<string> }>();
  const needOf = (role: InvokeRole | undefined) => {
    const k = role?.arn ?? '';
    let need = byRole.get(k);
    if (!need) byRole.set(k, (need = { ...(role ? { role } : {}), arns: new Set(), routes: new Set(), policies: new Set() }));
    return need;
  };
  for (const listener of model.listeners) {
    for (const host of listener.hosts) {
      for (const route of host.routes) {
        // a route whose every matcher names another port matches no request on this listener (GW4043
        // when no listener of its has the port): what it would invoke is not invoked from here
        if (route.action.kind !== 'forward' || !matchesOnListener(route, listener.port)) continue;
        for (const d of route.action.destinations) {
          if (d.kind !== 'lambda') continue;
          const need = needOf(d.invokeRole);
          need.arns.add(d.arn);
          need.routes.add(`${listener.name} ${host.host} ${route.name}`);
        }
      }
    }
  }
  // Gloo Platform's gateway invokes a policy's function too, as its provider's invoke role: a MirrorPolicy's
  // mirror, a JWT provider's keys (model/policy-destinations.ts); an output that leaves the policy behind
  // (GW7xxx) does not call it, but the role is the CloudProvider's, which Gloo's gateway assumes
  for (const policy of model.policies ?? []) {
    for (const d of policy.lambdas ?? []) {
      const need = needOf(d.invokeRole);
      need.arns.add(d.arn);
      need.policies.add(`${policy.ref.kind} ${policy.ref.namespace}/${policy.ref.name}`);
    }
  }
  return [...byRole.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, n]) => ({
      roleArn: n.role?.arn,
      roleName: n.role?.name,
      role: n.role,
      accountId: n.role && accountOf(n.role.arn),
      functionArns: [...n.arns].sort(),
      routes: [...n.routes].sort(),
      policies: [...n.policies].sort(),
    }));
}
