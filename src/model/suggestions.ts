import { closest, type SuggestionBudget } from '../text/closest';

/**
 * "Did you mean" for the model's findings, within a budget of the distances' work per model
 * (text/closest.ts): 200 million cells, about a second. build-model.ts resets it at the start of
 * each of its synchronous stretches, so that two models built at once (`gwctl diff`) suggest what each
 * would alone.
 */
const CELLS = 200_000_000;
let budget: SuggestionBudget = { cells: CELLS };

export function resetSuggestions(): void {
  budget = { cells: CELLS };
}

export function suggest(name: string, candidates: Iterable<string>, maxDistance?: number): string | undefined {
  return closest(name, candidates, maxDistance, budget);
}
