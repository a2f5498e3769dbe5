import { describe, expect, it } from 'vitest';
import { applyBaseline, baselineFileName, parseBaseline, serializeBaseline } from '../../src/report/baseline';
import { applySuppressions, parseSuppressions } from '../../src/report/suppress';
import { analyzeText } from '../helpers/analyze-text';

const twoProviders = `
apiVersion: infrastructure.gloo.solo.io/v2
kind: CloudProvider
metadata: {name: a, namespace: team-a}
spec: {aws: {accountId: '111111111111', region: us-west-1, bad: 1}}
---
apiVersion: infrastructure.gloo.solo.io/v2
kind: CloudProvider
metadata: {name: b, namespace: team-b, annotations: {gwctl.dev/suppress: GW20*}}
spec: {aws: {accountId: '111111111111', region: us-west-1, bad: 1}}
`;

describe('suppression', () => {
  it('by flag: a code, or a code on resources matched by a glob', async () => {
    const { analysis } = await analyzeText(twoProviders);
    const none = applySuppressions(analysis.findings, [], []);
    expect(none.kept).toHaveLength(2);
    expect(applySuppressions(analysis.findings, parseSuppressions(['GW2001']), []).kept).toHaveLength(0);
    const one = applySuppressions(analysis.findings, parseSuppressions(['GW2001=CloudProvider team-a/*']), []);
    expect(one.kept.map((f) => f.resource?.name)).toEqual(['b']);
    expect(applySuppressions(analysis.findings, parseSuppressions(['GW3*=CloudProvider *\/*']), []).kept).toHaveLength(2);
  });

  it('codes without regard to case; a rule for a resource never takes a finding of no resource (a YAML syntax error)', async () => {
    const { analysis } = await analyzeText(twoProviders);
    expect(applySuppressions(analysis.findings, parseSuppressions(['gw2001']), []).kept).toHaveLength(0);
    expect(applySuppressions(analysis.findings, parseSuppressions(['gw20*=CloudProvider team-a/a']), []).kept.map((f) => f.resource?.name)).toEqual(['b']);
    const broken = await analyzeText('a: [\n');
    const syntax = broken.findings.filter((f) => f.code === 'GW1001');
    expect(syntax).toHaveLength(1);
    expect(syntax[0]!.resource).toBeUndefined();
    expect(applySuppressions(syntax, parseSuppressions(['GW1001=CloudProvider */*']), []).kept).toHaveLength(1);
    expect(applySuppressions(syntax, parseSuppressions(['GW1001']), []).kept).toHaveLength(0);
  });

  it('refuses a rule whose code holds anything but letters, digits and globs', () => {
    for (const spec of ['GW1*;x', 'GW1 001', 'GW[1]*', '*$']) expect(() => parseSuppressions([spec]), spec).toThrow(/expected CODE or CODE=Kind namespace\/name/);
  });

  it('a rule\'s resource with runs of spaces is the resource with one', async () => {
    const { analysis } = await analyzeText(twoProviders);
    expect(applySuppressions(analysis.findings, parseSuppressions(['GW2001=CloudProvider    team-a/a']), []).kept.map((f) => f.resource?.name)).toEqual(['b']);
  });

  it('by annotation: codes apart by commas or spaces; every annotation of a resource written twice counts; an unknown code is itself reported (GW2010)', async () => {
    const twice = `apiVersion: infrastructure.gloo.solo.io/v2
kind: CloudProvider
metadata: {name: a, namespace: team-a, annotations: {gwctl.dev/suppress: "GW2001 GW9999"}}
spec: {aws: {accountId: '111111111111', region: us-west-1, bad: 1}}
---
apiVersion: infrastructure.gloo.solo.io/v2
kind: CloudProvider
metadata: {name: a, namespace: team-a, annotations: {gwctl.dev/suppress: "GW1106, GW3003"}}
spec: {aws: {accountId: '111111111111', region: us-west-1, bad: 1}}
`;
    const { analysis } = await analyzeText(twice);
    const codes = new Set(analysis.findings.map((f) => f.code));
    expect(codes.has('GW2001')).toBe(true);
    const out = applySuppressions(analysis.findings, [], analysis.resources);
    // GW2001 of both documents dropped by the first one's annotation; the unknown code said
    expect(out.kept.map((f) => f.code).filter((c) => c === 'GW2001')).toEqual([]);
    expect(out.kept.filter((f) => f.code === 'GW2010').map((f) => f.message)).toHaveLength(1);
  });

  it('by annotation, on that resource only', async () => {
    const { analysis } = await analyzeText(twoProviders);
    const out = applySuppressions(analysis.findings, [], analysis.resources);
    expect(out.kept.map((f) => f.resource?.name)).toEqual(['a']);
    expect(out.suppressed).toBe(1);
  });

  it('tests each rule once per code and resource, whatever the number of findings; 1,000 rules at most', async () => {
    const { analysis } = await analyzeText(twoProviders);
    const many = Array.from({ length: 500 }, () => analysis.findings).flat();
    let tests = 0;
    const counted = (glob: { test(s: string): boolean }) => ({ test: (s: string) => (tests++, glob.test(s)) });
    const rules = parseSuppressions(Array.from({ length: 100 }, (_, i) => `GW2*=CloudProvider team-x/p${i}`)).map((r) => ({ code: counted(r.code), resource: counted(r.resource!) }));
    expect(applySuppressions(many, rules, analysis.resources).kept).toHaveLength(500);
    // 100 code globs for the one code, 100 resource globs for each of the two resources: not 1,000 findings' worth
    expect(tests).toBe(300);
    expect(() => parseSuppressions(Array.from({ length: 1_001 }, (_, i) => `GW2001=CloudProvider a/p${i}`))).toThrow(/^suppress: 1001 rules; gwctl takes at most 1,000$/);
  });

  it('rejects malformed --suppress rules', () => {
    expect(() => parseSuppressions(['GW9999'])).toThrow(/not a gwctl diagnostic code/);
    expect(() => parseSuppressions(['GW2001=team-a/x'])).toThrow(/Kind namespace\/name/);
    expect(() => parseSuppressions(['GW2001=CloudProvider team-a'])).toThrow(/Kind namespace\/name/);
    expect(() => parseSuppressions(['=CloudProvider team-a/a'])).toThrow('--suppress =CloudProvider team-a/a: expected CODE or CODE=Kind namespace/name');
  });

  it('baseline: names files relative to the baseline\'s folder; standard input keeps its name', () => {
    const name = baselineFileName('/work/repo', 'ci/baseline.json', '<stdin>');
    expect(name('gateways/api.yaml')).toBe('../gateways/api.yaml');
    expect(name('/work/repo/ci/local.yaml')).toBe('local.yaml');
    expect(name('<stdin>')).toBe('<stdin>');
  });

  it('baseline: written in one order whatever the findings\' order, so that a baseline changes only where its findings do', async () => {
    const { analysis } = await analyzeText(twoProviders);
    const forward = serializeBaseline(analysis.findings, (n) => n);
    expect(serializeBaseline([...analysis.findings].reverse(), (n) => n)).toBe(forward);
    expect(parseBaseline(forward, 'b.json').map((e) => e.resource)).toEqual(['CloudProvider team-a/a', 'CloudProvider team-b/b']);
  });

  it('baseline: matches by code, file, resource and pointer, counting duplicates', async () => {
    const { analysis } = await analyzeText(twoProviders);
    const findings = analysis.findings;
    const baseline = parseBaseline(serializeBaseline(findings.slice(0, 1), (n) => n), 'b.json');
    const out = applyBaseline(findings, baseline, (n) => n);
    expect(out.suppressed).toBe(1);
    expect(out.kept).toEqual(findings.slice(1));
    expect(() => parseBaseline('{"x":1}', 'b.json')).toThrow(/not a gwctl baseline/);
    expect(() => parseBaseline('{"gwctlBaseline":2,"findings":[]}', 'b.json')).toThrow(/not a gwctl baseline/);
    // an entry without its code, file or pointer matches nothing: it is dropped, not read as a wildcard
    expect(parseBaseline('{"gwctlBaseline":1,"findings":[{"file":"a.yaml","pointer":""},{"code":"GW2001","file":"a.yaml","pointer":"","resource":null,"message":""},null]}', 'b.json')).toEqual([
      { code: 'GW2001', file: 'a.yaml', pointer: '', resource: null, message: '' },
    ]);
    expect(() => parseBaseline('nope', 'b.json')).toThrow(/not JSON/);
    // the resource is part of the match: two providers of one file share code, file and pointer
    expect(findings.map((f) => f.code)).toEqual(['GW2001', 'GW2001']);
    const onlyB = parseBaseline(serializeBaseline(findings.slice(1), (n) => n), 'b.json');
    expect(applyBaseline(findings, onlyB, (n) => n).kept).toEqual(findings.slice(0, 1));
    // counting: an entry covers one finding; the same finding twice needs two
    const twice = [findings[0]!, findings[0]!];
    expect(applyBaseline(twice, baseline, (n) => n)).toEqual({ kept: [findings[0]], suppressed: 1 });
    expect(applyBaseline(twice, [...baseline, ...baseline], (n) => n)).toEqual({ kept: [], suppressed: 2 });
  });
});
