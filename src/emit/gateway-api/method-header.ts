import type { Matcher } from '../../model/types';
import { headerKey } from '../../model/pseudo-headers';
import { METHODS } from './match-limits';

/**
 * A header condition on the `:method` pseudo-header as the match's `method`, where the Gateway API can
 * hold it: Envoy reads `:method` as any header (model/pseudo-headers.ts), so an exact value is the
 * request's method, which HTTPRouteMatch states as `method` (an enum of the methods, in upper case) and
 * kgateway writes back as Envoy's `:method` header matcher (translator/irtranslator/route.go). A header
 * name with a colon is no HTTP token, which the CRD refuses: without this, the matcher was left out
 * (GW7103). A regular expression that is an alternation of methods of the enum (`GET|HEAD`,
 * `^(GET|HEAD)$`), which Envoy matches against the whole value (RE2 full match), is one matcher per
 * method, ORed as a rule's matches are. A method the matcher names already must be one of them (both
 * hold in Gloo). An inverted condition, a second condition on `:method`, any other expression or a
 * method outside the enum stay as they are, and unwritable.
 */
export function methodHeaderAsMethods(m: Matcher): Matcher[] {
  const on = m.headers.filter((h) => headerKey(h.name) === ':method');
  if (on.length !== 1) return [m];
  const h = on[0]!;
  if (h.invert || h.value === undefined) return [m];
  const methods = h.regex ? methodAlternation(h.value) : METHODS.has(h.value) ? [h.value] : undefined;
  if (!methods) return [m];
  const kept = m.method === undefined ? methods : methods.filter((x) => x === m.method);
  if (kept.length === 0) return [m];
  const headers = m.headers.filter((x) => x !== h);
  return kept.map((method) => ({ ...m, method, headers }));
}

/**
 * The methods a regular expression of literal alternatives names, each of the enum, in its order and
 * once; undefined for any other expression (a character class, a repetition, `(?i)`: what it matches is
 * not a list of methods). Anchors are redundant in a full match, and one group around the whole is kept
 * out.
 */
function methodAlternation(regex: string): string[] | undefined {
  let body = regex.replace(/^\^/, '').replace(/\$$/, '');
  const group = /^\((?:\?:)?([^()]*)\)$/.exec(body);
  if (group) body = group[1]!;
  const methods: string[] = [];
  for (const alternative of body.split('|')) {
    const method = alternative.replace(/^\^/, '').replace(/\$$/, '');
    if (!METHODS.has(method)) return undefined;
    if (!methods.includes(method)) methods.push(method);
  }
  return methods;
}
