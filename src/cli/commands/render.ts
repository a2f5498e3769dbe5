import { analysisInputs } from '../analysis-inputs';
import { routeSeconds } from '../duration';
import { join } from 'node:path';
import { analyze, type Analysis } from '../../analyze';
import { mapLimit } from '../../async/map-limit';
import { inputRealPaths, refuseInputTargets, refuseInsideFolder, refuseSharedTargets } from '../../report/output-guard';
import { dedupeFindings } from '../../diagnostics/finding';
import type { Emitted } from '../../emit/emitted';
import { emptyOutput } from '../../emit/empty-output';
import { serializeDocument, serializeStream, type OutputFormat } from '../../emit/serialize';
import { isIP } from 'node:net';
import { isNamespaceName, isObjectName, namespacedName } from '../../text/kubernetes-names';
import { UsageError } from '../../errors';
import type { Host } from '../../host/host';
import type { Model } from '../../model/types';
import { judgeFindings, MACHINE_FORMATS, printReport, type JudgedFindings, type ReportOptions } from '../../report/emit-report';
import { version } from '../../../package.json';
import { atLeast, formatVersion, OLDEST_ENVOY, parseEnvoyVersion } from '../../emit/envoy/envoy-version';
import { ESCAPED_SLASHES } from '../../emit/envoy/envoy-defaults';
import type { ServiceRetries } from '../../emit/retry-policy';
import { reportOptions, findingsFileTargets, type InputFlags, type ReportFlags } from '../options';
import { jsonText } from '../../text/json-text';
import { isRegionName } from '../../model/arn';
import { outDirNames } from '../../text/out-dir-names';
import type { BaseTrust, EksCluster, GatewayTrust, ServiceAccount } from '../../emit/iam/trust-policy';

export type RenderFlags = InputFlags &
  ReportFlags & {
    target: 'envoy' | 'gloo' | 'iam' | 'gateway-api';
    gatewayClass: string;
    out?: string;
    outDir?: string;
    outputFormat: OutputFormat;
    /** --output-format was on the command line (not the default, not the configuration file) */
    outputFormatGiven?: boolean;
    force?: boolean;
    envoyForm: 'upstream' | 'listener';
    listen: string;
    routeTimeout: string;
    caFile: string;
    namespace: string;
    awsSecret?: string;
    envoyVersion: string;
    trustedHops: number;
    serviceRetries: ServiceRetries;
    maxRequestSize: number;
    escapedSlashes: 'reject' | 'redirect' | 'keep';
    maxHeap: number;
    glooEdition: 'oss' | 'enterprise';
    iamFormat: 'json' | 'terraform';
    oidcProvider?: string;
    serviceAccount?: string;
    gatewayRole?: string;
    eksCluster?: string;
  };

/**
 * `gwctl render`: the model as Envoy or Gloo Edge configuration. Findings go to stderr; when they include
 * errors nothing is written (exit 1) unless --force, which renders the routes that failed as direct
 * responses 500, as Gloo itself serves them.
 */
export async function render(host: Host, paths: string[], flags: RenderFlags): Promise<number> {
  if (flags.outDir && flags.out) throw new UsageError('give either -o/--output or --out-dir, not both');
  await refuseSharedTargets(host, [['-o/--output', flags.out], ...findingsFileTargets(flags)]);
  await refuseInsideFolder(host, ['--out-dir', flags.outDir], findingsFileTargets(flags));
  // IAM policies are JSON (or Terraform's JSON syntax), whatever --output-format says for Kubernetes
  // output; a configuration file's setting is for the other targets, but asking for YAML here is a mistake
  if (flags.target === 'iam' && flags.outputFormatGiven && flags.outputFormat !== 'json') {
    throw new UsageError(`--output-format ${flags.outputFormat} does not apply to --target iam: IAM policies are JSON (--iam-format terraform for Terraform's JSON syntax)`);
  }
  if (flags.target === 'iam') flags = { ...flags, outputFormat: 'json' };
  const emit = await emitter(flags);
  const options = reportOptions(host, { ...flags, output: flags.findingsOutput }, host.stderr, '--findings-output');
  const { judged, written, failure } = await renderAndWrite(host, paths, flags, emit, options);
  // the model and the output are garbage now, before the report reads the files again (memory-policy.ts)
  await host.memoryStage?.('report');
  // printed once the output is written and the model and output are gone (JudgedFindings)
  await printReport(host, judged, options, host.stderr);
  if (failure) throw failure.error;
  if (!written) {
    // a machine-readable report on stderr stays the only thing there: its exit code says the rest
    if (flags.findingsOutput || !MACHINE_FORMATS.has(flags.format)) host.stderr.write(`gwctl: nothing rendered: the input has findings at or above ${flags.failSeverity} (render anyway with --force)\n`);
    return 1;
  }
  return 0;
}

/**
 * Analysis, output and the findings judged; the output written unless the findings fail the run and
 * there is no --force. A failure to write is handed back, so that the report is printed before it. What
 * this returns holds nothing of the model or the output: both are garbage once it has returned.
 */
async function renderAndWrite(
  host: Host,
  paths: string[],
  flags: RenderFlags,
  emit: (model: Model) => Emitted,
  options: ReportOptions,
): Promise<{ judged: JudgedFindings; written: boolean; failure?: { error: unknown } }> {
  const analysis = await analyze(host, await analysisInputs(host, paths, flags));
  // the model stage's working state goes before the emitter adds to the heap (host/memory-policy.ts)
  await host.memoryStage?.('output');
  const emitted = emit(analysis.model);
  const findings = [...emitted.findings, ...emptyOutput(analysis.model, analysis.resources, flags.target, analysis.contextFiles)];
  const judged = await judgeFindings(host, analysis, dedupeFindings(findings), options);
  if (judged.outcome.exitCode === 1 && !flags.force) return { judged, written: false };
  try {
    await write(host, analysis, emitted, flags);
    return { judged, written: true };
  } catch (error) {
    return { judged, written: false, failure: { error } };
  }
}

/** The emitter of a target with its options, checked (usage errors before any input is read). */
export async function emitter(flags: RenderFlags): Promise<(model: Model) => Emitted> {
  if (flags.target === 'envoy') {
    const { renderEnvoy } = await import('../../emit/envoy/render-envoy');
    const envoyVersion = parseEnvoyVersion(flags.envoyVersion);
    if (!envoyVersion || !atLeast(envoyVersion, OLDEST_ENVOY)) throw new UsageError(`--envoy-version ${flags.envoyVersion}: expected a release such as 1.39, no older than ${formatVersion(OLDEST_ENVOY)}`);
    const options = {
      form: flags.envoyForm,
      listen: parseListen(flags.listen),
      routeTimeoutSeconds: routeSeconds(flags.routeTimeout),
      caFile: flags.caFile,
      toolVersion: version,
      envoyVersion,
      trustedHops: flags.trustedHops,
      serviceRetries: flags.serviceRetries,
      bufferLimit: flags.maxRequestSize,
      escapedSlashes: ESCAPED_SLASHES[flags.escapedSlashes],
      maxHeapBytes: flags.maxHeap,
    };
    return (model) => renderEnvoy(model, options);
  }
  if (flags.target === 'iam') {
    const { renderIam } = await import('../../emit/iam/render-iam');
    const options = { trust: gatewayTrust(flags), format: flags.iamFormat };
    return (model) => renderIam(model, options);
  }
  if (flags.target === 'gateway-api') {
    const [{ renderGatewayApi }, { loadRegexEngine }] = await Promise.all([import('../../emit/gateway-api/render-gateway-api'), import('../../model/regex-engine')]);
    if (!isObjectName(flags.gatewayClass)) throw new UsageError(`--gateway-class ${flags.gatewayClass}: expected a GatewayClass name (lower-case DNS name)`);
    checkNamespace(flags.namespace);
    const options = { gatewayClass: flags.gatewayClass, namespace: flags.namespace, routeTimeoutSeconds: routeSeconds(flags.routeTimeout), toolVersion: version, regex: await loadRegexEngine() };
    return (model) => renderGatewayApi(model, options);
  }
  const { renderGloo } = await import('../../emit/gloo/render-gloo');
  checkNamespace(flags.namespace);
  const options = {
    namespace: flags.namespace,
    awsSecret: parseSecret(flags.awsSecret),
    routeTimeoutSeconds: routeSeconds(flags.routeTimeout),
    toolVersion: version,
    edition: flags.glooEdition,
    serviceRetries: flags.serviceRetries,
  };
  return (model) => renderGloo(model, options);
}

async function write(host: Host, analysis: Analysis, emitted: Emitted, flags: RenderFlags): Promise<void> {
  if (flags.outDir) {
    const info = await host.stat(flags.outDir);
    if (!info?.isDirectory) throw new UsageError(`--out-dir ${flags.outDir}: not a directory`);
    const names = outDirNames(emitted.documents.map((doc) => (flags.outputFormat === 'json' ? doc.name.replace(/\.ya?ml$/, '.json') : doc.name)));
    await refuseInputTargets(host, analysis, names.map((n) => ['--out-dir', join(flags.outDir!, n)] as const));
    const list = join(flags.outDir, RENDERED_LIST);
    const earlierList = join(flags.outDir, EARLIER_RENDERED_LIST);
    const before = (await readRenderedList(host, list)) ?? (await readRenderedList(host, earlierList)) ?? [];
    // what an earlier render wrote here and this one does not is stale: `kubectl apply -f dir` would apply it
    // a list a pull request wrote can name any plain name in the folder: never an input (a manifest, the configuration)
    // Removed before the writes: where the file system is blind to case (macOS, Windows), a stale
    // `…-Team-A-Invoker.invoke-policy.json` is the file this render writes as `…-team-a-invoker…`, and
    // removed after, it took the new output with it.
    const inputs = await inputRealPaths(host, analysis);
    const written = new Set(names);
    for (const stale of before.filter((n) => !written.has(n))) {
      const path = join(flags.outDir, stale);
      if (!inputs.has(await host.realpath(path))) await host.remove(path);
    }
    // several at once: each write waits on the disk (its fsync, its rename), and one after the other 1,539
    // files took 1.5 s more than the same documents in one file
    await mapLimit(names, OUT_DIR_WRITES, (name, i) => host.writeFileAtomic(join(flags.outDir!, name), serializeDocument(emitted, i, flags.outputFormat), { replaceLink: true }));
    await host.writeFileAtomic(list, jsonText({ gwctlRendered: 1, files: [...names].sort() }, 2) + '\n', { replaceLink: true });
    // the list under its earlier name, replaced now (a file of that name that is no list of gwctl's stays)
    if ((await readRenderedList(host, earlierList)) !== undefined && !inputs.has(await host.realpath(earlierList))) await host.remove(earlierList);
    return;
  }
  await refuseInputTargets(host, analysis, [['-o/--output', flags.out]]);
  const chunks = emitted.stream !== undefined ? [jsonText(emitted.stream, 2) + '\n'] : serializeStream(emitted, flags.outputFormat);
  if (flags.out) await host.writeFileAtomic(flags.out, chunks);
  else for (const chunk of chunks) host.stdout.write(chunk);
}

/** Files of an --out-dir written at once. */
const OUT_DIR_WRITES = 16;

/**
 * The files gwctl wrote into an --out-dir, listed there so that the next render removes those it no
 * longer writes, and never any other file. A name without an extension: `kubectl apply -f DIR` reads
 * every file of the folder whose extension is .json, .yaml or .yml, hidden ones too (k8s.io/cli-runtime,
 * pkg/resource/visitor.go: ExpandPathsToFileVisitors, ignoreFile), and failed on the list gwctl kept as
 * `.gwctl-rendered.json` ("Object 'Kind' is missing"), exit 1 after applying the rest.
 */
export const RENDERED_LIST = '.gwctl-rendered';
/** Where renders before that kept the list: read when the folder has no other, removed once replaced. */
export const EARLIER_RENDERED_LIST = '.gwctl-rendered.json';
/** The list names one file per listener or resource rendered: far below this. */
const MAX_RENDERED_LIST_SIZE = 16 * 1024 * 1024;

/** The names a list of gwctl's holds, or undefined when the file is none (absent, not a file, not such a list). */
async function readRenderedList(host: Host, path: string): Promise<string[] | undefined> {
  if (!(await host.stat(path))?.isFile) return undefined;
  try {
    // a list no render wrote (a link to a device, a file of gigabytes) is no list: never read past the limit
    const data = JSON.parse(new TextDecoder().decode(await host.readFile(path, MAX_RENDERED_LIST_SIZE))) as { gwctlRendered?: unknown; files?: unknown };
    if (data.gwctlRendered !== 1 || !Array.isArray(data.files)) return undefined;
    // plain names only: a list edited by hand cannot make gwctl remove a file outside the folder
    return data.files.filter((f): f is string => typeof f === 'string' && /^[^/\\]+$/.test(f) && f !== '.' && f !== '..' && f !== RENDERED_LIST && f !== EARLIER_RENDERED_LIST);
  } catch {
    return undefined;
  }
}

/**
 * iam: who assumes the invoke roles: IRSA with --oidc-provider, another role with --gateway-role, else EKS
 * Pod Identity. With --gateway-role, the other flags say how that role is given to the gateway's pods
 * (IRSA, or Pod Identity pinned by --service-account and --eks-cluster), and its own trust is written.
 */
function gatewayTrust(flags: RenderFlags): GatewayTrust {
  const serviceAccount = flags.serviceAccount === undefined ? undefined : parseServiceAccount(flags.serviceAccount);
  const cluster = flags.eksCluster === undefined ? undefined : parseEksCluster(flags.eksCluster);
  // the OIDC provider is one cluster's already
  if (cluster && flags.oidcProvider) throw new UsageError('--eks-cluster applies to EKS Pod Identity, not to --oidc-provider (the provider is the cluster\'s own)');
  let base: BaseTrust | undefined;
  if (flags.oidcProvider) {
    if (!serviceAccount) throw new UsageError('--oidc-provider needs --service-account NAMESPACE/NAME: the trust is pinned to the gateway\'s service account');
    if (!/^(arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/|https:\/\/)?[a-z0-9.-]+\.[a-z]{2,}(\/[A-Za-z0-9._~-]+)*\/?$/.test(flags.oidcProvider)) {
      throw new UsageError(`--oidc-provider ${flags.oidcProvider}: expected the cluster's OIDC issuer (https://oidc.eks.REGION.amazonaws.com/id/ID) or the provider's ARN`);
    }
    base = { kind: 'irsa', oidcProvider: flags.oidcProvider, serviceAccount };
  } else if (serviceAccount || cluster || !flags.gatewayRole) {
    base = { kind: 'pod-identity', serviceAccount, cluster };
  }
  return flags.gatewayRole ? { kind: 'role', roleArn: flags.gatewayRole, base } : base!;
}

/**
 * A cluster's name as EKS takes it (CreateCluster: 1 to 100 characters, `^[0-9A-Za-z][A-Za-z0-9\-_]*$`),
 * or its ARN, which pins the account and region too: Pod Identity tags each session with both.
 */
function parseEksCluster(value: string): EksCluster {
  const clusterName = (name: string) => /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/.test(name);
  if (clusterName(value)) return { tag: 'eks-cluster-name', value, name: value };
  const arn = /^arn:aws[a-z-]*:eks:([^:]+):(\d{12}):cluster\/(.+)$/.exec(value);
  if (arn && isRegionName(arn[1]!) && clusterName(arn[3]!)) return { tag: 'eks-cluster-arn', value, name: arn[3]! };
  throw new UsageError(`--eks-cluster ${value}: expected the name of the gateway's EKS cluster or its ARN (arn:aws:eks:REGION:ACCOUNT:cluster/NAME)`);
}

function parseServiceAccount(value: string): ServiceAccount {
  const named = namespacedName(value);
  if (!named) throw new UsageError(`--service-account ${value}: expected NAMESPACE/NAME of the gateway's Kubernetes service account`);
  return named;
}

/**
 * `ADDRESS:PORT` or `PORT`, the address an IP address ([...] for IPv6): Envoy binds a listener's
 * socket_address only to one, and refuses the bootstrap for a name or a malformed address ("malformed IP
 * address"; a resolver would be needed: envoy api/envoy/config/core/v3/address.proto, SocketAddress.address).
 */
function parseListen(value: string): { address: string; port: number } {
  const m = /^(?:(\[[^\]]*\]|[^:]+):)?(\d{1,5})$/.exec(value);
  const port = m ? Number(m[2]) : NaN;
  if (!m || port < 1 || port > 65535) throw new UsageError(`--listen ${value}: expected ADDRESS:PORT or PORT, such as 0.0.0.0:10000`);
  const address = m[1] === undefined ? '0.0.0.0' : m[1].startsWith('[') ? m[1].slice(1, -1) : m[1];
  if (isIP(address) !== (m[1]?.startsWith('[') ? 6 : 4)) throw new UsageError(`--listen ${value}: ${m[1]} is not an IP address (IPv4, or IPv6 in brackets as in [::]:10000): Envoy binds a listener to an address, not a name`);
  return { address, port };
}

/** --namespace names where the gloo and gateway-api targets put resources: a namespace the API server takes. */
function checkNamespace(value: string): void {
  if (!isNamespaceName(value)) throw new UsageError(`--namespace ${value}: expected a Kubernetes namespace (a lower-case DNS label of at most 63 characters)`);
}

function parseSecret(value: string | undefined): { namespace: string; name: string } | undefined {
  if (value === undefined) return undefined;
  const named = namespacedName(value);
  if (!named) throw new UsageError(`--aws-secret ${value}: expected NAMESPACE/NAME of a Kubernetes Secret`);
  return named;
}
