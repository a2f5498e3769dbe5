import { own } from '../data/own';

/**
 * The Gloo Platform kinds gwctl reads, and the apiVersions of each per dialect. 2.2 is the launch shape
 * of Lambda routing; 2.3 moved CloudProvider and CloudResources to infrastructure.gloo.solo.io and
 * changed how routes name functions. The other kinds kept their group.
 */
export type Dialect = 'v2.2' | 'v2.3';

export const KNOWN_KINDS = ['CloudProvider', 'CloudResources', 'RouteTable', 'VirtualGateway', 'Workspace', 'WorkspaceSettings'] as const;
export type KnownKind = (typeof KNOWN_KINDS)[number];

export const API_VERSIONS: Readonly<Record<KnownKind, Readonly<Record<string, Dialect | 'both'>>>> = {
  CloudProvider: { 'networking.gloo.solo.io/v2': 'v2.2', 'infrastructure.gloo.solo.io/v2': 'v2.3' },
  CloudResources: { 'networking.gloo.solo.io/v2': 'v2.2', 'infrastructure.gloo.solo.io/v2': 'v2.3' },
  RouteTable: { 'networking.gloo.solo.io/v2': 'both' },
  VirtualGateway: { 'networking.gloo.solo.io/v2': 'both' },
  Workspace: { 'admin.gloo.solo.io/v2': 'both' },
  WorkspaceSettings: { 'admin.gloo.solo.io/v2': 'both' },
};

export const KNOWN_GROUPS = new Set(['networking.gloo.solo.io', 'infrastructure.gloo.solo.io', 'admin.gloo.solo.io']);

/**
 * Every kind the Gloo Platform API defines in the groups gwctl reads (the 2.14 CRDs, the 2.2 CloudProvider
 * and CloudResources, and the lifecycle managers of solo-apis' admin/v2 and v2alpha1), and in its policy
 * groups, whose policies gwctl reads for what they select (the gloo-platform-crds 2.14.0 chart, and the
 * LuaPolicy of solo-apis' api/gloo.solo.io/policy/v2/extensions): an object of another kind in these
 * groups is misspelt, since the API server would refuse it.
 */
export const GROUP_KINDS: Readonly<Record<string, readonly string[]>> = {
  'networking.gloo.solo.io': ['CloudProvider', 'CloudResources', 'ExternalEndpoint', 'ExternalService', 'ExternalWorkload', 'ProgressiveDelivery', 'RouteTable', 'VirtualDestination', 'VirtualGateway'],
  'infrastructure.gloo.solo.io': ['CloudProvider', 'CloudResources'],
  'admin.gloo.solo.io': [
    'Dashboard', 'ExtAuthServer', 'GatewayLifecycleManager', 'InsightsConfig', 'IstioLifecycleManager', 'KubernetesCluster', 'RateLimitServerConfig',
    'RateLimitServerSettings', 'RootTrustPolicy', 'WaypointLifecycleManager', 'Workspace', 'WorkspaceSettings',
  ],
  'security.policy.gloo.solo.io': ['AccessPolicy', 'CORSPolicy', 'CSRFPolicy', 'ClientTLSPolicy', 'DLPPolicy', 'ExtAuthPolicy', 'GraphQLAllowedQueryPolicy', 'JWTPolicy', 'WAFPolicy'],
  'trafficcontrol.policy.gloo.solo.io': [
    'HTTPBufferPolicy', 'HeaderManipulationPolicy', 'LoadBalancerPolicy', 'MirrorPolicy', 'ProxyProtocolPolicy', 'RateLimitClientConfig', 'RateLimitPolicy', 'TransformationPolicy',
  ],
  'resilience.policy.gloo.solo.io': [
    'ActiveHealthCheckPolicy', 'AdaptiveRequestConcurrencyPolicy', 'ConnectionPolicy', 'FailoverPolicy', 'FaultInjectionPolicy', 'GraphQLPersistedQueryCachePolicy',
    'ListenerConnectionPolicy', 'OutlierDetectionPolicy', 'RetryTimeoutPolicy', 'TrimProxyConfigPolicy',
  ],
  'observability.policy.gloo.solo.io': ['AccessLogPolicy'],
  'extensions.policy.gloo.solo.io': ['LuaPolicy', 'WasmDeploymentPolicy'],
};

/** Gloo Platform's policy groups: security, trafficcontrol, resilience, observability, extensions `.policy.gloo.solo.io`. */
export const POLICY_GROUPS = '.policy.gloo.solo.io';

/**
 * The kinds of the Gloo Platform groups gwctl reads whose 2.14 CRDs it vendors (schemas/upstream) but
 * whose objects no output is made of: each checked against its CRD as the API server checks it (the
 * schemas scripts/generate-schemas.mjs derives), at the one version its CRD serves. The model reads the
 * VirtualDestinations and ExternalServices a route names for their ports and sharing
 * (model/destination-objects.ts); no output is made of any of them.
 */
export const CRD_CHECKED_KINDS = {
  Dashboard: 'admin.gloo.solo.io/v2',
  ExtAuthServer: 'admin.gloo.solo.io/v2',
  InsightsConfig: 'admin.gloo.solo.io/v2alpha1',
  KubernetesCluster: 'admin.gloo.solo.io/v2',
  RateLimitServerConfig: 'admin.gloo.solo.io/v2',
  RateLimitServerSettings: 'admin.gloo.solo.io/v2',
  RootTrustPolicy: 'admin.gloo.solo.io/v2',
  ExternalEndpoint: 'networking.gloo.solo.io/v2',
  ExternalService: 'networking.gloo.solo.io/v2',
  ExternalWorkload: 'networking.gloo.solo.io/v2alpha1',
  ProgressiveDelivery: 'networking.gloo.solo.io/v2alpha1',
  VirtualDestination: 'networking.gloo.solo.io/v2',
} as const;
export type CrdCheckedKind = keyof typeof CRD_CHECKED_KINDS;

/**
 * Of the kinds checked against their CRD alone, the networking group's other than those the model reads
 * (VirtualDestination, ExternalService): configuration a workspace's namespaces hold, which a Workspace's
 * `configEnabled: false` keeps Gloo from reading ("Read Gloo configuration from specific clusters and
 * namespaces that are included in a workspace", the admin CRD), said where it sits (GW6009). The admin
 * group's are not: the management plane's own objects (a KubernetesCluster, a RootTrustPolicy, a
 * Dashboard, an InsightsConfig) live in its namespace, outside the workspaces, and whether the add-ons'
 * server configs (an ExtAuthServer, a RateLimitServerConfig or its settings) are read through them no
 * source settles.
 */
export const WORKSPACE_CONFIGURATION_KINDS: ReadonlySet<string> = new Set<CrdCheckedKind>(['ExternalEndpoint', 'ExternalWorkload', 'ProgressiveDelivery']);

/** A kind checked against its CRD, in the group its CRD defines it in (a kind of another group is not). */
export function crdCheckedKind(kind: string, group: string): kind is CrdCheckedKind {
  return Object.hasOwn(CRD_CHECKED_KINDS, kind) && groupOf(CRD_CHECKED_KINDS[kind as CrdCheckedKind]) === group;
}

/**
 * The one version the API server serves each kind at that gwctl neither models nor checks against a CRD
 * it carries: every kind of the policy groups at `v2`, and the gateway's and Istio's lifecycle managers
 * (the gloo-platform-crds 2.14.0 chart, as api-evangelist/gloo-mesh `crd/gloo-mesh-crd-index.yml` lists
 * each CRD's served versions). At another version the API server finds no such kind ("no matches for
 * kind"), and nothing of the object is applied. The WaypointLifecycleManager, which the 2.14 chart does not
 * define, is left unasked.
 */
export function servedVersion(group: string, kind: string): string | undefined {
  if (group.endsWith(POLICY_GROUPS)) return own(GROUP_KINDS, group)?.includes(kind) ? 'v2' : undefined;
  return group === 'admin.gloo.solo.io' && (kind === 'GatewayLifecycleManager' || kind === 'IstioLifecycleManager') ? 'v2' : undefined;
}

/** Kinds of the same name in other products, skipped with a note rather than an error. */
export const OTHER_PRODUCTS: Readonly<Record<string, string>> = {
  'gateway.solo.io': 'Gloo Edge',
  'gloo.solo.io': 'Gloo Edge',
  'networking.istio.io': 'Istio',
  'gateway.networking.k8s.io': 'the Kubernetes Gateway API',
};

export function isKnownKind(kind: string): kind is KnownKind {
  return (KNOWN_KINDS as readonly string[]).includes(kind);
}

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
