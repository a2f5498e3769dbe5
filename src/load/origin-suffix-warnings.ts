import { asArray, isObject, obj } from '../data/values';
import { finding, type Finding, type ResourceRef } from '../diagnostics/finding';
import type { AnchorAt as At } from '../source/anchor';
import { quoteRe2 } from '../text/quote-re2';

/** The origin lists of the kinds that match origins with a StringMatch: where they are in `config`. */
const ORIGIN_LISTS: Readonly<Record<string, string>> = { CORSPolicy: 'allowOrigins', CSRFPolicy: 'additionalOrigins' };

/**
 * GW4060 for each origin a CORSPolicy or CSRFPolicy matches by `suffix`: the StringMatch takes it, and
 * Gloo Platform does not ("Warning! Suffix-based matching is not currently supported in Gloo Platform",
 * the field's description in the security group's 2.14 CRD; Istio's StringMatch, which a CORSPolicy
 * becomes, has `exact`, `prefix` and `regex` alone). The API server accepts the policy, so nothing else
 * says that the origin is not matched as written. The regex that matches the same origins is named: RE2
 * matches a StringMatch's `regex` against the whole origin, so `.*` and the suffix quoted.
 */
export function originSuffixWarnings(spec: unknown, kind: string, at: At, ref: ResourceRef): Finding[] {
  const list = ORIGIN_LISTS[kind];
  if (!list || !isObject(spec)) return [];
  const findings: Finding[] = [];
  asArray(obj(spec.config)[list]).forEach((match, i) => {
    if (!isObject(match) || typeof match.suffix !== 'string') return;
    const regex = `${match.ignoreCase === true ? '(?i)' : ''}.*${quoteRe2(match.suffix)}`;
    const args = { kind, name: `${ref.namespace}/${ref.name}`, field: `config.${list}[${i}]`, suffix: match.suffix, regex };
    findings.push(finding('GW4060', args, at(`/spec/config/${list}/${i}/suffix`, 'key'), { resource: ref }));
  });
  return findings;
}
