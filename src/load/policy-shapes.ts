/**
 * The shape of each policy kind's `spec` as its CRD defines it, down to the selectors: the fields the API
 * server admits, and the type, enum and range of each selector field. From solo-io/solo-apis
 * `api/gloo.solo.io/common/v2/selectors.proto` (ObjectSelector, DestinationSelector, RouteSelector,
 * RouteLabelSelector, RouteDestinationSelector, ListenerSelector, WorkloadSelector) and each kind's
 * `api/gloo.solo.io/policy/v2/<group>/<kind>.proto` (its `...Spec` message), as the gloo-platform-crds
 * 2.14.0 chart's CRDs render them: camelCase names, enums as their names, a PortSelector's `number` from 1
 * to 65535 and `number` or `name`, a oneof as "one of them" (the CRD's `oneOf`). The protos are read at
 * their latest stored versions (which the 2.14 CRDs match where compared: an AccessPolicy's `authzList`, a
 * ConnectionPolicy's `http`, an OutlierDetectionPolicy's `consecutiveGatewayErrors`); a field an earlier
 * version had is kept.
 *
 * What a policy configures is checked whole where its group's 2.14 CRD was read for it (the
 * gloo-platform-crds 2.14.0 chart's CRDs, as published at api-evangelist/gloo-mesh
 * `crd/gloo-mesh-<group>-policy-gloo-solo-io-crds.yaml`): every kind of the resilience, observability,
 * extensions, trafficcontrol and security groups (an ExtAuthPolicy's to its auth configs, each Gloo's to
 * read; a RateLimitPolicy's and a RateLimitClientConfig's rate limits to Envoy's actions; a
 * TransformationPolicy's Inja templates to their extractors). As the CRDs type them: an unsigned 32-bit
 * integer from 0 to 4294967295, a `format: int32` one within an Int32, a percentage a number, a duration
 * text (the CRD types it so and no more: its syntax is Gloo's translation's to read), enums, one of each
 * oneof, what the CRD requires (a FaultInjectionPolicy's `abort.httpStatus`). A JWTPolicy's
 * `validationPolicy` is a 2.14 field the protos read before lack; an ExtAuthPolicy's `disable`, which they
 * have, is no field of 2.14. A LuaPolicy, which 2.14 does not define, is checked for the fields of its
 * latest proto's `Config` alone, what each holds Gloo's to read.
 */
export type Shape =
  /** text; labels: a mapping of text to text; a mapping not looked into; anything (read elsewhere) */
  | { readonly type: 'string' | 'labels' | 'mapping' | 'any' }
  /** a whole number from `min` to `max` (a port from 1 to 65535, a uint32, an int32) */
  | { readonly type: 'integer'; readonly min: number; readonly max: number }
  /** text Go's ParseDuration reads (a RetryTimeoutPolicy's timeouts, as its reader takes them) */
  | { readonly type: 'duration' }
  /** any number (a percentage: the CRD's `type: number`) */
  | { readonly type: 'number' }
  | { readonly type: 'boolean' }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  | { readonly type: 'list'; readonly of: Shape }
  /** a mapping of any keys to values of a shape (the CRD's `additionalProperties`: a JWTPolicy's providers) */
  | { readonly type: 'map'; readonly of: Shape }
  /** a mapping of these fields and no other, at most one of each group of `oneOf` set, each of `required` set */
  | { readonly type: 'object'; readonly fields: Readonly<Record<string, Shape>>; readonly oneOf?: ReadonlyArray<readonly string[]>; readonly required?: readonly string[] };

const STRING: Shape = { type: 'string' };
const LABELS: Shape = { type: 'labels' };
const MAPPING: Shape = { type: 'mapping' };
const ANY: Shape = { type: 'any' };
type ObjectShape = Shape & { readonly type: 'object' };
const object = (fields: Record<string, Shape>, ...oneOf: Array<readonly string[]>): ObjectShape => ({ type: 'object', fields, ...(oneOf.length ? { oneOf } : {}) });
const list = (of: Shape): Shape => ({ type: 'list', of });
const required = (shape: ObjectShape, fields: readonly string[]): ObjectShape => ({ ...shape, required: fields });
const integer = (min: number, max: number): Shape => ({ type: 'integer', min, max });
const PORT = integer(1, 65535);
/** protobuf's uint32 and UInt32Value, as the CRD bounds them */
const UINT32 = integer(0, 4_294_967_295);
/** a field of `format: int32` (protobuf's int32): the API server holds it to an Int32 */
const INT32 = integer(-2_147_483_648, 2_147_483_647);
const NUMBER: Shape = { type: 'number' };
const BOOLEAN: Shape = { type: 'boolean' };

const OBJECT_SELECTOR = object({ labels: LABELS, name: STRING, namespace: STRING, cluster: STRING, workspace: STRING });
const PORT_SELECTOR = object({ number: PORT, name: STRING }, ['number', 'name']);
const DESTINATION_SELECTOR = object({ selector: OBJECT_SELECTOR, kind: { type: 'enum', values: ['SERVICE', 'VIRTUAL_DESTINATION', 'EXTERNAL_SERVICE'] }, port: PORT_SELECTOR });
// a RouteLabelSelector has no `name`: routes are selected by label, namespace, cluster and workspace
const ROUTE_LABEL_SELECTOR = object({ labels: LABELS, namespace: STRING, cluster: STRING, workspace: STRING });
const ROUTES = list(object({ route: ROUTE_LABEL_SELECTOR, withDestinations: DESTINATION_SELECTOR }, ['route', 'withDestinations']));
const DESTINATIONS = list(DESTINATION_SELECTOR);
const WORKLOADS = list(object({ selector: OBJECT_SELECTOR, kind: { type: 'enum', values: ['KUBE', 'VM'] }, port: PORT_SELECTOR }));
const LISTENERS = list(object({ virtualGateway: OBJECT_SELECTOR, port: PORT_SELECTOR }));
// an AccessPolicy's NamespaceWorkloadSelector: its ObjectSelector has no `name` (security/access_policy.proto)
const NAMESPACE_WORKLOADS = list(object({ selector: object({ labels: LABELS, namespace: STRING, cluster: STRING, workspace: STRING }) }));
const ROUTE_DESTINATIONS = list(object({ route: ROUTE_LABEL_SELECTOR, onDestinations: DESTINATIONS }));
// the resilience group's (its 2.14 CRD): a reference to an object, a locality, TCP keep-alive settings
const OBJECT_REFERENCE = object({ name: STRING, namespace: STRING, cluster: STRING });
const LOCALITY = object({ region: STRING, zone: STRING, subZone: STRING });
const TCP_KEEPALIVE = object({ probes: UINT32, time: STRING, interval: STRING });
// a MirrorPolicy's destination, a JWT provider's JWKS server (the 2.14 CRDs): a RouteTable's destination
// of `ref` or `awsLambda`, its Lambda options three enums
const DESTINATION_REFERENCE = object(
  {
    ref: OBJECT_REFERENCE,
    awsLambda: object({
      cloudProvider: OBJECT_REFERENCE,
      function: STRING,
      qualifier: STRING,
      options: object({
        invocationStyle: { type: 'enum', values: ['SYNC', 'ASYNC'] },
        requestTransformation: { type: 'enum', values: ['REQUEST_DEFAULT', 'REQUEST_DISABLE'] },
        responseTransformation: { type: 'enum', values: ['RESPONSE_DEFAULT', 'RESPONSE_DISABLE'] },
      }),
    }),
    kind: { type: 'enum', values: ['SERVICE', 'VIRTUAL_DESTINATION', 'EXTERNAL_SERVICE'] },
    port: PORT_SELECTOR,
    subset: LABELS,
    weight: UINT32,
  },
  ['ref', 'awsLambda'],
);
// an AccessPolicy's authorization: who, from where, what (security's 2.14 CRD); `authz` and each of
// `authzList` alike
const AUTHZ = object({
  allowedClients: list(
    object({
      serviceAccountSelector: OBJECT_SELECTOR,
      externalWorkloadSelector: OBJECT_SELECTOR,
      requestIdentityMatcher: object({ requestPrincipals: list(STRING), notRequestPrincipals: list(STRING) }),
    }),
  ),
  allowedPaths: list(STRING),
  allowedMethods: list(STRING),
  allowedIpBlocks: list(STRING),
  allowedRemoteIpBlocks: list(STRING),
  dryRun: BOOLEAN,
  match: object({ request: object({ headers: { type: 'map', of: object({ values: list(STRING), notValues: list(STRING) }) } }) }),
});
// a DLPPolicy's action: predefined, custom or key-value
const DLP_ACTION = object(
  {
    predefinedAction: { type: 'enum', values: ['ALL_CREDIT_CARDS', 'SSN', 'MASTERCARD', 'VISA', 'AMEX', 'DISCOVER', 'JCB', 'DINERS_CLUB', 'CREDIT_CARD_TRACKERS'] },
    customAction: object({ name: STRING, regexActions: list(object({ regex: STRING, subgroup: UINT32 })), maskChar: STRING, percent: NUMBER }),
    keyValueAction: object({ name: STRING, keysToMask: list(STRING), maskChar: STRING, percent: NUMBER }),
    shadow: BOOLEAN,
  },
  ['predefinedAction', 'customAction', 'keyValueAction'],
);
// the security group's (its 2.14 CRD): a StringMatch of one way to match, and a JWT provider
const STRING_MATCH = object({ exact: STRING, prefix: STRING, regex: STRING, suffix: STRING, ignoreCase: BOOLEAN }, ['exact', 'prefix', 'regex', 'suffix']);
const JWT_PROVIDER = object(
  {
    issuer: STRING,
    audiences: list(STRING),
    local: object({ inline: STRING, secretRef: object({ key: STRING, objectRef: OBJECT_REFERENCE }) }, ['secretRef', 'inline']),
    remote: object({
      url: STRING,
      destinationRef: DESTINATION_REFERENCE,
      cacheDuration: STRING,
      timeout: STRING,
      enableAsyncFetch: BOOLEAN,
      failedRefetchDuration: STRING,
      retryPolicy: object({ numRetries: UINT32, backoff: object({ baseInterval: STRING, maxInterval: STRING }) }),
    }),
    keepToken: BOOLEAN,
    tokenSource: object({ headers: list(object({ name: STRING, prefix: STRING })), queryParams: list(STRING) }),
    claimsToHeaders: list(object({ claim: STRING, header: STRING, append: BOOLEAN })),
    clockSkewSeconds: UINT32,
    outputPayloadToHeader: STRING,
    customDelimiter: STRING,
  },
  ['local', 'remote'],
);
const TLS = object({ config: object({ sni: STRING, credentialName: STRING }) });
// where a policy's filter runs among the others: before or after authorization, at a priority (a JWTPolicy's,
// a RateLimitPolicy's, a TransformationPolicy's)
const PHASE = object({ preAuthz: object({ priority: INT32 }), postAuthz: object({ priority: INT32 }) }, ['preAuthz', 'postAuthz']);
// the trafficcontrol group's rate limits (its 2.14 CRD: a RateLimitPolicy's and a RateLimitClientConfig's
// `raw`): Envoy's RateLimit actions, each of one source; an int64 as far as a double holds it
const INT64 = integer(-(2 ** 63), 2 ** 63 - 1);
const METADATA_KEY = object({ key: STRING, path: list(object({ key: STRING })) });
const RATE_LIMIT_HEADER = object(
  {
    name: STRING,
    exactMatch: STRING,
    regexMatch: STRING,
    rangeMatch: object({ start: INT64, end: INT64 }),
    presentMatch: BOOLEAN,
    prefixMatch: STRING,
    suffixMatch: STRING,
    invertMatch: BOOLEAN,
  },
  ['exactMatch', 'regexMatch', 'rangeMatch', 'presentMatch', 'prefixMatch', 'suffixMatch'],
);
const RATE_LIMIT_ACTION = object(
  {
    sourceCluster: object({}),
    destinationCluster: object({}),
    requestHeaders: object({ headerName: STRING, descriptorKey: STRING }),
    remoteAddress: object({}),
    genericKey: object({ descriptorValue: STRING }),
    headerValueMatch: object({ descriptorValue: STRING, expectMatch: BOOLEAN, headers: list(RATE_LIMIT_HEADER) }),
    metadata: object({ descriptorKey: STRING, metadataKey: METADATA_KEY, defaultValue: STRING, source: { type: 'enum', values: ['DYNAMIC', 'ROUTE_ENTRY'] } }),
    cel: object({ expression: STRING, key: STRING }),
  },
  ['sourceCluster', 'destinationCluster', 'requestHeaders', 'remoteAddress', 'genericKey', 'headerValueMatch', 'metadata', 'cel'],
);
const RATE_LIMITS = object({
  rateLimits: list(
    object({
      actions: list(RATE_LIMIT_ACTION),
      setActions: list(RATE_LIMIT_ACTION),
      limit: object({ dynamicMetadata: object({ metadataKey: METADATA_KEY }) }),
      type: { type: 'enum', values: ['REQUEST', 'TOKEN'] },
    }),
  ),
});
// a TransformationPolicy's Inja template (its 2.14 CRD): the body one of a template, passthrough or the
// extractors merged; an extractor of a header or the body (an empty mapping: the CRD's `maxProperties: 0`)
const TEMPLATE = object({ text: STRING });
const INJA_TEMPLATE = object(
  {
    advancedTemplates: BOOLEAN,
    body: TEMPLATE,
    passthrough: object({}),
    mergeExtractorsToBody: object({}),
    dynamicMetadataValues: list(object({ key: STRING, metadataNamespace: STRING, value: TEMPLATE, jsonToProto: BOOLEAN })),
    escapeCharacters: BOOLEAN,
    extractors: {
      type: 'map',
      of: object(
        { header: STRING, body: object({}), regex: STRING, subgroup: UINT32, mode: { type: 'enum', values: ['EXTRACT', 'SINGLE_REPLACE', 'REPLACE_ALL'] }, replacementText: STRING },
        ['header', 'body'],
      ),
    },
    headers: { type: 'map', of: TEMPLATE },
    headersToAppend: list(object({ key: STRING, value: TEMPLATE })),
    headersToRemove: list(STRING),
    ignoreErrorOnParse: BOOLEAN,
    parseBodyBehavior: { type: 'enum', values: ['ParseAsJson', 'DontParse'] },
  },
  ['body', 'passthrough', 'mergeExtractorsToBody'],
);
/** A `config` of these fields (each Gloo's to read), at most one of `oneOf`: its `Config` message's. */
const config = (fields: readonly string[], ...oneOf: Array<readonly string[]>): Shape => object(Object.fromEntries(fields.map((f) => [f, ANY])), ...oneOf);

/**
 * Each kind's `spec`. A RetryTimeoutPolicy's `config`, and a `spec` of it that is no mapping, are read and
 * said by retry-timeout-config.ts, which renders what they set.
 */
export const POLICY_SPECS: Readonly<Record<string, ObjectShape>> = {
  // security/
  AccessPolicy: object({
    applyToDestinations: DESTINATIONS,
    applyToWorkloads: NAMESPACE_WORKLOADS,
    config: object({
      authn: object({ tlsMode: { type: 'enum', values: ['DISABLE', 'PERMISSIVE', 'STRICT'] } }),
      authz: AUTHZ,
      authzList: list(AUTHZ),
      enforcementLayers: object({ mesh: BOOLEAN, cni: BOOLEAN }),
    }),
  }),
  CORSPolicy: object({
    applyToRoutes: ROUTES,
    config: object({ allowOrigins: list(STRING_MATCH), allowMethods: list(STRING), allowHeaders: list(STRING), exposeHeaders: list(STRING), maxAge: STRING, allowCredentials: BOOLEAN }),
  }),
  CSRFPolicy: object({ applyToRoutes: ROUTES, config: object({ filterEnabled: BOOLEAN, shadowEnabled: BOOLEAN, percentage: NUMBER, additionalOrigins: list(STRING_MATCH) }) }),
  // no `config`: the TLS mode is one of four fields of the spec itself (client_tls_policy.proto)
  ClientTLSPolicy: object({ applyToDestinations: DESTINATIONS, disable: object({}), simple: TLS, mutual: TLS, istioMutual: object({}) }, ['disable', 'simple', 'mutual', 'istioMutual']),
  DLPPolicy: object({ applyToRoutes: ROUTES, config: object({ actions: list(DLP_ACTION), sanitize: { type: 'enum', values: ['ALL', 'ACCESS_LOGS', 'RESPONSE_BODY'] } }) }),
  // its config to the auth configs: each of `glooAuth.configs` (twelve kinds of auth, most of the CRD's
  // 360,000 characters) is Gloo's to read. The protos' deprecated `disable` ("currently unsupported") is
  // no field of 2.14
  ExtAuthPolicy: object({
    applyToRoutes: ROUTES,
    applyToDestinations: DESTINATIONS,
    config: object(
      {
        glooAuth: required(object({ configs: list(MAPPING), booleanExpr: STRING, failOnRedirect: BOOLEAN }), ['configs']),
        customAuth: object({ contextExtensions: LABELS }),
        server: OBJECT_REFERENCE,
      },
      ['glooAuth', 'customAuth'],
    ),
  }),
  GraphQLAllowedQueryPolicy: object({ applyToRoutes: ROUTES, config: object({ allowedQueryHashes: list(STRING) }) }),
  JWTPolicy: object({
    applyToRoutes: ROUTES,
    applyToDestinations: DESTINATIONS,
    config: object({
      providers: { type: 'map', of: JWT_PROVIDER },
      phase: PHASE,
      allowMissingOrFailed: BOOLEAN,
      // 2.14 has it, the protos gwctl read before did not: a false GW2001 until the CRD was read
      validationPolicy: { type: 'enum', values: ['REQUIRE_VALID', 'ALLOW_MISSING', 'ALLOW_MISSING_OR_FAILED'] },
      clearRouteCache: { type: 'enum', values: ['AUTO', 'FALSE', 'TRUE'] },
      claims: list(object({ key: STRING, values: list(STRING), notValues: list(STRING), nestedClaimDelimiter: STRING })),
      requiredScopes: list(STRING),
    }),
  }),
  WAFPolicy: object({
    applyToRoutes: ROUTES,
    config: object(
      {
        disableCoreRuleSet: BOOLEAN,
        coreRuleSetSettingsString: STRING,
        coreRuleSetSettingsPath: STRING,
        customRuleSets: list(object({ ruleStr: STRING, files: list(STRING), directory: STRING })),
        customInterventionMessage: STRING,
        auditLogging: object({ action: { type: 'enum', values: ['NEVER', 'RELEVANT_ONLY', 'ALWAYS'] }, location: { type: 'enum', values: ['FILTER_STATE', 'DYNAMIC_METADATA'] } }),
        requestHeadersOnly: BOOLEAN,
        responseHeadersOnly: BOOLEAN,
        priority: UINT32,
      },
      ['coreRuleSetSettingsString', 'coreRuleSetSettingsPath'],
    ),
  }),
  // trafficcontrol/: whole, as the group's 2.14 CRD types them
  HTTPBufferPolicy: object({ applyToRoutes: ROUTES, config: object({ maxRequestBytes: UINT32 }) }),
  HeaderManipulationPolicy: object({
    applyToRoutes: ROUTES,
    applyToRouteDestinations: ROUTE_DESTINATIONS,
    // header names and values as text: the CRD's `additionalProperties: {type: string}`
    config: object({ removeResponseHeaders: list(STRING), appendResponseHeaders: LABELS, removeRequestHeaders: list(STRING), appendRequestHeaders: LABELS }),
  }),
  LoadBalancerPolicy: required(
    object({
      applyToDestinations: DESTINATIONS,
      config: object(
        {
          simple: { type: 'enum', values: ['UNSPECIFIED', 'RANDOM', 'PASSTHROUGH', 'ROUND_ROBIN', 'LEAST_REQUEST'] },
          consistentHash: object(
            { httpHeaderName: STRING, httpCookie: required(object({ name: STRING, path: STRING, ttl: STRING }), ['name']), useSourceIp: BOOLEAN, httpQueryParameterName: STRING },
            ['httpHeaderName', 'httpCookie', 'useSourceIp', 'httpQueryParameterName'],
          ),
          warmupDurationSecs: STRING,
          healthyPanicThreshold: NUMBER,
          updateMergeWindow: STRING,
        },
        ['simple', 'consistentHash'],
      ),
    }),
    ['config'],
  ),
  MirrorPolicy: object({ applyToRoutes: ROUTES, config: object({ destination: DESTINATION_REFERENCE, percentage: NUMBER }) }),
  ProxyProtocolPolicy: object({ applyToListeners: LISTENERS, config: object({ enableProxyProtocol: BOOLEAN }) }),
  RateLimitClientConfig: object({ raw: RATE_LIMITS }),
  RateLimitPolicy: object({
    applyToRoutes: ROUTES,
    applyToDestinations: DESTINATIONS,
    config: object(
      { phase: PHASE, ratelimitServerConfig: OBJECT_REFERENCE, serverSettings: OBJECT_REFERENCE, raw: RATE_LIMITS, ratelimitClientConfig: OBJECT_REFERENCE },
      ['raw', 'ratelimitClientConfig'],
    ),
  }),
  // the response has no `recalculateRoutingDestination`: a route is chosen before the response
  TransformationPolicy: object({ applyToRoutes: ROUTES, config: object({ phase: PHASE, request: object({ injaTemplate: INJA_TEMPLATE, recalculateRoutingDestination: BOOLEAN }), response: object({ injaTemplate: INJA_TEMPLATE }) }) }),
  // resilience/
  ActiveHealthCheckPolicy: object({ applyToDestinations: DESTINATIONS, config: object({ healthCheck: MAPPING, virtualGateways: list(OBJECT_REFERENCE) }) }),
  AdaptiveRequestConcurrencyPolicy: object({
    applyToDestinations: DESTINATIONS,
    config: object({
      sampleAggregatePercentile: NUMBER,
      maxConcurrencyLimit: UINT32,
      concurrencyUpdateIntervalMillis: UINT32,
      minRttCalcParams: object({ intervalMillis: UINT32, requestCount: UINT32, jitterPercentile: NUMBER, minConcurrency: UINT32, bufferPercentile: NUMBER }),
      concurrencyLimitExceededStatus: UINT32,
    }),
  }),
  ConnectionPolicy: object({
    applyToDestinations: DESTINATIONS,
    config: object({
      tcp: object({ connectTimeout: STRING, maxConnectionDuration: STRING, maxConnections: INT32, tcpKeepalive: TCP_KEEPALIVE }),
      http: object({ idleTimeout: STRING, maxPendingRequests: INT32, maxRequests: INT32, maxRequestsPerConnection: INT32, maxRetries: INT32 }),
    }),
  }),
  // "Only priority labels or locality mappings can be specified, not both": the CRD's `oneOf` of
  // `priorityLabels` set or not takes both, and Gloo "will give precedence to the locality mappings"
  FailoverPolicy: object({
    applyToDestinations: DESTINATIONS,
    config: object({
      localityMappings: list(object({ from: LOCALITY, to: list(object({ region: STRING, zone: STRING, subZone: STRING, weight: UINT32 })) })),
      priorityLabels: object({ labels: list(STRING) }),
    }),
  }),
  FaultInjectionPolicy: object({
    applyToRoutes: ROUTES,
    config: object({ abort: required(object({ httpStatus: INT32, percentage: NUMBER }), ['httpStatus']), delay: required(object({ fixedDelay: STRING, percentage: NUMBER }), ['fixedDelay']) }),
  }),
  GraphQLPersistedQueryCachePolicy: object({ applyToRoutes: ROUTES, config: object({ cacheSize: UINT32 }) }),
  ListenerConnectionPolicy: object({ applyToListeners: LISTENERS, config: object({ perConnectionBufferLimitBytes: UINT32, tcpKeepalive: TCP_KEEPALIVE }) }),
  OutlierDetectionPolicy: object({
    applyToDestinations: DESTINATIONS,
    config: object({ consecutiveErrors: UINT32, consecutiveGatewayErrors: UINT32, interval: STRING, baseEjectionTime: STRING, maxEjectionPercent: UINT32 }),
  }),
  // the 2.14 CRD requires its `config` (`required: [config]`); what `config` holds is read by
  // retry-timeout-config.ts, in its own words (RETRY_TIMEOUT_CONFIG)
  RetryTimeoutPolicy: required(object({ applyToRoutes: ROUTES, config: ANY }), ['config']),
  TrimProxyConfigPolicy: object({ applyToWorkloads: WORKLOADS, config: object({ includedDestinations: DESTINATIONS }) }),
  // observability/, extensions/: whole, as their 2.14 CRDs type them
  AccessLogPolicy: object({
    applyToWorkloads: WORKLOADS,
    config: object({
      filters: list(
        object(
          {
            statusCodeMatcher: object({ value: UINT32, comparator: { type: 'enum', values: ['EQ', 'GE', 'LE'] } }),
            headerMatcher: object({ name: STRING, value: STRING, regex: BOOLEAN, invertMatch: BOOLEAN }),
          },
          ['statusCodeMatcher', 'headerMatcher'],
        ),
      ),
      includedRequestHeaders: list(STRING),
      includedResponseHeaders: list(STRING),
      includedResponseTrailers: list(STRING),
      includedFilterStateObjects: list(STRING),
    }),
  }),
  WasmDeploymentPolicy: object({
    applyToWorkloads: WORKLOADS,
    config: object({
      filters: list(
        object(
          {
            localPathSource: STRING,
            httpUriSource: object({ uri: STRING, sha: STRING }),
            wasmImageSource: object({ wasmImageTag: STRING }),
            staticFilterConfig: MAPPING,
            dynamicFilterConfig: STRING,
            rootId: STRING,
            vmId: STRING,
            filterContext: { type: 'enum', values: ['ANY', 'SIDECAR_INBOUND', 'SIDECAR_OUTBOUND', 'GATEWAY', 'WAYPOINT'] },
            insertBeforeFilter: STRING,
          },
          // the filter's source, and its configuration: one of each (the CRD's `allOf` of two `oneOf`s)
          ['localPathSource', 'httpUriSource', 'wasmImageSource'],
          ['staticFilterConfig', 'dynamicFilterConfig'],
        ),
      ),
      weight: UINT32,
    }),
  }),
  // not in the 2.14 chart (its extensions CRD defines the WasmDeploymentPolicy alone): the fields of the
  // latest proto's Config
  LuaPolicy: object({ applyToRoutes: ROUTES, applyToDestinations: DESTINATIONS, config: config(['sourceCode', 'phase']) }),
};

const DURATION: Shape = { type: 'duration' };
/** `config.retries` of a RetryTimeoutPolicy: `attempts` "greater than or equal to `0`", an Int32 */
export const RETRY_TIMEOUT_RETRIES = object({ attempts: integer(0, 2_147_483_647), perTryTimeout: DURATION, retryOn: STRING, retryRemoteLocalities: BOOLEAN });

/**
 * A RetryTimeoutPolicy's `config`, as retry-timeout-config.ts reads it (its fields are the ones it knows)
 * and as its editor schema writes it (schema/policy-json-schema.ts): the one definition of both.
 */
export const RETRY_TIMEOUT_CONFIG = object({ requestTimeout: DURATION, retries: RETRY_TIMEOUT_RETRIES });
