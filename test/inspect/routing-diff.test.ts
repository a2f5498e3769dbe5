import { describe, expect, it } from 'vitest';
import { diffModels } from '../../src/inspect/routing-diff';
import { analyzeText } from '../helpers/analyze-text';

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

  it('names a path rewrite and a regex rewrite that change, the pattern and substitution as the routes table shows them', async () => {
    expect(await changes('pathRewrite: /, ', 'pathRewrite: /v2/, ')).toEqual(['path rewrite: / → /v2/']);
    expect(await changes('', 'regexRewrite: {pattern: {regex: "^/a"}, substitution: /b}, ')).toEqual(['regex rewrite: none → ^/a -> /b']);
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
