import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze';
import { placeFindings } from '../../src/report/place';
import { yamlLoaded } from '../../src/source/yaml-library';
import { memoryHost } from '../helpers/memory-host';

// isolated: the yaml library must start unloaded here, in a module graph of its own (test/vitest.config.ts)
// The yaml library costs `gwctl validate` of one small file about a tenth of its start-up.

const TABLE = (extra = '') => `apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata:
  name: orders
  namespace: shop
spec:
  hosts: [api.example.com]
  virtualGateways:
    - name: missing-gateway
      namespace: gateways
  http:
    - name: orders
      forwardTo:
        destinations:
          - awsLambda: {cloudProvider: {name: aws}, function: orders}
${extra}`;

async function validateText(text: string) {
  const host = memoryHost({ 'in.yaml': text });
  const analysis = await analyze(host, { paths: ['in.yaml'], stdinName: '<stdin>', placesOnlyFindings: true });
  return placeFindings(analysis.findings, analysis.fileOrder);
}

describe('the yaml library, loaded on demand', () => {
  it('is not loaded to validate and place the findings of plain manifests, and is loaded when a finding needs it', async () => {
    const plain = await validateText(TABLE());
    expect(plain.length).toBeGreaterThan(0);
    expect(yamlLoaded()).toBe(false);
    // a finding on a block scalar: where the yaml library ends it is its own to say
    const block = await validateText(TABLE().replace('name: missing-gateway', 'name: |\n          missing gateway'));
    expect(yamlLoaded()).toBe(true);
    const finding = block.find((d) => d.pointer === '/spec/virtualGateways/0/name');
    expect(finding, JSON.stringify(block)).toBeDefined();
    expect([finding!.line, finding!.column, finding!.endLine]).toEqual([9, 13, 11]);
  });
});
