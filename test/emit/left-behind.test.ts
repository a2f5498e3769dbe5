import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run-in-process';
import { analyzeText } from '../helpers/analyze-text';
import { unrenderedSubsets } from '../../src/emit/left-behind';

type Finding = { code: string; message: string; line: number; severity: string };
const stsFindings = async (target: string) => {
  const result = await runInProcess(['render', '-t', target, 'fixtures/render/sts-endpoints.yaml', '-o', '/dev/null', '--findings-format', 'json', '-q']);
  return (JSON.parse(result.stderr).diagnostics as Finding[]).filter((f) => f.code === 'GW7018').map((f) => `${f.severity} ${f.line} ${f.message}`);
};

describe('a CloudProvider\'s stsEndpoint, which no target has a field for (GW7018)', () => {
  it('is said on every target for a provider a route uses whose endpoint is neither the regional one nor the global one of its partition', async () => {
    for (const [target, name] of [['envoy', 'Envoy'], ['gloo', 'Gloo Edge'], ['gateway-api', 'the Gateway API']] as const) {
      expect(await stsFindings(target), target).toEqual([
        `warning 26 CloudProvider gateways/aws-vpce sets stsEndpoint \`https://vpce-0a1b2c3d-4e5f6a7b.sts.us-west-2.vpce.amazonaws.com/\`, which the output for ${name} has no field for: the gateway gets its credentials from the STS endpoint it finds itself (Envoy: sts.us-west-2.amazonaws.com, from the region)`,
        // the global endpoint is not China's: that partition has its own
        `warning 122 CloudProvider gateways/aws-china sets stsEndpoint \`sts.amazonaws.com\`, which the output for ${name} has no field for: the gateway gets its credentials from the STS endpoint it finds itself (Envoy: sts.cn-north-1.amazonaws.com.cn, from the region)`,
      ]);
    }
  });

  it('is nothing to validate, which checks what Gloo does with it, nor to the IAM target', async () => {
    const validated = await runInProcess(['validate', 'fixtures/render/sts-endpoints.yaml', '-f', 'json', '-q']);
    expect(JSON.parse(validated.stdout).diagnostics).toEqual([]);
    expect(await stsFindings('iam')).toEqual([]);
  });
});

// a route with a subset beside one destination without, on two hosts of two listeners
const CANARY_ON_FOUR_HOSTS = `apiVersion: networking.gloo.solo.io/v2
kind: VirtualGateway
metadata: {name: gw, namespace: shop}
spec:
  listeners: [{port: {number: 80}, http: {}}, {port: {number: 8080}, http: {}}]
---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: rt, namespace: shop}
spec:
  hosts: [a.example.com, b.example.com]
  virtualGateways: [{name: gw}]
  http:
    - name: canary
      forwardTo:
        destinations:
          - {ref: {name: cart}, port: {number: 80}, subset: {track: canary}, weight: 10}
          - {ref: {name: cart}, port: {number: 80}, weight: 90}
`;

describe('a destination\'s subset, which no target can select (GW7019)', () => {
  const subsetFindings = async (target: string, input: string) => {
    const result = await runInProcess(['render', '-t', target, input, '-o', '/dev/null', '--findings-format', 'json', '-q']);
    return (JSON.parse(result.stderr).diagnostics as Array<Finding & { file: string }>).filter((f) => f.code === 'GW7019').map((f) => `${f.file}:${f.line} ${f.message}`);
  };

  it('is said on every target, once per destination, for the bookinfo example that sends user jason to version v2', async () => {
    for (const [target, name] of [['envoy', 'Envoy'], ['gloo', 'Gloo Edge'], ['gateway-api', 'the Gateway API']] as const) {
      expect(await subsetFindings(target, 'fixtures/real-world/header-matchers'), target).toEqual([
        `fixtures/real-world/header-matchers/reviews.yaml:22 route \`reviews-v2-for-jason\` sends to the endpoints of Service bookinfo-backends/reviews labelled version=v2, which the output for ${name} cannot select: it sends the route's requests to every endpoint of the Service`,
        `fixtures/real-world/header-matchers/reviews.yaml:40 route \`reviews-no-beta\` sends to the endpoints of Service bookinfo-backends/reviews labelled version=v1, which the output for ${name} cannot select: it sends the route's requests to every endpoint of the Service`,
      ]);
    }
  });

  it('is said once for a route however many hosts and listeners serve it, and not for a destination without one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-subset-'));
    const file = join(dir, 'routes.yaml');
    writeFileSync(file, CANARY_ON_FOUR_HOSTS);
    expect(await subsetFindings('envoy', file)).toEqual([`${file}:17 route \`canary\` sends to the endpoints of Service shop/cart labelled track=canary, which the output for Envoy cannot select: it sends the route's requests to every endpoint of the Service`]);
  });

  it('is made once for such a route by the emitters themselves, not left to the report to fold (one per host and listener that serves it otherwise)', async () => {
    const { analysis } = await analyzeText(CANARY_ON_FOUR_HOSTS);
    // four hosts served (two names on two listeners), one route with a subset
    expect(analysis.model.listeners.flatMap((l) => l.hosts).length).toBe(4);
    expect(unrenderedSubsets(analysis.model, 'Envoy').map((f) => f.code)).toEqual(['GW7019']);
  });
});

describe('a provider whose partition has STS where Envoy does not look (GW7021)', () => {
  const gw7021 = async (target: string, input: string) => {
    const result = await runInProcess(['render', '-t', target, input, '-o', '/dev/null', '--findings-format', 'json', '-q']);
    return (JSON.parse(result.stderr).diagnostics as Array<Finding & { file: string }>).filter((f) => f.code === 'GW7021').map((f) => `${f.line} ${f.message}`);
  };

  it('is said for Europe\'s sovereign cloud and the ISO-E cloud on the targets that render Envoy\'s credential providers, not for China or a commercial region', async () => {
    for (const [target, name] of [['envoy', 'Envoy'], ['gateway-api', 'the Gateway API']] as const) {
      const said = (line: number, provider: string, region: string, partition: string, suffix: string) =>
        `${line} the functions of CloudProvider shop/${provider} in ${region} are of partition ${partition}, whose STS endpoint is sts.${region}.${suffix}; the output for ${name} gets the invoke role's credentials for them from sts.${region}.amazonaws.com, the endpoint Envoy derives from the region, which no STS answers: their requests cannot be signed`;
      expect(await gw7021(target, 'fixtures/model/semantics/aws-partitions.yaml'), target).toEqual([
        said(24, 'aws-eusc', 'eusc-de-east-1', 'aws-eusc', 'amazonaws.eu'),
        said(50, 'aws-isoe', 'eu-isoe-west-1', 'aws-iso-e', 'cloud.adc-e.uk'),
        // China's regions are Envoy's by name: a function ARN's region AWS does not have gets `.com`
        said(74, 'aws-china', 'cn-nrth-1', 'aws-cn', 'amazonaws.com.cn'),
      ]);
    }
    // Gloo Edge's Upstream holds the role, and its own filter the STS call: not Envoy's derivation
    expect(await gw7021('gloo', 'fixtures/model/semantics/aws-partitions.yaml')).toEqual([]);
  });

  it('is not said for a provider that names its stsEndpoint (GW7018 says what becomes of it), nor one whose routes assume no role', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwctl-sts-partition-'));
    const file = join(dir, 'eusc.yaml');
    const text = readFileSync('fixtures/model/semantics/aws-partitions.yaml', 'utf8')
      .replace('    region: eusc-de-east-1\n', '    region: eusc-de-east-1\n    stsEndpoint: sts.eusc-de-east-1.amazonaws.eu\n')
      .replace(/( {4}region: eu-isoe-west-1\n {4}lambda:\n) {6}invokeRoleName: shop-invoker\n/, '$1      {}\n');
    writeFileSync(file, text);
    expect((await gw7021('envoy', file)).filter((m) => /aws-eusc|aws-isoe/.test(m))).toEqual([]);
  });
});

describe('a function in a partition whose Lambda endpoint is not under amazonaws.com, on targets that make it so (GW7022)', () => {
  const gw7022 = async (target: string) => {
    const result = await runInProcess(['render', '-t', target, 'fixtures/model/semantics/aws-partitions.yaml', '-o', '/dev/null', '--findings-format', 'json', '-q']);
    return (JSON.parse(result.stderr).diagnostics as Array<Finding & { file: string }>).filter((f) => f.code === 'GW7022').map((f) => `${f.line} ${f.message}`);
  };

  it('is said for China, the sovereign and ISO clouds on Gloo Edge and the Gateway API, once per provider and region, and never for the Envoy output, which names the endpoint', async () => {
    for (const [target, name, maker] of [['gloo', 'Gloo Edge', 'Gloo Edge'], ['gateway-api', 'the Gateway API', 'kgateway']] as const) {
      const said = (line: number, provider: string, region: string, partition: string, suffix: string) =>
        `${line} CloudProvider shop/${provider} routes to functions in ${region}, of partition ${partition}, whose Lambda endpoint is lambda.${region}.${suffix}; the output for ${name} reaches them at lambda.${region}.amazonaws.com, the endpoint ${maker} makes from the region, which answers for no function there`;
      expect(await gw7022(target), target).toEqual([
        said(24, 'aws-eusc', 'eusc-de-east-1', 'aws-eusc', 'amazonaws.eu'),
        said(50, 'aws-isoe', 'eu-isoe-west-1', 'aws-iso-e', 'cloud.adc-e.uk'),
        said(74, 'aws-china', 'cn-north-1', 'aws-cn', 'amazonaws.com.cn'),
        // a function of that provider named by an ARN of another region, China's too
        said(74, 'aws-china', 'cn-nrth-1', 'aws-cn', 'amazonaws.com.cn'),
      ]);
    }
    expect(await gw7022('envoy')).toEqual([]);
  });
});
