import type { ValidateFunction } from 'ajv';
import type { JsonSchema } from './json-schema';
import type { SchemaKey } from './schema-key';

interface Loaders {
  /** the validator precompiled by scripts/build.mjs: loaded for every run that meets the kind */
  readonly validator: () => Promise<{ default: ValidateFunction }>;
  /** the schema document: loaded only to explain a failure */
  readonly document: () => Promise<{ default: unknown }>;
}

// Static import() paths, so that the bundler makes each of them a chunk of its own.
const LOADERS: Record<SchemaKey, Loaders> = {
  'v2.2/CloudProvider': { validator: () => import('./generated/v2.2-CloudProvider.js'), document: () => import('../../schemas/v2.2/CloudProvider.json') },
  'v2.2/CloudResources': { validator: () => import('./generated/v2.2-CloudResources.js'), document: () => import('../../schemas/v2.2/CloudResources.json') },
  'v2.2/RouteTable': { validator: () => import('./generated/v2.2-RouteTable.js'), document: () => import('../../schemas/v2.2/RouteTable.json') },
  'v2.2/WorkspaceSettings': { validator: () => import('./generated/v2.2-WorkspaceSettings.js'), document: () => import('../../schemas/v2.2/WorkspaceSettings.json') },
  'v2.3/CloudProvider': { validator: () => import('./generated/v2.3-CloudProvider.js'), document: () => import('../../schemas/v2.3/CloudProvider.json') },
  'v2.3/CloudResources': { validator: () => import('./generated/v2.3-CloudResources.js'), document: () => import('../../schemas/v2.3/CloudResources.json') },
  'v2.3/RouteTable': { validator: () => import('./generated/v2.3-RouteTable.js'), document: () => import('../../schemas/v2.3/RouteTable.json') },
  'v2.3/VirtualGateway': { validator: () => import('./generated/v2.3-VirtualGateway.js'), document: () => import('../../schemas/v2.3/VirtualGateway.json') },
  'v2.3/Workspace': { validator: () => import('./generated/v2.3-Workspace.js'), document: () => import('../../schemas/v2.3/Workspace.json') },
  'v2.3/WorkspaceSettings': { validator: () => import('./generated/v2.3-WorkspaceSettings.js'), document: () => import('../../schemas/v2.3/WorkspaceSettings.json') },
};

export async function loadValidators(keys: Iterable<SchemaKey>): Promise<Map<SchemaKey, ValidateFunction>> {
  const unique = [...new Set(keys)];
  const modules = await Promise.all(unique.map((key) => LOADERS[key].validator()));
  return new Map(unique.map((key, i) => [key, modules[i]!.default]));
}

export async function loadSchemaDocument(key: SchemaKey): Promise<JsonSchema> {
  return (await LOADERS[key].document()).default as JsonSchema;
}
