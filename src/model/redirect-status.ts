import { own } from '../data/own';

// RouteTable redirect.responseCode (networking.gloo.solo.io/v2 RedirectAction.RedirectResponseCode) as the
// HTTP status it sends; the CRD defaults to MOVED_PERMANENTLY.
const STATUS: Readonly<Record<string, number>> = { MOVED_PERMANENTLY: 301, FOUND: 302, SEE_OTHER: 303, TEMPORARY_REDIRECT: 307, PERMANENT_REDIRECT: 308 };

/** Every status a redirect answers with: the ones clients follow to the Location given (RFC 9110, 15.4). */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set(Object.values(STATUS));

/** The status a redirect answers with: 301 for a code the schema refuses (reported as GW2005). */
export function redirectStatus(responseCode: string): number {
  return own(STATUS, responseCode) ?? 301;
}
