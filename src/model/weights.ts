import { finding, type Finding } from '../diagnostics/finding';
import { anchorIn, type Resource } from '../load/resource';

/**
 * The traffic share of each destination of a route, in percent. Several destinations must add up to 100;
 * as route_table.proto (ForwardToAction.destinations) documents, what the weighted ones leave is spread
 * over the unweighted ones "with a minimum of 1 weight per destination" (the first ones get the odd
 * percents), and weights that leave nothing for an unweighted destination are invalid. One destination
 * always gets 100, with a note when it has a weight. Returns the failure instead when the weights are
 * invalid: Gloo replaces such a route (ROUTE_REPLACEMENT), and so does the model. A weight of 0 is no
 * weight (GW4033).
 */
export function distributeWeights(table: Resource, pointers: readonly string[], written: ReadonlyArray<number | undefined>, findings: Finding[]): number[] | { failure: { code: 'GW4008' | 'GW4010'; reason: string } } {
  const at = (i: number, field = '') => anchorIn(table, pointers[i]! + field);
  const extra = { resource: table.ref };
  // `weight` is a proto3 uint32 (references.proto, DestinationReference.weight): Gloo cannot tell 0 from
  // a weight left out, so a destination weighted 0 shares the remainder as an unweighted one does
  if (written.length > 1) written.forEach((w, i) => w === 0 && findings.push(finding('GW4033', {}, at(i, '/weight'), extra)));
  const raw = written.map((w) => (w === 0 ? undefined : w));
  if (raw.length === 1) {
    if (raw[0] !== undefined) findings.push(finding('GW4009', {}, at(0, '/weight'), extra));
    return [100];
  }
  const weighted = raw.reduce<number>((sum, w) => sum + (w ?? 0), 0);
  const unweighted = raw.flatMap((w, i) => (w === undefined ? [i] : []));
  if (weighted > 100) {
    findings.push(finding('GW4008', { sum: weighted, detail: ', more than 100' }, at(0, '/weight'), extra));
    return { failure: { code: 'GW4008', reason: `the destination weights add up to ${weighted}` } };
  }
  if (unweighted.length === 0) {
    if (weighted === 100) return raw.map((w) => w ?? 0);
    findings.push(finding('GW4008', { sum: weighted, detail: ', not 100, and no destination is left unweighted to take the rest' }, at(0, '/weight'), extra));
    return { failure: { code: 'GW4008', reason: `the destination weights add up to ${weighted}` } };
  }
  const remainder = 100 - weighted;
  if (remainder < unweighted.length) {
    findings.push(finding('GW4010', { sum: weighted, remainder, count: unweighted.length }, at(unweighted[0]!), extra));
    return { failure: { code: 'GW4010', reason: `the destination weights leave ${remainder} for ${unweighted.length} unweighted destination(s)` } };
  }
  const share = Math.floor(remainder / unweighted.length);
  let odd = remainder - share * unweighted.length;
  return raw.map((w) => {
    if (w !== undefined) return w;
    if (odd > 0) {
      odd--;
      return share + 1;
    }
    return share;
  });
}
