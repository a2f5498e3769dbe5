// Adversarial shapes for the benchmark: what a monorepo can hold that the regular corpus does not.
// Each is one file, written deterministically; `n` is the number of tables, routes or workspaces.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const table = (name, ns, spec, labels) => `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: ${name}, namespace: ${ns}${labels ? `, labels: ${labels}` : ''}}\nspec:\n${spec}`;

/** one table of n routes on one host, route i named `name(i)` */
const oneHost = (n, name) => table('big', 'gw', `  hosts: [api.example.com]\n  http:\n${Array.from({ length: n }, (_, i) => `    - name: ${name(i)}\n      matchers: [{uri: {prefix: /p${i}/}}]\n      directResponse: {status: 200}\n`).join('')}`);

export const SHAPES = {
  /** one gateway table delegating by label to n child tables */
  children: (n) => [
    table('gw', 'gw', '  hosts: [api.example.com]\n  http:\n    - name: all\n      delegate:\n        routeTables:\n          - labels: {team: x}\n'),
    ...Array.from({ length: n }, (_, i) => table(`c${i}`, 'gw', `  http:\n    - name: r\n      matchers: [{uri: {prefix: /c${i}/}}]\n      directResponse: {status: 200}\n`, '{team: x}')),
  ],
  /** n routes on one host, in one table */
  'one-host': (n) => [oneHost(n, (i) => `r${i}`)],
  /** n routes of one name on one host, in one table: a warning on each (GW3010), placed in one large document */
  'one-name': (n) => [oneHost(n, () => 'r')],
  /** n routes on one host, a prefix, an exact path and a regular expression in turn (rendered for the Gateway API: its precedence check) */
  'mixed-paths': (n) => [
    table('big', 'gw', `  hosts: [api.example.com]\n  http:\n${Array.from({ length: n }, (_, i) => `    - name: r${i}\n      matchers: [{uri: ${[`{prefix: /p${i}}`, `{exact: /e${i}}`, `{regex: '/r${i}/[0-9]+'}`][i % 3]}}]\n      directResponse: {status: 200}\n`).join('')}`),
  ],
  /** n routes on one prefix, told apart by a header */
  'one-prefix': (n) => [table('big', 'gw', `  hosts: [api.example.com]\n  http:\n${Array.from({ length: n }, (_, i) => `    - name: r${i}\n      matchers: [{uri: {prefix: /api}, headers: [{name: x-tenant, value: t${i}}]}]\n      directResponse: {status: 200}\n`).join('')}`)],
  /** n workspaces, each exporting to all and importing by glob, with a table each */
  workspaces: (n) =>
    Array.from({ length: n }, (_, i) => [
      `apiVersion: admin.gloo.solo.io/v2\nkind: Workspace\nmetadata: {name: w${i}, namespace: gloo-mesh}\nspec:\n  workloadClusters:\n    - name: c1\n      namespaces: [{name: ns${i}}]\n`,
      `apiVersion: admin.gloo.solo.io/v2\nkind: WorkspaceSettings\nmetadata: {name: w${i}, namespace: ns${i}}\nspec:\n  exportTo: [{workspaces: [{name: '*'}]}]\n  importFrom: [{workspaces: [{name: 'w*'}]}]\n`,
      table(`t${i}`, `ns${i}`, `  hosts: [h${i}.example.com]\n  http:\n    - name: r\n      directResponse: {status: 200}\n`),
    ]).flat(),
  /** one function in one account exposed by n CloudProviders, each invoking as its own role, and a route to each: n clusters (rendered) */
  'one-function': (n) => [
    ...Array.from({ length: n }, (_, i) => [
      `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: aws-${i}, namespace: gw}\nspec:\n  aws:\n    accountId: '111111111111'\n    region: us-east-1\n    lambda: {invokeRoleName: invoker-${i}}\n`,
      `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: functions-${i}, namespace: gw}\nspec:\n  provider: aws-${i}\n  aws:\n    lambda:\n      - lambdaFunctionName: shared\n`,
    ]).flat(),
    table('big', 'gw', `  hosts: [api.example.com]\n  http:\n${Array.from({ length: n }, (_, i) => `    - name: r${i}\n      matchers: [{uri: {prefix: /p${i}/}}]\n      forwardTo: {destinations: [{awsLambda: {cloudProvider: {name: aws-${i}}, function: shared}}]}\n`).join('')}`),
  ],
};

export function writeAdversarial(shape, n, file) {
  mkdirSync(dirname(file), { recursive: true });
  const docs = SHAPES[shape](n);
  writeFileSync(file, docs.join('---\n'));
  return { documents: docs.length };
}
