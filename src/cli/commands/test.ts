import { analysisInputs } from '../analysis-inputs';
import { resolve } from 'node:path';
import { CORE_SCHEMA, load, loadAll } from 'js-yaml';
import { parse } from 'yaml';
import { hasExoticYaml } from '../../load/exotic-yaml';
import { analyze } from '../../analyze';
import { InputTooLargeError, UsageError } from '../../errors';
import { DEFAULT_LIMITS, formatBytes } from '../../load/read-limits';
import type { Host } from '../../host/host';
import { collectInputs, type Excludes } from '../../load/collect-inputs';
import { recordSideInput } from '../../host/side-inputs';
import { readRoutingTests, TestsFileError, type RoutingTestsFile } from '../../inspect/routing-tests-file';
import { positionIn } from '../../inspect/tests-file-position';
import { runRoutingTests } from '../../inspect/run-routing-tests';
import { formatTestRun, type TestFormat } from '../../inspect/test-report';
import { loadRegexEngine } from '../../model/regex-engine';
import { emitReport } from '../../report/emit-report';
import { reportOptions, findingsFileTargets, type InputFlags, type ReportFlags } from '../options';
import { printable } from '../../text/printable';
import { refuseInputTargets, refuseSharedTargets } from '../../report/output-guard';
import { firstAndMore, NAMES_SHOWN } from '../../text/first-and-more';

export type TestFlags = InputFlags &
  ReportFlags & {
    tests: string[];
    testFormat: TestFormat;
    output?: string;
    failUnder?: number;
    exportEnvoyTests?: string;
    /** routes tried for all the tests together, past which gwctl stops (run-routing-tests.ts) */
    maxRouteChecks?: number;
  };

/**
 * `gwctl test`: the routing tests of --tests run against the model of the manifests. The result goes to
 * stdout (or -o), the findings about the manifests to stderr. Exit 1 when a test fails, when coverage
 * is under --fail-under, or when the findings reach --fail-severity; 2 on usage errors.
 */
export async function test(host: Host, paths: string[], flags: TestFlags): Promise<number> {
  if (!flags.tests.length) throw new UsageError('give the routing tests with --tests FILE|DIR');
  const outputs = [['-o/--output', flags.output], ...findingsFileTargets(flags)] as const;
  await refuseSharedTargets(host, [...outputs, ['--export-envoy-tests', flags.exportEnvoyTests]]);
  const inputs = await analysisInputs(host, paths, flags);
  // a folder of tests is walked as a folder of manifests is: package.json, values.yaml, gwctl's own files
  // and the --exclude-path globs are left out
  const files = await readTestFiles(host, flags.tests, flags.stdinFilename, flags.maxFileSize ?? DEFAULT_LIMITS.file, inputs.excludes);
  // a suite that checks nothing passes nothing: a CI job would be green on an emptied file
  if (files.every((f) => f.tests.length === 0 && f.findings === undefined)) {
    throw new UsageError(`--tests ${flags.tests.join(' ')}: ${files.length === 1 ? 'the file holds' : `the ${files.length} files hold`} no test and pin no findings: nothing would be checked`);
  }
  const analysis = await analyze(host, inputs);
  const outcome = await emitReport(host, analysis, [], reportOptions(host, { ...flags, output: flags.findingsOutput }, host.stderr, '--findings-output'), host.stderr);
  await refuseInputTargets(host, analysis, [['-o/--output', flags.output], ['--export-envoy-tests', flags.exportEnvoyTests]]);
  const run = runRoutingTests(analysis.model, files, analysis.findings, await loadRegexEngine(), undefined, flags.maxRouteChecks);
  const text = formatTestRun(run, flags.testFormat, flags.failUnder);
  // every file to write is known, and checked, before the first is written
  const exported = flags.exportEnvoyTests ? await (await import('../../inspect/export-envoy-tests')).envoyTestFiles(analysis.model, run, flags.exportEnvoyTests) : undefined;
  if (exported) {
    const files = exported.files.map((f) => ['--export-envoy-tests', f.path] as const);
    await refuseSharedTargets(host, [...outputs, ...files]);
    await refuseInputTargets(host, analysis, files);
  }
  if (flags.output) await host.writeFileAtomic(flags.output, text);
  else host.stdout.write(text);
  if (exported) {
    for (const f of exported.files) await host.writeFileAtomic(f.path, f.text);
    for (let i = 0; i < exported.files.length; i += 2) {
      const [tests, routeConfig] = [exported.files[i]!.path, exported.files[i + 1]!.path];
      host.stderr.write(printable(`gwctl: wrote ${tests} and ${routeConfig}: router_check_tool -c ${routeConfig} -t ${tests} --details`) + '\n');
    }
    if (exported.unrendered.length) {
      host.stderr.write(printable(`gwctl: not exported: ${exported.unrendered.length} test(s) served by a listener the Envoy output leaves out (\`gwctl render --target envoy\` says why, GW7014): ${firstAndMore(exported.unrendered, NAMES_SHOWN, ', ')}`) + '\n');
    }
  }
  const failed = run.results.some((r) => r.problems.length) || run.findingMismatches.length > 0;
  const under = flags.failUnder !== undefined && run.coverage < flags.failUnder;
  if (under) host.stderr.write(`gwctl: coverage ${run.coverage}% is under --fail-under ${flags.failUnder}%\n`);
  return failed || under || outcome.exitCode === 1 ? 1 : 0;
}

/**
 * Every routing test file under the --tests paths (files, directories of .yaml/.yml/.json files), each
 * recorded as an input no output may replace. In a directory, a file of Kubernetes manifests is passed
 * over: tests live beside the manifests they test (the other commands pass over the test files), and
 * `--tests DIR` of such a folder failed on its first manifest. A file named itself is a test file, and any
 * other file in a directory must be one: a test file with a misspelt `tests:` is an error, not skipped.
 */
async function readTestFiles(host: Host, paths: readonly string[], stdinName: string, maxBytes: number, excludes?: Excludes): Promise<RoutingTestsFile[]> {
  const named = new Set(paths.map((p) => resolve(host.cwd(), p)));
  // a test file named itself is read, even where it is also given as gwctl's own file (--write-baseline
  // tests.yaml): the check of what is written refuses that, naming the flag
  const inputs = await collectInputs(host, paths, stdinName, excludes && { ...excludes, files: new Set([...excludes.files].filter((f) => !named.has(f))) });
  const files: RoutingTestsFile[] = [];
  let manifests = 0;
  for (const input of inputs) {
    const name = input.kind === 'file' ? input.path : input.name;
    // bounded as a manifest is (--max-file-size): a test file comes with the pull request, as a link too
    let bytes: Uint8Array;
    try {
      bytes = input.kind === 'file' ? await host.readFile(input.path, maxBytes) : await host.readStdin(maxBytes);
    } catch (error) {
      if (error instanceof InputTooLargeError) throw new UsageError(`${name}: a routing test file larger than ${formatBytes(maxBytes)}; not read (raise the limit with --max-file-size)`);
      throw error;
    }
    let text: string | undefined;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      // reported below, as the file's text is
    }
    if (input.kind === 'file' && text !== undefined && !named.has(resolve(host.cwd(), input.path)) && holdsManifests(text)) {
      manifests++;
      continue;
    }
    if (input.kind === 'file') await recordSideInput(host, input.path);
    let data: unknown;
    try {
      data = readTestData(text ?? new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch (error) {
      throw new UsageError(`${name}: not a YAML routing test file: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
    try {
      files.push(readRoutingTests(name, data));
    } catch (error) {
      // the place as a line and column, as an editor and a CI log take it, where the text says where
      const at = error instanceof TestsFileError && text !== undefined ? positionIn(text, error.pointer) : undefined;
      if (at && error instanceof TestsFileError) throw new UsageError(`${name}:${at.line}:${at.column}: ${error.pointer || 'the file'}: ${error.detail}`);
      throw error;
    }
  }
  if (files.length === 0) throw new UsageError(`--tests ${paths.join(' ')}: no routing test file there${manifests ? ` (${manifests} file${manifests === 1 ? '' : 's'} of manifests passed over)` : ''}`);
  return files;
}

/**
 * Whether a file holds Kubernetes manifests: every document empty or a mapping with `apiVersion` or
 * `kind` and no `tests`. What js-yaml cannot read (a custom tag) is left to the test file reader, which
 * says why it is not a test file.
 */
function holdsManifests(text: string): boolean {
  let documents: unknown[];
  try {
    documents = loadAll(text, undefined, { schema: CORE_SCHEMA }) as unknown[];
  } catch {
    return false;
  }
  const manifest = (d: unknown) => d !== null && typeof d === 'object' && !Array.isArray(d) && ('apiVersion' in d || 'kind' in d) && !('tests' in d);
  return documents.some((d) => d !== null) && documents.every((d) => d === null || manifest(d));
}

/**
 * A test file's data, read as YAML 1.2 (the core schema), a key given twice refused. A file without
 * anchors, aliases or tags (load/exotic-yaml.ts), which is every generated one, is read by js-yaml: the
 * yaml library's document of a 20 MB file of tests took 2 GB, and a file at --max-file-size ran out of
 * memory. The others keep the yaml library, which bounds what aliases expand to.
 */
function readTestData(text: string): unknown {
  if (!hasExoticYaml(text)) return load(text, { schema: CORE_SCHEMA });
  // logLevel 'error': the yaml library would print its warnings on stderr itself, with the input's text
  return parse(text, { prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
}
