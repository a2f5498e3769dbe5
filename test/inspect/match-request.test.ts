import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze';
import { nodeHost } from '../../src/host/node-host';
import { matchRequest, parseRequest } from '../../src/inspect/match-request';
import { loadRegexEngine } from '../../src/model/regex-engine';
import { ROOT } from '../helpers/run-cli';

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

  it('falls through when a header or the method does not match', () => {
    expect(ask('GET https://api.example.com/team-b/invoices/7')[0]!.attempts.slice(-2).map((a) => a.reason ?? 'MATCH')).toEqual(['header x-beta is missing', 'MATCH']);
    expect(ask('GET https://api.example.com/team-a/events')[0]!.attempts[2]!.reason).toBe('method GET is not POST');
  });

  it('answers 404 when nothing matches, and nothing for an unknown host or port', () => {
    const [answer] = ask('GET https://api.example.com/nothing/here');
    expect(answer!.route).toBeUndefined();
    expect(ask('GET https://other.example.org/')).toEqual([]);
    expect(ask('GET http://api.example.com:9999/healthz')).toEqual([]);
    expect(ask('GET http://api.example.com:8080/healthz')[0]!.route!.name).toBe('health');
  });

  it('parses METHOD URL, defaulting to GET, and rejects what it cannot read', () => {
    expect(parseRequest('api.example.com/x?a=1&a=2', [])).toMatchObject({ method: 'GET', host: 'api.example.com', path: '/x', query: new Map([['a', ['1', '2']]]) });
    expect(() => parseRequest('GET http://[bad', [])).toThrow(/expected "METHOD URL"/);
    expect(() => parseRequest('GET http://a/', ['nocolon'])).toThrow(/Name: value/);
  });
});
