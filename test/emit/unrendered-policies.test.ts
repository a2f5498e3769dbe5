import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run-in-process';

type Finding = { code: string; message: string; file: string; line: number; severity: string };
const findingsOf = async (args: string[]) => {
  const result = await runInProcess([...args, '--findings-format', 'json', '-q']);
  return { code: result.code, findings: (JSON.parse(result.stderr).diagnostics as Finding[]).filter((f) => f.code === 'GW7016' || f.code === 'GW7017') };
};

const policy = (kind: string, group: string, spec: string) => `apiVersion: ${group}/v2\nkind: ${kind}\nmetadata: {name: p, namespace: team-a}\nspec:\n${spec}`;

describe('policies are not rendered, and render says so (GW7016; a security policy GW7017, an error)', () => {
  it('on every target that serves routes: an ExtAuthPolicy-protected route would be served to anyone, so nothing is written without --force', async () => {
    for (const [target, name] of [['envoy', 'Envoy'], ['gloo', 'Gloo Edge'], ['gateway-api', 'the Gateway API']] as const) {
      const { code, findings } = await findingsOf(['render', '-t', target, 'fixtures/real-world/policies-alongside', '-o', '/dev/null']);
      expect(code, target).toBe(1);
      expect(findings.map((f) => `${f.severity} ${f.code} ${f.file}:${f.line} ${f.message}`), target).toEqual([
        `error GW7017 fixtures/real-world/policies-alongside/policies.yaml:2 ExtAuthPolicy httpbin/httpbin is not rendered for ${name}: routes labelled oauth=true would be served by this output without it, to any caller`,
        `warning GW7016 fixtures/real-world/policies-alongside/policies.yaml:25 RateLimitPolicy httpbin/httpbin is not rendered for ${name}: routes labelled ratelimited=true are served by this output without it`,
      ]);
      // with --force, or the finding suppressed for that policy once its equivalent is in place, it is written
      expect((await findingsOf(['render', '-t', target, 'fixtures/real-world/policies-alongside', '-o', '/dev/null', '--force'])).code, target).toBe(0);
      expect((await findingsOf(['render', '-t', target, 'fixtures/real-world/policies-alongside', '-o', '/dev/null', '--suppress', 'GW7017=ExtAuthPolicy httpbin/httpbin'])).code, target).toBe(0);
    }
    // validate checks what Gloo will do, which applies the policies: nothing to say there; nor has iam
    const validated = await runInProcess(['validate', 'fixtures/real-world/policies-alongside', '-f', 'json', '-q']);
    expect(JSON.parse(validated.stdout).diagnostics).toEqual([]);
    expect((await findingsOf(['render', '-t', 'iam', 'fixtures/real-world/policies-alongside', '-o', '/dev/null'])).findings).toEqual([]);
  });

  it('says what each applies to: route labels and namespace, destinations, listeners, or every route of its workspace', async () => {
    const gateway = 'apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: gw, namespace: team-a}\nspec:\n  listeners: [{port: {number: 80}, http: {}}]\n';
    const cases: Array<[string, string]> = [
      [policy('JWTPolicy', 'security.policy.gloo.solo.io', '  applyToRoutes:\n    - route: {labels: {auth: jwt, tier: gold}, namespace: team-a}\n    - route: {labels: {auth: jwt2}}\n'), 'routes labelled auth=jwt, tier=gold in namespace team-a (and 1 more selector)'],
      [policy('RetryTimeoutPolicy', 'resilience.policy.gloo.solo.io', '  applyToRoutes:\n    - route: {}\n'), 'every route'],
      [policy('CORSPolicy', 'security.policy.gloo.solo.io', '  applyToRoutes:\n    - withDestinations: {selector: {name: orders}}\n'), 'routes to the destinations it selects'],
      [policy('OutlierDetectionPolicy', 'resilience.policy.gloo.solo.io', '  applyToDestinations:\n    - selector: {name: orders}\n'), 'the destinations it selects'],
      [policy('AccessLogPolicy', 'observability.policy.gloo.solo.io', '  config: {}\n'), 'the workloads of its workspace'],
      [policy('CSRFPolicy', 'security.policy.gloo.solo.io', '  config: {}\n'), 'the routes of its workspace'],
    ];
    for (const [text, applies] of cases) {
      const result = await runInProcess(['render', '-t', 'envoy', '-', '-o', '/dev/null', '--findings-format', 'json', '-q'], { input: `${gateway}---\n${text}` });
      const found = (JSON.parse(result.stderr).diagnostics as Finding[]).filter((f) => f.code === 'GW7016' || f.code === 'GW7017');
      expect(found.map((f) => f.message), applies).toEqual([expect.stringMatching(`is not rendered for Envoy: ${applies.replace(/[()]/g, '\\$&')} (are|would be) served by this output without it`)]);
    }
    // a security policy is an error where the gateway enforces it (routes, listeners, everything), and a
    // warning where destinations or workloads do (their sidecars), whatever serves the gateway
    const codeOf = async (text: string) => {
      const result = await runInProcess(['render', '-t', 'envoy', '-', '-o', '/dev/null', '--findings-format', 'json', '-q', '--force'], { input: `${gateway}---\n${text}` });
      return (JSON.parse(result.stderr).diagnostics as Finding[]).filter((f) => f.code.startsWith('GW701')).map((f) => `${f.code} ${f.severity}`);
    };
    expect(await codeOf(policy('ExtAuthPolicy', 'security.policy.gloo.solo.io', '  applyToRoutes:\n    - route: {labels: {a: b}}\n'))).toEqual(['GW7017 error']);
    expect(await codeOf(policy('WAFPolicy', 'security.policy.gloo.solo.io', '  config: {}\n'))).toEqual(['GW7017 error']);
    // a JWTPolicy with no selector is every route of its workspace (jwt_policy.proto): the gateway's
    expect(await codeOf(policy('JWTPolicy', 'security.policy.gloo.solo.io', '  config: {}\n'))).toEqual(['GW7017 error']);
    // an ExtAuthPolicy with no selector applies to no route and to every destination of its workspace
    // (ext_auth_policy.proto): enforced at them, as one of applyToDestinations is
    expect(await codeOf(policy('ExtAuthPolicy', 'security.policy.gloo.solo.io', '  config: {}\n'))).toEqual(['GW7016 warning']);
    expect(await codeOf(policy('AccessPolicy', 'security.policy.gloo.solo.io', '  applyToDestinations:\n    - selector: {name: orders}\n'))).toEqual(['GW7016 warning']);
    // so is an AccessPolicy with none: "all ports on all destinations in the workspace" (access_policy.proto)
    expect(await codeOf(policy('AccessPolicy', 'security.policy.gloo.solo.io', '  config: {}\n'))).toEqual(['GW7016 warning']);
    // a selector gwctl does not know is a selection it cannot place: the gateway's, failing closed
    expect(await codeOf(policy('AccessPolicy', 'security.policy.gloo.solo.io', '  applyToGateways:\n    - selector: {name: gw}\n'))).toEqual(['GW7017 error']);
    expect(await codeOf(policy('RateLimitPolicy', 'trafficcontrol.policy.gloo.solo.io', '  applyToRoutes:\n    - route: {labels: {a: b}}\n'))).toEqual(['GW7016 warning']);
    // a kind of another group is no Gloo policy
    const other = await runInProcess(['render', '-t', 'envoy', '-', '-o', '/dev/null', '--findings-format', 'json', '-q'], { input: `${gateway}---\n${policy('AuthorizationPolicy', 'security.istio.io', '  action: DENY\n')}` });
    expect(JSON.parse(other.stderr).diagnostics.map((f: Finding) => f.code)).not.toContain('GW7016');
  });

  it('leaves nothing behind of a policy that reaches no served route: by destination none forwards to (GW4057), or applied to destinations the output does not serve', async () => {
    const fixture = readFileSync('fixtures/model/semantics/policy-by-destination.yaml', 'utf8');
    const said = async (text: string) => {
      const result = await runInProcess(['render', '-t', 'envoy', '-', '-o', '/dev/null', '--findings-format', 'json', '-q', '--force'], { input: text });
      return (JSON.parse(result.stderr).diagnostics as Array<{ code: string; message: string }>).filter((f) => /^GW(4057|701[67])$/.test(f.code)).map((f) => `${f.code} ${f.message.split(' ').slice(0, 2).join(' ')}`).sort();
    };
    // the ExtAuthPolicy selects the route to the orders Service, and the AccessPolicy applies at that Service
    expect(await said(fixture)).toEqual(['GW4057 RetryTimeoutPolicy gateways/quotes-timeout', 'GW7016 AccessPolicy orders/orders-mesh', 'GW7017 ExtAuthPolicy gateways/orders-login']);
    // without that route the gateway forwards to Lambda alone: neither reaches a route it serves
    const lambdaOnly = fixture.replace(/    - name: orders\n[\s\S]*?number: 8080\n/, '');
    expect(lambdaOnly).not.toBe(fixture);
    expect(await said(lambdaOnly)).toEqual(['GW4057 ExtAuthPolicy gateways/orders-login', 'GW4057 RetryTimeoutPolicy gateways/quotes-timeout']);
  });

  it("a HeaderManipulationPolicy of route destinations leaves nothing behind where no served route forwards to one (GW4057 at its applyToRouteDestinations)", async () => {
    const gateway = 'apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: gw, namespace: shop}\nspec:\n  listeners: [{port: {number: 80}, http: {}}]\n---\napiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: shop}\nspec:\n  hosts: [shop.example.com]\n  virtualGateways: [{name: gw}]\n  http:\n';
    const status = '    - name: status\n      directResponse: {status: 200}\n';
    const orders = '    - name: orders\n      forwardTo: {destinations: [{ref: {name: orders}, port: {number: 8080}}]}\n';
    const policyText = '---\napiVersion: trafficcontrol.policy.gloo.solo.io/v2\nkind: HeaderManipulationPolicy\nmetadata: {name: tag, namespace: shop}\nspec:\n  applyToRouteDestinations:\n    - onDestinations: [{selector: {name: orders, namespace: shop}}]\n  config: {appendRequestHeaders: {x-team: shop}}\n';
    const said = async (routes: string) => {
      const result = await runInProcess(['render', '-t', 'envoy', '-', '-o', '/dev/null', '--findings-format', 'json', '-q'], { input: gateway + routes + policyText });
      return (JSON.parse(result.stderr).diagnostics as Finding[]).filter((f) => /^GW(4057|7016)$/.test(f.code)).map((f) => `${f.code} ${f.line}`);
    };
    const line = (routes: string) => (gateway + routes + policyText).split('\n').indexOf('  applyToRouteDestinations:') + 1;
    expect(await said(status)).toEqual([`GW4057 ${line(status)}`]);
    expect(await said(status + orders)).toEqual(['GW7016 ' + ((gateway + status + orders).split('\n').length + 1)]);
  });

  it("a security policy that selects a served gateway's proxies by applyToWorkloads is the gateway's: nothing is written without --force", async () => {
    for (const target of ['envoy', 'gloo', 'gateway-api']) {
      const { code, findings } = await findingsOf(['render', '-t', target, 'fixtures/render/gateway-access-policy.yaml', '-o', '/dev/null']);
      expect(code, target).toBe(1);
      expect(findings.map((f) => `${f.code} ${f.line}`), target).toEqual(['GW7017 73', 'GW7016 89']);
      expect(findings[0]!.message, target).toContain('the proxies of VirtualGateway istio-gateways/north-south-gw and the other workloads it selects would be served by this output without it, to any caller');
    }
  });

  it("reads each kind of Gloo Platform 2.14's policy groups as its proto says: what its empty selection is, and which apply to no served route at all", async () => {
    const fixture = 'fixtures/render/policy-kinds.yaml';
    for (const target of ['envoy', 'gloo', 'gateway-api']) {
      const { code, findings } = await findingsOf(['render', '-t', target, fixture, '-o', '/dev/null']);
      // no security policy of the gateway's routes: written without --force
      expect(code, target).toBe(0);
      expect(findings.map((f) => `${f.code} ${f.message.split(' ')[0]}: ${/: (.*) are served/.exec(f.message)?.[1]}`), target).toEqual([
        'GW7016 LuaPolicy: the routes of its workspace',
        // an OutlierDetectionPolicy selects no Kubernetes Service (the 2.14 CRD): not the route to one
        'GW7016 LoadBalancerPolicy: the destinations of its workspace',
        'GW7016 ConnectionPolicy: the destinations of its workspace',
        'GW7016 AdaptiveRequestConcurrencyPolicy: the destinations of its workspace',
        'GW7016 FailoverPolicy: the destinations of its workspace',
        'GW7016 ClientTLSPolicy: the destinations it selects',
        'GW7016 AccessLogPolicy: the workloads of its workspace',
        'GW7016 WasmDeploymentPolicy: the workloads of its workspace',
        'GW7016 TrimProxyConfigPolicy: the workloads of its workspace',
        // the served listener it selects, named; the ProxyProtocolPolicy's port 443 is none the gateway serves
        'GW7016 ListenerConnectionPolicy: listener shop/gw:80 and the others it selects',
      ]);
    }
    // the destination kinds a policy's kind can select: without the Service route, those that select
    // Services apply at nothing served; an OutlierDetectionPolicy (virtual destinations and external
    // services) reaches a route to either, a FailoverPolicy (Services and virtual destinations) and an
    // AdaptiveRequestConcurrencyPolicy not one to an ExternalService
    const text = readFileSync(fixture, 'utf8');
    const destinationKinds = async (kind?: string) => {
      const routes = kind === undefined ? text.replace(/    - name: orders\n[\s\S]*?number: 8080\n/, '') : text.replace('          - ref:\n              name: orders\n', `          - kind: ${kind}\n            ref:\n              name: orders\n`);
      expect(routes).not.toBe(text);
      const result = await runInProcess(['render', '-t', 'envoy', '-', '-o', '/dev/null', '--findings-format', 'json', '-q'], { input: routes });
      return (JSON.parse(result.stderr).diagnostics as Finding[]).filter((f) => f.code === 'GW7016' && /destinations/.test(f.message)).map((f) => f.message.split(' ')[0]);
    };
    expect(await destinationKinds()).toEqual([]);
    expect(await destinationKinds('VIRTUAL_DESTINATION')).toEqual(['OutlierDetectionPolicy', 'LoadBalancerPolicy', 'ConnectionPolicy', 'AdaptiveRequestConcurrencyPolicy', 'FailoverPolicy', 'ClientTLSPolicy']);
    expect(await destinationKinds('EXTERNAL_SERVICE')).toEqual(['OutlierDetectionPolicy', 'LoadBalancerPolicy', 'ConnectionPolicy', 'ClientTLSPolicy']);
    // and for one route: with a route to a VirtualDestination served beside the Service route, the
    // OutlierDetectionPolicy may apply to the first and not to the second, the FailoverPolicy to both
    const both = text.replace('    - name: orders\n', '    - name: virtual\n      matchers:\n        - uri:\n            prefix: /virtual\n      forwardTo:\n        destinations:\n          - kind: VIRTUAL_DESTINATION\n            ref:\n              name: orders-global\n            port:\n              number: 8080\n    - name: orders\n');
    expect(both).not.toBe(text);
    const policiesFor = async (path: string) => {
      const answer = await runInProcess(['routes', '-', '-q', '--format', 'json', '--request', `GET http://shop.example.com${path}`], { input: both });
      return JSON.parse(answer.stdout).answers[0].policies.map((p: { kind: string }) => p.kind);
    };
    expect(await policiesFor('/virtual')).toEqual(expect.arrayContaining(['FailoverPolicy', 'OutlierDetectionPolicy']));
    expect(await policiesFor('/orders/1')).not.toContain('OutlierDetectionPolicy');
    expect(await policiesFor('/orders/1')).toContain('FailoverPolicy');
    // a GraphQL route's policy applies to no route an output serves, even where its labels select one
    const graphql = await runInProcess(['routes', fixture, '-q', '--format', 'json', '--request', 'GET http://shop.example.com/pay']);
    const listed = JSON.parse(graphql.stdout).answers[0].policies.map((p: { kind: string }) => p.kind);
    expect(listed).toEqual(['LuaPolicy', 'ListenerConnectionPolicy', 'AccessLogPolicy', 'WasmDeploymentPolicy', 'TrimProxyConfigPolicy']);
  });

  it('migrate-report lists them before the routes: what to settle before switching', async () => {
    const json = JSON.parse((await runInProcess(['migrate-report', 'fixtures/real-world/policies-alongside', '--format', 'json', '-q'])).stdout);
    expect(json.before.map((b: { code: string }) => b.code)).toEqual(['GW7017', 'GW7016']);
  });
});
