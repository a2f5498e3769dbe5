import { analysisInputs } from '../analysis-inputs';
import { analyze } from '../../analyze';
import type { Host } from '../../host/host';
import { formatMigration, type MigrationFormat } from '../../inspect/migration-format';
import { migrationReport, type MigrationTarget } from '../../inspect/migration-report';
import { emitReport } from '../../report/emit-report';
import { refuseInputTargets, refuseSharedTargets } from '../../report/output-guard';
import { findingsFileTargets, reportOptions } from '../options';
import { emitter, type RenderFlags } from './render';

export type MigrateReportFlags = Omit<RenderFlags, 'target'> & { target: MigrationTarget; reportFormat: MigrationFormat };

/**
 * `gwctl migrate-report`: the input rendered for the target (nothing written), and what the move keeps,
 * changes and loses, route by route, in Markdown or JSON. The input's findings go to stderr as for
 * render; exit 1 when they include errors (the report is written all the same: it lists them first).
 */
export async function migrateReport(host: Host, paths: string[], flags: MigrateReportFlags): Promise<number> {
  await refuseSharedTargets(host, [['-o/--output', flags.out], ...findingsFileTargets(flags)]);
  const emit = await emitter(flags as RenderFlags);
  const analysis = await analyze(host, await analysisInputs(host, paths, flags));
  const emitted = emit(analysis.model);
  const report = migrationReport(analysis.model, emitted.findings, analysis.findings, flags.target);
  const outcome = await emitReport(host, analysis, [], reportOptions(host, { ...flags, output: flags.findingsOutput }, host.stderr, '--findings-output'), host.stderr);
  await refuseInputTargets(host, analysis, [['-o/--output', flags.out]]);
  const text = formatMigration(report, flags.reportFormat);
  if (flags.out) await host.writeFileAtomic(flags.out, text);
  else host.stdout.write(text);
  return outcome.exitCode;
}
