import type { FindingView, HostDiff, RouteView, RoutingDiff } from './routing-diff';
import { printable, printableLines } from '../text/printable';
import { pushAll } from '../data/push-all';
import { jsonText } from '../text/json-text';
import { markdownCell, markdownCode } from '../text/markdown-cell';

export type DiffFormat = 'text' | 'json' | 'markdown';

export function formatDiff(diff: RoutingDiff, format: DiffFormat, labels: { base: string; head: string }): string {
  if (format === 'json') return jsonText({ base: labels.base, head: labels.head, ...diff }, 2) + '\n';
  if (format === 'markdown') return toMarkdown(diff, labels);
  return toText(diff, labels);
}

const counts = (h: HostDiff) => [h.added.length, h.removed.length, h.changed.length, h.reordered.length];

function hostLines(h: HostDiff, indent: string): string[] {
  const lines: string[] = [];
  const timeout = (r: RouteView) => (r.requestTimeout ? `  (request timeout ${r.requestTimeout})` : '') + (r.retries ? `  (retries ${r.retries})` : '');
  for (const r of h.added) lines.push(`${indent}+ ${r.name}  ${r.match}  →  ${r.action}${timeout(r)}`);
  for (const r of h.removed) lines.push(`${indent}- ${r.name}  ${r.match}  →  ${r.action}${timeout(r)}`);
  for (const c of h.changed) {
    lines.push(`${indent}~ ${c.name}`);
    for (const change of c.changes) lines.push(`${indent}    ${change}`);
  }
  for (const m of h.reordered) lines.push(`${indent}↕ ${m.name}  moved from position ${m.from} to ${m.to}`);
  return lines;
}

const findingLine = (f: FindingView) => `${f.code} ${f.severity}${f.resource ? ` ${f.resource}` : ''}: ${f.message}`;

function toText(diff: RoutingDiff, labels: { base: string; head: string }): string {
  const lines = [`routing diff ${labels.base} → ${labels.head}`];
  if (!diff.routingChanged) lines.push('routing unchanged');
  for (const l of diff.listeners) {
    lines.push('', `listener ${l.listener}`);
    for (const change of l.changes) lines.push(`  ~ ${change}`);
  }
  for (const h of diff.hosts) {
    lines.push('', `listener ${h.listener}, host ${h.host}`);
    pushAll(lines, hostLines(h, '  '));
  }
  if (diff.findings.appeared.length || diff.findings.disappeared.length) {
    lines.push('', 'findings');
    for (const f of diff.findings.appeared) lines.push(`  + ${findingLine(f)}`);
    for (const f of diff.findings.disappeared) lines.push(`  - ${findingLine(f)}`);
  }
  return printableLines(lines) + '\n';
}

const cell = markdownCell;

/** Sized for a pull-request comment: a summary table first, the details of each host folded. */
function toMarkdown(diff: RoutingDiff, labels: { base: string; head: string }): string {
  const lines = [`### Routing changes: ${markdownCode(labels.base)} → ${markdownCode(labels.head)}`, ''];
  if (!diff.routingChanged) lines.push('Routing is unchanged.', '');
  if (diff.listeners.length) {
    lines.push('| Listener | Changed |', '| --- | --- |');
    for (const l of diff.listeners) lines.push(`| ${cell(l.listener)} | ${l.changes.map(cell).join('<br>')} |`);
    lines.push('');
  }
  if (diff.hosts.length) {
    lines.push('| Listener | Host | Added | Removed | Changed | Moved |', '| --- | --- | ---: | ---: | ---: | ---: |');
    for (const h of diff.hosts) lines.push(`| ${cell(h.listener)} | ${cell(h.host)} | ${counts(h).join(' | ')} |`);
    lines.push('');
    for (const h of diff.hosts) {
      lines.push(`<details><summary>${cell(h.listener)} ${cell(h.host)}</summary>`, '', '```diff', ...hostLines(h, '').map((l) => printable(l).replace(/`/g, "'").replace(/^~/, '!').replace(/^↕/, '#')), '```', '', '</details>', '');
    }
  }
  const { appeared, disappeared } = diff.findings;
  if (appeared.length || disappeared.length) {
    lines.push(`<details><summary>Findings: ${appeared.length} new, ${disappeared.length} gone</summary>`, '');
    for (const f of appeared) lines.push(`- new: **${f.code}** ${cell(f.resource)} ${cell(f.message)}`);
    for (const f of disappeared) lines.push(`- gone: **${f.code}** ${cell(f.resource)} ${cell(f.message)}`);
    lines.push('', '</details>', '');
  }
  return lines.join('\n');
}
