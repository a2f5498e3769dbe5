import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze';
import { nodeHost } from '../../src/host/node-host';
import type { LambdaDestination, Model } from '../../src/model/types';
import { analyzeText } from '../helpers/analyze-text';
import { groupHosts } from '../../src/emit/host-groups';
import { ROOT } from '../helpers/run-cli';

const fixture = async (...files: string[]) => {
  const analysis = await analyze(nodeHost(), { paths: files.map((f) => join(ROOT, f)), stdinName: '-' });
  return analysis;
};

const routeNames = (model: Model, host: string) => model.listeners.flatMap((l) => l.hosts).find((h) => h.host === host)!.routes.map((r) => r.name);

describe('the resolved model', () => {
  it('maps the bundled example: listeners, hosts, canary weights, roles, ARNs, sources', async () => {
    const analysis = await fixture('fixtures/examples');
    expect(analysis.findings).toEqual([]);
    const { model } = analysis;
    expect(model.providers.map((p) => [`${p.ref.namespace}/${p.ref.name}`, p.accountId, p.region, p.invokeRole?.arn])).toEqual([
      ['team-a/aws-team-a', '111111111111', 'us-west-1', 'arn:aws:iam::111111111111:role/team-a-lambda-invoker'],
      ['team-b/aws-team-b', '222222222222', 'eu-west-1', 'arn:aws:iam::222222222222:role/team-b-invoker'],
    ]);
    expect(model.listeners.map((l) => [l.name, l.protocol, l.httpsRedirect])).toEqual([
      ['istio-gateways/north-south-gw:80', 'http', true],
      ['istio-gateways/north-south-gw:443', 'https', false],
    ]);
    expect(model.listeners[0]!.hosts.map((h) => [h.host, h.routes.map((r) => r.name)])).toEqual([['api.example.com', ['https-redirect']]]);
    const canary = model.listeners[1]!.hosts[0]!.routes.find((r) => r.name === 'team-a/orders-canary')!;
    expect(canary.matchers).toEqual([{ path: { kind: 'prefix', value: '/team-a/orders', ignoreCase: false }, headers: [], queryParameters: [] }]);
    expect(canary.chain.map((o) => `${o.table.namespace}/${o.table.name}#${o.route}`)).toEqual(['istio-gateways/api#team-a', 'team-a/team-a#orders-canary']);
    const destinations = (canary.action.kind === 'forward' ? canary.action.destinations : []) as LambdaDestination[];
    expect(destinations.map((d) => [d.arn, d.weight, d.invokeRole?.name])).toEqual([
      ['arn:aws:lambda:us-west-1:111111111111:function:orders-api:1', 90, 'team-a-lambda-invoker'],
      ['arn:aws:lambda:us-west-1:111111111111:function:orders-api:2', 10, 'team-a-lambda-invoker'],
    ]);
    expect(destinations[0]!.source.kind === 'node' && destinations[0]!.source.doc.file.name).toMatch(/20-team-a\.yaml$/);
  });

  it('maps both dialects into the same model', async () => {
    const { analysis } = await analyzeText(readFileSync(join(ROOT, 'fixtures/seeds/01-gloo-platform-lambda.yaml'), 'utf8'));
    const route = analysis.model.listeners[0]!.hosts[0]!.routes[0]!;
    expect(route.action).toMatchObject({
      kind: 'forward',
      destinations: [{ kind: 'lambda', arn: 'arn:aws:lambda:us-west-1:111111111111:function:golang-echo', logicalName: 'golang-echo-latest', options: { invocation: 'sync', request: 'raw', response: 'raw' } }],
    });
  });

  it('orders delegated routes by table weight, or by specificity', async () => {
    const { model } = await fixture('fixtures/model/delegation.yaml');
    const names = routeNames(model, 'app.example.com');
    expect(names.slice(0, 2)).toEqual(['by-weight/y', 'by-weight/x']);
    expect(names.filter((n) => n.startsWith('by-specificity/'))).toEqual([
      // every regex is equal (a suffix is matched as one): they keep their written order
      'by-specificity/exact', 'by-specificity/regex', 'by-specificity/bad-regex', 'by-specificity/suffix', 'by-specificity/no-slash', 'by-specificity/prefix',
    ]);
  });

  it('replaces routes that cannot be served by a direct response 500, saying why', async () => {
    const { model } = await fixture('fixtures/model/filters.yaml');
    const routes = model.listeners[0]!.hosts[0]!.routes;
    const action = (name: string) => routes.find((r) => r.name === name)!.action;
    expect(action('payments/allowed').kind).toBe('forward');
    expect(action('payments/wrong-region')).toMatchObject({ kind: 'direct', status: 500, replaced: { code: 'GW5003' } });
    expect(action('payments/role-unknown')).toMatchObject({ kind: 'direct', status: 500, replaced: { code: 'GW5004' } });
    expect(action('payments/not-lambda').kind).toBe('forward');
  });

  it('reads a regexRewrite, and replaces a route whose pattern RE2 rejects (GW4015 at the pattern)', async () => {
    const { model, findings } = await fixture('fixtures/model/regex-rewrite.yaml');
    const [orders, lookahead] = model.listeners[0]!.hosts[0]!.routes;
    expect(orders!.action).toMatchObject({ kind: 'forward', regexRewrite: { pattern: '^/v1/orders/([0-9]+)$', substitution: '/orders/\\1' } });
    expect(lookahead!.action).toMatchObject({ kind: 'direct', status: 500, replaced: { code: 'GW4015' } });
    const re2 = findings.find((f) => f.code === 'GW4015')!;
    expect(re2.at).toMatchObject({ kind: 'node', pointer: '/spec/http/1/forwardTo/regexRewrite/pattern/regex' });
  });

  it('gives the hosts of one table the same route objects, renamed ones included, so they are one virtual host', async () => {
    const { model, findings } = await fixture('fixtures/model/duplicate-names-two-hosts.yaml');
    expect(findings.map((f) => f.code).sort()).toEqual(['GW3010', 'GW4003']);
    const [a, b] = model.listeners[0]!.hosts;
    expect([a!.host, b!.host]).toEqual(['a.example.com', 'b.example.com']);
    expect(a!.routes.map((r) => r.name)).toEqual(['r', 'duplicate-r-1', 'd/x', 'd/x~2']);
    expect(b!.routes[1]).toBe(a!.routes[1]);
    expect(b!.routes[3]).toBe(a!.routes[3]);
    expect(groupHosts(model.listeners[0]!.hosts).map((group) => group.map((h) => h.host))).toEqual([['a.example.com', 'b.example.com']]);
  });

  it('gives every host of an httpsRedirect listener the one redirect route, so they are one virtual host', async () => {
    const table = (name: string, host: string) =>
      `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: ${name}, namespace: gw}\nspec:\n  hosts: [${host}]\n  virtualGateways: [{name: g}]\n  http:\n    - {name: r, directResponse: {status: 200}}\n`;
    const gateway = 'apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: g, namespace: gw}\nspec:\n  listeners: [{port: {number: 80}, http: {}, httpsRedirect: true}]\n';
    const { analysis } = await analyzeText([gateway, table('a', 'a.example.com'), table('b', 'b.example.com')].join('---\n'));
    const hosts = analysis.model.listeners[0]!.hosts;
    expect(hosts.map((h) => [h.host, h.routes.map((r) => r.name)])).toEqual([['a.example.com', ['https-redirect']], ['b.example.com', ['https-redirect']]]);
    expect(groupHosts(hosts).map((group) => group.map((h) => h.host))).toEqual([['a.example.com', 'b.example.com']]);
  });

  it('2.3+: functions are told apart by name and qualifier, $LATEST written or not', async () => {
    const route = (name: string, fn: string, qualifier?: string) =>
      `    - name: ${name}\n      matchers: [{uri: {prefix: /${name}}}]\n      forwardTo:\n        destinations:\n          - awsLambda: {cloudProvider: {name: aws}, function: ${fn}${qualifier ? `, qualifier: '${qualifier}'` : ''}}\n`;
    const text = `apiVersion: infrastructure.gloo.solo.io/v2
kind: CloudProvider
metadata: {name: aws, namespace: team}
spec:
  aws: {accountId: '111111111111', region: us-east-1}
---
apiVersion: infrastructure.gloo.solo.io/v2
kind: CloudResources
metadata: {name: fns, namespace: team}
spec:
  provider: aws
  aws:
    lambda:
      - lambdaFunctionName: pay
      - lambdaFunctionName: pay
        qualifier: '1'
      - lambdaFunctionName: pay
        qualifier: live
      - lambdaFunctionName: pay
        qualifier: $LATEST
      - lambdaFunctionName: pay-1
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: t, namespace: team}
spec:
  hosts: [pay.example.com]
  http:
${route('latest', 'pay')}${route('one', 'pay', '1')}${route('live', 'pay', 'live')}${route('by-arn', 'arn:aws:lambda:us-east-1:111111111111:function:pay:1')}${route('dash', 'pay-1')}${route('two', 'pay', '2')}`;
    const { analysis, findings } = await analyzeText(text);
    expect(findings.map((f) => [f.code, f.line])).toEqual([
      ['GW3003', 19],
      ['GW4003', 27],
      ['GW3007', 58],
    ]);
    expect(findings[2]!.message).toContain('declared qualifiers: $LATEST, 1, live');
    const routes = analysis.model.listeners[0]!.hosts[0]!.routes;
    const arnOf = (name: string) => {
      const action = routes.find((r) => r.name === name)!.action;
      return action.kind === 'forward' ? (action.destinations[0] as LambdaDestination).arn : action.kind;
    };
    const base = 'arn:aws:lambda:us-east-1:111111111111:function:';
    expect(['latest', 'one', 'live', 'by-arn', 'dash'].map(arnOf)).toEqual([`${base}pay`, `${base}pay:1`, `${base}pay:live`, `${base}pay:1`, `${base}pay-1`]);
    expect(analysis.model.providers[0]!.functions.map((f) => f.logicalName)).toEqual(['pay', 'pay-1', 'pay:1', 'pay:live']);
  });

  it('2.2: on a logicalName collision the older CloudResources wins', async () => {
    const { model } = await fixture('fixtures/model/collisions.yaml');
    const legacy = model.providers.find((p) => p.ref.name === 'aws-legacy')!;
    expect(legacy.functions.find((f) => f.logicalName === 'report')!.functionName).toBe('report-v1');
  });
});

describe('filter patterns', () => {
  it('are found in every allowedRoutes, wherever it sits, each at its pointer (keys escaped, list items by index)', async () => {
    const text = [
      'apiVersion: networking.gloo.solo.io/v2',
      'kind: RouteTable',
      'metadata: {name: t, namespace: ns}',
      'spec:',
      '  hosts: [a.example.com]',
      '  http:',
      '    - name: one',
      '      delegate:',
      '        routeTables: [{labels: {team: a}}]',
      '        allowedRoutes:',
      '          - cloudProvider: {aws: {iamRoles: [role-a], lambdaFunctions: [fn-a, fn-b]}}',
      '    - name: two',
      '      matchers:',
      '        - "x/y~z":',
      '            - allowedRoutes: [{cloudProvider: {aws: {iamRoles: [".*"]}}}]',
      '',
    ].join('\n');
    const { analysis } = await analyzeText(text);
    const found = analysis.filterPatterns.map((p) => [p.field, p.text, p.at.kind === 'node' ? p.at.pointer : '']);
    expect(found).toEqual([
      ['iamRoles', 'role-a', '/spec/http/0/delegate/allowedRoutes/0/cloudProvider/aws/iamRoles/0'],
      ['lambdaFunctions', 'fn-a', '/spec/http/0/delegate/allowedRoutes/0/cloudProvider/aws/lambdaFunctions/0'],
      ['lambdaFunctions', 'fn-b', '/spec/http/0/delegate/allowedRoutes/0/cloudProvider/aws/lambdaFunctions/1'],
      ['iamRoles', '.*', '/spec/http/1/matchers/0/x~1y~0z/0/allowedRoutes/0/cloudProvider/aws/iamRoles/0'],
    ]);
  });
});

describe('the published seeds', () => {
  it('seeds/02 yields the delegate placement, the missing CloudProvider and the catch-all iamRoles, each at its line', async () => {
    const { findings } = await analyzeText(readFileSync(join(ROOT, 'fixtures/seeds/02-delegation-as-published.yaml'), 'utf8'));
    const at = (code: string) => findings.filter((f) => f.code === code).map((f) => [f.line, f.column, f.message]);
    expect(at('GW2002')).toEqual([[23, 11, expect.stringContaining('`delegate`')]]);
    expect(at('GW3001')).toEqual([[44, 21, 'CloudProvider `devops/aws-provider` is not in the input']]);
    expect(at('GW5002')).toEqual([[31, 23, '`.*` matches every role name: this iamRoles filter allows everything']]);
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.code).sort()).toEqual(['GW2002', 'GW3001']);
  });

  it('seeds/01 has no error', async () => {
    const { findings } = await analyzeText(readFileSync(join(ROOT, 'fixtures/seeds/01-gloo-platform-lambda.yaml'), 'utf8'));
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  describe('a delegate\'s selectors that select nothing', () => {
    const root = (delegate: string) =>
      `apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: gw, namespace: gw}\nspec: {listeners: [{port: {number: 80}, http: {}}]}\n---\n` +
      `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: root, namespace: gw}\nspec:\n  hosts: [api.example.com]\n  virtualGateways: [{name: gw}]\n  http:\n    - name: teams\n      matchers: [{uri: {prefix: /}}]\n      delegate: ${delegate}\n`;
    const table = (name: string, more = '') => `---\napiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: ${name}, namespace: gw, labels: {team: ${name}}}\nspec:\n${more}  http: [{name: r, matchers: [{uri: {prefix: /${name}}}], directResponse: {status: 200}}]\n`;
    const found = async (text: string) => (await analyzeText(text)).findings.filter((f) => /^GW40(01|04|18)$/.test(f.code)).map((f) => `${f.code}@${f.line}:${f.column}`);

    it('the route serves nothing: a warning at the only selector, or at `delegate` where it names none (GW4004)', async () => {
      expect(await found(root('{routeTables: [{labels: {team: z}}]}'))).toEqual(['GW4004@15:32']);
      // `delegate: {}`: every child table of the workspace, and there is none
      expect(await found(root('{}'))).toEqual(['GW4004@15:7']);
      expect(await found(root('{sortMethod: TABLE_WEIGHT}'))).toEqual(['GW4004@15:7']);
      expect(await found(root('\n        sortMethod: TABLE_WEIGHT'))).toEqual(['GW4004@15:7']);
    });

    it('says why where a selector names a namespace or a table no object can be named (Payments, Orders)', async () => {
      const said = async (delegate: string) => (await analyzeText(root(delegate) + table('orders'))).findings.filter((f) => /^GW40(04|18)$/.test(f.code)).map((f) => `${f.code} ${f.message.slice(f.message.indexOf(': ') + 2)}`);
      expect(await said('{routeTables: [{namespace: Payments}]}')).toEqual(["GW4004 no namespace is named `Payments` (a namespace's name is lower-case letters, digits and '-')"]);
      expect(await said('{routeTables: [{name: Orders, namespace: gw}]}')).toEqual(["GW4004 no RouteTable is named `Orders` (a RouteTable's name is lower-case letters, digits, '-' and '.')"]);
      // one of several: the pre-wired one says it too (GW4018); a name that can be one says nothing more
      expect(await said('{routeTables: [{name: orders}, {name: Orders}]}')).toEqual(["GW4018 no RouteTable is named `Orders` (a RouteTable's name is lower-case letters, digits, '-' and '.'); the delegate's other selectors do"]);
      const other = (await analyzeText(root('{routeTables: [{name: other}]}'))).findings.filter((f) => f.code === 'GW4004');
      expect(other.map((f) => f.message)).toEqual(['this delegate selects no RouteTable, so the route serves nothing (404)']);
    });

    it('a listener\'s allowedRouteTables selector that names a namespace or a table no object can be named admits nothing, and says so (GW4049)', async () => {
      const gateway = (selectors: string) =>
        `apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: gw, namespace: gw}\nspec:\n  listeners:\n    - port: {number: 80}\n      http: {}\n      allowedRouteTables: [${selectors}]\n---\n` +
        `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: orders, namespace: gw}\nspec:\n  hosts: [api.example.com]\n  virtualGateways: [{name: gw}]\n  http: [{name: r, directResponse: {status: 200}}]\n`;
      const said = async (selectors: string) => (await analyzeText(gateway(selectors))).findings.filter((f) => /^GW40(13|49)$/.test(f.code)).map((f) => `${f.code}@${f.line}:${f.column} ${f.message}`);
      expect(await said('{host: "*", selector: {namespace: Gw}}, {host: "*", selector: {name: Orders}}')).toEqual([
        "GW4049@8:40 this allowedRouteTables entry of listener 80 admits no table: no namespace is named `Gw` (a namespace's name is lower-case letters, digits and '-')",
        "GW4049@8:80 this allowedRouteTables entry of listener 80 admits no table: no RouteTable is named `Orders` (a RouteTable's name is lower-case letters, digits, '-' and '.')",
        expect.stringMatching(/^GW4013@14:3 /),
      ]);
      // names that can be: nothing said of the selector
      expect(await said('{host: "*", selector: {namespace: gw, name: orders}}')).toEqual([]);
      // a workspace there is none of, where the manifests have Workspaces (without them, the field is not read)
      const workspace = `apiVersion: admin.gloo.solo.io/v2\nkind: Workspace\nmetadata: {name: gateways, namespace: gloo-mesh}\nspec:\n  workloadClusters: [{name: '*', namespaces: [{name: gw}]}]\n---\n`;
      const inWorkspaces = async (selectors: string) => (await analyzeText(workspace + gateway(selectors))).findings.filter((f) => f.code === 'GW4049').map((f) => f.message);
      expect(await inWorkspaces('{host: "*", selector: {workspace: gateway}}')).toEqual(['this allowedRouteTables entry of listener 80 admits no table: there is no workspace `gateway`']);
      expect(await inWorkspaces('{host: "*", selector: {workspace: gateways}}')).toEqual([]);
      expect(await said('{host: "*", selector: {workspace: gateway}}')).toEqual([]);
    });

    it('one of several selects a table the route cannot use (GW4001): the others are pre-wired, info (GW4018)', async () => {
      expect(await found(root('{routeTables: [{labels: {team: a}}, {labels: {team: z}}]}') + table('a', '  hosts: [a.example.com]\n'))).toEqual(['GW4018@15:53', 'GW4001@21:3']);
    });

    it('a delegating route replaced for a matcher Envoy refuses still selects the tables below it: they are not also never selected (GW4002)', async () => {
      const below = `---\napiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: a, namespace: gw, labels: {team: a}}\nspec:\n  http: [{name: b, matchers: [{uri: {prefix: /b}}], delegate: {routeTables: [{labels: {team: b}}]}}]\n`;
      const refused = root('{routeTables: [{labels: {team: a}}]}').replace('[{uri: {prefix: /}}]', '[{uri: {regex: "/(?=x)"}}]') + below + table('b');
      const { findings } = await analyzeText(refused);
      expect(findings.map((f) => f.code).filter((c) => /^GW40(02|15)$/.test(c))).toEqual(['GW4015']);
    });

    it('`delegate: {}` takes no root table, one with virtualGateways alone neither', async () => {
      const text = root('{}') + table('a') + table('edge', '  virtualGateways: [{name: gw}]\n');
      const { analysis, findings } = await analyzeText(text);
      expect(findings.filter((f) => /^GW40(01|04|18)$/.test(f.code))).toEqual([]);
      const names = analysis.model.listeners.flatMap((l) => l.hosts.flatMap((h) => h.routes.map((r) => `${h.host} ${r.name}`)));
      expect(names).toEqual(['api.example.com teams/r']);
    });
  });

  it('a route the schema refuses freezes a FREEZE_CONFIG tree, as any misconfigured route (GW4024)', async () => {
    const { findings } = await analyzeText(
      'apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: shop, namespace: gateways}\nspec:\n  hosts: [shop.example.com]\n  failureMode: FREEZE_CONFIG\n' +
        '  http:\n    - name: old\n      matchers: [{uri: {prefix: /old}}]\n      redirect: {pathRedirect: /new, responseCode: MOVED}\n    - name: home\n      matchers: [{uri: {prefix: /home}}]\n      directResponse: {status: 200}\n',
    );
    expect(findings.map((f) => f.code)).toEqual(['GW4003', 'GW4024', 'GW2005']);
    expect(findings[1]!.message).toContain('route `old` of this table\'s tree is misconfigured (GW2005)');
    expect(findings[1]!.message).toMatch(/\(1 misconfigured in all\)$/);
    // the first named, all counted
    const two = await analyzeText(
      'apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: shop, namespace: gateways}\nspec:\n  hosts: [shop.example.com]\n  failureMode: FREEZE_CONFIG\n' +
        '  http:\n    - name: old\n      matchers: [{uri: {prefix: /old}}]\n      redirect: {pathRedirect: /new, responseCode: MOVED}\n    - name: older\n      matchers: [{uri: {prefix: /older}}]\n      redirect: {pathRedirect: /new, responseCode: GONE}\n',
    );
    expect(two.findings.filter((f) => f.code === 'GW4024').map((f) => f.message)).toEqual([expect.stringMatching(/route `old` .*\(2 misconfigured in all\)$/)]);
  });
  it('a defaultDestination the schema refuses serves no route, its findings reported all the same', async () => {
    const { analysis, findings } = await analyzeText(
      'apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: aws, namespace: shop}\nspec: {aws: {accountId: "111111111111", region: us-east-2, lambda: {invokeRoleName: invoker}}}\n---\n' +
        'apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: shop, namespace: shop}\nspec:\n  hosts: [shop.example.com]\n' +
        '  defaultDestination:\n    awsLambda: {cloudProvider: {name: aws}, function: cart, qualifier: v 2}\n  http:\n    - name: cart\n      matchers: [{uri: {prefix: /cart}}]\n      forwardTo: {}\n',
    );
    expect(findings.map((f) => f.code)).toEqual(['GW4003', 'GW3007', 'GW2006']);
    const route = analysis.model.listeners[0]!.hosts[0]!.routes[0]!;
    expect(route.action).toMatchObject({ kind: 'direct', status: 500, replaced: { code: 'GW2006' } });
  });
});

describe('which of two 2.2 entries of one logicalName wins (GW3002): the older resource', () => {
  const provider = `apiVersion: networking.gloo.solo.io/v2
kind: CloudProvider
metadata: {name: aws, namespace: legacy}
spec:
  aws: {accountId: '333333333333', region: eu-central-1, lambda: {invokeRoleName: invoker}}
`;
  const resources = (name: string, fn: string, created?: string) => `---
apiVersion: networking.gloo.solo.io/v2
kind: CloudResources
metadata: {name: ${name}, namespace: legacy${created ? `, creationTimestamp: '${created}'` : ''}}
spec:
  provider: aws
  lambda: [{logicalName: report, lambdaFunctionName: ${fn}}]
`;
  const winner = async (text: string) => (await analyzeText(text)).findings.find((f) => f.code === 'GW3002')?.message.match(/the entry in CloudResources (\S+) wins/)?.[1];

  it('a resource with a creationTimestamp before one without, wherever each is written', async () => {
    expect(await winner(provider + resources('undated', 'report-a') + resources('dated', 'report-b', '2024-06-01T00:00:00Z'))).toBe('legacy/dated');
    expect(await winner(provider + resources('dated', 'report-b', '2024-06-01T00:00:00Z') + resources('undated', 'report-a'))).toBe('legacy/dated');
  });

  it('of two without one, the first by namespace and name, not by the order they are written in', async () => {
    expect(await winner(provider + resources('zz', 'report-a') + resources('aa', 'report-b'))).toBe('legacy/aa');
  });
});

/** A gateway of one plain listener, and a table for api.example.com of one route to these destinations. */
const gateway = `apiVersion: networking.gloo.solo.io/v2
kind: VirtualGateway
metadata: {name: gw, namespace: ops}
spec:
  listeners: [{port: {number: 80}, http: {}}]
`;
const route = (destination: string) => `---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: rt, namespace: ops}
spec:
  hosts: [api.example.com]
  virtualGateways: [{name: gw}]
  http: [{name: r, forwardTo: {destinations: [${destination}]}}]
`;

describe('resolving a Lambda destination: qualifiers, ARNs, discovery, the 2.2 form', () => {
  const provider = (lambda = '{invokeRoleName: invoker}') => `---
apiVersion: infrastructure.gloo.solo.io/v2
kind: CloudProvider
metadata: {name: aws, namespace: ops}
spec:
  aws: {accountId: '111111111111', region: us-east-1, lambda: ${lambda}}
`;
  const resources = (entries: string) => `---
apiVersion: infrastructure.gloo.solo.io/v2
kind: CloudResources
metadata: {name: fns, namespace: ops}
spec:
  provider: aws
  aws: {lambda: [${entries}]}
`;
  const resolve = async (text: string) => {
    const { analysis, findings } = await analyzeText(text);
    const action = analysis.model.listeners[0]?.hosts[0]?.routes[0]?.action;
    return { arns: action?.kind === 'forward' ? action.destinations.map((d) => (d.kind === 'lambda' ? d.arn : d.name)) : [action?.kind], codes: findings.map((f) => f.code) };
  };

  it('an entry given by ARN takes the ARN\'s qualifier when it gives none, and a route names it so', async () => {
    expect(await resolve(gateway + provider() + resources('{lambdaFunctionName: "arn:aws:lambda:us-east-1:111111111111:function:thumbs:3"}') + route('{awsLambda: {cloudProvider: {name: aws}, function: thumbs, qualifier: "3"}}'))).toEqual({ arns: ['arn:aws:lambda:us-east-1:111111111111:function:thumbs:3'], codes: [] });
  });

  it('a route\'s qualifier wins over the one its function ARN ends with', async () => {
    expect((await resolve(gateway + provider() + resources('{lambdaFunctionName: thumbs, qualifier: "5"}') + route('{awsLambda: {cloudProvider: {name: aws}, function: "arn:aws:lambda:us-east-1:111111111111:function:thumbs:3", qualifier: "5"}}'))).arns).toEqual(['arn:aws:lambda:us-east-1:111111111111:function:thumbs:5']);
  });

  it('discovery is off unless enabled, and provides no function of another account', async () => {
    const undeclared = route('{awsLambda: {cloudProvider: {name: aws}, function: thumbs}}');
    expect((await resolve(gateway + provider('{invokeRoleName: invoker, discovery: {roleName: reader}}') + undeclared)).codes).toEqual(['GW3007']);
    expect((await resolve(gateway + provider('{invokeRoleName: invoker, discovery: {enabled: true}}') + undeclared)).codes).toEqual(['GW3006']);
    const elsewhere = route('{awsLambda: {cloudProvider: {name: aws}, function: "arn:aws:lambda:us-east-1:222222222222:function:thumbs"}}');
    expect((await resolve(gateway + provider('{invokeRoleName: invoker, discovery: {enabled: true}}') + elsewhere)).codes).toEqual(['GW3007']);
  });

  it('two Services of one name on two ports are two destinations (no GW4040)', async () => {
    const twoPorts = route('{ref: {name: svc}, port: {number: 80}, weight: 50}, {ref: {name: svc}, port: {number: 8080}, weight: 50}');
    expect((await resolve(gateway + twoPorts)).codes).toEqual([]);
    const samePort = route('{ref: {name: svc}, port: {number: 80}, weight: 50}, {ref: {name: svc}, port: {number: 80}, weight: 50}');
    expect((await resolve(gateway + samePort)).codes).toEqual(['GW4040']);
  });
});

describe('the 2.2 form of a Lambda destination', () => {
  const text = (destination: string) =>
    gateway +
    `---
apiVersion: networking.gloo.solo.io/v2
kind: CloudProvider
metadata: {name: aws, namespace: ops}
spec:
  aws: {accountId: '111111111111', region: us-east-1, lambda: {invokeRoleName: invoker}}
---
apiVersion: networking.gloo.solo.io/v2
kind: CloudResources
metadata: {name: fns, namespace: ops}
spec:
  provider: aws
  lambda: [{logicalName: pay, lambdaFunctionName: pay, qualifier: '3'}, {lambdaFunctionName: audit}]
` +
    route(destination);
  const resolve = async (destination: string) => {
    const { analysis, findings } = await analyzeText(text(destination));
    const action = analysis.model.listeners[0]?.hosts[0]?.routes[0]?.action;
    return { to: action?.kind === 'forward' ? action.destinations.map((d) => (d.kind === 'lambda' ? `${d.arn} ${d.options.response}` : `service ${d.name}`)) : [action?.kind], codes: findings.map((f) => f.code).filter((c) => c !== 'GW3008') };
  };

  it('is a function by its `function` even without kind CLOUD_PROVIDER', async () => {
    expect((await resolve('{ref: {name: aws}, function: {logicalName: pay}}')).to).toEqual(['arn:aws:lambda:us-east-1:111111111111:function:pay:3 raw']);
  });

  it('both unwraps set: unwrapAsAlb wins, with GW3011', async () => {
    expect(await resolve('{ref: {name: aws}, kind: CLOUD_PROVIDER, function: {logicalName: pay, awsLambda: {unwrapAsAlb: true, unwrapAsApiGateway: true}}}')).toEqual({ to: ['arn:aws:lambda:us-east-1:111111111111:function:pay:3 unwrap-alb'], codes: ['GW3011'] });
  });

  it('the documented spelling (name and qualifier run together) is for a qualified entry only', async () => {
    expect((await resolve('{ref: {name: aws}, kind: CLOUD_PROVIDER, function: {logicalName: audit$LATEST}}')).codes).toEqual(['GW3005']);
  });
});
