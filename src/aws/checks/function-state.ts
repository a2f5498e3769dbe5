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
 * configuration GetFunctionConfiguration answered for the qualifier routed to. A function only declared
 * (no route invokes it) is not judged; nor is a state Lambda may add later, which gwctl does not know.
 */
export function judgeFunctionState(u: FunctionUse, configuration: FunctionConfiguration, findings: Finding[]): void {
  const state = configuration.state === undefined ? undefined : STATES[configuration.state];
  if (!state || (u.roles.size === 0 && !u.gatewayInvoked)) return;
  const why = [configuration.stateReasonCode, configuration.stateReason].filter((s) => s).join(': ');
  findings.push(finding('GW8021', { what: describe(u), state: configuration.state!, reason: why ? ` (${why})` : '', consequence: state.consequence }, u.at, { resource: u.resource, severity: state.severity }));
}
