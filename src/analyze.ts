import { mapLimit } from './async/map-limit';
import type { Finding } from './diagnostics/finding';
import type { Host } from './host/host';
import { classify } from './load/classify';
import { collectInputs, type Excludes, type Input } from './load/collect-inputs';
import { decode } from './load/decode';
import { parseDocuments, type ParsedDocument } from './load/parse-documents';
import type { Resource } from './load/resource';
import { buildModel } from './model/build-model';
import type { FilterPattern } from './model/filters';
import type { Model } from './model/types';
import { checkSchemas } from './schema/check-schemas';
import type { SourceFile } from './source/source-file';

export interface AnalyzeOptions {
  readonly paths: readonly string[];
  /**
   * --context: read and resolved with the paths (a delegate's children, a provider), but reported on only
   * through the findings of the paths. A file given both ways is a path.
   */
  readonly contextPaths?: readonly string[];
  /** what a directory walk leaves out (and files never read); see load/collect-inputs.ts */
  readonly excludes?: Excludes;
  /** how findings name standard input */
  readonly stdinName: string;
  /** keep the flattened routes in the model (see ModelOptions); true unless the caller only validates */
  readonly retainRoutes?: boolean;
}

/** What the front half of the pipeline knows about the input. */
export interface Analysis {
  readonly files: readonly SourceFile[];
  /** the files read only as context: their own findings are not reported */
  readonly contextFiles: ReadonlySet<SourceFile>;
  readonly fileOrder: ReadonlyMap<SourceFile, number>;
  /** YAML documents read, including empty and unparsable ones */
  readonly documentCount: number;
  readonly emptyCount: number;
  readonly brokenCount: number;
  /** the Gloo resources found; their raw data is released by the model stage (see Resource) */
  readonly resources: readonly Resource[];
  readonly skipped: ReadonlyMap<string, number>;
  readonly model: Model;
  readonly filterPatterns: readonly FilterPattern[];
  readonly findings: readonly Finding[];
}

// Enough reads in flight to hide file-system latency, few enough to stay far below the open-file limit.
const READ_CONCURRENCY = 32;

/**
 * Stages 1 to 3: read and parse every input, classify its documents, validate them against the schemas,
 * resolve them into the model.
 */
export async function analyze(host: Host, options: AnalyzeOptions): Promise<Analysis> {
  const primary = await collectInputs(host, options.paths, options.stdinName, options.excludes);
  const named = new Set(primary.map((i) => (i.kind === 'file' ? i.path : '-')));
  const context = options.contextPaths?.length ? (await collectInputs(host, options.contextPaths, options.stdinName, options.excludes)).filter((i) => i.kind === 'file' && !named.has(i.path)) : [];
  const inputs = [...primary, ...context];
  // The documents' data is kept apart from what is kept of each file, and let go once classified: from
  // then on the resources hold it, and the model stage releases it stage by stage.
  const documents: ParsedDocument[][] = [];
  const loaded = await mapLimit(inputs, READ_CONCURRENCY, async (input: Input, i) => {
    const bytes = input.kind === 'stdin' ? await host.readStdin() : await host.readFile(input.path);
    const decoded = decode(input.kind === 'stdin' ? input.name : input.path, bytes);
    const parsed = decoded.ok ? parseDocuments(decoded.file) : { documents: [], documentCount: 0, emptyCount: 0, brokenCount: 0, findings: [] };
    documents[i] = parsed.documents;
    return { file: decoded.file, documentCount: parsed.documentCount, emptyCount: parsed.emptyCount, brokenCount: parsed.brokenCount, findings: [...decoded.findings, ...parsed.findings] };
  });
  const classified = classify(documents.flat());
  documents.length = 0;
  const schemaFindings = await checkSchemas(classified.resources);
  const { model, filterPatterns, findings: modelFindings } = await buildModel(classified.resources, { retainRoutes: options.retainRoutes ?? true });
  return {
    files: loaded.map((l) => l.file),
    contextFiles: new Set(loaded.slice(primary.length).map((l) => l.file)),
    fileOrder: new Map(loaded.map((l, i) => [l.file, i])),
    documentCount: loaded.reduce((n, l) => n + l.documentCount, 0),
    emptyCount: loaded.reduce((n, l) => n + l.emptyCount, 0),
    brokenCount: loaded.reduce((n, l) => n + l.brokenCount, 0),
    resources: classified.resources,
    skipped: classified.skipped,
    model,
    filterPatterns,
    findings: [...loaded.flatMap((l) => l.findings), ...classified.findings, ...schemaFindings, ...modelFindings],
  };
}
