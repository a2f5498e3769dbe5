import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffModels } from '../../src/inspect/routing-diff';
import { analyzeText } from '../helpers/analyze-text';
import { ROOT } from '../helpers/run-cli';

// One route to a Service, its forwardTo changed: the diff names each rewrite that changes
const table = (forwardTo: string) =>
  `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ops}\nspec:\n  hosts: [a.example.com]\n  http:\n    - name: r\n      forwardTo: {${forwardTo}destinations: [{ref: {name: svc, namespace: ops}, port: {number: 80}}]}\n`;

const changes = async (before: string, after: string) => {
  const [a, b] = [await analyzeText(table(before)), await analyzeText(table(after))];
  const diff = diffModels({ model: a.analysis.model, findings: a.findings }, { model: b.analysis.model, findings: b.findings });
  return diff.hosts.flatMap((h) => h.changed.flatMap((c) => c.changes));
};

describe('routing diff: rewrites', () => {
  it('names a host rewrite and an automatic one that change, and nothing when none does', async () => {
    expect(await changes('', 'autoHostRewrite: true, ')).toEqual(['automatic host rewrite: off → on']);
    expect(await changes('autoHostRewrite: true, ', 'hostRewrite: api.internal, ')).toEqual(['host rewrite: none → api.internal', 'automatic host rewrite: on → off']);
    expect(await changes('', '')).toEqual([]);
  });

  it('names a destination whose kind changes, its name and port the same: another backend', async () => {
    const kinded = (kind: string) => table('').replace('destinations: [{ref: {name: svc, namespace: ops}, ', `destinations: [{ref: {name: svc, namespace: ops}, ${kind}`);
    const [a, b] = [await analyzeText(kinded('')), await analyzeText(kinded('kind: EXTERNAL_SERVICE, '))];
    const diff = diffModels({ model: a.analysis.model, findings: a.findings }, { model: b.analysis.model, findings: b.findings });
    expect(diff.hosts.flatMap((h) => h.changed.flatMap((c) => c.changes))).toEqual(['+ 100% external_service ops/svc:80', '- 100% service ops/svc:80']);
  });

  it('names a destination whose subset changes: other endpoints of the Service, another backend', async () => {
    const subset = (labels: string) => table('').replace('port: {number: 80}}', `port: {number: 80}${labels}}`);
    const diffOf = async (x: string, y: string) => {
      const [a, b] = [await analyzeText(subset(x)), await analyzeText(subset(y))];
      return diffModels({ model: a.analysis.model, findings: a.findings }, { model: b.analysis.model, findings: b.findings }).hosts.flatMap((h) => h.changed.flatMap((c) => c.changes));
    };
    expect(await diffOf(', subset: {version: v1}', ', subset: {version: v2}')).toEqual(['+ 100% service ops/svc:80 (subset version=v2)', '- 100% service ops/svc:80 (subset version=v1)']);
    expect(await diffOf('', ', subset: {version: v2}')).toEqual(['+ 100% service ops/svc:80 (subset version=v2)', '- 100% service ops/svc:80']);
    // labels in another order are the same subset; an empty one is none
    expect(await diffOf(', subset: {zone: a, version: v1}', ', subset: {version: v1, zone: a}')).toEqual([]);
    expect(await diffOf('', ', subset: {}')).toEqual([]);
  });

  it('names a path rewrite and a regex rewrite that change, the pattern and substitution as the routes table shows them', async () => {
    expect(await changes('pathRewrite: /, ', 'pathRewrite: /v2/, ')).toEqual(['path rewrite: / → /v2/']);
    expect(await changes('', 'regexRewrite: {pattern: {regex: "^/a"}, substitution: /b}, ')).toEqual(['regex rewrite: none → ^/a -> /b']);
  });
});

describe('routing diff: a function a route lists twice (GW4040)', () => {
  const fixture = readFileSync(join(ROOT, 'fixtures/model/semantics/destination-twice.yaml'), 'utf8');
  // the canary route lists version 1 twice, weighted 90 and 10; `text` goes on the entry of that weight
  const onEntry = (weight: number, text: string) => {
    const at = fixture.indexOf(`weight: ${weight}\n`);
    return fixture.slice(0, at) + text + fixture.slice(at);
  };
  const changes = async (weight: number, before: string, after: string) => {
    const [a, b] = [await analyzeText(onEntry(weight, before)), await analyzeText(onEntry(weight, after))];
    const diff = diffModels({ model: a.analysis.model, findings: a.findings }, { model: b.analysis.model, findings: b.findings });
    return diff.hosts.flatMap((h) => h.changed.flatMap((c) => c.changes));
  };
  const ASYNC = '  options: {invocationStyle: ASYNC}\n            ';
  const ARN = 'arn:aws:lambda:us-east-1:111111111111:function:checkout:1';

  it('compares each entry with the one listed in its place: a change to either is named, the second as the second', async () => {
    expect(await changes(90, '', ASYNC)).toEqual([`${ARN}: options sync, request wrap, response unwrap-api-gateway → async, request wrap, response unwrap-api-gateway`]);
    expect(await changes(10, '', ASYNC)).toEqual([`${ARN} (listed 2nd): options sync, request wrap, response unwrap-api-gateway → async, request wrap, response unwrap-api-gateway`]);
    expect(await changes(90, '', '')).toEqual([]);
  });
});

describe('routing diff: which route is which, where two tables of a host name a route alike', () => {
  // tables a and b both have a route `r`: the routes table names them `r` and `r~2`, by position
  const tableOf = (name: string, namespace: string, prefix: string, status: number) =>
    `---\napiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n  hosts: [h.example.com]\n  http:\n    - name: r\n      matchers: [{uri: {prefix: ${prefix}}}]\n      directResponse: {status: ${status}}\n`;
  const diffOf = async (before: string[], after: string[]) => {
    const [a, b] = [await analyzeText(before.join('')), await analyzeText(after.join(''))];
    const { hosts } = diffModels({ model: a.analysis.model, findings: a.findings }, { model: b.analysis.model, findings: b.findings });
    return hosts.map(({ added, removed, changed, reordered }) => ({ added, removed, changed, reordered }));
  };
  const [a, b] = [tableOf('a', 'ns', '/x', 201), tableOf('b', 'ns', '/y', 202)];

  it('the removal of the first is that route removed, not the second changed into it', async () => {
    // it read as `r~2` removed and `r` changed from /x to /y
    expect(await diffOf([a, b], [b])).toEqual([{ added: [], removed: [{ name: 'r', match: 'prefix /x', action: 'direct 201' }], changed: [], reordered: [] }]);
    expect(await diffOf([b], [a, b])).toEqual([{ added: [{ name: 'r', match: 'prefix /x', action: 'direct 201' }], removed: [], changed: [], reordered: [] }]);
    // two tables of one name in two namespaces are two tables
    const elsewhere = tableOf('a', 'other', '/y', 202);
    expect(await diffOf([a, elsewhere], [elsewhere])).toEqual([{ added: [], removed: [{ name: 'r', match: 'prefix /x', action: 'direct 201' }], changed: [], reordered: [] }]);
  });

  it('two such routes that trade places are one route moved (the one that moved up), named as it is now', async () => {
    expect(await diffOf([a, b], [b, a])).toEqual([{ added: [], removed: [], changed: [], reordered: [{ name: 'r', from: 2, to: 1 }] }]);
  });

  it('in one table that names two routes alike, Gloo names the second `duplicate-r-1`, and the diff follows its names', async () => {
    const route = (prefix: string, status: number) => `    - name: r\n      matchers: [{uri: {prefix: ${prefix}}}]\n      directResponse: {status: ${status}}\n`;
    const one = (...routes: string[]) => `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [h.example.com]\n  http:\n${routes.join('')}`;
    const [x, y] = [route('/x', 201), route('/y', 202)];
    // the first removed, Gloo's `r` is the second (route_table.proto, HTTPRoute.name): policies and
    // metrics that address `r` now reach it, which the diff says
    expect(await diffOf([one(x, y)], [one(y)])).toEqual([
      { added: [], removed: [{ name: 'duplicate-r-1', match: 'prefix /y', action: 'direct 202' }], changed: [{ name: 'r', changes: ['match: prefix /x → prefix /y', 'direct 201 → direct 202'] }], reordered: [] },
    ]);
    expect(await diffOf([one(x, y)], [one(x, route('/y', 203))])).toEqual([{ added: [], removed: [], changed: [{ name: 'duplicate-r-1', changes: ['direct 202 → direct 203'] }], reordered: [] }]);
  });

  it('a table moved to another namespace keeps its routes: nothing that serves changed', async () => {
    expect(await diffOf([a, b], [tableOf('a', 'other', '/x', 201), b])).toEqual([]);
    expect(await diffOf([a], [tableOf('a', 'other', '/x', 203)])).toEqual([{ added: [], removed: [], changed: [{ name: 'r', changes: ['direct 201 → direct 203'] }], reordered: [] }]);
  });
});

describe('routing diff: direct responses', () => {
  const direct = (response: string) =>
    `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ops}\nspec:\n  hosts: [a.example.com]\n  http:\n    - name: r\n      directResponse: {${response}}\n`;
  const changes = async (before: string, after: string) => {
    const [a, b] = [await analyzeText(direct(before)), await analyzeText(direct(after))];
    const diff = diffModels({ model: a.analysis.model, findings: a.findings }, { model: b.analysis.model, findings: b.findings });
    return { changes: diff.hosts.flatMap((h) => h.changed.flatMap((c) => c.changes)), routingChanged: diff.routingChanged };
  };

  it('names a body that changes, which clients receive, with its status unchanged', async () => {
    expect(await changes('status: 200, body: docs', 'status: 200, body: gateways')).toEqual({ changes: ['body: "docs" → "gateways"'], routingChanged: true });
    expect(await changes('status: 418, body: teapot', 'status: 418')).toEqual({ changes: ['body: "teapot" → none'], routingChanged: true });
    expect(await changes('status: 200, body: same', 'status: 200, body: same')).toEqual({ changes: [], routingChanged: false });
  });

  it('quotes a long body\'s first 60 characters and gives its length', async () => {
    const { changes: [change] } = await changes('status: 200, body: short', `status: 200, body: ${'x'.repeat(100)}`);
    expect(change).toBe(`body: "short" → "${'x'.repeat(60)}"… (100 characters)`);
  });
});

describe('routing diff: a listener\'s own settings', () => {
  const gateway = (tls: string) =>
    `apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: gw, namespace: ops}\nspec:\n  listeners:\n    - port: {number: 443}\n      http: {}\n${tls}` +
    `---\napiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ops}\nspec:\n  hosts: [a.example.com]\n  virtualGateways: [{name: gw}]\n  http:\n    - name: r\n      directResponse: {status: 200}\n`;
  const listeners = async (before: string, after: string) => {
    const [a, b] = [await analyzeText(gateway(before)), await analyzeText(gateway(after))];
    const diff = diffModels({ model: a.analysis.model, findings: a.findings }, { model: b.analysis.model, findings: b.findings });
    return { listeners: diff.listeners, hosts: diff.hosts.length, routingChanged: diff.routingChanged };
  };
  const secret = '      tls: {mode: SIMPLE, secretName: edge-tls}\n';

  it('names the Secret, versions and cipher suites that change, with every route the same', async () => {
    const after = '      tls: {mode: SIMPLE, secretName: edge-tls-2, parameters: {minimumProtocolVersion: TLSv1_2, maximumProtocolVersion: TLSv1_3, cipherSuites: [ECDHE-RSA-AES128-GCM-SHA256]}}\n';
    expect(await listeners(secret, after)).toEqual({
      listeners: [{ listener: 'ops/gw:443', changes: ['TLS Secret: edge-tls → edge-tls-2', 'TLS minimum version: none → TLSv1_2', 'TLS maximum version: none → TLSv1_3', 'TLS cipher suites: none → ECDHE-RSA-AES128-GCM-SHA256'] }],
      hosts: 0,
      routingChanged: true,
    });
  });

  it('a listener that stays the same is not named; one that loses its TLS says so', async () => {
    expect(await listeners(secret, secret)).toEqual({ listeners: [], hosts: 0, routingChanged: false });
    const plain = await listeners(secret, '');
    expect(plain.listeners).toEqual([{ listener: 'ops/gw:443', changes: ['protocol: https → http', 'TLS mode: SIMPLE → none', 'TLS Secret: edge-tls → none'] }]);
  });

  it('lists hosts by gateway, then port as a number, then host', async () => {
    const two = (status: number) =>
      `apiVersion: networking.gloo.solo.io/v2\nkind: VirtualGateway\nmetadata: {name: gw, namespace: ops}\nspec:\n  listeners:\n    - {port: {number: 443}, http: {}}\n    - {port: {number: 80}, http: {}}\n` +
      ['z.example.com', 'a.example.com'].map((host) => `---\napiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t-${host[0]}, namespace: ops}\nspec:\n  hosts: [${host}]\n  virtualGateways: [{name: gw}]\n  http:\n    - name: r\n      directResponse: {status: ${status}}\n`).join('');
    const [a, b] = [await analyzeText(two(200)), await analyzeText(two(201))];
    const diff = diffModels({ model: a.analysis.model, findings: a.findings }, { model: b.analysis.model, findings: b.findings });
    expect(diff.hosts.map((h) => `${h.listener} ${h.host}`)).toEqual(['ops/gw:80 a.example.com', 'ops/gw:80 z.example.com', 'ops/gw:443 a.example.com', 'ops/gw:443 z.example.com']);
  });

  it('names the redirect to https that comes or goes', async () => {
    const redirecting = await listeners('', '      httpsRedirect: true\n');
    expect(redirecting.listeners).toEqual([{ listener: 'ops/gw:443', changes: ['redirect to https: off → on'] }]);
    expect(redirecting.routingChanged).toBe(true);
  });
});
