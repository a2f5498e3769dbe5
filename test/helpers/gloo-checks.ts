import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { toStrictJsonSchema } from '../../scripts/lib/strict-schema.mjs';
import { ROOT } from './run-cli';

const FILES: Record<string, string> = {
  'gloo.solo.io/v1/Upstream': 'gloo.solo.io_v1_Upstream.yaml',
  'gateway.solo.io/v1/VirtualService': 'gateway.solo.io_v1_VirtualService.yaml',
};

const validators = new Map<string, ValidateFunction>();

/**
 * Validates a rendered resource the way `kubectl apply --validate=strict` would against the Gloo Edge
 * CRDs in schemas/upstream/gloo-edge: the spec against the CRD's openAPIV3Schema with every field the
 * CRD does not define rejected, and the object's identity and metadata.
 */
export function glooCrdErrors(resource: Record<string, any>): string[] {
  const key = `${resource.apiVersion}/${resource.kind}`;
  const file = FILES[key];
  if (!file) return [`no Gloo Edge CRD for ${key}`];
  let validate = validators.get(key);
  if (!validate) {
    const crd = parseAllDocuments(readFileSync(join(ROOT, 'schemas/upstream/gloo-edge', file), 'utf8')).map((d) => d.toJS()).find((d) => d?.kind === 'CustomResourceDefinition');
    const version = crd.spec.versions.find((v: { name: string }) => v.name === 'v1');
    validate = new Ajv({ allErrors: true, strict: false }).compile(toStrictJsonSchema(version.schema.openAPIV3Schema.properties.spec));
    validators.set(key, validate);
  }
  const errors: string[] = [];
  const { apiVersion: _a, kind: _k, metadata, spec, ...rest } = resource;
  for (const extra of Object.keys(rest)) errors.push(`/${extra}: not a field of ${key}`);
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(metadata?.name ?? '') || metadata.name.length > 253) errors.push(`/metadata/name: ${metadata?.name} is not a valid object name`);
  for (const [k, v] of Object.entries(metadata?.labels ?? {})) if (typeof v !== 'string' || v.length > 63) errors.push(`/metadata/labels/${k}: invalid label value`);
  if (!validate(spec)) errors.push(...(validate.errors ?? []).map((e) => `/spec${e.instancePath}: ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`));
  return errors;
}

/** Every route's logicalName exists on the Upstream it routes to: the check `glooctl check` lacks. */
export function missingLogicalNames(resources: Array<Record<string, any>>): string[] {
  const upstreams = new Map(resources.filter((r) => r.kind === 'Upstream').map((u) => [`${u.metadata.namespace}/${u.metadata.name}`, new Set((u.spec.aws.lambdaFunctions ?? []).map((f: { logicalName: string }) => f.logicalName))]));
  const missing: string[] = [];
  for (const vs of resources.filter((r) => r.kind === 'VirtualService')) {
    for (const route of vs.spec.virtualHost.routes) {
      const destinations = route.routeAction?.single ? [route.routeAction.single] : (route.routeAction?.multi?.destinations ?? []).map((d: { destination: unknown }) => d.destination);
      for (const d of destinations) {
        const aws = d.destinationSpec?.aws;
        if (!aws) continue;
        const names = upstreams.get(`${d.upstream.namespace}/${d.upstream.name}`);
        if (!names?.has(aws.logicalName)) missing.push(`${vs.metadata.name} ${route.name}: ${aws.logicalName} is not on Upstream ${d.upstream.namespace}/${d.upstream.name}`);
      }
    }
  }
  return missing;
}
