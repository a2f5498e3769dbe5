import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffModels, type RoutingDiff } from '../../src/inspect/routing-diff';
import { formatDiff } from '../../src/inspect/diff-report';
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

  it('names the certificate, key and client CA files, and the client certificate names, that change', async () => {
    const files = (cert: string, ca: string, sans: string) => `      tls: {mode: MUTUAL, files: {serverCert: ${cert}, privateKey: ${cert}.key, caCerts: ${ca}}, verifySubjectAltName: [${sans}]}\n`;
    expect((await listeners(files('/certs/a.pem', '/certs/ca.pem', 'spiffe://a'), files('/certs/b.pem', '/certs/ca2.pem', 'spiffe://a, spiffe://b'))).listeners).toEqual([
      {
        listener: 'ops/gw:443',
        changes: ['TLS certificate: /certs/a.pem → /certs/b.pem', 'TLS private key: /certs/a.pem.key → /certs/b.pem.key', 'TLS client CA: /certs/ca.pem → /certs/ca2.pem', 'client certificate names: spiffe://a → spiffe://a spiffe://b'],
      },
    ]);
  });

  it('lists a host only the head has in its place, not after the others', async () => {
    const hosts = (...names: string[]) => names.map((host) => `---\napiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t-${host[0]}, namespace: ops}\nspec:\n  hosts: [${host}]\n  http:\n    - name: r\n      directResponse: {status: ${host === 'z.example.com' ? 200 : 201}}\n`).join('');
    const [a, b] = [await analyzeText(hosts('z.example.com')), await analyzeText(hosts('z.example.com', 'a.example.com').replace('status: 200', 'status: 202'))];
    const diff = diffModels({ model: a.analysis.model, findings: a.findings }, { model: b.analysis.model, findings: b.findings });
    expect(diff.hosts.map((h) => h.host)).toEqual(['a.example.com', 'z.example.com']);
  });

  it('names the redirect to https that comes or goes', async () => {
    const redirecting = await listeners('', '      httpsRedirect: true\n');
    expect(redirecting.listeners).toEqual([{ listener: 'ops/gw:443', changes: ['redirect to https: off → on'] }]);
    expect(redirecting.routingChanged).toBe(true);
    // the listener's routes become the one redirect, said as such
    const [a, b] = [await analyzeText(gateway('')), await analyzeText(gateway('      httpsRedirect: true\n'))];
    const { hosts } = diffModels({ model: a.analysis.model, findings: a.findings }, { model: b.analysis.model, findings: b.findings });
    expect(hosts.flatMap((h) => h.added.map((r) => r.action))).toEqual(['redirect MOVED_PERMANENTLY to https']);
  });
});

describe('routing diff: what a route does, in words', () => {
  const route = (body: string) =>
    `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ops}\nspec:\n  hosts: [a.example.com]\n  http:\n    - name: r\n${body}`;
  const diffOf = async (before: string, after: string) => {
    const [a, b] = [await analyzeText(route(before)), await analyzeText(route(after))];
    return diffModels({ model: a.analysis.model, findings: a.findings }, { model: b.analysis.model, findings: b.findings });
  };
  const changes = async (before: string, after: string) => (await diffOf(before, after)).hosts.flatMap((h) => h.changed.flatMap((c) => c.changes));

  it('a redirect: to https, the host and the path it sends to', async () => {
    expect(await changes('      redirect: {hostRedirect: a.example.org}\n', '      redirect: {hostRedirect: a.example.org, pathRedirect: /new}\n')).toEqual(['redirect MOVED_PERMANENTLY host a.example.org → redirect MOVED_PERMANENTLY host a.example.org path /new']);
  });

  it('a route replaced by a 500 says why, and not the body it had', async () => {
    expect(await changes('      directResponse: {status: 200, body: ok}\n', '      matchers: [{uri: {regex: "("}}]\n      directResponse: {status: 200, body: ok}\n')).toEqual([
      'match: any request → regex (, refused by Envoy',
      'direct 200 → direct 500, replaced (GW4015: a regular expression of the matcher is not valid RE2)',
    ]);
  });

  it('findings that go, and one that moves to another route of the table (its place is part of it)', async () => {
    const two = (first: string, second: string) => `      matchers: [{uri: {prefix: /a}, method: ${first}}]\n      directResponse: {status: 200}\n    - name: s\n      matchers: [{uri: {prefix: /b}, method: ${second}}]\n      directResponse: {status: 200}\n`;
    const moved = (await diffOf(two('get', 'GET'), two('GET', 'get'))).findings;
    expect([moved.appeared.map((f) => f.code), moved.disappeared.map((f) => f.code)]).toEqual([['GW4020'], ['GW4020']]);
    const gone = (await diffOf(two('get', 'GET'), two('GET', 'GET'))).findings;
    expect([gone.appeared, gone.disappeared.map((f) => f.message)]).toEqual([[], ['method `get` never matches: clients send `GET`, and Envoy compares the method exactly']]);
  });
});

describe('routing diff: a route\'s functions', () => {
  const providers = `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: p, namespace: ops}\nspec: {aws: {accountId: '111111111111', region: us-east-1, lambda: {invokeRoleName: invoker}}}\n---\n` +
    `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudProvider\nmetadata: {name: q, namespace: ops}\nspec: {aws: {accountId: '222222222222', region: us-east-1, lambda: {invokeRoleName: invoker}}}\n---\n` +
    ['p', 'q'].map((p) => `apiVersion: infrastructure.gloo.solo.io/v2\nkind: CloudResources\nmetadata: {name: ${p}, namespace: ops}\nspec: {provider: ${p}, aws: {lambda: [{lambdaFunctionName: f}, {lambdaFunctionName: g}]}}\n---\n`).join('');
  const table = (destinations: string[]) =>
    `${providers}apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ops}\nspec:\n  hosts: [a.example.com]\n  http:\n    - name: r\n      forwardTo:\n        destinations:\n${destinations.map((d) => `          - ${d}\n`).join('')}`;
  const fn = (provider: string, name: string, weight: number, extra = '') => `{awsLambda: {cloudProvider: {name: ${provider}}, function: ${name}${extra}}, weight: ${weight}}`;
  const changes = async (before: string[], after: string[]) => {
    const [a, b] = [await analyzeText(table(before)), await analyzeText(table(after))];
    return diffModels({ model: a.analysis.model, findings: a.findings }, { model: b.analysis.model, findings: b.findings }).hosts.flatMap((h) => h.changed.flatMap((c) => c.changes));
  };
  const F = 'arn:aws:lambda:us-east-1:111111111111:function:f';
  const G = 'arn:aws:lambda:us-east-1:111111111111:function:g';

  it('names a weight that changes, and the options of a function as they are written', async () => {
    expect(await changes([fn('p', 'f', 50), fn('p', 'g', 50)], [fn('p', 'f', 80), fn('p', 'g', 20)])).toEqual([`${F}: weight 50% → 80%`, `${G}: weight 50% → 20%`]);
    expect(await changes([fn('p', 'f', 100)], [fn('p', 'g', 100, ', options: {requestTransformation: REQUEST_DISABLE}')])).toEqual([
      `+ 100% ${G} as role invoker (sync, request raw, response unwrap-api-gateway)`,
      `- 100% ${F} as role invoker`,
    ]);
  });

  it('names the role a function is invoked as, when its provider\'s changes', async () => {
    const [a, b] = [await analyzeText(table([fn('p', 'f', 100)])), await analyzeText(table([fn('p', 'f', 100)]).replace('invokeRoleName: invoker}', 'invokeRoleName: invoker-2}'))];
    const diff = diffModels({ model: a.analysis.model, findings: a.findings }, { model: b.analysis.model, findings: b.findings });
    expect(diff.hosts.flatMap((h) => h.changed.flatMap((c) => c.changes))).toEqual([`${F}: role invoker → invoker-2`]);
  });

  it('a function of the same name in another account is another function, not the same one changed', async () => {
    expect(await changes([fn('p', 'f', 100)], [fn('q', 'f', 100)])).toEqual([
      '+ 100% arn:aws:lambda:us-east-1:222222222222:function:f as role invoker',
      `- 100% ${F} as role invoker`,
    ]);
  });

  it('names the entry of a function listed many times by its place: the 12th as the 12th', async () => {
    const many = (eleventh: number) => [...Array.from({ length: 10 }, () => fn('p', 'f', 5)), fn('p', 'f', eleventh), fn('p', 'f', 50 - eleventh)];
    expect(await changes(many(5), many(10))).toEqual([`${F} (listed 11th): weight 5% → 10%`, `${F} (listed 12th): weight 45% → 40%`]);
  });
});

describe('routing diff as Markdown', () => {
  const labels = { base: 'main', head: 'HEAD' };
  const route = (name: string) => ({ name, match: `prefix /${name}`, action: 'direct 200' });

  it('counts each kind of change of a host in its own column', () => {
    const diff: RoutingDiff = {
      listeners: [],
      hosts: [{ listener: 'ops/gw:80', host: 'a.example.com', added: [route('a'), route('b')], removed: [], changed: [{ name: 'c', changes: ['status 200 → 201'] }], reordered: [{ name: 'd', from: 1, to: 2 }, { name: 'e', from: 2, to: 3 }, { name: 'f', from: 3, to: 1 }] }],
      findings: { appeared: [], disappeared: [] },
      routingChanged: true,
    };
    expect(formatDiff(diff, 'markdown', labels)).toContain('| ops/gw:80 | a.example.com | 2 | 0 | 1 | 3 |\n');
  });

  it('says when routing is unchanged, and lists the findings that came and went', () => {
    const finding = (code: string) => ({ code, severity: 'warning', resource: 'RouteTable ops/t', message: 'm' });
    const diff: RoutingDiff = { listeners: [], hosts: [], findings: { appeared: [finding('GW4007')], disappeared: [finding('GW3010')] }, routingChanged: false };
    expect(formatDiff(diff, 'markdown', labels).split('\n')).toEqual([
      '### Routing changes: `main` → `HEAD`',
      '',
      'Routing is unchanged.',
      '',
      '<details><summary>Findings: 1 new, 1 gone</summary>',
      '',
      '- new: **GW4007** RouteTable ops/t m',
      '- gone: **GW3010** RouteTable ops/t m',
      '',
      '</details>',
      '',
    ]);
    expect(formatDiff(diff, 'text', labels)).toBe('routing diff main → HEAD\nrouting unchanged\n\nfindings\n  + GW4007 warning RouteTable ops/t: m\n  - GW3010 warning RouteTable ops/t: m\n');
  });
});

describe('routing diff: the request timeout a RetryTimeoutPolicy gives a route', () => {
  const fixture = readFileSync(join(ROOT, 'fixtures/render/route-timeouts.yaml'), 'utf8');
  const changed = async (after: string) => {
    const [a, b] = [await analyzeText(fixture), await analyzeText(after)];
    const diff = diffModels({ model: a.analysis.model, findings: a.findings }, { model: b.analysis.model, findings: b.findings });
    return { routingChanged: diff.routingChanged, changes: diff.hosts.flatMap((h) => h.changed.map((c) => `${c.name}: ${c.changes.join('; ')}`)) };
  };

  it('names the routes whose timeout a policy changes, sets or takes away, and not a direct response it also selects', async () => {
    // quick's timeout shortened: quotes waits less (health, a direct response, waits on nothing)
    expect(await changed(fixture.replace('requestTimeout: 1m30s', 'requestTimeout: 30s'))).toEqual({
      routingChanged: true,
      changes: ['quotes: request timeout: 90 s (RetryTimeoutPolicy gateways/quick) → 30 s (RetryTimeoutPolicy gateways/quick)'],
    });
    // the longer of export's two policies removed: the other's is what it waits
    const withoutBatch = fixture.slice(0, fixture.indexOf('---\napiVersion: resilience.policy.gloo.solo.io/v2\nkind: RetryTimeoutPolicy\nmetadata:\n  name: batch'));
    const rest = fixture.slice(fixture.indexOf('---\napiVersion: resilience.policy.gloo.solo.io/v2\nkind: RetryTimeoutPolicy\nmetadata:\n  name: quick'));
    expect((await changed(withoutBatch + rest)).changes).toEqual(['export: request timeout: 1,200 s (RetryTimeoutPolicy gateways/batch) → 600 s (RetryTimeoutPolicy gateways/long-running)']);
    // orders, which no policy selected, labelled for one; search's 0s, no timeout, the same as none
    expect((await changed(fixture.replace('    - name: orders\n', '    - name: orders\n      labels:\n        timeout: short\n'))).changes).toEqual(['orders: request timeout: none (no RetryTimeoutPolicy) → 90 s (RetryTimeoutPolicy gateways/quick)']);
    expect((await changed(fixture.replace('requestTimeout: 0s', 'requestTimeout: 0m'))).changes).toEqual([]);
    expect(await changed(fixture)).toEqual({ routingChanged: false, changes: [] });
  });

  it('shows the request timeout of a route added or removed, and none for a direct response', async () => {
    const [a, b] = [await analyzeText(fixture), await analyzeText(fixture.replace('    - name: quotes\n', '    - name: quotations\n').replace('    - name: health\n', '    - name: healthz\n').replace('requestTimeout: 1m30s', 'requestTimeout: 30s'))];
    const diff = diffModels({ model: a.analysis.model, findings: a.findings }, { model: b.analysis.model, findings: b.findings });
    const host = diff.hosts[0]!;
    // each side's own policies: quick waits 90 s before and 30 s after
    expect(host.added.map((r) => [r.name, r.requestTimeout])).toEqual([['quotations', '30 s (RetryTimeoutPolicy gateways/quick)'], ['healthz', undefined]]);
    expect(host.removed.map((r) => [r.name, r.requestTimeout])).toEqual([['quotes', '90 s (RetryTimeoutPolicy gateways/quick)'], ['health', undefined]]);
    expect(formatDiff(diff, 'text', { base: 'a', head: 'b' })).toContain('  (request timeout 30 s (RetryTimeoutPolicy gateways/quick))\n');
  });
});

describe('routing diff: the retries a RetryTimeoutPolicy gives a route', () => {
  const fixture = readFileSync(join(ROOT, 'fixtures/model/semantics/retries-run-function.yaml'), 'utf8');
  const diffOf = async (after: string) => {
    const [a, b] = [await analyzeText(fixture), await analyzeText(after)];
    return diffModels({ model: a.analysis.model, findings: a.findings }, { model: b.analysis.model, findings: b.findings });
  };
  const changed = async (after: string) => (await diffOf(after)).hosts.flatMap((h) => h.changed.map((c) => `${c.name}: ${c.changes.join('; ')}`));

  it('names the routes whose retries a policy changes, gives or takes away, and not a direct response it also selects', async () => {
    // a condition added that runs a function again: checkout and cart (status, a direct response, is asked nothing again)
    expect(await changed(fixture.replace('retryOn: connect-failure,refused-stream,reset-before-request', 'retryOn: connect-failure,refused-stream,reset-before-request,5xx'))).toEqual([
      'quotes: retries: up to 2 retries on connect-failure, refused-stream, reset-before-request (RetryTimeoutPolicy gateways/connection) → up to 2 retries on connect-failure, refused-stream, reset-before-request, 5xx (RetryTimeoutPolicy gateways/connection)',
    ]);
    // attempts, and a per-try timeout, on the two routes of on-errors
    const longer = await changed(fixture.replace('      attempts: 3\n      retryOn: 5xx', '      attempts: 5\n      perTryTimeout: 10s\n      retryOn: 5xx'));
    expect(longer).toEqual([
      'checkout: retries: up to 3 retries on 5xx, connect-failure, 429 (RetryTimeoutPolicy gateways/on-errors) → up to 5 retries on 5xx, connect-failure, 429, each attempt ends at 10 s (RetryTimeoutPolicy gateways/on-errors)',
      'cart: retries: up to 3 retries on 5xx, connect-failure, 429 (RetryTimeoutPolicy gateways/on-errors) → up to 5 retries on 5xx, connect-failure, 429, each attempt ends at 10 s (RetryTimeoutPolicy gateways/on-errors)',
    ]);
    // refunds, whose policy retries nothing, labelled for Istio's defaults; and the other way
    expect(await changed(fixture.replace('        retries: none\n', '        retries: defaults\n'))).toEqual([
      "refunds: retries: none (no RetryTimeoutPolicy retries it) → up to 2 retries on Istio's default conditions (RetryTimeoutPolicy gateways/istio-defaults)",
    ]);
    expect(await changed(fixture.replace('        retries: defaults\n', '        retries: none\n'))).toEqual([
      "stock: retries: up to 2 retries on Istio's default conditions (RetryTimeoutPolicy gateways/istio-defaults) → none (no RetryTimeoutPolicy retries it)",
    ]);
    expect(await changed(fixture)).toEqual([]);
  });

  it("asks each policy the label index offers whether it selects the route: one whose second label a route lacks does not", async () => {
    const twoLabels = fixture
      .replace('        labels:\n          retries: on-errors\n  config:', '        labels:\n          retries: on-errors\n          tier: gold\n  config:')
      .replace('    - name: checkout\n      labels:\n        retries: on-errors\n', '    - name: checkout\n      labels:\n        retries: on-errors\n        tier: gold\n');
    expect(await changed(twoLabels)).toEqual(['cart: retries: up to 3 retries on 5xx, connect-failure, 429 (RetryTimeoutPolicy gateways/on-errors) → none (no RetryTimeoutPolicy retries it)']);
  });

  it('shows the retries of a route added or removed, with its findings', async () => {
    const diff = await diffOf(fixture.replace('    - name: cart\n', '    - name: basket\n'));
    const host = diff.hosts[0]!;
    expect(host.added.map((r) => [r.name, r.retries])).toEqual([['basket', 'up to 3 retries on 5xx, connect-failure, 429 (RetryTimeoutPolicy gateways/on-errors)']]);
    expect(host.removed.map((r) => [r.name, r.retries])).toEqual([['cart', 'up to 3 retries on 5xx, connect-failure, 429 (RetryTimeoutPolicy gateways/on-errors)']]);
    expect(formatDiff(diff, 'text', { base: 'a', head: 'b' })).toContain('  (retries up to 3 retries on 5xx, connect-failure, 429 (RetryTimeoutPolicy gateways/on-errors))\n');
  });
});
