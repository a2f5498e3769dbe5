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

/** Optimal string alignment distance, abandoned early once it exceeds `limit`. */
export function distance(a: string, b: string, limit = Infinity, budget?: SuggestionBudget): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, previous2[j - 2]! + 1);
      current.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (budget) budget.cells -= b.length;
    if (rowMin > limit) return limit + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length]!;
}
