import { describe, expect, it } from 'vitest';
import { analyzeText } from '../helpers/analyze-text';

describe('a direct response status below 200', () => {
  const table = (status: number) =>
    `apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [a.example.com]\n  http:\n    - name: r\n      directResponse: {status: ${status}}\n`;

  it('is an error (GW4037) the schema lets pass, and the route is replaced by a 500', async () => {
    const { analysis, findings } = await analyzeText(table(150));
    expect(findings.map((f) => `${f.code}@${f.line}`).filter((c) => c !== 'GW4003@5')).toEqual(['GW4037@8']);
    expect(analysis.model.listeners[0]!.hosts[0]!.routes[0]!.action).toEqual({ kind: 'direct', status: 500, replaced: { code: 'GW4037', reason: 'a direct response status of 150, below 200' } });
  });

  it('200 is served as written', async () => {
    const { analysis } = await analyzeText(table(200));
    expect(analysis.model.listeners[0]!.hosts[0]!.routes[0]!.action).toEqual({ kind: 'direct', status: 200 });
  });
});
