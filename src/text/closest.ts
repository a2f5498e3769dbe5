/**
 * "Did you mean": the candidate nearest to a misspelt name. Case, `_` and `-` are ignored first
 * (`iam_roles` is `iamRoles`), then an edit distance that counts a swap of two letters as one edit.
 */
export function closest(name: string, candidates: Iterable<string>, maxDistance?: number, budget?: SuggestionBudget): string | undefined {
  const wanted = normalize(name);
  const limit = maxDistance ?? Math.max(1, Math.floor(wanted.length / 4));
  let best: string | undefined;
  let bestDistance = Infinity;
  const normals = Array.isArray(candidates) ? normalsOf(candidates) : undefined;
  let i = -1;
  for (const candidate of candidates) {
    i++;
    if (candidate === name) continue;
    // a candidate costs its visit too, besides its distance's rows: 8,000 references to missing providers
    // among 8,000 spent 2.4 s of a budget meant as about a second when only its length was counted
    if (budget && (budget.cells -= 2 * candidate.length + 16) <= 0) return undefined;
    const normal = normals ? (normals[i] ??= normalize(candidate)) : normalize(candidate);
    const d = normal === wanted ? 0 : distance(wanted, normal, limit, budget);
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

// A list asked for again and again (the gateways' names, for every reference to a missing one: 8,000
// of each took 4.8 s) is normalized once; a list that grew since is normalized again.
// Each is normalized when first reached: a suggestion past its budget stops before the rest.
const normalized = new WeakMap<readonly string[], { length: number; normals: Array<string | undefined> }>();
function normalsOf(list: readonly string[]): Array<string | undefined> {
  let known = normalized.get(list);
  if (known?.length !== list.length) normalized.set(list, (known = { length: list.length, normals: [] }));
  return known.normals;
}

// most names have no `-` or `_` to drop, and the replace was most of a suggestion's cost
const normalize = (s: string) => {
  const lower = s.toLowerCase();
  return lower.includes('-') || lower.includes('_') ? lower.replace(/[-_]/g, '') : lower;
};

/**
 * What suggestions may cost: the cells of the distances' tables computed, and each candidate's length,
 * counted down. A suggestion is a
 * courtesy, and 4,000 misspelt function names among 4,000 declared took 67 s: past the budget, no more
 * names are suggested (the same ones on every run of the same input).
 */
export interface SuggestionBudget {
  cells: number;
}

/**
 * Optimal string alignment distance, abandoned early once it exceeds `limit`; past the limit the
 * answer is `limit + 1`, whatever the distance is.
 *
 * Only the band of cells within `limit` of the diagonal is computed: a cell further off holds at least
 * the difference of its prefixes' lengths, more than the limit, so no answer within the limit passes
 * through it (Ukkonen, "Algorithms for approximate string matching", 1985). The budget is still counted
 * as the whole row, and a row whose band is past the limit is abandoned where the whole row would be,
 * so the same names are suggested as by the full table: a suggestion's cost is the input's, not the
 * band's. The rows are three reused arrays, not two new ones a row.
 */
export function distance(a: string, b: string, limit = Infinity, budget?: SuggestionBudget): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const width = b.length + 1;
  if (rows.length < 3 * width) rows = new Int32Array(3 * width + 64);
  // rows of i - 2, i - 1 and i start at these offsets, rotated a row at a time
  let before = 0;
  let previous = width;
  let current = 2 * width;
  const band = limit < a.length + b.length ? limit : a.length + b.length;
  for (let j = 0; j < width; j++) rows[previous + j] = j;
  for (let i = 1; i <= a.length; i++) {
    const lo = i - band > 1 ? i - band : 1;
    const hi = i + band < b.length ? i + band : b.length;
    rows[current + lo - 1] = lo === 1 ? i : OUTSIDE;
    let rowMin = lo === 1 ? i : OUTSIDE;
    const ai = a.charCodeAt(i - 1);
    const aBefore = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = lo; j <= hi; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = rows[previous + j - 1]! + (ai === bj ? 0 : 1);
      const up = rows[previous + j]! + 1;
      if (up < d) d = up;
      const left = rows[current + j - 1]! + 1;
      if (left < d) d = left;
      if (j > 1 && ai === b.charCodeAt(j - 2) && aBefore === bj) {
        const swap = rows[before + j - 2]! + 1;
        if (swap < d) d = swap;
      }
      rows[current + j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (hi < b.length) rows[current + hi + 1] = OUTSIDE;
    if (budget) budget.cells -= b.length;
    if (rowMin > limit) return limit + 1;
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  const d = rows[previous + b.length]!;
  return d > limit ? limit + 1 : d;
}

// a cell outside the band: more than any limit a name's length gives, and safe to add one to
const OUTSIDE = 0x3fffffff;
let rows = new Int32Array(0);
