import { describe, expect, it } from 'vitest';
import { DELEGATION_DEPTH_LIMIT, FLATTENED_ROUTES_LIMIT } from '../../src/model/flatten';
import { analyze } from '../../src/analyze';
import { analyzeText } from '../helpers/analyze-text';
import { memoryHost } from '../helpers/memory-host';

const table = (name: string, spec: string, labels = '') => `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: ${name}, namespace: gw${labels}}\nspec:\n${spec}`;

/** A chain of `n` tables, each delegating by name to the next; the last answers 200. */
function chain(n: number): string {
  return Array.from({ length: n }, (_, i) => {
    const hosts = i === 0 ? '  hosts: [api.example.com]\n' : '';
    const action = i < n - 1 ? `delegate: {routeTables: [{name: t${i + 1}, namespace: gw}]}` : 'directResponse: {status: 200}';
    return table(`t${i}`, `${hosts}  http:\n    - name: r\n      ${action}\n`);
  }).join('---\n');
}

/** `levels` levels of `width` tables, every table selecting every table of the next level by label. */
function fan(levels: number, width: number): string {
  const docs = [table('root', '  hosts: [api.example.com]\n  http:\n    - name: r\n      delegate: {routeTables: [{labels: {level: l1}}]}\n')];
  for (let l = 1; l <= levels; l++) {
    for (let k = 0; k < width; k++) {
      const action = l < levels ? `delegate: {routeTables: [{labels: {level: l${l + 1}}}]}` : 'directResponse: {status: 200}';
      docs.push(table(`t${l}-${k}`, `  http:\n    - name: r${k}\n      matchers: [{uri: {prefix: /k${k}}}]\n      ${action}\n`, `, labels: {level: l${l}}`));
    }
  }
  return docs.join('---\n');
}

const codes = (findings: ReadonlyArray<{ code: string }>) => findings.map((f) => f.code);

/**
 * Input decides how deep flattening recurses and how much it produces; both are bounded, with a finding,
 * so that no input can exhaust the stack or make gwctl run without end (docs/semantics.md).
 */
describe('flattening is bounded', () => {
  it(`follows a chain of ${DELEGATION_DEPTH_LIMIT} tables, and reports the next level instead of exhausting the stack`, async () => {
    const within = await analyzeText(chain(DELEGATION_DEPTH_LIMIT));
    expect(codes(within.findings)).not.toContain('GW4022');
    expect(within.analysis.model.listeners[0]!.hosts[0]!.routes[0]!.action).toMatchObject({ kind: 'direct', status: 200 });

    const deep = await analyzeText(chain(20_000));
    expect(codes(deep.findings).filter((c) => c !== 'GW4003')).toEqual(['GW4022']);
    expect(deep.findings.find((f) => f.code === 'GW4022')).toMatchObject({ line: 1 + 8 * (DELEGATION_DEPTH_LIMIT - 1) + 7 });
    const [route] = deep.analysis.model.listeners[0]!.hosts[0]!.routes;
    expect(route!.action).toMatchObject({ kind: 'direct', status: 500, replaced: { code: 'GW4022' } });
    // the tables below the limit are selected: none is reported as never served
    expect(codes(deep.findings)).not.toContain('GW4002');
  });

  it(`stops a table whose delegation multiplies past ${FLATTENED_ROUTES_LIMIT} routes, and serves none of them`, async () => {
    const within = await analyzeText(fan(3, 10));
    expect(codes(within.findings)).not.toContain('GW4023');
    expect(within.analysis.model.listeners[0]!.hosts[0]!.routes).toHaveLength(1000);

    // 10^7 routes from 71 documents
    const multiplied = await analyzeText(fan(7, 10));
    expect(codes(multiplied.findings).filter((c) => c !== 'GW4003')).toEqual(['GW4023']);
    expect(multiplied.findings.find((f) => f.code === 'GW4023')).toMatchObject({ line: 6, column: 3 });
    expect(multiplied.analysis.model.listeners[0]!.hosts[0]!.routes).toEqual([]);
  });

  it('counts a delegated route once for each pair of its parent\'s matchers and its own, before making them', async () => {
    /** `levels` tables, each with one route of `width` path matchers delegating to the next */
    const nested = (levels: number, width: number) =>
      Array.from({ length: levels }, (_, l) => {
        const matchers = Array.from({ length: width }, (_, i) => `{uri: {prefix: /l${l}m${i}}}`).join(', ');
        const action = l < levels - 1 ? `delegate: {routeTables: [{name: t${l + 1}, namespace: gw}]}` : 'directResponse: {status: 200}';
        return table(`t${l}`, `${l === 0 ? '  hosts: [api.example.com]\n' : ''}  http:\n    - name: r\n      matchers: [${matchers}]\n      ${action}\n`);
      }).join('---\n');
    // 100 x 100 pairs: one route of 10,000 matchers
    const within = await analyzeText(nested(2, 100));
    expect(codes(within.findings)).not.toContain('GW4023');
    expect(within.analysis.model.listeners[0]!.hosts[0]!.routes[0]!.matchers).toHaveLength(10_000);
    // four levels of 60, a 7 KB input: 13 million matchers, which exhausted memory; stopped at the third level
    const multiplied = await analyzeText(nested(4, 60));
    expect(codes(multiplied.findings).filter((c) => c !== 'GW4003')).toEqual(['GW4023']);
    expect(multiplied.analysis.model.listeners[0]!.hosts[0]!.routes).toEqual([]);
  });

  it('stops serving at the host that takes the routes served in all past maxRoutes, and keeps what came before', async () => {
    // one table of 4 routes on three gateways of two listeners each, and on two hosts: 48 routes served
    const gateways = [0, 1, 2].map((g) => `apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: g${g}, namespace: gw}\nspec:\n  listeners: [{port: {number: 80}, http: {}}, {port: {number: 81}, http: {}}]\n`);
    const routes = [0, 1, 2, 3].map((i) => `    - {name: r${i}, matchers: [{uri: {exact: /p${i}}}], directResponse: {status: 200}}`).join('\n');
    // and a table of hosts without routes on every listener first: it serves none, and counts for nothing
    const empty = table('e', `  hosts: [c.example.com, d.example.com]\n  virtualGateways: [{name: g0, namespace: gw}, {name: g1, namespace: gw}, {name: g2, namespace: gw}]\n  http: []\n`);
    const input = [...gateways, empty, table('t', `  hosts: [a.example.com, b.example.com]\n  virtualGateways: [{name: g0, namespace: gw}, {name: g1, namespace: gw}, {name: g2, namespace: gw}]\n  http:\n${routes}\n`)].join('---\n');
    const run = async (maxRoutes?: number) => {
      const analysis = await analyze(memoryHost({ 'in.yaml': input }), { paths: ['in.yaml'], stdinName: '<stdin>', ...(maxRoutes !== undefined ? { maxRoutes } : {}) });
      const served = analysis.model.listeners.map((l) => `${l.name} ${l.hosts.map((h) => `${h.host}:${h.routes.length}`).join(' ')}`);
      return { served, stops: analysis.findings.filter((f) => f.code === 'GW4044').map((f) => f.message) };
    };
    const all = await run();
    expect(all.stops).toEqual([]);
    expect(all.served).toHaveLength(6);
    // 12 fit: three hosts of 4 routes; the fourth (b.example.com of the second listener) would make 16
    const stopped = await run(12);
    expect(stopped.served).toEqual(['gw/g0:80 a.example.com:4 b.example.com:4 c.example.com:0 d.example.com:0', 'gw/g0:81 a.example.com:4']);
    expect(stopped.stops).toEqual([expect.stringContaining('more than 12 routes in all (a table\'s routes count again on every listener and host that serves them); gwctl stops at host `b.example.com` of listener gw/g0:81')]);
    expect((await run(48)).stops).toEqual([]);
    expect((await run(47)).stops).toHaveLength(1);
  });
});
