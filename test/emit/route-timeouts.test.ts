import { readFileSync } from 'node:fs';
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

  it('the policies are rendered: no GW7016 for them; what they say of retries is left behind (GW7025)', async () => {
    for (const [target, name] of TARGETS) {
      const findings = await findingsOf(['-t', target, FIXTURE]);
      expect(said(findings, 'GW7016', 'GW7017', 'GW7025'), target).toEqual([
        `warning GW7025 144 RetryTimeoutPolicy gateways/long-running is rendered for ${name} without what it says of retries (up to 2 on connect-failure, refused-stream): routes labelled timeout=long wait its request timeout, and retry as gwctl's outputs do, only what never reached the destination`,
        `warning GW7025 186 RetryTimeoutPolicy gateways/unbounded is rendered for ${name} without what it says of retries (\`attempts: 0\`, no retries): routes labelled timeout=none wait its request timeout, and retry as gwctl's outputs do, only what never reached the destination`,
      ]);
    }
  });

  it('kgateway: a rule that waits past 5 minutes refers to a TrafficPolicy of the stream idle timeout it needs, one per namespace and value', async () => {
    const docs = yamlDocuments((await renderTarget('gateway-api', [FIXTURE])).stdout);
    const policies = Object.fromEntries(docs.filter((d) => d.kind === 'TrafficPolicy').map((d) => [d.metadata.name, d.spec]));
    expect(policies).toEqual({ 'stream-idle': { timeouts: { streamIdle: '660s' } }, 'stream-idle-2': { timeouts: { streamIdle: '1260s' } }, 'stream-idle-3': { timeouts: { streamIdle: '960s' } } });
    const refs = Object.fromEntries(docs.filter((d) => d.kind === 'HTTPRoute').flatMap((r) => r.spec.rules).map((r: any) => [r.name, (r.filters ?? []).filter((f: any) => f.type === 'ExtensionRef').map((f: any) => `${f.extensionRef.kind}/${f.extensionRef.name}`)]));
    expect(refs).toEqual({ reports: ['TrafficPolicy/stream-idle'], quotes: [], export: ['TrafficPolicy/stream-idle-2'], search: ['TrafficPolicy/stream-idle-3'], health: ['DirectResponse/direct-200'], orders: [] });
  });

  it('kgateway: a rule with a regex rewrite and a long wait has one TrafficPolicy holding both', async () => {
    const input = readFileSync(FIXTURE, 'utf8').replace("              function: reports\n", "              function: reports\n        regexRewrite:\n          pattern:\n            regex: ^/reports/(.*)\n          substitution: /\\1\n");
    const result = await runInProcess(['render', '-t', 'gateway-api', '-', '-q', '--min-severity', 'error'], { input });
    expect(result.stderr).toBe('');
    const docs = yamlDocuments(result.stdout);
    const reports = docs.filter((d) => d.kind === 'HTTPRoute').flatMap((r) => r.spec.rules).find((r: any) => r.name === 'reports');
    expect(reports.filters).toEqual([{ type: 'ExtensionRef', extensionRef: { group: 'gateway.kgateway.dev', kind: 'TrafficPolicy', name: 'regex-rewrite' } }]);
    expect(docs.find((d) => d.kind === 'TrafficPolicy' && d.metadata.name === 'regex-rewrite')!.spec).toEqual({ urlRewrite: { pathRegex: { pattern: '^/reports/(.*)', substitution: '/\\1' } }, timeouts: { streamIdle: '660s' } });
  });

  it('a policy whose timeout is not read stays unrendered (GW7016): no requestTimeout, only routes of the mesh', async () => {
    const gateway = 'apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: gw, namespace: g}\nspec:\n  listeners: [{port: {number: 80}, http: {}}]\n---\napiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: g}\nspec:\n  hosts: [a.example.com]\n  virtualGateways: [{name: gw}]\n  http:\n    - name: r\n      labels: {x: z}\n      directResponse: {status: 200}\n';
    const policy = (spec: string) => `---\napiVersion: resilience.policy.gloo.solo.io/v2\nkind: RetryTimeoutPolicy\nmetadata: {name: p, namespace: g}\nspec:\n${spec}`;
    const codes = async (spec: string) => (await findingsOf(['-t', 'envoy', '-'], gateway + policy(spec))).filter((f) => f.code.startsWith('GW70')).map((f) => f.code);
    expect(await codes('  applyToRoutes: [{route: {labels: {x: z}}}]\n  config: {retries: {attempts: 3}}\n')).toEqual(['GW7016']);
    // (`x: z`: a `y` is a boolean to YAML 1.1, as kubectl reads it, a label value the CRD refuses)
    // no selector: every route of its workspace, which is every route without a Workspace in the input
    expect(await codes('  config: {requestTimeout: 20s}\n')).toEqual([]);
    expect(await codes('  applyToRoutes: [{route: {labels: {x: z}}}]\n  config: {requestTimeout: 20s}\n')).toEqual([]);
    // one that selects only routes of tables for sidecars (Solo's workshop): the output serves none of them
    const mesh = await findingsOf(['-t', 'envoy', 'fixtures/real-world/mesh-route-policies', '--force']);
    expect(said(mesh, 'GW7016', 'GW7025').map((f) => f.split(' ').slice(0, 5).join(' '))).toEqual(['warning GW7016 6 FaultInjectionPolicy bookinfo-frontends/ratings-fault-injection', 'warning GW7016 48 RetryTimeoutPolicy bookinfo-frontends/reviews-request-timeout']);
  });

  it('a policy with no selector: every route of its workspace waits its timeout, in every output, and no other workspace\'s', async () => {
    const args = ['fixtures/examples', 'fixtures/render/workspace-timeout.yaml'];
    const envoy = envoyWaits((await renderTarget('envoy', args)).stdout);
    expect(envoy).toEqual({ 'team-a/orders-canary': ['35s', undefined], 'team-a/order-events': ['35s', undefined], 'team-a/catalogue': ['35s', undefined], 'team-b/invoices-beta': ['120s', undefined], 'team-b/invoices': ['120s', undefined] });
    expect(glooWaits((await renderTarget('gloo', args)).stdout)).toEqual(envoy);
    expect(gatewayWaits((await renderTarget('gateway-api', args)).stdout)).toEqual(Object.fromEntries(Object.entries(envoy).map(([name, [timeout]]) => [name.replace('/', '-'), timeout])));
    // rendered, so not left behind; nothing said of it
    expect(said(await findingsOf(['-t', 'envoy', ...args]), 'GW7016', 'GW4047')).toEqual([]);
  });

  it('a policy in a namespace no configuration is read from times out nothing, in every output (GW6009)', async () => {
    const args = ['fixtures/render/unread-policy-timeout.yaml'];
    // the draft policy's 45 s is in no output: the orders route keeps --route-timeout
    const envoy = envoyWaits((await renderTarget('envoy', args)).stdout);
    expect(envoy).toEqual({ orders: ['35s', undefined], reports: ['90s', undefined] });
    expect(glooWaits((await renderTarget('gloo', args)).stdout)).toEqual(envoy);
    expect(gatewayWaits((await renderTarget('gateway-api', args)).stdout)).toEqual({ orders: '35s', reports: '90s' });
    const findings = await findingsOf(['-t', 'envoy', ...args]);
    expect(said(findings, 'GW6009', 'GW7016', 'GW7025', 'GW4047').map((f) => f.split(' ').slice(0, 4).join(' '))).toEqual(['warning GW6009 108 RetryTimeoutPolicy']);
  });

  it('--route-timeout past 4 minutes: an idle timeout on each Gloo Edge route, the connection manager\'s in Envoy, a TrafficPolicy\'s for kgateway', async () => {
    const glooText = (await renderTarget('gloo', ['fixtures/examples', '--route-timeout', '10m'])).stdout;
    const routes = Object.values(glooWaits(glooText));
    expect(routes.length).toBeGreaterThan(0);
    for (const wait of routes) expect(wait).toEqual(['600s', '660s']);
    const envoy = parse((await renderTarget('envoy', ['fixtures/examples', '--route-timeout', '10m'])).stdout);
    const hcm = envoy.static_resources.listeners[1].filter_chains[0].filters[0].typed_config;
    expect(hcm.stream_idle_timeout).toBe('660s');
    expect(Object.values(envoyWaits(JSON.stringify(envoy))).every(([timeout, idle]) => timeout === '600s' && idle === undefined)).toBe(true);
    // kgateway: every forwarding rule refers to the one TrafficPolicy of 660 s in its namespace
    const gateway = yamlDocuments((await renderTarget('gateway-api', ['fixtures/examples', '--route-timeout', '10m'])).stdout);
    const forwarding = gateway.filter((d) => d.kind === 'HTTPRoute').flatMap((r) => r.spec.rules).filter((r: any) => r.backendRefs);
    expect(forwarding.length).toBeGreaterThan(0);
    for (const rule of forwarding) expect(rule.filters.filter((f: any) => f.type === 'ExtensionRef').map((f: any) => f.extensionRef.name)).toEqual(['stream-idle']);
    expect(gateway.filter((d) => d.kind === 'TrafficPolicy').map((d) => d.spec)).toEqual([{ timeouts: { streamIdle: '660s' } }]);
    // 4 minutes leaves the stream a minute of idle time under the 5: nothing more
    expect(yamlDocuments((await renderTarget('gateway-api', ['fixtures/examples', '--route-timeout', '4m'])).stdout).filter((d) => d.kind === 'TrafficPolicy')).toEqual([]);
  });

  it('the Gateway API\'s duration in whole units of at most five digits: 123.456 s is 2m3s456ms', async () => {
    const text = (await renderTarget('gateway-api', ['fixtures/examples', '--route-timeout', '123.456s'])).stdout;
    expect(new Set(Object.values(gatewayWaits(text)))).toEqual(new Set(['2m3s456ms']));
  });
});
