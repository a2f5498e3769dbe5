import { analyze } from '../../analyze';
import { UsageError } from '../../errors';
import type { Host } from '../../host/host';
import { matchRequest, parseRequest, type RequestAnswer, type TestRequest } from '../../inspect/match-request';
import { actionRows, formatColumns, matchText, routesTable } from '../../inspect/routes-table';
import { modelToJson, placeAnchor } from '../../inspect/serialize-model';
import { loadRegexEngine } from '../../model/regex-engine';
import type { Model, RouteNode } from '../../model/types';
import { emitReport } from '../../report/emit-report';
import { Locator } from '../../source/locate';
import { reportOptions, type InputFlags, type ReportFlags } from '../options';

export type RoutesFlags = InputFlags &
  ReportFlags & {
    /** what stdout shows; the findings format is --findings-format */
    routesFormat: 'table' | 'json';
    request?: string;
    header: string[];
  };

/**
 * `gwctl routes`: the flattened routing table on stdout (findings on stderr), or, with --request, which
 * route would serve a request and why the routes before it did not.
 */
export async function routes(host: Host, paths: string[], flags: RoutesFlags): Promise<number> {
  if (flags.request === undefined && flags.header.length) throw new UsageError('-H/--header goes with --request');
  const request = flags.request !== undefined ? parseRequest(flags.request, flags.header) : undefined;
  const analysis = await analyze(host, { paths, contextPaths: flags.context, stdinName: flags.stdinFilename });
  const outcome = await emitReport(host, analysis, [], reportOptions(host, flags, host.stderr), host.stderr);
  if (!request) {
    host.stdout.write(flags.routesFormat === 'json' ? JSON.stringify(modelToJson(analysis.model), null, 2) + '\n' : routesTable(analysis.model));
    return outcome.exitCode;
  }
  const answers = matchRequest(analysis.model, request, await loadRegexEngine());
  const locator = new Locator();
  if (flags.routesFormat === 'json') {
    const json = {
      request: { method: request.method, host: request.host, ...(request.port !== undefined ? { port: request.port } : {}), path: request.path },
      answers: answers.map((a) => ({
        listener: a.listener.name,
        host: a.host.host,
        attempts: a.attempts.map((t) => ({ route: t.route.name, matched: t.reason === undefined, ...(t.reason ? { reason: t.reason } : {}) })),
        route: a.route ? modelToJson(a.route, locator) : null,
      })),
    };
    host.stdout.write(JSON.stringify(json, null, 2) + '\n');
  } else {
    host.stdout.write(`${flags.request!.trim()}\n` + (answers.length ? answers.map((a) => describeAnswer(a, request, locator)).join('\n') : noListener(analysis.model, request)));
  }
  return outcome.exitCode;
}

function noListener(model: Model, request: TestRequest): string {
  const ports = [...new Set(model.listeners.map((l) => l.port))].sort((a, b) => a - b);
  const line = `no listener serves host ${request.host}${request.port !== undefined ? ` on port ${request.port}` : ''}`;
  return `${line}${request.port !== undefined && ports.length && !ports.includes(request.port) ? ` (the listeners are on port ${ports.join(', ')}: name the port in the URL, as in http://${request.host}:${ports[0]}/)` : ''}\n`;
}

function describeAnswer(answer: RequestAnswer, request: TestRequest, locator: Locator): string {
  const lines = [`listener ${answer.listener.name}, host ${answer.host.host}`];
  const rows = answer.attempts.map((t, i) => [`  ${i + 1}.`, t.route.name, matchText(t.route), t.reason === undefined ? 'MATCH' : `no: ${t.reason}`]);
  if (rows.length) lines.push(formatColumns(rows).trimEnd());
  if (!answer.route) {
    lines.push('no route matches: the gateway answers 404');
  } else {
    lines.push(`served by route ${answer.route.name} (${where(answer.route, locator)})`);
    const action = answer.route.action;
    const rows = action.kind === 'redirect' && action.httpsRedirect ? [] : actionRows(action);
    if (action.kind === 'redirect' && action.httpsRedirect) lines.push(`  redirect 301 to https://${request.host}${request.path}${queryText(request)}`);
    for (const row of rows) {
      lines.push(`  ${[row.weight, row.destination, row.provider && `CloudProvider ${row.provider}`, row.role && `role ${row.role}`].filter(Boolean).join('  ')}`);
    }
    if (answer.route.action.kind === 'direct' && answer.route.action.replaced) lines.push(`  replaced because ${answer.route.action.replaced.reason}`);
  }
  return lines.join('\n') + '\n';
}

function queryText(request: TestRequest): string {
  const params = new URLSearchParams();
  for (const [k, values] of request.query) for (const v of values) params.append(k, v);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function where(route: RouteNode, locator: Locator): string {
  const p = placeAnchor(route.source, locator);
  return `${p.file}:${p.line}`;
}
