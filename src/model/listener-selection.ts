import { firstAndMore, NAMES_SHOWN } from '../text/first-and-more';
import { hasLabels } from './has-labels';
import type { Reach } from './destination-selection';
import { GATEWAY_PICK_BUDGET } from './policy-selection';
import type { ResourceIndex } from './resource-index';
import type { ListenerNode, ListenerPick, PolicyNode } from './types';
import type { Workspaces } from './workspaces';

/** Each VirtualGateway's labels, by `namespace/name`: what a ListenerSelector's `virtualGateway.labels` asks of it. */
export function readGatewayLabels(index: ResourceIndex): ReadonlyMap<string, Readonly<Record<string, string>>> {
  return new Map(index.of('VirtualGateway').map((vg) => [`${vg.ref.namespace}/${vg.ref.name}`, vg.labels]));
}

/**
 * Which listeners the output serves a policy of `applyToListeners` selects. A ListenerSelector is a
 * VirtualGateway's ObjectSelector (labels, name, namespace, cluster, workspace) and a PortSelector
 * (solo-io/solo-apis api/gloo.solo.io/common/v2/selectors.proto), and a VirtualGateway, its labels and
 * its listeners' ports are all in the input: gwctl compares them. A name, namespace, label or port
 * number the listener's gateway does not have is no selection; "If omitted, Gloo selects matching
 * objects across all namespaces available in the parent object's workspace", so a pick that names no
 * namespace selects a gateway of the policy's own workspace (or any, without Workspaces in the input)
 * and may select one of another, imported. A cluster, a workspace or a port by name is not compared:
 * the pick may select the listener. A policy that selects none of the served listeners, nor may, is
 * applied by Gloo to listeners no output replaces: it leaves nothing behind (`selectsNoRoute`). Where
 * the listeners stopped before all were served (GW4044) nothing is decided, nor past `budget` listener
 * and pick tests in all: a crafted input of many such policies and listeners would test, and keep the
 * answers of, their product; the policies not yet decided then stay as they were (undecided).
 */
export function withListenerSelection(
  policies: readonly PolicyNode[],
  labels: ReadonlyMap<string, Readonly<Record<string, string>>>,
  listeners: readonly ListenerNode[],
  workspaces: Workspaces,
  complete: boolean,
  budget = GATEWAY_PICK_BUDGET,
): readonly PolicyNode[] {
  if (!policies.some((p) => p.listenerSelection)) return policies;
  const served = listeners.flatMap((l) => (l.gateway ? [{ name: l.name, port: l.port, gateway: { ...l.gateway, labels: labels.get(`${l.gateway.namespace}/${l.gateway.name}`) ?? {} } }] : []));
  return policies.map((p) => {
    if (!p.listenerSelection) return p;
    const picks = p.listenerSelection.selectors;
    if ((budget -= served.length * picks.length) < 0) return p;
    const own = workspaces.enabled ? workspaces.of(p.ref.namespace) : null;
    const selects: string[] = [];
    const may: string[] = [];
    for (const l of served) {
      let reach: Reach = 'no';
      for (const pick of picks) {
        // the best answer of any pick
        const answer = pickReach(pick, l.gateway, l.port, own, workspaces);
        if (answer === 'selects') {
          reach = answer;
          break;
        }
        if (answer === 'may') reach = answer;
      }
      if (reach === 'selects') selects.push(l.name);
      else if (reach === 'may') may.push(l.name);
    }
    const noRoute = complete && selects.length === 0 && may.length === 0 ? { selectsNoRoute: true as const } : {};
    // the served listeners it certainly selects, named: which the output serves without it
    const appliesTo = selects.length ? `${selects.length === 1 ? 'listener' : 'listeners'} ${firstAndMore(selects, NAMES_SHOWN, ', ')} and the others it selects` : p.appliesTo;
    return { ...p, appliesTo, listenerReach: { selects, may }, ...noRoute };
  });
}

interface Gateway {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

function pickReach(pick: ListenerPick, gateway: Gateway, port: number, own: string | null, workspaces: Workspaces): Reach {
  if (pick.name !== undefined && pick.name !== gateway.name) return 'no';
  if (pick.namespace !== undefined && pick.namespace !== gateway.namespace) return 'no';
  if (!hasLabels(gateway.labels, pick.labels)) return 'no';
  if (pick.port !== undefined && pick.port !== port) return 'no';
  if (pick.open) return 'may';
  // no namespace named: the gateways of the policy's workspace, and maybe one another imports
  if (pick.namespace === undefined && workspaces.enabled && (own === null || workspaces.of(gateway.namespace) !== own)) return 'may';
  return 'selects';
}
