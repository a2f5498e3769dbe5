import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';

// The kinds checked against their CRD alone (src/load/kinds.ts, CRD_CHECKED_KINDS): counted as checked,
// suppressed by their own annotation, listed among the passes, and never GW1017's "nothing was checked".
const DESTINATION = (extra = '', spec = 'hosts: [reviews.global]\n  ports: [{number: 9080, protocol: HTTP}]') =>
  `apiVersion: networking.gloo.solo.io/v2\nkind: VirtualDestination\nmetadata:\n  name: reviews\n  namespace: bookinfo\n${extra}spec:\n  ${spec}\n`;

describe('objects checked against their CRD alone, end to end', () => {
  it('a VirtualDestination alone is checked and counted, with no warning that nothing was', () => {
    const result = runCli(['validate', '-'], { input: DESTINATION() });
    expect(result).toMatchObject({ code: 0, stdout: '✔ no problems\n', stderr: 'gwctl: read 1 file, 1 document: 1 resource checked, 0 skipped\n' });
  });

  it('its mistakes are said at their place, and its annotation suppresses them', () => {
    const misspelt = DESTINATION('', 'host: [reviews.global]\n  ports: [{number: 9080, protocol: HTTP}]');
    const said = runCli(['validate', '-', '--format', 'json'], { input: misspelt });
    expect(said.code).toBe(1);
    const { diagnostics } = JSON.parse(said.stdout);
    expect(diagnostics.map((d: { code: string; line: number; resource: unknown }) => [d.code, d.line, d.resource])).toEqual([
      ['GW2001', 7, { kind: 'VirtualDestination', namespace: 'bookinfo', name: 'reviews' }],
    ]);
    // `host` for `hosts`, and no `ports`, which the CRD requires: both suppressed
    const annotated = DESTINATION('  annotations:\n    gwctl.dev/suppress: GW2001,GW2003\n', 'host: [reviews.global]');
    expect(runCli(['validate', '-'], { input: annotated })).toMatchObject({ code: 0, stderr: 'gwctl: read 1 file, 1 document: 1 resource checked, 0 skipped; 2 findings suppressed\n' });
    // a code no catalogue holds, in its annotation, is said as on any resource
    const unknown = runCli(['validate', '-', '--format', 'json'], { input: DESTINATION('  annotations:\n    gwctl.dev/suppress: GW9999\n') });
    expect(JSON.parse(unknown.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual(['GW2010']);
  });

  it('with no spec, which none of their CRDs requires, where a kind gwctl models needs one', () => {
    const cluster = 'apiVersion: admin.gloo.solo.io/v2\nkind: KubernetesCluster\nmetadata: {name: cluster-1, namespace: gloo-mesh}\n';
    expect(runCli(['validate', '-'], { input: cluster })).toMatchObject({ code: 0, stdout: '✔ no problems\n' });
    const table = runCli(['validate', '-', '--format', 'json'], { input: cluster.replace('admin.gloo.solo.io/v2\nkind: KubernetesCluster', 'networking.gloo.solo.io/v2\nkind: RouteTable') });
    expect(JSON.parse(table.stdout).diagnostics.map((d: { code: string }) => d.code)).toContain('GW2003');
  });

  it('is listed among the passes of a format that lists them', () => {
    const result = runCli(['validate', '-', '--format', 'junit', '--stdin-filename', 'vd.yaml'], { input: DESTINATION() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('name="VirtualDestination bookinfo/reviews"');
  });

  it('at a version its CRD does not serve, the document is not checked (GW1101)', () => {
    const workload = 'apiVersion: networking.gloo.solo.io/v2\nkind: ExternalWorkload\nmetadata: {name: vm, namespace: bookinfo}\nspec: {}\n';
    const result = runCli(['validate', '-', '--format', 'json'], { input: workload });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).diagnostics.map((d: { code: string; message: string }) => [d.code, d.message])).toEqual([
      ['GW1101', 'ExternalWorkload with apiVersion `networking.gloo.solo.io/v2` is not a version gwctl knows; expected `networking.gloo.solo.io/v2alpha1`'],
    ]);
    expect(runCli(['validate', '-'], { input: workload.replace('/v2\n', '/v2alpha1\n') })).toMatchObject({ code: 0, stderr: 'gwctl: read 1 file, 1 document: 1 resource checked, 0 skipped\n' });
  });

  it('a kind of another group of the same name is not one of them', () => {
    // Istio has no VirtualDestination; a kind of another product's group is skipped, as before
    const other = DESTINATION().replace('networking.gloo.solo.io/v2', 'networking.istio.io/v1');
    expect(runCli(['validate', '-'], { input: other })).toMatchObject({ stderr: expect.stringContaining('0 resources checked, 1 skipped (1 VirtualDestination)') });
  });
});
