import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../helpers/analyze-text';
import { ROOT } from '../helpers/run-cli';
import { resourceLabel } from '../../src/diagnostics/finding';

// The rewrite findings as validate states them: what a destination receives, the groups a pattern has,
// once for a route however many hosts serve it, and a case-insensitive prefix that an earlier
// case-sensitive route does not cover (fixtures/model/semantics/rewrite-findings.yaml)
describe('path rewrite findings', async () => {
  const { findings } = await analyzeText(readFileSync(join(ROOT, 'fixtures/model/semantics/rewrite-findings.yaml'), 'utf8'));
  const of = (code: string) => findings.filter((f) => f.code === code).map((f) => `${f.line}: ${f.message}`);

  it('GW4042: what the destination receives after an exact match, a prefix ending in `/` and one without', () => {
    expect(of('GW4042')).toEqual([
      '25: pathRewrite `v2` does not start with `/`: Envoy puts it in place of what the matcher took, so the destination receives `v2`, which is not a path',
      '28: pathRewrite `v2` does not start with `/`: Envoy puts it in place of what the matcher took, so the destination receives `v2items`, which is not a path',
      '31: pathRewrite `v2` does not start with `/`: Envoy puts it in place of what the matcher took, so the destination receives `v2/items`, which is not a path',
    ]);
  });

  it('GW4042: a route without a path matcher matches the prefix `/`, which the rewrite replaces', async () => {
    const table = `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [a.example.com]\n  http:\n    - name: all\n      forwardTo: {pathRewrite: v2, destinations: [{ref: {name: svc, namespace: ns}, port: {number: 80}}]}\n`;
    const { findings: found } = await analyzeText(table);
    expect(found.filter((f) => f.code === 'GW4042').map((f) => f.message)).toEqual([
      'pathRewrite `v2` does not start with `/`: Envoy puts it in place of what the matcher took, so the destination receives `v2items`, which is not a path',
    ]);
  });

  it('GW4041: a group the pattern lacks, with the groups it has', () => {
    expect(of('GW4041')).toEqual(['37: substitution `/\\2` names group \\2, and the pattern `/(g)roup` has one group: RE2 then replaces nothing, so the path is sent on as it came']);
  });

  it('GW4038: once for a route two hosts serve, in one table or through two parents; an earlier case-sensitive route leaves a case-insensitive prefix its own', () => {
    expect(of('GW4038')).toEqual([
      '28: pathRewrite `v2` after the prefix `/api/`: Envoy replaces the characters the prefix matched, so `/api/get` reaches the destination as `v2get`',
      '43: pathRewrite `/` after the prefix `/httpbin`: Envoy replaces the characters the prefix matched, so `/httpbin/get` reaches the destination as `//get`',
      '73: pathRewrite `/` after the prefix `/shared`: Envoy replaces the characters the prefix matched, so `/shared/get` reaches the destination as `//get`',
    ]);
    // said of the table that writes the route, not of a parent that delegates to it
    expect(findings.filter((f) => f.code === 'GW4038').map((f) => f.resource && resourceLabel(f.resource))).toEqual(['RouteTable ns/rewrites', 'RouteTable ns/rewrites', 'RouteTable ns/shared']);
  });
});
