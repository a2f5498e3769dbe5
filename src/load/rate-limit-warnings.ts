import { isObject, isSet, obj } from '../data/values';
import { finding, type Finding, type ResourceRef } from '../diagnostics/finding';
import type { AnchorAt as At } from '../source/anchor';

/**
 * What a RateLimitPolicy needs to limit anything, in the words of the trafficcontrol group's 2.14 CRD:
 * the RateLimitServerConfig that holds the limits (`ratelimitServerConfig`: "If none is provided, no
 * ratelimit will be enforced"), and the rules that make a request's descriptors, a RateLimitClientConfig
 * or `raw` (the RateLimitClientConfig's description: "If no RateLimitClientConfig is provided, no
 * ratelimit rules will be enforced"). The API server takes a policy without them, and Gloo applies it to
 * its routes; nothing says that no request is limited.
 */
export function rateLimitWarnings(spec: unknown, kind: string, at: At, ref: ResourceRef): Finding[] {
  if (kind !== 'RateLimitPolicy' || (spec !== undefined && spec !== null && !isObject(spec))) return [];
  const config = obj(obj(spec).config);
  // where the missing field would go: in `config`, or `spec` where there is none
  const place = isObject(obj(spec).config) ? '/spec/config' : isObject(spec) ? '/spec' : '';
  const name = `${ref.namespace}/${ref.name}`;
  const findings: Finding[] = [];
  if (!isSet(config.ratelimitServerConfig)) {
    findings.push(finding('GW4061', { kind, name, field: 'config.ratelimitServerConfig', words: 'If none is provided, no ratelimit will be enforced' }, at(place, 'key'), { resource: ref }));
  }
  if (!isSet(config.ratelimitClientConfig) && !isSet(config.raw)) {
    findings.push(finding('GW4061', { kind, name, field: 'config.ratelimitClientConfig` or `config.raw', words: 'If no RateLimitClientConfig is provided, no ratelimit rules will be enforced' }, at(place, 'key'), { resource: ref }));
  }
  return findings;
}
