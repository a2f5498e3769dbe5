import { jsonText } from '../text/json-text';
import { markdownCell as cell } from '../text/markdown-cell';
import type { MigrationReport, MigrationTarget } from './migration-report';

export type MigrationFormat = 'markdown' | 'json';

const TARGETS: Readonly<Record<MigrationTarget, string>> = {
  'gateway-api': 'the Kubernetes Gateway API with kgateway',
  gloo: 'Gloo Edge',
  envoy: 'Envoy (gwctl\'s bootstrap)',
};

export function formatMigration(report: MigrationReport, format: MigrationFormat): string {
  if (format === 'json') return jsonText(report, 2) + '\n';
  const { summary } = report;
  const lines = [
    `# Moving from Gloo Platform to ${TARGETS[report.target]}`,
    '',
    `${summary.routes} route${summary.routes === 1 ? '' : 's'}: **${summary.keeps} keep** their meaning, **${summary.changes} change**, **${summary.loses} lose** their destination.`,
    '',
  ];
  if (report.before.length) {
    lines.push('## Before switching', '');
    for (const b of report.before) lines.push(`- [ ] **${b.code}** (${b.severity}, ${cell(b.where)}): ${cell(b.message)}`);
    lines.push('');
  }
  const changed = report.routes.filter((r) => r.verdict !== 'keeps');
  if (changed.length) {
    lines.push('## Routes to check', '');
    for (const r of changed) {
      lines.push(`- [ ] **${cell(r.route)}** on ${cell(r.hosts.join(', '))} (${cell(r.listener)}, ${cell(r.source)}): ${r.verdict}`);
      for (const d of r.differences) lines.push(`  - ${d.code}: ${cell(d.message)}`);
    }
    lines.push('');
  }
  lines.push('## Every route', '', '| Listener | Hosts | Route | Match | Does | Verdict |', '| --- | --- | --- | --- | --- | --- |');
  for (const r of report.routes) lines.push(`| ${cell(r.listener)} | ${cell(r.hosts.join(', '))} | ${cell(r.route)} | ${cell(r.match)} | ${cell(r.does)} | ${r.verdict} |`);
  lines.push('');
  return lines.join('\n');
}
