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
import { runCli } from '../helpers/run-cli';

// A listener's TLS beyond its certificate: versions, cipher suites, client certificates and the names
// they must carry. Each output enforces what the VirtualGateway says, or says that it cannot.
const gateway = (tls: string) =>
  `apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: gw, namespace: ops}\nspec:\n  listeners:\n    - port: {number: 443}\n      http: {}\n      tls: ${tls}\n---\n` +
  `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: a, namespace: ops}\nspec:\n  hosts: [a.example.com]\n  virtualGateways: [{name: gw}]\n  http: [{name: r, directResponse: {status: 200}}]\n`;
const strict = gateway(
  '{mode: MUTUAL, files: {serverCert: /c/s.crt, privateKey: /c/s.key, caCerts: /c/ca.crt}, parameters: {minimumProtocolVersion: TLSv1_3, maximumProtocolVersion: TLS_AUTO, cipherSuites: [ECDHE-RSA-AES256-GCM-SHA384]}, verifySubjectAltName: [client.example.com]}',
);
const render = (target: string, input: string, ...args: string[]) => runCli(['render', '--target', target, '-', '-q', ...args], { input });

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
    const simple = await analyzeText(gateway('{mode: SIMPLE, files: {serverCert: /c/s.crt, privateKey: /c/s.key, caCerts: /c/ca.crt}, verifySubjectAltName: [x]}'));
    expect(simple.findings.map((f) => [f.code, f.message])).toEqual([['GW4031', 'listener 443 sets verifySubjectAltName, but mode SIMPLE asks for no client certificate: no client certificate is checked against these names']]);
    const noCa = await analyzeText(gateway('{mode: MUTUAL, secretName: s, verifySubjectAltName: [x]}'));
    expect(noCa.findings.map((f) => f.code)).toEqual(['GW4031']);
  });

  it('Envoy: the versions and cipher suites as tls_params, the names as typed SAN matchers, read strictly', () => {
    const result = render('envoy', strict);
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
  });

  it('Gloo Edge: parameters and verifySubjectAltName; the CA only where clients are asked for certificates; OPTIONAL_MUTUAL said to be stricter (GW7015)', () => {
    const sslOf = (input: string, ...args: string[]) => yamlDocuments(render('gloo', input, ...args).stdout).find((r) => r.kind === 'VirtualService')!;
    const service = sslOf(strict);
    expect(service.spec.sslConfig).toEqual({
      sslFiles: { tlsCert: '/c/s.crt', tlsKey: '/c/s.key', rootCa: '/c/ca.crt' },
      sniDomains: ['a.example.com'],
      verifySubjectAltName: ['client.example.com'],
      parameters: { minimumProtocolVersion: 'TLSv1_3', cipherSuites: ['ECDHE-RSA-AES256-GCM-SHA384'] },
    });
    expect(glooCrdErrors(service)).toEqual([]);
    // a CA on a SIMPLE listener: Gloo Edge would make it mutual TLS ("uses it to perform mTLS by default")
    expect(sslOf(gateway('{mode: SIMPLE, files: {serverCert: /c/s.crt, privateKey: /c/s.key, caCerts: /c/ca.crt}}')).spec.sslConfig.sslFiles).toEqual({ tlsCert: '/c/s.crt', tlsKey: '/c/s.key' });
    const optional = render('gloo', gateway('{mode: OPTIONAL_MUTUAL, files: {serverCert: /c/s.crt, privateKey: /c/s.key, caCerts: /c/ca.crt}}'));
    expect(optional.stderr).toContain('rendered as MUTUAL, which refuses a client without a certificate  GW7015');
  });

  it('Gateway API: versions and cipher suites as kgateway\'s listener options; client certificates, which the Gateway does not state, an error (GW7105)', () => {
    const refused = render('gateway-api', strict);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr.match(/GW7105/g)).toHaveLength(1);
    expect(refused.stderr).toContain('listener ops/gw:443 sets TLS mode MUTUAL, which the Gateway gwctl writes does not state: it would accept clients without verifying their certificates');
    const forced = yamlDocuments(render('gateway-api', strict, '--force').stdout);
    expect(forced.flatMap((r) => gatewayApiErrors(r))).toEqual([]);
    expect(forced.find((r) => r.kind === 'Gateway')!.spec.listeners[0].tls.options).toEqual({ 'kgateway.dev/min-tls-version': '1.3', 'kgateway.dev/cipher-suites': 'ECDHE-RSA-AES256-GCM-SHA384' });
    const plain = render('gateway-api', gateway('{mode: SIMPLE, secretName: s, parameters: {maximumProtocolVersion: TLSv1_2}}'));
    expect([plain.code, plain.stderr]).toEqual([0, '']);
    const listener = yamlDocuments(plain.stdout).find((r) => r.kind === 'Gateway')!.spec.listeners[0];
    expect(listener.tls).toEqual({ mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 's' }], options: { 'kgateway.dev/max-tls-version': '1.2' } });
  });
});
