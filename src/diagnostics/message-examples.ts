import { CATALOGUE, type Code } from './catalogue';
import { formatMessage } from './finding';
import OBSERVED from './observed-messages.json';

/**
 * Plausible values for the placeholders of the message templates, so that every code's documentation
 * (docs/diagnostics.md, SARIF rule help) shows a message as a user would meet it rather than a template.
 * Optional clauses (`{suggestion}`, `{detail}` and the like) are left out.
 */
const SAMPLES: Readonly<Record<string, string | number>> = {
  detail: '', suggestion: '', note: '', variable: '$CLUSTER_NAME', where: '', describe: '', more: '', spelled: '', position: 1, weight: 50, wanted: 2, groups: 'one group', to: 'v2', receives: 'v2/orders/7', substitution: '/orders/\\2',
  name: 'orders-api', field: 'spec.aws.region', provider: 'team-a/aws-team-a', kind: 'RouteTable', table: 'RouteTable team-a/orders',
  value: 'orders', target: 'CloudProvider team-a/aws-team-a', role: 'team-a-invoker', qualifier: '2', parent: 'RouteTable istio-gateways/api',
  arn: 'arn:aws:lambda:us-west-1:111111111111:function:orders-api:2', account: '111111111111', what: 'logicalName `orders`',
  route: 'team-a/orders', owner: 'team-a', expected: '`networking.gloo.solo.io/v2`', actual: 'a number (42)', sum: 100,
  resource: 'RouteTable team-a/orders', regex: '/orders/[0-9]+', ref: 'team-a/aws-team-a', pattern: '.*', namespace: 'team-a',
  listener: 'istio-gateways/north-south-gw:443', key: 'hosts', host: 'api.example.com', destination: 'function orders-api:2 (team-a/aws-team-a)',
  count: 2, places: 'account 210987654321 in us-west-1, account 345678901234 in us-west-1', consumer: 'gateways', apiVersion: 'networking.gloo.solo.io/v3', allowed: 'accountId, lambda, region, stsEndpoint',
  workspace: 'team-a', winner: 'the entry in CloudResources team-a/functions', upper: 'POST', subject: 'role name',
  service: 'team-a/catalogue', secret: 'api-tls', second: '`team-b`', first: '`team-a`', response: 'RESPONSE_DISABLE', request: 'REQUEST_DEFAULT',
  rendered: 'the default transformation', renamed: 'duplicate-orders-1', remainder: 0, region: 'us-west-1',
  providers: 'team-a/aws-team-a', product: 'Gloo Edge', present: 'apiVersion networking.gloo.solo.io/v2', port: 'http', policy: 'team-a-invoke',
  place: 'spec', placeholder: '{{ .Values.host }}', permission: 'lambda:GetFunctionConfiguration', missing: 'kind', method: 'post',
  loser: 'the one in CloudResources team-a/more-functions', limit: '64 MiB', flag: '--max-file-size', keys: 'lambda', hosts: 'api.example.com', group: 'networking.gloo.solo.io',
  function: 'pay', found: 'string', fields: 'hosts', derived: 'pay:3', cycle: 'RouteTable a/a -> RouteTable a/b -> RouteTable a/a',
  shown: 100, why: 'a longer prefix ranks first', sample: 'GET /team-a/orders/v2', later: 'team-a/orders-v2', earlier: 'team-a/orders', prefixes: 'its prefix `/team-a/orders` is', effect: '`/team-a/orders` no longer matches `/team-a/ordersx`, which Gloo sent here', files: '/etc/tls/tls.crt and /etc/tls/tls.key', instead: 'the rule matches without it', roles: 'team-a-invoker, team-b-invoker', size: 12480, maximum: 10240, caller: 'arn:aws:sts::123456789012:assumed-role/ci/build-42', code: 'GW4101', certificate: '/etc/envoy/tls/api-tls/tls.crt', by: 'team-a/catch-all', bound: '60 s', action: 'graphql', matched: 'header', problem: 'has no name', status: 150,
  higher: 'the exact path `/logout`', lower: 'the prefix `/`', matcherPort: 8443, listenerPorts: '80, 443', outcome: 'no request matches it',
  maxRoutes: '500,000', rewrite: '/', prefix: '/httpbin', example: '/httpbin/get', sent: '//get', gatewaySent: '/get',
  documents: 'the 3 files read', kinds: ' (4 ConfigMap, 2 Deployment)', but: '', checked: 'nothing was checked',
  redirecting: 'istio-gateways/north-south-gw:8080', from: 'http://api.example.com:8080/', gatewayTo: 'https://api.example.com/', glooTo: 'https://api.example.com:8080/',
};

/**
 * Values of one code's placeholders, where the shared samples would not read as its message: `{limit}`
 * is a size for GW1013 (the shared sample), a depth for GW4022, a count for GW4023 (each the default
 * gwctl applies: test/unit/message-examples.test.ts holds them to the constants); `{detail}`, `{reason}` and
 * the like as the code's producer writes them. Only for codes no golden transcript holds.
 */
export const CODE_SAMPLES: Partial<Record<Code, Readonly<Record<string, string | number>>>> = {
  GW2011: { remaining: '2 more schema problems', shown: 100 },
  GW3013: { user: 'the route', replaced: ': gwctl replaces the route with a 500' },
  GW2014: { name: 'shop/long-running', what: '`config.requestTimeout: 30sec`', why: 'is no duration: the API reads a number and a unit, one after another (`30s`, `1m30s`, `1.5h`, `1s500ms`)' },
  GW2015: { name: 'shop/unbounded', what: '`config.requestTimeout: 0s`', why: 'is below 1ms, the least the API takes' },
  GW2016: { name: 'shop/on-errors', condition: '5xxx', what: "neither a condition of Envoy's nor an HTTP status", suggestion: '; did you mean `5xx`?' },
  GW4055: { kind: 'RetryTimeoutPolicy', name: 'shop/on-errors', route: 'checkout', more: ' and 1 more route to Lambda', conditions: '`5xx`, `429`', attempts: 3 },
  GW4061: { kind: 'RateLimitPolicy', name: 'orders/per-client', field: 'config.ratelimitServerConfig', words: 'If none is provided, no ratelimit will be enforced' },
  GW2017: { kind: 'FaultInjectionPolicy', name: 'orders/chaos', what: '`config.abort.httpStatus: 700`', why: 'is no status from 200 to 599', words: 'The status code must be in the range 200 - 599, inclusive.', then: '' },
  GW4058: { kind: 'ActiveHealthCheckPolicy', name: 'orders/probe', field: 'applyToDestinations', words: '"If empty, no healthchecks are performed"', proto: 'active_health_check_policy.proto' },
  GW4059: { kind: 'OutlierDetectionPolicy', name: 'orders/eject', selected: 'Kubernetes Services (the default kind)', supported: 'VirtualDestinations and ExternalServices', says: 'Selecting Kubernetes services is not supported' },
  GW4060: { kind: 'CORSPolicy', name: 'shop/web-origins', suffix: '.example.com', field: 'config.allowOrigins[0]', regex: '.*\\.example\\.com' },
  GW4057: { kind: 'ExtAuthPolicy', name: 'orders/api-keys', picks: 'SERVICE orders/checkout', security: ', and the routes it was written for are served to any caller' },
  GW4056: { kind: 'RetryTimeoutPolicy', name: 'orders/team-fast', other: 'gateways/platform-standard', route: 'orders/list', more: '' },
  GW8020: { what: 'alias live of function reports', runs: 120, route: 35, from: '--route-timeout' },
  GW8022: { what: 'function reports', status: 'Failed', reason: ' (EniLimitExceeded: Lambda was not able to create an ENI)', consequence: 'Lambda abandoned the update, and requests routed to it run the code and configuration from before it' },
  GW8021: { what: 'function reports', state: 'Failed', reason: ' (SubnetOutOfIPAddresses: All subnets assigned to the function are out of IP addresses)', consequence: 'Lambda invokes no function in this state, and it stays so until the function is deleted and created again: every request routed to it fails' },
  GW7016: { kind: 'RateLimitPolicy', name: 'httpbin/per-client', target: 'Envoy', applies: 'routes labelled ratelimited=true' },
  GW7017: { kind: 'ExtAuthPolicy', name: 'httpbin/api-keys', target: 'Envoy', applies: 'routes labelled oauth=true' },
  GW7020: { target: 'Envoy', why: 'no RouteTable with hosts is attached to a listener (a delegated table serves routes only through a parent with hosts)', effect: 'deployed, it answers every request 404' },
  GW7019: { route: 'reviews-v2-for-jason', service: 'bookinfo-backends/reviews', subset: 'version=v2', target: 'Envoy' },
  GW7018: { target: 'Envoy', endpoint: 'vpce-0a1b2c3d-4e5f6a7b.sts.us-west-1.vpce.amazonaws.com', derived: 'sts.us-west-1.amazonaws.com' },
  GW4012: { route: 'graphql', action: 'graphql', effect: 'its requests are answered 500 in the model and every output, rather than fall through to the routes after it' },
  GW1011: { detail: 'Unresolved tag: !vault' },
  GW1109: { kustomization: 'teams/orders/kustomization.yaml', kind: 'RouteTable', name: 'orders', more: ' and 2 more resources of this file', field: 'namespace', value: 'Orders_Team', why: 'which is no namespace name (lower-case letters, digits and `-`, at most 63 characters), so the API server refuses every resource kustomize builds into it' },
  GW1108: { kind: 'RouteTable', name: 'orders', written: 'legacy', namespace: 'orders', kustomization: 'teams/orders/kustomization.yaml' },
  GW1107: { kind: 'RouteTabel', suggestion: '; did you mean `RouteTable`?' },
  GW2009: { detail: '`spec.http[0].matchers` must have at most 64 items' },
  GW3012: { name: 'pay3', function: 'pay', qualifier: '3', derived: 'pay3' },
  GW4017: { regex: '.*\\.json' },
  GW4019: { regex: '/orders/[0-9]+' },
  GW4016: { kind: 'prefix', value: 'api/v1', problem: 'does not start with `/`: request paths always do' },
  GW4022: { limit: 256 },
  GW4023: { limit: '200,000' },
  GW4024: { code: 'GW4005' },
  GW4029: { port: 443, reason: 'both have appProtocol HTTPS and the first host `api.example.com` ("must not match the port of another listener with the same appProtocol and same first host")' },
  GW4030: { port: 443, mode: 'PASSTHROUGH' },
  GW4031: { port: 443, why: 'mode SIMPLE asks for no client certificate' },
  GW4032: { port: 80, appProtocol: 'HTTPS', tls: 'without', allowed: 'GRPC, GRPC-WEB, HTTP, HTTP_PROXY, HTTP2' },
  GW4045: { what: 'a path with a space in it' },
  GW4046: { port: 443, mode: 'MUTUAL', missing: '`caCerts`', istio: 'MUTUAL TLS requires a client CA bundle' },
  GW3016: { kind: 'VirtualDestination', name: 'bookinfo/reviews', ports: 'ports 9080, 9443' },
  GW3017: { port: 'port 8080', kind: 'VirtualDestination', name: 'bookinfo/reviews', ports: 'port 9080 only', note: '' },
  GW3018: { target: 'VirtualDestination payments/ledger', namespace: 'payments-config', workspace: 'payments', consequence: ', so the route forwards to nothing Gloo knows and is not served as written' },
  GW3015: { name: 'orders-api', qualifier: '$LATEST', why: 'no pattern of its discovery.filter.names (`payments-.*`) matches any part of the name' },
  GW4047: { kind: 'ExtAuthPolicy', name: 'orders/api-keys', applies: 'routes labelled auth=api-key', security: ', and the routes it was written for are served to any caller' },
  GW4048: { what: 'a header named `x admin` (not an HTTP token)' },
  GW4049: { port: 80, why: "no namespace is named `Payments` (a namespace's name is lower-case letters, digits and '-')" },
  GW5004: { detail: 'its invoke role is unknown (no invokeRoleName on the CloudProvider, no gloo.solo.io/defaultInvokeRole on the RouteTable: the gateway\'s own role would be used)' },
  GW4051: { kind: 'prefix', path: '/api/*', what: 'only paths that begin `/api/*`', fix: 'the prefix `/api/`' },
  GW4052: { field: 'value of header `authorization`', value: 'Bearer .*', construct: '`.*`', matches: 'only that text', fix: 'set `regex: true` beside it' },
  GW4053: { status: 301 },
  GW4054: { name: 'accept', shape: 'ends with a space', consequence: 'no HTTP/1 request meets this matcher, only an HTTP/2 request that sends the space' },
  GW4050: { piece: '/*', pattern: '/api/*', char: '/', sample: '; it does not match `/api/x`', suggestion: '/api/.*' },
  GW5006: { piece: '-*', field: 'lambdaFunctions', pattern: 'team-a-*', char: '-', sample: '; it does not match `team-a-x`', suggestion: 'team-a-.*' },
  GW5005: { pattern: '$ROLE_PATTERN', reason: 'no text at all matches it', field: 'iamRoles' },
  GW7024: { count: 5, names: '`x-a`, `x-b`, `x-c`, `x-d`, `x-e`', maximum: 4, matchers: 16 },
  GW7025: { kind: 'RetryTimeoutPolicy', name: 'shop/long-running', target: 'Envoy', applies: 'routes labelled timeout=long', written: 'up to 2 on 5xx' },
  GW7004: { kind: 'VIRTUAL_DESTINATION', name: 'team-a/orders-vd', target: 'Envoy' },
  GW7005: { key: '/etc/envoy/tls/api-tls/tls.key', ca: '' },
  GW7008: { needed: '1.35', feature: 'aws_request_signing credential_provider', chosen: '1.34' },
  GW7009: { chosen: '1.36' },
  GW7010: { option: 'wrapAsApiGateway', edition: 'open-source', instead: 'requestTransformation for 3 Lambda destinations (the request\'s method, path, query string and headers in a JSON event, not the exact API Gateway event)' },
  GW7011: { upstream: 'team-a-orders-api-2', secret: 'gloo-system/aws-creds' },
  GW7012: { count: 96 },
  GW6010: { level: 'namespace' },
  GW6011: { others: '`team-b`' },
  GW7014: { port: 443, other: 'istio-gateways/internal-gw:443', reason: 'both serve host api.example.com: this listener\'s is left out' },
  GW7104: { ca: '' },
  GW7105: { what: 'TLS mode OPTIONAL_MUTUAL', effect: 'accept clients without verifying their certificates' },
  GW7108: { route: 'web/pages', sample: 'GET /logout' },
  GW8001: { arn: 'arn:aws:sts::222222222222:assumed-role/ci/build-42', actual: '222222222222', expected: '111111111111' },
  GW8005: { detail: 'neither the role\'s policies nor the function\'s resource policy allow lambda:InvokeFunction on it' },
  GW8006: { keys: 'aws:SourceVpce', policy: 'team-a-invoke' },
  GW8008: { role: 'arn:aws:iam::222222222222:role/team-a-invoker', detail: 'no statement allows it' },
  GW3014: { region: 'us-wset-1', sdk: '@aws-sdk/core 3.981.0', suggestion: ' (did you mean `us-west-1`?)', endpoint: 'lambda.us-wset-1.amazonaws.com' },
  GW7021: { region: 'eusc-de-east-1', partition: 'aws-eusc', sts: 'sts.eusc-de-east-1.amazonaws.eu', target: 'Envoy', derived: 'sts.eusc-de-east-1.amazonaws.com' },
  GW7023: { what: 'invoke role', role: 'team-b-invoker', account: '222222222222', cluster: 'arn:aws:eks:us-west-1:111111111111:cluster/gateways', clusterAccount: '111111111111' },
  GW7022: { region: 'cn-north-1', partition: 'aws-cn', target: 'Gloo Edge', maker: 'Gloo Edge', endpoint: 'lambda.cn-north-1.amazonaws.com.cn', made: 'lambda.cn-north-1.amazonaws.com' },
  GW8012: { role: 'team-a-invoker', who: 'any AWS principal of any account', by: 'its trust policy (statement 1)' },
  GW8013: { role: 'orders-api-execution', trusts: 'only the service lambda.amazonaws.com' },
  GW8014: { role: 'team-a-invoker', why: 'its trust policy allows no sts:TagSession' },
  GW8015: { gateway: 'arn:aws:iam::111111111111:role/gateway', role: 'team-a-invoker', why: 'no statement of its trust policy allows it' },
  GW8016: { gateway: 'arn:aws:iam::111111111111:role/gateway', role: 'team-a-invoker', why: 'its trust policy allows no sts:TagSession' },
  GW8017: { gateway: 'arn:aws:iam::111111111111:role/gateway', role: 'team-b-invoker', why: 'none allows it', needed: 'role `team-b-invoker` is in account 222222222222, and across accounts the caller\'s policies must allow the call as well as the role\'s trust' },
  GW8019: { count: 2 },
  GW8018: { gateway: 'arn:aws:iam::111111111111:role/gateway', account: '111111111111', why: 'the AWS credentials are arn:aws:sts::222222222222:assumed-role/ci/run in account 222222222222' },
  GW8011: { what: 'CloudProvider team-a/aws-team-a', value: 'us-west', kind: 'the name of an AWS region' },
  GW8010: { detail: 'it allows arn:aws:lambda:us-west-1:111111111111:function:*, where its routes need lambda:InvokeFunction on 2 ARNs' },
};

/**
 * A message of this code as gwctl prints it: the one a reviewed golden transcript holds (written by
 * scripts/generate-docs.mjs, which passes the messages it has just read), or else the template with
 * sample values.
 */
export function exampleMessage(code: Code, observed: Readonly<Record<string, string>> = OBSERVED): string {
  const seen = observed[code];
  if (seen !== undefined) return seen;
  const template: string = CATALOGUE[code].message;
  const args: Record<string, string | number> = {};
  for (const [, key] of template.matchAll(/\{(\w+)\}/g)) args[key!] = CODE_SAMPLES[code]?.[key!] ?? SAMPLES[key!] ?? key!;
  return formatMessage(template, args);
}
