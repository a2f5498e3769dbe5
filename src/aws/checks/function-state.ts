import { finding, type Finding } from '../../diagnostics/finding';
import type { FunctionConfiguration } from '../apis';
import { describe, type FunctionUse } from './function-uses';

/**
 * What a state other than Active means for the requests routed to the function (AWS Lambda Developer
 * Guide, "Lambda function states", functions-states.html: "Functions can only be successfully invoked
 * while active"), and how sure it is to last: Failed until the function is deleted and created again,
 * an error; Pending (being created or configured) and Inactive (idle long enough for Lambda to reclaim
 * its resources: the invocation fails and Lambda restores them) pass, warnings.
 */
const STATES: Readonly<Record<string, { readonly severity: 'error' | 'warning'; readonly consequence: string }>> = {
  Failed: { severity: 'error', consequence: 'Lambda invokes no function in this state, and it stays so until the function is deleted and created again: every request routed to it fails' },
  Pending: { severity: 'warning', consequence: 'Lambda invokes it only once it is Active: requests routed to it fail until then' },
  Inactive: { severity: 'warning', consequence: 'idle long enough for Lambda to reclaim its resources, it fails the first requests routed to it while Lambda restores them, and stays Inactive if that fails' },
};

/**
 * A function a route invokes that Lambda does not invoke as it stands (GW8021): the State of the
 * configuration GetFunctionConfiguration answered for the qualifier routed to; and one whose last update
 * is not in effect (GW8022, UPDATES). A function only declared (no route invokes it) is not judged; nor
 * is a state or status Lambda may add later, which gwctl does not know.
 */
export function judgeFunctionState(u: FunctionUse, configuration: FunctionConfiguration, findings: Finding[]): void {
  if (u.roles.size === 0 && !u.gatewayInvoked) return;
  const state = configuration.state === undefined ? undefined : STATES[configuration.state];
  if (state) {
    const why = reason(configuration.stateReasonCode, configuration.stateReason);
    findings.push(finding('GW8021', { what: describe(u), state: configuration.state!, reason: why, consequence: state.consequence }, u.at, { resource: u.resource, severity: state.severity }));
  }
  const update = configuration.lastUpdateStatus === undefined ? undefined : UPDATES[configuration.lastUpdateStatus];
  if (update) {
    const why = reason(configuration.lastUpdateReasonCode, configuration.lastUpdateReason);
    findings.push(finding('GW8022', { what: describe(u), status: configuration.lastUpdateStatus!, reason: why, consequence: update.consequence }, u.at, { resource: u.resource, severity: update.severity }));
  }
}

const reason = (code: string | undefined, text: string | undefined) => {
  const why = [code, text].filter((s) => s).join(': ');
  return why ? ` (${why})` : '';
};

/**
 * What the last update of a function's configuration or code means for the requests routed to it
 * (LastUpdateStatus; AWS Lambda Developer Guide, "Lambda function states", functions-states.html: "While
 * a function update is in progress, invocations go to the function's previous code and configuration";
 * Failed: "Lambda aborts the update and the function's previous code and configuration remain
 * available"). A deployment that failed leaves the routes on what it meant to replace, a warning; one in
 * progress passes, information. Successful says nothing.
 */
const UPDATES: Readonly<Record<string, { readonly severity: 'warning' | 'info'; readonly consequence: string }>> = {
  Failed: { severity: 'warning', consequence: 'Lambda abandoned the update, and requests routed to it run the code and configuration from before it' },
  InProgress: { severity: 'info', consequence: 'until it completes, requests routed to it run the code and configuration from before it (and the timeout read here may be the new one)' },
};
