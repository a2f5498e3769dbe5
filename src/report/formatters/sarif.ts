import { createHash } from 'node:crypto';
import { CATALOGUE, docsAnchor, type Code, type CodeSpec } from '../../diagnostics/catalogue';
import { resourceLabel, shownLabel } from '../../diagnostics/finding';
import { exampleMessage } from '../../diagnostics/message-examples';
import { DOCS_URL } from '../docs-url';
import type { Formatter } from '../report';
import type { Diagnostic } from '../../diagnostics/diagnostic';
import { jsonText } from '../../text/json-text';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;
const CODES = Object.keys(CATALOGUE) as Code[];

// a path as a URI reference: encodeURI leaves `#` and `?`, which would start a fragment or a query, so
// that `a#b.yaml` named the file `a` to code scanning
const uriOf = (file: string) => encodeURI(file.replace(/\\/g, '/')).replace(/[#?]/g, (c) => (c === '#' ? '%23' : '%3F'));
const isRelative = (file: string) => !/^([a-zA-Z]:)?[\\/]/.test(file) && !file.startsWith('<');
// an absolute path as a file URI (RFC 8089): written as it was, `C:/a.yaml` is a URI of the scheme `c`
// (RFC 3986, 3.1), and a viewer opened no file; `\\server\share` is the host `server`'s
const fileUri = (file: string) => {
  const uri = uriOf(file);
  return uri.startsWith('//') ? `file:${uri}` : uri.startsWith('/') ? `file://${uri}` : `file:///${uri}`;
};

/**
 * A finding's message as SARIF plain text. There `[text](target)` is an embedded link (SARIF 2.1.0
 * §3.11.6), so a route named `[approve](https://evil.example)` or a regex `[a-z](x|y)` quoted in a message
 * was a link in the alert. `\`, `[` and `]` take a backslash, as GitHub's CodeQL writes them in its
 * messages (github/vscode-codeql#1104, github/codeql#15245) and as the spec allows anywhere in text
 * (oasis-tcs/sarif-spec#768), so no link is left and a viewer shows the text as it was. Braces stay as
 * they are, though §3.11.5 asks `{{` and `}}`: GitHub's code scanning reads no placeholders (it rejects
 * message arguments: sarif-sdk's rule GH1007, ProvideFullyFormattedMessageStrings), so doubled braces
 * would show doubled there, and with no `arguments` no consumer has a value to put for one.
 */
const plainText = (message: string) => message.replace(/[\\[\]]/g, '\\$&');

/**
 * The most results a run may hold: GitHub code scanning rejects a SARIF file with more than 25,000
 * results in a run, the whole upload, and stores the 5,000 most severe of a run it takes (docs.github.com,
 * code-security, "SARIF results exceed one or more limits": results per run, 25,000; "Only the top 5,000
 * results will be included, prioritized by severity").
 */
export const SARIF_MAX_RESULTS = 25_000;

/**
 * The most related places a result may hold: above it GitHub rejects the upload ("rejecting SARIF, as
 * there are more related locations per result than allowed (1626 > 1000)", eclipse-dirigible/dirigible
 * #5480). The rest are counted in the message.
 */
export const SARIF_MAX_RELATED = 1_000;

/**
 * The diagnostics a run keeps, in their order: all of them, or the most severe that fit (errors, then
 * warnings, then infos, each in report order), so that a monorepo's thousands of infos never cost the
 * upload its errors.
 */
function keptDiagnostics(diagnostics: readonly Diagnostic[], max: number): readonly Diagnostic[] {
  if (diagnostics.length <= max) return diagnostics;
  const keep = new Set<Diagnostic>();
  for (const severity of ['error', 'warning', 'info'] as const) {
    for (const d of diagnostics) {
      if (keep.size === max) break;
      if (d.severity === severity) keep.add(d);
    }
  }
  return diagnostics.filter((d) => keep.has(d));
}

/**
 * SARIF 2.1.0, as GitHub code scanning reads it. Every rule of the catalogue is listed with its help, so
 * rule indexes are stable; `results` is present even when empty; fingerprints ignore line numbers so that
 * an alert survives edits above it.
 */
export const sarif: Formatter = (report) => {
  const docs = report.docsUrl ?? DOCS_URL;
  // A parenthesis would end the Markdown link's destination, and the rest of the URL be Markdown (an image,
  // another link): the URL parser leaves them as they are (cli/options.ts docsUrl), the link encodes them.
  const markdownDocs = docs.replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'));
  const rules = CODES.map((code) => {
    const spec: CodeSpec = CATALOGUE[code];
    const example = exampleMessage(code);
    return {
      id: code,
      name: spec.name,
      shortDescription: { text: spec.title },
      fullDescription: { text: `${spec.title} (default severity: ${spec.severity}). ${spec.retired ? `Retired, no longer reported: ${spec.retired}` : spec.hint}` },
      help: {
        text: `${spec.hint}\n\nExample: ${example}`,
        markdown: `${spec.hint}\n\n**Example:** ${example.replace(/[\\*_[\]<>]/g, (c) => `\\${c}`)}\n\n[${code} in the gwctl documentation](${markdownDocs}#${docsAnchor(code)})`,
      },
      helpUri: `${docs}#${docsAnchor(code)}`,
      defaultConfiguration: { level: LEVEL[spec.severity] },
    };
  });
  // Paths are relative to the repository root (report/repo-paths.ts); SARIF says so with a base id
  const artifact = (file: string) => {
    if (file.startsWith('<')) return { uri: uriOf(file) };
    if (!isRelative(file)) return { uri: fileUri(file) };
    return report.root ? { uri: uriOf(file), uriBaseId: 'SRCROOT' } : { uri: uriOf(file) };
  };
  const kept = keptDiagnostics(report.diagnostics, SARIF_MAX_RESULTS);
  const left = report.diagnostics.length - kept.length;
  const occurrences = new Map<string, number>();
  const results = kept.map((d) => {
    const location = (file: string, l: { line: number; column: number; endLine: number; endColumn: number }) => ({
      physicalLocation: {
        artifactLocation: artifact(file),
        region: { startLine: l.line, startColumn: l.column, endLine: l.endLine, endColumn: l.endColumn },
      },
    });
    // Code scanning takes results of one fingerprint for one alert (csutils/csdiff#98): findings of a code
    // at one place (a file's YAML 1.1 values, its empty documents, two values a resource's field holds)
    // are told apart by their occurrence in the report's order, as CodeQL's line hashes are; the first
    // keeps the fingerprint alone, so that an alert stays the same alert
    const identity = `${d.code}\0${d.file}\0${d.resource ? resourceLabel(d.resource) : ''}\0${d.pointer}`;
    const occurrence = (occurrences.get(identity) ?? 0) + 1;
    occurrences.set(identity, occurrence);
    const fingerprint = createHash('sha256').update(occurrence === 1 ? identity : `${identity}\0${occurrence}`).digest('hex');
    return {
      ruleId: d.code,
      ruleIndex: CODES.indexOf(d.code),
      level: LEVEL[d.severity],
      message: { text: plainText(d.related && d.related.length > SARIF_MAX_RELATED ? `${d.message} (${d.related.length - SARIF_MAX_RELATED} more related places are not listed: code scanning takes at most ${SARIF_MAX_RELATED} per result)` : d.message) },
      locations: [
        {
          ...location(d.file, d),
          ...(d.resource
            ? { logicalLocations: [{ fullyQualifiedName: `${shownLabel(d.resource)}${d.pointer ? '#' + d.pointer : ''}`, kind: 'resource' }] }
            : {}),
        },
      ],
      ...(d.related ? { relatedLocations: d.related.slice(0, SARIF_MAX_RELATED).map((r, id) => ({ id, ...location(r.file, r), message: { text: plainText(r.message) } })) } : {}),
      partialFingerprints: { 'gwctlFinding/v1': fingerprint },
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'gwctl', version: report.toolVersion, semanticVersion: report.toolVersion, rules } },
        // what the run leaves out is said in the log, as stderr holds nothing beside a machine format
        ...(left > 0
          ? {
              invocations: [
                {
                  executionSuccessful: true,
                  toolExecutionNotifications: [
                    {
                      level: 'warning',
                      message: {
                        text: `${left} of ${report.diagnostics.length} findings are not in this log: GitHub code scanning refuses a run of more than ${SARIF_MAX_RESULTS} results, so it keeps the most severe (errors, then warnings, then infos); the exit code counts them all, and the other formats list them all`,
                      },
                    },
                  ],
                },
              ],
            }
          : {}),
        columnKind: 'utf16CodeUnits',
        ...(report.root ? { originalUriBaseIds: { SRCROOT: { uri: fileUri(report.root).replace(/\/?$/, '/') } } } : {}),
        results,
      },
    ],
  };
  return jsonText(log, 2) + '\n';
};
