import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze';
import { renderGatewayApi } from '../../src/emit/gateway-api/render-gateway-api';
import { loadRegexEngine } from '../../src/model/regex-engine';
import { memoryHost } from '../helpers/memory-host';

const OPTIONS = { gatewayClass: 'kgateway', namespace: 'gwctl', routeTimeoutSeconds: 15, toolVersion: 'test', regex: await loadRegexEngine() };

// Two host sets: big.example.com with 40 routes (three HTTPRoutes of 16, 16 and 8 rules), and
// small.example.com with a route whose inverted header match the Gateway API cannot state (GW7103 from
// the rules themselves), a direct response body longer than kgateway takes (GW7103 from the
// DirectResponse set), a Lambda destination in another namespace (a ReferenceGrant) and a regex rewrite
// (a TrafficPolicy).
const route = (i: number) => `    - name: r${i}\n      matchers:\n        - uri:\n            prefix: /p${i}/\n      directResponse:\n        status: ${200 + i}\n`;
const FILES = {
  '/in/big.yaml': `apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata:
  name: big
  namespace: apis
spec:
  hosts: [big.example.com]
  http:
${Array.from({ length: 40 }, (_, i) => route(i)).join('')}`,
  '/in/small.yaml': `apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata:
  name: small
  namespace: apis
spec:
  hosts: [small.example.com]
  http:
    - name: inverted
      matchers:
        - uri:
            prefix: /a
          headers:
            - name: x-beta
              value: "1"
              invertMatch: true
      directResponse:
        status: 418
        body: ${'x'.repeat(5000)}
    - name: fn
      matchers:
        - uri:
            prefix: /fn
      forwardTo:
        regexRewrite:
          pattern:
            regex: ^/fn/(.*)
          substitution: /\\1
        destinations:
          - awsLambda:
              cloudProvider:
                name: lambdas
                namespace: team-b
              function: orders
---
apiVersion: infrastructure.gloo.solo.io/v2
kind: CloudProvider
metadata:
  name: lambdas
  namespace: team-b
spec:
  aws:
    accountId: "111111111111"
    region: us-east-1
    lambda:
      invokeRoleName: invoke
---
apiVersion: infrastructure.gloo.solo.io/v2
kind: CloudResources
metadata:
  name: functions
  namespace: team-b
spec:
  provider: lambdas
  aws:
    lambda:
      - lambdaFunctionName: orders
`,
};

describe('Gateway API HTTPRoutes are made as they are written', () => {
  it('each the same whatever order they are read in, read again or not, with the findings of their rules taken once', async () => {
    const host = memoryHost(FILES);
    const { model, findings: analysisFindings } = await analyze(host, { paths: ['/in'], stdinName: '<stdin>' });
    expect(analysisFindings.filter((f) => f.severity === 'error')).toEqual([]);
    const emitted = renderGatewayApi(model, OPTIONS);
    const found = emitted.findings.map((f) => `${f.code} ${f.message}`);
    expect(found.filter((f) => f.startsWith('GW7103'))).toEqual([
      expect.stringContaining('the inverted header match on x-beta'),
      expect.stringContaining('a direct response body of 5,000 characters'),
    ]);
    const routes = emitted.documents.filter((d) => d.name.startsWith('httproute-'));
    expect(routes.map((d) => d.name)).toEqual([
      ...[0, 1, 2].map((i) => `httproute-gwctl-gwctl-default-10000-big.example.com-00${i}.yaml`),
      'httproute-gwctl-gwctl-default-10000-small.example.com.yaml',
    ]);
    const inOrder = routes.map((d) => d.value);
    expect(inOrder.map((v: any) => v.spec.rules.length)).toEqual([16, 16, 8, 2]);
    expect(inOrder.flatMap((v: any) => v.spec.rules.map((r: any) => r.name))).toEqual([...Array.from({ length: 40 }, (_, i) => `r${i}`), 'inverted', 'fn']);
    // backwards, from one host set to the other and back, and one twice: each the same as in order
    for (const i of [3, 1, 3, 0, 2, 2]) expect(routes[i]!.value).toEqual(inOrder[i]);
    // made again, the rules added no finding, no Backend, DirectResponse or TrafficPolicy, no grant
    expect(emitted.findings.map((f) => `${f.code} ${f.message}`)).toEqual(found);
    expect(emitted.documents.filter((d) => !d.name.startsWith('httproute-')).map((d) => d.name)).toEqual([
      'gateway-gwctl-gwctl-default.yaml',
      'backend-team-b-lambda-orders.yaml',
      ...Array.from({ length: 40 }, (_, i) => `directresponse-gwctl-direct-${200 + i}.yaml`),
      'directresponse-gwctl-direct-418.yaml',
      'trafficpolicy-gwctl-regex-rewrite.yaml',
      'referencegrant-team-b-gwctl-httproutes-from-gwctl.yaml',
    ]);
    const fn = (inOrder[3] as any).spec.rules[1];
    expect(fn.backendRefs).toEqual([{ group: 'gateway.kgateway.dev', kind: 'Backend', name: 'lambda-orders', namespace: 'team-b', weight: 100 }]);
    expect(fn.filters).toEqual([{ type: 'ExtensionRef', extensionRef: { group: 'gateway.kgateway.dev', kind: 'TrafficPolicy', name: 'regex-rewrite' } }]);
  });
});
