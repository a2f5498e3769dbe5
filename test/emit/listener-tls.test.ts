import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type protobuf from 'protobufjs';
import { analyzeText } from '../helpers/analyze-text';
import { envoyProtos } from '../helpers/envoy/envoy-protos';
import { checkProtoJson } from '../helpers/envoy/proto-json';
import { envoyInvariantViolations } from '../helpers/envoy/invariants';
import { glooCrdErrors } from '../helpers/gloo-checks';
import { gatewayApiErrors } from '../helpers/gateway-api-checks';
import { yamlDocuments } from '../helpers/render-golden';
import { runInProcess } from '../helpers/run-in-process';

// A listener's TLS beyond its certificate: versions, cipher suites, client certificates and the names
// they must carry. Each output enforces what the VirtualGateway says, or says that it cannot.
const gateway = (tls: string) =>
  `apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: gw, namespace: ops}\nspec:\n  listeners:\n    - port: {number: 443}\n      http: {}\n      tls: ${tls}\n---\n` +
  `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: a, namespace: ops}\nspec:\n  hosts: [a.example.com]\n  virtualGateways: [{name: gw}]\n  http: [{name: r, directResponse: {status: 200}}]\n`;
const strict = gateway(
  '{mode: MUTUAL, files: {serverCert: /c/s.crt, privateKey: /c/s.key, caCerts: /c/ca.crt}, parameters: {minimumProtocolVersion: TLSv1_3, maximumProtocolVersion: TLS_AUTO, cipherSuites: [ECDHE-RSA-AES256-GCM-SHA384]}, verifySubjectAltName: [client.example.com]}',
);
const render = (target: string, input: string, ...args: string[]) => runInProcess(['render', '--target', target, '-', '-q', ...args], { input });

let root: protobuf.Root;
beforeAll(async () => {
  root = await envoyProtos();
});

describe('listener TLS settings', () => {
  it('the model: serves no HTTP route where the gateway does not terminate TLS itself (GW4030), and says when verifySubjectAltName checks nothing (GW4031)', async () => {
    for (const mode of ['PASSTHROUGH', 'AUTO_PASSTHROUGH', 'ISTIO_MUTUAL']) {
      const { analysis, findings } = await analyzeText(gateway(`{mode: ${mode}}`));
      expect(findings.map((f) => f.code)).toEqual(['GW4030', 'GW4026']);
      expect(analysis.model.listeners).toEqual([]);
    }
    // without `mode`: the enum's zero value, PASSTHROUGH, whatever certificate the listener names; said at `tls`
    for (const tls of ['{secretName: s}', '{files: {serverCert: /c/s.crt, privateKey: /c/s.key}}']) {
      const { analysis, findings } = await analyzeText(gateway(tls));
      expect(findings.map((f) => [f.code, f.message.split(':')[0], f.line]), tls).toEqual([
        ['GW4030', 'listener 443 has TLS mode PASSTHROUGH (`mode` is not set, and PASSTHROUGH is its default)', 8],
        ['GW4026', 'RouteTable ops/a is attached to VirtualGateway ops/gw, which has no listener that serves HTTP routes (the findings on the VirtualGateway say why each is left out)', 15],
      ]);
      expect(analysis.model.listeners).toEqual([]);
    }
    const simple = await analyzeText(gateway('{mode: SIMPLE, files: {serverCert: /c/s.crt, privateKey: /c/s.key, caCerts: /c/ca.crt}, verifySubjectAltName: [x]}'));
    expect(simple.findings.map((f) => [f.code, f.message])).toEqual([['GW4031', 'listener 443 sets verifySubjectAltName, but mode SIMPLE asks for no client certificate: no client certificate is checked against these names']]);
    // the names are not kept where nothing checks them
    expect(simple.analysis.model.listeners[0]!.tls!.subjectAltNames).toBeUndefined();
    // mutual TLS from a Secret checks them against its ca.crt (as Istio does a credentialName's)
    const secret = await analyzeText(gateway('{mode: MUTUAL, secretName: s, verifySubjectAltName: [x]}'));
    expect(secret.findings).toEqual([]);
    expect(secret.analysis.model.listeners[0]!.tls!.subjectAltNames).toEqual(['x']);
  });

  it('mutual TLS from a Secret checks the client certificates\' names against its CA in every output', async () => {
    const input = gateway('{mode: MUTUAL, secretName: edge, verifySubjectAltName: [client.example.com]}');
    const envoy = parse((await render('envoy', input)).stdout.replace(/^#.*\n/gm, ''));
    expect(envoy.static_resources.listeners[0].filter_chains[0].transport_socket.typed_config.common_tls_context.validation_context).toEqual({
      trusted_ca: { filename: '/etc/envoy/tls/edge/ca.crt' },
      match_typed_subject_alt_names: ['DNS', 'URI'].map((san_type) => ({ san_type, matcher: { exact: 'client.example.com' } })),
    });
    const service = yamlDocuments((await render('gloo', input)).stdout).find((r) => r.kind === 'VirtualService')!;
    expect(service.spec.sslConfig).toEqual({ secretRef: { name: 'edge', namespace: 'ops' }, sniDomains: ['a.example.com'], verifySubjectAltName: ['client.example.com'] });
    const gw = yamlDocuments((await render('gateway-api', input)).stdout).find((r) => r.kind === 'Gateway')!;
    expect(gw.spec.listeners[0].tls.options).toEqual({ 'kgateway.dev/verify-subject-alt-names': 'client.example.com' });
  });

  it('the model: TLS from files without the certificate, the key or, for mutual TLS, the client CA serves nothing, as Istio refuses it (GW4046)', async () => {
    const cases: Array<[string, string]> = [
      ['{mode: SIMPLE, files: {privateKey: /c/s.key}}', 'listener 443 has TLS mode SIMPLE from `files` without `serverCert`: Istio refuses the gateway ("SIMPLE TLS requires a server certificate"), so Gloo serves nothing on this listener, and gwctl serves no route on it'],
      ['{mode: SIMPLE}', 'listener 443 has TLS mode SIMPLE from `files` without `serverCert`: Istio refuses the gateway ("SIMPLE TLS requires a server certificate"), so Gloo serves nothing on this listener, and gwctl serves no route on it'],
      ['{mode: MUTUAL, files: {serverCert: /c/s.crt}}', 'listener 443 has TLS mode MUTUAL from `files` without `privateKey`: Istio refuses the gateway ("MUTUAL TLS requires a private key"), so Gloo serves nothing on this listener, and gwctl serves no route on it'],
      ['{mode: MUTUAL, files: {serverCert: /c/s.crt, privateKey: /c/s.key}}', 'listener 443 has TLS mode MUTUAL from `files` without `caCerts`: Istio refuses the gateway ("MUTUAL TLS requires a client CA bundle"), so Gloo serves nothing on this listener, and gwctl serves no route on it'],
      ['{mode: OPTIONAL_MUTUAL, files: {serverCert: /c/s.crt, privateKey: /c/s.key}}', 'listener 443 has TLS mode OPTIONAL_MUTUAL from `files` without `caCerts`: Istio refuses the gateway ("MUTUAL TLS requires a client CA bundle"), so Gloo serves nothing on this listener, and gwctl serves no route on it'],
    ];
    for (const [tls, message] of cases) {
      const { analysis, findings } = await analyzeText(gateway(tls));
      expect(findings.map((f) => [f.code, f.severity, f.message]), tls).toEqual([
        ['GW4046', 'error', message],
        // the listener has `http` and a port: left out, it is not one the gateway lacks
        ['GW4026', 'warning', 'RouteTable ops/a is attached to VirtualGateway ops/gw, which has no listener that serves HTTP routes (the findings on the VirtualGateway say why each is left out): gwctl shows its routes on no listener of that gateway'],
      ]);
      expect(analysis.model.listeners).toEqual([]);
    }
    // from a Secret, Istio's credentialName, which brings the certificate, the key and the CA
    for (const tls of ['{mode: MUTUAL, secretName: s}', '{mode: SIMPLE, secretName: s}', '{mode: MUTUAL, files: {serverCert: /c/s.crt, privateKey: /c/s.key, caCerts: /c/ca.crt}}']) {
      const { analysis, findings } = await analyzeText(gateway(tls));
      expect([findings, analysis.model.listeners.length], tls).toEqual([[], 1]);
    }
  });

  it('Envoy: mutual TLS from a Secret verifies clients against its ca.crt; without that CA Envoy would ask no client for a certificate', async () => {
    const tlsOf = async (tls: string) => {
      const result = await render('envoy', gateway(tls), '--min-severity', 'warning');
      expect(result.code).toBe(0);
      const bootstrap = parse(result.stdout.replace(/^#.*\n/gm, ''));
      return { context: bootstrap.static_resources.listeners[0].filter_chains[0].transport_socket.typed_config, findings: result.stderr };
    };
    const mutual = await tlsOf('{mode: MUTUAL, secretName: edge}');
    expect(mutual.context.common_tls_context.validation_context).toEqual({ trusted_ca: { filename: '/etc/envoy/tls/edge/ca.crt' } });
    expect(mutual.context.require_client_certificate).toBe(true);
    expect(mutual.findings).toContain("rendered with the files /etc/envoy/tls/edge/tls.crt and /etc/envoy/tls/edge/tls.key, and the client certificates' CA from /etc/envoy/tls/edge/ca.crt  GW7005");
    expect(envoyInvariantViolations(parse((await render('envoy', gateway('{mode: MUTUAL, secretName: edge}'))).stdout.replace(/^#.*\n/gm, '')))).toEqual([]);
    const simple = await tlsOf('{mode: SIMPLE, secretName: edge}');
    expect(simple.context.common_tls_context.validation_context).toBeUndefined();
    expect(simple.context.require_client_certificate).toBeUndefined();
    expect(simple.findings).toContain('rendered with the files /etc/envoy/tls/edge/tls.crt and /etc/envoy/tls/edge/tls.key  GW7005');
    // a CA on a SIMPLE listener asks no client for a certificate: Envoy would otherwise check one presented
    const simpleWithCa = await tlsOf('{mode: SIMPLE, files: {serverCert: /c/s.crt, privateKey: /c/s.key, caCerts: /c/ca.crt}}');
    expect(simpleWithCa.context.common_tls_context.validation_context).toBeUndefined();
    // OPTIONAL_MUTUAL checks a certificate presented, and lets in a client without one
    const optional = await tlsOf('{mode: OPTIONAL_MUTUAL, files: {serverCert: /c/s.crt, privateKey: /c/s.key, caCerts: /c/ca.crt}}');
    expect(optional.context.common_tls_context.validation_context).toEqual({ trusted_ca: { filename: '/c/ca.crt' } });
    expect(optional.context.require_client_certificate).toBeUndefined();
  });

  it('Envoy: the versions and cipher suites as tls_params, the names as typed SAN matchers, read strictly', async () => {
    const result = await render('envoy', strict);
    expect(result.code).toBe(0);
    const bootstrap = parse(result.stdout.replace(/^#.*\n/gm, ''));
    const context = bootstrap.static_resources.listeners[0].filter_chains[0].transport_socket.typed_config;
    expect(context.common_tls_context.tls_params).toEqual({ tls_minimum_protocol_version: 'TLSv1_3', cipher_suites: ['ECDHE-RSA-AES256-GCM-SHA384'] });
    expect(context.common_tls_context.validation_context).toEqual({
      trusted_ca: { filename: '/c/ca.crt' },
      match_typed_subject_alt_names: [
        { san_type: 'DNS', matcher: { exact: 'client.example.com' } },
        { san_type: 'URI', matcher: { exact: 'client.example.com' } },
      ],
    });
    expect(context.require_client_certificate).toBe(true);
    expect(checkProtoJson(root, 'envoy.config.bootstrap.v3.Bootstrap', bootstrap)).toEqual([]);
    expect(envoyInvariantViolations(bootstrap)).toEqual([]);
    // a maximum (TLS_AUTO above is Envoy's default, and no parameter)
    const capped = parse((await render('envoy', gateway('{mode: SIMPLE, secretName: s, parameters: {maximumProtocolVersion: TLSv1_2}}'))).stdout.replace(/^#.*\n/gm, ''));
    expect(capped.static_resources.listeners[0].filter_chains[0].transport_socket.typed_config.common_tls_context.tls_params).toEqual({ tls_maximum_protocol_version: 'TLSv1_2' });
  });

  it('Gloo Edge: parameters and verifySubjectAltName; the CA only where clients are asked for certificates; OPTIONAL_MUTUAL said to be stricter (GW7015)', async () => {
    const sslOf = async (input: string, ...args: string[]) => yamlDocuments((await render('gloo', input, ...args)).stdout).find((r) => r.kind === 'VirtualService')!;
    const service = await sslOf(strict);
    expect(service.spec.sslConfig).toEqual({
      sslFiles: { tlsCert: '/c/s.crt', tlsKey: '/c/s.key', rootCa: '/c/ca.crt' },
      sniDomains: ['a.example.com'],
      verifySubjectAltName: ['client.example.com'],
      parameters: { minimumProtocolVersion: 'TLSv1_3', cipherSuites: ['ECDHE-RSA-AES256-GCM-SHA384'] },
    });
    expect(glooCrdErrors(service)).toEqual([]);
    // a CA on a SIMPLE listener: Gloo Edge would make it mutual TLS ("uses it to perform mTLS by default")
    expect((await sslOf(gateway('{mode: SIMPLE, files: {serverCert: /c/s.crt, privateKey: /c/s.key, caCerts: /c/ca.crt}}'))).spec.sslConfig.sslFiles).toEqual({ tlsCert: '/c/s.crt', tlsKey: '/c/s.key' });
    expect((await sslOf(gateway('{mode: SIMPLE, secretName: s, parameters: {maximumProtocolVersion: TLSv1_2}}'))).spec.sslConfig.parameters).toEqual({ maximumProtocolVersion: 'TLSv1_2' });
    const optional = await render('gloo', gateway('{mode: OPTIONAL_MUTUAL, files: {serverCert: /c/s.crt, privateKey: /c/s.key, caCerts: /c/ca.crt}}'));
    expect(optional.stderr).toContain('rendered as MUTUAL, which refuses a client without a certificate  GW7015');
    // a VirtualService for `*` and a name: no SNI list covers `*`, so it has none, and takes any name
    const anyName = await sslOf(gateway('{mode: SIMPLE, secretName: s}').replace('hosts: [a.example.com]', "hosts: [a.example.com, '*']"));
    expect([anyName.spec.virtualHost.domains, anyName.spec.sslConfig.sniDomains]).toEqual([['*', 'a.example.com', 'a.example.com:*'], undefined]);
    // MUTUAL is rendered as it is: nothing to say
    const mutual = await render('gloo', strict, '--min-severity', 'info');
    expect([mutual.code, mutual.stderr]).toEqual([0, '']);
  });

  it('Gateway API: versions, cipher suites and names as kgateway\'s listener options, client certificates as the Gateway\'s per-port frontend validation', async () => {
    const rendered = await render('gateway-api', strict, '--min-severity', 'error');
    expect([rendered.code, rendered.stderr]).toEqual([0, '']);
    const all = yamlDocuments(rendered.stdout);
    expect(all.flatMap((r) => gatewayApiErrors(r))).toEqual([]);
    const gw = all.find((r) => r.kind === 'Gateway')!;
    expect(gw.spec.listeners[0].tls.options).toEqual({ 'kgateway.dev/min-tls-version': '1.3', 'kgateway.dev/cipher-suites': 'ECDHE-RSA-AES256-GCM-SHA384', 'kgateway.dev/verify-subject-alt-names': 'client.example.com' });
    expect(gw.spec.tls).toEqual({ frontend: { default: {}, perPort: [{ port: 443, tls: { validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'https-443-ca' }], mode: 'AllowValidOnly' } } }] } });
    // the CA file becomes a ConfigMap to create, said with the certificate's Secret
    expect((await render('gateway-api', strict)).stderr).toContain('and ConfigMap `https-443-ca` (key ca.crt) from /c/ca.crt  GW7104');
    // with a Secret, its ca.crt, as Gloo reads it
    const fromSecret = yamlDocuments((await render('gateway-api', gateway('{mode: MUTUAL, secretName: s}'))).stdout).find((r) => r.kind === 'Gateway')!;
    expect(fromSecret.spec.tls.frontend.perPort[0].tls.validation.caCertificateRefs).toEqual([{ group: '', kind: 'Secret', name: 's' }]);
    const plain = await render('gateway-api', gateway('{mode: SIMPLE, secretName: s, parameters: {maximumProtocolVersion: TLSv1_2}}'));
    expect([plain.code, plain.stderr]).toEqual([0, '']);
    const listener = yamlDocuments(plain.stdout).find((r) => r.kind === 'Gateway')!.spec.listeners[0];
    expect(listener.tls).toEqual({ mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 's' }], options: { 'kgateway.dev/max-tls-version': '1.2' } });
  });

  it('Gateway API: a listener that asks no client certificate names no CA to create and no names to verify', async () => {
    const simple = await render('gateway-api', gateway('{mode: SIMPLE, files: {serverCert: /c/s.crt, privateKey: /c/s.key, caCerts: /c/ca.crt}, verifySubjectAltName: [client.example.com]}'), '--min-severity', 'warning');
    expect(simple.code).toBe(0);
    expect(simple.stderr).toContain('listener ops/gw:443 serves TLS from files (/c/s.crt and /c/s.key); a Gateway listener refers to a Secret: the output names Secret `https-443-tls`, which must be created from them  GW7104');
    const gw = yamlDocuments(simple.stdout).find((r) => r.kind === 'Gateway')!;
    expect(gw.spec.listeners[0].tls).toEqual({ mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 'https-443-tls' }] });
    expect(gw.spec.tls).toBeUndefined();
  });

  it('Gateway API: what a port\'s frontend validation cannot state is an error (GW7105), rendered only under --force', async () => {
    const optional = await render('gateway-api', gateway('{mode: OPTIONAL_MUTUAL, secretName: s}'));
    expect(optional.code).toBe(1);
    expect(optional.stderr).toContain('listener ops/gw:443 sets TLS mode OPTIONAL_MUTUAL, which the Gateway gwctl writes does not state: it would accept clients without verifying their certificates  GW7105');
    // validation is per port: a listener on the port that asks no certificate would be asked too
    const shared = gateway('{mode: MUTUAL, secretName: s}').replace('      tls: {mode: MUTUAL, secretName: s}\n', '      tls: {mode: MUTUAL, secretName: s}\n      allowedRouteTables: [{host: a.example.com}]\n    - {port: {number: 443}, http: {}, tls: {mode: SIMPLE, secretName: t}, allowedRouteTables: [{host: b.example.com}]}\n') +
      '---\napiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: b, namespace: ops}\nspec:\n  hosts: [b.example.com]\n  virtualGateways: [{name: gw}]\n  http: [{name: r, directResponse: {status: 200}}]\n';
    expect((await render('gateway-api', shared)).stderr).toContain('listener ops/gw:443 sets TLS mode MUTUAL on port 443, which other listeners share with another CA or none, which the Gateway gwctl writes does not state');
    const forced = yamlDocuments((await render('gateway-api', gateway('{mode: OPTIONAL_MUTUAL, secretName: s, verifySubjectAltName: [client.example.com]}'), '--force')).stdout);
    expect(forced.find((r) => r.kind === 'Gateway')!.spec.tls).toBeUndefined();
    // no names to verify without the validation that "requires a trusted CA to be configured"
    expect(forced.find((r) => r.kind === 'Gateway')!.spec.listeners[0].tls.options).toBeUndefined();
    expect(forced.flatMap((r) => gatewayApiErrors(r))).toEqual([]);
  });
});

describe('Gateway API: listeners of one VirtualGateway on one port', () => {
  // two HTTPS listeners on 443, each with its certificate and the tables it admits
  const shared = (first: string, second: string, hosts: string[]) =>
    `apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: gw, namespace: ops}\nspec:\n  listeners:\n` +
    `    - {port: {number: 443}, http: {}, tls: {mode: SIMPLE, secretName: one}, allowedRouteTables: [${first}]}\n` +
    `    - {port: {number: 443}, http: {}, tls: {mode: SIMPLE, secretName: two}, allowedRouteTables: [${second}]}\n` +
    hosts.map((h, i) => `---\napiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t${i}, namespace: ops}\nspec:\n  hosts: ['${h}']\n  virtualGateways: [{name: gw}]\n  http: [{name: r, directResponse: {status: 200}}]\n`).join('');
  const listeners = async (input: string) => {
    const result = await render('gateway-api', input, '--min-severity', 'warning');
    const gw = yamlDocuments(result.stdout).find((r) => r.kind === 'Gateway')!;
    return { findings: result.stderr, listeners: gw.spec.listeners.map((l: { name: string; hostname?: string }) => [l.name, l.hostname]) };
  };

  it('each names the one host it serves', async () => {
    expect(await listeners(shared('{host: a.example.com}', '{host: b.example.com}', ['a.example.com', 'b.example.com']))).toEqual({ findings: '', listeners: [['https-443', 'a.example.com'], ['https-443-2', 'b.example.com']] });
  });

  it('one that serves several hosts no other names is the port\'s fallback, without a hostname and without a finding', async () => {
    expect(await listeners(shared('{host: a.example.com}', '{host: b.example.com}, {host: c.example.com}', ['a.example.com', 'b.example.com', 'c.example.com']))).toEqual({
      findings: '',
      listeners: [['https-443', 'a.example.com'], ['https-443-2', undefined]],
    });
  });

  it('one that serves only a table of every host (`*`) is the fallback too: `*` is no hostname', async () => {
    expect(await listeners(shared('{host: a.example.com}', "{host: '*', selector: {name: t1}}", ['a.example.com', '*']))).toEqual({
      findings: '',
      listeners: [['https-443', 'a.example.com'], ['https-443-2', undefined]],
    });
  });

  it('two that cannot name one host conflict; one that serves a host the other names loses it: GW7103', async () => {
    const two = await listeners(shared('{host: a.example.com}, {host: b.example.com}', '{host: c.example.com}, {host: d.example.com}', ['a.example.com', 'b.example.com', 'c.example.com', 'd.example.com']));
    expect(two.listeners).toEqual([['https-443', undefined], ['https-443-2', undefined]]);
    expect(two.findings.match(/GW7103/g)).toHaveLength(2);
    expect(two.findings).toContain('listener ops/gw:443: a second listener on port 443 that serves 2 hosts (a Gateway listener on a shared port names one hostname, or is the port\'s one fallback) cannot be written for the Gateway API and kgateway; the Gateway reports its listeners on this port as conflicting  GW7103');
    const every = await listeners(shared('{host: a.example.com}', "{host: '*'}", ['a.example.com', '*']));
    expect(every.listeners).toEqual([['https-443', 'a.example.com'], ['https-443-2', undefined]]);
    expect(every.findings).toContain('listener ops/gw:443~2: a second listener on port 443 that serves 2 hosts (a Gateway listener on a shared port names one hostname, or is the port\'s one fallback) cannot be written for the Gateway API and kgateway; the requests for a host another listener of the port names go to that listener alone  GW7103');
  });
});
