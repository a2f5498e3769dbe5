import { describe, expect, it } from 'vitest';
import type { Finding as ModelFinding } from '../../src/diagnostics/finding';
import { PolicySelection } from '../../src/model/policy-selection';
import { FlatRoute, TableRouteOrigin } from '../../src/model/route-nodes';
import type { PolicyNode } from '../../src/model/types';
import type { Anchor } from '../../src/source/anchor';
import { runInProcess } from '../helpers/run-in-process';

type Finding = { code: string; message: string; line: number };

const gateway = `apiVersion: networking.gloo.solo.io/v2
kind: VirtualGateway
metadata: {name: gw, namespace: gateways}
spec:
  listeners: [{port: {number: 80}, http: {}}]
`;

/** a root table delegating /team to the tables labelled team=a, each with the labels given */
const tables = (o: { rootLabels?: string; delegatingLabels?: string; childLabels?: string; routeLabels?: string; childNamespace?: string; leafAction?: string } = {}) => `apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: root, namespace: gateways, labels: {${o.rootLabels ?? ''}}}
spec:
  hosts: [api.example.com]
  virtualGateways: [{name: gw}]
  http:
    - name: team
      labels: {${o.delegatingLabels ?? ''}}
      matchers: [{uri: {prefix: /team}}]
      delegate: {routeTables: [{labels: {team: a}}]}
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: child, namespace: ${o.childNamespace ?? 'team-a'}, labels: {team: a, ${o.childLabels ?? ''}}}
spec:
  http:
    - name: leaf
      labels: {${o.routeLabels ?? ''}}
      matchers: [{uri: {prefix: /x}}]
      ${o.leafAction ?? 'directResponse: {status: 200}'}
`;

const policy = (applyTo: string, kind = 'ExtAuthPolicy', group = 'security.policy.gloo.solo.io') => `apiVersion: ${group}/v2
kind: ${kind}
metadata: {name: p, namespace: team-a}
spec:
${applyTo}`;

const byLabels = (labels: string, more = '') => `  applyToRoutes:\n    - route: {labels: {${labels}}${more}}\n`;

async function validate(...docs: string[]): Promise<Finding[]> {
  const result = await runInProcess(['validate', '-', '-f', 'json', '-q'], { input: docs.join('---\n') });
  return (JSON.parse(result.stdout).diagnostics as Finding[]).filter((f) => f.code === 'GW4047');
}

async function render(...docs: string[]): Promise<string[]> {
  const result = await runInProcess(['render', '-t', 'envoy', '-', '-o', '/dev/null', '--findings-format', 'json', '-q', '--force'], { input: docs.join('---\n') });
  return (JSON.parse(result.stderr).diagnostics as Finding[]).filter((f) => /^GW(4047|7016|7017)$/.test(f.code)).map((f) => f.code);
}

describe('the routes a policy selects by label (GW4047 where none is served)', () => {
  it('selects a route by its own labels, its table\'s, or those of a route or table that delegates to it', async () => {
    expect(await validate(gateway, tables({ routeLabels: 'auth: oauth' }), policy(byLabels('auth: oauth')))).toEqual([]);
    expect(await validate(gateway, tables({ childLabels: 'auth: oauth' }), policy(byLabels('auth: oauth')))).toEqual([]);
    expect(await validate(gateway, tables({ delegatingLabels: 'auth: oauth' }), policy(byLabels('auth: oauth')))).toEqual([]);
    expect(await validate(gateway, tables({ rootLabels: 'auth: oauth' }), policy(byLabels('auth: oauth')))).toEqual([]);
    // every label of the selector, each found anywhere on the way
    expect(await validate(gateway, tables({ rootLabels: 'auth: oauth', routeLabels: 'tier: gold' }), policy(byLabels('auth: oauth, tier: gold')))).toEqual([]);
    // an empty selector selects every route
    expect(await validate(gateway, tables(), policy(byLabels('')))).toEqual([]);
  });

  it('says so where no served route carries the labels, at the selector, whatever the policy group', async () => {
    const found = await validate(gateway, tables({ routeLabels: 'auth: jtw' }), policy(byLabels('auth: jwt')));
    expect(found.map((f) => `${f.line} ${f.message}`)).toEqual([
      '33 ExtAuthPolicy team-a/p applies to routes labelled auth=jwt, and no route the gateways serve is one: Gloo applies it to nothing, and the routes it was written for are served to any caller',
    ]);
    const rateLimit = await validate(gateway, tables({ routeLabels: 'limits: enabled' }), policy(byLabels('limits: enabled, tier: gold'), 'RateLimitPolicy', 'trafficcontrol.policy.gloo.solo.io'));
    expect(rateLimit.map((f) => f.message)).toEqual(['RateLimitPolicy team-a/p applies to routes labelled limits=enabled, tier=gold, and no route the gateways serve is one: Gloo applies it to nothing']);
    // one label on the way with another value is no match; one of two selectors matching is
    expect(await validate(gateway, tables({ rootLabels: 'auth: basic' }), policy(byLabels('auth: oauth')))).toHaveLength(1);
    expect(await validate(gateway, tables({ routeLabels: 'auth: basic' }), policy('  applyToRoutes:\n    - route: {labels: {auth: oauth}}\n    - route: {labels: {auth: basic}}\n'))).toEqual([]);
  });

  it('counts the own routes of a table for sidecars, which Gloo applies a policy to in the mesh, by their labels and their table\'s', async () => {
    const mesh = (routeLabels: string, tableLabels = '') => `apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: reviews, namespace: team-a, labels: {${tableLabels}}}
spec:
  hosts: [reviews.team-a.svc.cluster.local]
  workloadSelectors: [{selector: {labels: {app: productpage}}}]
  http:
    - name: reviews
      labels: {${routeLabels}}
      forwardTo: {destinations: [{ref: {name: reviews}, port: {number: 9080}}]}
`;
    expect(await validate(gateway, tables(), mesh('timeout: short'), policy(byLabels('timeout: short')))).toEqual([]);
    expect(await validate(gateway, tables(), mesh('', 'timeout: short'), policy(byLabels('timeout: short')))).toEqual([]);
    // a label no route has, in the mesh or at the gateway: applied to nothing still
    expect(await validate(gateway, tables(), mesh('timeout: short'), policy(byLabels('timeout: long')))).toHaveLength(1);
    // nor does a CSRFPolicy select a route for sidecars: "East-west routes ... cannot be selected" (the 2.14 CRD)
    const csrf = await validate(gateway, tables(), mesh('csrf: enabled'), policy(byLabels('csrf: enabled'), 'CSRFPolicy'));
    expect(csrf.map((f) => f.message)).toEqual(['CSRFPolicy team-a/p applies to routes labelled csrf=enabled, and no route the gateways serve is one: Gloo applies it to nothing, and the routes it was written for are served to any caller']);
  });

  it('takes a label given two values along the way as either (gwctl decides: at least what Gloo selects)', async () => {
    const both = tables({ rootLabels: 'auth: basic', routeLabels: 'auth: oauth' });
    expect(await validate(gateway, both, policy(byLabels('auth: basic')))).toEqual([]);
    expect(await validate(gateway, both, policy(byLabels('auth: oauth')))).toEqual([]);
  });

  it('holds a selector to its namespace and workspace: those of a table on the way', async () => {
    const labelled = tables({ routeLabels: 'auth: oauth' });
    expect(await validate(gateway, labelled, policy(byLabels('auth: oauth', ', namespace: team-a')))).toEqual([]);
    expect(await validate(gateway, labelled, policy(byLabels('auth: oauth', ', namespace: gateways')))).toEqual([]);
    expect(await validate(gateway, labelled, policy(byLabels('auth: oauth', ', namespace: payments')))).toHaveLength(1);
    const workspaces = `apiVersion: admin.gloo.solo.io/v2
kind: Workspace
metadata: {name: gateways, namespace: gloo-mesh}
spec: {workloadClusters: [{name: '*', namespaces: [{name: gateways}]}]}
---
apiVersion: admin.gloo.solo.io/v2
kind: Workspace
metadata: {name: team-a, namespace: gloo-mesh}
spec: {workloadClusters: [{name: '*', namespaces: [{name: team-a}]}]}
---
apiVersion: admin.gloo.solo.io/v2
kind: WorkspaceSettings
metadata: {name: gateways, namespace: gateways}
spec: {importFrom: [{workspaces: [{name: team-a}]}], exportTo: [{workspaces: [{name: team-a}]}]}
---
apiVersion: admin.gloo.solo.io/v2
kind: WorkspaceSettings
metadata: {name: team-a, namespace: team-a}
spec: {importFrom: [{workspaces: [{name: gateways}]}], exportTo: [{workspaces: [{name: gateways}]}]}
`;
    expect(await validate(workspaces, gateway, labelled, policy(byLabels('auth: oauth', ', workspace: team-a')))).toEqual([]);
    expect(await validate(workspaces, gateway, labelled, policy(byLabels('auth: oauth', ', workspace: gateways')))).toEqual([]);
    expect(await validate(workspaces, gateway, labelled, policy(byLabels('auth: oauth', ', workspace: payments')))).toHaveLength(1);
  });

  it('counts only routes a listener serves: a labelled route of a table nothing attaches is none', async () => {
    const unattached = `apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: spare, namespace: team-a}
spec:
  http: [{name: spare, labels: {auth: oauth}, matchers: [{uri: {prefix: /spare}}], directResponse: {status: 200}}]
`;
    expect(await validate(gateway, tables(), unattached, policy(byLabels('auth: oauth')))).toHaveLength(1);
    // nor are the listeners' routes all seen when they stop at --max-routes (GW4044): nothing said
    const www = `apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: www, namespace: gateways}
spec:
  hosts: [www.example.com]
  virtualGateways: [{name: gw}]
  http: [{name: www, matchers: [{uri: {prefix: /}}], directResponse: {status: 200}}]
`;
    const input = [gateway, tables(), www, policy(byLabels('auth: oauth'))].join('---\n');
    const codes = async (more: string[]) => JSON.parse((await runInProcess(['validate', '-', '-f', 'json', '-q', ...more], { input })).stdout).diagnostics.map((f: Finding) => f.code);
    expect(await codes([])).toEqual(['GW4047']);
    expect(await codes(['--max-routes', '1'])).toEqual(['GW4044']);
  });

  it('leaves alone what it cannot decide, and inputs that serve no route', async () => {
    const none = tables({ routeLabels: 'auth: basic' });
    for (const applyTo of [
      '  applyToRoutes:\n    - withDestinations: {selector: {name: orders}}\n',
      byLabels('auth: oauth', ', cluster: cluster-1'),
      '  applyToRoutes:\n    - route: {labels: {auth: oauth}}\n    - withDestinations: {selector: {name: orders}}\n',
      `${byLabels('auth: oauth')}  applyToDestinations:\n    - selector: {name: orders}\n`,
      '  config: {}\n',
    ]) {
      expect(await validate(gateway, none, policy(applyTo)), applyTo).toEqual([]);
    }
    // a gateway without tables, or the policy alone: the routes are elsewhere (GW7020 says why none is served)
    expect(await validate(gateway, policy(byLabels('auth: oauth')))).toEqual([]);
    expect(await validate(policy(byLabels('auth: oauth')))).toEqual([]);
  });

  it('is left out of render where it selects nothing: the output leaves nothing behind (no GW7017)', async () => {
    expect(await render(gateway, tables({ routeLabels: 'auth: oauth' }), policy(byLabels('auth: oauth')))).toEqual(['GW7017']);
    expect(await render(gateway, tables({ routeLabels: 'auth: basic' }), policy(byLabels('auth: oauth')))).toEqual(['GW4047']);
    const rateLimit = (labels: string) => policy(byLabels(labels), 'RateLimitPolicy', 'trafficcontrol.policy.gloo.solo.io');
    expect(await render(gateway, tables({ routeLabels: 'limits: enabled' }), rateLimit('limits: enabled'))).toEqual(['GW7016']);
    expect(await render(gateway, tables({ routeLabels: 'limits: enabled' }), rateLimit('limits: disabled'))).toEqual(['GW4047']);
  });
});

describe('the policies `routes --request` lists under the route that serves a request', () => {
  // the child table's route /x to the Service team-a/orders, and a second route /y of the root table,
  // labelled otherwise, that responds directly
  const input = (...policies: string[]) =>
    [
      gateway,
      tables({ childLabels: 'auth: oauth', leafAction: 'forwardTo: {destinations: [{ref: {name: orders}, port: {number: 80}}]}' }).replace('    - name: team\n', '    - name: other\n      labels: {tier: free}\n      matchers: [{uri: {prefix: /y}}]\n      directResponse: {status: 200}\n    - name: team\n'),
      ...policies,
    ].join('---\n');
  const named = (name: string, applyTo: string, kind = 'ExtAuthPolicy', group = 'security.policy.gloo.solo.io') => policy(applyTo, kind, group).replace('name: p,', `name: ${name},`);
  const explain = async (text: string, path = '/team/x', format: string[] = [], code = 0) => {
    const result = await runInProcess(['routes', '-', '--request', `GET http://api.example.com${path}`, '-q', ...format], { input: text });
    expect(result.code, result.stderr).toBe(code);
    expect(result.stderr).not.toContain('\u001b');
    return result.stdout;
  };
  const listed = async (text: string, path = '/team/x') => {
    const lines = (await explain(text, path)).split('\n');
    return lines.slice(lines.findIndex((l) => l.startsWith('  policies')));
  };

  it('those whose selectors select the route, by labels it inherits too, then those whose selection gwctl does not decide', async () => {
    const text = input(
      named('login', byLabels('auth: oauth')),
      named('free-tier', byLabels('tier: free'), 'RateLimitPolicy', 'trafficcontrol.policy.gloo.solo.io'),
      // a Service of that name in a namespace it does not name: any the policy's workspace has, undecided
      named('by-destination', '  applyToRoutes:\n    - withDestinations: {selector: {name: orders}}\n', 'RateLimitPolicy', 'trafficcontrol.policy.gloo.solo.io'),
      // the Service by name and namespace: decided
      named('by-service', '  applyToRoutes:\n    - withDestinations: {selector: {name: orders, namespace: team-a}}\n', 'CORSPolicy'),
      // another Service, or the same by another kind: not this route
      named('other-service', '  applyToRoutes:\n    - withDestinations: {selector: {name: carts, namespace: team-a}}\n', 'CORSPolicy'),
      named('other-kind', '  applyToRoutes:\n    - withDestinations: {kind: VIRTUAL_DESTINATION, selector: {name: orders, namespace: team-a}}\n', 'CORSPolicy'),
    );
    expect(await listed(text)).toEqual([
      "  policies (Gloo Platform's; the outputs gwctl renders carry none but a RetryTimeoutPolicy's request timeout):",
      '    ExtAuthPolicy team-a/login selects it (routes labelled auth=oauth)',
      '    CORSPolicy team-a/by-service selects it (routes to the destinations it selects)',
      '    RateLimitPolicy team-a/by-destination may select it (routes to the destinations it selects)',
      '',
    ]);
    // the other route carries the other policy's labels, not the child table's, and forwards to no
    // destination: no policy selecting by destination selects it
    expect(await listed(text, '/y')).toEqual([
      "  policies (Gloo Platform's; the outputs gwctl renders carry none but a RetryTimeoutPolicy's request timeout):",
      '    RateLimitPolicy team-a/free-tier selects it (routes labelled tier=free)',
      '',
    ]);
  });

  it('none where no policy selects it or may, nor one that selects no served route (GW4047)', async () => {
    expect(await explain(input())).not.toContain('policies');
    expect(await explain(input(named('jwt', byLabels('auth: jwt'))))).not.toContain('policies');
    expect(await explain(input(named('free-tier', byLabels('tier: free'))))).not.toContain('policies');
  });

  it('the first five of a group, then a count', async () => {
    const many = Array.from({ length: 7 }, (_, i) => named(`p${i}`, byLabels('auth: oauth')));
    const lines = await listed(input(...many));
    expect(lines.slice(1, -1)).toEqual([...[0, 1, 2, 3, 4].map((i) => `    ExtAuthPolicy team-a/p${i} selects it (routes labelled auth=oauth)`), '    and 2 more policies that select it']);
    expect((await listed(input(...many.slice(0, 6)))).slice(-2, -1)).toEqual(['    and 1 more policy that selects it']);
    expect((await listed(input(...many.slice(0, 5)))).slice(-2, -1)).toEqual(['    ExtAuthPolicy team-a/p4 selects it (routes labelled auth=oauth)']);
  });

  it('escapes what the input names: a policy name and labels reach the terminal as text', async () => {
    const hostile = input(named('"p\\u001b[2Jx"', byLabels('auth: oauth')).replace('name: "p', 'name: "p'), named('q', byLabels('tier: "free\\u001b[31m"'))).replace('tier: free', 'tier: "free\\u001b[31m"');
    // no object can be so named (the API server refuses it: GW2006, exit 1), but the input can
    const text = await explain(hostile, '/y', [], 1);
    expect(text).not.toContain('\u001b');
    expect(text).toContain('ExtAuthPolicy team-a/q selects it (routes labelled tier=free\\x1b[31m)');
    expect(await explain(hostile, '/team/x', [], 1)).toContain('ExtAuthPolicy team-a/p\\x1b[2Jx selects it (routes labelled auth=oauth)');
  });

  it('in JSON, each with whether it selects the route or gwctl does not decide', async () => {
    const text = input(named('login', byLabels('auth: oauth')), named('all', '  config: {}\n'));
    const [answer] = JSON.parse(await explain(text, '/team/x', ['--format', 'json'])).answers;
    expect(answer.policies).toEqual([
      { kind: 'ExtAuthPolicy', namespace: 'team-a', name: 'login', appliesTo: 'routes labelled auth=oauth', selection: 'selects' },
      // an ExtAuthPolicy with no selector applies to no route, and to every destination (ext_auth_policy.proto)
      { kind: 'ExtAuthPolicy', namespace: 'team-a', name: 'all', appliesTo: 'the destinations of its workspace', selection: 'undecided' },
    ]);
    expect(JSON.parse(await explain(input(), '/team/x', ['--format', 'json'])).answers[0]).not.toHaveProperty('policies');
    // a route that responds directly has no destination for it to apply at
    expect(JSON.parse(await explain(input(named('all', '  config: {}\n')), '/y', ['--format', 'json'])).answers[0]).not.toHaveProperty('policies');
  });
});

describe('PolicySelection', () => {
  const anchor = { file: 'p.yaml' } as unknown as Anchor;
  const policy = (labels: Record<string, string>): PolicyNode => ({ ref: { kind: 'ExtAuthPolicy', namespace: 'a', name: 'p' }, security: true, appliesTo: 'routes', routeSelection: { selectors: [{ labels }], source: anchor }, source: anchor });
  const table = { kind: 'RouteTable', namespace: 'a', name: 't' };
  const routes = Array.from({ length: 5 }, (_, i) => new FlatRoute([], { kind: 'direct', status: 200 }, [new TableRouteOrigin(table, `r${i}`, anchor, {})], {}));

  it('stops testing at its budget, and takes the policies not settled to select routes (no finding)', () => {
    const outcome = (budget: number) => {
      const p = policy({ auth: 'jwt' });
      const selection = new PolicySelection([p], budget);
      selection.note(routes);
      const findings: ModelFinding[] = [];
      const [after] = selection.report([p], true, findings);
      return { codes: findings.map((f) => f.code), marked: after!.selectsNoRoute === true };
    };
    expect(outcome(5)).toEqual({ codes: ['GW4047'], marked: true });
    expect(outcome(4)).toEqual({ codes: [], marked: false });
  });

  it('tests a list of routes several hosts share once', () => {
    const p = policy({ auth: 'jwt' });
    const selection = new PolicySelection([p], 5);
    selection.note(routes);
    selection.note(routes);
    const findings: ModelFinding[] = [];
    selection.report([p], true, findings);
    expect(findings.map((f) => f.code)).toEqual(['GW4047']);
  });
});
