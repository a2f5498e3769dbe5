import type { Matcher } from '../../model/types';
import { headerKey } from '../../model/pseudo-headers';
import { METHODS } from './match-limits';

/**
 * A header condition on the `:method` pseudo-header as the match's `method`, where the Gateway API can
 * hold it: Envoy reads `:method` as any header (model/pseudo-headers.ts), so an exact value is the
 * request's method, which HTTPRouteMatch states as `method` (an enum of the methods, in upper case) and
 * kgateway writes back as Envoy's `:method` header matcher (translator/irtranslator/route.go). A header
 * name with a colon is no HTTP token, which the CRD refuses: without this, the matcher was left out
 * (GW7103). A method the matcher names already must be the same one (both hold in Gloo); a regex, an
 * inverted condition, a second condition on `:method` or a method outside the enum stay as they are,
 * and unwritable.
 */
export function methodHeaderAsMethod(m: Matcher): Matcher {
  const on = m.headers.filter((h) => headerKey(h.name) === ':method');
  if (on.length !== 1) return m;
  const h = on[0]!;
  if (h.invert || h.regex || h.value === undefined || !METHODS.has(h.value)) return m;
  if (m.method !== undefined && m.method !== h.value) return m;
  return { ...m, method: h.value, headers: m.headers.filter((x) => x !== h) };
}
