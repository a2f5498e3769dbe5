import { finding, type Finding } from '../diagnostics/finding';
import { anchorIn, type Resource } from '../load/resource';

/**
 * The traffic share of each destination of a route, in percent. Several destinations must add up to 100;
 * as in Gloo Platform 2.14, what the weighted ones leave is spread evenly over the unweighted ones (the
 * first ones get the odd percents). One destination always gets 100, with a note when it has a weight.
 */
export function distributeWeights(table: Resource, pointers: readonly string[], raw: ReadonlyArray<number | undefined>, findings: Finding[]): number[] {
  const at = (i: number, field = '') => anchorIn(table, pointers[i]! + field);
  const extra = { resource: table.ref };
  if (raw.length === 1) {
    if (raw[0] !== undefined) findings.push(finding('GW4009', {}, at(0, '/weight'), extra));
    return [100];
  }
  const weighted = raw.reduce<number>((sum, w) => sum + (w ?? 0), 0);
  const unweighted = raw.flatMap((w, i) => (w === undefined ? [i] : []));
  if (weighted > 100) {
    findings.push(finding('GW4008', { sum: weighted, detail: ', more than 100' }, at(0, '/weight'), extra));
    return raw.map((w) => w ?? 0);
  }
  if (unweighted.length === 0) {
    if (weighted !== 100) findings.push(finding('GW4008', { sum: weighted, detail: ', not 100, and no destination is left unweighted to take the rest' }, at(0, '/weight'), extra));
    return raw.map((w) => w ?? 0);
  }
  const remainder = 100 - weighted;
  if (remainder === 0) for (const i of unweighted) findings.push(finding('GW4010', {}, at(i), extra));
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
