import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { isMap, isScalar, isSeq, parseAllDocuments, type Document } from 'yaml';
import type protobuf from 'protobufjs';
import { analyze } from '../../src/analyze';
import { analysisInputs } from '../../src/cli/analysis-inputs';
import { emitter, type RenderFlags } from '../../src/cli/commands/render';
import { main } from '../../src/cli/main';
import type { Finding } from '../../src/diagnostics/finding';
import type { Emitted } from '../../src/emit/emitted';
import { ENVOY_DEFAULTS } from '../../src/emit/envoy/envoy-defaults';
import { formatVersion } from '../../src/emit/envoy/envoy-version';
import { serializeStream } from '../../src/emit/serialize';
import { DOCS_URL } from '../../src/report/docs-url';
import type { Model } from '../../src/model/types';
import { envoyBehaviourViolations } from './envoy/behaviour';
import { envoyProtos } from './envoy/envoy-protos';
import { checkProtoJson } from './envoy/proto-json';
import { routerCheck, type RouterCheckTest } from './envoy/route-check';
import { gatewayApiErrors, unresolvedReferences } from './gateway-api-checks';
import { glooCrdErrors } from './gloo-checks';
import { memoryHost } from './memory-host';
import { ROOT } from './run-cli';

// The property a team relies on when it deploys what gwctl renders: an input that validate passes without
// an error renders, for every target, to what the target loads: an Envoy configuration that passes the
// proto and its validation rules and keeps the behaviour checks, Gloo Edge and Gateway API resources
// valid against their CRDs (with every Gateway API reference resolved); and where the set has routing
// tests, Envoy's router answers their requests on the rendered routes as the model does. Every value of
// each manifest set's specs is changed, one at a time, to each of the values where the CRDs and the
// targets part (an empty string, a zero, an informational status, a line break, a space, a name longer
// than Kubernetes takes), and every key and list item is deleted, one at a time. The same property holds
// for what `render --force` writes of every changed input, those with errors included.

// the routing tests of a set (its tests.yaml, unless named here): their requests, answered by the model
// and by Envoy's router
const TESTS: Readonly<Record<string, string>> = { 'fixtures/examples': 'fixtures/examples-tests/api.example.com.yaml' };
const VALUES: readonly unknown[] = ['', 0, 150, 'a\nb', 'a b', 'x'.repeat(300)];

type Path = Array<string | number>;

/** Every scalar of a document's spec, as a path of keys and indexes. */
function scalarPaths(node: unknown, path: Path, out: Path[]): Path[] {
  if (isMap(node)) for (const pair of node.items) scalarPaths(pair.value, [...path, isScalar(pair.key) ? String(pair.key.value) : String(pair.key)], out);
  else if (isSeq(node)) node.items.forEach((item, i) => scalarPaths(item, [...path, i], out));
  else if (isScalar(node)) out.push(path);
  return out;
}

/** Every key and list item of a document's spec, as a path. */
function entryPaths(node: unknown, path: Path, out: Path[]): Path[] {
  if (isMap(node)) {
    for (const pair of node.items) {
      const at = [...path, isScalar(pair.key) ? String(pair.key.value) : String(pair.key)];
      out.push(at);
      entryPaths(pair.value, at, out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      out.push([...path, i]);
      entryPaths(item, [...path, i], out);
    });
  }
  return out;
}

/** The changes made to a document, one per input: each scalar set to each value, each entry deleted. */
function changes(doc: Document): Array<{ what: string; apply: (d: Document) => void }> {
  const spec = doc.get('spec', true);
  return [
    ...scalarPaths(spec, ['spec'], []).flatMap((path) => VALUES.map((value) => ({ what: `${path.join('.')} = ${JSON.stringify(value)}`, apply: (d: Document) => d.setIn(path, value) }))),
    ...entryPaths(spec, ['spec'], []).map((path) => ({ what: `${path.join('.')} deleted`, apply: (d: Document) => void d.deleteIn(path) })),
  ];
}

let root: protobuf.Root | undefined;
// requests Envoy's router answered on rendered routes, in all (the routing half of the property ran)
let requestsRouted = 0;

const TARGETS = ['envoy', 'gloo', 'gateway-api'] as const;

// `gwctl render -t TARGET in.yaml --output-format json` as the command line gives it, but for the target:
// the three outputs of an input are emitted from one analysis of it (four analyses of each input were
// half of this property's time). renderedAsTheCliDoes checks these against the command itself.
const FLAGS: Omit<RenderFlags, 'target'> = {
  stdinFilename: '<stdin>',
  context: [],
  format: 'text',
  failSeverity: 'error',
  minSeverity: 'info',
  suppress: [],
  docsUrl: DOCS_URL,
  quiet: true,
  outputFormat: 'json',
  gatewayClass: 'kgateway',
  namespace: 'gloo-system',
  envoyForm: ENVOY_DEFAULTS.form,
  listen: `${ENVOY_DEFAULTS.listen.address}:${ENVOY_DEFAULTS.listen.port}`,
  routeTimeout: `${ENVOY_DEFAULTS.routeTimeoutSeconds}s`,
  caFile: ENVOY_DEFAULTS.caFile,
  envoyVersion: formatVersion(ENVOY_DEFAULTS.envoyVersion),
  trustedHops: ENVOY_DEFAULTS.trustedHops,
  serviceRetries: ENVOY_DEFAULTS.serviceRetries,
  maxRequestSize: ENVOY_DEFAULTS.bufferLimit,
  escapedSlashes: 'reject',
  maxHeap: ENVOY_DEFAULTS.maxHeapBytes,
  glooEdition: 'oss',
  iamFormat: 'json',
};

const emitters = new Map<string, (model: Model) => Emitted>();

/**
 * What render writes of an input for each target, as JSON text: undefined for a target whose findings
 * stop the render (an error, without `force`), and for every target when validate fails the input.
 */
async function renderAll(input: string, force: boolean): Promise<Map<string, string | undefined> | undefined> {
  const host = memoryHost({ 'in.yaml': input });
  const analysis = await analyze(host, await analysisInputs(host, ['in.yaml'], FLAGS));
  const isError = (f: Finding) => f.severity === 'error';
  if (!force && analysis.findings.some(isError)) return undefined;
  const outputs = new Map<string, string | undefined>();
  for (const target of TARGETS) {
    if (!emitters.has(target)) emitters.set(target, await emitter({ ...FLAGS, target }));
    const emitted = emitters.get(target)!(analysis.model);
    const refused = !force && emitted.findings.some(isError);
    outputs.set(target, refused ? undefined : [...serializeStream(emitted, 'json')].join(''));
  }
  return outputs;
}

/**
 * The outputs renderAll gives for a set's own manifests, byte for byte those of `gwctl render` for each
 * target: what the property checks is what the command writes.
 */
async function renderedAsTheCliDoes(input: string, force: boolean): Promise<void> {
  const outputs = await renderAll(input, force);
  for (const target of TARGETS) {
    const cli = memoryHost({ 'in.yaml': input });
    const code = await main(['render', '-t', target, 'in.yaml', '--output-format', 'json', '-q', ...(force ? ['--force'] : [])], cli);
    const output = outputs?.get(target);
    expect({ target, code, output: cli.stdout.text() }).toEqual({ target, code: output === undefined ? 1 : 0, output: output ?? '' });
  }
}

/**
 * Each target's output of an input validate passes, checked as its own tests check it; undefined when
 * validate does not pass it (or the Envoy output refuses it, as before). With routing tests, Envoy's
 * router (the independent reading of route-check.ts) must also answer each request on the rendered routes
 * as the model does: the model's answers, not the tests' expectations, are what --export-envoy-tests writes.
 */
async function brokenOutputs(input: string, tests: string | undefined, force = false): Promise<string[] | undefined> {
  root ??= await envoyProtos();
  const outputs = await renderAll(input, force);
  // render writes nothing for an input with an error (exit 1), as validate fails it: not this property's
  if (outputs === undefined || outputs.get('envoy') === undefined) return undefined;
  const issues: string[] = [];
  for (const target of TARGETS) {
    const text = outputs.get(target);
    if (text === undefined) {
      issues.push(`${target}: render exits 1`);
      continue;
    }
    const output = JSON.parse(text);
    if (target === 'envoy') issues.push(...[...checkProtoJson(root, 'envoy.config.bootstrap.v3.Bootstrap', output), ...envoyBehaviourViolations(output)].map((i) => `envoy: ${i}`));
    else {
      const resources: Array<Record<string, any>> = output.kind === 'List' ? output.items : [output];
      const check = target === 'gloo' ? glooCrdErrors : gatewayApiErrors;
      issues.push(...resources.flatMap((r) => check(r).map((e) => `${target}: ${r.kind} ${r.metadata?.name}: ${e}`)));
      if (target === 'gateway-api') issues.push(...unresolvedReferences(resources).map((e) => `gateway-api: ${e}`));
    }
  }
  if (tests !== undefined) {
    const run = memoryHost({ 'in.yaml': input, 'tests.yaml': tests });
    await main(['test', 'in.yaml', '--tests', 'tests.yaml', '-q', '--export-envoy-tests', 'out.json'], run);
    for (const [file, text] of run.written) {
      if (file.endsWith('.route-config.json')) continue;
      const config = JSON.parse(run.written.get(file.replace(/\.json$/, '.route-config.json'))!);
      const routed = JSON.parse(text).tests as RouterCheckTest[];
      requestsRouted += routed.length;
      issues.push(...routerCheck(config, routed).map((f) => `envoy routing: ${f}`));
    }
  }
  return issues;
}

/**
 * What `render --force` writes of an input with errors, checked as the property checks what validate
 * passes: every target's output loads, and Envoy's router answers the routing tests as the model does.
 * The issues found; none when every output loads.
 */
export async function forcedOutputIssues(input: string, tests?: string): Promise<string[]> {
  return (await brokenOutputs(input, tests, true))!;
}

/**
 * A document's text without the `---` the yaml library writes before it when its source had one: joined
 * with `---` that would make an empty document between every two, a file the quick path declines, and the
 * property would be checked on the exact path alone, which no manifest set without such documents takes.
 */
function documentText(doc: Document): string {
  const text = doc.toString();
  return text.startsWith('---\n') ? text.slice(4) : text;
}

/**
 * Checks the property on one manifest set (a folder, or one file): every change, one input each. With
 * `force`, on what `render --force` writes of every changed input, those with errors included: what
 * the schema or the model refuses is replaced or left out, never written as it is.
 */
export async function checkLoadableOutputs(base: string, { force = false } = {}): Promise<void> {
    const files = base.endsWith('.yaml') ? [base] : readdirSync(join(ROOT, base)).filter((f) => f.endsWith('.yaml') && f !== 'tests.yaml').sort().map((f) => `${base}/${f}`);
    const texts = files.map((f) => readFileSync(join(ROOT, f), 'utf8'));
    requestsRouted = 0;
    const testsFile = TESTS[base] ?? (existsSync(join(ROOT, base, 'tests.yaml')) ? `${base}/tests.yaml` : undefined);
    // (with --force, the outputs' own checks only: Envoy's router against the model is the property's
    // on inputs without errors, and would double the time of this one)
    const tests = testsFile === undefined || force ? undefined : readFileSync(join(ROOT, testsFile), 'utf8');
    // parsed once: each change is made to a copy of its document, the others are written as they are
    // (parsing every document again for every change was a sixth of this property's time)
    const documents = texts.flatMap((t) => parseAllDocuments(t) as Document[]);
    const written = documents.map(documentText);
    await renderedAsTheCliDoes(written.join('---\n'), force);
    const broken: string[] = [];
    let passed = 0;
    for (let d = 0; d < documents.length; d++) {
      for (const change of changes(documents[d]!)) {
        const changed = documents[d]!.clone();
        change.apply(changed);
        const input = written.map((text, i) => (i === d ? documentText(changed) : text)).join('---\n');
        const issues = await brokenOutputs(input, tests, force);
        if (issues === undefined) continue;
        passed++;
        if (issues.length) broken.push(`${changed.get('kind')} ${change.what}: ${issues.slice(0, 2).join(' | ')}`);
      }
    }
    expect(broken).toEqual([]);
    // enough changed inputs pass validate for the property to be tested at all, with their requests routed
    expect(passed).toBeGreaterThan(10);
    if (tests !== undefined) expect(requestsRouted).toBeGreaterThan(0);
  }
