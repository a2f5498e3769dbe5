import { timeoutWords } from '../text/duration-forms';
import type { PolicyNode } from './types';

/**
 * A RetryTimeoutPolicy's retries in words, as `routes --request` and `gwctl diff` say them: how many, on
 * which conditions (Istio's defaults where it names none), and where each attempt ends (its
 * `perTryTimeout` ends the first attempt too: GW8020).
 */
export function retriesWords(retries: NonNullable<PolicyNode['retries']>): string {
  const on = retries.istioDefaults ? "Istio's default conditions" : retries.retryOn.join(', ');
  const perTry = retries.perTryTimeout !== undefined ? `, each attempt ends at ${timeoutWords(retries.perTryTimeout)}` : '';
  return `up to ${retries.attempts} retries on ${on}${perTry}`;
}
