import { analyze } from '../../analyze';
import type { Host } from '../../host/host';
import { emitReport } from '../../report/emit-report';
import { reportOptions, type InputFlags, type ReportFlags } from '../options';

export type ValidateFlags = InputFlags & ReportFlags;

/** `gwctl validate`: every finding about the input, in the chosen format; exit 0, 1 or 2. */
export async function validate(host: Host, paths: string[], flags: ValidateFlags): Promise<number> {
  const analysis = await analyze(host, { paths, stdinName: flags.stdinFilename });
  const outcome = await emitReport(host, analysis, [], reportOptions(host, flags, host.stdout), host.stdout);
  return outcome.exitCode;
}
