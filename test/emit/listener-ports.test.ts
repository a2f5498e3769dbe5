import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { analyzeText } from '../helpers/analyze-text';
import { envoyInvariantViolations } from '../helpers/envoy/invariants';
import { glooBehaviourViolations } from '../helpers/gloo-checks';
import { gatewayApiErrors } from '../helpers/gateway-api-checks';
import { yamlDocuments } from '../helpers/render-golden';
import { runInProcess } from '../helpers/run-in-process';

const gateway = (name: string, listeners: string) =>
  `apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: ${name}, namespace: ops}\nspec:\n  listeners:\n${listeners}---\n`;
const table = (name: string, host: string, gw: string) =>
  `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: ${name}, namespace: ops}\nspec:\n  hosts: ['${host}']\n  virtualGateways: [{name: ${gw}}]\n  http: [{name: r, directResponse: {status: 200, body: ${name}}}]\n---\n`;
const plain = (port: number, host?: string) => `    - {port: {number: ${port}}, http: {}${host ? `, allowedRouteTables: [{host: '${host}'}]` : ''}}\n`;
const tls = (port: number, cert: string, host?: string) =>
  `    - {port: {number: ${port}}, http: {}, tls: {mode: SIMPLE, files: {serverCert: /c/${cert}.crt, privateKey: /c/${cert}.key}}${host ? `, allowedRouteTables: [{host: '${host}'}]` : ''}}\n`;

// the documents as one stream, without the empty document a trailing separator leaves (GW1007)
const one = (text: string) => text.replace(/---\n$/, '');
const envoy = (input: string, ...args: string[]) => runInProcess(['render', '--target', 'envoy', '-', '-q', ...args], { input });
const listenersOf = (stdout: string) => parse(stdout.replace(/^#.*\n/gm, '')).static_resources.listeners;

describe('listeners of a VirtualGateway on one port (the model)', () => {
  it('reads two plain listeners of one port as one, admitting what either admits, with no GW4013', async () => {
    const { analysis, findings } = await analyzeText(one(gateway('gw', plain(80, 'a.example.com') + plain(80, 'b.example.com')) + table('a', 'a.example.com', 'gw') + table('b', 'b.example.com', 'gw')));
    expect(findings.map((f) => f.code)).toEqual([]);
    expect(analysis.model.listeners.map((l) => [l.name, l.hosts.map((h) => h.host)])).toEqual([['ops/gw:80', ['a.example.com', 'b.example.com']]]);
  });

  it('keeps TLS listeners with certificates of their own apart, under names of their own', async () => {
    const { analysis, findings } = await analyzeText(one(gateway('gw', tls(443, 'a', 'a.example.com') + tls(443, 'b', 'b.example.com')) + table('a', 'a.example.com', 'gw') + table('b', 'b.example.com', 'gw')));
    expect(findings.map((f) => f.code)).toEqual([]);
    expect(analysis.model.listeners.map((l) => [l.name, l.hosts.map((h) => h.host)])).toEqual([
      ['ops/gw:443', ['a.example.com']],
      ['ops/gw:443~2', ['b.example.com']],
    ]);
  });

  it('refuses what Gloo refuses: the same first host, or another appProtocol, on one port (GW4029)', async () => {
    const same = await analyzeText(one(gateway('gw', plain(80) + tls(80, 'a')) + table('a', 'a.example.com', 'gw')));
    expect(same.findings.map((f) => [f.code, f.message.replace(/ \(".*$/, '')])).toEqual([
      ['GW4029', 'this listener binds port 80 like an earlier listener of the VirtualGateway, and its appProtocol is HTTPS, the earlier one\'s HTTP'],
    ]);
    const firstHost = await analyzeText(one(gateway('gw', plain(80, 'a.example.com') + plain(80, 'a.example.com')) + table('a', 'a.example.com', 'gw')));
    expect(firstHost.findings.map((f) => f.code)).toEqual(['GW4029']);
    expect(firstHost.findings[0]!.message).toContain('both have appProtocol HTTP and the first host `a.example.com`');
    expect(firstHost.analysis.model.listeners).toHaveLength(1);
    // another appProtocol is refused whatever the first hosts
    const other = await analyzeText(one(gateway('gw', plain(80, 'a.example.com') + tls(80, 'b', 'b.example.com')) + table('a', 'a.example.com', 'gw')));
    expect(other.findings.map((f) => f.message.replace(/ \(".*$/, ''))).toEqual(['this listener binds port 80 like an earlier listener of the VirtualGateway, and its appProtocol is HTTPS, the earlier one\'s HTTP']);
  });

  it('keeps a listener that redirects to HTTPS apart from one of its port that serves', async () => {
    const redirect = `    - {port: {number: 80}, http: {}, httpsRedirect: true, allowedRouteTables: [{host: 'b.example.com'}]}\n`;
    const { analysis } = await analyzeText(one(gateway('gw', plain(80, 'a.example.com') + redirect) + table('a', 'a.example.com', 'gw') + table('b', 'b.example.com', 'gw')));
    expect(analysis.model.listeners.map((l) => [l.name, l.httpsRedirect, l.hosts.map((h) => h.host)])).toEqual([['ops/gw:80', false, ['a.example.com']], ['ops/gw:80~2', true, ['b.example.com']]]);
  });
});

describe('a listener that refuses a table\'s hosts (GW4013)', () => {
  it('is named as one listener, or as the listeners of its gateway that all refuse them', async () => {
    const single = await analyzeText(one(gateway('gw', plain(80, 'x.example.com')) + table('a', 'a.example.com', 'gw')));
    expect(single.findings.filter((f) => f.code === 'GW4013').map((f) => f.message)).toEqual([
      'RouteTable ops/a attaches to listener ops/gw:80, whose allowedRouteTables do not admit its hosts a.example.com: they are not served there',
    ]);
    const both = await analyzeText(one(gateway('gw', plain(80, 'x.example.com') + plain(81, 'y.example.com')) + table('a', 'a.example.com', 'gw')));
    expect(both.findings.filter((f) => f.code === 'GW4013').map((f) => f.message)).toEqual([
      'RouteTable ops/a attaches to listeners ops/gw:80, ops/gw:81, whose allowedRouteTables do not admit its hosts a.example.com: they are not served there',
    ]);
  });

  it('admits a wildcard host its own wildcard covers: `*.api.example.com` under `*.example.com`, not `*.example.org`', async () => {
    const { analysis, findings } = await analyzeText(one(gateway('gw', plain(80, '*.example.com')) + table('a', '*.api.example.com', 'gw') + table('b', '*.example.org', 'gw')));
    expect(analysis.model.listeners.map((l) => l.hosts.map((h) => h.host))).toEqual([['*.api.example.com']]);
    expect(findings.filter((f) => f.code === 'GW4013').map((f) => f.message)).toEqual([expect.stringContaining('RouteTable ops/b attaches to listener ops/gw:80')]);
  });
});

describe('a listener\'s appProtocol', () => {
  it('is one Gloo allows for an HTTP listener, with or without TLS (GW4032), compared without case', async () => {
    const listeners = `    - {port: {number: 80}, http: {}, appProtocol: tcp}\n    - {port: {number: 81}, http: {}, appProtocol: http2}\n` + tls(443, 'a').replace('}}\n', '}, appProtocol: HTTP}\n');
    const { analysis, findings } = await analyzeText(one(gateway('gw', listeners) + table('a', 'a.example.com', 'gw')));
    expect(findings.map((f) => [f.code, f.message.replace(/ \(virtual_gateway.*$/, '')])).toEqual([
      ['GW4032', 'listener 80 has appProtocol `tcp`; an HTTP listener without `tls` takes none or GRPC, GRPC-WEB, HTTP, HTTP_PROXY, HTTP2'],
      ['GW4032', 'listener 443 has appProtocol `HTTP`; an HTTP listener with `tls` takes none or HTTPS'],
    ]);
    expect(analysis.model.listeners.map((l) => l.name)).toEqual(['ops/gw:81']);
  });
});

describe('listeners of one port in the one proxy gwctl renders (Envoy, Gloo Edge)', () => {
  const twoGateways = gateway('gw-a', plain(80)) + gateway('gw-b', plain(80)) + table('a', 'a.example.com', 'gw-a') + table('b', 'b.example.com', 'gw-b');

  it('Envoy: one listener per port, with the virtual hosts of every gateway on it', async () => {
    const result = await envoy(twoGateways);
    expect(result.code).toBe(0);
    const listeners = listenersOf(result.stdout);
    expect(listeners.map((l: any) => [l.name, l.address.socket_address.port_value])).toEqual([['ops.gw-a.80', 80]]);
    expect(listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts.map((v: any) => v.domains)).toEqual([['a.example.com'], ['b.example.com']]);
    expect(envoyInvariantViolations(parse(result.stdout.replace(/^#.*\n/gm, '')))).toEqual([]);
  });

  it('Envoy: the admin interface moves off a port a listener binds', async () => {
    const bootstrap = parse((await envoy(gateway('gw', plain(9901) + plain(9902)) + table('a', 'a.example.com', 'gw'))).stdout.replace(/^#.*\n/gm, ''));
    expect(bootstrap.admin.address.socket_address).toEqual({ address: '127.0.0.1', port_value: 9903 });
    expect(envoyInvariantViolations(bootstrap)).toEqual([]);
  });

  it('Envoy: TLS listeners of a port are a filter chain each, chosen by SNI', async () => {
    const result = await envoy(gateway('gw', tls(443, 'a', 'a.example.com') + tls(443, 'b', 'b.example.com')) + table('a', 'a.example.com', 'gw') + table('b', 'b.example.com', 'gw'));
    const [listener] = listenersOf(result.stdout);
    expect(listener.listener_filters.map((f: any) => f.name)).toEqual(['envoy.filters.listener.tls_inspector']);
    expect(listener.filter_chains.map((c: any) => [c.filter_chain_match.server_names, c.transport_socket.typed_config.common_tls_context.tls_certificates[0].certificate_chain.filename])).toEqual([
      [['a.example.com'], '/c/a.crt'],
      [['b.example.com'], '/c/b.crt'],
    ]);
  });

  it('refuses what one port cannot serve (GW7014), and renders the earlier listener under --force', async () => {
    const sameHost = gateway('gw-a', plain(80)) + gateway('gw-b', plain(80)) + table('a', 'a.example.com', 'gw-a') + table('b', 'a.example.com', 'gw-b');
    const refused = await envoy(sameHost);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('listener ops/gw-b:80 shares port 80 with listener ops/gw-a:80 in the one Envoy proxy gwctl renders, and both serve host a.example.com: this listener\'s is left out  GW7014');
    const forced = await envoy(sameHost, '--force');
    const hosts = listenersOf(forced.stdout)[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts;
    expect(hosts.map((v: any) => [v.domains, v.routes[0].direct_response.body.inline_string])).toEqual([[['a.example.com'], 'a']]);

    const mixed = await envoy(gateway('gw-a', tls(8443, 'a')) + gateway('gw-b', plain(8443)) + table('a', 'a.example.com', 'gw-a') + table('b', 'b.example.com', 'gw-b'), '--force');
    expect(mixed.stderr).toContain('listener ops/gw-b:8443 shares port 8443 with listener ops/gw-a:8443 in the one Envoy proxy gwctl renders, and it serves plain HTTP and the other TLS: this listener is left out');
    expect(listenersOf(mixed.stdout)).toHaveLength(1);

    // a TLS listener whose every host another on the port serves is left out whole: no chain without hosts
    const sameTlsHost = await envoy(gateway('gw-a', tls(443, 'a')) + gateway('gw-b', tls(443, 'b')) + table('a', 'a.example.com', 'gw-a') + table('b', 'a.example.com', 'gw-b'), '--force');
    expect(listenersOf(sameTlsHost.stdout)[0].filter_chains.map((c: any) => c.filter_chain_match?.server_names ?? null)).toEqual([null]);
    expect(envoyInvariantViolations(parse(sameTlsHost.stdout.replace(/^#.*\n/gm, '')))).toEqual([]);

    // a listener serving `*` is the filter chain without server names, which takes what no name matches
    const anyHost = `    - {port: {number: 443}, http: {}, tls: {mode: SIMPLE, files: {serverCert: /c/a.crt, privateKey: /c/a.key}}, allowedRouteTables: [{host: '*', selector: {name: a}}]}\n`;
    const twoDefaults = await envoy(gateway('gw', anyHost + tls(443, 'b', '*.b.example.com')) + table('a', '*', 'gw') + table('b', 'x.b.example.com', 'gw'));
    expect(twoDefaults.code).toBe(0);
    expect(listenersOf(twoDefaults.stdout)[0].filter_chains.map((c: any) => c.filter_chain_match?.server_names ?? null)).toEqual([null, ['x.b.example.com']]);
  });

  it('Envoy: a TLS listener of a shared port one of whose hosts SNI cannot name is the chain without names', async () => {
    // listener 1 serves a.example.com and `*`: no list of server names covers `*`, so its chain takes what no name matches
    const both = `    - {port: {number: 443}, http: {}, tls: {mode: SIMPLE, files: {serverCert: /c/a.crt, privateKey: /c/a.key}}, allowedRouteTables: [{host: 'a.example.com'}, {host: '*', selector: {name: any}}]}\n`;
    const result = await envoy(gateway('gw', both + tls(443, 'b', 'b.example.com')) + table('a', 'a.example.com', 'gw') + table('any', '*', 'gw') + table('b', 'b.example.com', 'gw'));
    expect(result.code).toBe(0);
    expect(listenersOf(result.stdout)[0].filter_chains.map((c: any) => c.filter_chain_match?.server_names ?? null)).toEqual([null, ['b.example.com']]);
  });

  it('Envoy: the listener of tables attached to no VirtualGateway binds --listen, one listener with a gateway\'s of that port', async () => {
    const input = gateway('gw', plain(8080)) + table('a', 'a.example.com', 'gw') + table('d', 'd.example.com', 'gw').replace('  virtualGateways: [{name: gw}]\n', '');
    const apart = listenersOf((await envoy(input, '--listen', '127.0.0.1:10000')).stdout);
    expect(apart.map((l: any) => [l.name, l.address.socket_address])).toEqual([['ops.gw.8080', { address: '0.0.0.0', port_value: 8080 }], ['default', { address: '127.0.0.1', port_value: 10000 }]]);
    // --listen on the gateway's port: two listeners binding 8080 would stop Envoy from starting
    const shared = listenersOf((await envoy(input, '--listen', '0.0.0.0:8080')).stdout);
    expect(shared.map((l: any) => [l.name, l.address.socket_address.port_value])).toEqual([['ops.gw.8080', 8080]]);
    expect(shared[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts.map((v: any) => v.name)).toEqual(['a.example.com', 'd.example.com']);
  });

  it('leaves out only the hosts another listener of the port serves; one default filter chain per port', async () => {
    const shared = gateway('gw-a', plain(80)) + gateway('gw-b', plain(80)) + table('a', 'a.example.com', 'gw-a') + table('b', 'a.example.com', 'gw-b').replace("hosts: ['a.example.com']", "hosts: ['a.example.com', 'b.example.com']");
    const forced = await envoy(shared, '--force');
    expect(forced.stderr).toContain('both serve host a.example.com: this listener\'s is left out  GW7014');
    const hosts = listenersOf(forced.stdout)[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts;
    expect(hosts.map((v: any) => [v.domains, v.routes[0].direct_response.body.inline_string])).toEqual([[['a.example.com'], 'a'], [['b.example.com'], 'b']]);
    expect(envoyInvariantViolations(parse(forced.stdout.replace(/^#.*\n/gm, '')))).toEqual([]);
    // `*api.example.com` is no name SNI matches (only a leading `*.` is): its listener would need the
    // default chain, which the listener serving `*` has
    const wildcard = await envoy(gateway('gw-a', tls(443, 'a')) + gateway('gw-b', tls(443, 'b')) + table('a', '*', 'gw-a') + table('b', '*api.example.com', 'gw-b'), '--force');
    expect(wildcard.stderr).toContain('listener ops/gw-b:443 shares port 443 with listener ops/gw-a:443 in the one Envoy proxy gwctl renders, and SNI cannot tell their hosts apart');
    expect(listenersOf(wildcard.stdout)[0].filter_chains.map((c: any) => c.filter_chain_match?.server_names ?? null)).toEqual([null]);
  });

  it('Gloo Edge: one Gateway per port, selecting the VirtualServices of every listener on it', async () => {
    const out = await runInProcess(['render', '--target', 'gloo', '-', '-q'], { input: twoGateways });
    const all = yamlDocuments(out.stdout);
    const gateways = all.filter((r) => r.kind === 'Gateway');
    expect(gateways.map((g) => [g.metadata.name, g.spec.bindPort])).toEqual([['ops-gw-a-80', 8080]]);
    expect(all.filter((r) => r.kind === 'VirtualService').map((v) => v.metadata.labels['gwctl.dev/listener'])).toEqual(['ops.gw-a.80', 'ops.gw-a.80']);
    expect(glooBehaviourViolations(all, 'oss')).toEqual([]);
  });

  it('Gloo Edge: what one listener of a port needs, its Gateway and every VirtualService of the port have', async () => {
    // the second gateway's table answers a body above Envoy's 4 KiB default and serves a wildcard host
    const large = table('b', '*.b.example.com', 'gw-b').replace('directResponse: {status: 200, body: b}', `directResponse: {status: 200, body: '${'x'.repeat(5000)}'}`);
    const out = await runInProcess(['render', '--target', 'gloo', '-', '-q'], { input: gateway('gw-a', plain(80)) + gateway('gw-b', plain(80)) + table('a', 'a.example.com', 'gw-a') + large });
    const all = yamlDocuments(out.stdout);
    expect(all.filter((r) => r.kind === 'Gateway').map((g) => g.spec.routeOptions)).toEqual([{ maxDirectResponseBodySizeBytes: 1048576 }]);
    // a wildcard domain with the port comes before `host:*` (Envoy tries suffixes first): the exact host takes its port too
    expect(all.filter((r) => r.kind === 'VirtualService').map((v) => v.spec.virtualHost.domains)).toEqual([
      ['a.example.com', 'a.example.com:*', 'a.example.com:80'],
      ['*.b.example.com', '*.b.example.com:80'],
    ]);
    expect(glooBehaviourViolations(all, 'oss')).toEqual([]);
  });

  it('Gateway API: a Gateway per VirtualGateway, its listeners on one port named apart and by hostname', async () => {
    const input = gateway('gw', tls(443, 'a', 'a.example.com') + tls(443, 'b', 'b.example.com')) + table('a', 'a.example.com', 'gw') + table('b', 'b.example.com', 'gw');
    const all = yamlDocuments((await runInProcess(['render', '--target', 'gateway-api', '-', '-q', '--min-severity', 'error'], { input })).stdout);
    const gw = all.find((r) => r.kind === 'Gateway')!;
    expect(gw.spec.listeners.map((l: any) => [l.name, l.hostname])).toEqual([
      ['https-443', 'a.example.com'],
      ['https-443-2', 'b.example.com'],
    ]);
    expect(all.filter((r) => r.kind === 'HTTPRoute').map((r) => r.spec.parentRefs[0].sectionName)).toEqual(['https-443', 'https-443-2']);
    expect(all.flatMap((r) => gatewayApiErrors(r))).toEqual([]);
  });
});
