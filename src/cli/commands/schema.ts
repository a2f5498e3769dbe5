import { join } from 'node:path';
import { UsageError } from '../../errors';
import type { Host } from '../../host/host';
import { API_VERSIONS, CRD_CHECKED_KINDS } from '../../load/kinds';
import { POLICY_KINDS, policyJsonSchema } from '../../schema/policy-json-schema';
import { loadSchemaDocument } from '../../schema/schema-loaders';
import type { SchemaKey } from '../../schema/schema-key';
import { printable } from '../../text/printable';

const KEYS: readonly SchemaKey[] = [
  'v2.2/CloudProvider', 'v2.2/CloudResources', 'v2.2/RouteTable', 'v2.2/WorkspaceSettings',
  'v2.3/CloudProvider', 'v2.3/CloudResources', 'v2.3/RouteTable', 'v2.3/VirtualGateway', 'v2.3/Workspace', 'v2.3/WorkspaceSettings',
  ...Object.keys(CRD_CHECKED_KINDS).map((kind) => `v2.3/${kind}` as SchemaKey),
];

/** The policies' schemas, written from the shapes validate checks them against (`policy/JWTPolicy`). */
const POLICIES: readonly string[] = POLICY_KINDS.map((p) => `policy/${p.kind}`);

const GWCTL: Record<string, () => Promise<{ default: unknown }>> = {
  'gwctl/routing-tests.schema': () => import('../../../schemas/gwctl/routing-tests.schema.json'),
  'gwctl/config.schema': () => import('../../../schemas/gwctl/config.schema.json'),
};

/**
 * `gwctl schema`: the JSON Schemas gwctl validates with, for editors (the YAML language server reads a
 * `# yaml-language-server: $schema=...` line). With --out-dir every schema is written, and
 * `manifests.schema.json` beside them picks the right one by apiVersion and kind, so that one line at the
 * top of any manifest file gives completion and errors while typing. With a name, that schema is
 * printed; with neither, the names are listed.
 */
export async function schema(host: Host, name: string | undefined, flags: { outDir?: string }): Promise<number> {
  const all = [...KEYS, ...POLICIES, ...Object.keys(GWCTL)];
  const load = async (key: string) =>
    key in GWCTL
      ? (await GWCTL[key]!()).default
      : key.startsWith('policy/')
        ? // the metadata every generated schema has, one definition (scripts/generate-schemas.mjs)
          policyJsonSchema(key.slice('policy/'.length), (await loadSchemaDocument('v2.3/Workspace')).properties!.metadata)
        : await loadSchemaDocument(key as SchemaKey);
  if (flags.outDir) {
    const info = await host.stat(flags.outDir);
    if (!info?.isDirectory) throw new UsageError(`--out-dir ${flags.outDir}: not a directory`);
    // the folder may come from a pull request: a link where gwctl writes (a file, or one of its
    // subfolders) would send a schema elsewhere, so files replace links and linked subfolders are refused
    const root = await host.realpath(flags.outDir);
    for (const folder of new Set(all.map((key) => key.split('/')[0]!))) {
      const path = join(flags.outDir, folder);
      if ((await host.stat(path)) && (await host.realpath(path)) !== join(root, folder)) throw new UsageError(`--out-dir ${flags.outDir}: ${folder} is a symbolic link; gwctl writes its schemas only into folders of its own (remove the link)`);
    }
    for (const key of all) await writeJson(host, join(flags.outDir, `${key}.json`), await load(key));
    await writeJson(host, join(flags.outDir, 'manifests.schema.json'), manifestsSchema());
    host.stderr.write(printable(`gwctl: wrote ${all.length + 1} schemas to ${flags.outDir}; start a manifest with # yaml-language-server: $schema=${join(flags.outDir, 'manifests.schema.json')}`) + '\n');
    return 0;
  }
  if (name === undefined) {
    host.stdout.write(all.join('\n') + '\n');
    return 0;
  }
  const key = all.find((k) => k === name || k === name.replace(/\.json$/, ''));
  if (!key) throw new UsageError(`no schema ${name}; one of: ${all.join(', ')}`);
  host.stdout.write(JSON.stringify(await load(key), null, 2) + '\n');
  return 0;
}

async function writeJson(host: Host, path: string, value: unknown): Promise<void> {
  await host.mkdirp(join(path, '..'));
  await host.writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n', { replaceLink: true });
}

/** One schema for any manifest: the schema of its apiVersion and kind (both dialects where they share the apiVersion). */
function manifestsSchema(): unknown {
  const branches = Object.entries(API_VERSIONS).flatMap(([kind, versions]) =>
    Object.entries(versions).map(([apiVersion, dialect]) => {
      // every kind of API_VERSIONS has a schema in each dialect its apiVersion stands for
      const refs = KEYS.filter((k) => k.endsWith(`/${kind}`) && (dialect === 'both' || k.startsWith(`${dialect}/`)));
      return {
        if: { properties: { apiVersion: { const: apiVersion }, kind: { const: kind } }, required: ['apiVersion', 'kind'] },
        then: refs.length === 1 ? { $ref: `${refs[0]}.json` } : { anyOf: refs.map((r) => ({ $ref: `${r}.json` })) },
      };
    }),
  );
  // and each kind checked against its CRD alone, at the one version its CRD serves
  const checked = Object.entries(CRD_CHECKED_KINDS).map(([kind, apiVersion]) => ({
    if: { properties: { apiVersion: { const: apiVersion }, kind: { const: kind } }, required: ['apiVersion', 'kind'] },
    then: { $ref: `v2.3/${kind}.json` },
  }));
  // and each policy kind, at the one version its CRD serves
  const policies = POLICY_KINDS.map(({ kind, group }) => ({
    if: { properties: { apiVersion: { const: `${group}/v2` }, kind: { const: kind } }, required: ['apiVersion', 'kind'] },
    then: { $ref: `policy/${kind}.json` },
  }));
  return { $schema: 'http://json-schema.org/draft-07/schema#', title: 'Gloo Platform resources gwctl reads', allOf: [...branches, ...checked, ...policies] };
}
