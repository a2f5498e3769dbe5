import { analysisInputs } from '../analysis-inputs';
import { analyze, type Analysis } from '../../analyze';
import type { AwsFlags } from '../../aws/session';
import type { Finding } from '../../diagnostics/finding';
import type { Host } from '../../host/host';
import { emitReport } from '../../report/emit-report';
import { reportOptions, type InputFlags, type ReportFlags } from '../options';
import { printable } from '../../text/printable';
import { UsageError } from '../../errors';
import type { RouteTimeout } from '../../aws/checks/route-timeout';
import { ENVOY_DEFAULTS } from '../../emit/envoy/envoy-defaults';
import { routeSeconds } from '../duration';

export type ValidateFlags = InputFlags &
  ReportFlags &
  AwsFlags & { aws?: boolean; region?: string; assumeRole?: string; strictIam?: boolean; gatewayRole?: string; routeTimeout?: string; routeTimeoutFrom?: string | undefined };

/** `gwctl validate`: every finding about the input, in the chosen format; exit 0, 1 or 2. */
export async function validate(host: Host, paths: string[], flags: ValidateFlags): Promise<number> {
  // what the role may do is read from AWS: offline, the flag would check nothing and say nothing
  if (flags.gatewayRole && !flags.aws) throw new UsageError('--gateway-role is checked against AWS: give --aws too');
  if (flags.routeTimeoutFrom === 'cli' && !flags.aws) throw new UsageError('--route-timeout is compared with the functions\' own timeouts in AWS: give --aws too');
  // read before any input, and only with --aws, which alone uses it: a duration the renders would refuse
  // is refused here too, and a render setting does not end a run that does not read it
  const routeTimeout = flags.aws ? routeTimeoutOf(flags) : undefined;
  // the live checks read the routes; the offline checks are done with them once the model is built.
  // Only findings are shown: the yaml library is loaded only if one needs it to be placed.
  const analysis = await analyze(host, { ...(await analysisInputs(host, paths, flags)), retainRoutes: Boolean(flags.aws), placesOnlyFindings: true });
  const live = routeTimeout ? await liveChecks(host, analysis, flags, routeTimeout) : [];
  const outcome = await emitReport(host, analysis, live, reportOptions(host, flags, host.stdout), host.stdout);
  return outcome.exitCode;
}

/** --aws: the AWS SDK and the checks are loaded only here. */
async function liveChecks(host: Host, analysis: Analysis, flags: ValidateFlags, routeTimeout: RouteTimeout): Promise<Finding[]> {
  const [{ checkAws }, { awsSession }, { loadRegexEngine }] = await Promise.all([import('../../aws/checks/check-aws'), import('../../aws/session'), import('../../model/regex-engine')]);
  const warn = (line: string) => host.stderr.write(`gwctl: warning: ${printable(line)}\n`);
  return checkAws({
    model: analysis.model,
    filterPatterns: analysis.filterPatterns,
    apisFor: awsSession(flags, undefined, warn),
    assumeRole: flags.assumeRole,
    apisWith: (credentials) => awsSession(flags, credentials, warn),
    strictIam: flags.strictIam,
    gatewayRole: flags.gatewayRole,
    stsRegion: flags.region,
    engine: await loadRegexEngine(),
    concurrency: 8,
    routeTimeout,
  });
}

/** The route timeout functions are compared with: the option's, the configuration's, or the renders' default. */
function routeTimeoutOf(flags: ValidateFlags): RouteTimeout {
  const from = flags.routeTimeoutFrom === 'cli' ? 'option' : flags.routeTimeoutFrom === 'config' ? 'config' : 'default';
  return { seconds: flags.routeTimeout === undefined ? ENVOY_DEFAULTS.routeTimeoutSeconds : routeSeconds(flags.routeTimeout), from };
}
