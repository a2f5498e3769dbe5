import { describe, expect, it } from 'vitest';
import { appliesTo } from '../../src/load/policy-applies-to';
import type { Finding } from '../../src/diagnostics/finding';
import { destinationPolicyReach, destinationReach } from '../../src/model/destination-selection';
import { PolicySelection } from '../../src/model/policy-selection';
import { FlatRoute, TableRouteOrigin } from '../../src/model/route-nodes';
import type { Destination, DestinationPick, PolicyNode, RouteAction } from '../../src/model/types';
import type { Anchor } from '../../src/source/anchor';

const anchor = { file: 'p.yaml' } as unknown as Anchor;
const table = { kind: 'RouteTable', namespace: 'shop', name: 't' };
const route = (action: RouteAction) => new FlatRoute([], action, [new TableRouteOrigin(table, 'r', anchor, {})], {});
const service = (over: Partial<Extract<Destination, { kind: 'service' }>> = {}): Destination => ({ kind: 'service', targetKind: 'SERVICE', name: 'orders', namespace: 'shop', weight: 100, source: anchor, ...over });
const lambda = { kind: 'lambda', functionName: 'orders', weight: 100 } as unknown as Destination;
const forward = (...destinations: Destination[]) => route({ kind: 'forward', destinations });
const picks = (...withDestinations: unknown[]): DestinationPick[] => appliesTo({ applyToRoutes: withDestinations.map((w) => ({ withDestinations: w })) }, 'ExtAuthPolicy').destinations!;

describe('which routes a policy selecting by destination reaches (selectors.proto: Services, VirtualDestinations, ExternalServices)', () => {
  it('a Service named by name and namespace is selected; one named by name alone may be (any namespace of the workspace)', () => {
    expect(destinationReach(picks({ selector: { name: 'orders', namespace: 'shop' } }), forward(service()))).toBe('selects');
    expect(destinationReach(picks({ selector: { name: 'orders' } }), forward(service()))).toBe('may');
    expect(destinationReach(picks({ selector: { name: 'carts', namespace: 'shop' } }), forward(service()))).toBe('no');
    expect(destinationReach(picks({ selector: { name: 'orders', namespace: 'other' } }), forward(service()))).toBe('no');
  });

  it('by kind: SERVICE where unset, a name or protobuf\'s number as written', () => {
    const vd = forward(service({ targetKind: 'VIRTUAL_DESTINATION' }));
    expect(destinationReach(picks({ selector: { name: 'orders', namespace: 'shop' } }), vd)).toBe('no');
    expect(destinationReach(picks({ kind: 'VIRTUAL_DESTINATION', selector: { name: 'orders', namespace: 'shop' } }), vd)).toBe('selects');
    expect(destinationReach(picks({ kind: 1, selector: { name: 'orders', namespace: 'shop' } }), vd)).toBe('selects');
    expect(destinationReach(picks({ kind: 2, selector: { name: 'orders', namespace: 'shop' } }), vd)).toBe('no');
  });

  it('labels, against those of the VirtualDestination or ExternalService the input holds: every one carried selects, one missing does not; unknown labels may', () => {
    const vd = (objectLabels?: Record<string, string>) => forward(service({ targetKind: 'VIRTUAL_DESTINATION', ...(objectLabels ? { objectLabels } : {}) }));
    const labelled = (labels: Record<string, string>, namespace: string | null = 'shop') => picks({ kind: 'VIRTUAL_DESTINATION', selector: { ...(namespace ? { namespace } : {}), labels } });
    expect(destinationReach(labelled({ app: 'orders' }), vd({ app: 'orders', tier: 'core' }))).toBe('selects');
    expect(destinationReach(labelled({ app: 'orders', tier: 'core' }), vd({ app: 'orders', tier: 'core' }))).toBe('selects');
    expect(destinationReach(labelled({ app: 'orders', tier: 'edge' }), vd({ app: 'orders', tier: 'core' }))).toBe('no');
    expect(destinationReach(labelled({ app: 'orders' }), vd({}))).toBe('no');
    // the object not in the input: its labels are not known
    expect(destinationReach(labelled({ app: 'orders' }), vd())).toBe('may');
    // carried, but no namespace: any namespace of the workspace, not worked out
    expect(destinationReach(labelled({ app: 'orders' }, null), vd({ app: 'orders' }))).toBe('may');
    // a label of no string value is none gwctl compares
    expect(destinationReach(picks({ kind: 'VIRTUAL_DESTINATION', selector: { namespace: 'shop', labels: { app: 'orders', tier: 1 } } }), vd({ app: 'orders' }))).toBe('may');
  });

  it('labels or a workspace (not in the input), or a cluster the destination does not name: may', () => {
    expect(destinationReach(picks({ selector: { name: 'orders', namespace: 'shop', labels: { app: 'orders' } } }), forward(service()))).toBe('may');
    expect(destinationReach(picks({ selector: { namespace: 'shop', workspace: 'shop' } }), forward(service()))).toBe('may');
    expect(destinationReach(picks({ selector: { name: 'orders', namespace: 'shop', cluster: 'east' } }), forward(service()))).toBe('may');
    expect(destinationReach(picks({ selector: { name: 'orders', namespace: 'shop', cluster: 'east' } }), forward(service({ cluster: 'east' })))).toBe('selects');
    expect(destinationReach(picks({ selector: { name: 'orders', namespace: 'shop', cluster: 'east' } }), forward(service({ cluster: 'west' })))).toBe('no');
  });

  it('a name, namespace, cluster or labels written in a form gwctl cannot read widen nothing: may, never selects', () => {
    // read as absent, `name: 7` would select every Service of the namespace
    expect(destinationReach(picks({ selector: { name: 7, namespace: 'shop' } }), forward(service()))).toBe('may');
    expect(destinationReach(picks({ selector: { name: 'orders', namespace: ['shop'] } }), forward(service()))).toBe('may');
    expect(destinationReach(picks({ selector: { name: 'orders', namespace: 'shop', cluster: 1 } }), forward(service()))).toBe('may');
    expect(destinationReach(picks({ selector: { name: 'orders', namespace: 'shop', labels: 'app=orders' } }), forward(service()))).toBe('may');
    expect(destinationReach(picks({ selector: { name: 'orders', namespace: 'shop', labels: { version: 2 } } }), forward(service()))).toBe('may');
    // null is protobuf's JSON for a field not written
    expect(destinationReach(picks({ selector: { name: 'orders', namespace: 'shop', cluster: null, labels: null } }), forward(service()))).toBe('selects');
  });

  it('never a Lambda function, a direct response or a redirect; the best answer of any pick for any destination', () => {
    const any = picks({ selector: {} }, { kind: 'VIRTUAL_DESTINATION', selector: {} }, { kind: 'EXTERNAL_SERVICE', selector: {} });
    expect(destinationReach(any, forward(lambda))).toBe('no');
    expect(destinationReach(any, route({ kind: 'direct', status: 200 }))).toBe('no');
    expect(destinationReach(any, route({ kind: 'redirect', responseCode: 'MOVED_PERMANENTLY' }))).toBe('no');
    const two = picks({ selector: { name: 'carts', namespace: 'shop' } }, { selector: { name: 'orders' } }, { selector: { name: 'orders', namespace: 'shop' } });
    expect(destinationReach(two, forward(lambda, service({ name: 'carts' })))).toBe('selects');
    expect(destinationReach(two.slice(1, 2), forward(lambda, service()))).toBe('may');
    expect(destinationPolicyReach(forward(lambda))).toBe('no');
    expect(destinationPolicyReach(forward(lambda, service()))).toBe('may');
  });

  it('is read only where every applyToRoutes entry is a withDestinations and nothing else selects', () => {
    expect(appliesTo({ applyToRoutes: [{ withDestinations: { selector: { name: 'a' } } }, { route: { labels: { a: 'b' } } }] }, 'ExtAuthPolicy').destinations).toBeUndefined();
    expect(appliesTo({ applyToRoutes: [{ withDestinations: { selector: { name: 'a' } } }], applyToListeners: [{}] }, 'ExtAuthPolicy').destinations).toBeUndefined();
    expect(appliesTo({ applyToDestinations: [{ selector: {} }] }, 'AccessPolicy').atDestinations).toBe(true);
    expect(appliesTo({ applyToDestinations: [{ selector: {} }], applyToWorkloads: [{}] }, 'AccessPolicy').atDestinations).toBeUndefined();
  });
});

describe("a HeaderManipulationPolicy's applyToRouteDestinations: the destinations on the routes it selects (RouteDestinationSelector)", () => {
  const header = (spec: object) => appliesTo(spec, 'HeaderManipulationPolicy');
  const onOrders = { onDestinations: [{ selector: { name: 'orders', namespace: 'shop' } }] };

  it('selects as a withDestinations does: never a route to Lambda alone, a Service it names for certain', () => {
    const applies = header({ applyToRouteDestinations: [onOrders] });
    expect([applies.destinationsAt, applies.atGateway]).toEqual(['/spec/applyToRouteDestinations', true]);
    expect(destinationReach(applies.destinations!, forward(lambda))).toBe('no');
    expect(destinationReach(applies.destinations!, forward(service()))).toBe('selects');
    expect(destinationReach(applies.destinations!, forward(service({ name: 'carts' })))).toBe('no');
    // every onDestinations of every entry, as any of them
    const two = header({ applyToRouteDestinations: [onOrders, { onDestinations: [{ kind: 'VIRTUAL_DESTINATION', selector: { name: 'global' } }] }] });
    expect(destinationReach(two.destinations!, forward(service({ targetKind: 'VIRTUAL_DESTINATION', name: 'global' })))).toBe('may');
  });

  it('only may select where its route selector narrows the routes (labels, a namespace, a cluster, a workspace), which gwctl does not compare here', () => {
    for (const route of [{ labels: { team: 'shop' } }, { namespace: 'shop' }, { cluster: 'east' }, { workspace: 'shop' }, { namespace: 7 }]) {
      const applies = header({ applyToRouteDestinations: [{ route, ...onOrders }] });
      expect(destinationReach(applies.destinations!, forward(service())), JSON.stringify(route)).toBe('may');
      expect(destinationReach(applies.destinations!, forward(lambda)), JSON.stringify(route)).toBe('no');
    }
    // a route selector of nothing narrows nothing
    expect(destinationReach(header({ applyToRouteDestinations: [{ route: { labels: {} }, ...onOrders }] }).destinations!, forward(service()))).toBe('selects');
  });

  it('is undecided where an entry names no onDestinations (its proto does not say what none selects), or beside another selector', () => {
    expect(header({ applyToRouteDestinations: [onOrders, { route: { labels: { a: 'b' } } }] }).destinations).toBeUndefined();
    expect(header({ applyToRouteDestinations: [{ onDestinations: [] }] }).destinations).toBeUndefined();
    expect(header({ applyToRouteDestinations: [{ onDestinations: ['orders'] }] }).destinations).toBeUndefined();
    expect(header({ applyToRouteDestinations: [onOrders], applyToRoutes: [{ route: { labels: { a: 'b' } } }] }).destinations).toBeUndefined();
    expect(header({ applyToRouteDestinations: [onOrders], applyToRoutes: ['odd'] }).destinations).toBeUndefined();
    expect(header({ applyToRouteDestinations: [onOrders] }).text).toBe('routes to the destinations it selects');
  });
});

describe('PolicySelection of a policy that selects by destination', () => {
  const policy = (p: DestinationPick[]): PolicyNode => ({ ref: { kind: 'RetryTimeoutPolicy', namespace: 'shop', name: 'p' }, security: false, appliesTo: 'routes to the destinations it selects', destinationSelection: { selectors: p, source: anchor }, source: anchor });
  const outcome = (p: PolicyNode, routes: FlatRoute[], mesh = false) => {
    const selection = new PolicySelection([p]);
    if (mesh) selection.noteMesh([routes[0]!.chain[0]!]);
    selection.note(routes);
    const findings: Finding[] = [];
    const [after] = selection.report([p], true, findings);
    return { codes: findings.map((f) => `${f.code} ${/forward to (.*), and no route/.exec(f.message)?.[1] ?? ''}`), marked: after!.selectsNoRoute === true };
  };

  it('is GW4057 where no served route forwards to a destination it may select, and names what it picks', () => {
    expect(outcome(policy(picks({ selector: { name: 'orders' } })), [forward(lambda), route({ kind: 'direct', status: 200 })])).toEqual({ codes: ['GW4057 SERVICE */orders'], marked: true });
    expect(outcome(policy(picks({ selector: { name: 'orders' } })), [forward(lambda), forward(service())])).toEqual({ codes: [] as string[], marked: false });
    expect(outcome(policy(picks({ kind: 'EXTERNAL_SERVICE', selector: {} }, { selector: { name: 'a', namespace: 'b' } }, { selector: {} })), [forward(lambda)]).codes).toEqual(['GW4057 any EXTERNAL_SERVICE, SERVICE b/a, and 1 more']);
  });

  it('a table for sidecars settles it: the mesh routes\' destinations are not read', () => {
    expect(outcome(policy(picks({ selector: { name: 'orders' } })), [forward(lambda)], true)).toEqual({ codes: [] as string[], marked: false });
  });
});
