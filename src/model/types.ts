import type { Code } from '../diagnostics/catalogue';
import type { ResourceRef } from '../diagnostics/finding';
import type { Dialect } from '../load/kinds';
import type { Anchor } from '../source/anchor';
import type { PlacedObject } from '../load/resource';
import type { PolicyDestination } from '../load/policy-destinations';

/**
 * The resolved model: what the gateway will serve, as plain data. Every emitter reads this and nothing
 * else; both API dialects map into it. Every node keeps the anchor of the manifest field it came from.
 * The most numerous nodes are objects of classes that make what follows from their other fields when it
 * is read: functions and Lambda destinations their ARN and anchor (model/function-nodes.ts), route origins
 * their anchor, flattened routes their name and anchor (model/route-nodes.ts). Their JSON form (toJSON)
 * has every field in place.
 */
export interface Model {
  /** sorted by namespace/name */
  readonly providers: readonly ProviderNode[];
  /** sorted by gateway, then port */
  readonly listeners: readonly ListenerNode[];
  /** the Gloo Platform policies of the input (authentication, rate limits, transformations...), in input order */
  readonly policies?: readonly PolicyNode[];
}

/**
 * A policy of one of Gloo Platform's policy groups (`*.policy.gloo.solo.io`): gwctl models routing, not
 * what a policy does to the requests it selects, so no target renders it (emit/unrendered-policies.ts),
 * but a RetryTimeoutPolicy's request timeout, the routes' own (emit/route-timeouts.ts).
 */
export interface PolicyNode {
  readonly ref: ResourceRef;
  /**
   * of security.policy.gloo.solo.io (ExtAuthPolicy, JWTPolicy, AccessPolicy, WAFPolicy...: who may call,
   * what they see), applied to routes, listeners or everything: enforced at the gateway the output replaces
   */
  readonly security: boolean;
  /** what it applies to, in words, plural: its first `applyTo...` selector, or what its kind's empty selection is */
  readonly appliesTo: string;
  /**
   * Its selectors of routes by label, where they are all it selects by (no `withDestinations`, no
   * cluster, no other `applyTo...`): the model finds the routes they select (model/policy-selection.ts)
   */
  readonly routeSelection?: { readonly selectors: readonly RouteLabelSelector[]; readonly source: Anchor };
  /**
   * Its selectors of routes by their destinations, where they are all it selects by (`applyToRoutes`
   * entries that are each a `withDestinations`, no other `applyTo...`): it selects the routes that
   * forward to a destination one of them selects, and a DestinationSelector selects a Service, a
   * VirtualDestination or an ExternalService, never a Lambda function (model/destination-selection.ts)
   */
  readonly destinationSelection?: { readonly selectors: readonly DestinationPick[]; readonly source: Anchor };
  /**
   * Applied to destinations, not routes (`applyToDestinations`, or a kind whose empty selection is every
   * destination of its workspace): enforced at them, so it reaches a route only through a destination a
   * DestinationSelector can select, a Lambda function's never (model/destination-selection.ts)
   */
  readonly atDestinations?: true;
  /**
   * of a policy applied to destinations, the DestinationKinds its kind can select, where its proto says
   * fewer than a DestinationSelector can (a FailoverPolicy's virtual destinations only): it reaches no
   * route to a destination of another kind (load/policy-kinds.ts)
   */
  readonly destinationKinds?: readonly string[];
  /**
   * A security policy's `applyToWorkloads` selectors, where no listener or destination is selected before
   * them (an AccessPolicy's destinations are ignored beside them): a workload may be
   * a gateway's proxy ("Workloads must have injected (sidecars) or be standalone proxies (gateways)",
   * common/v2/selectors.proto), and one that selects the proxies of a gateway the output replaces is
   * enforced there (model/gateway-workloads.ts)
   */
  readonly workloadSelection?: { readonly selectors: readonly WorkloadPick[]; readonly source: Anchor };
  /**
   * Its `applyToListeners` selectors, where they are all it selects by: the model compares them with
   * the listeners the output serves (model/listener-selection.ts)
   */
  readonly listenerSelection?: { readonly selectors: readonly ListenerPick[]; readonly source: Anchor };
  /** set by the model: the served listeners (ListenerNode.name) its listener selectors select, and those they may */
  readonly listenerReach?: { readonly selects: readonly string[]; readonly may: readonly string[] };
  /** set by the model: the served VirtualGateways (`namespace/name`) whose proxies its workload selectors select */
  readonly gatewayProxies?: readonly string[];
  /**
   * A RetryTimeoutPolicy or JWTPolicy with no selector at all (`applyToRoutes` empty or absent, no
   * other `applyTo...`): every route of its workspace, which the model turns into a `routeSelection` once it knows the workspaces
   * (workspace-policies.ts); `source` is where GW4047 is said of it
   */
  readonly workspaceWide?: { readonly source: Anchor };
  /**
   * set by the model: no route the listeners serve is selected (GW4047, GW4057), or, of a policy applied
   * to destinations, none forwards to a destination it may apply at; or by its kind, as read
   * (load/policy-kinds.ts: a GraphQL route's policy, a RateLimitClientConfig, an
   * ActiveHealthCheckPolicy of no destination): no output leaves it behind
   */
  readonly selectsNoRoute?: true;
  /**
   * a RetryTimeoutPolicy's `config.requestTimeout`, where it is a duration: how long Gloo Platform's
   * gateway waits on the routes it selects (validate --aws compares the functions' own: route-timeout.ts)
   */
  readonly requestTimeout?: { readonly seconds: number; readonly source: Anchor };
  /**
   * a RetryTimeoutPolicy's `config.retries`, where it retries (attempts above 0): how many times, and the
   * conditions of its `retryOn` as written (Istio's defaults where it names none); the model says where
   * they would run a function again (retry-policies.ts). `perTryTimeout` in seconds, where written: it
   * ends each attempt, the first too (validate --aws: route-timeout.ts)
   */
  readonly retries?: { readonly attempts: number; readonly retryOn: readonly string[]; readonly istioDefaults: boolean; readonly perTryTimeout?: number; readonly source: Anchor };
  /** a RetryTimeoutPolicy's `config.retries` wherever it is written (attempts 0 too), in words: what the renders leave behind of it */
  readonly retriesWritten?: { readonly text: string; readonly source: Anchor };
  /**
   * the destinations it sends requests to (a MirrorPolicy's, a JWT provider's keys), and the policy they
   * are placed in: read by the model, which resolves them as a route's (model/policy-destinations.ts),
   * and not carried on
   */
  readonly destinations?: { readonly policy: PlacedObject & { readonly kind: string }; readonly written: readonly PolicyDestination[] };
  /** set by the model: the Lambda functions of `destinations` that resolve, which `validate --aws` looks up and judges the invocation of */
  readonly lambdas?: readonly LambdaDestination[];
  readonly source: Anchor;
}

/**
 * A policy's `applyToRoutes[].route` (common/v2/selectors.proto, RouteLabelSelector): "Select routes
 * including all specified labels on the route or route table", "only select routes attached to route
 * tables matching the namespace" or workspace.
 */
export interface RouteLabelSelector {
  readonly labels: Readonly<Record<string, string>>;
  readonly namespace?: string;
  readonly workspace?: string;
}

/**
 * A policy's DestinationSelector (common/v2/selectors.proto): the kind it selects (SERVICE when unset)
 * and what of its ObjectSelector gwctl can compare with a route's destination: the name and namespace.
 * `open`: it also selects by what gwctl does not compare (a workspace, a field it does not read), so a
 * destination of that kind, name and namespace may or may not be selected; its `labels` are compared
 * where the destination's object is in the input, else they leave it open too.
 */
export interface DestinationPick {
  readonly kind: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly cluster?: string;
  /** the labels it selects by, where it names any: compared with a VirtualDestination's or ExternalService's the input holds */
  readonly labels?: Readonly<Record<string, string>>;
  readonly open: boolean;
}

/**
 * A policy's workload selector (an ObjectSelector's labels, namespace and cluster). `open`: it also
 * selects by what gwctl does not compare (a workspace, a name, a kind other than KUBE), so whether it
 * selects a gateway's proxies is not decided.
 */
/**
 * A policy's ListenerSelector (common/v2/selectors.proto): the VirtualGateway's name, namespace and
 * labels, and the port number, which gwctl compares with a served listener; `open`: it also asks what
 * gwctl does not compare (a cluster, a workspace, a port by name), so a listener it does not rule out
 * may or may not be selected.
 */
export interface ListenerPick {
  readonly labels: Readonly<Record<string, string>>;
  readonly name?: string;
  readonly namespace?: string;
  readonly port?: number;
  readonly open: boolean;
}

export interface WorkloadPick {
  readonly labels: Readonly<Record<string, string>>;
  readonly namespace?: string;
  readonly cluster?: string;
  readonly open: boolean;
}

export interface InvokeRole {
  readonly name: string;
  readonly arn: string;
  /** where the role came from: the CloudProvider's invokeRoleName or a RouteTable's default-role annotation */
  readonly from: 'provider' | 'annotation';
  /** the field that names it, and the resource that field is in */
  readonly source: Anchor;
  readonly owner: ResourceRef;
}

export interface ProviderNode {
  readonly ref: ResourceRef;
  readonly dialect: Dialect;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  /** absent: the gateway's own credentials are used */
  readonly invokeRole?: InvokeRole;
  readonly stsEndpoint?: string;
  /** where stsEndpoint is written */
  readonly stsSource?: Anchor;
  readonly discovery?: { readonly enabled: boolean; readonly roleName?: string; readonly names: readonly string[]; readonly latestOnly: boolean };
  /** the workspace that owns it, or null when no Workspace claims its namespace */
  readonly workspace: string | null;
  /** the functions its CloudResources declare, winners of any collision, sorted by logical name */
  readonly functions: readonly FunctionNode[];
  readonly source: Anchor;
}

export interface FunctionNode {
  /** 2.2: as declared or derived; 2.3+: derived the same way (`name` or `name:qualifier`), for output that needs a name */
  readonly logicalName: string;
  readonly functionName: string;
  /** `$LATEST`, a version or an alias */
  readonly qualifier: string;
  /** arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>] (no qualifier for $LATEST) */
  readonly arn: string;
  /** the provider's, or those of the ARN the function is named by */
  readonly region: string;
  readonly accountId: string;
  /** the CloudResources that declares it */
  readonly declaredBy: ResourceRef;
  /** the list entry */
  readonly source: Anchor;
  /** the entry has a `qualifier` field (else the qualifier is $LATEST or part of an ARN name) */
  readonly qualifierWritten: boolean;
}

export interface ListenerNode {
  /** the VirtualGateway, or null for the default listener of tables attached to none (or to a missing one) */
  readonly gateway: ResourceRef | null;
  /** stable and unique: `namespace/name:port`, or `default:port` */
  readonly name: string;
  readonly port: number;
  readonly protocol: 'http' | 'https';
  /** for https listeners: the VirtualGateway's TLS settings as written */
  readonly tls?: ListenerTls;
  /** every request is answered with a redirect to https:// (each host has the one redirect route) */
  readonly httpsRedirect: boolean;
  /** sorted by host */
  readonly hosts: readonly HostNode[];
  readonly source?: Anchor;
}

export interface ListenerTls {
  readonly mode: string;
  readonly certificateFile?: string;
  readonly privateKeyFile?: string;
  readonly caFile?: string;
  /** a Kubernetes Secret: cannot be read from manifests */
  readonly secretName?: string;
  /** `parameters`: TLS versions (`TLSv1_2`...; `TLS_AUTO` leaves the proxy's default) and cipher suites */
  readonly minimumVersion?: string;
  readonly maximumVersion?: string;
  readonly cipherSuites?: readonly string[];
  /** `verifySubjectAltName`: a client certificate must name one of these */
  readonly subjectAltNames?: readonly string[];
}

export interface HostNode {
  readonly host: string;
  /** the routes in the order they are matched */
  readonly routes: readonly RouteNode[];
}

export interface RouteNode {
  /** stable and unique within a host: the route names along the delegation chain, joined by `/` */
  readonly name: string;
  /** any one of these matches (an empty list matches every request) */
  readonly matchers: readonly Matcher[];
  readonly action: RouteAction;
  /** the routes this one was flattened from, root first; the last is the route itself */
  readonly chain: readonly RouteOrigin[];
  readonly labels: Readonly<Record<string, string>>;
  readonly source: Anchor;
}

export interface RouteOrigin {
  readonly table: ResourceRef;
  readonly route: string;
  readonly source: Anchor;
  /**
   * the route's own labels, which the routes delegated from it inherit for the policies that select
   * routes by label (model/policy-selection.ts); not written out: a flattened route's `labels` are its own
   */
  readonly labels?: Readonly<Record<string, string>>;
  /** its table's labels and workspace, which a policy's route selector reads too; one object per table */
  readonly scope?: TableScope;
}

/**
 * What a policy's route selector reads of the table a route is in, besides its namespace: the table's
 * labels ("all specified labels on the route or route table", RouteLabelSelector) and the workspace that
 * owns its namespace (null: none, or no Workspace in the input). Not written out.
 */
export interface TableScope {
  readonly labels: Readonly<Record<string, string>>;
  readonly workspace: string | null;
}

export interface Matcher {
  readonly path?: { readonly kind: 'exact' | 'prefix' | 'regex'; readonly value: string; readonly ignoreCase: boolean };
  readonly headers: readonly ValueMatch[];
  readonly queryParameters: readonly ValueMatch[];
  readonly method?: string;
  readonly port?: number;
  /**
   * true for a matcher Envoy refuses, and with it the whole route configuration: a regex RE2 rejects
   * (GW4015), a header or query matcher without a name (GW4036). Its route is replaced by a 500; no target
   * is given the matcher, and no request is matched by it (servedMatchers in model/matchers.ts).
   */
  readonly refused?: true;
}

export interface ValueMatch {
  readonly name: string;
  /** absent: present with any value */
  readonly value?: string;
  readonly regex: boolean;
  readonly invert: boolean;
  /**
   * An inverted header condition with a value that a request without the header meets: Istio reads a
   * missing header as an empty value there (model/matchers.ts), and an empty value does not meet the value
   * (`x-beta !~ (1|true)`, not `x-beta !~ .*`). An inverted presence condition is met by such a request
   * too, and says so by having no value.
   */
  readonly missingMeets?: true;
  /**
   * An inverted condition every request meets (GW4048: a value no request's header holds, a name no
   * request carries): it excludes nothing, and a matcher that holds it matches every request the matcher
   * without it matches (shadowing.ts). Kept as written: Gloo and every output still carry it.
   */
  readonly alwaysMet?: true;
}

export type RouteAction = ForwardAction | DirectResponseAction | RedirectAction;

export interface ForwardAction {
  readonly kind: 'forward';
  readonly destinations: readonly Destination[];
  readonly pathRewrite?: string;
  /**
   * Every part of the path the RE2 pattern matches replaced by the substitution, capture groups as
   * `\1` (route_table.proto, ForwardToAction.regexRewrite: Envoy's RegexMatchAndSubstitute)
   */
  readonly regexRewrite?: RegexRewrite;
  readonly hostRewrite?: string;
  /**
   * "Automatically replace the Authority/Host header with the hostname of the upstream destination"
   * (route_table.proto, ForwardToAction.autoHostRewrite): for a Service, its cluster-local name; a
   * Lambda function's Host is its endpoint whatever the route says
   */
  readonly autoHostRewrite?: boolean;
}

export interface RegexRewrite {
  readonly pattern: string;
  readonly substitution: string;
}

export interface DirectResponseAction {
  readonly kind: 'direct';
  readonly status: number;
  readonly body?: string;
  /** set when gwctl replaced a route that could not be served as written (filter, conflict) */
  readonly replaced?: { readonly code: Code; readonly reason: string };
}

export interface RedirectAction {
  readonly kind: 'redirect';
  /** a listener's httpsRedirect: the same URL with the scheme https (and its default port) */
  readonly httpsRedirect?: boolean;
  readonly hostRedirect?: string;
  readonly pathRedirect?: string;
  readonly responseCode: string;
}

export type Destination = LambdaDestination | ServiceDestination;

export interface LambdaDestination {
  readonly kind: 'lambda';
  readonly provider: ResourceRef;
  readonly functionName: string;
  readonly qualifier: string;
  readonly logicalName: string;
  readonly arn: string;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  /** the role the gateway assumes to invoke; undefined: the gateway's own credentials */
  readonly invokeRole: InvokeRole | undefined;
  readonly options: LambdaOptions;
  /** share of the traffic in percent, after the remainder rule */
  readonly weight: number;
  readonly source: Anchor;
}

/**
 * How a request and its response travel, normalised from both dialects:
 * 2.3 requestTransformation REQUEST_DEFAULT -> wrap, REQUEST_DISABLE -> raw;
 *     responseTransformation RESPONSE_DEFAULT -> unwrap-api-gateway, RESPONSE_DISABLE -> raw;
 * 2.2 (no request option) -> raw; unwrapAsApiGateway -> unwrap-api-gateway; unwrapAsAlb -> unwrap-alb; neither -> raw.
 */
export interface LambdaOptions {
  readonly invocation: 'sync' | 'async';
  readonly request: 'wrap' | 'raw';
  readonly response: 'unwrap-api-gateway' | 'unwrap-alb' | 'raw';
}

export interface ServiceDestination {
  readonly kind: 'service';
  /** SERVICE, VIRTUAL_DESTINATION or EXTERNAL_SERVICE: kept as written, not resolved (not in the input) */
  readonly targetKind: string;
  readonly name: string;
  readonly namespace: string;
  readonly cluster?: string;
  readonly port?: number | string;
  /** the labels of the endpoints it is routed to (`subset`), in key order; absent: every endpoint */
  readonly subset?: Readonly<Record<string, string>>;
  /**
   * the labels of the VirtualDestination or ExternalService it names, where the input holds that object
   * (one of its kind, namespace and name, with no `cluster` in the reference): what a policy's destination
   * selector of labels is compared with (destination-selection.ts)
   */
  readonly objectLabels?: Readonly<Record<string, string>>;
  readonly weight: number;
  readonly source: Anchor;
}
