import { describe, expect, it } from 'vitest';
import { analyzeText as analyzeAll } from '../helpers/analyze-text';

// schema findings only: the later stages' findings are tested with the model
const analyzeText = async (text: string) => {
  const result = await analyzeAll(text);
  return { ...result, findings: result.findings.filter((f) => f.code.startsWith('GW2')) };
};

const routeTable = (http: string) =>
  `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata:\n  name: rt\n  namespace: team-a\nspec:\n  hosts: [a.example.com]\n  http:\n${http}`;

describe('schema findings', () => {
  it('puts an unknown key on the key and suggests the right spelling', async () => {
    const { findings } = await analyzeText(
      routeTable('  - name: r\n    delegate:\n      allowedRoutes:\n      - cloudProvider:\n          aws:\n            iam_roles: [x]\n'),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'GW2001', line: 14, column: 13, endLine: 14, endColumn: 22 });
    expect(findings[0]!.message).toBe('unknown field `iam_roles` in `spec.http[].delegate.allowedRoutes[].cloudProvider.aws`; did you mean `iamRoles`?');
  });

  it('says where a misplaced key belongs: on an enclosing object, or one level down', async () => {
    const { findings } = await analyzeText(
      routeTable('  - name: r\n    matchers:\n    - prefix: /x\n      delegate: {}\n    directResponse: {status: 200}\n'),
    );
    expect(findings.map((f) => [f.code, f.line, f.column, f.message])).toEqual([
      ['GW2002', 11, 7, '`prefix` is not a field of a matcher (spec.http[].matchers[]): it belongs under `uri`, as `spec.http[].matchers[].uri.prefix`'],
      ['GW2002', 12, 7, '`delegate` is not a field of a matcher (spec.http[].matchers[]): it belongs on the route, as `spec.http[].delegate`'],
    ]);
  });

  it('names the nearest enclosing object a key belongs on, and a place one level down only', async () => {
    const { findings } = await analyzeText(
      routeTable('  - name: r\n    prefix: /x\n    forwardTo: {destinations: [{ref: {name: a, weight: 5}, port: {number: 80}}]}\n'),
    );
    expect(findings.map((f) => [f.code, f.message])).toEqual([
      // valid two levels down (`matchers[].uri.prefix`) is too far to say where it belongs
      ['GW2001', 'unknown field `prefix` in a route (spec.http[]); allowed: delegate, directResponse, forwardTo, graphql, labels, matchers, name, redirect'],
      // `weight` is a field of the destination and of the spec: the destination encloses it nearer
      ['GW2002', '`weight` is not a field of `spec.http[].forwardTo.destinations[].ref`: it belongs on the destination, as `spec.http[].forwardTo.destinations[].weight`'],
    ]);
  });

  it('names the other dialect when a key belongs to it', async () => {
    const { findings } = await analyzeText(
      'apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: f, namespace: ns}\nspec:\n  provider: p\n  aws:\n    lambda:\n    - lambdaFunctionName: echo\n      logicalName: echo\n',
    );
    expect(findings[0]!.code).toBe('GW2002');
    expect(findings[0]!.message).toContain('belongs to the 2.2 dialect (`spec.lambda[].logicalName`)');
  });

  it('lists the allowed fields when nothing is close', async () => {
    const { findings } = await analyzeText(
      'apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: p, namespace: ns}\nspec:\n  aws: {accountId: "111111111111", region: us-east-1, zzz: 1}\n',
    );
    expect(findings[0]!.message).toBe('unknown field `zzz` in `spec.aws`; allowed: accountId, lambda, region, stsEndpoint');
  });

  it('explains types, enums, patterns and ranges with the value found', async () => {
    const { findings } = await analyzeText(
      'apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: p, namespace: ns}\nspec:\n  aws: {accountId: 111111111111, region: mars-1}\n' +
        '---\n' +
        routeTable('  - name: r\n    matchers: [{method: get}]\n    directResponse: {status: 42}\n  - name: s\n    redirect: {responseCode: found}\n'),
    );
    expect(findings.map((f) => [f.code, f.message])).toEqual([
      ['GW2004', "`spec.aws.accountId` must be a string, not a number (111111111111); write it in quotes so YAML keeps it a string"],
      ['GW2006', '`spec.aws.region` must be an AWS region name such as us-west-1; got `mars-1`'],
      // no GW2005 for `method: get`: the CRD types method as a string (the model warns, GW4020)
      ['GW2007', '`spec.http[0].directResponse.status` must be at least 100; got 42'],
      ['GW2005', '`spec.http[1].redirect.responseCode` must be one of MOVED_PERMANENTLY, FOUND, SEE_OTHER, TEMPORARY_REDIRECT, PERMANENT_REDIRECT; got `found`; did you mean `FOUND`?'],
    ]);
  });

  it('gives a length limit in characters, one of them in the singular', async () => {
    const { findings } = await analyzeText(
      'apiVersion: networking.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: f, namespace: ns}\nspec:\n  provider: p\n  lambda:\n  - {lambdaFunctionName: echo, logicalName: ""}\n' +
        '---\n' +
        routeTable('  - name: r\n    forwardTo: {destinations: [{ref: {name: a, namespace: ' + 'n'.repeat(64) + '}, port: {number: 80}}]}\n'),
    );
    expect(findings.map((f) => [f.code, f.message])).toEqual([
      ['GW2007', '`spec.lambda[0].logicalName` must be at least 1 character long; got ``'],
      ['GW2007', `\`spec.http[0].forwardTo.destinations[0].ref.namespace\` must be at most 63 characters long; got \`${'n'.repeat(64)}\``],
    ]);
  });

  it('reports fields that exclude each other once, on the second one', async () => {
    const { findings } = await analyzeText(routeTable('  - name: r\n    redirect: {hostRedirect: x}\n    directResponse: {status: 200}\n'));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'GW2008', line: 11, column: 5 });
    expect(findings[0]!.message).toContain('sets `redirect` and `directResponse`');
  });

  it('says a value of the wrong type is that, once: not also a oneOf no branch of which it matches, nor a missing field', async () => {
    const { findings } = await analyzeAll(routeTable('  - ~\n  - 7\n  - name: s\n    forwardTo: {destinations: [7, {port: {number: 80}}]}\n'));
    expect(findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.line, f.message])).toEqual([
      ['GW2004', 9, '`spec.http[0]` must be a mapping, not null'],
      ['GW2004', 10, '`spec.http[1]` must be a mapping, not a number (7)'],
      ['GW2004', 12, '`spec.http[2].forwardTo.destinations[0]` must be a mapping, not a number (7)'],
      // a mapping that names nothing is told what it lacks
      ['GW2003', 12, 'This destination, which has no `awsLambda`, is missing the required field `ref`'],
    ]);
    // a port written as a number where a mapping holds `number` or `name`: the type says it, the oneOf would not
    const port = await analyzeText(routeTable('  - name: s\n    forwardTo: {destinations: [{ref: {name: a}, port: 80}]}\n'));
    expect(port.findings.map((f) => [f.code, f.message])).toEqual([['GW2004', '`spec.http[0].forwardTo.destinations[0].port` must be a mapping, not a number (80)']]);
  });

  it('does not report a misspelt required field twice', async () => {
    const { findings } = await analyzeText(
      'apiVersion: networking.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: f, namespace: ns}\nspec:\n  provider: p\n  lambda:\n  - lambdaFunctionNmae: echo\n',
    );
    expect(findings.map((f) => f.code)).toEqual(['GW2001']);
  });

  it('reports the same problem at two places twice, each at its place', async () => {
    // the message names the generic place (`spec.http[]`), the same for both routes
    const { findings } = await analyzeText(routeTable('  - {name: a, zzz: 1, directResponse: {status: 200}}\n  - {name: b, zzz: 1, directResponse: {status: 200}}\n'));
    expect(findings.map((f) => [f.code, f.line, f.column])).toEqual([['GW2001', 9, 15], ['GW2001', 10, 15]]);
    expect(findings[0]!.message).toBe(findings[1]!.message);
  });

  it('reports the first 100 schema problems of a resource and counts the rest in one GW2011', async () => {
    const routes = (n: number) => routeTable(Array.from({ length: n }, (_, i) => `  - {name: r${i}, zzz: 1, directResponse: {status: 200}}\n`).join(''));
    const hundred = await analyzeText(routes(100));
    expect(hundred.findings.map((f) => f.code)).toEqual(Array(100).fill('GW2001'));
    const more = await analyzeText(routes(101));
    // the count is placed on the resource, before the problems it follows
    expect(more.findings.map((f) => f.code)).toEqual(['GW2011', ...Array(100).fill('GW2001')]);
    expect(more.findings[0]).toMatchObject({ line: 1, message: 'this resource has 1 more schema problem; the first 100 are reported' });
    expect(more.findings.at(-1)).toMatchObject({ line: 108 });
    expect((await analyzeText(routes(103))).findings[0]!.message).toBe('this resource has 3 more schema problems; the first 100 are reported');
  });

  it('accepts the published 2.2 example as it is', async () => {
    const { readFileSync } = await import('node:fs');
    const { findings } = await analyzeText(readFileSync('fixtures/seeds/01-gloo-platform-lambda.yaml', 'utf8'));
    expect(findings).toEqual([]);
  });
});
