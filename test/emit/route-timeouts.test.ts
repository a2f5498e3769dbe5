import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderTarget, yamlDocuments } from '../helpers/render-golden';
import { runInProcess } from '../helpers/run-in-process';

type Finding = { code: string; message: string; line: number; severity: string };
const FIXTURE = 'fixtures/render/route-timeouts.yaml';
const TARGETS = [['envoy', 'Envoy'], ['gloo', 'Gloo Edge'], ['gateway-api', 'the Gateway API']] as const;

const findingsOf = async (args: string[], input?: string) => {
  const result = await runInProcess(['render', ...args, '-o', '/dev/null', '--findings-format', 'json', '-q'], input === undefined ? {} : { input });
  return JSON.parse(result.stderr).diagnostics as Finding[];
};
const said = (findings: Finding[], ...codes: string[]) => findings.filter((f) => codes.includes(f.code)).map((f) => `${f.severity} ${f.code} ${f.line} ${f.message}`);

/** The timeout and idle timeout each rendered route to Lambda writes, by route name. */
const envoyWaits = (text: string) =>
  Object.fromEntries(
    parse(text).static_resources.listeners.flatMap((l: any) => l.filter_chains[0].filters[0].typed_config.route_config.virtual_hosts.flatMap((vh: any) => vh.routes)).filter((r: any) => r.route).map((r: any) => [r.name, [r.route.timeout, r.route.idle_timeout]]),
  );
const glooWaits = (text: string) =>
  Object.fromEntries(yamlDocuments(text).filter((d) => d.kind === 'VirtualService').flatMap((vs) => vs.spec.virtualHost.routes).filter((r: any) => r.routeAction).map((r: any) => [r.name, [r.options.timeout, r.options.idleTimeout]]));
const gatewayWaits = (text: string) => Object.fromEntries(yamlDocuments(text).filter((d) => d.kind === 'HTTPRoute').flatMap((r) => r.spec.rules).filter((r: any) => r.backendRefs).map((r: any) => [r.name, r.timeouts.request]));

describe('a RetryTimeoutPolicy\'s request timeout is each selected route\'s timeout in every output', () => {
  it('the policy\'s, the longest of two, none for 0s, and --route-timeout for routes no policy selects; an idle timeout of its own past 5 minutes', async () => {
    // [timeout, idle timeout]: Envoy's connection manager here, and Gloo Edge's gateway, keep 5 idle minutes
    const waits = { reports: ['600s', '660s'], quotes: ['90s', undefined], export: ['1200s', '1260s'], search: ['0s', '960s'], orders: ['35s', undefined] };
    expect(envoyWaits((await renderTarget('envoy', [FIXTURE])).stdout)).toEqual(waits);
    expect(glooWaits((await renderTarget('gloo', [FIXTURE])).stdout)).toEqual(waits);
    expect(gatewayWaits((await renderTarget('gateway-api', [FIXTURE])).stdout)).toEqual({ reports: '600s', quotes: '90s', export: '1200s', search: '0s', orders: '35s' });
  });

  it('the policies are rendered: no GW7016 for them; what they say of retries is left behind (GW7025); kgateway\'s idle streams are said (GW7109)', async () => {
    for (const [target, name] of TARGETS) {
      const findings = await findingsOf(['-t', target, FIXTURE]);
      expect(said(findings, 'GW7016', 'GW7017', 'GW7025'), target).toEqual([
        `warning GW7025 143 RetryTimeoutPolicy gateways/long-running is rendered for ${name} without what it says of retries (up to 2 on connect-failure, refused-stream): routes labelled timeout=long wait its request timeout, and retry as gwctl's outputs do, only what never reached the destination`,
        `warning GW7025 185 RetryTimeoutPolicy gateways/unbounded is rendered for ${name} without what it says of retries (\`attempts: 0\`, no retries): routes labelled timeout=none wait its request timeout, and retry as gwctl's outputs do, only what never reached the destination`,
      ]);
      expect(said(findings, 'GW7109'), target).toEqual(
        target === 'gateway-api'
          ? [
              "warning GW7109 86 route `export` waits 1200s for its answer (the requestTimeout of RetryTimeoutPolicy gateways/batch) and 2 more routes wait more than 4 minutes too, but kgateway's gateway ends a stream that sees no byte for 5 minutes (Envoy's default stream idle timeout, which no HTTPRoute field sets): a request still waiting then is answered 408 (it needs a stream idle timeout of 1260s)",
            ]
          : [],
      );
    }
  });

  it('a policy whose timeout is not read stays unrendered (GW7016): no requestTimeout, every route of its workspace, only routes of the mesh', async () => {
    const gateway = 'apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: gw, namespace: g}\nspec:\n  listeners: [{port: {number: 80}, http: {}}]\n---\napiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: g}\nspec:\n  hosts: [a.example.com]\n  virtualGateways: [{name: gw}]\n  http:\n    - name: r\n      labels: {x: y}\n      directResponse: {status: 200}\n';
    const policy = (spec: string) => `---\napiVersion: resilience.policy.gloo.solo.io/v2\nkind: RetryTimeoutPolicy\nmetadata: {name: p, namespace: g}\nspec:\n${spec}`;
    const codes = async (spec: string) => (await findingsOf(['-t', 'envoy', '-'], gateway + policy(spec))).filter((f) => f.code.startsWith('GW70')).map((f) => f.code);
    expect(await codes('  applyToRoutes: [{route: {labels: {x: y}}}]\n  config: {retries: {attempts: 3}}\n')).toEqual(['GW7016']);
    expect(await codes('  config: {requestTimeout: 20s}\n')).toEqual(['GW7016']);
    expect(await codes('  applyToRoutes: [{route: {labels: {x: y}}}]\n  config: {requestTimeout: 20s}\n')).toEqual([]);
    // one that selects only routes of tables for sidecars (Solo's workshop): the output serves none of them
    const mesh = await findingsOf(['-t', 'envoy', 'fixtures/real-world/mesh-route-policies', '--force']);
    expect(said(mesh, 'GW7016', 'GW7025').map((f) => f.split(' ').slice(0, 5).join(' '))).toEqual(['warning GW7016 6 FaultInjectionPolicy bookinfo-frontends/ratings-fault-injection', 'warning GW7016 48 RetryTimeoutPolicy bookinfo-frontends/reviews-request-timeout']);
  });

  it('--route-timeout past 4 minutes: an idle timeout on each Gloo Edge route, the connection manager\'s in Envoy, GW7109 for kgateway', async () => {
    const glooText = (await renderTarget('gloo', ['fixtures/examples', '--route-timeout', '10m'])).stdout;
    const routes = Object.values(glooWaits(glooText));
    expect(routes.length).toBeGreaterThan(0);
    for (const wait of routes) expect(wait).toEqual(['600s', '660s']);
    const envoy = parse((await renderTarget('envoy', ['fixtures/examples', '--route-timeout', '10m'])).stdout);
    const hcm = envoy.static_resources.listeners[1].filter_chains[0].filters[0].typed_config;
    expect(hcm.stream_idle_timeout).toBe('660s');
    expect(Object.values(envoyWaits(JSON.stringify(envoy))).every(([timeout, idle]) => timeout === '600s' && idle === undefined)).toBe(true);
    const gateway = said(await findingsOf(['-t', 'gateway-api', 'fixtures/examples', '--route-timeout', '10m']), 'GW7109');
    expect(gateway).toEqual([expect.stringMatching(/^warning GW7109 \d+ route `[^`]+` waits 600s for its answer \(--route-timeout\) and \d+ more routes wait more than 4 minutes too, but/)]);
    // 4 minutes leaves the stream a minute of idle time under the 5
    expect(said(await findingsOf(['-t', 'gateway-api', 'fixtures/examples', '--route-timeout', '4m']), 'GW7109')).toEqual([]);
  });

  it('the Gateway API\'s duration in whole units of at most five digits: 123.456 s is 2m3s456ms', async () => {
    const text = (await renderTarget('gateway-api', ['fixtures/examples', '--route-timeout', '123.456s'])).stdout;
    expect(new Set(Object.values(gatewayWaits(text)))).toEqual(new Set(['2m3s456ms']));
  });
});
