import { asArray, isObject, str, stringMap } from '../data/values';
import { hasLabels } from './has-labels';
import { GATEWAY_PICK_BUDGET } from './policy-selection';
import type { ResourceIndex } from './resource-index';
import type { ListenerNode, PolicyNode, WorkloadPick } from './types';
import type { Workspaces } from './workspaces';

/** A VirtualGateway's proxies as its `workloads` select them: null where it names none (all gateway workloads). */
export interface GatewayWorkloads {
  readonly namespace: string;
  readonly selectors: ReadonlyArray<{ readonly labels: Readonly<Record<string, string>>; readonly namespace?: string; readonly cluster?: string }> | null;
}

/**
 * Each VirtualGateway's `workloads`, read before the model releases the resources' data. "If this field
 * is nil, it is applied to all gateway workloads. If one of the selectors is nil, that selector selects
 * nothing. If one of the selectors is `{}`, it selects everything", and `selector.labels` is "the
 * gateway service's `spec.selector` label" (the 2.14 VirtualGateway CRD, `spec.workloads`): every proxy
 * a selector selects carries its labels. A VM selector is no gateway proxy here.
 */
export function readGatewayWorkloads(index: ResourceIndex): ReadonlyMap<string, GatewayWorkloads> {
  const out = new Map<string, GatewayWorkloads>();
  for (const vg of index.of('VirtualGateway')) {
    const written = vg.spec.workloads;
    // an empty list is no list to protobuf (proto3 repeated fields): every gateway workload, as nil is
    const selectors = Array.isArray(written) && written.length > 0
      ? asArray(written).flatMap((w) => {
          if (!isObject(w) || !isObject(w.selector) || (w.kind !== undefined && w.kind !== null && w.kind !== 'KUBE' && w.kind !== 0)) return [];
          const namespace = str(w.selector.namespace) || undefined;
          const cluster = str(w.selector.cluster) || undefined;
          return [{ labels: stringMap(w.selector.labels), ...(namespace ? { namespace } : {}), ...(cluster ? { cluster } : {}) }];
        })
      : null;
    out.set(key(vg.ref.namespace, vg.ref.name), { namespace: vg.ref.namespace, selectors });
  }
  return out;
}

/**
 * A security policy whose `applyToWorkloads` selects the proxies of a gateway the listeners serve is
 * enforced at that gateway: it is `security` as a policy of routes or listeners is, and an output that
 * replaces the gateway serves its routes without it, to any caller (GW7017); it applies to every route
 * that gateway serves (`gatewayProxies`, which `routes --request` reads). gwctl decides, where it can
 * tell for certain: a pick selects a gateway's proxies when every label it asks is one the gateway's
 * selector asks with the same value, and the namespace and cluster it names, if any, are the ones the
 * gateway's selector names; a pick of no label and no namespace or cluster selects every workload
 * ("if an empty selector is provided in the list, will apply to all workloads", security/
 * access_policy.proto), the gateway's too. Gloo selects workloads "available in the parent object's
 * workspace": the gateway's proxies are in the workspace of the namespace its selector names, or of the
 * VirtualGateway's own ("the gateway workloads that implement this VirtualGateway in the same
 * workspace"), which must be the policy's. Anything else (other labels, a workspace, a name, an imported
 * workspace) stays as before: enforced at the workloads (GW7016). So does a policy past `budget` gateway
 * and pick tests in all, which a crafted input of many policies and gateways would otherwise multiply
 * (and keep the names of) as listener-selection.ts would.
 */
export function withGatewayWorkloads(policies: readonly PolicyNode[], gateways: ReadonlyMap<string, GatewayWorkloads>, listeners: readonly ListenerNode[], workspaces: Workspaces, budget = GATEWAY_PICK_BUDGET): readonly PolicyNode[] {
  // (a policy of workloads is never the gateway's already: classify gives it no selector of routes or listeners)
  if (!policies.some((p) => p.workloadSelection)) return policies;
  const served = new Map<string, GatewayWorkloads>();
  for (const l of listeners) {
    const gateway = l.gateway && gateways.get(key(l.gateway.namespace, l.gateway.name));
    if (gateway) served.set(key(l.gateway!.namespace, l.gateway!.name), gateway);
  }
  return policies.map((p) => {
    if (!p.workloadSelection) return p;
    if ((budget -= served.size * p.workloadSelection.selectors.length) < 0) return p;
    const own = workspaces.enabled ? workspaces.of(p.ref.namespace) : null;
    const selected = [...served].filter(([, gateway]) => p.workloadSelection!.selectors.some((pick) => selectsProxies(pick, gateway, own, workspaces))).map(([name]) => name);
    if (selected.length === 0) return p;
    const names = selected.length === 1 ? `VirtualGateway ${selected[0]}` : `VirtualGateways ${selected.join(', ')}`;
    return { ...p, security: true, appliesTo: `the proxies of ${names} and the other workloads it selects`, gatewayProxies: selected };
  });
}

function selectsProxies(pick: WorkloadPick, gateway: GatewayWorkloads, own: string | null, workspaces: Workspaces): boolean {
  if (pick.open) return false;
  const sameWorkspace = (namespace: string) => !workspaces.enabled || (own !== null && workspaces.of(namespace) === own);
  if (gateway.selectors === null) return Object.keys(pick.labels).length === 0 && pick.namespace === undefined && pick.cluster === undefined && sameWorkspace(gateway.namespace);
  return gateway.selectors.some(
    (w) =>
      hasLabels(w.labels, pick.labels) &&
      (pick.namespace === undefined || pick.namespace === w.namespace) &&
      (pick.cluster === undefined || pick.cluster === w.cluster) &&
      sameWorkspace(w.namespace ?? gateway.namespace),
  );
}

const key = (namespace: string, name: string) => `${namespace}/${name}`;
