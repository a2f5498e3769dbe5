import { describe, expect, it } from 'vitest';
import { ClusterSet } from '../../src/emit/envoy/clusters';
import { Filled } from '../../src/emit/template';
import { yamlChunks } from '../../src/emit/stream-writer';
import { functionArn } from '../../src/model/arn';
import type { InvokeRole, LambdaDestination, LambdaOptions, ServiceDestination } from '../../src/model/types';
import type { Finding } from '../../src/diagnostics/finding';

const SYNC: LambdaOptions = { invocation: 'sync', request: 'wrap', response: 'unwrap-api-gateway' };
const ASYNC: LambdaOptions = { invocation: 'async', request: 'wrap', response: 'unwrap-api-gateway' };
const source = { kind: 'file', file: { name: 't.yaml' }, start: 0, end: 0 } as never;
const role = (name: string): InvokeRole => ({ name, arn: `arn:aws:iam::111111111111:role/${name}`, from: 'provider', source, owner: { kind: 'CloudProvider', namespace: 'n', name: 'p' } as never });
const ROLES = [undefined, role('a'), role('b')];

function destination(functionName: string, accountId: string, region: string, qualifier: string, invokeRole: InvokeRole | undefined, options: LambdaOptions): LambdaDestination {
  return {
    kind: 'lambda', provider: { kind: 'CloudProvider', namespace: 'n', name: 'p' } as never, functionName, qualifier, logicalName: functionName,
    // spelled when read, as the model's destinations do
    get arn() {
      return functionArn(region, accountId, functionName, qualifier);
    },
    accountId, region, partition: 'aws', invokeRole, options, weight: 100, source,
  };
}

/** What decides a cluster: the function's ARN, the role and the filter's options. */
const clusterKey = (d: LambdaDestination) => `${d.arn}|${d.invokeRole?.arn ?? ''}|${d.options.invocation}`;

describe('ClusterSet: the Lambda clusters of the upstream form', () => {
  it('gives destinations one cluster exactly when their ARN, role and options agree, however many versions a function name has', () => {
    // one name in 2 accounts, 2 regions and 14 spellings of a version ('' and $LATEST are one ARN), with
    // 3 roles and 2 invocations: far past the list a name keeps before it is keyed by ARN; and a name
    // with few
    const destinations: LambdaDestination[] = [];
    const qualifiers = ['', '$LATEST', ...Array.from({ length: 12 }, (_, i) => String(i + 1))];
    for (const accountId of ['111111111111', '222222222222'])
      for (const region of ['us-east-1', 'cn-north-1'])
        for (const qualifier of qualifiers)
          for (const r of ROLES) for (const options of [SYNC, ASYNC]) destinations.push(destination('f', accountId, region, qualifier, r, options));
    for (const qualifier of ['', '1']) destinations.push(destination('g', '111111111111', 'us-east-1', qualifier, undefined, SYNC));
    // a name whose versions stay below that list: told apart by account, region and version alone
    for (const accountId of ['111111111111', '222222222222'])
      for (const region of ['us-east-1', 'us-west-2']) for (const qualifier of ['1', '2']) destinations.push(destination('h', accountId, region, qualifier, undefined, SYNC));
    // every destination twice, in an order that mixes names, versions and roles
    let seed = 3;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const asked = [...destinations, ...destinations].sort(() => random() - 0.5);

    const clusters = new ClusterSet({ form: 'upstream', caFile: '/ca.pem', bufferLimit: 1 << 20 }, [] as Finding[]);
    for (const d of asked) clusters.prepare(d, undefined);
    const byKey = new Map<string, string>();
    for (const d of asked) {
      const name = clusters.target(d)!.cluster;
      const key = clusterKey(d);
      if (!byKey.has(key)) byKey.set(key, name);
      expect(name, key).toBe(byKey.get(key));
    }
    // as many clusters as keys, each its own name; '' and $LATEST share theirs
    const names = [...clusters.all()].map((c) => (c instanceof Filled ? (c.value as { name: string }) : c).name as string);
    expect(names).toHaveLength(byKey.size);
    expect(new Set(byKey.values()).size).toBe(byKey.size);
    expect(byKey.size).toBe(2 * 2 * 13 * 3 * 2 + 2 + 8);
    expect(clusters.target(destination('f', '111111111111', 'us-east-1', '', undefined, SYNC))!.cluster).toBe(clusters.target(destination('f', '111111111111', 'us-east-1', '$LATEST', undefined, SYNC))!.cluster);
  });

  it('finds the cluster of one function invoked as thousands of roles without walking all of them (linear)', () => {
    let reads = 0;
    const counted = (d: LambdaDestination): LambdaDestination => {
      const { functionName } = d;
      return Object.defineProperty(d, 'functionName', { get: () => (reads++, functionName) });
    };
    const destinations = Array.from({ length: 5_000 }, (_, i) => counted(destination('g', '111111111111', 'us-east-1', '', role(`r${i}`), SYNC)));
    const clusters = new ClusterSet({ form: 'upstream', caFile: '/ca.pem', bufferLimit: 1 << 20 }, [] as Finding[]);
    for (const d of destinations) clusters.prepare(d, undefined);
    const names = destinations.map((d) => clusters.target(d)!.cluster);
    expect(new Set(names).size).toBe(5_000);
    expect(names.slice(0, 2)).toEqual(['lambda_111111111111_us-east-1_g_', 'lambda_111111111111_us-east-1_g__2']);
    // a few reads per destination and per cluster moved to its key once, not one per cluster before it
    expect(reads).toBeLessThan(20 * 5_000);
  });

  it('signs as the role in a session named for the provider of each function, where two providers share the role', () => {
    const provider = (name: string) => ({ kind: 'CloudProvider', namespace: 'n', name }) as never;
    const of = (fn: string, by: string): LambdaDestination => ({ ...destination(fn, '111111111111', 'us-east-1', '1', role('shared'), SYNC), provider: provider(by) });
    const destinations = [of('f', 'p'), of('g', 'q'), of('h', 'q'), of('i', 'p')];
    const clusters = new ClusterSet({ form: 'upstream', caFile: '/ca.pem', bufferLimit: 1 << 20 }, [] as Finding[]);
    for (const d of destinations) clusters.prepare(d, undefined);
    const text = [...yamlChunks({ clusters: [...clusters.all()] })].join('');
    const sessions = [...text.matchAll(/name: (lambda_\S+)[\s\S]*?role_session_name: (\S+)/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(sessions).toEqual([
      'lambda_111111111111_us-east-1_f_1 gwctl-n-p',
      'lambda_111111111111_us-east-1_g_1 gwctl-n-q',
      'lambda_111111111111_us-east-1_h_1 gwctl-n-q',
      'lambda_111111111111_us-east-1_i_1 gwctl-n-p',
    ]);
  });

  it('writes every cluster as its plain form is written, by template or whole, past the templates it keeps', () => {
    // roles in two providers' sessions, regions and options, then more roles than templates are kept
    const destinations: LambdaDestination[] = [];
    for (const r of ROLES)
      for (const region of ['us-east-1', 'eu-west-1'])
        for (const options of [SYNC, ASYNC, { ...SYNC, response: 'raw' } as LambdaOptions])
          for (const qualifier of ['', '1', 'live']) destinations.push(destination(`f-${qualifier}`, '111111111111', region, qualifier, r, options));
    for (let i = 0; i < 16_500; i++) destinations.push(destination('g', '111111111111', 'us-east-1', '', role(`r${i}`), SYNC));
    const clusters = new ClusterSet({ form: 'upstream', caFile: '/ca.pem', bufferLimit: 1 << 20 }, [] as Finding[]);
    for (const d of destinations) clusters.prepare(d, undefined);
    const written = [...clusters.all()];
    const plain = written.map((c) => (c instanceof Filled ? c.value : c));
    // by template: the 18 kinds of the first destinations (roles, regions, 3 kinds of options), 3
    // functions each, then roles until 16,384 templates; the last roles whole
    expect(written.filter((c) => c instanceof Filled).length).toBe(18 * 3 + (16_384 - 18));
    expect(written.length).toBe(destinations.length);
    expect([...yamlChunks({ clusters: written })].join('')).toBe([...yamlChunks({ clusters: plain })].join(''));
  });
});

describe('ClusterSet: Services', () => {
  it('gives a Service one cluster per port, each sending to its own port', () => {
    const service = (name: string, port: number): ServiceDestination => ({ kind: 'service', targetKind: 'SERVICE', name, namespace: 'shop', port, weight: 100, source });
    const destinations = [service('cart', 8080), service('cart', 9090), service('cart', 8080), service('orders', 8080)];
    const clusters = new ClusterSet({ form: 'upstream', caFile: '/ca.pem', bufferLimit: 1 << 20 }, [] as Finding[]);
    for (const d of destinations) clusters.prepare(d, undefined);
    const targets = destinations.map((d) => clusters.target(d)!.cluster);
    expect(targets).toEqual(['svc_shop_cart_8080', 'svc_shop_cart_9090', 'svc_shop_cart_8080', 'svc_shop_orders_8080']);
    const written = [...clusters.all()] as Array<{ name: string; load_assignment: { endpoints: Array<{ lb_endpoints: Array<{ endpoint: { address: { socket_address: object } } }> }> } }>;
    expect(written.map((c) => [c.name, c.load_assignment.endpoints[0]!.lb_endpoints[0]!.endpoint.address.socket_address])).toEqual([
      ['svc_shop_cart_8080', { address: 'cart.shop.svc.cluster.local', port_value: 8080 }],
      ['svc_shop_cart_9090', { address: 'cart.shop.svc.cluster.local', port_value: 9090 }],
      ['svc_shop_orders_8080', { address: 'orders.shop.svc.cluster.local', port_value: 8080 }],
    ]);
  });
});
