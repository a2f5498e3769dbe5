import type { ValidateFunction } from 'ajv';
import type { JsonSchema } from './json-schema';
import type { SchemaKey } from './schema-key';

interface Loaders {
  /** precompiled by scripts/build.mjs: valid or not, loaded for every run that meets the kind */
  readonly checker: () => Promise<{ default: ValidateFunction }>;
  /** the same schema with all its errors, loaded only for a document the checker rejects */
  readonly explainer: () => Promise<{ default: ValidateFunction }>;
  /** the schema document: loaded only to explain a failure */
  readonly document: () => Promise<{ default: unknown }>;
}

// Static import() paths, so that the bundler makes each of them a chunk of its own.
const LOADERS: Record<SchemaKey, Loaders> = {
  'v2.2/CloudProvider': { checker: () => import('./generated/v2.2-CloudProvider.check.js'), explainer: () => import('./generated/v2.2-CloudProvider.js'), document: () => import('../../schemas/v2.2/CloudProvider.json') },
  'v2.2/CloudResources': { checker: () => import('./generated/v2.2-CloudResources.check.js'), explainer: () => import('./generated/v2.2-CloudResources.js'), document: () => import('../../schemas/v2.2/CloudResources.json') },
  'v2.2/RouteTable': { checker: () => import('./generated/v2.2-RouteTable.check.js'), explainer: () => import('./generated/v2.2-RouteTable.js'), document: () => import('../../schemas/v2.2/RouteTable.json') },
  'v2.2/WorkspaceSettings': { checker: () => import('./generated/v2.2-WorkspaceSettings.check.js'), explainer: () => import('./generated/v2.2-WorkspaceSettings.js'), document: () => import('../../schemas/v2.2/WorkspaceSettings.json') },
  'v2.3/CloudProvider': { checker: () => import('./generated/v2.3-CloudProvider.check.js'), explainer: () => import('./generated/v2.3-CloudProvider.js'), document: () => import('../../schemas/v2.3/CloudProvider.json') },
  'v2.3/CloudResources': { checker: () => import('./generated/v2.3-CloudResources.check.js'), explainer: () => import('./generated/v2.3-CloudResources.js'), document: () => import('../../schemas/v2.3/CloudResources.json') },
  'v2.3/RouteTable': { checker: () => import('./generated/v2.3-RouteTable.check.js'), explainer: () => import('./generated/v2.3-RouteTable.js'), document: () => import('../../schemas/v2.3/RouteTable.json') },
  'v2.3/VirtualGateway': { checker: () => import('./generated/v2.3-VirtualGateway.check.js'), explainer: () => import('./generated/v2.3-VirtualGateway.js'), document: () => import('../../schemas/v2.3/VirtualGateway.json') },
  'v2.3/Workspace': { checker: () => import('./generated/v2.3-Workspace.check.js'), explainer: () => import('./generated/v2.3-Workspace.js'), document: () => import('../../schemas/v2.3/Workspace.json') },
  'v2.3/WorkspaceSettings': { checker: () => import('./generated/v2.3-WorkspaceSettings.check.js'), explainer: () => import('./generated/v2.3-WorkspaceSettings.js'), document: () => import('../../schemas/v2.3/WorkspaceSettings.json') },
  // the kinds checked against their CRD alone
  'v2.3/Dashboard': { checker: () => import('./generated/v2.3-Dashboard.check.js'), explainer: () => import('./generated/v2.3-Dashboard.js'), document: () => import('../../schemas/v2.3/Dashboard.json') },
  'v2.3/ExtAuthServer': { checker: () => import('./generated/v2.3-ExtAuthServer.check.js'), explainer: () => import('./generated/v2.3-ExtAuthServer.js'), document: () => import('../../schemas/v2.3/ExtAuthServer.json') },
  'v2.3/InsightsConfig': { checker: () => import('./generated/v2.3-InsightsConfig.check.js'), explainer: () => import('./generated/v2.3-InsightsConfig.js'), document: () => import('../../schemas/v2.3/InsightsConfig.json') },
  'v2.3/KubernetesCluster': { checker: () => import('./generated/v2.3-KubernetesCluster.check.js'), explainer: () => import('./generated/v2.3-KubernetesCluster.js'), document: () => import('../../schemas/v2.3/KubernetesCluster.json') },
  'v2.3/RateLimitServerConfig': { checker: () => import('./generated/v2.3-RateLimitServerConfig.check.js'), explainer: () => import('./generated/v2.3-RateLimitServerConfig.js'), document: () => import('../../schemas/v2.3/RateLimitServerConfig.json') },
  'v2.3/RateLimitServerSettings': { checker: () => import('./generated/v2.3-RateLimitServerSettings.check.js'), explainer: () => import('./generated/v2.3-RateLimitServerSettings.js'), document: () => import('../../schemas/v2.3/RateLimitServerSettings.json') },
  'v2.3/RootTrustPolicy': { checker: () => import('./generated/v2.3-RootTrustPolicy.check.js'), explainer: () => import('./generated/v2.3-RootTrustPolicy.js'), document: () => import('../../schemas/v2.3/RootTrustPolicy.json') },
  'v2.3/ExternalEndpoint': { checker: () => import('./generated/v2.3-ExternalEndpoint.check.js'), explainer: () => import('./generated/v2.3-ExternalEndpoint.js'), document: () => import('../../schemas/v2.3/ExternalEndpoint.json') },
  'v2.3/ExternalService': { checker: () => import('./generated/v2.3-ExternalService.check.js'), explainer: () => import('./generated/v2.3-ExternalService.js'), document: () => import('../../schemas/v2.3/ExternalService.json') },
  'v2.3/ExternalWorkload': { checker: () => import('./generated/v2.3-ExternalWorkload.check.js'), explainer: () => import('./generated/v2.3-ExternalWorkload.js'), document: () => import('../../schemas/v2.3/ExternalWorkload.json') },
  'v2.3/ProgressiveDelivery': { checker: () => import('./generated/v2.3-ProgressiveDelivery.check.js'), explainer: () => import('./generated/v2.3-ProgressiveDelivery.js'), document: () => import('../../schemas/v2.3/ProgressiveDelivery.json') },
  'v2.3/VirtualDestination': { checker: () => import('./generated/v2.3-VirtualDestination.check.js'), explainer: () => import('./generated/v2.3-VirtualDestination.js'), document: () => import('../../schemas/v2.3/VirtualDestination.json') },
};

export async function loadCheckers(keys: Iterable<SchemaKey>): Promise<Map<SchemaKey, ValidateFunction>> {
  const unique = [...new Set(keys)];
  const modules = await Promise.all(unique.map((key) => LOADERS[key].checker()));
  return new Map(unique.map((key, i) => [key, modules[i]!.default]));
}

export async function loadExplainer(key: SchemaKey): Promise<ValidateFunction> {
  return (await LOADERS[key].explainer()).default;
}

export async function loadSchemaDocument(key: SchemaKey): Promise<JsonSchema> {
  return (await LOADERS[key].document()).default as JsonSchema;
}
