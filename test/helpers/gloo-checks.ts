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
 * No Gateway CRD ships with the reference: its spec as solo-io/gloo's projects/gateway/api/v1/gateway.proto
 * and http_gateway.proto define it (commit 66e1b83), unknown fields rejected like the CRD checks.
 */
const GATEWAY_SPEC = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ssl: { type: 'boolean' },
    bindAddress: { type: 'string' },
    bindPort: { type: 'integer', minimum: 1, maximum: 65535 },
    options: { type: 'object' },
    useProxyProto: { type: 'boolean' },
    proxyNames: { type: 'array', items: { type: 'string' } },
    routeOptions: { type: 'object' },
    tcpGateway: { type: 'object' },
    hybridGateway: { type: 'object' },
    httpGateway: {
      type: 'object',
      additionalProperties: false,
      properties: {
        virtualServices: { type: 'array', items: { type: 'object', additionalProperties: false, properties: { name: { type: 'string' }, namespace: { type: 'string' } } } },
        virtualServiceSelector: { type: 'object', additionalProperties: { type: 'string' } },
        virtualServiceExpressions: { type: 'object' },
        virtualServiceNamespaces: { type: 'array', items: { type: 'string' } },
        options: { type: 'object' },
      },
    },
  },
};

/**
 * Validates a rendered resource the way `kubectl apply --validate=strict` would against the Gloo Edge
 * CRDs in schemas/upstream/gloo-edge: the spec against the CRD's openAPIV3Schema with every field the
 * CRD does not define rejected, and the object's identity and metadata.
 */
export function glooCrdErrors(resource: Record<string, any>): string[] {
  const key = `${resource.apiVersion}/${resource.kind}`;
  const file = FILES[key];
  if (!file && key !== 'gateway.solo.io/v1/Gateway') return [`no Gloo Edge CRD for ${key}`];
  let validate = validators.get(key);
  if (!validate && !file) {
    validate = new Ajv({ allErrors: true, strict: false }).compile(GATEWAY_SPEC);
    validators.set(key, validate);
  }
  if (!validate) {
    const crd = parseAllDocuments(readFileSync(join(ROOT, 'schemas/upstream/gloo-edge', file!), 'utf8')).map((d) => d.toJS()).find((d) => d?.kind === 'CustomResourceDefinition');
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

/** The retry conditions under which a request provably never reached the function (429: Lambda's own status, the filter running after the router); any other may re-run it. */
const NOT_SENT = new Set(['connect-failure', 'refused-stream', 'reset-before-request', 'retriable-status-codes']);
/** A protobuf JSON duration (`90s`, `1.5s`) in seconds. */
const durationSeconds = (d: string) => Number(String(d).replace(/s$/, ''));

/** Fields open-source Gloo does not honour (aws.proto marks them Enterprise-Only). */
const ENTERPRISE_ONLY = ['wrapAsApiGateway'];

/**
 * What a proxy team checks in rendered Gloo Edge resources before deploying them: each violation starts
 * with the property it breaks (docs/gloo-output.md has the reasons).
 */
export function glooBehaviourViolations(resources: Array<Record<string, any>>, edition: 'oss' | 'enterprise'): string[] {
  const v: string[] = [];
  const services = resources.filter((r) => r.kind === 'VirtualService');
  const gateways = resources.filter((r) => r.kind === 'Gateway');
  for (const vs of services) {
    for (const route of vs.spec.virtualHost.routes) {
      const destinations = route.routeAction?.single ? [route.routeAction.single] : (route.routeAction?.multi?.destinations ?? []).map((d: { destination: unknown }) => d.destination);
      const aws = destinations.map((d: any) => d.destinationSpec?.aws).filter(Boolean);
      // Gloo Edge: the route's own policy, else the virtual host's (plugins/basicroute/plugin.go; Envoy never merges them)
      const retries = route.options?.retries ?? vs.spec.virtualHost.options?.retries;
      const retryOn: string[] = String(retries?.retryOn ?? '').split(',').filter(Boolean);
      if (aws.length) {
        const reran = retryOn.filter((c) => !NOT_SENT.has(c));
        if (reran.length) v.push(`no-rerun: ${vs.metadata.name} ${route.name}: retryOn ${reran.join(',')} re-runs a function that ran`);
        if ((retries?.retriableStatusCodes ?? []).some((c: number) => c !== 429)) v.push(`no-rerun: ${vs.metadata.name} ${route.name}: retriable status codes other than 429`);
        if (aws.some((a: any) => a.invocationStyle === 'ASYNC') && retryOn.some((c) => c !== 'connect-failure')) v.push(`no-rerun: ${vs.metadata.name} ${route.name}: an asynchronous invocation retries after it may be queued`);
      }
      // timeouts: the stream may sit idle as long as the route waits. Gloo Edge's gateway keeps Envoy's 5
      // minutes unless its httpConnectionManagerSettings set streamIdleTimeout; a route's idleTimeout takes
      // their place. A route to Lambda waits at most the 15 minutes a function runs (0: no timeout)
      if (destinations.length) {
        const gatewayIdle = gateways.map((g) => g.spec.httpGateway?.options?.httpConnectionManagerSettings?.streamIdleTimeout).find(Boolean) ?? '300s';
        const timeout = durationSeconds(route.options?.timeout ?? '15s');
        const waits = aws.length ? (timeout === 0 ? 900 : Math.min(timeout, 900)) : timeout;
        const idle = durationSeconds(route.options?.idleTimeout ?? gatewayIdle);
        if (idle !== 0 && !(idle > waits)) v.push(`timeouts: ${vs.metadata.name} ${route.name}: an idle stream is ended at ${route.options?.idleTimeout ?? gatewayIdle}, before the route's ${route.options?.timeout ?? '15s'}`);
      }
      if (edition === 'oss') {
        for (const a of aws) for (const field of ENTERPRISE_ONLY) if (a[field] !== undefined) v.push(`edition: ${vs.metadata.name} ${route.name}: ${field} is Enterprise-only`);
      }
    }
  }
  // gateways: every VirtualService served by exactly one Gateway of its own SSL setting; no domain twice per Gateway
  const selects = (g: any, vs: any) =>
    (g.spec.httpGateway?.virtualServiceNamespaces ?? [vs.metadata.namespace]).includes(vs.metadata.namespace) &&
    Object.entries(g.spec.httpGateway?.virtualServiceSelector ?? {}).every(([k, val]) => vs.metadata.labels?.[k] === val) &&
    g.spec.ssl === (vs.spec.sslConfig !== undefined);
  for (const vs of services) {
    const by = gateways.filter((g) => selects(g, vs));
    if (by.length !== 1) v.push(`gateways: VirtualService ${vs.metadata.name} is served by ${by.length} Gateways`);
  }
  const ports = gateways.map((g) => g.spec.bindPort);
  if (new Set(ports).size !== ports.length) v.push(`gateways: two Gateways bind one port`);
  for (const g of gateways) {
    const mine = services.filter((vs) => selects(g, vs));
    // Envoy lower-cases the domains it is given before it looks for one written twice
    const domains: string[] = mine.flatMap((vs) => vs.spec.virtualHost.domains.map((d: string) => d.toLowerCase()));
    const twice = domains.filter((d, i) => domains.indexOf(d) !== i);
    if (twice.length) v.push(`unique-domains: Gateway ${g.metadata.name}: ${[...new Set(twice)].join(', ')} claimed twice`);
    if (g.spec.ssl && mine.filter((vs) => !vs.spec.sslConfig?.sniDomains?.length).length > 1) v.push(`sni: Gateway ${g.metadata.name}: two TLS VirtualServices without sniDomains share one filter chain match`);
  }
  return v;
}
