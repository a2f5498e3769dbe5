import { describe, expect, it } from 'vitest';
import type { LambdaDestination } from '../../src/model/types';
import { Locator } from '../../src/source/locate';
import { analyzeText } from '../helpers/analyze-text';

// A route's destinations are placed by pointers made once per route pointer and index and shared by
// every table (model/destinations.ts): the same route, once as a document of its own and once as an
// item of a `kind: List`, must still place each destination and each finding in its own document.
const provider = `apiVersion: infrastructure.gloo.solo.io/v2
kind: CloudProvider
metadata: {name: aws, namespace: shop}
spec: {aws: {accountId: '123456789012', region: us-west-1, lambda: {invokeRoleName: shop-invoker}}}
---
apiVersion: infrastructure.gloo.solo.io/v2
kind: CloudResources
metadata: {name: functions, namespace: shop}
spec: {provider: aws, aws: {lambda: [{lambdaFunctionName: orders}]}}
`;
const table = (name: string, host: string, indent: string) =>
  [
    'apiVersion: networking.gloo.solo.io/v2',
    'kind: RouteTable',
    `metadata: {name: ${name}, namespace: shop}`,
    'spec:',
    `  hosts: [${host}]`,
    '  http:',
    '    - name: orders',
    '      forwardTo:',
    '        destinations:',
    '          - awsLambda: {cloudProvider: {name: aws}, function: orders}',
    '            weight: 50',
    '          - awsLambda: {cloudProvider: {name: aws}, function: missing}',
    '            weight: 50',
  ]
    .map((line, i) => (i === 0 ? line : indent + line))
    .join('\n');

const input = `${provider}---\n${table('alone', 'a.example.com', '')}\n---\napiVersion: v1\nkind: List\nitems:\n  - ${table('listed', 'b.example.com', '    ')}\n`;

describe('the anchors of destinations', () => {
  it('place each destination and each finding in its own document, a List item or not', async () => {
    const { analysis, findings } = await analyzeText(input);
    const lineOf = (text: string, from = 0) => input.slice(0, input.indexOf(text, from)).split('\n').length;
    const listStart = input.indexOf('kind: List');
    // the second destination of each table names a function not declared: one finding each, on its line
    expect(findings.filter((f) => f.code === 'GW3007').map((f) => f.line)).toEqual([lineOf('function: missing'), lineOf('function: missing', listStart)]);
    // the routes' destinations are replaced by a 500 (a destination is missing); the model's anchors of
    // the tables' routes are placed the same way
    const locator = new Locator();
    const routes = analysis.model.listeners.flatMap((l) => l.hosts.map((h) => [h.host, h.routes[0]!] as const));
    expect(routes.map(([host, r]) => [host, locator.locate(r.source).line])).toEqual([
      ['a.example.com', lineOf('- name: orders')],
      ['b.example.com', lineOf('- name: orders', listStart)],
    ]);
  });

  it('place the destinations the model keeps', async () => {
    const good = input.replaceAll('function: missing', 'function: orders');
    const { analysis, findings } = await analyzeText(good);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    const lineOf = (text: string, from = 0) => good.slice(0, good.indexOf(text, from)).split('\n').length;
    const listStart = good.indexOf('kind: List');
    const locator = new Locator();
    const placed = analysis.model.listeners.flatMap((l) =>
      l.hosts.map((h) => {
        const action = h.routes[0]!.action;
        return [h.host, (action.kind === 'forward' ? (action.destinations as LambdaDestination[]) : []).map((d) => locator.locate(d.source).line)] as const;
      }),
    );
    const first = lineOf('- awsLambda');
    const firstListed = lineOf('- awsLambda', listStart);
    expect(placed).toEqual([
      ['a.example.com', [first, first + 2]],
      ['b.example.com', [firstListed, firstListed + 2]],
    ]);
  });
});
