import { describe, expect, it } from 'vitest';
import { kustomizationFiles } from '../../src/load/kustomization';

// What a kustomization changes in the metadata of what it builds (kustomization.ts, KustomizeBuild);
// test/unit/kubectl-readings.test.ts holds the walk of the fixture kustomizations to `kubectl kustomize`.
const build = (text: string) => kustomizationFiles(text)?.build;

describe('what a kustomization builds', () => {
  it('reads namespace, namePrefix, nameSuffix, commonLabels, labels[].pairs and commonAnnotations', () => {
    expect(
      build(
        [
          'namespace: orders',
          'namePrefix: prod-',
          'nameSuffix: -v2',
          'commonLabels: {team: orders, tier: api}',
          'labels:',
          '  - pairs: {tier: edge, app.kubernetes.io/part-of: shop}',
          '    includeSelectors: false',
          'commonAnnotations: {owner: orders@example.com}',
          'resources: [rt.yaml]',
        ].join('\n'),
      ),
    ).toEqual({
      namespace: 'orders',
      namePrefix: 'prod-',
      nameSuffix: '-v2',
      // labels[] after commonLabels: the later value of a key wins
      labels: { team: 'orders', tier: 'edge', 'app.kubernetes.io/part-of': 'shop' },
      annotations: { owner: 'orders@example.com' },
    });
  });

  it('a prefix or suffix of the characters of an object name: `.` is one, an upper-case letter is not', () => {
    expect(build('namePrefix: v1.\nresources: [rt.yaml]\n')).toEqual({ namePrefix: 'v1.' });
    expect(build('namePrefix: Prod-\nresources: [rt.yaml]\n')).toEqual({ refused: { field: 'namePrefix', value: 'Prod-', why: expect.stringContaining('no object name may hold') } });
  });

  it('leaves the names as written when `configurations` may teach kustomize to follow them into Gloo references', () => {
    expect(build('namePrefix: prod-\nconfigurations: [gloo-names.yaml]\nresources: [rt.yaml]\n')).toBeUndefined();
    expect(build('namePrefix: prod-\nnamespace: shop\nconfigurations: [gloo-names.yaml]\n')).toEqual({ namespace: 'shop' });
  });

  it('applies nothing it could not build from (a namespace that is no name, values that are not text), and keeps the first such value as refused (GW1109)', () => {
    expect(build('namespace: Not_A_Namespace\nresources: [rt.yaml]\n')).toEqual({ refused: { field: 'namespace', value: 'Not_A_Namespace', why: expect.stringContaining('no namespace name') } });
    expect(build('namespace: [a]\nnamePrefix: {a: b}\ncommonLabels: {team: [a], on: true}\nlabels: [{pairs: x}, 7]\n')).toEqual({ refused: { field: 'namespace', value: 'a list', why: expect.stringContaining('kustomize cannot read') } });
    expect(build('resources: [rt.yaml]\n')).toBeUndefined();
    // a prefix or suffix a Kubernetes name cannot hold: names the API server would refuse, not applied
    expect(build('namePrefix: "Prod_"\nnameSuffix: "-\\u001b[31m"\nresources: [rt.yaml]\n')).toEqual({ refused: { field: 'namePrefix', value: 'Prod_', why: expect.stringContaining('no object name may hold') } });
    expect(build('nameSuffix: "-\\u001b[31m"\nresources: [rt.yaml]\n')).toEqual({ refused: { field: 'nameSuffix', value: '-\u001b[31m', why: expect.any(String) } });
    expect(kustomizationFiles('resources: [rt.yaml\n')).toBeUndefined();
  });
});

describe('the files a kustomization names', () => {
  it('resources and bases; the files of patches, patchesJson6902 and patchesStrategicMerge, not an inline patch', () => {
    const files = kustomizationFiles(
      ['resources: [rt.yaml, ../base]', 'bases: [../legacy]', 'patches: [{path: p1.yaml}, {patch: "kind: RouteTable"}]', 'patchesJson6902: [{path: p2.yaml}]', 'patchesStrategicMerge:', '  - p3.yaml', '  - |', '    apiVersion: networking.gloo.solo.io/v2', '    kind: RouteTable'].join('\n'),
    );
    expect([files?.resources, files?.patches]).toEqual([['rt.yaml', '../base', '../legacy'], ['p1.yaml', 'p2.yaml', 'p3.yaml']]);
  });

  it('a text that is no mapping is no kustomization gwctl reads: undefined, so that nothing is left out for it', () => {
    expect(kustomizationFiles('- rt.yaml\n- other.yaml\n')).toBeUndefined();
    expect(kustomizationFiles('just text')).toBeUndefined();
    expect(kustomizationFiles('resources: [a\n')).toBeUndefined();
  });
});
