import { describe, expect, it } from 'vitest';
import { analyzeText } from '../helpers/analyze-text';
import { runInProcess } from '../helpers/run-in-process';
import type { Destination, RouteNode } from '../../src/model/types';

/** A CloudProvider in namespace shop of account 111111111111 in us-east-1; `group`: 2.3+'s or 2.2's */
const provider = (name: string, role: string, group = 'infrastructure') =>
  `apiVersion: ${group}.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: ${name}, namespace: shop}\nspec: {aws: {accountId: '111111111111', region: us-east-1${role ? `, lambda: {invokeRoleName: ${role}}` : ''}}}\n---\n`;

/** CloudResources of a provider in namespace shop: its `lambda` list as flow YAML, under `aws` from 2.3 on */
const resources = (name: string, of: string, lambda: string, group = 'infrastructure') =>
  `apiVersion: ${group}.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  provider: ${of}\n  ${group === 'networking' ? `lambda: ${lambda}` : `aws: {lambda: ${lambda}}`}\n---\n`;

// A 2.3+ CloudProvider `aws` and its functions (two of another account, by ARN); a second provider
// `other` of the same account with another invoke role; a 2.2 provider `legacy` with the logical name
// `alb-echo`.
const providers =
  provider('aws', 'invoker') +
  provider('other', 'auditor') +
  resources(
    'fns',
    'aws',
    "[{lambdaFunctionName: orders}, {lambdaFunctionName: orders, qualifier: '7'}, {lambdaFunctionName: payments}, " +
      "{lambdaFunctionName: 'arn:aws:lambda:eu-west-1:222222222222:function:reports'}, {lambdaFunctionName: 'arn:aws:lambda:eu-west-1:222222222222:function:orders:3'}]",
  ) +
  resources('other-fns', 'other', '[{lambdaFunctionName: orders}]') +
  provider('legacy', 'invoker', 'networking') +
  resources('legacy-fns', 'legacy', '[{lambdaFunctionName: alb-echo, logicalName: alb-echo}]', 'networking');

const table = (http: string) => `${providers}apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: t, namespace: shop}
spec:
  hosts: [shop.example.com]
  http:
${http}`;

/** a destination to a function; `provider`: a CloudProvider's name in the table's namespace, or a whole reference */
const fn = (name: string, more = '', provider = 'aws') => `{awsLambda: {cloudProvider: ${provider.startsWith('{') ? provider : `{name: ${provider}}`}, function: ${name}${more}}}`;
const route = (name: string, destinations: string[], more = '') => `    - name: ${name}\n      matchers: [{uri: {prefix: /${name}}}]\n      forwardTo: {${more}destinations: [${destinations.join(', ')}]}\n`;

async function analyzed(http: string, more = '') {
  const { analysis, findings } = await analyzeText(more + table(http));
  const routes = new Map<string, RouteNode>(analysis.model.listeners.flatMap((l) => l.hosts.flatMap((h) => h.routes.map((r) => [r.name, r] as const))));
  const destinations = (name: string): Destination[] => {
    const action = routes.get(name)?.action;
    return action?.kind === 'forward' ? [...action.destinations] : [];
  };
  const said = (code: string) => findings.filter((f) => f.code === code).map((f) => f.message);
  return { routes, destinations, said };
}

describe('a route\'s destinations, as the model resolves them', () => {
  it('says a destination named twice, with the share of each and in all (GW4040); not another role, options or cluster', async () => {
    const { said } = await analyzed(
      route('twice', [fn('orders').replace(/}$/, ', weight: 30}'), fn('orders').replace(/}$/, ', weight: 70}')]) +
        route('roles', [fn('orders'), fn('orders', '', 'other')]) +
        route('options', [fn('orders'), fn('orders', ', options: {requestTransformation: REQUEST_DISABLE}')]) +
        route('clusters', ['{ref: {name: api, cluster: east}, port: {number: 80}}', '{ref: {name: api, cluster: west}, port: {number: 80}}']),
    );
    expect(said('GW4040')).toEqual(['this destination, function orders (CloudProvider shop/aws), is destination 1 of the route again: its 70% goes to the same backend, 100% in all']);
  });

  it('reads a 2.3+ destination\'s options and a 2.2 destination\'s, each as written', async () => {
    const { destinations } = await analyzed(
      route('plain', [fn('orders')]) + route('raw', [fn('orders', ', options: {invocationStyle: ASYNC, requestTransformation: REQUEST_DISABLE, responseTransformation: RESPONSE_DISABLE}')]),
    );
    const options = (list: Destination[]) => list.map((d) => (d.kind === 'lambda' ? d.options : undefined));
    expect(options(destinations('plain'))).toEqual([{ invocation: 'sync', request: 'wrap', response: 'unwrap-api-gateway' }]);
    expect(options(destinations('raw'))).toEqual([{ invocation: 'async', request: 'raw', response: 'raw' }]);
    // a table whose destinations name `kind: CLOUD_PROVIDER` is read as 2.2
    const legacy = await analyzed(route('legacy', ['{ref: {name: legacy}, kind: CLOUD_PROVIDER, function: {logicalName: alb-echo, awsLambda: {invocationStyle: ASYNC, unwrapAsAlb: true}}}']));
    expect(options(legacy.destinations('legacy'))).toEqual([{ invocation: 'async', request: 'raw', response: 'unwrap-alb' }]);
  });

  it('reads a Service\'s port by name, its kind, and an empty subset as none (proto3)', async () => {
    const { destinations } = await analyzed(route('svc', ['{ref: {name: api}, kind: VIRTUAL_DESTINATION, port: {name: http}, subset: {}}']));
    expect(destinations('svc')).toEqual([expect.objectContaining({ kind: 'service', targetKind: 'VIRTUAL_DESTINATION', name: 'api', namespace: 'shop', port: 'http' })]);
    expect(destinations('svc')[0]).not.toHaveProperty('subset');
  });

  it('takes a regexRewrite without a substitution as the empty one: what the pattern matches is removed', async () => {
    const { routes } = await analyzed(route('strip', [fn('orders')], 'regexRewrite: {pattern: {regex: "^/strip"}}, '));
    expect(routes.get('strip')!.action).toMatchObject({ kind: 'forward', regexRewrite: { pattern: '^/strip', substitution: '' } });
  });

  it('says which field a destination that names nothing lacks, in the words of its dialect (GW2003)', async () => {
    const { said } = await analyzed(route('nothing', ['{weight: 1}']));
    expect(said('GW2003')).toEqual(['This destination, which has no `awsLambda`, is missing the required field `ref`']);
  });

  it('says where a CloudProvider of another dialect or a nearby name is (GW3001)', async () => {
    const { said } = await analyzed(route('dialect', [fn('orders', '', 'legacy')]) + route('near', [fn('orders', '', 'awz')]));
    expect(said('GW3001')).toEqual([
      'CloudProvider `shop/legacy` is not in the input; a CloudProvider of that name exists in networking.gloo.solo.io/v2 (2.2): route to it with `kind: CLOUD_PROVIDER` and `function`, or move it to infrastructure.gloo.solo.io/v2',
      'CloudProvider `shop/awz` is not in the input; did you mean `shop/aws`?',
    ]);
  });

  it('says a CloudProvider of that name is in another namespace, or one a few characters away for a long name', async () => {
    const { said } = await analyzed(route('elsewhere', [fn('orders', '', '{name: aws, namespace: billing}')]) + route('near', [fn('orders', '', 'paymnts-acct')]), provider('payments-account', ''));
    expect(said('GW3001')).toEqual([
      'CloudProvider `billing/aws` is not in the input; there is one in namespace shop (a reference without a namespace means the RouteTable\'s own)',
      'CloudProvider `shop/paymnts-acct` is not in the input; did you mean `shop/payments-account`?',
    ]);
  });

  it('suggests a 2.2 logical name that is declared (GW3005)', async () => {
    const { said } = await analyzed(route('legacy', ['{ref: {name: legacy}, kind: CLOUD_PROVIDER, function: {logicalName: alb-ech}}']));
    expect(said('GW3005')).toEqual(['logicalName `alb-ech` is not declared by any CloudResources of CloudProvider shop/legacy; did you mean `alb-echo`?']);
  });

  it('names an undeclared function by what it is: the qualifiers declared, a near name, or the ARN elsewhere (GW3007)', async () => {
    const { said } = await analyzed(
      route('qualifier', [fn('orders', ', qualifier: "9"')]) +
        route('near', [fn('payment')]) +
        route('away', [fn('"arn:aws:lambda:us-west-2:111111111111:function:orders"')]),
    );
    expect(said('GW3007')).toEqual([
      "function `orders` (qualifier `9`) is declared by no CloudResources of CloudProvider shop/aws, and its discovery is off; declared qualifiers: $LATEST, 7",
      'function `payment` (qualifier `$LATEST`) is declared by no CloudResources of CloudProvider shop/aws, and its discovery is off; did you mean `payments`?',
      "function `arn:aws:lambda:us-west-2:111111111111:function:orders` (qualifier `$LATEST`) is declared by no CloudResources of CloudProvider shop/aws, and its discovery is off; a function of that name is declared in the provider's account 111111111111 and region us-east-1, which the ARN does not name",
    ]);
  });

  it('a declared name with a colon (GW2006) is no function and qualifier: `orders:prod` does not declare `orders` at `prod`', async () => {
    const more = resources('colon', 'aws', "[{lambdaFunctionName: 'orders:prod'}]");
    const { said } = await analyzed(route('r', [fn('orders', ', qualifier: prod')]), more);
    expect(said('GW3007')).toEqual(['function `orders` (qualifier `prod`) is declared by no CloudResources of CloudProvider shop/aws, and its discovery is off; declared qualifiers: $LATEST, 7']);
  });

  it('a CloudResources without a provider (the schema says so) declares nothing, and those after it are read', async () => {
    // `shop/a-first` sorts before `shop/fns`: read first
    const more = 'apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: a-first, namespace: shop}\nspec: {aws: {lambda: [{lambdaFunctionName: stray}]}}\n---\n';
    const { destinations, said } = await analyzed(route('r', [fn('orders')]) + route('s', [fn('stray')]), more);
    expect(destinations('r').map((d) => d.kind === 'lambda' && d.arn)).toEqual(['arn:aws:lambda:us-east-1:111111111111:function:orders']);
    expect(said('GW3007')).toEqual(['function `stray` (qualifier `$LATEST`) is declared by no CloudResources of CloudProvider shop/aws, and its discovery is off']);
  });

  it('of two 2.2 entries with one logicalName the older resource\'s wins, by creationTimestamp before input order (GW3002)', async () => {
    const legacy = (name: string, created: string, fn: string) =>
      `---\napiVersion: networking.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: ${name}, namespace: shop, creationTimestamp: '${created}'}\nspec:\n  provider: legacy\n  lambda: [{lambdaFunctionName: ${fn}, logicalName: echo}]\n`;
    const input = provider('legacy', '', 'networking').replace(/---\n$/, '') + legacy('b-newer', '2024-02-01T00:00:00Z', 'two') + legacy('a-older', '2024-01-01T00:00:00Z', 'one');
    const result = await runInProcess(['validate', '-', '--format', 'json'], { input });
    const [gw3002] = JSON.parse(result.stdout).diagnostics.filter((d: { code: string }) => d.code === 'GW3002');
    expect(gw3002.message).toBe('logicalName `echo` is declared twice for CloudProvider shop/legacy: the entry in CloudResources shop/a-older wins (older), the one in CloudResources shop/b-newer is ignored');
    expect(gw3002.related.map((r: { message: string; line: number }) => [r.message, r.line])).toEqual([['declared here (wins: older)', 18], ['also declared here (ignored)', 11]]);
  });

  it('the documented spelling (`pay3`) names an entry without a logicalName only; one with its own is named by it (GW3005)', async () => {
    const more = provider('old', '', 'networking') +
      resources('old-fns', 'old', "[{lambdaFunctionName: pay, qualifier: '3', logicalName: payments}, {lambdaFunctionName: bill, qualifier: '4'}]", 'networking');
    const legacy = (name: string) => `{ref: {name: old}, kind: CLOUD_PROVIDER, function: {logicalName: ${name}}}`;
    const { destinations, said } = await analyzed(route('own', [legacy('pay3')]) + route('documented', [legacy('bill4')]), more);
    expect(destinations('own')).toEqual([]);
    expect(said('GW3005')).toEqual([expect.stringMatching(/^logicalName `pay3` /)]);
    expect(destinations('documented').map((d) => d.kind === 'lambda' && d.arn)).toEqual(['arn:aws:lambda:us-east-1:111111111111:function:bill:4']);
  });

  it('a 2.3 function and qualifier declared twice is reported where it is read second, pointing at the first (GW3003)', async () => {
    // undated, CloudResources are read by name: shop/again before shop/fns, though it comes last
    const input = table(route('r', [fn('orders')])) + '---\n' + resources('again', 'aws', "[{lambdaFunctionName: payments}]").replace(/---\n$/, '');
    const result = await runInProcess(['validate', '-', '--format', 'json'], { input });
    const [gw3003] = JSON.parse(result.stdout).diagnostics.filter((d: { code: string }) => d.code === 'GW3003');
    const fns = input.split('\n').findIndex((l) => l.includes('{lambdaFunctionName: payments}, {lambdaFunctionName:')) + 1;
    expect([gw3003.line, gw3003.related]).toEqual([fns, [expect.objectContaining({ message: 'first declared here', line: input.split('\n').length - 1 })]]);
  });

  it('a CloudProvider without its region (GW2003) serves no function: its routes are replaced, not sent to an ARN without a region', async () => {
    const input = provider('aws', '').replace(", region: us-east-1", '') + table(route('r', [fn('f')])).replace(providers, '');
    const { analysis } = await analyzeText(input);
    const [r] = analysis.model.listeners[0]!.hosts[0]!.routes;
    expect(r!.action).toMatchObject({ kind: 'direct', status: 500 });
    expect(analysis.model.providers).toEqual([]);
  });
});
