import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run-in-process';

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
