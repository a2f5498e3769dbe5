import { beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../src/load/classify';
import { isRetriedStatus, isRetryCondition } from '../../src/model/retry-conditions';
import { parseDocuments } from '../../src/load/parse-documents';
import { SourceFile } from '../../src/source/source-file';
import { loadYaml } from '../../src/source/yaml-library';

// the slow path of the parse (a document the quick reader leaves, as these odd values are) needs it
beforeAll(async () => {
  await loadYaml();
});

/** One RetryTimeoutPolicy with `spec` (YAML flow or block text under `spec:`), classified. */
function policy(spec: string) {
  const text = `apiVersion: resilience.policy.gloo.solo.io/v2\nkind: RetryTimeoutPolicy\nmetadata: {name: p, namespace: ns}\nspec:\n  applyToRoutes: [{route: {labels: {a: b}}}]\n${spec}`;
  const out = classify(parseDocuments(new SourceFile('t.yaml', text)).documents);
  const findings = out.findings.map((f) => `${f.code} ${f.at.kind === 'node' ? f.at.pointer : ''}`);
  return { node: out.policies[0]!, findings, messages: out.findings.map((f) => f.message), resources: out.findings.map((f) => f.resource) };
}

describe('a RetryTimeoutPolicy as the API defines it (retry_timeout_policy.proto)', () => {
  it('reads a policy written as the API defines it, and says nothing', () => {
    const p = policy('  config:\n    requestTimeout: 1m30s\n    retries:\n      attempts: 3\n      perTryTimeout: 10s\n      retryOn: " connect-failure , 503,reset-before-request"\n      retryRemoteLocalities: true\n');
    expect(p.findings).toEqual([]);
    expect(p.node.requestTimeout?.seconds).toBe(90);
    expect(p.node.retries).toMatchObject({ attempts: 3, retryOn: ['connect-failure', '503', 'reset-before-request'], istioDefaults: false, perTryTimeout: 10 });
    expect(p.node.retriesWritten?.text).toBe('up to 3 on connect-failure, 503, reset-before-request');
  });

  it('takes whole milliseconds in any unit, and a leading plus as Go does', () => {
    for (const d of ['1ms', '1.001s', '1.5h', '1s500ms', '0.5m', '+5s', '2h45m', '.25s']) expect(policy(`  config:\n    requestTimeout: "${d}"\n`).findings, d).toEqual([]);
    expect(policy('  config:\n    requestTimeout: "+5s"\n').node.requestTimeout?.seconds).toBe(5);
  });

  it('refuses a duration the API cannot read (GW2014) and reads nothing of the policy', () => {
    for (const d of ['30sec', '30', '"30"', '""', '-5s', '1h-5m', '{seconds: 30}', 'true']) {
      const p = policy(`  config:\n    requestTimeout: ${d}\n    retries: {attempts: 2, retryOn: 5xx}\n`);
      expect(p.findings, d).toEqual(['GW2014 /spec/config/requestTimeout']);
      // neither the timeout nor the retries of a policy Gloo cannot apply are read
      expect(p.node.requestTimeout, d).toBeUndefined();
      expect(p.node.retries, d).toBeUndefined();
      expect(p.node.retriesWritten, d).toBeUndefined();
    }
    expect(policy('  config:\n    requestTimeout: -5s\n').messages[0]).toContain('`config.requestTimeout: -5s` is negative');
    expect(policy('  config:\n    requestTimeout: 30\n').messages[0]).toContain('`config.requestTimeout: 30` is a number');
    expect(policy('  config:\n    retries: {perTryTimeout: 2sec}\n').findings).toEqual(['GW2014 /spec/config/retries/perTryTimeout']);
  });

  it('refuses attempts that are no whole number of retries, 0 or more, in an Int32 (GW2014)', () => {
    for (const a of ['-1', '2.5', '"3"', '2147483648', '[3]']) {
      const p = policy(`  config:\n    retries:\n      attempts: ${a}\n`);
      expect(p.findings, a).toEqual(['GW2014 /spec/config/retries/attempts']);
      expect(p.node.retriesWritten, a).toBeUndefined();
    }
    expect(policy('  config:\n    retries:\n      attempts: 2147483647\n').findings).toEqual([]);
    // a null is unset to protobuf's JSON reader: the default of 2, as is a config or timeout of null
    expect(policy('  config:\n    retries:\n      attempts: null\n').node.retries?.attempts).toBe(2);
    expect(policy('  config:\n    requestTimeout: null\n    retries: {}\n').findings).toEqual([]);
    // (a config written null is none, which the 2.14 CRD refuses: `required: [config]`)
    expect(policy('  config: null\n').findings).toEqual(['GW2003 /spec/config']);
  });

  it('refuses a retries, config or retryRemoteLocalities of the wrong shape (GW2014)', () => {
    expect(policy('  config:\n    retries: yes\n').findings).toEqual(['GW2014 /spec/config/retries']);
    expect(policy('  config: [requestTimeout]\n').findings).toEqual(['GW2014 /spec/config']);
    expect(policy('  config:\n    retries: {retryRemoteLocalities: "true"}\n').findings).toEqual(['GW2014 /spec/config/retries/retryRemoteLocalities']);
    expect(policy('  config:\n    retries: {retryOn: [5xx]}\n').findings).toEqual(['GW2014 /spec/config/retries/retryOn']);
  });

  it("says what the API's rules refuse (GW2015) and reads it as written", () => {
    const zero = policy('  config:\n    requestTimeout: 0s\n');
    expect(zero.findings).toEqual(['GW2015 /spec/config/requestTimeout']);
    expect(zero.node.requestTimeout?.seconds).toBe(0);
    expect(policy('  config:\n    requestTimeout: "0"\n').findings).toEqual(['GW2015 /spec/config/requestTimeout']);
    expect(policy('  config:\n    requestTimeout: 999us\n').messages[0]).toContain('is below 1ms');
    expect(policy('  config:\n    requestTimeout: 1000us\n').messages[0]).toContain('is written in `us`');
    expect(policy('  config:\n    requestTimeout: 5ns\n').findings).toEqual(['GW2015 /spec/config/requestTimeout']);
    for (const d of ['1.0005s', '0.0015s', '1.5ms']) expect(policy(`  config:\n    requestTimeout: ${d}\n`).messages[0], d).toContain('is finer than a millisecond');
    const fine = policy('  config:\n    requestTimeout: 1.5ms\n');
    expect(fine.node.requestTimeout?.seconds).toBeCloseTo(0.0015, 9);
  });

  it('reads a perTryTimeout of 0 as none, as Envoy does (and says it, GW2015)', () => {
    const zero = policy('  config:\n    retries: {perTryTimeout: 0s}\n');
    expect(zero.findings).toEqual(['GW2015 /spec/config/retries/perTryTimeout']);
    expect(zero.node.retries).toBeDefined();
    expect(zero.node.retries!.perTryTimeout).toBeUndefined();
  });

  it('says fields beside attempts: 0, each at its key, and reads no retries (GW2015)', () => {
    const p = policy('  config:\n    retries:\n      attempts: 0\n      perTryTimeout: 1s\n      retryOn: 5xx\n      retryRemoteLocalities: false\n');
    expect(p.findings).toEqual(['GW2015 /spec/config/retries/perTryTimeout', 'GW2015 /spec/config/retries/retryOn', 'GW2015 /spec/config/retries/retryRemoteLocalities']);
    expect(p.node.retries).toBeUndefined();
    expect(p.node.retriesWritten?.text).toBe('`attempts: 0`, no retries');
    expect(policy('  config:\n    retries: {attempts: 0}\n').findings).toEqual([]);
  });

  it('says a policy with no spec, or one that is no mapping', () => {
    const none = classify(parseDocuments(new SourceFile('t.yaml', 'apiVersion: resilience.policy.gloo.solo.io/v2\nkind: RetryTimeoutPolicy\nmetadata: {name: p, namespace: ns}\n')).documents);
    // the 2.14 CRD asks nothing of a policy with no spec at all: the API's rule, a warning
    expect(none.findings.map((f) => [f.code, f.message])).toEqual([['GW2015', expect.stringContaining('the policy has no `spec`: it sets nothing')]]);
    const list = classify(parseDocuments(new SourceFile('t.yaml', 'apiVersion: resilience.policy.gloo.solo.io/v2\nkind: RetryTimeoutPolicy\nmetadata: {name: p, namespace: ns}\nspec: [config]\n')).documents);
    expect(list.findings.map((f) => [f.code, f.at.kind === 'node' ? f.at.pointer : '', f.message])).toEqual([['GW2014', '/spec', expect.stringContaining('`spec: ["config"]` is a list, where the API takes a mapping')]]);
    expect(list.policies[0]!.requestTimeout).toBeUndefined();
  });

  it('says a policy that sets nothing: a spec without config as the 2.14 CRD refuses it (GW2003), a config of neither field as the API\'s rule (GW2015)', () => {
    const none = policy('');
    expect(none.findings).toEqual(['GW2003 /spec']);
    expect(none.messages[0]).toBe("A RetryTimeoutPolicy's `spec` is missing the required field `config`");
    expect(policy('  config: {}\n').findings).toEqual(['GW2015 /spec/config']);
    expect(policy('  config: {}\n').messages[0]).toContain('sets neither `retries` nor `requestTimeout`');
  });

  it('reads retryOn as Istio passes it on: trimmed, the empty dropped, an empty text as none', () => {
    const empty = policy('  config:\n    retries: {retryOn: "connect-failure,,refused-stream,"}\n');
    expect(empty.findings).toEqual(['GW2015 /spec/config/retries/retryOn']);
    expect(empty.node.retries?.retryOn).toEqual(['connect-failure', 'refused-stream']);
    // `retryOn: ","` is set (Istio replaces its defaults) and names nothing: no condition, no retry
    const commas = policy('  config:\n    retries: {retryOn: ","}\n');
    expect(commas.node.retries).toMatchObject({ retryOn: [], istioDefaults: false });
    // an empty text is unset to protobuf: Istio's defaults
    expect(policy('  config:\n    retries: {retryOn: ""}\n').node.retries?.istioDefaults).toBe(true);
    expect(policy('  config:\n    retries: {attempts: 1}\n').node.retries?.istioDefaults).toBe(true);
  });

  it('says each retryOn condition nothing knows once, with the one meant (GW2016)', () => {
    const p = policy('  config:\n    retries: {retryOn: "5xxx,connect-failure,gateway_error,5xxx,599,0503"}\n');
    expect(p.findings).toEqual(['GW2016 /spec/config/retries/retryOn', 'GW2016 /spec/config/retries/retryOn', 'GW2016 /spec/config/retries/retryOn']);
    expect(p.messages[0]).toContain('`5xxx`');
    expect(p.messages[0]).toMatch(/did you mean `5xx`\?$/);
    expect(p.messages[1]).toMatch(/did you mean `gateway-error`\?$/);
    // a number is no misspelt name: no suggestion, and why it is not read as a status
    expect(p.messages[2]).toContain("`599`, a number, but no HTTP status Go's net/http knows");
    expect(p.messages[2]).not.toContain('did you mean');
    // the policy is still read: Istio applies what it knows
    expect(p.node.retries?.retryOn).toContain('connect-failure');
  });

  it('names the policy as the resource of each finding, for suppression', () => {
    expect(policy('  config:\n    requestTimeout: 0s\n').resources).toEqual([{ kind: 'RetryTimeoutPolicy', namespace: 'ns', name: 'p' }]);
  });

  it('says a field the API does not define in spec, config or retries (GW2001), at its key', () => {
    const p = policy('  applyToRoute: []\n  config:\n    timeout: 30s\n    requestTimeout: 5s\n    retries: {retryOnn: 5xx}\n');
    expect(p.findings).toEqual(['GW2001 /spec/applyToRoute', 'GW2001 /spec/config/timeout', 'GW2001 /spec/config/retries/retryOnn']);
    expect(p.messages[0]).toContain('did you mean `applyToRoutes`?');
    expect(p.messages[2]).toContain('did you mean `retryOn`?');
  });

  it('knows the conditions of Envoy and the statuses Istio reads', () => {
    for (const c of ['5xx', 'gateway-error', 'reset', 'reset-before-request', 'http3-post-connect-failure', 'envoy-ratelimited', 'retriable-headers', 'unavailable', 'internal', '503', '425', '0503', '+429']) {
      expect(isRetryCondition(c), c).toBe(true);
    }
    for (const c of ['599', '5xxx', '5XX', 'connect_failure', '', '503.0', '1e3']) expect(isRetryCondition(c), c).toBe(false);
    expect(isRetriedStatus('503')).toBe(true);
    expect(isRetriedStatus('509')).toBe(false);
    expect(isRetriedStatus('5xx')).toBe(false);
  });
});
