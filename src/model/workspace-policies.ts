import type { PolicyNode } from './types';
import type { Workspaces } from './workspaces';

/**
 * A RetryTimeoutPolicy or JWTPolicy with no selector applies to every route of its workspace ("If empty,
 * the policy applies to all routes in the workspace": solo-io/solo-apis api/gloo.solo.io/policy/v2/
 * resilience/retry_timeout_policy.proto, `apply_to_routes`; security/jwt_policy.proto; not every policy:
 * an ExtAuthPolicy's empty selection is no route at all, classify.ts, EMPTY_SELECTION, marks which): a
 * selector of no label in the workspace that owns the policy's namespace, which the model reads as it
 * reads any selector (policy-selection.ts: a route is in the workspace when a table of its chain is).
 * Without a Workspace in the input everything is one workspace, and such a policy selects every route.
 * One whose namespace no workspace owns, or whose owner does not read it, is no policy Gloo reads
 * (GW6005, GW6009 say so of tables): its selection is left undecided, as before.
 */
export function withWorkspaceSelection(policies: readonly PolicyNode[], workspaces: Workspaces): readonly PolicyNode[] {
  if (!policies.some((p) => p.workspaceWide)) return policies;
  return policies.map((p) => {
    if (!p.workspaceWide || p.routeSelection) return p;
    if (!workspaces.enabled) return { ...p, routeSelection: { selectors: [{ labels: {} }], source: p.workspaceWide.source } };
    const owner = workspaces.of(p.ref.namespace);
    if (owner === null || workspaces.configOff(p.ref.namespace)) return p;
    return { ...p, routeSelection: { selectors: [{ labels: {}, workspace: owner }], source: p.workspaceWide.source } };
  });
}
