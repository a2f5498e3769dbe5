import { WORKSPACE_CONFIGURATION_KINDS } from './load/kinds';
import { DEFAULT_LIMITS, formatBytes } from './load/read-limits';
import { mapLimit } from './async/map-limit';
import type { Finding } from './diagnostics/finding';
import type { Host } from './host/host';
import { classify, skippedKinds } from './load/classify';
import { collectInputs, type Excludes, type Input } from './load/collect-inputs';
import { decode } from './load/decode';
import { DECLINED, parseDocuments, quickParseText, type ParsedDocument } from './load/parse-documents';
import { decodeQuickAnswer } from './load/parse-wire';
import { threadFor } from './load/thread-for';
import { markExoticFree } from './source/exotic-free';
import type { CheckedObject, PolicyObject, Resource } from './load/resource';
import { indexDestinationObjects } from './model/destination-objects';
import { buildModel } from './model/build-model';
import type { FilterPattern } from './model/filters';
import type { Model } from './model/types';
import { checkSchemas } from './schema/check-schemas';
import { InputTooLargeError } from './errors';
import { finding } from './diagnostics/finding';
import { spanAnchor } from './source/anchor';
import { SourceFile } from './source/source-file';
import { LARGE_INPUT_BYTES } from './host/memory-policy';
import { textDigest } from './load/reread-text';
import { loadYaml } from './source/yaml-library';

export interface AnalyzeOptions {
  readonly paths: readonly string[];
  /**
   * --context: read and resolved with the paths (a delegate's children, a provider), but reported on only
   * through the findings of the paths. A file given both ways is a path.
   */
  readonly contextPaths?: readonly string[];
  /** what a directory walk leaves out (and files never read); see load/collect-inputs.ts */
  readonly excludes?: Excludes;
  /** bytes: a larger file is not read (GW1013); default DEFAULT_LIMITS.file */
  readonly maxFileSize?: number;
  /** bytes read in all: the files past it are not read (GW1013); default DEFAULT_LIMITS.total */
  readonly maxInputSize?: number;
  /** routes the listeners may serve in all (GW4044); default MAX_SERVED_ROUTES (model/build-model.ts) */
  readonly maxRoutes?: number;
  /** how findings name standard input */
  readonly stdinName: string;
  /** keep the flattened routes in the model (see ModelOptions); true unless the caller only validates */
  readonly retainRoutes?: boolean;
  /**
   * The caller places nothing but findings (with placeFindings, which loads the yaml library if it needs
   * it). Otherwise the library is loaded here, for the Locators of routes, tests and reports.
   */
  readonly placesOnlyFindings?: boolean;
}

/** What the front half of the pipeline knows about the input. */
export interface Analysis {
  readonly files: readonly SourceFile[];
  /** the path each file was read from (standard input has none) */
  readonly inputPaths: ReadonlyMap<SourceFile, string>;
  /** the files read only as context: their own findings are not reported */
  readonly contextFiles: ReadonlySet<SourceFile>;
  readonly fileOrder: ReadonlyMap<SourceFile, number>;
  /** YAML documents read, including empty and unparsable ones */
  readonly documentCount: number;
  readonly emptyCount: number;
  readonly brokenCount: number;
  /** symbolic links in the folders read whose target does not exist */
  readonly danglingLinks: number;
  /** FIFOs, sockets and devices named like manifests in the folders read, not read */
  readonly specialFiles: number;
  /** symbolic links to a folder that holds them, not walked */
  readonly linkLoops: number;
  /** folders and files reached again through symbolic links, read once */
  readonly linkedTwice: number;
  /** files a kustomization in the folders read names as patches: left out */
  readonly kustomizePatches: number;
  /** Helm charts whose templates were left out */
  readonly helmCharts: number;
  /** the Gloo resources found; their raw data is released by the model stage (see Resource) */
  readonly resources: readonly Resource[];
  /**
   * the objects of the kinds checked against their CRD alone (CRD_CHECKED_KINDS), of which no output is
   * made, and the policies (checked against theirs: load/check-policy.ts)
   */
  readonly checkedObjects: readonly (CheckedObject | PolicyObject)[];
  readonly skipped: ReadonlyMap<string, number>;
  readonly model: Model;
  readonly filterPatterns: readonly FilterPattern[];
  readonly findings: readonly Finding[];
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A file a parse thread parsed, whose text is read again only if a finding needs it. Made here, not
 * where the thread's answer is at hand: a closure there would hold the answer (the file's documents as
 * JSON) for the whole run (corpus L: 36 MB).
 */
function forgottenFile(host: Host, name: string, digest: string): SourceFile {
  return new SourceFile(name, () => host.readAgain!(name)!(digest));
}

// Enough reads in flight to hide file-system latency, few enough to stay far below the open-file limit.
const READ_CONCURRENCY = 32;

/**
 * Stages 1 to 3: read and parse every input, classify its documents, validate them against the schemas,
 * resolve them into the model.
 */
export async function analyze(host: Host, options: AnalyzeOptions): Promise<Analysis> {
  await host.memoryStage?.('reading');
  const primary = await collectInputs(host, options.paths, options.stdinName, options.excludes);
  // context files are those the paths to check do not reach, by any path
  const context = options.contextPaths?.length ? (await collectInputs(host, options.contextPaths, options.stdinName, options.excludes, primary.realPaths)).filter((i) => i.kind === 'file') : [];
  primary.realPaths = undefined;
  const inputs = [...primary, ...context];
  // The documents' data is kept apart from what is kept of each file, and let go once classified: from
  // then on the resources hold it, and the model stage releases it stage by stage.
  const documents: ParsedDocument[][] = [];
  const maxFile = options.maxFileSize ?? DEFAULT_LIMITS.file;
  let budget = options.maxInputSize ?? DEFAULT_LIMITS.total;
  let bytesRead = 0;
  const loaded = await mapLimit(inputs, READ_CONCURRENCY, async (input: Input, i) => {
    const name = input.kind === 'stdin' ? input.name : input.path;
    const limit = Math.min(maxFile, budget);
    // on a large input a parse thread reads and parses the file, when one has room
    const thread = input.kind === 'file' ? threadFor(host.parser, bytesRead) : undefined;
    // This thread reads and parses without ever waiting on the event loop, where the threads' answers
    // arrive: while they hold files, it lets them in before taking one more file itself. Otherwise
    // their queues stay full and this thread parses nearly everything.
    if (!thread && host.parser?.pending) await nextTurn();
    const threaded = thread ? ((await thread.load(name, limit)) ?? null) : null;
    let bytes: Uint8Array | undefined;
    try {
      if (!threaded) bytes = input.kind === 'stdin' ? await host.readStdin(limit) : await host.readFile(input.path, limit);
      const size = threaded ? threaded.bytes : bytes!.length;
      // reads run concurrently: a file that takes the total past the limit is dropped once read
      budget -= size;
      bytesRead += size;
      if (budget < 0) throw new InputTooLargeError(options.maxInputSize ?? DEFAULT_LIMITS.total);
    } catch (error) {
      if (!(error instanceof InputTooLargeError)) throw error;
      const file = new SourceFile(name, '');
      const which = error.limit === maxFile ? { limit: maxFile, flag: '--max-file-size' } : { limit: options.maxInputSize ?? DEFAULT_LIMITS.total, flag: '--max-input-size' };
      const f = finding('GW1013', { limit: formatBytes(which.limit), flag: which.flag }, spanAnchor(file, 0));
      documents[i] = [];
      return { file, parsedHere: false, documentCount: 0, emptyCount: 0, brokenCount: 0, findings: [f] };
    }
    // a thread hands over only files that decoded without a finding; of those it parsed, not the text,
    // which is read again only if a finding needs it
    const decoded = threaded
      ? { file: 'digest' in threaded ? forgottenFile(host, name, threaded.digest) : new SourceFile(name, threaded.text), ok: true, findings: [] }
      : decode(name, bytes!);
    // the quick path's answer first: a file it declines takes the exact path, which needs the yaml library
    const quick = decoded.ok && !(threaded && 'digest' in threaded) ? (threaded && 'declined' in threaded ? DECLINED : quickParseText(decoded.file.text)) : undefined;
    if (quick === DECLINED) await loadYaml();
    const parsed = !decoded.ok
      ? { documents: [], documentCount: 0, emptyCount: 0, brokenCount: 0, findings: [] }
      : threaded && 'digest' in threaded
        ? decodeQuickAnswer(decoded.file, threaded.documents)
        : parseDocuments(decoded.file, quick);
    // the quick loader took the whole text: the block index need not look for what it declines (EXOTIC_YAML)
    if ((threaded && 'digest' in threaded) || (quick !== undefined && quick !== DECLINED)) markExoticFree(decoded.file);
    documents[i] = parsed.documents;
    return { file: decoded.file, parsedHere: !threaded && decoded.ok && input.kind === 'file', documentCount: parsed.documentCount, emptyCount: parsed.emptyCount, brokenCount: parsed.brokenCount, findings: [...decoded.findings, ...parsed.findings] };
  });
  host.parser?.close();
  // On a large input the texts of the files parsed here go too, as those the parse threads parsed: a
  // finding reads its file again (SourceFile.forget).
  if (bytesRead > LARGE_INPUT_BYTES && host.readAgain) {
    for (const { file, parsedHere } of loaded) {
      const again = parsedHere ? host.readAgain(file.name) : undefined;
      if (!again) continue;
      const digest = textDigest(file.text);
      file.forget(() => again(digest));
    }
  }
  // the files a kustomization that changes their metadata names as resources: read as it builds them
  const kustomized = new Map(loaded.flatMap((l, i) => { const input = inputs[i]!; return input.kind === 'file' && input.kustomized ? [[l.file, input.kustomized] as const] : []; }));
  const classified = classify(documents.flat(), kustomized);
  documents.length = 0;
  const schemaFindings = await checkSchemas([...classified.resources, ...classified.checked]);
  await host.memoryStage?.('model');
  const { model, filterPatterns, findings: modelFindings } = await buildModel(classified.resources, { retainRoutes: options.retainRoutes ?? true, schemaFindings, namespaceLabels: classified.namespaceLabels, policies: classified.policies, destinationObjects: indexDestinationObjects(classified.checked), otherConfiguration: classified.checked.filter((o) => WORKSPACE_CONFIGURATION_KINDS.has(o.kind)), ...(options.maxRoutes !== undefined ? { maxRoutes: options.maxRoutes } : {}) });
  if (!options.placesOnlyFindings) await loadYaml();
  const findings = [...loaded.flatMap((l) => l.findings), ...classified.findings, ...schemaFindings, ...modelFindings];
  // Manifests read, none of them Gloo Platform's, and nothing else to say: a run pointed at the wrong
  // folder (the chart's, the apps') would pass having checked nothing. With --context the paths are the
  // changed files of a larger set (the pre-commit hook), and may hold no Gloo resource by right.
  if (classified.resources.length === 0 && classified.checked.length === 0 && !options.contextPaths?.length && loaded.length > 0 && findings.every((f) => f.severity === 'info')) {
    const kinds = skippedKinds(classified.skipped);
    const read = loaded.length > 1 ? `the ${loaded.length} files read` : inputs[0]!.kind === 'stdin' ? 'standard input' : 'the file read';
    // policies alone: checked against their CRDs (check-policy.ts), but what they select is not known
    const policies = skippedKinds(countKinds(classified.policyObjects));
    const listed = [...policies, ...kinds.map((k) => (policies.length ? `${k} skipped` : k))];
    const said = policies.length
      ? { but: ' but policies', kinds: ` (${listed.join(', ')})`, checked: 'their own fields were checked, not what they select: no route, gateway or workspace was read' }
      : { but: '', kinds: listed.length ? ` (${listed.join(', ')})` : '', checked: 'nothing was checked' };
    findings.push(finding('GW1017', { documents: read, ...said }, spanAnchor(loaded[0]!.file, 0)));
  }
  return {
    files: loaded.map((l) => l.file),
    inputPaths: new Map(loaded.flatMap((l, i) => (inputs[i]!.kind === 'file' ? [[l.file, (inputs[i] as { path: string }).path] as const] : []))),
    contextFiles: new Set(loaded.slice(primary.length).map((l) => l.file)),
    fileOrder: new Map(loaded.map((l, i) => [l.file, i])),
    documentCount: loaded.reduce((n, l) => n + l.documentCount, 0),
    emptyCount: loaded.reduce((n, l) => n + l.emptyCount, 0),
    brokenCount: loaded.reduce((n, l) => n + l.brokenCount, 0),
    danglingLinks: primary.danglingLinks ?? 0,
    specialFiles: primary.specialFiles ?? 0,
    linkLoops: primary.linkLoops ?? 0,
    linkedTwice: primary.linkedTwice ?? 0,
    kustomizePatches: primary.kustomizePatches ?? 0,
    helmCharts: primary.helmCharts ?? 0,
    resources: classified.resources,
    checkedObjects: [...classified.checked, ...classified.policyObjects],
    skipped: classified.skipped,
    model,
    filterPatterns,
    findings,
  };
}

/** How many of each kind (`3 WAFPolicy`), for the names GW1017 gives. */
function countKinds(objects: readonly { readonly kind: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const o of objects) counts.set(o.kind, (counts.get(o.kind) ?? 0) + 1);
  return counts;
}
