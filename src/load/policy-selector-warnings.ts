import { asArray, isObject, obj } from '../data/values';
import { own } from '../data/own';
import { finding, type Finding, type ResourceRef } from '../diagnostics/finding';
import type { AnchorAt as At } from '../source/anchor';
import { DESTINATION_KINDS_OF } from './policy-kinds';

/**
 * What a policy's selectors say of themselves that the API server takes and Gloo applies to nothing:
 * no selector, of a kind whose proto reads none as nothing (GW4058), and an `applyToDestinations` entry of
 * a destination kind the policy's kind does not apply to (GW4059). Warnings: the model already reads such
 * a policy as applying to nothing there; its author likely meant otherwise.
 */
export function selectorWarnings(spec: unknown, kind: string, at: At, ref: ResourceRef): Finding[] {
  const findings: Finding[] = [];
  const empty = own(SELECTS_NOTHING_WITHOUT, kind);
  if (empty && (spec === undefined || spec === null || isObject(spec)) && !asArray(obj(spec)[empty.field]).length) {
    findings.push(finding('GW4058', { kind, name: `${ref.namespace}/${ref.name}`, field: empty.field, words: `"${empty.words}"`, proto: empty.proto }, at(isObject(spec) ? '/spec' : '', 'key'), { resource: ref }));
  }
  findings.push(...unsupportedDestinationKinds(spec, kind, at, ref));
  return findings;
}

const KIND_NAMES: Readonly<Record<string, string>> = { SERVICE: 'Kubernetes Services', VIRTUAL_DESTINATION: 'VirtualDestinations', EXTERNAL_SERVICE: 'ExternalServices' };

/**
 * GW4059 for each `applyToDestinations` entry of a DestinationKind the policy's kind does not apply to
 * (DESTINATION_KINDS_OF, policy-kinds.ts): an OutlierDetectionPolicy of `selector: {labels: ...}` and no
 * `kind` selects Kubernetes Services, the default kind, which "is not supported". The model already
 * reads such a policy as reaching no route through them; its author likely meant another kind.
 */
function unsupportedDestinationKinds(spec: unknown, kind: string, at: At, ref: ResourceRef): Finding[] {
  const supported = own(DESTINATION_KINDS_OF, kind);
  // an AccessPolicy's applyToDestinations "if `applyToWorkloads` is non-empty, will be ignored"
  if (!supported || !isObject(spec) || (kind === 'AccessPolicy' && asArray(spec.applyToWorkloads).length)) return [];
  const findings: Finding[] = [];
  asArray(spec.applyToDestinations).forEach((entry, i) => {
    if (!isObject(entry)) return;
    const written = entry.kind === undefined || entry.kind === null ? 'SERVICE' : entry.kind;
    // a kind of no such name is GW2005's
    if (typeof written !== 'string' || !own(KIND_NAMES, written) || supported.kinds.includes(written)) return;
    const selected = `${KIND_NAMES[written]}${entry.kind === undefined || entry.kind === null ? ' (the default kind)' : ''}`;
    const args = { kind, name: `${ref.namespace}/${ref.name}`, selected, supported: supported.kinds.map((k) => KIND_NAMES[k]).join(' and '), says: supported.says };
    findings.push(finding('GW4059', args, at(`/spec/applyToDestinations/${i}${typeof entry.kind === 'string' ? '/kind' : ''}`), { resource: ref }));
  });
  return findings;
}

/**
 * The kinds whose proto reads no selector as nothing to apply to (or requires one), where most kinds'
 * read it as their whole workspace (policy-kinds.ts, EMPTY_SELECTION): the selector, the proto's words
 * and the proto (solo-io/solo-apis api/gloo.solo.io/policy/v2/<group>/). A policy so written is likely
 * one whose selector was forgotten; the model already reads it as applying to nothing.
 */
const SELECTS_NOTHING_WITHOUT: Readonly<Record<string, { readonly field: string; readonly words: string; readonly proto: string }>> = {
  ActiveHealthCheckPolicy: { field: 'applyToDestinations', words: 'If empty, no healthchecks are performed', proto: 'active_health_check_policy.proto' },
  GraphQLAllowedQueryPolicy: { field: 'applyToRoutes', words: 'If empty, will apply to no graphql routes', proto: 'graphql_allowed_query_policy.proto' },
  GraphQLPersistedQueryCachePolicy: { field: 'applyToRoutes', words: 'If empty, will apply to no graphql routes', proto: 'graphql_persisted_query_cache_policy.proto' },
  ProxyProtocolPolicy: { field: 'applyToListeners', words: 'Required: The VirtualGateway(s) and Port(s) to which this policy applies', proto: 'proxy_protocol_policy.proto' },
};
