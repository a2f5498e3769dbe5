import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';

// Policies are checked against their kind's CRD (src/load/check-policy.ts), and so, like the kinds
// checked against their CRD alone: counted as checked, suppressed by their own `gwctl.dev/suppress`
// annotation, listed among the passes. Before, each was counted as skipped while its findings were said,
// and its annotation was not read at all: a GW4060 the author meant to keep could not be suppressed
// where it was written, and a misspelt code there was not said.
const CORS = (annotations = '', origin = 'exact: https://shop.example.com') =>
  `apiVersion: security.policy.gloo.solo.io/v2\nkind: CORSPolicy\nmetadata:\n  name: shop-cors\n  namespace: shop\n${annotations}spec:\n  applyToRoutes:\n  - route:\n      labels: {route: shop}\n  config:\n    allowOrigins:\n    - ${origin}\n`;
const INFO_ALONE = '✖ 1 problem (0 errors, 0 warnings, 1 info)\n';
const TABLE = `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: shop, namespace: shop}\nspec:\n  hosts: [shop.example.com]\n  http:\n  - name: shop\n    labels: {route: shop}\n    directResponse: {status: 200}\n`;

describe('policies, checked against their CRDs, end to end', () => {
  it('are counted as checked beside the resources gwctl models', () => {
    // (the table's GW4003, an info, counted and not shown)
    const result = runCli(['validate', '-', '--min-severity', 'warning'], { input: `${TABLE}---\n${CORS()}` });
    expect(result).toMatchObject({ code: 0, stdout: INFO_ALONE, stderr: 'gwctl: read 1 file, 2 documents: 2 resources checked, 0 skipped\n' });
  });

  it("have their findings suppressed by their own annotation, and a code no catalogue holds there said", () => {
    const suffix = 'suffix: .example.com';
    const warned = runCli(['validate', '-', '--format', 'json', '--min-severity', 'warning'], { input: `${TABLE}---\n${CORS('', suffix)}` });
    expect(JSON.parse(warned.stdout).diagnostics.map((d: { code: string; resource: unknown }) => [d.code, d.resource])).toEqual([
      ['GW4060', { kind: 'CORSPolicy', namespace: 'shop', name: 'shop-cors' }],
    ]);
    const kept = runCli(['validate', '-', '--min-severity', 'warning'], { input: `${TABLE}---\n${CORS('  annotations:\n    gwctl.dev/suppress: GW4060\n', suffix)}` });
    expect(kept).toMatchObject({ code: 0, stdout: INFO_ALONE, stderr: 'gwctl: read 1 file, 2 documents: 2 resources checked, 0 skipped; 1 finding suppressed\n' });
    const misspelt = runCli(['validate', '-', '--format', 'json', '--min-severity', 'warning'], { input: `${TABLE}---\n${CORS('  annotations:\n    gwctl.dev/suppress: GW4600\n', suffix)}` });
    expect(JSON.parse(misspelt.stdout).diagnostics.map((d: { code: string; line: number }) => [d.code, d.line])).toEqual([
      ['GW2010', 17],
      ['GW4060', 24],
    ]);
  });

  it('are listed among the passes of a format that lists them', () => {
    const result = runCli(['validate', '-', '--format', 'junit', '--stdin-filename', 'shop.yaml'], { input: `${TABLE}---\n${CORS()}` });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('<testsuite name="shop.yaml" tests="2" failures="0" errors="0">');
    expect(result.stdout).toContain('<testcase name="CORSPolicy shop/shop-cors" classname="shop.yaml"/>');
  });

  it('alone, are checked and said to be all that was: GW1017 names them and what was skipped', () => {
    const result = runCli(['validate', '-'], { input: `${CORS()}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n` });
    expect(result).toMatchObject({ code: 0, stderr: 'gwctl: read 1 file, 2 documents: 1 resource checked, 1 skipped (1 ConfigMap)\n' });
    expect(result.stdout).toContain(
      "nothing in standard input is a Gloo Platform resource but policies (1 CORSPolicy, 1 ConfigMap skipped): their own fields were checked, not what they select: no route, gateway or workspace was read  GW1017",
    );
  });

  it('of a kind its group does not define, or at a version it does not serve, are skipped', () => {
    const misspelt = runCli(['validate', '-'], { input: CORS().replace('kind: CORSPolicy', 'kind: CorsPolicy') });
    expect(misspelt.stderr).toBe('gwctl: read 1 file, 1 document: 0 resources checked, 1 skipped (1 CorsPolicy)\n');
    const version = runCli(['validate', '-'], { input: CORS().replace('policy.gloo.solo.io/v2', 'policy.gloo.solo.io/v1') });
    expect(version.stderr).toBe('gwctl: read 1 file, 1 document: 0 resources checked, 1 skipped (1 CORSPolicy)\n');
  });
});

describe("a policy's destination, resolved as a route's, end to end", () => {
  // fixtures/model/semantics/policy-lambda-destinations.yaml: its tests hold the codes and lines; this, what they say
  it('says each destination Gloo would not find in the policy\'s words, with no 500 and no default role annotation read', () => {
    const result = runCli(['validate', 'fixtures/model/semantics/policy-lambda-destinations.yaml', '--format', 'json']);
    expect(result.code).toBe(1);
    const said = JSON.parse(result.stdout).diagnostics.map((d: { code: string; message: string; resource: { kind: string; name: string } }) => [d.code, `${d.resource.kind} ${d.resource.name}`, d.message]);
    expect(said).toContainEqual(['GW3001', 'MirrorPolicy misspelt-provider', 'CloudProvider `shop/aws-shpo` is not in the input; did you mean `shop/aws-shop`?']);
    expect(said).toContainEqual([
      'GW3013',
      'MirrorPolicy ambiguous',
      'function `audit` (qualifier `$LATEST`) is declared for CloudProvider shop/aws-shop only by ARN, in 2 accounts or regions (account 222222222222 in us-east-1, account 333333333333 in us-east-1), and the MirrorPolicy names it by name alone',
    ]);
    expect(said).toContainEqual(['GW2003', 'JWTPolicy jwt', "This JWTPolicy's `awsLambda.cloudProvider` is missing the required field `name`"]);
    // the policy annotated with a role of another account: a table's annotation, not read of a policy
    expect(said.filter((d: string[]) => d[1] === 'MirrorPolicy annotated')).toEqual([]);
    expect(result.stderr).toBe('gwctl: read 1 file, 20 documents: 20 resources checked, 0 skipped\n');
  });

  it('says a VirtualDestination Gloo does not read as the policy\'s, not the route\'s', () => {
    const result = runCli(['validate', 'fixtures/model/semantics/policy-service-destinations.yaml', '--format', 'json']);
    expect(result.code).toBe(1);
    const unread = JSON.parse(result.stdout).diagnostics.filter((d: { code: string }) => d.code === 'GW3018');
    expect(unread.map((d: { message: string }) => d.message)).toEqual([
      'this destination names VirtualDestination payments-archive/archive, which is in namespace `payments-archive`, from which Workspace `payments` reads no Gloo configuration (configEnabled: false): Gloo ignores it, so the MirrorPolicy sends to nothing Gloo knows',
    ]);
  });

  it('keeps the functions that resolve on the policy in routes -f json, and nothing of the document it read them from', () => {
    const result = runCli(['routes', 'fixtures/model/semantics/policy-lambda-destinations.yaml', '--format', 'json']);
    const policies: Array<Record<string, unknown> & { ref: { name: string }; lambdas?: Array<{ arn: string }> }> = JSON.parse(result.stdout).policies;
    expect(policies.find((p) => p.ref.name === 'shadow')!.lambdas!.map((d) => d.arn)).toEqual(['arn:aws:lambda:us-east-1:111111111111:function:orders-shadow']);
    // a destination that does not resolve is said, and kept nowhere
    expect(policies.find((p) => p.ref.name === 'misspelt-provider')!.lambdas).toBeUndefined();
    expect(policies.filter((p) => 'destinations' in p)).toEqual([]);
  });
});

describe('a policy selecting routes by the labels of their destinations, end to end', () => {
  it('selects none where the VirtualDestination the input holds does not carry them, and says which labels it picks by', () => {
    const result = runCli(['validate', 'fixtures/model/semantics/policy-destination-labels.yaml', '--format', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).diagnostics.map((d: { code: string; message: string }) => [d.code, d.message])).toEqual([
      ['GW4057', 'HTTPBufferPolicy shop/edge-buffer selects the routes that forward to VIRTUAL_DESTINATION payments/* labelled tier=edge, and no route the gateways serve forwards to one: Gloo applies it to nothing'],
    ]);
  });
});
