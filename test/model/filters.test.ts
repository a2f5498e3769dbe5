import { describe, expect, it } from 'vitest';
import { compileFilter, evaluate } from '../../src/model/filters';
import { loadRegexEngine } from '../../src/model/regex-engine';
import type { LambdaDestination } from '../../src/model/types';
import { analyzeText } from '../helpers/analyze-text';

const nowhere = { kind: 'span', file: { name: 'x' } as never, start: 0, end: 0 } as const;
const destination = (over: Partial<LambdaDestination> = {}): LambdaDestination => ({
  kind: 'lambda',
  provider: { kind: 'CloudProvider', namespace: 'n', name: 'p' },
  functionName: 'charge',
  qualifier: '$LATEST',
  logicalName: 'charge',
  arn: 'arn:aws:lambda:us-east-1:111111111111:function:charge',
  accountId: '111111111111',
  region: 'us-east-1',
  partition: 'aws',
  invokeRole: { name: 'payments-invoker', arn: 'arn:aws:iam::111111111111:role/payments-invoker', from: 'provider', source: nowhere, owner: { kind: 'CloudProvider', namespace: 'n', name: 'p' } },
  options: { invocation: 'sync', request: 'wrap', response: 'unwrap-api-gateway' },
  weight: 100,
  source: nowhere,
  ...over,
});

async function filter(allowedRoutes: unknown) {
  const { analysis } = await analyzeText('apiVersion: admin.gloo.solo.io/v2\nkind: Workspace\nmetadata: {name: w, namespace: ns}\nspec: {}\n');
  return compileFilter(analysis.resources[0]!, '/spec/x', allowedRoutes, 'owner', await loadRegexEngine())!;
}

describe('allowedRoutes evaluation', () => {
  it('ANDs fields and ORs values inside a field', async () => {
    const level = await filter([{ cloudProvider: { aws: { accountIds: ['111111111111', '222222222222'], regions: ['us-east-1'], lambdaFunctions: ['refund', 'charge'] } } }]);
    expect(evaluate(level, destination())).toEqual({ ok: true });
    expect(evaluate(level, destination({ region: 'eu-west-1' }))).toMatchObject({ ok: false, detail: 'region eu-west-1 is not in regions [us-east-1]' });
    expect(evaluate(level, destination({ accountId: '333333333333', functionName: 'x' }))).toMatchObject({ ok: false, detail: expect.stringMatching(/account 333333333333 .*; function x matches none/) });
  });

  it('ORs entries', async () => {
    const level = await filter([{ cloudProvider: { aws: { regions: ['us-west-2'] } } }, { cloudProvider: { aws: { accountIds: ['111111111111'] } } }]);
    expect(evaluate(level, destination())).toEqual({ ok: true });
  });

  it('matches regexes against the whole string, RE2 style', async () => {
    const level = await filter([{ cloudProvider: { aws: { iamRoles: ['payments-.*'], lambdaFunctions: ['char'] } } }]);
    expect(evaluate(level, destination()).ok).toBe(false);
    const level2 = await filter([{ cloudProvider: { aws: { iamRoles: ['payments-(invoker|caller)'] } } }]);
    expect(evaluate(level2, destination()).ok).toBe(true);
    expect(evaluate(level2, destination({ invokeRole: { name: 'xpayments-invoker', arn: '', from: 'provider', source: nowhere, owner: { kind: 'CloudProvider', namespace: 'n', name: 'p' } } })).ok).toBe(false);
  });

  it('fails closed when the invoke role is unknown', async () => {
    const level = await filter([{ cloudProvider: { aws: { iamRoles: ['.*'] } } }]);
    const { invokeRole: _, ...noRole } = destination();
    expect(evaluate(level, noRole as LambdaDestination)).toMatchObject({ ok: false, roleUnknown: true });
  });

  it('reads the single mapping the published seed writes as one entry', async () => {
    const level = await filter({ cloudProvider: { aws: { regions: ['us-east-1'] } } });
    expect(level.entries).toHaveLength(1);
  });

  it('a field of patterns RE2 rejects (GW5001) still filters: it matches nothing, and lets nothing through', async () => {
    const level = await filter([{ cloudProvider: { aws: { iamRoles: ['(?<!x)payments-invoker'] } } }]);
    expect(evaluate(level, destination())).toMatchObject({ ok: false, roleUnknown: false, detail: 'invoke role payments-invoker matches none of iamRoles [(?<!x)payments-invoker]' });
    const functions = await filter([{ cloudProvider: { aws: { lambdaFunctions: ['(charge)\\1', 'charge'] } } }]);
    expect(evaluate(functions, destination()).ok).toBe(true);
    expect(evaluate(functions, destination({ functionName: 'chargecharge' })).ok).toBe(false);
    // `a++` is a role name IAM allows and a repetition RE2 refuses: not even that role passes
    const own = await filter([{ cloudProvider: { aws: { iamRoles: ['a++'] } } }]);
    expect(evaluate(own, destination({ invokeRole: { name: 'a++', arn: 'arn:aws:iam::111111111111:role/a++', from: 'provider', source: nowhere, owner: { kind: 'CloudProvider', namespace: 'n', name: 'p' } } })).ok).toBe(false);
  });

  it('an empty string is a value no account or region is: the field filters, it is not left out', async () => {
    expect(evaluate(await filter([{ cloudProvider: { aws: { accountIds: [''] } } }]), destination())).toMatchObject({ ok: false, detail: 'account 111111111111 is not in accountIds []' });
    expect(evaluate(await filter([{ cloudProvider: { aws: { regions: [''] } } }]), destination()).ok).toBe(false);
  });

  it('names the entry that came closest; the role is "unknown" (GW5004) only where nothing else failed', async () => {
    const level = await filter([{ cloudProvider: { aws: { accountIds: ['222222222222'], regions: ['eu-west-1'] } } }, { cloudProvider: { aws: { regions: ['eu-west-1'] } } }]);
    expect(evaluate(level, destination())).toEqual({ ok: false, roleUnknown: false, detail: 'region us-east-1 is not in regions [eu-west-1]' });
    const { invokeRole: _, ...noRole } = destination();
    const both = await filter([{ cloudProvider: { aws: { accountIds: ['222222222222'], iamRoles: ['.*'] } } }]);
    expect(evaluate(both, noRole as LambdaDestination)).toMatchObject({ ok: false, roleUnknown: false });
  });

  it('shows twenty of a field\'s values, then how many more', async () => {
    const accounts = Array.from({ length: 21 }, (_, i) => String(200000000000 + i));
    const { detail } = evaluate(await filter([{ cloudProvider: { aws: { accountIds: accounts } } }]), destination()) as { detail: string };
    expect(detail).toBe(`account 111111111111 is not in accountIds [${accounts.slice(0, 20).join(', ')}, and 1 more]`);
  });

  it('reads a table whose lists hold nulls and scalars without entering them (the schema says what is wrong)', async () => {
    const { findings } = await analyzeText('apiVersion: networking.gloo.solo.io/v2\nkind: RouteTable\nmetadata: {name: t, namespace: ns}\nspec:\n  hosts: [~, a.example.com]\n  http: [~, 7, {name: r, directResponse: {status: 200}}]\n');
    expect(findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.line])).toEqual([['GW2004', 5], ['GW2004', 6], ['GW2004', 6]]);
  });

  it('an empty allowedRoutes filters nothing', async () => {
    expect(await filter([])).toBeNull();
  });
});

/** A table whose one route delegates with an allowedRoutes entry of these `aws` fields (YAML at their indentation). */
const filteringTable = (aws: string) => `apiVersion: networking.gloo.solo.io/v2
kind: RouteTable
metadata: {name: t, namespace: ns}
spec:
  http:
    - name: r
      delegate:
        routeTables: [{labels: {team: a}}]
        allowedRoutes:
          - cloudProvider:
              aws:${aws}
`;

describe('catch-all patterns (GW5002)', () => {
  it('is a pattern that takes every kind of character a role or function name may hold, not one that takes the usual ones', async () => {
    const { analysis } = await analyzeText(filteringTable(`
                iamRoles: ['.+', '[a-zA-Z0-9_-]+', '[\\w+=,.@-]{1,64}', '[\\w+=,.-]{1,64}']
                lambdaFunctions: ['[a-zA-Z0-9_-]+', '[a-z-]+']`));
    const flagged = analysis.findings.filter((f) => f.code === 'GW5002').map((f) => f.message);
    expect(flagged).toEqual([
      '`.+` matches every role name: this iamRoles filter allows everything',
      '`[\\w+=,.@-]{1,64}` matches every role name: this iamRoles filter allows everything',
      '`[a-zA-Z0-9_-]+` matches every function name: this lambdaFunctions filter allows everything',
    ]);
  });
});

describe('patterns no name matches (GW5005)', () => {
  it('says why: no text at all, or what a name of the field may hold; a pattern in both fields is judged for each', async () => {
    const { analysis } = await analyzeText(filteringTable(`
                iamRoles: ['\${ROLE_PATTERN}', 'team+@corp', 'arn:aws:iam::111111111111:role/x']
                lambdaFunctions: ['team+@corp', 'orders-.*']`));
    expect(analysis.findings.filter((f) => f.code === 'GW5005').map((f) => f.message)).toEqual([
      '`${ROLE_PATTERN}` matches no role name: no text at all matches it; this iamRoles entry allows nothing',
      '`arn:aws:iam::111111111111:role/x` matches no role name: an IAM role name is 1 to 64 of A-Z a-z 0-9 + = , . @ _ -; this iamRoles entry allows nothing',
      '`team+@corp` matches no function name: a function name is 1 to 64 of A-Z a-z 0-9 _ -; this lambdaFunctions entry allows nothing',
    ]);
  });
});

/** A CloudProvider whose discovery is on, with these `filter.names` (a YAML flow list). */
const discoveringProvider = (names: string) => `apiVersion: infrastructure.gloo.solo.io/v2
kind: CloudProvider
metadata: {name: aws, namespace: ns}
spec:
  aws:
    accountId: '111111111111'
    region: us-east-1
    lambda:
      discovery:
        enabled: true
        filter:
          names: ${names}
---
`;

describe('patterns written as globs (GW5006)', () => {
  it('says where a `*` repeats the character before it in a whole-name pattern, not in a discovery pattern read in part nor in one that matches no name (GW5005)', async () => {
    const { analysis } = await analyzeText(discoveringProvider("['team-a-*']") + filteringTable(`
                iamRoles: ['gloo-*', 'team-.*-invoker', 'arn:aws:iam::111111111111:role/team-*']
                lambdaFunctions: ['team-a-*', '^$']`));
    expect(analysis.findings.filter((f) => f.code === 'GW5006').map((f) => f.message)).toEqual([
      "`-*` in the iamRoles pattern `gloo-*` repeats `-`, none or more of it, as a regex reads `*`, where a glob's `*` is any text; it does not match `gloo-x`: write `gloo-.*` for any text there",
      "`-*` in the lambdaFunctions pattern `team-a-*` repeats `-`, none or more of it, as a regex reads `*`, where a glob's `*` is any text; it does not match `team-a-x`: write `team-a-.*` for any text there",
    ]);
  });
});

describe('a CloudProvider\'s discovery.filter.names', () => {
  it('is read in part: `^` takes every name there (and none in iamRoles); a catch-all is no warning there', async () => {
    const { analysis } = await analyzeText(discoveringProvider("['^', '.*', '^$', 'a$b']") + filteringTable(`
                iamRoles: ['^']`));
    expect(analysis.findings.filter((f) => f.code.startsWith('GW500')).map((f) => `${f.code} ${f.message}`)).toEqual([
      'GW5005 `^` matches no role name: an IAM role name is 1 to 64 of A-Z a-z 0-9 + = , . @ _ -; this iamRoles entry allows nothing',
      'GW5005 `^$` matches no function name: a function name is 1 to 64 of A-Z a-z 0-9 _ -; this discovery.filter.names entry allows nothing',
      'GW5005 `a$b` matches no function name: no text at all matches it; this discovery.filter.names entry allows nothing',
    ]);
  });
});

describe('RE2', () => {
  it('rejects what RE2 rejects and stays linear on patterns that are exponential for backtracking engines', async () => {
    const engine = await loadRegexEngine();
    expect(engine.compile('(a)\\1')).toHaveProperty('error');
    expect(engine.compile('(?<!a)b')).toHaveProperty('error');
    // a backtracking engine would take on the order of 2^5000 steps here and never return: the test's
    // timeout is the bound, not a clock reading that machine load could break
    const evil = engine.compile('(a+)+$');
    expect('matches' in evil && evil.matches('a'.repeat(5000) + 'b')).toBe(false);
  });
});
