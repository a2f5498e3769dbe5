import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type protobuf from 'protobufjs';
import { envoyBehaviourViolations } from '../helpers/envoy/behaviour';
import { envoyProtos } from '../helpers/envoy/envoy-protos';
import { checkProtoJson } from '../helpers/envoy/proto-json';
import { gatewayApiErrors } from '../helpers/gateway-api-checks';
import { glooCrdErrors } from '../helpers/gloo-checks';
import { yamlDocuments } from '../helpers/render-golden';
import { runInProcess } from '../helpers/run-in-process';

// A maintenance page of 5,400 bytes as a direct response: more than Envoy's 4 KiB default for a direct
// response body, which Gloo's gateways raise to 1 MiB. Every output keeps the page or says it cannot.
const FIXTURE = 'fixtures/render/large-direct-body.yaml';
const render = (target: string) => runInProcess(['render', '--target', target, FIXTURE, '--min-severity', 'warning']);

let root: protobuf.Root;
beforeAll(async () => {
  root = await envoyProtos();
});

describe('a direct response body above 4 KiB', () => {
  it('Envoy: the route configuration raises its limit to Gloo\'s 1 MiB, only where a body needs it', async () => {
    const result = await render('envoy');
    expect(result.code).toBe(0);
    const bootstrap = parse(result.stdout);
    expect(checkProtoJson(root, 'envoy.config.bootstrap.v3.Bootstrap', bootstrap)).toEqual([]);
    expect(envoyBehaviourViolations(bootstrap)).toEqual([]);
    const config = bootstrap.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config;
    expect(config.max_direct_response_body_size_bytes).toBe(1048576);
    expect(Buffer.byteLength(config.virtual_hosts[0].routes[0].direct_response.body.inline_string)).toBe(5400);
    // the checker catches the limit left at its default
    delete config.max_direct_response_body_size_bytes;
    expect(envoyBehaviourViolations(bootstrap)).toEqual([expect.stringMatching(/^direct-body: .* route maintenance answers 5400 bytes, above the limit of 4096$/)]);
    const small = parse((await runInProcess(['render', '--target', 'envoy', 'fixtures/examples', '-q'])).stdout);
    expect(JSON.stringify(small)).not.toContain('max_direct_response_body_size_bytes');
  });

  it('Gloo Edge: the port\'s Gateway sets routeOptions.maxDirectResponseBodySizeBytes', async () => {
    const result = await render('gloo');
    expect(result.code).toBe(0);
    const docs = yamlDocuments(result.stdout);
    expect(docs.flatMap((d) => glooCrdErrors(d))).toEqual([]);
    expect(docs.find((d) => d.kind === 'Gateway')!.spec.routeOptions).toEqual({ maxDirectResponseBodySizeBytes: 1048576 });
    expect(Buffer.byteLength(docs.find((d) => d.kind === 'VirtualService')!.spec.virtualHost.routes[0].directResponseAction.body)).toBe(5400);
  });

  it('the Gateway API: kgateway\'s DirectResponse takes 4,096 characters; the body is cut there and GW7103 says so', async () => {
    const result = await render('gateway-api');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('maintenance: a direct response body of 5,400 characters cannot be written for the Gateway API and kgateway; kgateway\'s DirectResponse takes 4,096 characters; the body is cut there  GW7103');
    const docs = yamlDocuments(result.stdout);
    expect(docs.flatMap((d) => gatewayApiErrors(d))).toEqual([]);
    const bodies = docs.filter((d) => d.kind === 'DirectResponse').map((d) => d.spec.body?.length);
    expect(bodies).toContain(4096);
  });
});

describe('a direct response body over 1 MiB in UTF-8', () => {
  const table = (body: string) =>
    `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [a.example.com]\n  http:\n    - name: page\n      directResponse:\n        status: 200\n        body: ${JSON.stringify(body)}\n`;

  it('is an error (GW4035) though the schema, which counts characters, takes it', async () => {
    // 400,000 characters of 3 bytes each: within the CRD's 1,048,576 characters, 1,200,000 bytes
    const result = await runInProcess(['validate', '-', '-f', 'json', '--min-severity', 'warning'], { input: table('€'.repeat(400_000)) });
    expect(result.code).toBe(1);
    const findings = JSON.parse(result.stdout).diagnostics.map((d: { code: string; message: string }) => `${d.code} ${d.message}`);
    expect(findings).toEqual([expect.stringMatching(/^GW4035 this body is 1200000 bytes in UTF-8: /)]);
  });

  it('up to 1 MiB exactly is served', async () => {
    const result = await runInProcess(['validate', '-', '-q'], { input: table('x'.repeat(1024 * 1024)) });
    expect(result.code).toBe(0);
  });
});
