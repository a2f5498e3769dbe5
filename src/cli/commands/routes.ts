import { analysisInputs } from '../analysis-inputs';
import { analyze } from '../../analyze';
import { UsageError } from '../../errors';
import type { Host } from '../../host/host';
import { explainAnswers } from '../../inspect/explain-answer';
import { matchRequest, parseRequest } from '../../inspect/match-request';
import { routesTable } from '../../inspect/routes-table';
import { jsonChunks } from '../../emit/stream-writer';
import { modelToJson } from '../../inspect/serialize-model';
import { loadRegexEngine } from '../../model/regex-engine';
import { policiesOf } from '../../model/policy-selection';
import type { ListenerNode, PolicyNode, RouteNode } from '../../model/types';
import { emitReport } from '../../report/emit-report';
import { Locator } from '../../source/locate';
import { reportOptions, findingsFileTargets, type InputFlags, type ReportFlags } from '../options';
import { printable } from '../../text/printable';
import { refuseInputTargets, refuseSharedTargets } from '../../report/output-guard';
import { jsonText } from '../../text/json-text';

export type RoutesFlags = InputFlags &
  ReportFlags & {
    /** what stdout shows; the findings format is --findings-format */
    routesFormat: 'table' | 'json';
    /** -o: the table or the answer to this file instead of stdout */
    routesOutput?: string;
    request?: string;
    header: string[];
  };

/**
 * `gwctl routes`: the flattened routing table on stdout (findings on stderr), or, with --request, which
 * route would serve a request and why the routes before it did not.
 */
export async function routes(host: Host, paths: string[], flags: RoutesFlags): Promise<number> {
  await refuseSharedTargets(host, [['-o/--output', flags.routesOutput], ...findingsFileTargets(flags)]);
  if (flags.request === undefined && flags.header.length) throw new UsageError('-H/--header goes with --request');
  const request = flags.request !== undefined ? parseRequest(flags.request, flags.header) : undefined;
  const analysis = await analyze(host, await analysisInputs(host, paths, flags));
  const outcome = await emitReport(host, analysis, [], reportOptions(host, { ...flags, output: flags.findingsOutput }, host.stderr, '--findings-output'), host.stderr);
  await refuseInputTargets(host, analysis, [['-o/--output', flags.routesOutput]]);
  const write = async (text: string | Iterable<string>) => {
    if (flags.routesOutput) return host.writeFileAtomic(flags.routesOutput, text);
    for (const chunk of typeof text === 'string' ? [text] : text) host.stdout.write(chunk);
  };
  if (!request) {
    // in chunks: the table or the JSON of a large input is too long to be one string
    await write(flags.routesFormat === 'json' ? jsonChunks(modelToJson(analysis.model, undefined, true)) : routesTable(analysis.model));
    return outcome.exitCode;
  }
  const answers = matchRequest(analysis.model, request, await loadRegexEngine());
  const locator = new Locator();
  if (flags.routesFormat === 'json') {
    const json = {
      request: { method: request.method, host: request.host, ...(request.port !== undefined ? { port: request.port } : {}), path: request.path, ...(request.sentPath !== undefined ? { sentPath: request.sentPath } : {}) },
      answers: answers.map((a) => ({
        listener: a.listener.name,
        host: a.host.host,
        attempts: a.attempts.map((t) => ({ route: t.route.name, matched: t.reason === undefined, ...(t.reason ? { reason: t.reason } : {}) })),
        route: a.route ? modelToJson(a.route, locator) : null,
        ...(a.rewrittenPath !== undefined ? { rewrittenPath: a.rewrittenPath } : {}),
        ...(a.rewrittenHost !== undefined ? { rewrittenHost: a.rewrittenHost } : {}),
        ...policiesJson(a.route, a.listener, analysis.model.policies ?? []),
      })),
    };
    await write(jsonText(json, 2) + '\n');
  } else {
    await write(`${printable(flags.request!.trim())}\n` + explainAnswers(analysis.model, request, answers, locator));
  }
  return outcome.exitCode;
}

/** The policies that select the route (`selection: 'selects'`) and those that may (`'undecided'`), as explainAnswer lists them. */
function policiesJson(route: RouteNode | undefined, listener: ListenerNode, policies: readonly PolicyNode[]): { policies?: unknown[] } {
  if (!route) return {};
  const { selecting, undecided } = policiesOf(policies, route, listener);
  const list = [...selecting.map((p) => [p, 'selects'] as const), ...undecided.map((p) => [p, 'undecided'] as const)].map(([p, selection]) => ({
    kind: p.ref.kind,
    namespace: p.ref.namespace,
    name: p.ref.name,
    appliesTo: p.appliesTo,
    selection,
    // what gwctl reads of a RetryTimeoutPolicy: the request timeout in seconds, and its retries (retryOn
    // absent where the policy names none and Istio's default conditions apply; perTryTimeoutSeconds where set)
    ...(p.requestTimeout ? { requestTimeoutSeconds: p.requestTimeout.seconds } : {}),
    ...(p.retries
      ? { retries: { attempts: p.retries.attempts, ...(p.retries.istioDefaults ? {} : { retryOn: p.retries.retryOn }), ...(p.retries.perTryTimeout !== undefined ? { perTryTimeoutSeconds: p.retries.perTryTimeout } : {}) } }
      : {}),
  }));
  return list.length ? { policies: list } : {};
}
