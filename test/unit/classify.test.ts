import { describe, expect, it } from 'vitest';
import { classify } from '../../src/load/classify';
import { parseDocuments } from '../../src/load/parse-documents';
import { SourceFile } from '../../src/source/source-file';

const run = (text: string) => classify(parseDocuments(new SourceFile('t.yaml', text)).documents);

describe('classify', () => {
  it('reads both dialects of CloudProvider by group', () => {
    const out = run(
      'apiVersion: networking.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: a, namespace: ns}\n---\n' +
        'apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: b, namespace: ns}\n',
    );
    expect(out.resources.map((r) => r.dialect)).toEqual(['v2.2', 'v2.3']);
  });

  it('tells the RouteTable dialects apart by their destinations', () => {
    const rt = (dest: string) =>
      `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: a, namespace: ns}\nspec:\n  http:\n  - forwardTo:\n      destinations:\n      - ${dest}\n`;
    expect(run(rt('{ref: {name: p}, kind: CLOUD_PROVIDER, function: {logicalName: f}}')).resources[0]!.dialect).toBe('v2.2');
    expect(run(rt('{awsLambda: {cloudProvider: {name: p}, function: f}}')).resources[0]!.dialect).toBe('v2.3');
    expect(run(rt('{ref: {name: svc}, port: {number: 80}}')).resources[0]!.dialect).toBe('v2.3');
    // a `function` alone marks 2.2 too, in any section and in the default destination
    expect(run(rt('{ref: {name: p}, function: {logicalName: f}}')).resources[0]!.dialect).toBe('v2.2');
    const other = (spec: string) => run(`apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: a, namespace: ns}\nspec:\n${spec}`).resources[0]!.dialect;
    expect(other('  defaultDestination: {ref: {name: p}, kind: CLOUD_PROVIDER, function: {logicalName: f}}\n')).toBe('v2.2');
    expect(other('  tcp:\n  - forwardTo: {destinations: [{ref: {name: p}, kind: CLOUD_PROVIDER}]}\n')).toBe('v2.2');
    expect(other('  tls:\n  - forwardTo: {destinations: [{ref: {name: p}, kind: CLOUD_PROVIDER}]}\n')).toBe('v2.2');
  });

  it('expands kind: List and keeps each item\'s place', () => {
    const out = run('apiVersion: v1\nkind: List\nitems:\n- apiVersion: admin.gloo.solo.io/v2\n  kind: Workspace\n  metadata: {name: w, namespace: ns}\n- apiVersion: v1\n  kind: ConfigMap\n');
    expect(out.resources.map((r) => [r.kind, r.pointer])).toEqual([['Workspace', '/items/0']]);
    expect(out.skipped.get('ConfigMap')).toBe(1);
  });

  it('expands any kind named *List with items, as kubectl does (RouteTableList), and no object without them', () => {
    const out = run('apiVersion: networking.gloo.solo.io/v2\nkind: RouteTableList\nitems:\n- apiVersion: networking.gloo.solo.io/v2\n  kind: RouteTable\n  metadata: {name: a, namespace: ns}\n---\napiVersion: v1\nkind: List\nmetadata: {name: x}\n');
    expect(out.resources.map((r) => [r.kind, r.ref.name, r.pointer])).toEqual([['RouteTable', 'a', '/items/0']]);
    expect(Object.fromEntries(out.skipped)).toEqual({ List: 1 });
    expect(out.findings).toEqual([]);
  });

  it('refuses a List inside a List\'s items, as kubectl does, and reads none of its items (GW1015)', () => {
    const out = run('apiVersion: v1\nkind: List\nitems:\n- apiVersion: networking.gloo.solo.io/v2\n  kind: RouteTable\n  metadata: {name: outer, namespace: ns}\n- apiVersion: v1\n  kind: List\n  items:\n  - apiVersion: networking.gloo.solo.io/v2\n    kind: RouteTable\n    metadata: {name: inner, namespace: ns}\n');
    expect(out.resources.map((r) => r.ref.name)).toEqual(['outer']);
    expect(out.findings.map((f) => [f.code, f.severity, f.at])).toEqual([['GW1015', 'error', expect.objectContaining({ pointer: '/items/1/kind' })]]);
  });

  it('says which of apiVersion and kind is missing where the other is Gloo\'s, at the one written (GW1103); a List item of neither is no manifest, even with tests', () => {
    const out = run('apiVersion: networking.gloo.solo.io/v2\nmetadata: {name: a}\n---\nkind: RouteTable\nmetadata: {name: b}\n---\napiVersion: v1\nkind: List\nitems:\n- tests: []\n');
    expect(out.findings.map((f) => [f.code, f.message, (f.at as { pointer?: string }).pointer])).toEqual([
      ['GW1103', 'the document has apiVersion networking.gloo.solo.io/v2 but no `kind`', '/apiVersion'],
      ['GW1103', 'the document has kind RouteTable but no `apiVersion`', '/kind'],
      ['GW1104', 'the document has neither apiVersion nor kind: not a Kubernetes manifest; skipped', '/items/0'],
    ]);
  });

  it('a misspelled kind of a Gloo group, with the kind meant (GW1107)', () => {
    const out = run('apiVersion: networking.gloo.solo.io/v2\nkind: RouteTabel\nmetadata: {name: a, namespace: ns}\n');
    expect(out.findings.map((f) => f.message)).toEqual(['`RouteTabel` is not a kind of networking.gloo.solo.io; did you mean `RouteTable`?; the document is not checked']);
  });

  it('a misspelled kind of a policy group is GW1107 too, and no policy: every kind of the 2.14 chart and the LuaPolicy is one', () => {
    const out = run('apiVersion: resilience.policy.gloo.solo.io/v2\nkind: RetryTimeoutPolicies\nmetadata: {name: a, namespace: ns}\nspec:\n  config: {requestTimeout: 2m}\n');
    expect(out.findings.map((f) => f.message)).toEqual(['`RetryTimeoutPolicies` is not a kind of resilience.policy.gloo.solo.io; did you mean `RetryTimeoutPolicy`?; the document is not checked']);
    expect(out.policies).toEqual([]);
    const kinds = {
      security: ['AccessPolicy', 'CORSPolicy', 'CSRFPolicy', 'ClientTLSPolicy', 'DLPPolicy', 'ExtAuthPolicy', 'GraphQLAllowedQueryPolicy', 'JWTPolicy', 'WAFPolicy'],
      trafficcontrol: ['HTTPBufferPolicy', 'HeaderManipulationPolicy', 'LoadBalancerPolicy', 'MirrorPolicy', 'ProxyProtocolPolicy', 'RateLimitClientConfig', 'RateLimitPolicy', 'TransformationPolicy'],
      resilience: ['ActiveHealthCheckPolicy', 'AdaptiveRequestConcurrencyPolicy', 'ConnectionPolicy', 'FailoverPolicy', 'FaultInjectionPolicy', 'GraphQLPersistedQueryCachePolicy', 'ListenerConnectionPolicy', 'OutlierDetectionPolicy', 'RetryTimeoutPolicy', 'TrimProxyConfigPolicy'],
      observability: ['AccessLogPolicy'],
      extensions: ['LuaPolicy', 'WasmDeploymentPolicy'],
    };
    const all = Object.entries(kinds).flatMap(([group, names]) => names.map((kind) => `apiVersion: ${group}.policy.gloo.solo.io/v2\nkind: ${kind}\nmetadata: {name: p, namespace: ns}\nspec: {}\n`));
    const read = run(all.join('---\n'));
    expect(read.findings.map((f) => f.code).filter((code) => code === 'GW1107')).toEqual([]);
    expect(read.policies).toHaveLength(all.length);
    // each of the five groups refuses a kind it does not define
    const misspelt = Object.keys(kinds).map((group) => `apiVersion: ${group}.policy.gloo.solo.io/v2\nkind: SomePolicy\nmetadata: {name: p, namespace: ns}\nspec: {}\n`);
    const refused = run(misspelt.join('---\n'));
    expect(refused.findings.map((f) => f.message.split(';')[0])).toEqual(Object.keys(kinds).map((group) => `\`SomePolicy\` is not a kind of ${group}.policy.gloo.solo.io`));
    expect(refused.policies).toEqual([]);
    // a kind of the group gwctl does not list (a later release's) would be GW1107: the groups are those of the chart
    expect(run('apiVersion: example.policy.gloo.solo.io/v2\nkind: NewPolicy\nmetadata: {name: p, namespace: ns}\n').findings).toEqual([]);
  });

  it('a Namespace\'s labels are read from core v1 Namespaces alone', () => {
    const out = run('apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {team: a}}\n---\napiVersion: example.com/v1\nkind: Namespace\nmetadata: {name: b, labels: {team: b}}\n');
    expect(out.namespaceLabels).toEqual(new Map([['a', { team: 'a' }]]));
  });

  it('a security policy of listeners is enforced at the gateway; one of destinations or workloads at them', () => {
    const policy = (name: string, field: string) => `apiVersion: security.policy.gloo.solo.io/v2\nkind: ExtAuthPolicy\nmetadata: {name: ${name}, namespace: ns}\nspec:\n  ${field}: [{selector: {}}]\n`;
    const out = run([policy('l', 'applyToListeners'), policy('d', 'applyToDestinations'), policy('w', 'applyToWorkloads')].join('---\n'));
    expect(out.policies.map((p) => [p.ref.name, p.security, p.appliesTo])).toEqual([
      ['l', true, 'the listeners it selects'],
      ['d', false, 'the destinations it selects'],
      ['w', false, 'the workloads it selects'],
    ]);
  });

  it('lists what was skipped most first, then by name', async () => {
    const { skippedKinds } = await import('../../src/load/classify');
    expect(skippedKinds(new Map([['Service', 1], ['ConfigMap', 1], ['Secret', 3]]))).toEqual(['3 Secret', '1 ConfigMap', '1 Service']);
  });

  it('counts other kinds and non-manifests instead of dropping them silently', () => {
    const out = run('apiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\njobs: {}\n');
    expect(Object.fromEntries(out.skipped)).toEqual({ Service: 1, 'not a manifest': 1 });
    expect(out.findings.map((f) => f.code)).toEqual(['GW1104']);
  });

  it('reports a known kind under an unknown apiVersion', () => {
    const out = run('apiVersion: networking.gloo.solo.io/v3\nkind: RouteTable\nmetadata: {name: a}\n');
    expect(out.findings.map((f) => f.code)).toEqual(['GW1101']);
    expect(out.resources).toEqual([]);
  });

  it('assumes the default namespace, and says so', () => {
    const out = run('apiVersion: admin.gloo.solo.io/v2\nkind: Workspace\nmetadata: {name: w}\n');
    expect(out.resources[0]!.ref).toEqual({ kind: 'Workspace', namespace: 'default', name: 'w' });
    expect(out.findings.map((f) => f.code)).toEqual(['GW1106']);
  });
});

describe('classify: a file a kustomization that sets namespace names', () => {
  const kustomized = (text: string) => {
    const file = new SourceFile('team/routes.yaml', text);
    return classify(parseDocuments(file).documents, new Map([[file, { namespace: 'orders', kustomization: 'team/kustomization.yaml' }]]));
  };

  it('puts every resource, policy and List item in its namespace: without one silently (no GW1106), in another with GW1108', () => {
    const out = kustomized(
      [
        'apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: a}\n',
        'apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: b, namespace: legacy}\n',
        'apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: c, namespace: orders}\n',
        'apiVersion: v1\nkind: List\nitems:\n- apiVersion: networking.gloo.solo.io/v2\n  kind: VirtualGateway\n  metadata: {name: d}\n',
        'apiVersion: security.policy.gloo.solo.io/v2\nkind: ExtAuthPolicy\nmetadata: {name: e, namespace: legacy}\nspec: {}\n',
      ].join('---\n'),
    );
    expect(out.resources.map((r) => `${r.ref.namespace}/${r.ref.name}`)).toEqual(['orders/a', 'orders/b', 'orders/c', 'orders/d']);
    expect(out.policies.map((p) => `${p.ref.namespace}/${p.ref.name}`)).toEqual(['orders/e']);
    expect(out.findings.map((f) => [f.code, f.message, f.resource])).toEqual([
      ['GW1108', 'RouteTable b says namespace `legacy`, and kustomize builds it into `orders`: team/kustomization.yaml names this file and sets `namespace: orders`', { kind: 'RouteTable', namespace: 'orders', name: 'b' }],
    ]);
  });

  it('another file keeps what it says, and `default` with GW1106 without', () => {
    const out = run('apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: a}\n---\napiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: b, namespace: legacy}\n');
    expect(out.resources.map((r) => `${r.ref.namespace}/${r.ref.name}`)).toEqual(['default/a', 'legacy/b']);
    expect(out.findings.map((f) => f.code)).toEqual(['GW1106']);
  });
});

describe('classify: a file a kustomization that renames and labels names', () => {
  it('builds each name with the prefix and suffix, and adds the labels and annotations over the file\'s own', () => {
    const file = new SourceFile('prod/routes.yaml', 'apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata:\n  name: shop\n  namespace: shop\n  labels: {tier: web, team: a}\n  annotations: {note: kept}\n---\napiVersion: trafficcontrol.policy.gloo.solo.io/v2\nkind: RateLimitPolicy\nmetadata: {name: limits, namespace: shop}\nspec: {config: {ratelimitClientConfig: {name: c}, ratelimitServerConfig: {name: s}}}\n---\napiVersion: networking.gloo.solo.io/v2\nkind: VirtualDestination\nmetadata: {name: vd, namespace: shop, annotations: {note: vd}}\nspec: {}\n');
    const out = classify(parseDocuments(file).documents, new Map([[file, { namePrefix: 'prod-', nameSuffix: '-v2', labels: { tier: 'edge' }, annotations: { owner: 'shop' }, kustomization: 'prod/kustomization.yaml' }]]));
    expect(out.resources.map((r) => [r.ref, r.labels, r.annotations])).toEqual([[{ kind: 'RouteTable', namespace: 'shop', name: 'prod-shop-v2' }, { tier: 'edge', team: 'a' }, { note: 'kept', owner: 'shop' }]]);
    // an object checked against its CRD alone is built alike: its annotations suppress its findings
    expect(out.checked.map((r) => [r.ref, r.labels, r.annotations])).toEqual([[{ kind: 'VirtualDestination', namespace: 'shop', name: 'prod-vd-v2' }, { tier: 'edge' }, { note: 'vd', owner: 'shop' }]]);
    expect(out.policies.map((p) => p.ref)).toEqual([{ kind: 'RateLimitPolicy', namespace: 'shop', name: 'prod-limits-v2' }]);
    // and a policy: its annotations are where its findings are suppressed
    expect(out.policyObjects.map((p) => [p.ref.name, p.annotations])).toEqual([['prod-limits-v2', { owner: 'shop' }]]);
    expect(out.namespaceLabels).toEqual(new Map());
    expect(out.findings).toEqual([]);
  });
});

describe('classify: a Namespace object a kustomization names', () => {
  it('takes the kustomization\'s labels, and keeps its name, as kubectl kustomize builds it (workspaces select namespaces by them)', () => {
    const file = new SourceFile('team/ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: orders\n  labels: {tier: app, team: old}\n');
    const out = classify(parseDocuments(file).documents, new Map([[file, { namespace: 'orders', namePrefix: 'prod-', labels: { team: 'orders' }, kustomization: 'team/kustomization.yaml' }]]));
    expect(out.namespaceLabels).toEqual(new Map([['orders', { tier: 'app', team: 'orders' }]]));
  });
});

describe('classify: a file a kustomization builds into what no cluster takes (GW1109)', () => {
  const refused = { field: 'namespace', value: 'Shop_Prod', why: 'which is no namespace name' } as const;
  it('one error per file, on its first resource, counting the others; the file read as written', () => {
    const file = new SourceFile('team/routes.yaml', [
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n',
      'apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: a, namespace: shop}\n',
      'apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: b, namespace: shop}\n',
      'apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: g, namespace: shop}\n',
    ].join('---\n'));
    // a VirtualDestination, checked against its CRD alone, is refused alike
    const destination = new SourceFile('team/vd.yaml', 'apiVersion: networking.gloo.solo.io/v2\nkind: VirtualDestination\nmetadata: {name: vd, namespace: shop}\n');
    const other = new SourceFile('team/cloud.yaml', 'apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: aws, namespace: shop}\n');
    const kustomized = { refused, kustomization: 'team/kustomization.yaml' };
    const out = classify([...parseDocuments(file).documents, ...parseDocuments(other).documents, ...parseDocuments(destination).documents], new Map([[file, kustomized], [other, kustomized], [destination, kustomized]]));
    expect(out.resources.map((r) => `${r.ref.namespace}/${r.ref.name}`)).toEqual(['shop/a', 'shop/b', 'shop/g', 'shop/aws']);
    expect(out.findings.map((f) => [f.code, f.severity, f.message, f.resource])).toEqual([
      ['GW1109', 'error', 'team/kustomization.yaml builds RouteTable a and 2 more resources of this file with `namespace: Shop_Prod`, which is no namespace name; gwctl reads the file without it', { kind: 'RouteTable', namespace: 'shop', name: 'a' }],
      ['GW1109', 'error', 'team/kustomization.yaml builds CloudProvider aws with `namespace: Shop_Prod`, which is no namespace name; gwctl reads the file without it', { kind: 'CloudProvider', namespace: 'shop', name: 'aws' }],
      ['GW1109', 'error', 'team/kustomization.yaml builds VirtualDestination vd with `namespace: Shop_Prod`, which is no namespace name; gwctl reads the file without it', { kind: 'VirtualDestination', namespace: 'shop', name: 'vd' }],
    ]);
    expect(out.findings[0]!.at).toMatchObject({ pointer: '/metadata' });
  });

  it('nothing for a file of no Gloo resource, nor for one the kustomization builds as it may', () => {
    const file = new SourceFile('team/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
    expect(classify(parseDocuments(file).documents, new Map([[file, { refused, kustomization: 'k' }]])).findings).toEqual([]);
    const fine = new SourceFile('team/rt.yaml', 'apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: a, namespace: shop}\n');
    expect(classify(parseDocuments(fine).documents, new Map([[fine, { namePrefix: 'prod-', kustomization: 'k' }]])).findings).toEqual([]);
  });
});

describe('classify: a policy at a version its CRD does not serve', () => {
  it('is GW1101, and not read; a kind its group does not define is GW1107 at any version', () => {
    const out = run('apiVersion: security.policy.gloo.solo.io/v1\nkind: WAFPolicy\nmetadata: {name: w, namespace: a}\nspec: {}\n---\napiVersion: resilience.policy.gloo.solo.io/v1\nkind: RetryTimeoutPolicies\nmetadata: {name: r, namespace: a}\nspec: {}\n');
    expect(out.findings.map((f) => [f.code, f.message])).toEqual([
      ['GW1101', 'WAFPolicy with apiVersion `security.policy.gloo.solo.io/v1` is not a version gwctl knows; expected `security.policy.gloo.solo.io/v2`'],
      ['GW1107', '`RetryTimeoutPolicies` is not a kind of resilience.policy.gloo.solo.io; did you mean `RetryTimeoutPolicy`?; the document is not checked'],
    ]);
    expect(out.policies).toEqual([]);
  });
});
