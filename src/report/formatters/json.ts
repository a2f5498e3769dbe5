import type { Formatter } from '../report';
import { jsonText } from '../../text/json-text';

/**
 * The machine format other tools rely on. Its shape is a contract: keys are only ever added, and the
 * optional ones (`related`, `template`) appear only when they have content.
 */
export const json: Formatter = (report) => {
  const diagnostics = report.diagnostics.map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    file: d.file,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    pointer: d.pointer,
    resource: d.resource ? { kind: d.resource.kind, namespace: d.resource.namespace, name: d.resource.name } : null,
    ...(d.template ? { template: d.template } : {}),
    ...(d.related ? { related: d.related } : {}),
  }));
  const { files, documents, errors, warnings, infos } = report.summary;
  return jsonText({ diagnostics, summary: { files, documents, errors, warnings, infos } }, 2) + '\n';
};
