#!/usr/bin/env node
// Generates the strict JSON Schemas in schemas/v2.2 and schemas/v2.3 from the Gloo Platform 2.14 CRDs
// (schemas/upstream) and the 2.2 dialect source (schemas/source/v2.2.yaml).
//
// Why generate: the 2.3+ schemas must allow every field the real CRDs allow and nothing else; deriving
// them keeps that true when the CRDs are refreshed, and the refinements below add what the CRDs leave to
// the server (AWS id patterns, hosts, ports, required fields).
//
//   node scripts/generate-schemas.mjs          write the files
//   node scripts/generate-schemas.mjs --check  exit 1 if a committed file differs (used by the tests)
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, parse } from 'yaml';
import { toStrictJsonSchema } from './lib/strict-schema.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schemasDir = join(root, 'schemas');
const patterns = JSON.parse(readFileSync(join(schemasDir, 'source/patterns.json'), 'utf8'));
const v22 = parse(readFileSync(join(schemasDir, 'source/v2.2.yaml'), 'utf8'));

/** The schemas gwctl validates with, per dialect: where each spec schema comes from. */
export const KINDS = [
  { kind: 'CloudProvider', group: 'infrastructure.gloo.solo.io', dialect: 'v2.3', crd: 'infrastructure.gloo.solo.io.yaml' },
  { kind: 'CloudResources', group: 'infrastructure.gloo.solo.io', dialect: 'v2.3', crd: 'infrastructure.gloo.solo.io.yaml' },
  { kind: 'RouteTable', group: 'networking.gloo.solo.io', dialect: 'v2.3', crd: 'networking.gloo.solo.io.yaml' },
  { kind: 'VirtualGateway', group: 'networking.gloo.solo.io', dialect: 'v2.3', crd: 'networking.gloo.solo.io.yaml' },
  { kind: 'Workspace', group: 'admin.gloo.solo.io', dialect: 'v2.3', crd: 'admin.gloo.solo.io.yaml' },
  { kind: 'WorkspaceSettings', group: 'admin.gloo.solo.io', dialect: 'v2.3', crd: 'admin.gloo.solo.io.yaml' },
  { kind: 'CloudProvider', group: 'networking.gloo.solo.io', dialect: 'v2.2', source: 'CloudProvider' },
  { kind: 'CloudResources', group: 'networking.gloo.solo.io', dialect: 'v2.2', source: 'CloudResources' },
  { kind: 'RouteTable', group: 'networking.gloo.solo.io', dialect: 'v2.2', crd: 'networking.gloo.solo.io.yaml', patch: patchRouteTable22 },
  // VirtualGateway and Workspace did not change between the dialects: the v2.3 schema serves both.
  { kind: 'WorkspaceSettings', group: 'admin.gloo.solo.io', dialect: 'v2.2', crd: 'admin.gloo.solo.io.yaml', patch: patchWorkspaceSettings22 },
  // the kinds checked against their CRD alone (src/load/kinds.ts, CRD_CHECKED_KINDS), at the version it serves
  ...['Dashboard', 'ExtAuthServer', 'InsightsConfig', 'KubernetesCluster', 'RateLimitServerConfig', 'RateLimitServerSettings', 'RootTrustPolicy'].map((kind) => crdOnly(kind, 'admin.gloo.solo.io')),
  ...['ExternalEndpoint', 'ExternalService', 'ExternalWorkload', 'ProgressiveDelivery', 'VirtualDestination'].map((kind) => crdOnly(kind, 'networking.gloo.solo.io')),
];

function crdOnly(kind, group) {
  return { kind, group, dialect: 'v2.3', crd: `${group}.yaml`, crdOnly: true };
}

// Refinements: keyed by a path suffix in the schema's own path syntax (`a.b[].c`, `{*}` for map values).
// A key matches every path equal to it or ending in `.key`.
const pat = (name) => ({ pattern: patterns[name].pattern });

// A selector's labels compare with objects' labels as written: a key or value no label can have (metadata's
// rules below) matches nothing. The schema says so; explain-errors.ts makes it GW2013, a warning, since
// neither the API server nor Gloo refuses the selector. The CRDs' own description is kept.
const SELECTOR_LABELS = { propertyNames: pat('labelKey'), additionalProperties: { type: 'string', ...pat('labelValue') } };
const port = { minimum: 1, maximum: 65535 };
const REFINEMENTS = {
  CloudProvider: {
    spec: { required: ['aws'] },
    'spec.aws': { required: ['accountId', 'region'] },
    'spec.aws.accountId': pat('awsAccountId'),
    'spec.aws.region': pat('awsRegion'),
    // where the gateway gets its credentials: text that names no host (a guide's `${STS_ENDPOINT}`) gets
    // none, and every function of the provider fails
    'spec.aws.stsEndpoint': { ...pat('stsEndpoint'), maxLength: 263 },
    'spec.aws.lambda.invokeRoleName': pat('iamRoleName'),
    'spec.aws.lambda.discovery.roleName': pat('iamRoleName'),
  },
  CloudResources: {
    spec: { required: ['provider'] },
    'spec.provider': pat('dnsSubdomain'),
    'lambda[]': { required: ['lambdaFunctionName'] },
    'lambda[].lambdaFunctionName': pat('lambdaFunctionName'),
    'lambda[].qualifier': pat('lambdaQualifier'),
    'lambda[].logicalName': { minLength: 1 },
  },
  RouteTable: {
    'spec.hosts[]': pat('host'),
    // a delegate's tables, the sidecars' workloads, a destination's endpoints (a subset) and a policy's
    // destinations are selected by labels
    'routeTables[].labels': SELECTOR_LABELS,
    'selector.labels': SELECTOR_LABELS,
    'destinations[].subset': SELECTOR_LABELS,
    'defaultDestination.subset': SELECTOR_LABELS,
    'spec.virtualGateways[]': { required: ['name'] },
    'destinations[].awsLambda': { required: ['cloudProvider', 'function'] },
    'defaultDestination.awsLambda': { required: ['cloudProvider', 'function'] },
    'awsLambda.cloudProvider': { required: ['name'] },
    'awsLambda.function': pat('lambdaFunctionName'),
    'awsLambda.qualifier': pat('lambdaQualifier'),
    'destinations[].ref': { required: ['name'] },
    // a reference names a Kubernetes object: a name no object can have never resolves (the namespace may be
    // empty, the referring resource's own: references.proto)
    'ref.name': { ...pat('dnsSubdomain'), maxLength: 253 },
    'ref.namespace': { ...pat('namespaceRef'), maxLength: 63 },
    'cloudProvider.name': { ...pat('dnsSubdomain'), maxLength: 253 },
    'cloudProvider.namespace': { ...pat('namespaceRef'), maxLength: 63 },
    'spec.virtualGateways[].name': { ...pat('dnsSubdomain'), maxLength: 253 },
    'spec.virtualGateways[].namespace': { ...pat('namespaceRef'), maxLength: 63 },
    // every reference's and selector's cluster: the name of a KubernetesCluster resource, which the API
    // server validates as a DNS subdomain like every custom resource's name; empty is the referring
    // resource's own (references.proto) or any (selectors.proto). A manifest copied from a guide keeps
    // its `${CLUSTER_NAME}`: kubectl applies it as written and the reference finds nothing
    cluster: { ...pat('clusterName'), maxLength: 253 },
    'port.number': port,
    // 0 is no port, as the CRD allows: Istio skips a route for another listener port only when `Port != 0`
    'matchers[].port': { minimum: 0, maximum: 65535 },
    'directResponse.status': { minimum: 100, maximum: 599 },
    // route_table.proto's configuration constraints for both ("Hostnames must be 1 - 255 characters ...");
    // Envoy refuses a line break in any of the four (route_components.proto: HTTP_HEADER_VALUE, strict: false)
    'redirect.hostRedirect': { ...pat('hostName'), maxLength: 255 },
    'forwardTo.hostRewrite': { ...pat('hostName'), maxLength: 255 },
    'redirect.pathRedirect': pat('pathText'),
    'forwardTo.pathRewrite': pat('pathText'),
    'regexRewrite.substitution': pat('pathText'),
    'aws.accountIds[]': pat('awsAccountId'),
    'aws.regions[]': pat('awsRegion'),
    'function.logicalName': { minLength: 1 },
    'destinations[].function': { required: ['logicalName'] },
  },
  VirtualGateway: {
    'spec.listeners[].port.number': port,
    // the gateway's workloads, the tables a listener admits, its external services
    'selector.labels': SELECTOR_LABELS,
    // "a dnsName, with an optional `namespace/` prefix" (virtual_gateway.proto, RouteTableFilter.host), as
    // Istio's Gateway hosts are written: text that names no host (a guide's `${DOMAIN}`) admits no table
    'allowedRouteTables[].host': { ...pat('listenerHost'), maxLength: 320 },
    // the name of a Kubernetes Secret: a name no Secret can have is never found
    'tls.secretName': { ...pat('dnsSubdomain'), maxLength: 253 },
    // the workloads' and allowed tables' cluster, as in RouteTable
    cluster: { ...pat('clusterName'), maxLength: 253 },
    'aws.accountIds[]': pat('awsAccountId'),
    'aws.regions[]': pat('awsRegion'),
  },
  Workspace: {
    // globs of names: a character no cluster's or namespace's name holds (a guide's `${CLUSTER_NAME}`
    // committed unexpanded) makes the entry select nothing (selectors.proto, ClusterSelector)
    'workloadClusters[].name': pat('clusterGlob'),
    'namespaces[].name': pat('namespaceGlob'),
    // the namespaces an entry claims, by their labels
    'namespaces[].labels': SELECTOR_LABELS,
  },
  WorkspaceSettings: {
    // the resources exported and imported, the workspaces by their labels, east-west gateways, federated services
    'resources[].labels': SELECTOR_LABELS,
    'workspaces[].selector': SELECTOR_LABELS,
    'selector.labels': SELECTOR_LABELS,
    'serviceSelector[].labels': SELECTOR_LABELS,
  },
};

// 2.2 RouteTable destinations name a CloudProvider with `ref` + `kind: CLOUD_PROVIDER` and a `function`
// instead of the 2.3+ `awsLambda`. Every destination in the table (http, tcp, tls, defaultDestination) changes.
function patchRouteTable22(spec) {
  walk(spec, (node) => {
    const props = node.properties;
    if (!props || !props.awsLambda || !props.kind) return;
    delete props.awsLambda;
    props.function = structuredClone(v22.RouteTableDestinationFunction);
    props.kind = { ...props.kind, enum: [...props.kind.enum, 'CLOUD_PROVIDER'] };
    delete node.oneOf; // the 2.3+ `ref` xor `awsLambda` no longer applies: a 2.2 Lambda destination has both ref and function
  });
}

// 2.2 could export and import CloudProviders by kind; 2.3 moved them under ALL.
function patchWorkspaceSettings22(spec) {
  walk(spec, (node) => {
    if (node.properties?.kind?.enum?.includes('ROUTE_TABLE')) {
      node.properties.kind = { ...node.properties.kind, enum: [...node.properties.kind.enum, 'CLOUD_PROVIDER'] };
    }
  });
}

function walk(node, visit) {
  if (!node || typeof node !== 'object') return;
  visit(node);
  for (const child of Object.values(node.properties ?? {})) walk(child, visit);
  if (node.items) walk(node.items, visit);
  if (typeof node.additionalProperties === 'object') walk(node.additionalProperties, visit);
}

const crdCache = new Map();
function crdSpecSchema(file, kind) {
  if (!crdCache.has(file)) {
    const docs = parseAllDocuments(readFileSync(join(schemasDir, 'upstream/gloo-platform-2.14', file), 'utf8'));
    crdCache.set(file, docs.map((d) => d.toJS()).filter(Boolean));
  }
  const crd = crdCache.get(file).find((c) => c.spec?.names?.kind === kind);
  if (!crd) throw new Error(`no CRD for ${kind} in ${file}`);
  const served = crd.spec.versions.filter((v) => v.served);
  if (served.length !== 1) throw new Error(`${kind}: its CRD serves ${served.length} versions, where gwctl checks one`);
  return { version: served[0].name, spec: structuredClone(served[0].schema.openAPIV3Schema.properties.spec) };
}

function applyRefinements(schema, kind) {
  const rules = REFINEMENTS[kind];
  const visit = (node, path) => {
    for (const [suffix, patch] of Object.entries(rules)) {
      if (path !== suffix && !path.endsWith('.' + suffix)) continue;
      for (const [k, v] of Object.entries(patch)) {
        node[k] = k === 'required' ? [...new Set([...(node[k] ?? []), ...v])] : v;
      }
    }
    for (const [k, child] of Object.entries(node.properties ?? {})) visit(child, `${path}.${k}`);
    if (node.items) visit(node.items, `${path}[]`);
    if (typeof node.additionalProperties === 'object') visit(node.additionalProperties, `${path}{*}`);
  };
  visit(schema, 'spec');
}

const OBJECT_META = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', maxLength: 253, ...pat('dnsSubdomain') },
    namespace: { type: 'string', maxLength: 63, ...pat('dnsLabel') },
    // the API server refuses an object whose label or annotation keys are not qualified names, or whose
    // label values are not label values (k8s.io/apimachinery pkg/api/validation/objectmeta.go,
    // ValidateAnnotations: IsQualifiedName of the key lower-cased; pkg/apis/meta/v1/validation,
    // ValidateLabels: IsQualifiedName, IsValidLabelValue)
    labels: { type: 'object', propertyNames: pat('labelKey'), additionalProperties: { type: 'string', ...pat('labelValue') } },
    annotations: { type: 'object', propertyNames: pat('annotationKey'), additionalProperties: { type: 'string' } },
    // what `kubectl get -o yaml` and `kubectl create --dry-run` add; accepted and ignored
    creationTimestamp: { type: ['string', 'null'] },
    deletionTimestamp: { type: ['string', 'null'] },
    deletionGracePeriodSeconds: { type: 'integer' },
    generateName: { type: 'string' },
    generation: { type: 'integer' },
    resourceVersion: { type: 'string' },
    selfLink: { type: 'string' },
    uid: { type: 'string' },
    finalizers: { type: 'array', items: { type: 'string' } },
    managedFields: { type: 'array', items: { type: 'object' } },
    ownerReferences: { type: 'array', items: { type: 'object' } },
  },
};

// the same fields as the policies' metadata is checked for (src/load/check-policy.ts): one list, kept here
const OBJECT_META_FIELDS = JSON.parse(readFileSync(join(schemasDir, 'source/object-meta-fields.json'), 'utf8')).fields;
if (JSON.stringify(Object.keys(OBJECT_META.properties)) !== JSON.stringify(OBJECT_META_FIELDS)) {
  throw new Error('schemas/source/object-meta-fields.json and OBJECT_META list different fields');
}

export function buildSchema(entry) {
  const { version, spec } = entry.crd ? crdSpecSchema(entry.crd, entry.kind) : { version: 'v2', spec: structuredClone(v22[entry.source]) };
  entry.patch?.(spec);
  const strictSpec = toStrictJsonSchema(spec);
  if (REFINEMENTS[entry.kind]) applyRefinements(strictSpec, entry.kind);
  else if (!entry.crdOnly) throw new Error(`${entry.kind}: a kind gwctl models has no refinements`);
  const dialectName = entry.crdOnly ? 'Gloo Platform 2.14, its CRD alone' : entry.dialect === 'v2.2' ? 'Gloo Platform 2.2' : 'Gloo Platform 2.3 and later (CRDs of 2.14)';
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://gwctl.dev/schemas/${entry.dialect}/${entry.kind}.json`,
    title: `${entry.kind} (${entry.group}/${version}, ${dialectName})`,
    description: `Strict schema generated by scripts/generate-schemas.mjs; unknown fields are rejected.`,
    type: 'object',
    additionalProperties: false,
    // the API server requires no `spec` of any of these CRDs; gwctl does of the kinds it models, whose
    // objects say nothing without one, and not of the kinds checked against their CRD alone
    required: entry.crdOnly ? ['apiVersion', 'kind', 'metadata'] : ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: {
      apiVersion: { const: `${entry.group}/${version}` },
      kind: { const: entry.kind },
      metadata: OBJECT_META,
      spec: strictSpec,
      status: { type: 'object', description: 'Written by the server; ignored.' },
    },
  };
}

export function schemaPath(entry) {
  return join(schemasDir, entry.dialect, `${entry.kind}.json`);
}

function main() {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const entry of KINDS) {
    const text = JSON.stringify(buildSchema(entry), null, 2) + '\n';
    const file = schemaPath(entry);
    if (check) {
      let current = '';
      try { current = readFileSync(file, 'utf8'); } catch { /* missing counts as stale */ }
      if (current !== text) { console.error(`stale: ${file}`); stale++; }
    } else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  }
  if (stale) { console.error('run: node scripts/generate-schemas.mjs'); process.exit(1); }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
