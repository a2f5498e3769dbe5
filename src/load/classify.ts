import { asArray, describeShape, isObject, obj, str, stringMap, type Obj } from '../data/values';
import { finding, type Finding } from '../diagnostics/finding';
import { nodeAnchor } from '../source/anchor';
import type { ManifestDocument } from '../source/manifest-document';
import type { ParsedDocument } from './parse-documents';
import { closest } from '../text/closest';
import { plural } from '../text/plural';
import { readRetryTimeoutConfig } from './retry-timeout-config';
import { own } from '../data/own';
import { API_VERSIONS, CRD_CHECKED_KINDS, crdCheckedKind, GROUP_KINDS, groupOf, isKnownKind, KNOWN_GROUPS, OTHER_PRODUCTS, POLICY_GROUPS, servedVersion, type Dialect, type KnownKind } from './kinds';
import type { CheckedObject, PolicyObject, Resource } from './resource';
import type { PolicyNode } from '../model/types';
import { appliesTo } from './policy-applies-to';
import { checkPolicy } from './check-policy';
import { policyDestinations } from './policy-destinations';
import type { SourceFile } from '../source/source-file';
import type { Kustomized } from './collect-inputs';
import type { ResourceRef } from '../diagnostics/finding';

export interface Classified {
  readonly resources: Resource[];
  /** objects of the kinds checked against their CRD alone (CRD_CHECKED_KINDS), of which no output is made */
  readonly checked: CheckedObject[];
  readonly findings: Finding[];
  /** objects not checked, counted by why: a kind name, or "not a manifest" */
  readonly skipped: Map<string, number>;
  /**
   * the labels of every Namespace object in the input (counted as skipped too): a Workspace may select
   * its namespaces by label (model/workspaces.ts)
   */
  readonly namespaceLabels: Map<string, Readonly<Record<string, string>>>;
  /** Gloo Platform policies, as the model reads them: no target renders them (emit/unrendered-policies.ts) */
  readonly policies: PolicyNode[];
  /**
   * the policies checked against their kind's CRD (a kind its group defines, at the version it serves),
   * counted as checked, as the CRD-checked kinds are: what the reports list as passed, and where a
   * `gwctl.dev/suppress` annotation is read from
   */
  readonly policyObjects: PolicyObject[];
}


/** Sorts the documents into Gloo resources to check, and everything else, which is counted. */
export function classify(documents: readonly ParsedDocument[], kustomized: ReadonlyMap<SourceFile, Kustomized> = new Map()): Classified {
  const out: Classified = { resources: [], checked: [], findings: [], skipped: new Map(), namespaceLabels: new Map(), policies: [], policyObjects: [] };
  const notManifests = new Map<ManifestDocument['file'], { first: ManifestDocument; count: number }>();
  for (const { doc, value } of documents) visit(doc, value, '', out, true, kustomized.get(doc.file), notManifests);
  // one note per file, on its first such document: a file of a million tiny documents is one finding
  for (const { first, count } of notManifests.values()) {
    out.findings.push(finding('GW1104', { more: count > 1 ? `, nor do ${plural(count - 1, 'more document')} of this file` : '' }, nodeAnchor(first, '')));
  }
  if (kustomized.size > 0) reportRefusedBuilds(out, kustomized);
  return out;
}

/**
 * GW1109, once per file a kustomization builds into what no cluster takes (KustomizeRefusal), on the
 * file's first resource: every resource of the file is refused alike, and one error says so.
 */
function reportRefusedBuilds(out: Classified, kustomized: ReadonlyMap<SourceFile, Kustomized>): void {
  const byFile = new Map<SourceFile, { first: CheckedObject | PolicyObject; count: number }>();
  // the objects checked against their CRD alone, and the policies, are built alike, and refused alike
  for (const r of [...out.resources, ...out.checked, ...out.policyObjects]) {
    if (!kustomized.get(r.doc.file)?.refused) continue;
    const seen = byFile.get(r.doc.file);
    if (seen) seen.count++;
    else byFile.set(r.doc.file, { first: r, count: 1 });
  }
  for (const [file, { first, count }] of byFile) {
    const { kustomization, refused } = kustomized.get(file)!;
    const more = count > 1 ? ` and ${plural(count - 1, 'more resource')} of this file` : '';
    const at = nodeAnchor(first.doc, first.pointer + (isObject(first.value.metadata) ? '/metadata' : ''));
    out.findings.push(finding('GW1109', { kustomization, kind: first.kind, name: first.ref.name, more, field: refused!.field, value: refused!.value, why: refused!.why }, at, { resource: first.ref }));
  }
}

function skip(out: Classified, reason: string): void {
  out.skipped.set(reason, (out.skipped.get(reason) ?? 0) + 1);
}

function visit(
  doc: ManifestDocument,
  value: unknown,
  pointer: string,
  out: Classified,
  top: boolean,
  kustomized: Kustomized | undefined,
  notManifests?: Map<ManifestDocument['file'], { first: ManifestDocument; count: number }>,
): void {
  const at = (p = '', part: 'key' | 'value' = 'value') => nodeAnchor(doc, pointer + p, part);
  if (!isObject(value)) {
    // its shape, not its text: a document that is no mapping may be any file (README, Untrusted input)
    out.findings.push(finding('GW1008', { actual: describeShape(value) }, at()));
    return;
  }
  const apiVersion = str(value.apiVersion);
  const kind = str(value.kind);
  const list = kind !== undefined && (kind === 'List' || kind.endsWith('List')) && 'items' in value;
  if (list && !top && Array.isArray(value.items)) {
    // kubectl decodes a List's items as plain objects, and one that is a List again is no list to it:
    // `kubectl apply` refuses it ("*unstructured.Unstructured is not a list: no Items field in this
    // object", kubectl v1.32, k8s.io/cli-runtime resource/visitor.go FlattenListVisitor), and nothing
    // of it is applied
    out.findings.push(finding('GW1015', { detail: `a ${kind} inside a List's items, which kubectl refuses ("is not a list: no Items field in this object"): nothing of it is applied; put its items in the outer list` }, at('/kind')));
    skip(out, kind);
    return;
  }
  if (top && list) {
    if (!Array.isArray(value.items)) {
      out.findings.push(finding('GW1105', { kind }, at('/items', 'key')));
      return;
    }
    value.items.forEach((item, i) => visit(doc, item, `${pointer}/items/${i}`, out, false, kustomized));
    return;
  }
  if (apiVersion === undefined || kind === undefined) {
    const related = (kind !== undefined && isKnownKind(kind)) || (apiVersion !== undefined && KNOWN_GROUPS.has(groupOf(apiVersion)));
    if (!related) {
      // a gwctl routing test file beside the manifests is expected, not a stray document
      if (top && apiVersion === undefined && kind === undefined && Array.isArray(value.tests)) {
        skip(out, 'routing tests');
        return;
      }
      if (apiVersion === undefined && kind === undefined) {
        const seen = notManifests?.get(doc.file);
        if (seen) seen.count++;
        // (a top-level document: only those are given the map)
        else if (notManifests) notManifests.set(doc.file, { first: doc, count: 1 });
        else out.findings.push(finding('GW1104', { more: '' }, at()));
      }
      skip(out, 'not a manifest');
      return;
    }
    const present = apiVersion !== undefined ? `apiVersion ${apiVersion}` : `kind ${kind}`;
    out.findings.push(finding('GW1103', { present, missing: apiVersion === undefined ? 'apiVersion' : 'kind' }, at(apiVersion !== undefined ? '/apiVersion' : '/kind', 'key')));
    return;
  }
  const checkedOnly = !isKnownKind(kind) && crdCheckedKind(kind, groupOf(apiVersion));
  if (!isKnownKind(kind) && !checkedOnly) {
    if (kind === 'Namespace' && apiVersion === 'v1' && isObject(value.metadata)) {
      const name = str(value.metadata.name);
      // kustomize adds its labels to a Namespace object too, and leaves its name (no prefix: it is the
      // namespace's own) as `kubectl kustomize` builds it
      if (name !== undefined) out.namespaceLabels.set(name, builtMap(value.metadata.labels, kustomized?.labels));
    }
    const group = groupOf(apiVersion);
    const defined = own(GROUP_KINDS, group);
    const served = servedVersion(group, kind);
    if (served !== undefined && apiVersion !== `${group}/${served}`) {
      // a policy at a version its CRD does not serve is none the API server takes: not read for what it selects
      out.findings.push(finding('GW1101', { kind, apiVersion, expected: `\`${group}/${served}\`` }, at('/apiVersion')));
      skip(out, kind);
      return;
    }
    // a kind its group does not define is no policy the API server would take (GW1107 below)
    const policy = group.endsWith(POLICY_GROUPS) && (!defined || defined.includes(kind));
    if (policy) {
      const named = str(obj(value.metadata).name);
      const ref = policyRef(value, kind, kustomized);
      const checked = checkPolicy(value, kind, at, ref, kustomized?.namespace !== undefined);
      out.findings.push(...checked);
      // of a group gwctl carries the CRD of: checked, not skipped (a group it does not know is skipped)
      const placed = defined ? { doc, pointer, kind, ref, annotations: builtMap(obj(value.metadata).annotations, kustomized?.annotations), value } : undefined;
      if (placed) out.policyObjects.push(placed);
      // a policy with no name is none Gloo reads (GW2003 above): nothing of it is selected
      if (named !== undefined) {
        const applies = appliesTo(value.spec, kind);
        // a security policy the gateway enforces: its routes would be served to any caller (GW7017)
        const security = group === 'security.policy.gloo.solo.io' && applies.atGateway;
        const routeSelection = applies.selectors ? { routeSelection: { selectors: applies.selectors, source: at('/spec/applyToRoutes', 'key') } } : {};
        const destinationSelection = applies.destinations ? { destinationSelection: { selectors: applies.destinations, source: at(applies.destinationsAt ?? '/spec/applyToRoutes', 'key') } } : {};
        const atDestinations = applies.atDestinations ? { atDestinations: true as const, ...(applies.destinationKinds ? { destinationKinds: applies.destinationKinds } : {}) } : {};
        // only a security policy's: the model asks whether they select a gateway's proxies (GW7017 then)
        const workloadSelection = applies.workloads && group === 'security.policy.gloo.solo.io' ? { workloadSelection: { selectors: applies.workloads, source: at('/spec/applyToWorkloads', 'key') } } : {};
        const config = kind === 'RetryTimeoutPolicy' ? readRetryTimeoutConfig(value.spec, at, ref) : undefined;
        if (config) out.findings.push(...config.findings);
        const timeout = config?.requestTimeout !== undefined ? { requestTimeout: { seconds: config.requestTimeout, source: at('/spec/config/requestTimeout') } } : {};
        const retried = config?.retries;
        const retries = retried ? { retries: { ...retried, source: at(retried.istioDefaults ? '/spec/config/retries' : '/spec/config/retries/retryOn') } } : {};
        const written = config?.retriesWritten !== undefined ? { retriesWritten: { text: config.retriesWritten, source: at('/spec/config/retries', 'key') } } : {};
        const workspaceWide = applies.everyRoute ? { workspaceWide: { source: at(isObject(value.spec) ? '/spec' : '', 'key') } } : {};
        const noRoute = applies.noRoute ? { selectsNoRoute: true as const } : {};
        const listenerSelection = applies.listeners ? { listenerSelection: { selectors: applies.listeners, source: at('/spec/applyToListeners', 'key') } } : {};
        // a destination the CRD refuses is said by its check, and sends nothing Gloo would resolve
        const sent = placed ? policyDestinations(kind, value.spec).filter((d) => !refusedUnder(checked, doc, pointer + d.pointer)) : [];
        const destinations = sent.length ? { destinations: { policy: placed!, written: sent } } : {};
        out.policies.push({ ref, security, appliesTo: applies.text, ...routeSelection, ...destinationSelection, ...atDestinations, ...workloadSelection, ...listenerSelection, ...workspaceWide, ...noRoute, ...timeout, ...retries, ...written, ...destinations, source: at() });
      }
    }
    if (defined && !defined.includes(kind)) {
      const near = closest(kind, defined, Math.max(2, Math.floor(kind.length / 3)));
      out.findings.push(finding('GW1107', { kind, group, suggestion: near ? `; did you mean \`${near}\`?` : '' }, at('/kind')));
    }
    if (!policy || !defined) skip(out, kind);
    return;
  }
  // a kind checked against its CRD alone is at the one version its CRD serves, in either dialect
  const dialectOfVersion = checkedOnly ? (apiVersion === CRD_CHECKED_KINDS[kind] ? 'both' : undefined) : own(API_VERSIONS[kind], apiVersion);
  if (!dialectOfVersion) {
    const product = own(OTHER_PRODUCTS, groupOf(apiVersion));
    if (product) {
      out.findings.push(finding('GW1102', { kind, apiVersion, product }, at('/apiVersion')));
      skip(out, `${kind} (${product})`);
    } else {
      const expected = (checkedOnly ? [CRD_CHECKED_KINDS[kind]] : Object.keys(API_VERSIONS[kind])).map((v) => '`' + v + '`').join(' or ');
      out.findings.push(finding('GW1101', { kind, apiVersion, expected }, at('/apiVersion')));
      skip(out, kind);
    }
    return;
  }
  const metadata = isObject(value.metadata) ? value.metadata : {};
  const written = str(metadata.name);
  // kustomize builds the resource with its kustomization's prefix and suffix (kustomization.ts)
  const name = written === undefined ? '<unnamed>' : builtName(written, kustomized);
  let namespace = str(metadata.namespace);
  if (kustomized?.namespace !== undefined) {
    // and into its kustomization's namespace, whatever the file says
    if (namespace !== undefined && namespace !== kustomized.namespace) {
      out.findings.push(finding('GW1108', { kind, name, written: namespace, namespace: kustomized.namespace, kustomization: kustomized.kustomization }, at('/metadata/namespace'), { resource: { kind, namespace: kustomized.namespace, name } }));
    }
    namespace = kustomized.namespace;
  } else if (namespace === undefined) {
    namespace = 'default';
    out.findings.push(finding('GW1106', { kind, name }, at(isObject(value.metadata) ? '/metadata' : ''), { resource: { kind, namespace, name } }));
  }
  const labels = builtMap(metadata.labels, kustomized?.labels);
  const annotations = builtMap(metadata.annotations, kustomized?.annotations);
  if (checkedOnly) {
    out.checked.push({ doc, pointer, kind, apiVersion, dialect: 'v2.3', ref: { kind, namespace, name }, labels, annotations, value });
    return;
  }
  const spec = isObject(value.spec) ? value.spec : {};
  out.resources.push({
    doc,
    pointer,
    kind,
    apiVersion,
    dialect: dialectOfVersion === 'both' ? dialectFromContent(kind, spec) : dialectOfVersion,
    ref: { kind, namespace, name },
    labels,
    annotations,
    createdAt: str(metadata.creationTimestamp),
    order: out.resources.length,
    value,
    spec,
  });
}

/** A policy's reference, as the kustomization that builds it names it and places it. */
function policyRef(value: Obj, kind: string, kustomized: Kustomized | undefined): ResourceRef {
  const metadata = obj(value.metadata);
  return { kind, namespace: kustomized?.namespace ?? str(metadata.namespace) ?? 'default', name: builtName(str(metadata.name) ?? '<unnamed>', kustomized) };
}

/** Labels or annotations as the kustomization builds them: its own over the file's. */
const builtMap = (written: unknown, added: Readonly<Record<string, string>> | undefined) => (added ? { ...stringMap(written), ...added } : stringMap(written));

const builtName = (name: string, kustomized: Kustomized | undefined) => (kustomized ? `${kustomized.namePrefix ?? ''}${name}${kustomized.nameSuffix ?? ''}` : name);


/**
 * RouteTable and WorkspaceSettings share their apiVersion across the dialects; what they contain tells
 * them apart: a 2.2 route names a `kind: CLOUD_PROVIDER` destination and its `function`, a 2.2
 * WorkspaceSettings exports `CLOUD_PROVIDER`. Without such a mark a resource is read as 2.3+.
 */
function dialectFromContent(kind: KnownKind, spec: Obj): Dialect {
  if (kind === 'RouteTable') {
    const destinations: unknown[] = [spec.defaultDestination];
    for (const section of ['http', 'tcp', 'tls']) {
      for (const route of asArray(spec[section])) {
        if (isObject(route) && isObject(route.forwardTo)) destinations.push(...asArray(route.forwardTo.destinations));
      }
    }
    return destinations.some((d) => isObject(d) && (d.kind === 'CLOUD_PROVIDER' || 'function' in d)) ? 'v2.2' : 'v2.3';
  }
  if (kind === 'WorkspaceSettings') {
    const entries = [...asArray(spec.exportTo), ...asArray(spec.importFrom)];
    const kinds = entries.flatMap((e) => (isObject(e) ? asArray(e.resources) : [])).map((r) => (isObject(r) ? r.kind : undefined));
    return kinds.includes('CLOUD_PROVIDER') ? 'v2.2' : 'v2.3';
  }
  return 'v2.3';
}

/** What was skipped, most first (`12 Service`, `3 not a manifest`): the summary line and GW1017 name them. */
export function skippedKinds(skipped: ReadonlyMap<string, number>): string[] {
  return [...skipped.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `${n} ${k}`);
}

/** Whether an error of the findings sits at or below a place of the document. */
function refusedUnder(findings: readonly Finding[], doc: ManifestDocument, pointer: string): boolean {
  return findings.some((f) => f.severity === 'error' && f.at.kind === 'node' && f.at.doc === doc && (f.at.pointer === pointer || f.at.pointer.startsWith(`${pointer}/`)));
}
