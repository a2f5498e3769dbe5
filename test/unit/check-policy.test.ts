import { beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../src/load/classify';
import { GROUP_KINDS } from '../../src/load/kinds';
import { parseDocuments } from '../../src/load/parse-documents';
import { DESTINATION_KINDS_OF } from '../../src/load/policy-kinds';
import { POLICY_SPECS } from '../../src/load/policy-shapes';
import { wellFormed } from '../helpers/well-formed-policy';
import { SourceFile } from '../../src/source/source-file';
import { loadYaml } from '../../src/source/yaml-library';

// the slow path of the parse (a document the quick reader leaves) needs it
beforeAll(async () => {
  await loadYaml();
});

const GROUPS = Object.entries(GROUP_KINDS).filter(([group]) => group.endsWith('.policy.gloo.solo.io'));
const groupOf = (kind: string) => GROUPS.find(([, kinds]) => kinds.includes(kind))![0];

const NO_METADATA = Symbol('no metadata');

/** One policy of `kind` with this `spec` (a value: written as JSON, which YAML reads alike), classified. */
function check(kind: string, spec: unknown, metadata: unknown = { name: 'p', namespace: 'shop' }) {
  const doc = { apiVersion: `${groupOf(kind)}/v2`, kind, ...(metadata === NO_METADATA ? {} : { metadata }), ...(spec === undefined ? {} : { spec }) };
  const out = classify(parseDocuments(new SourceFile('t.yaml', JSON.stringify(doc, null, 1))).documents);
  return out.findings.map((f) => `${f.code} ${f.at.kind === 'node' ? f.at.pointer : ''}: ${f.message}`);
}
const codes = (findings: string[]) => findings.map((f) => f.slice(0, f.indexOf(':')));
/** What the rules of a kind's CRD descriptions say of a policy that sets nothing (GW2017): a fault of nothing, fields the descriptions require. */
const DESCRIBED_OF_NOTHING: Readonly<Record<string, string[]>> = {
  FaultInjectionPolicy: ['GW2017 /spec'],
  AdaptiveRequestConcurrencyPolicy: ['GW2017 /spec', 'GW2017 /spec'],
  ListenerConnectionPolicy: ['GW2017 /spec'],
  ProxyProtocolPolicy: ['GW2017 /spec'],
};

describe('policies as the API server checks them (check-policy.ts)', () => {
  it('knows the spec of every kind of the policy groups, and of no other kind', () => {
    expect(Object.keys(POLICY_SPECS).sort()).toEqual(GROUPS.flatMap(([, kinds]) => kinds).sort());
  });

  it.each(Object.keys(POLICY_SPECS))('takes a policy of kind %s with every field its CRD defines, down to the selectors, and says nothing', (kind) => {
    // a RetryTimeoutPolicy's `config` is read by its own reader (retry-timeout-config.test.ts), which
    // wants one that sets something
    const config = kind === 'RetryTimeoutPolicy' ? { config: { requestTimeout: '5s' } } : {};
    // a LoadBalancerPolicy's and a RetryTimeoutPolicy's `config` are required (the 2.14 CRDs)
    const required = kind === 'LoadBalancerPolicy' || kind === 'RetryTimeoutPolicy' ? ['GW2003 /spec'] : [];
    // (the CRD's whole range of each value, which the rules of its descriptions may narrow: GW2017,
    // asked of below)
    const said = check(kind, { ...(wellFormed(POLICY_SPECS[kind]!, DESTINATION_KINDS_OF[kind]?.kinds[0]) as object), ...config });
    expect(said.filter((f) => !f.startsWith('GW2017'))).toEqual([]);
    // nor of one with no spec, an empty one, or fields written null (pruned by the API server), but for
    // the required config, the RetryTimeoutPolicy's own warning that a policy with no spec sets nothing
    // (GW2015; the CRD asks nothing of no spec), the kinds whose API reads no selector as nothing to
    // apply to (GW4058), a RateLimitPolicy with neither limits nor rules (GW4061), and a
    // FaultInjectionPolicy of no fault (GW2017)
    const nothing = [
      ...(['ActiveHealthCheckPolicy', 'GraphQLAllowedQueryPolicy', 'GraphQLPersistedQueryCachePolicy', 'ProxyProtocolPolicy'].includes(kind) ? ['GW4058 /spec'] : []),
      ...(kind === 'RateLimitPolicy' ? ['GW4061 /spec', 'GW4061 /spec'] : []),
      ...(DESCRIBED_OF_NOTHING[kind] ?? []),
    ];
    expect(codes(check(kind, undefined))).toEqual(kind === 'RetryTimeoutPolicy' ? ['GW2015 /spec'] : nothing.map((f) => f.replace('/spec', '')));
    expect(codes(check(kind, {}))).toEqual([...required, ...nothing]);
    // (a required field written null is said where it is written)
    expect(codes(check(kind, Object.fromEntries(Object.keys(POLICY_SPECS[kind]!.fields).map((k) => [k, null]))))).toEqual([...required.map((f) => `${f}/config`), ...nothing]);
  });

  it('takes the config fields of the 2.14 CRDs where the protos stored differ: the latest versions, and an earlier one\'s too', () => {
    expect(check('ConnectionPolicy', { config: { tcp: { maxConnections: 10 }, http: { maxRequests: 10 } } })).toEqual([]);
    expect(check('OutlierDetectionPolicy', { config: { consecutiveErrors: 5, consecutiveGatewayErrors: 3 } })).toEqual([]);
    expect(check('AccessPolicy', { config: { authz: {}, authzList: [{ allowedPaths: ['/ratings*'] }], enforcementLayers: {} } })).toEqual([]);
    expect(check('ListenerConnectionPolicy', { config: { perConnectionBufferLimitBytes: 16384, tcpKeepalive: { probes: 3 } } })).toEqual([]);
  });

  it('the resilience group\'s configs whole, as their 2.14 CRD types them: integers in their range, numbers, text, what is required', () => {
    // a uint32: 0 to 4294967295; a `format: int32`: an Int32
    // (which the API server takes; the rules of their descriptions, 1 or more errors and a percentage, are GW2017's)
    expect(codes(check('OutlierDetectionPolicy', { config: { consecutiveErrors: 0, maxEjectionPercent: 4294967295 } }))).toEqual(['GW2017 /spec/config/consecutiveErrors', 'GW2017 /spec/config/maxEjectionPercent']);
    expect(check('OutlierDetectionPolicy', { config: { maxEjectionPercent: 4294967296 } })).toEqual(['GW2007 /spec/config/maxEjectionPercent: `spec.config.maxEjectionPercent` must be at most 4294967295; got 4294967296']);
    expect(check('OutlierDetectionPolicy', { config: { consecutiveGatewayErrors: -1 } })).toEqual(['GW2007 /spec/config/consecutiveGatewayErrors: `spec.config.consecutiveGatewayErrors` must be at least 0; got -1']);
    expect(check('ConnectionPolicy', { config: { http: { maxRetries: -2147483648, maxRequests: 2147483647 } } })).toEqual([]);
    expect(codes(check('ConnectionPolicy', { config: { http: { maxRetries: -2147483649, maxRequests: 2147483648 } } }))).toEqual(['GW2007 /spec/config/http/maxRetries', 'GW2007 /spec/config/http/maxRequests']);
    expect(codes(check('ConnectionPolicy', { config: { tcp: { maxConnections: 3000000000 } } }))).toEqual(['GW2007 /spec/config/tcp/maxConnections']);
    expect(check('OutlierDetectionPolicy', { config: { maxEjectionPercent: '50%' } })).toEqual(['GW2004 /spec/config/maxEjectionPercent: `spec.config.maxEjectionPercent` must be an integer, not a string ("50%")']);
    expect(codes(check('GraphQLPersistedQueryCachePolicy', { applyToRoutes: [{}], config: { cacheSize: 10.5 } }))).toEqual(['GW2004 /spec/config/cacheSize']);
    // a percentage is any number, and no text
    expect(check('FaultInjectionPolicy', { config: { abort: { httpStatus: 503, percentage: 0.0001 } } })).toEqual([]);
    expect(check('FaultInjectionPolicy', { config: { delay: { fixedDelay: '1s', percentage: '10' } } })).toEqual(['GW2004 /spec/config/delay/percentage: `spec.config.delay.percentage` must be a number, not a string ("10")']);
    // (with the fields its descriptions require: GW2017 otherwise)
    expect(codes(check('AdaptiveRequestConcurrencyPolicy', { config: { concurrencyUpdateIntervalMillis: 100, minRttCalcParams: { intervalMillis: 60000, jitterPercentile: true } } }))).toEqual(['GW2004 /spec/config/minRttCalcParams/jitterPercentile']);
    // a duration is text to the CRD: a bare number is not
    expect(codes(check('ListenerConnectionPolicy', { config: { perConnectionBufferLimitBytes: 1024, tcpKeepalive: { time: 7200 } } }))).toEqual(['GW2004 /spec/config/tcpKeepalive/time']);
    // what the CRD requires, at depth; written null is none
    expect(check('FaultInjectionPolicy', { config: { abort: { percentage: 10 } } })).toEqual(["GW2003 /spec/config/abort: A FaultInjectionPolicy's `spec.config.abort` is missing the required field `httpStatus`"]);
    expect(codes(check('FaultInjectionPolicy', { config: { delay: { fixedDelay: null } } }))).toEqual(['GW2003 /spec/config/delay/fixedDelay']);
    // every field at every depth: a field of `http` under `tcp`, a locality's misspelt field, a
    // reference with labels, a health check's own fields Gloo's to read (the CRD keeps them unknown)
    expect(check('ConnectionPolicy', { config: { tcp: { idleTimeout: '1h' } } })).toEqual([
      "GW2001 /spec/config/tcp/idleTimeout: unknown field `idleTimeout` in a ConnectionPolicy's `spec.config.tcp`; allowed: connectTimeout, maxConnectionDuration, maxConnections, tcpKeepalive",
    ]);
    expect(codes(check('FailoverPolicy', { config: { localityMappings: [{ from: { region: 'us-east-1', subzone: 'a' }, to: [{ region: 'us-west-2', weight: 'all' }] }] } }))).toEqual([
      'GW2001 /spec/config/localityMappings/0/from/subzone',
      'GW2004 /spec/config/localityMappings/0/to/0/weight',
    ]);
    expect(codes(check('ActiveHealthCheckPolicy', { applyToDestinations: [{}], config: { healthCheck: { timeout: '1s', anything: [1] }, virtualGateways: [{ name: 'gw', labels: {} }] } }))).toEqual([
      'GW2001 /spec/config/virtualGateways/0/labels',
    ]);
    expect(codes(check('TrimProxyConfigPolicy', { config: { includedDestinations: [{ kind: 'LAMBDA' }] } }))).toEqual(['GW2005 /spec/config/includedDestinations/0/kind']);
    // a FailoverPolicy of both locality mappings and priority labels: the CRD takes it
    expect(check('FailoverPolicy', { config: { localityMappings: [], priorityLabels: { labels: ['topology.kubernetes.io/region'] } } })).toEqual([]);
  });

  it('five trafficcontrol kinds\' configs whole, as their 2.14 CRD types them: an enum, a oneof at depth, booleans, header maps of text', () => {
    expect(check('LoadBalancerPolicy', { config: { simple: 'ROUNDROBIN' } })).toEqual([
      'GW2005 /spec/config/simple: `spec.config.simple` must be one of UNSPECIFIED, RANDOM, PASSTHROUGH, ROUND_ROBIN, LEAST_REQUEST; got `ROUNDROBIN`; did you mean `ROUND_ROBIN`?',
    ]);
    expect(codes(check('LoadBalancerPolicy', { config: { consistentHash: { httpHeaderName: 'x-user', useSourceIp: true } } }))).toEqual(['GW2008 /spec/config/consistentHash/useSourceIp']);
    expect(codes(check('LoadBalancerPolicy', { config: { consistentHash: { httpCookie: { ttl: '1h' } } } }))).toEqual(['GW2003 /spec/config/consistentHash/httpCookie']);
    expect(check('LoadBalancerPolicy', { config: { consistentHash: { useSourceIp: 'true' } } })).toEqual(['GW2004 /spec/config/consistentHash/useSourceIp: `spec.config.consistentHash.useSourceIp` must be true or false, not a string ("true")']);
    expect(check('LoadBalancerPolicy', { config: { simple: 'LEAST_REQUEST', warmupDurationSecs: '60s', healthyPanicThreshold: 50, updateMergeWindow: '1s' } })).toEqual([]);
    expect(codes(check('HeaderManipulationPolicy', { config: { appendRequestHeaders: { 'x-version': 2 }, removeResponseHeaders: 'server', removeRequestHeaders: 'cookie', appendResponseHeaders: { 'x-n': true } } }))).toEqual([
      'GW2004 /spec/config/appendRequestHeaders/x-version',
      'GW2004 /spec/config/removeResponseHeaders',
      'GW2004 /spec/config/removeRequestHeaders',
      'GW2004 /spec/config/appendResponseHeaders/x-n',
    ]);
    // a header name is any text to the CRD (no label-key pattern)
    expect(check('HeaderManipulationPolicy', { config: { appendResponseHeaders: { 'X-Powered-By': 'gloo', ':weird': '' }, removeRequestHeaders: ['cookie'] } })).toEqual([]);
    expect(codes(check('MirrorPolicy', { config: { destination: { ref: { name: 'shadow' }, awsLambda: { function: 'f' } }, percentage: 'all' } }))).toEqual([
      'GW2008 /spec/config/destination/awsLambda',
      'GW2004 /spec/config/percentage',
    ]);
    expect(check('MirrorPolicy', { config: { destination: { awsLambda: { cloudProvider: { name: 'aws' }, function: 'shadow', options: { invocationStyle: 'Async' } } } } })).toEqual([
      'GW2005 /spec/config/destination/awsLambda/options/invocationStyle: `spec.config.destination.awsLambda.options.invocationStyle` must be one of SYNC, ASYNC; got `Async`; did you mean `ASYNC`?',
    ]);
    expect(codes(check('ProxyProtocolPolicy', { applyToListeners: [{}], config: { enableProxyProtocol: 'yes' } }))).toEqual(['GW2004 /spec/config/enableProxyProtocol']);
    expect(codes(check('HTTPBufferPolicy', { config: { maxRequestBytes: -1 } }))).toEqual(['GW2007 /spec/config/maxRequestBytes']);
  });

  it('an AccessLogPolicy\'s and a WasmDeploymentPolicy\'s configs whole, as their 2.14 CRDs type them: a filter of one matcher, a Wasm filter of one source and one configuration', () => {
    expect(check('AccessLogPolicy', { config: { filters: [{ statusCodeMatcher: { value: 400, comparator: 'GE' } }, { headerMatcher: { name: 'x-debug', regex: false } }], includedRequestHeaders: ['x-request-id'] } })).toEqual([]);
    expect(codes(check('AccessLogPolicy', { config: { filters: [{ statusCodeMatcher: { value: 400, comparator: 'GT' }, headerMatcher: { name: 'x' } }], includedResponseHeaders: 'server' } }))).toEqual([
      'GW2005 /spec/config/filters/0/statusCodeMatcher/comparator',
      'GW2008 /spec/config/filters/0/headerMatcher',
      'GW2004 /spec/config/includedResponseHeaders',
    ]);
    expect(codes(check('AccessLogPolicy', { config: { filters: [{ headerMatcher: { name: 'x', invertMatch: 'yes' } }] } }))).toEqual(['GW2004 /spec/config/filters/0/headerMatcher/invertMatch']);
    // two groups: one source, one configuration; each said on its own
    const wasm = (filter: object) => codes(check('WasmDeploymentPolicy', { config: { filters: [filter], weight: 1 } }));
    expect(wasm({ wasmImageSource: { wasmImageTag: 'webassemblyhub.io/a/b:v1' }, staticFilterConfig: { any: 1 }, filterContext: 'GATEWAY', rootId: 'r' })).toEqual([]);
    expect(wasm({ localPathSource: '/f.wasm', httpUriSource: { uri: 'https://x/f.wasm', sha: 'abc' } })).toEqual(['GW2008 /spec/config/filters/0/httpUriSource']);
    expect(wasm({ localPathSource: '/f.wasm', staticFilterConfig: {}, dynamicFilterConfig: 'x' })).toEqual(['GW2008 /spec/config/filters/0/dynamicFilterConfig']);
    expect(wasm({ localPathSource: '/f.wasm', wasmImageSource: {}, staticFilterConfig: {}, dynamicFilterConfig: 'x' })).toEqual(['GW2008 /spec/config/filters/0/wasmImageSource', 'GW2008 /spec/config/filters/0/dynamicFilterConfig']);
    expect(wasm({ localPathSource: '/f.wasm', filterContext: 'INGRESS' })).toEqual(['GW2005 /spec/config/filters/0/filterContext']);
    expect(codes(check('WasmDeploymentPolicy', { config: { weight: -1 } }))).toEqual(['GW2007 /spec/config/weight']);
  });

  it('four security kinds\' configs whole, as their 2.14 CRD types them: a JWTPolicy\'s providers and validationPolicy, CORS and CSRF origins, a WAFPolicy\'s settings', () => {
    // `validationPolicy` is a field of 2.14 that the protos read before lacked: no GW2001
    expect(check('JWTPolicy', { config: { validationPolicy: 'ALLOW_MISSING', providers: { auth0: { issuer: 'https://example.auth0.com/', remote: { url: 'https://example.auth0.com/.well-known/jwks.json', destinationRef: { kind: 'EXTERNAL_SERVICE', ref: { name: 'auth0' }, port: { number: 443 } } } } } } })).toEqual([]);
    expect(check('JWTPolicy', { config: { validationPolicy: 'ALLOW_MISSING_OR_FAIL' } })).toEqual([
      'GW2005 /spec/config/validationPolicy: `spec.config.validationPolicy` must be one of REQUIRE_VALID, ALLOW_MISSING, ALLOW_MISSING_OR_FAILED; got `ALLOW_MISSING_OR_FAIL`; did you mean `ALLOW_MISSING_OR_FAILED`?',
    ]);
    // each provider, by its name: a provider of both key sources, a misspelt field, a list that is text
    expect(codes(check('JWTPolicy', { config: { providers: { one: { local: { inline: 'k' }, remote: { url: 'u' } }, two: { issuer: 'i', audience: ['a'], claimsToHeaders: { claim: 'sub' } } } } }))).toEqual([
      'GW2008 /spec/config/providers/one/remote',
      'GW2001 /spec/config/providers/two/audience',
      'GW2004 /spec/config/providers/two/claimsToHeaders',
    ]);
    expect(codes(check('JWTPolicy', { config: { providers: ['auth0'] } }))).toEqual(['GW2004 /spec/config/providers']);
    expect(codes(check('JWTPolicy', { config: { providers: { p: { local: { secretRef: { name: 's' } } } }, clearRouteCache: true, phase: { preAuthz: { priority: 1.5 } } } }))).toEqual([
      'GW2001 /spec/config/providers/p/local/secretRef/name',
      'GW2004 /spec/config/clearRouteCache',
      'GW2004 /spec/config/phase/preAuthz/priority',
    ]);
    expect(codes(check('CORSPolicy', { config: { allowOrigins: [{ exact: 'https://a.example.com', prefix: 'https://b' }, 'https://c.example.com'], allowCredentials: 'true', maxAge: 86400 } }))).toEqual([
      'GW2008 /spec/config/allowOrigins/0/prefix',
      'GW2004 /spec/config/allowOrigins/1',
      'GW2004 /spec/config/allowCredentials',
      'GW2004 /spec/config/maxAge',
    ]);
    expect(codes(check('CSRFPolicy', { config: { filterEnabled: 'yes', additionalOrigins: [{ regex: '.*', ignoreCase: 1 }] } }))).toEqual(['GW2004 /spec/config/filterEnabled', 'GW2004 /spec/config/additionalOrigins/0/ignoreCase']);
    expect(codes(check('WAFPolicy', { config: { coreRuleSetSettingsString: 'a', coreRuleSetSettingsPath: 'b', auditLogging: { action: 'RELEVANT' }, customRuleSets: [{ ruleStr: 'SecRuleEngine On', file: ['x'] }] } }))).toEqual([
      'GW2005 /spec/config/auditLogging/action',
      'GW2001 /spec/config/customRuleSets/0/file',
      'GW2008 /spec/config/coreRuleSetSettingsPath',
    ]);
  });

  it('an AccessPolicy\'s, a DLPPolicy\'s and a GraphQLAllowedQueryPolicy\'s configs whole, as the security group\'s 2.14 CRD types them', () => {
    const allowed = { allowedClients: [{ serviceAccountSelector: { name: 'productpage', namespace: 'bookinfo' } }], allowedPaths: ['/ratings*'], allowedMethods: ['GET'], match: { request: { headers: { 'x-tier': { values: ['gold'] } } } } };
    expect(check('AccessPolicy', { applyToWorkloads: [{}], config: { authn: { tlsMode: 'STRICT' }, authz: allowed, authzList: [allowed, {}], enforcementLayers: { mesh: true, cni: false } } })).toEqual([]);
    expect(codes(check('AccessPolicy', { applyToWorkloads: [{}], config: { authn: { tlsMode: 'MUTUAL' }, authzList: [{ allowedClients: [{ serviceAccount: { name: 'x' } }], allowedPaths: '/ratings', dryRun: 'yes', match: { request: { headers: { 'x-tier': { value: 'gold' } } } } }] } }))).toEqual([
      'GW2005 /spec/config/authn/tlsMode',
      'GW2001 /spec/config/authzList/0/allowedClients/0/serviceAccount',
      'GW2004 /spec/config/authzList/0/allowedPaths',
      'GW2004 /spec/config/authzList/0/dryRun',
      'GW2001 /spec/config/authzList/0/match/request/headers/x-tier/value',
    ]);
    expect(check('DLPPolicy', { config: { actions: [{ predefinedAction: 'SSN' }, { customAction: { name: 'c', regexActions: [{ regex: '\\d{4}', subgroup: 1 }], maskChar: '#', percent: 60 } }, { keyValueAction: { keysToMask: ['x-card'] }, shadow: true }], sanitize: 'ALL' } })).toEqual([]);
    expect(codes(check('DLPPolicy', { config: { actions: [{ predefinedAction: 'CREDIT_CARD', customAction: { name: 'c' } }, { keyValueAction: { keysToMask: 'x-card' } }], sanitize: 'RESPONSE' } }))).toEqual([
      'GW2005 /spec/config/actions/0/predefinedAction',
      'GW2008 /spec/config/actions/0/customAction',
      'GW2004 /spec/config/actions/1/keyValueAction/keysToMask',
      'GW2005 /spec/config/sanitize',
    ]);
    expect(codes(check('GraphQLAllowedQueryPolicy', { applyToRoutes: [{}], config: { allowedQueryHashes: 'abc' } }))).toEqual(['GW2004 /spec/config/allowedQueryHashes']);
  });

  it('an origin matched by a suffix, which Gloo Platform does not support: the regex that matches the same origins (GW4060)', () => {
    expect(check('CORSPolicy', { config: { allowOrigins: [{ exact: 'https://a.example.com' }, { suffix: '.example.com' }] } })).toEqual([
      "GW4060 /spec/config/allowOrigins/1/suffix: CORSPolicy shop/p matches origins ending in `.example.com` by `suffix` in `config.allowOrigins[1]`, which Gloo Platform does not support (\"Warning! Suffix-based matching is not currently supported in Gloo Platform\"): the API server takes the policy, and the origin is not matched as written; `regex: .*\\.example\\.com` matches the same origins",
    ]);
    expect(check('CSRFPolicy', { config: { additionalOrigins: [{ suffix: '.Example.com', ignoreCase: true }] } })[0]).toContain('`regex: (?i).*\\.Example\\.com`');
    // not of another kind's lists, nor of a suffix that is no text (GW2004 alone)
    expect(check('CORSPolicy', { config: { allowOrigins: [{ prefix: 'https://' }] } })).toEqual([]);
    expect(codes(check('CORSPolicy', { config: { allowOrigins: [{ suffix: 5 }] } }))).toEqual(['GW2004 /spec/config/allowOrigins/0/suffix']);
  });

  it("a FaultInjectionPolicy's values its CRD's descriptions rule out and the API server takes (GW2017), at their bounds", () => {
    const fault = (abort: unknown, delay?: unknown) => codes(check('FaultInjectionPolicy', { config: { abort, ...(delay === undefined ? {} : { delay }) } }));
    // a status from 200 to 599, a percentage of 0 or from 0.0001 to 100
    expect(fault({ httpStatus: 200, percentage: 0 })).toEqual([]);
    expect(fault({ httpStatus: 599, percentage: 0.0001 })).toEqual([]);
    expect(fault({ httpStatus: 503, percentage: 100 })).toEqual([]);
    expect(fault({ httpStatus: 199 })).toEqual(['GW2017 /spec/config/abort/httpStatus']);
    expect(fault({ httpStatus: 600, percentage: 100.5 })).toEqual(['GW2017 /spec/config/abort/httpStatus', 'GW2017 /spec/config/abort/percentage']);
    expect(fault({ httpStatus: 503, percentage: -1 })).toEqual(['GW2017 /spec/config/abort/percentage']);
    expect(fault({ httpStatus: 503, percentage: 0.00009 })).toEqual(['GW2017 /spec/config/abort/percentage']);
    // a delay Go's ParseDuration reads, of 1ms or more, in whole milliseconds
    expect(fault(undefined, { fixedDelay: '1ms', percentage: 50 })).toEqual([]);
    expect(fault(undefined, { fixedDelay: '1m30s' })).toEqual([]);
    expect(check('FaultInjectionPolicy', { config: { delay: { fixedDelay: '0.5ms' } } })[0]).toContain('`config.delay.fixedDelay: 0.5ms` is below 1ms, where its 2.14 CRD says "The value must be at least 1ms."');
    expect(check('FaultInjectionPolicy', { config: { delay: { fixedDelay: '1.5ms' } } })[0]).toContain('is finer than a millisecond');
    expect(check('FaultInjectionPolicy', { config: { delay: { fixedDelay: '2000us' } } })[0]).toContain('is finer than a millisecond');
    expect(check('FaultInjectionPolicy', { config: { delay: { fixedDelay: '30' } } })[0]).toContain("is no duration Go's ParseDuration reads");
    // a value of the wrong type is GW2004's alone; a rule of nothing, said once, at the config
    expect(fault({ httpStatus: '503' })).toEqual(['GW2004 /spec/config/abort/httpStatus']);
    expect(fault(null)).toEqual(['GW2017 /spec/config']);
    // no other kind is asked these rules
    expect(check('HTTPBufferPolicy', { config: { maxRequestBytes: 0 } })).toEqual([]);
  });

  it("the other resilience kinds' described rules (GW2017): durations Go reads, required fields, bounds, one of two", () => {
    const outlier = (config: unknown) => codes(check('OutlierDetectionPolicy', { applyToDestinations: [{ kind: 'VIRTUAL_DESTINATION' }], config }));
    expect(outlier({ consecutiveErrors: 1, consecutiveGatewayErrors: 0, maxEjectionPercent: 100, interval: '10s', baseEjectionTime: '30s' })).toEqual([]);
    expect(outlier({ consecutiveErrors: 2147483648, maxEjectionPercent: 101, interval: '10', baseEjectionTime: '500us' })).toEqual([
      'GW2017 /spec/config/baseEjectionTime',
      'GW2017 /spec/config/interval',
      'GW2017 /spec/config/consecutiveErrors',
      'GW2017 /spec/config/maxEjectionPercent',
    ]);
    // a negative duration, which Go reads and the rule of 1ms or more does not take
    expect(check('OutlierDetectionPolicy', { applyToDestinations: [{ kind: 'VIRTUAL_DESTINATION' }], config: { interval: '-10s' } })[0]).toContain('`config.interval: -10s` is negative, where its 2.14 CRD says "The value must be at least 1ms."');
    // required by the description alone: at depth, only where the mapping that holds it is written
    expect(codes(check('AdaptiveRequestConcurrencyPolicy', { config: { concurrencyUpdateIntervalMillis: 100, minRttCalcParams: {} } }))).toEqual(['GW2017 /spec/config/minRttCalcParams']);
    expect(check('AdaptiveRequestConcurrencyPolicy', { config: { minRttCalcParams: { intervalMillis: 1000 } } })[0]).toContain('`config.concurrencyUpdateIntervalMillis` is not set, where its 2.14 CRD says "This field is required."');
    expect(codes(check('ListenerConnectionPolicy', { config: { tcpKeepalive: { interval: '75s', time: '2h' } } }))).toEqual(['GW2017 /spec/config']);
    // a ConnectionPolicy's timeouts of 1ms or more; its keep-alive durations as Go reads them
    expect(codes(check('ConnectionPolicy', { config: { tcp: { connectTimeout: '0.5ms', maxConnectionDuration: '1h', tcpKeepalive: { time: '2 hours' } } } }))).toEqual([
      'GW2017 /spec/config/tcp/connectTimeout',
      'GW2017 /spec/config/tcp/tcpKeepalive/time',
    ]);
    // locality mappings and priority labels, not both (an empty list of mappings is none)
    const failover = { localityMappings: [{ from: { region: 'us-east-1' }, to: [{ region: 'us-west-2' }] }], priorityLabels: { labels: ['topology.kubernetes.io/region'] } };
    expect(codes(check('FailoverPolicy', { config: failover }))).toEqual(['GW2017 /spec/config']);
    expect(check('FailoverPolicy', { config: { ...failover, localityMappings: [] } })).toEqual([]);
  });

  it("the trafficcontrol kinds' described rules (GW2017): a LoadBalancerPolicy's durations, threshold and warm-up, a mirror's percentage, a proxy protocol's config", () => {
    const balance = (config: unknown) => codes(check('LoadBalancerPolicy', { config }));
    expect(balance({ simple: 'LEAST_REQUEST', healthyPanicThreshold: 0, updateMergeWindow: '0', warmupDurationSecs: '90s' })).toEqual([]);
    expect(balance({ consistentHash: { httpCookie: { name: 'session', ttl: '1500ns' } }, healthyPanicThreshold: 100 })).toEqual([]);
    expect(balance({ simple: 'ROUND_ROBIN', healthyPanicThreshold: 100.5 })).toEqual(['GW2017 /spec/config/healthyPanicThreshold']);
    expect(balance({ simple: 'ROUND_ROBIN', healthyPanicThreshold: -0.5 })).toEqual(['GW2017 /spec/config/healthyPanicThreshold']);
    expect(balance({ consistentHash: { httpCookie: { name: 'session', ttl: '1 hour' } }, healthyPanicThreshold: 150, updateMergeWindow: '1' })).toEqual([
      'GW2017 /spec/config/consistentHash/httpCookie/ttl',
      'GW2017 /spec/config/healthyPanicThreshold',
      'GW2017 /spec/config/updateMergeWindow',
    ]);
    // warm-up with an algorithm that does not take it
    expect(check('LoadBalancerPolicy', { config: { simple: 'RANDOM', warmupDurationSecs: '60s' } })).toEqual([
      'GW2017 /spec/config: LoadBalancerPolicy shop/p: `config` sets `warmupDurationSecs` beside `simple: RANDOM`, where its 2.14 CRD says "This setting is supported only when `config.simple` is set to ROUND_ROBIN (default) or LEAST_REQUEST." and enforces it nowhere, so the API server takes the policy',
    ]);
    expect(codes(check('MirrorPolicy', { config: { percentage: 100 } }))).toEqual([]);
    expect(codes(check('MirrorPolicy', { config: { percentage: 100.5 } }))).toEqual(['GW2017 /spec/config/percentage']);
    expect(codes(check('ProxyProtocolPolicy', { applyToListeners: [{ port: { number: 443 } }] }))).toEqual(['GW2017 /spec']);
  });

  it('a RateLimitPolicy with no limits or no rules, which the API server takes and which limits no request (GW4061)', () => {
    const server = { ratelimitServerConfig: { name: 'limits', namespace: 'gloo-mesh-addons' } };
    // the rules by reference or inline, and the limits: a policy that limits
    expect(check('RateLimitPolicy', { config: { ratelimitClientConfig: { name: 'per-client' }, ...server } })).toEqual([]);
    expect(check('RateLimitPolicy', { config: { raw: { rateLimits: [{ actions: [{ remoteAddress: {} }] }] }, ...server } })).toEqual([]);
    expect(check('RateLimitPolicy', { config: { ratelimitClientConfig: { name: 'per-client' } } })).toEqual([
      'GW4061 /spec/config: RateLimitPolicy shop/p has no `config.ratelimitServerConfig` ("If none is provided, no ratelimit will be enforced", its 2.14 CRD): the API server takes it, Gloo applies it to its routes, and no request is limited',
    ]);
    // a reference written null is none
    expect(codes(check('RateLimitPolicy', { config: { ratelimitClientConfig: null, ...server } }))).toEqual(['GW4061 /spec/config']);
    expect(check('RateLimitPolicy', { config: server })[0]).toContain('has no `config.ratelimitClientConfig` or `config.raw` ("If no RateLimitClientConfig is provided, no ratelimit rules will be enforced"');
    // no config, or no spec: both said, at the spec, or the document
    expect(codes(check('RateLimitPolicy', { applyToRoutes: [] }))).toEqual(['GW4061 /spec', 'GW4061 /spec']);
    expect(codes(check('RateLimitPolicy', undefined))).toEqual(['GW4061 ', 'GW4061 ']);
    // a spec that is no mapping is GW2004's alone; no other kind is asked
    expect(codes(check('RateLimitPolicy', 'limits'))).toEqual(['GW2004 /spec']);
    expect(check('RateLimitClientConfig', { raw: { rateLimits: [] } })).toEqual([]);
  });

  it('an unknown field of the spec or of a selector, with the field meant or the fields there are (GW2001)', () => {
    expect(check('WAFPolicy', { applyToRoute: [] })).toEqual(["GW2001 /spec/applyToRoute: unknown field `applyToRoute` in a WAFPolicy's `spec`; did you mean `applyToRoutes`?"]);
    // a field of another kind: a WAFPolicy selects routes only
    expect(check('WAFPolicy', { applyToDestinations: [] })).toEqual(["GW2001 /spec/applyToDestinations: unknown field `applyToDestinations` in a WAFPolicy's `spec`; allowed: applyToRoutes, config"]);
    // a RouteLabelSelector has no name; an AccessPolicy's workload selector neither
    expect(check('CORSPolicy', { applyToRoutes: [{ route: { name: 'cart' } }] })).toEqual(["GW2001 /spec/applyToRoutes/0/route/name: unknown field `name` in a CORSPolicy's `spec.applyToRoutes[].route`; allowed: labels, namespace, cluster, workspace"]);
    expect(codes(check('AccessPolicy', { applyToWorkloads: [{ selector: { name: 'reviews' } }] }))).toEqual(['GW2001 /spec/applyToWorkloads/0/selector/name']);
    expect(codes(check('HeaderManipulationPolicy', { applyToRouteDestinations: [{ onDestination: [] }] }))).toEqual(['GW2001 /spec/applyToRouteDestinations/0/onDestination']);
    expect(codes(check('ProxyProtocolPolicy', { applyToListeners: [{ virtualGateway: { name: 'gw' }, port: { number: 80, protocol: 'HTTP' } }], config: { enableProxyProtocol: true } }))).toEqual(['GW2001 /spec/applyToListeners/0/port/protocol']);
    // an empty message takes no field
    expect(check('ClientTLSPolicy', { istioMutual: { strict: true } })).toEqual(["GW2001 /spec/istioMutual/strict: unknown field `strict` in a ClientTLSPolicy's `spec.istioMutual`; it takes no field"]);
    expect(codes(check('ClientTLSPolicy', { disable: { tls: false } }))).toEqual(['GW2001 /spec/disable/tls']);
    expect(codes(check('ClientTLSPolicy', { simple: { config: { sni: 'a.example.com', caCertificates: 'x' } } }))).toEqual(['GW2001 /spec/simple/config/caCertificates']);
  });

  it('a value of the wrong type, at any depth (GW2004)', () => {
    expect(check('WAFPolicy', { applyToRoutes: { route: {} } })).toEqual(['GW2004 /spec/applyToRoutes: `spec.applyToRoutes` must be a list, not a mapping']);
    expect(codes(check('WAFPolicy', { applyToRoutes: ['route'] }))).toEqual(['GW2004 /spec/applyToRoutes/0']);
    expect(check('WAFPolicy', { applyToRoutes: [{ route: { labels: { tier: 1 } } }] })).toEqual(['GW2004 /spec/applyToRoutes/0/route/labels/tier: `spec.applyToRoutes[0].route.labels.tier` must be a string, not a number (1); write it in quotes so YAML keeps it a string']);
    expect(codes(check('WAFPolicy', { applyToRoutes: [{ route: { labels: ['tier'] } }] }))).toEqual(['GW2004 /spec/applyToRoutes/0/route/labels']);
    expect(codes(check('WAFPolicy', { applyToRoutes: [{ route: { namespace: 7 } }] }))).toEqual(['GW2004 /spec/applyToRoutes/0/route/namespace']);
    expect(codes(check('ConnectionPolicy', { applyToDestinations: [{ port: { number: '80' } }] }))).toEqual(['GW2004 /spec/applyToDestinations/0/port/number']);
    expect(codes(check('ConnectionPolicy', { applyToDestinations: [{ port: { number: 80.5 } }] }))).toEqual(['GW2004 /spec/applyToDestinations/0/port/number']);
    expect(codes(check('ConnectionPolicy', { applyToDestinations: [{ kind: 1 }] }))).toEqual(['GW2004 /spec/applyToDestinations/0/kind']);
    expect(codes(check('LoadBalancerPolicy', { config: 'simple' }))).toEqual(['GW2004 /spec/config']);
    // a LoadBalancerPolicy's config is required (the 2.14 CRD), and one written null is none: said
    // where the null is, as one not written is where it belongs
    expect(check('LoadBalancerPolicy', { config: null })).toEqual(["GW2003 /spec/config: A LoadBalancerPolicy's `spec` is missing the required field `config`"]);
    expect(codes(check('LoadBalancerPolicy', { applyToDestinations: [] }))).toEqual(['GW2003 /spec']);
    expect(codes(check('LoadBalancerPolicy', 'simple'))).toEqual(['GW2004 /spec']);
  });

  it('an enum value, a port number out of range, two fields of a oneof (GW2005, GW2007, GW2008)', () => {
    expect(check('WasmDeploymentPolicy', { applyToWorkloads: [{ kind: 'VMS' }] })).toEqual(['GW2005 /spec/applyToWorkloads/0/kind: `spec.applyToWorkloads[0].kind` must be one of KUBE, VM; got `VMS`; did you mean `VM`?']);
    const buffers = { config: { perConnectionBufferLimitBytes: 1024 } };
    expect(check('ListenerConnectionPolicy', { applyToListeners: [{ port: { number: 0 } }], ...buffers })).toEqual(['GW2007 /spec/applyToListeners/0/port/number: `spec.applyToListeners[0].port.number` must be at least 1; got 0']);
    expect(codes(check('ListenerConnectionPolicy', { applyToListeners: [{ port: { number: 65536 } }], ...buffers }))).toEqual(['GW2007 /spec/applyToListeners/0/port/number']);
    expect(check('JWTPolicy', { applyToRoutes: [{ route: {}, withDestinations: {} }] })).toEqual([
      "GW2008 /spec/applyToRoutes/0/withDestinations: A JWTPolicy's `spec.applyToRoutes[]` sets `route` and `withDestinations`, but only one of `route`, `withDestinations` may be set",
    ]);
    expect(codes(check('ClientTLSPolicy', { disable: {}, mutual: {} }))).toEqual(['GW2008 /spec/mutual']);
    // a config's oneof: a LoadBalancerPolicy's algorithm, an ExtAuthPolicy's auth, a RateLimitPolicy's rules
    expect(codes(check('LoadBalancerPolicy', { config: { simple: 'RANDOM', consistentHash: { useSourceIp: true } } }))).toEqual(['GW2008 /spec/config/consistentHash']);
    expect(codes(check('ExtAuthPolicy', { config: { glooAuth: { configs: [] }, customAuth: {}, server: { name: 'ext-auth' } } }))).toEqual(['GW2008 /spec/config/customAuth']);
    // the 2.14 CRD's: a glooAuth has its configs; `disable`, a field of the protos, is none of 2.14's
    expect(codes(check('ExtAuthPolicy', { config: { glooAuth: { booleanExpr: 'a || b' }, server: { name: 'ext-auth', namespace: 'gloo-mesh' } } }))).toEqual(['GW2003 /spec/config/glooAuth']);
    expect(check('ExtAuthPolicy', { config: { disable: {} } })).toEqual(["GW2001 /spec/config/disable: unknown field `disable` in an ExtAuthPolicy's `spec.config`; allowed: glooAuth, customAuth, server"]);
    expect(codes(check('ExtAuthPolicy', { config: { glooAuth: { configs: ['basicAuth'] }, customAuth: { contextExtensions: { tier: 1 } } } }))).toEqual([
      'GW2004 /spec/config/glooAuth/configs/0',
      'GW2004 /spec/config/customAuth/contextExtensions/tier',
      'GW2008 /spec/config/customAuth',
    ]);
    expect(codes(check('RateLimitPolicy', { config: { raw: {}, ratelimitClientConfig: { name: 'c' }, ratelimitServerConfig: { name: 's' } } }))).toEqual(['GW2008 /spec/config/ratelimitClientConfig']);
    // one of them, or none, is what the API takes
    expect(check('JWTPolicy', { applyToRoutes: [{}, { route: {} }, { withDestinations: {} }] })).toEqual([]);
    // a field written null is not set
    expect(check('JWTPolicy', { applyToRoutes: [{ route: {}, withDestinations: null }] })).toEqual([]);
  });

  it('metadata as the API server checks every object\'s: a name, a namespace, labels and annotations', () => {
    expect(check('WAFPolicy', {}, { namespace: 'shop' })).toEqual(["GW2003 /metadata: A WAFPolicy's `metadata` is missing the required field `name`"]);
    // a name written null is none: the API server prunes it
    expect(codes(check('WAFPolicy', {}, { name: null, namespace: 'shop' }))).toEqual(['GW2003 /metadata']);
    expect(codes(check('AccessPolicy', {}, NO_METADATA))).toEqual(['GW2003 ']);
    expect(check('AccessPolicy', {}, null)).toEqual(['GW2003 : The AccessPolicy is missing the required field `metadata`']);
    expect(codes(check('WAFPolicy', {}, 'waf'))).toEqual(['GW2004 /metadata']);
    expect(codes(check('WAFPolicy', {}, { name: 'Waf_1', namespace: 'Shop' }))).toEqual(['GW2006 /metadata/name', 'GW2006 /metadata/namespace']);
    expect(codes(check('WAFPolicy', {}, { name: 'waf', namespace: 'n'.repeat(64) }))).toEqual(['GW2007 /metadata/namespace']);
    expect(codes(check('WAFPolicy', {}, { name: 'w'.repeat(254), namespace: 'shop' }))).toEqual(['GW2007 /metadata/name']);
    // no namespace: where the policy is decides its workspace (GW1106, as of a resource)
    expect(check('WAFPolicy', {}, { name: 'waf' })).toEqual(['GW1106 /metadata: WAFPolicy waf has no metadata.namespace; gwctl assumes `default`, as `kubectl apply` without -n would']);
    // a field ObjectMeta does not have, and none of those `kubectl get -o yaml` writes
    expect(check('WAFPolicy', {}, { name: 'waf', namespce: 'shop', namespace: 'shop', uid: 'x', resourceVersion: '1', generation: 2 })).toEqual([
      "GW2001 /metadata/namespce: unknown field `namespce` in a WAFPolicy's `metadata`; did you mean `namespace`?",
    ]);
    expect(codes(check('WAFPolicy', {}, { name: 'waf', namespace: 'shop', labels: { 'bad key!': 'x', tier: 'not ok', n: 1 }, annotations: { note: true, 'ok.example.com/any': 'any text at all' } }))).toEqual([
      'GW2006 /metadata/labels/bad key!',
      'GW2006 /metadata/labels/tier',
      'GW2004 /metadata/labels/n',
      'GW2004 /metadata/annotations/note',
    ]);
  });

  it('a policy of a kind whose API reads no selector as nothing: said where the selector belongs (GW4058)', () => {
    expect(check('ActiveHealthCheckPolicy', { config: {} })).toEqual([
      'GW4058 /spec: ActiveHealthCheckPolicy shop/p has no `applyToDestinations` ("If empty, no healthchecks are performed": active_health_check_policy.proto): the policy applies to nothing',
    ]);
    // an empty list is none; one entry, even an empty one, is a selection
    expect(codes(check('ProxyProtocolPolicy', { applyToListeners: [], config: {} }))).toEqual(['GW4058 /spec']);
    expect(check('ProxyProtocolPolicy', { applyToListeners: [{}], config: {} })).toEqual([]);
    expect(check('GraphQLAllowedQueryPolicy', { applyToRoutes: [{ route: { labels: { graphql: 'yes' } } }] })).toEqual([]);
    // not said of a spec that is no mapping (GW2004 says that)
    expect(codes(check('ActiveHealthCheckPolicy', 'probe'))).toEqual(['GW2004 /spec']);
  });

  it("a kustomization's namespace is the policy's, whatever the file says: not checked, nor missing", () => {
    const text = (namespace: string) => JSON.stringify({ apiVersion: 'security.policy.gloo.solo.io/v2', kind: 'WAFPolicy', metadata: { name: 'waf', ...(namespace ? { namespace } : {}) }, spec: {} });
    for (const namespace of ['', 'Not_A_Namespace']) {
      const file = new SourceFile('overlay/waf.yaml', text(namespace));
      const out = classify(parseDocuments(file).documents, new Map([[file, { kustomization: 'overlay/kustomization.yaml', namespace: 'shop' }]]));
      expect(out.findings.map((f) => f.code), namespace).toEqual([]);
      expect(out.policies.map((p) => p.ref.namespace), namespace).toEqual(['shop']);
      // without the kustomization, each is said
      expect(check('WAFPolicy', {}, namespace ? { name: 'waf', namespace } : { name: 'waf' }).map((f) => f.slice(0, 6)), namespace).toEqual([namespace ? 'GW2006' : 'GW1106']);
    }
  });

  it('a destination selector of a kind the policy\'s kind does not apply to, the default SERVICE among them (GW4059)', () => {
    expect(check('OutlierDetectionPolicy', { applyToDestinations: [{ selector: { labels: { app: 'reviews' } } }, { kind: 'VIRTUAL_DESTINATION' }, { kind: 'EXTERNAL_SERVICE' }] })).toEqual([
      'GW4059 /spec/applyToDestinations/0: OutlierDetectionPolicy shop/p selects Kubernetes Services (the default kind) here, and its kind applies to VirtualDestinations and ExternalServices only ("Selecting Kubernetes services is not supported"): this selector selects nothing',
    ]);
    expect(codes(check('ExtAuthPolicy', { applyToDestinations: [{ kind: 'VIRTUAL_DESTINATION' }, { kind: 'EXTERNAL_SERVICE' }, {}] }))).toEqual(['GW4059 /spec/applyToDestinations/0/kind', 'GW4059 /spec/applyToDestinations/1/kind']);
    expect(codes(check('FailoverPolicy', { applyToDestinations: [{ kind: 'EXTERNAL_SERVICE' }, { kind: 'SERVICE' }, { kind: null }] }))).toEqual(['GW4059 /spec/applyToDestinations/0/kind']);
    expect(codes(check('AccessPolicy', { applyToDestinations: [{ kind: 'VIRTUAL_DESTINATION' }] }))).toEqual(['GW4059 /spec/applyToDestinations/0/kind']);
    // an AccessPolicy's destinations are ignored beside its workloads
    expect(check('AccessPolicy', { applyToDestinations: [{ kind: 'VIRTUAL_DESTINATION' }], applyToWorkloads: [{}] })).toEqual([]);
    // a kind of every destination kind; a kind of no such name (GW2005 alone)
    expect(check('LoadBalancerPolicy', { applyToDestinations: [{ kind: 'EXTERNAL_SERVICE' }], config: {} })).toEqual([]);
    expect(codes(check('JWTPolicy', { applyToDestinations: [{ kind: 'LAMBDA' }] }))).toEqual(['GW2005 /spec/applyToDestinations/0/kind']);
    // a kind written null is unset: the default, SERVICE
    expect(codes(check('OutlierDetectionPolicy', { applyToDestinations: [{ kind: null, selector: { name: 'reviews' } }] }))).toEqual(['GW4059 /spec/applyToDestinations/0']);
    // an entry that is no mapping is GW2004's alone
    expect(codes(check('OutlierDetectionPolicy', { applyToDestinations: [null, 'reviews'] }))).toEqual(['GW2004 /spec/applyToDestinations/0', 'GW2004 /spec/applyToDestinations/1']);
  });

  it('a RetryTimeoutPolicy: its selectors here, its `config` and a spec that is no mapping in its own words (GW2014), said once', () => {
    expect(codes(check('RetryTimeoutPolicy', { applyToRoutes: [{ route: { name: 'x' } }], timeout: '5s', config: { requestTimeout: '5s' } }))).toEqual(['GW2001 /spec/timeout', 'GW2001 /spec/applyToRoutes/0/route/name']);
    expect(codes(check('RetryTimeoutPolicy', 'slow'))).toEqual(['GW2014 /spec']);
    expect(codes(check('RetryTimeoutPolicy', { config: 'slow' }))).toEqual(['GW2014 /spec/config']);
  });

  it('a policy read as written all the same: what it selects is read whatever is said of it', () => {
    const text = JSON.stringify({ apiVersion: 'security.policy.gloo.solo.io/v2', kind: 'WAFPolicy', metadata: { name: 'waf', namespace: 'shop', labels: { n: 1 } }, spec: { applyToRoutes: [{ route: { labels: { waf: 'on' } } }] } });
    const out = classify(parseDocuments(new SourceFile('t.yaml', text)).documents);
    expect(out.policies.map((p) => p.appliesTo)).toEqual(['routes labelled waf=on']);
  });
});
