import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { toStrictJsonSchema } from '../../scripts/lib/strict-schema.mjs';
import { ROOT } from './run-cli';
import { goDurationSeconds } from '../../src/text/go-duration';

/** The CRDs of schemas/upstream (copies of the Gateway API standard channel and kgateway's Backend and TrafficPolicy). */
const CRDS: Record<string, { file: string; version: string }> = {
  'gateway.networking.k8s.io/v1/Gateway': { file: 'gateway-api/gateway.networking.k8s.io_gateways.yaml', version: 'v1' },
  'gateway.networking.k8s.io/v1/HTTPRoute': { file: 'gateway-api/gateway.networking.k8s.io_httproutes.yaml', version: 'v1' },
  'gateway.networking.k8s.io/v1beta1/ReferenceGrant': { file: 'gateway-api/gateway.networking.k8s.io_referencegrants.yaml', version: 'v1beta1' },
  'gateway.kgateway.dev/v1alpha1/Backend': { file: 'kgateway/gateway.kgateway.dev_backends.yaml', version: 'v1alpha1' },
  'gateway.kgateway.dev/v1alpha1/TrafficPolicy': { file: 'kgateway/gateway.kgateway.dev_trafficpolicies.yaml', version: 'v1alpha1' },
};

/**
 * kgateway's DirectResponse has no CRD in the reference: its spec as kgateway-dev/kgateway
 * api/v1alpha1/kgateway/direct_response_types.go defines it (commit af65a0e): `status` 200..599 required,
 * `body` 1..4096 characters, `bodyFormat` exclusive with `body` (gwctl never writes it).
 */
const DIRECT_RESPONSE_SPEC = {
  type: 'object',
  additionalProperties: false,
  required: ['status'],
  properties: { status: { type: 'integer', minimum: 200, maximum: 599 }, body: { type: 'string', minLength: 1, maxLength: 4096 }, bodyFormat: { type: 'object' } },
};

const validators = new Map<string, ValidateFunction>();

function validatorFor(key: string): ValidateFunction | undefined {
  let validate = validators.get(key);
  if (validate) return validate;
  if (key === 'gateway.kgateway.dev/v1alpha1/DirectResponse') validate = new Ajv({ allErrors: true, strict: false }).compile(DIRECT_RESPONSE_SPEC);
  else {
    const crd = CRDS[key];
    if (!crd) return undefined;
    const doc = parseAllDocuments(readFileSync(join(ROOT, 'schemas/upstream', crd.file), 'utf8')).map((d) => d.toJS()).find((d) => d?.kind === 'CustomResourceDefinition');
    const version = doc.spec.versions.find((v: { name: string }) => v.name === crd.version);
    validate = new Ajv({ allErrors: true, strict: false }).compile(toStrictJsonSchema(version.schema.openAPIV3Schema.properties.spec));
  }
  validators.set(key, validate);
  return validate;
}

/**
 * A rendered resource as `kubectl apply --validate=strict` would judge it against its CRD's
 * openAPIV3Schema (unknown fields rejected), plus the CEL rules of those CRDs that concern fields gwctl
 * writes, evaluated here by hand (celRuleErrors below). Other CEL rules are not evaluated: those on fields
 * gwctl never writes (CORS, mirrors, header modifiers, session persistence, static and GCP backends).
 */
export function gatewayApiErrors(resource: Record<string, any>): string[] {
  const key = `${resource.apiVersion}/${resource.kind}`;
  const validate = validatorFor(key);
  if (!validate) return [`no CRD for ${key}`];
  const errors: string[] = [];
  const { apiVersion: _a, kind: _k, metadata, spec, ...rest } = resource;
  for (const extra of Object.keys(rest)) errors.push(`/${extra}: not a field of ${key}`);
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(metadata?.name ?? '') || metadata.name.length > 253) errors.push(`/metadata/name: ${metadata?.name} is not a valid object name`);
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(metadata?.namespace ?? '') || metadata.namespace.length > 63) errors.push(`/metadata/namespace: ${metadata?.namespace} is not a valid namespace`);
  if (!validate(spec)) errors.push(...(validate.errors ?? []).map((e) => `/spec${e.instancePath}: ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`));
  return [...errors, ...celRuleErrors(resource)];
}

const PATH_CHARS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$/;

/** The CEL rules (x-kubernetes-validations) of the CRDs that concern what gwctl writes, by their messages. */
export function celRuleErrors(resource: Record<string, any>): string[] {
  const errors: string[] = [];
  const spec = resource.spec ?? {};
  if (resource.kind === 'HTTPRoute') {
    const rules: any[] = spec.rules ?? [];
    const total = rules.reduce((n, r) => n + (r.matches?.length ?? 1), 0);
    if (total > 127) errors.push('/spec/rules: While 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must be less than 128');
    const names = rules.map((r) => r.name).filter(Boolean);
    // not a CEL rule of this bundle, but a rule name is how a policy's sectionName picks a rule
    if (new Set(names).size !== names.length) errors.push('/spec/rules: rule names repeat within the route');
    rules.forEach((rule, i) => {
      const at = `/spec/rules/${i}`;
      const filters: any[] = rule.filters ?? [];
      const redirect = filters.some((f) => f.requestRedirect);
      if (redirect && (rule.backendRefs?.length ?? 0) > 0) errors.push(`${at}: RequestRedirect filter must not be used together with backendRefs`);
      const prefixRewrite = filters.some((f) => f.requestRedirect?.path?.type === 'ReplacePrefixMatch' || f.urlRewrite?.path?.type === 'ReplacePrefixMatch');
      if (prefixRewrite && !((rule.matches?.length ?? 0) === 1 && rule.matches[0].path?.type === 'PathPrefix')) errors.push(`${at}: When using a filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified`);
      filters.forEach((f, j) => {
        const field = { RequestRedirect: 'requestRedirect', URLRewrite: 'urlRewrite', ExtensionRef: 'extensionRef', RequestHeaderModifier: 'requestHeaderModifier', ResponseHeaderModifier: 'responseHeaderModifier', RequestMirror: 'requestMirror', CORS: 'cors' }[f.type as string];
        const set = Object.keys(f).filter((k) => k !== 'type');
        if (!field || set.length !== 1 || set[0] !== field) errors.push(`${at}/filters/${j}: filter ${f.type} must set ${field ?? 'its field'} and nothing else`);
        for (const p of [f.urlRewrite?.path, f.requestRedirect?.path].filter(Boolean)) {
          if ((p.type === 'ReplaceFullPath') !== (p.replaceFullPath !== undefined) || (p.type === 'ReplacePrefixMatch') !== (p.replacePrefixMatch !== undefined)) errors.push(`${at}/filters/${j}: path type and value disagree`);
        }
      });
      for (const type of ['RequestRedirect', 'URLRewrite']) if (filters.filter((f) => f.type === type).length > 1) errors.push(`${at}/filters: ${type} filter cannot be repeated`);
      if (filters.some((f) => f.type === 'RequestRedirect') && filters.some((f) => f.type === 'URLRewrite')) errors.push(`${at}/filters: May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both`);
      (rule.matches ?? []).forEach((m: any, j: number) => {
        // not CEL: the structural schema's `x-kubernetes-list-type: map` keyed by name, which the API
        // server enforces ("Duplicate value"); and a header name equivalent to an earlier one, which the
        // CRD accepts and an implementation "MUST" ignore, so that a second condition would be dropped
        for (const [field, fold] of [['headers', true], ['queryParams', false]] as const) {
          const names: string[] = (m[field] ?? []).map((x: any) => x.name);
          names.forEach((n, k) => {
            if (names.indexOf(n) < k) errors.push(`${at}/matches/${j}/${field}/${k}: Duplicate value: name ${n}`);
            else if (fold && names.findIndex((o) => o.toLowerCase() === n.toLowerCase()) < k) errors.push(`${at}/matches/${j}/${field}/${k}: header ${n} repeats an earlier equivalent name, which is ignored`);
          });
        }
        const p = m.path;
        if (!p || !['Exact', 'PathPrefix'].includes(p.type)) return;
        const v: string = p.value;
        const bad = [
          [!v.startsWith('/'), 'value must be an absolute path and start with \'/\' when type one of [\'Exact\', \'PathPrefix\']'],
          [v.includes('//'), 'must not contain \'//\''],
          [v.includes('/./'), 'must not contain \'/./\''],
          [v.includes('/../'), 'must not contain \'/../\''],
          [/%2f/i.test(v), 'must not contain \'%2f\' or \'%2F\''],
          [v.includes('#'), 'must not contain \'#\''],
          [v.endsWith('/..') || v.endsWith('/.'), 'must not end with \'/..\' or \'/.\''],
          [!PATH_CHARS.test(v), 'must only contain valid characters (matching ^(?:[-A-Za-z0-9/._~!$&\'()*+,;=:@]|[%][0-9a-fA-F]{2})+$)'],
        ] as const;
        for (const [failed, message] of bad) if (failed) errors.push(`${at}/matches/${j}/path: ${message}`);
      });
      (rule.backendRefs ?? []).forEach((b: any, j: number) => {
        if ((b.group ?? '') === '' && (b.kind ?? 'Service') === 'Service' && b.port === undefined) errors.push(`${at}/backendRefs/${j}: Must have port for Service reference`);
      });
    });
    const parents = (spec.parentRefs ?? []).map((p: any) => `${p.group ?? ''}|${p.kind ?? 'Gateway'}|${p.namespace ?? ''}|${p.name}|${p.sectionName ?? ''}`);
    if (new Set(parents).size !== parents.length) errors.push('/spec/parentRefs: sectionName or port must be unique when parentRefs includes 2 or more references to the same parent');
  }
  if (resource.kind === 'Gateway') {
    const names = (spec.listeners ?? []).map((l: any) => l.name);
    if (new Set(names).size !== names.length) errors.push('/spec/listeners: Listener name must be unique within the Gateway');
    const combos = (spec.listeners ?? []).map((l: any) => `${l.port}|${l.protocol}|${l.hostname ?? ''}`);
    if (new Set(combos).size !== combos.length) errors.push('/spec/listeners: Combination of port, protocol and hostname must be unique for each listener');
    (spec.listeners ?? []).forEach((l: any, i: number) => {
      if (l.protocol === 'HTTPS' && l.tls?.mode !== undefined && l.tls.mode !== 'Terminate') errors.push(`/spec/listeners/${i}: tls mode must be Terminate for protocol HTTPS`);
      if (l.protocol === 'HTTP' && l.tls) errors.push(`/spec/listeners/${i}: tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']`);
      if (l.tls?.mode === 'Terminate' && !(l.tls.certificateRefs?.length > 0)) errors.push(`/spec/listeners/${i}: certificateRefs or options must be specified when mode is Terminate`);
    });
  }
  if (resource.kind === 'TrafficPolicy' && spec.urlRewrite !== undefined && spec.urlRewrite.pathRegex === undefined) errors.push('/spec/urlRewrite: at least one of the fields in [pathRegex] must be set');
  if (resource.kind === 'Backend') {
    const kinds = ['aws', 'static', 'dynamicForwardProxy', 'gcp', 'priorityGroups'].filter((k) => spec[k] !== undefined);
    if (kinds.length !== 1) errors.push('/spec: exactly one of the fields in [aws static dynamicForwardProxy gcp priorityGroups] must be set');
    if (spec.type === 'AWS' && !spec.aws) errors.push('/spec: aws backend must be specified when type is \'AWS\'');
    const aws = spec.aws;
    if (aws) {
      if ([aws.lambda, aws.ec2].filter(Boolean).length !== 1) errors.push('/spec/aws: exactly one of the fields in [lambda ec2] must be set');
      if (aws.lambda && !aws.accountId && !aws.lambda.accountId) errors.push('/spec/aws: accountId must be specified on aws or aws.lambda for lambda');
      const auth = aws.auth;
      if (auth) {
        if ((auth.secretRef !== undefined) !== (auth.type === 'Secret')) errors.push('/spec/aws/auth: secretRef must be specified when, and only when, type is \'Secret\'');
        if ((auth.assumeRole !== undefined) !== (auth.type === 'AssumeRole')) errors.push('/spec/aws/auth: assumeRole must be specified when, and only when, type is \'AssumeRole\'');
      }
    }
  }
  return errors;
}

/** Every reference across namespaces is allowed by a ReferenceGrant; every ExtensionRef and Backend exists. */
export function unresolvedReferences(resources: Array<Record<string, any>>): string[] {
  const problems: string[] = [];
  const exists = new Set(resources.map((r) => `${r.kind}|${r.metadata.namespace}|${r.metadata.name}`));
  const granted = (from: string, toNs: string, group: string, kind: string) =>
    resources.some((g) => g.kind === 'ReferenceGrant' && g.metadata.namespace === toNs && g.spec.from.some((f: any) => f.kind === 'HTTPRoute' && f.namespace === from) && g.spec.to.some((t: any) => t.group === group && t.kind === kind));
  for (const route of resources.filter((r) => r.kind === 'HTTPRoute')) {
    const ns = route.metadata.namespace;
    for (const p of route.spec.parentRefs) if (!exists.has(`Gateway|${p.namespace ?? ns}|${p.name}`)) problems.push(`${route.metadata.name}: Gateway ${p.name} does not exist`);
    for (const rule of route.spec.rules) {
      for (const f of rule.filters ?? []) if (f.extensionRef && !exists.has(`${f.extensionRef.kind}|${ns}|${f.extensionRef.name}`)) problems.push(`${route.metadata.name}: ${f.extensionRef.kind} ${f.extensionRef.name} does not exist`);
      for (const b of rule.backendRefs ?? []) {
        const toNs = b.namespace ?? ns;
        if (b.kind === 'Backend' && !exists.has(`Backend|${toNs}|${b.name}`)) problems.push(`${route.metadata.name}: Backend ${toNs}/${b.name} does not exist`);
        if (toNs !== ns && !granted(ns, toNs, b.group ?? '', b.kind ?? 'Service')) problems.push(`${route.metadata.name}: ${b.kind ?? 'Service'} ${toNs}/${b.name} is RefNotPermitted (no ReferenceGrant)`);
      }
    }
  }
  return problems;
}

/**
 * Every forwarding rule's stream may sit idle as long as the rule waits: kgateway's gateway keeps Envoy's
 * 5 minutes unless a TrafficPolicy the rule refers to sets `timeouts.streamIdle` (the route's Envoy
 * idle_timeout), and a function's answer comes whole at its end. A rule to Lambda (a kgateway Backend)
 * waits at most the 15 minutes a function runs, however long its `timeouts.request` (0: none).
 */
export function streamIdleViolations(resources: Array<Record<string, any>>): string[] {
  const problems: string[] = [];
  const idleOf = new Map(resources.filter((r) => r.kind === 'TrafficPolicy').map((p) => [`${p.metadata.namespace}|${p.metadata.name}`, p.spec.timeouts?.streamIdle as string | undefined]));
  for (const route of resources.filter((r) => r.kind === 'HTTPRoute')) {
    for (const rule of route.spec.rules) {
      if (!rule.backendRefs?.length) continue;
      const timeout = goDurationSeconds(rule.timeouts?.request ?? '15s')!;
      const toLambda = rule.backendRefs.every((b: any) => b.kind === 'Backend');
      const waits = toLambda ? (timeout === 0 ? 900 : Math.min(timeout, 900)) : timeout;
      const set = (rule.filters ?? []).map((f: any) => f.extensionRef?.kind === 'TrafficPolicy' && idleOf.get(`${route.metadata.namespace}|${f.extensionRef.name}`)).find(Boolean);
      const idle = goDurationSeconds(set || '300s')!;
      if (idle !== 0 && !(idle > waits)) problems.push(`${route.metadata.name} ${rule.name}: a stream idle for ${set || '300s (Envoy\'s default)'} is ended before the rule's ${rule.timeouts?.request ?? '15s'}`);
    }
  }
  return problems;
}
