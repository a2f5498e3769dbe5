import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze';
import { nodeHost } from '../../src/host/node-host';
import { hostlessListener, matchRequest, parseRequest } from '../../src/inspect/match-request';
import { checkExpectation } from '../../src/inspect/routing-expectations';
import { explainAnswers } from '../../src/inspect/explain-answer';
import { loadRegexEngine } from '../../src/model/regex-engine';
import { ROOT } from '../helpers/run-cli';
import { analyzeText } from '../helpers/analyze-text';
import { gatewayWith } from '../helpers/gateway-with';

describe('which route serves a request', async () => {
  const { model } = await analyze(nodeHost(), { paths: [join(ROOT, 'fixtures/examples')], stdinName: '-' });
  const engine = await loadRegexEngine();
  const ask = (line: string, headers: string[] = []) => matchRequest(model, parseRequest(line, headers), engine);

  it('walks the routes in order and says why each earlier one did not match', () => {
    const [answer] = ask('GET https://api.example.com/team-b/invoices/7', ['X-Beta: true']);
    expect(answer!.route!.name).toBe('team-b/invoices-beta');
    expect(answer!.attempts.map((a) => a.reason ?? 'MATCH')).toEqual([
      'path /team-b/invoices/7 does not start with /team-a/catalogue',
      'path /team-b/invoices/7 does not start with /team-a/orders',
      'path /team-b/invoices/7 does not start with /team-a/events',
      'MATCH',
    ]);
  });

  it('lists half the routes tried from the first, half from the last, and counts those left out', () => {
    const request = parseRequest('GET https://api.example.com/team-b/invoices/7', ['X-Beta: true']);
    const answers = matchRequest(model, request, engine);
    const tried = (shown: number) => explainAnswers(model, request, answers, undefined, shown).split('\n').filter((l) => /^ {2}(\d+\.|…)/.test(l)).map((l) => l.trim().split(/\s+/).slice(0, 2).join(' '));
    // four routes tried: the first two and the last, the one that matched, with the third counted
    expect(tried(3)).toEqual(['1. team-a/catalogue', '2. team-a/orders-canary', '… 1', '4. team-b/invoices-beta']);
    expect(explainAnswers(model, request, answers, undefined, 3)).toMatch(/…\s+1 more route that does not match\n/);
    expect(explainAnswers(model, request, answers, undefined, 2)).toMatch(/…\s+2 more routes that do not match\n/);
    expect(tried(4)).toEqual(['1. team-a/catalogue', '2. team-a/orders-canary', '3. team-a/order-events', '4. team-b/invoices-beta']);
  });

  it('without explaining, finds the same answer and counts the routes tried, with no reason in words', () => {
    const requests: Array<[string, string[]]> = [
      ['GET https://api.example.com/team-b/invoices/7', ['X-Beta: true']],
      ['GET https://api.example.com/team-b/invoices/7', []],
      ['POST https://api.example.com/team-a/events', []],
      ['GET http://api.example.com/team-a/orders/1?x=1', []],
      ['GET https://api.example.com/nothing', []],
      ['GET https://elsewhere.example.com/', []],
    ];
    for (const [line, headers] of requests) {
      const request = parseRequest(line, headers);
      const explained = matchRequest(model, request, engine);
      const quick = matchRequest(model, request, engine, false);
      expect(quick.map(({ attempts, ...rest }) => rest)).toEqual(explained.map(({ attempts, ...rest }) => rest));
      expect(quick.map((a) => a.attempts)).toEqual(explained.map(() => []));
      expect(explained.map((a) => a.tried)).toEqual(explained.map((a) => a.attempts.length));
    }
  });

  it('falls through when a header or the method does not match', () => {
    expect(ask('GET https://api.example.com/team-b/invoices/7')[0]!.attempts.slice(-2).map((a) => a.reason ?? 'MATCH')).toEqual(['header x-beta is missing', 'MATCH']);
    expect(ask('GET https://api.example.com/team-a/events')[0]!.attempts[2]!.reason).toBe('method GET is not POST');
  });

  it('strips the whitespace Envoy strips around a value, and no other', () => {
    const value = (header: string) => parseRequest('GET https://api.example.com/', [header]).headers.get('x-a');
    expect(value('x-a: \t yes \t')).toBe('yes');
    // a form feed or a vertical tab Envoy's codec refuses before it strips (onHeaderValue checks first)
    expect(() => value('x-a:\fyes')).toThrow('-H "x-a:\\fyes": a header value holds no control character but a tab ("\\x0c"): the gateway answers 400 before routing');
    expect(() => value('x-a: yes\v')).toThrow('("\\x0b")');
    expect(value('x-a: yes\u00a0')).toBe('yes\u00a0');
    expect(value('x-a: \u2003yes')).toBe('\u2003yes');
  });

  it('matches a header given twice as Envoy joins it, with a comma', () => {
    expect(parseRequest('GET https://api.example.com/', ['X-Beta: true', 'x-beta: false']).headers.get('x-beta')).toBe('true,false');
    expect(ask('GET https://api.example.com/team-b/invoices/7', ['X-Beta: true', 'X-Beta: true'])[0]!.route!.name).toBe('team-b/invoices');
  });

  it('answers 404 when nothing matches, and nothing for an unknown host or port', () => {
    const [answer] = ask('GET https://api.example.com/nothing/here');
    expect(answer!.route).toBeUndefined();
    expect(ask('GET https://other.example.org/')).toEqual([]);
    expect(ask('GET http://api.example.com:9999/healthz')).toEqual([]);
    expect(ask('GET https://api.example.com:443/healthz')[0]!.route!.name).toBe('health');
  });

  it('names the ports the listeners are on, in order, when a request asks for another', async () => {
    const { analysis } = await analyzeText(gatewayWith(['{port: {number: 9090}, http: {}}', '{port: {number: 10000}, http: {}}', '{port: {number: 8080}, http: {}}'], ['{name: r, directResponse: {status: 200}}']));
    const request = parseRequest('GET http://api.example.com/', []);
    // by number: 10000 after 9090
    expect(explainAnswers(analysis.model, request, [])).toBe('no listener serves host api.example.com on port 80 (the listeners are on port 8080, 9090, 10000: name the port in the URL, as in http://api.example.com:8080/)\n');
  });

  it('explains a redirect by where it sends the client', () => {
    const request = parseRequest('GET http://api.example.com/team-a/orders?x=1', []);
    expect(explainAnswers(model, request, matchRequest(model, request, engine))).toMatch(/\nserved by route https-redirect \(.*\)\n {2}redirect 301 to https:\/\/api.example.com\/team-a\/orders\?x=1\n$/);
  });

  it('an unknown host on a plain-HTTP port is answered 404 by the gateway; on a TLS port, or a port no listener has, by no one', () => {
    // Envoy's connection manager answers a Host no virtual host takes with 404 (NR); a TLS handshake
    // for a name no filter chain has ends the connection. Before, both were "no listener".
    const plain = parseRequest('GET http://other.example.org/x', []);
    expect(hostlessListener(model, plain)?.name).toBe('istio-gateways/north-south-gw:80');
    expect(checkExpectation(undefined, plain, { status: 404 }, hostlessListener(model, plain))).toEqual([]);
    expect(checkExpectation(undefined, plain, { notServed: true }, hostlessListener(model, plain))).toEqual([]);
    expect(checkExpectation(undefined, plain, { route: 'health' }, hostlessListener(model, plain))).toEqual(['expected route health, got no host (404)']);
    expect(explainAnswers(model, plain, [])).toBe('listener istio-gateways/north-south-gw:80 has no host other.example.org (its hosts are api.example.com): the gateway answers 404\n');
    const tls = parseRequest('GET https://other.example.org/x', []);
    expect(hostlessListener(model, tls)).toBeUndefined();
    expect(checkExpectation(undefined, tls, { status: 404 }, hostlessListener(model, tls))).toEqual(['expected status 404, got no listener']);
    expect(hostlessListener(model, parseRequest('GET http://other.example.org:9999/x', []))).toBeUndefined();
    expect(hostlessListener(model, parseRequest('GET /x', ['Host: other.example.org']))).toBeUndefined();
  });

  it('judges what a test names of the destination: the function by ARN, or by name at $LATEST only, of its provider; the role by name or ARN; the Service with its port', () => {
    const request = parseRequest('GET https://api.example.com/team-a/orders/1', []);
    const [answer] = matchRequest(model, request, engine);
    const check = (expect: Parameters<typeof checkExpectation>[2]) => checkExpectation(answer, request, expect);
    const arn = 'arn:aws:lambda:us-west-1:111111111111:function:orders-api:2';
    expect(check({ function: arn, weight: 10 })).toEqual([]);
    // a bare name is the function's $LATEST, which this route does not send to
    expect(check({ function: 'orders-api' })[0]).toMatch(/^expected a destination function orders-api, got /);
    expect(check({ function: { name: 'orders-api', qualifier: '2', provider: 'team-a/aws-team-a' } })).toEqual([]);
    expect(check({ function: { name: 'orders-api', qualifier: '2', provider: 'team-b/aws-team-b' } })[0]).toMatch(/^expected a destination function orders-api:2 of team-b\/aws-team-b, got /);
    expect(check({ role: 'team-a-lambda-invoker' })).toEqual([]);
    expect(check({ role: 'arn:aws:iam::111111111111:role/team-a-lambda-invoker' })).toEqual([]);
    expect(check({ role: 'arn:aws:iam::111111111111:role/other' })).toEqual(['expected invoke role arn:aws:iam::111111111111:role/other, got team-a-lambda-invoker']);
    const catalogue = parseRequest('GET https://api.example.com/team-a/catalogue', []);
    const [served] = matchRequest(model, catalogue, engine);
    expect(checkExpectation(served, catalogue, { service: 'team-a/catalogue:8080' })).toEqual([]);
    expect(checkExpectation(served, catalogue, { service: 'team-a/catalogue' })).toEqual([]);
    expect(checkExpectation(served, catalogue, { service: 'team-a/catalogue:9090' })).toEqual(['expected a destination service team-a/catalogue:9090, got service team-a/catalogue:8080']);
    // a listener the test names that does not serve the request
    expect(checkExpectation(undefined, catalogue, { listener: 'istio-gateways/north-south-gw:8443' })).toEqual(['no listener istio-gateways/north-south-gw:8443 serves host api.example.com']);
  });

  it('picks the listener by the scheme\'s default port: http is the redirecting port 80, https the TLS port 443', () => {
    const [plain] = ask('GET http://api.example.com/team-a/orders/1');
    expect(plain!.listener.port).toBe(80);
    expect(plain!.route!.action).toEqual({ kind: 'redirect', httpsRedirect: true, responseCode: 'MOVED_PERMANENTLY' });
    expect(ask('GET https://api.example.com/team-a/orders/1').map((a) => [a.listener.port, a.route!.name])).toEqual([[443, 'team-a/orders-canary']]);
  });

  it('parses METHOD URL, defaulting to GET, and rejects what it cannot read', () => {
    expect(parseRequest('api.example.com/x?a=1&a=2', [])).toMatchObject({ method: 'GET', host: 'api.example.com', port: 80, path: '/x', query: new Map([['a', ['1', '2']]]) });
    expect(parseRequest('GET https://API.example.com/x', [])).toMatchObject({ host: 'api.example.com', port: 443, scheme: 'https' });
    expect(() => parseRequest('GET http://[bad', [])).toThrow(/expected "METHOD URL"/);
    expect(() => parseRequest('GET http://a/', ['nocolon'])).toThrow(/Name: value/);
    // a method without its URL is not a request to a host named get; a port past 65535 is no port
    expect(() => parseRequest('GET', [])).toThrow(/expected "METHOD URL"/);
    // the request as given is quoted, not as read (a URL without its scheme is read as http://)
    expect(() => parseRequest('-q', [])).toThrow(/^--request "-q": expected "METHOD URL"/);
    expect(() => parseRequest('GET http://a.example.com:99999/', [])).toThrow('--request "GET http://a.example.com:99999/": port 99999 is not a TCP port (0 to 65535)');
    expect(parseRequest('GET http://a.example.com:65535/', [])).toMatchObject({ port: 65535 });
    expect(() => parseRequest('GET http://a.example.com:65536/', [])).toThrow('port 65536 is not a TCP port (0 to 65535)');
    // a URL without a path is a request for `/`, as a client sends it
    expect(parseRequest('GET https://a.example.com', [])).toMatchObject({ path: '/', rawQuery: '' });
    expect(parseRequest('GET https://a.example.com?q=1', [])).toMatchObject({ path: '/', rawQuery: 'q=1' });
    // a fragment is the client's: curl and browsers leave it out of the request, and Istio's gateways
    // strip one sent anyway (http_reject_path_with_fragment false), so nothing after `#` is routed
    expect(parseRequest('GET https://a.example.com/x?q=1#top', [])).toMatchObject({ path: '/x', rawQuery: 'q=1' });
    expect(parseRequest('GET https://a.example.com/x#top?q=1', [])).toMatchObject({ path: '/x', rawQuery: '' });
    expect(parseRequest('GET https://a.example.com#top', [])).toMatchObject({ path: '/', rawQuery: '' });
  });

  it('reads the method in any case as its upper case, a query value past its first `=` whole, and refuses a header without a name and a scheme that is not HTTP', () => {
    expect(parseRequest('get https://a.example.com/x?a=b=c', [])).toMatchObject({ method: 'GET', query: new Map([['a', ['b=c']]]) });
    // a URL without a path is sent as `/`: nothing was normalised
    expect(parseRequest('GET https://a.example.com', []).sentPath).toBeUndefined();
    expect(() => parseRequest('GET http://a.example.com/', [': v'])).toThrow('-H ": v": expected "Name: value"');
    expect(() => parseRequest('GET ftp://a.example.com/', [])).toThrow(/^--request "GET ftp:\/\/a.example.com\/": expected "METHOD URL"/);
  });

  it('routes by the Host header where one is given, the URL naming only where to connect (curl -H Host)', () => {
    expect(parseRequest('GET http://a.example.com/x', ['Host: B.example.com:8080'])).toMatchObject({ host: 'b.example.com', authority: 'B.example.com:8080', port: 80 });
    expect(ask('GET https://elsewhere.example.com/team-b/invoices/7', ['Host: api.example.com', 'X-Beta: true'])[0]!.route!.name).toBe('team-b/invoices-beta');
  });

  it('refuses what the gateway refuses before routing, and reads the rest of the line, never dropping it', () => {
    // a third word was dropped unread: the request was routed as /a
    expect(() => parseRequest('GET https://a.example.com/a b', [])).toThrow('--request "GET https://a.example.com/a b": expected "METHOD URL", and a URL holds no space: write it as %20');
    // U+2028 is white space to JavaScript, not to HTTP: it is part of the path, which the gateway routes
    // by with its UTF-8 escaped (model/normalize-path.ts)
    expect(parseRequest('GET https://a.example.com/a\u2028b', [])).toMatchObject({ path: '/a%E2%80%A8b', sentPath: '/a\u2028b' });
    expect(() => parseRequest('GET https://a.example.com/a%00b', [])).toThrow('the path holds %00, which the gateway refuses before routing (its path normalisation fails: 400)');
    expect(parseRequest('GET\thttps://a.example.com/a  ', []).path).toBe('/a');
    expect(() => parseRequest('G(T https://a.example.com/', [])).toThrow('the method "G(T" is not an HTTP token');
    expect(() => parseRequest('GET https://a.example.com/\u001b[2J', [])).toThrow('the URL holds the control character "\\x1b"');
    expect(() => parseRequest('GET https://a.example.com/', ['bad name: x'])).toThrow('-H "bad name: x": the name "bad name" is not an HTTP token');
    expect(() => parseRequest('GET https://a.example.com/', ['x-a: a\r\nx-b: b'])).toThrow('a header value holds no control character but a tab ("\\r")');
    expect(() => parseRequest('GET https://a.example.com/', ['x-a: a\u0000b'])).toThrow('a header value holds no control character but a tab ("\\0")');
    expect(() => parseRequest('GET https://a.example.com/', ['x-a: a\u001bb'])).toThrow('("\\x1b")');
    expect(() => parseRequest('GET https://a.example.com/', ['x-a: a\u007f'])).toThrow('("\\x7f")');
    expect(() => parseRequest('GET https://a.example.com/a\u007f', [])).toThrow('the URL holds the control character "\\x7f"');
    expect(parseRequest('GET https://a.example.com/', ["x-a!#$%&'*+.^_`|~: a b\tc"]).headers.get("x-a!#$%&'*+.^_`|~")).toBe('a b\tc');
    // the Host's own set (model/header-values.ts, AUTHORITY_VALUES), beside a URL too; checked on the
    // value the codec keeps, without the spaces around it
    expect(() => parseRequest('GET https://a.example.com/', ['Host: https://a.example.com'])).toThrow(`-H "Host: https://a.example.com": a Host holds letters, digits and !$%&'()*+,-.:;=@[]_~ only ("/"): the gateway answers 400 before routing`);
    expect(() => parseRequest('GET /', ['host: a"b.example.com'])).toThrow('("\\"")');
    expect(parseRequest('GET /', ['Host:  a.example.com:8080 ']).authority).toBe('a.example.com:8080');
    expect(parseRequest('GET https://a.example.com/', ['x-forwarded-host: https://b.example.com']).host).toBe('a.example.com');
  });

  it('says that a user name and password in the URL go in a header, and reads an @ after the host as the path or query', () => {
    expect(() => parseRequest('GET https://me:pw@a.example.com/', [])).toThrow('the URL holds a user name or password, which a client sends as an Authorization header, not in the Host: give that header with -H');
    expect(() => parseRequest('GET https://me@a.example.com/', [])).toThrow('the URL holds a user name or password');
    expect(parseRequest('GET https://a.example.com/@me?to=a@b', [])).toMatchObject({ host: 'a.example.com', path: '/@me', rawQuery: 'to=a@b' });
  });

  it('reads a path with a Host header, and refuses a request that names no host', () => {
    // `POST /team-a/events/x` was once read as host `team-a`
    expect(parseRequest('POST /team-a/events/x', ['Host: api.example.com'])).toMatchObject({ method: 'POST', host: 'api.example.com', path: '/team-a/events/x' });
    expect(parseRequest('POST /x', ['Host: api.example.com:8443']).port).toBe(8443);
    expect(parseRequest('POST /x', ['Host: api.example.com']).port).toBeUndefined();
    expect(() => parseRequest('POST /team-a/events/x', [])).toThrow(/names no host/);
    expect(ask('POST /team-a/events', ['Host: api.example.com']).map((a) => [a.listener.port, a.route!.name])).toEqual([
      [80, 'https-redirect'],
      [443, 'team-a/order-events'],
    ]);
  });

  it('keeps the path as sent: %2F stays escaped, as Envoy matches it by default', () => {
    expect(parseRequest('GET https://api.example.com/team-a%2Forders/1', []).path).toBe('/team-a%2Forders/1');
    expect(ask('GET https://api.example.com/team-a%2Forders/1')[0]!.route).toBeUndefined();
  });
});

describe('a header matcher on :scheme reads the listener\'s (Envoy sets it from the connection)', async () => {
  const engine = await loadRegexEngine();
  const { analysis } = await analyzeText(
    gatewayWith(['{port: {number: 80}, http: {}}', '{port: {number: 443}, http: {}, tls: {mode: SIMPLE, secretName: tls}}'], ["{name: secure, matchers: [{headers: [{name: ':scheme', value: https}]}], directResponse: {status: 200}}", '{name: plain, directResponse: {status: 426}}']),
  );
  it('https on a TLS listener, http on a plain one', () => {
    const served = (line: string) => matchRequest(analysis.model, parseRequest(line, []), engine)[0]?.route?.name;
    expect(served('GET https://api.example.com/')).toBe('secure');
    expect(served('GET http://api.example.com/')).toBe('plain');
  });
});

describe('the virtual host a request reaches (route_config.proto, VirtualHost.domains)', async () => {
  const gateway = `apiVersion: networking.gloo.solo.io/v2
kind: VirtualGateway
metadata: {name: gw, namespace: ns}
spec:
  listeners: [{port: {number: 80}, http: {}}]
`;
  const table = (name: string, host: string) => `---
apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: ${name}, namespace: ns}
spec:
  hosts: [${JSON.stringify(host)}]
  virtualGateways: [{name: gw}]
  http:
    - name: r
      directResponse: {status: 200}
`;
  // the shorter wildcard, the first written: the longest suffix wins however the tables are ordered
  const { analysis } = await analyzeText([gateway, table('wide', '*.example.com'), table('narrow', '*.x.example.com'), table('exact', 'API.Example.com'), table('any', '*')].join(''));
  const engine = await loadRegexEngine();
  const served = (url: string) => matchRequest(analysis.model, parseRequest(url, []), engine).map((a) => a.route?.chain[0]!.table.name);

  it('the exact host first, in any case, then the longest suffix wildcard, then `*`', () => {
    expect(served('GET http://api.example.com/')).toEqual(['exact']);
    expect(served('GET http://v1.x.example.com/')).toEqual(['narrow']);
    expect(served('GET http://www.example.com/')).toEqual(['wide']);
    expect(served('GET http://example.org/')).toEqual(['any']);
  });
});

describe('a case-insensitive path, folded as Envoy folds it (ASCII letters only)', async () => {
  const table = `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [a.example.com]\n  http:\n    - name: kelvin\n      matchers: [{uri: {prefix: "/\u212Aelvin", ignoreCase: true}}]\n      directResponse: {status: 200}\n    - name: shop\n      matchers: [{uri: {prefix: /Shop, ignoreCase: true}}]\n      directResponse: {status: 200}\n`;
  const { analysis } = await analyzeText(table);
  const engine = await loadRegexEngine();
  const served = (url: string) => matchRequest(analysis.model, parseRequest(url, []), engine)[0]?.route?.name;

  it('the Kelvin sign is no k to Envoy, though JavaScript lowers it so; ASCII letters fold', () => {
    expect(served('GET http://a.example.com:10000/kelvin')).toBeUndefined();
    expect(served('GET http://a.example.com:10000/SHOP/x')).toBe('shop');
  });
});

describe('the path a route sends on, in --request and in routing tests', async () => {
  const { checkExpectation } = await import('../../src/inspect/routing-expectations');
  const { explainAnswer } = await import('../../src/inspect/explain-answer');
  const { Locator } = await import('../../src/source/locate');
  const { model } = await analyze(nodeHost(), { paths: [join(ROOT, 'fixtures/model/semantics/prefix-rewrite-slash.yaml')], stdinName: '-' });
  const engine = await loadRegexEngine();

  it('is the rewritten path for the matcher that matched, and the request path otherwise', () => {
    const request = parseRequest('GET http://shop.example.com/httpbin/get?a=1', []);
    const [answer] = matchRequest(model, request, engine);
    expect(answer!.rewrittenPath).toBe('//get');
    expect(explainAnswer(answer!, request, new Locator())).toContain('\n  path rewritten: /httpbin/get is sent as //get\n');
    expect(checkExpectation(answer, request, { path: '//get' })).toEqual([]);
    expect(checkExpectation(answer, request, { path: '/get' })).toEqual(['expected the destination to receive path /get, it receives //get']);
  });

  it('a hostRewrite to a service sets the Host header the destination receives', () => {
    const request = parseRequest('GET http://shop.example.com/healthz', []);
    const [answer] = matchRequest(model, request, engine);
    expect(answer!.rewrittenHost).toBe('status.internal');
    expect(explainAnswer(answer!, request, new Locator())).toContain('\n  host rewritten: shop.example.com is sent as status.internal\n');
    expect(matchRequest(model, parseRequest('GET http://shop.example.com/httpbin/get', []), engine)[0]).not.toHaveProperty('rewrittenHost');
  });

  it('a pattern that matches nothing leaves the path as it is; a request no route serves sends none', () => {
    const kept = parseRequest('GET http://shop.example.com/users/ann', []);
    const [users] = matchRequest(model, kept, engine);
    expect(users!.rewrittenPath).toBe('/users/ann');
    const none = parseRequest('GET http://shop.example.com/nothing', []);
    expect(checkExpectation(matchRequest(model, none, engine)[0], none, { path: '/nothing' })).toEqual(['expected the destination to receive path /nothing, but no route serves it']);
  });
});

describe('a weight expectation, where the route lists its destination twice (GW4040)', async () => {
  const { checkExpectation } = await import('../../src/inspect/routing-expectations');
  const { model } = await analyze(nodeHost(), { paths: [join(ROOT, 'fixtures/model/semantics/destination-twice.yaml')], stdinName: '-' });
  const engine = await loadRegexEngine();
  const request = parseRequest('GET http://api.example.com/checkout', []);
  const [answer] = matchRequest(model, request, engine);
  const version1 = { name: 'checkout', qualifier: '1' };

  it('is the sum of both shares, which is what the destination receives', () => {
    expect(checkExpectation(answer, request, { function: version1, weight: 100 })).toEqual([]);
    expect(checkExpectation(answer, request, { function: version1, weight: 90 })).toEqual([
      'expected arn:aws:lambda:us-east-1:111111111111:function:checkout:1 to get 90%, it gets 100% (listed 2 times: 90% + 10%)',
    ]);
  });
});

describe('the Host header a route sends on, in --request and in routing tests', async () => {
  const { checkExpectation, hostReceived } = await import('../../src/inspect/routing-expectations');
  const { explainAnswer } = await import('../../src/inspect/explain-answer');
  const { Locator } = await import('../../src/source/locate');
  const { model } = await analyze(nodeHost(), { paths: [join(ROOT, 'fixtures/model/semantics/host-rewrite.yaml')], stdinName: '-' });
  const engine = await loadRegexEngine();
  const ask = (line: string, headers: string[] = []) => {
    const request = parseRequest(line, headers);
    return { request, answer: matchRequest(model, request, engine)[0] };
  };

  it('autoHostRewrite sends each Service its own name, and --request says so', () => {
    const { request, answer } = ask('GET http://shop.example.com/feed');
    const action = answer!.route!.action;
    if (action.kind !== 'forward') throw new Error('expected a forward');
    expect(action.destinations.map((d) => hostReceived(action, d, request))).toEqual(['feed.shop.svc.cluster.local', 'feed-canary.shop.svc.cluster.local']);
    expect(explainAnswer(answer!, request, new Locator())).toContain('\n  host rewritten (autoHostRewrite): shop.example.com is sent as the name of the Service it goes to: feed.shop.svc.cluster.local, feed-canary.shop.svc.cluster.local\n');
    expect(checkExpectation(answer, request, { service: 'shop/feed-canary', host: 'feed-canary.shop.svc.cluster.local' })).toEqual([]);
    expect(checkExpectation(answer, request, { service: 'shop/feed', host: 'feed-canary.shop.svc.cluster.local' })).toEqual(['expected the destination to receive Host feed-canary.shop.svc.cluster.local, it receives feed.shop.svc.cluster.local']);
    // two destinations, two names: the test must say which it means
    expect(checkExpectation(answer, request, { host: 'feed.shop.svc.cluster.local' })).toEqual(['expected the destination to receive Host feed.shop.svc.cluster.local: the route has 2 destinations; name the function or service it goes to']);
  });

  it('the Host goes on as sent without a rewrite, and a function receives none', () => {
    const web = ask('GET /', ['Host: shop.example.com:80']);
    expect(checkExpectation(web.answer, web.request, { host: 'shop.example.com:80' })).toEqual([]);
    expect(explainAnswer(web.answer!, web.request, new Locator())).not.toContain('host rewritten');
    const orders = ask('GET http://shop.example.com/orders/7');
    expect(checkExpectation(orders.answer, orders.request, { host: 'orders.internal' })).toEqual([
      'expected the destination to receive Host orders.internal, but arn:aws:lambda:us-east-2:986112284769:function:orders is a function: it is invoked at its Lambda endpoint, with that endpoint\'s Host, which the request is signed for',
    ]);
    const none = ask('GET http://other.example.com/');
    expect(checkExpectation(none.answer, none.request, { host: 'x' })).toEqual(['expected the destination to receive Host x, but no route serves it']);
  });
});

describe('the reasons a route does not match, and the matcher that does', async () => {
  const routes = [
    '{name: two, matchers: [{uri: {prefix: /a}}, {uri: {prefix: /b}, method: POST}], directResponse: {status: 200}}',
    '{name: not-beta, matchers: [{uri: {prefix: /c}, headers: [{name: x-beta, value: "true", invertMatch: true}]}], directResponse: {status: 200}}',
    '{name: rewrite, matchers: [{uri: {prefix: /old}}, {uri: {prefix: /legacy/v1}}], forwardTo: {pathRewrite: /new, destinations: [{ref: {name: svc, namespace: gw}, port: {number: 80}}]}}',
  ];
  const { analysis } = await analyzeText(gatewayWith(['{port: {number: 80}, http: {}}'], routes));
  const engine = await loadRegexEngine();
  const ask = (line: string, headers: string[] = []) => matchRequest(analysis.model, parseRequest(line, headers), engine)[0]!;

  it('says why each matcher of a route fails, and what an inverted header must not be', () => {
    const answer = ask('GET http://api.example.com/c', ['X-Beta: true']);
    expect(answer.attempts.map((a) => a.reason ?? 'MATCH')).toEqual([
      'path /c does not start with /a; and path /c does not start with /b',
      'header x-beta must not be true',
      'path /c does not start with /old; and path /c does not start with /legacy/v1',
    ]);
  });

  it('rewrites the prefix of the matcher the request matched, not the first', () => {
    expect(ask('GET http://api.example.com/legacy/v1/orders').rewrittenPath).toBe('/new/orders');
    expect(ask('GET http://api.example.com/old/orders').rewrittenPath).toBe('/new/orders');
  });
});
