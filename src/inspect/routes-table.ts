import { describeMatcher } from '../model/matchers';
import { regexRewriteText } from '../model/path-rewrite';
import { serviceText } from '../model/destination-text';
import type { Destination, Model, RouteAction, RouteNode } from '../model/types';
import { Locator } from '../source/locate';
import { placeAnchor } from './serialize-model';
import { lineChunks } from '../text/line-chunks';
import { printable } from '../text/printable';
import { whyNoRoutes } from '../model/why-no-routes';

const HEADER = ['LISTENER', 'HOST', 'ROUTE', 'MATCH', 'DESTINATION', 'WEIGHT', 'PROVIDER', 'ROLE', 'SOURCE'] as const;

/**
 * The flattened routing table, one row per destination, every column repeated on every row so that
 * grep and sort work on it (as kubectl prints). The model is read twice and no row is kept: once for the
 * widths of the columns, once for the lines. The rows of L held at once (250,000 of nine cells) were
 * 60 MB at the peak of the run, and more old space for every collection to mark. The last column,
 * SOURCE, is not padded, so the first reading leaves out the one cell that reads files again.
 */
export function routesTable(model: Model): Iterable<string> {
  const widths = columnWidths([HEADER]);
  let rows = 0;
  for (const row of modelRows(model, null)) {
    rows++;
    widen(widths, row);
  }
  if (rows === 0) return [`no routes: ${whyNoRoutes(model) ?? 'none'}\n`];
  return (function* () {
    const locator = new Locator();
    yield* alignedChunks(prepend<readonly string[]>(HEADER, modelRows(model, locator)), widths);
    locator.clear();
  })();
}

/**
 * The cells of each row, printable (text/printable.ts); SOURCE only with a locator. The listener's and
 * the host's cells are made printable once for all their rows, the route's once for its destinations:
 * on corpus L the table asked for 4.5 million cells, a quarter of a second.
 */
function* modelRows(model: Model, locator: Locator | null): Generator<string[]> {
  for (const listener of model.listeners) {
    const listenerCell = printable(listener.name);
    for (const host of listener.hosts) {
      const hostCell = printable(host.host);
      for (const route of host.routes) {
        const nameCell = printable(route.name);
        const matchCell = printable(matchText(route));
        const rewrites = rewriteText(route.action);
        for (const row of actionRows(route.action)) {
          let source = '';
          if (locator) {
            const place = placeAnchor(row.source ?? route.source, locator);
            source = printable(`${place.file}:${place.line}`);
          }
          yield [listenerCell, hostCell, nameCell, matchCell, printable(row.destination + rewrites), row.weight, printable(row.provider), printable(row.role), source];
        }
      }
    }
  }
}

function* prepend<T>(first: T, rest: Iterable<T>): Generator<T> {
  yield first;
  yield* rest;
}

/**
 * What a forwarding route changes in the request it sends on, after its destination, by the fields
 * that say so (a pathRewrite replaces the prefix matched, not the path: `routes --request` says what a
 * given path becomes). Empty for most routes, which change nothing.
 */
function rewriteText(action: RouteAction): string {
  if (action.kind !== 'forward') return '';
  let text = '';
  if (action.pathRewrite !== undefined) text += `, pathRewrite ${action.pathRewrite}`;
  if (action.regexRewrite) text += `, regexRewrite ${regexRewriteText(action.regexRewrite)}`;
  if (action.hostRewrite !== undefined) text += `, hostRewrite ${action.hostRewrite}`;
  if (action.autoHostRewrite) text += ', autoHostRewrite';
  return text;
}

export function matchText(route: RouteNode): string {
  return route.matchers.length ? route.matchers.map(describeMatcher).join(' | ') : 'any request';
}

interface Row {
  destination: string;
  weight: string;
  provider: string;
  role: string;
  source?: Destination['source'];
}

export function actionRows(action: RouteAction): Row[] {
  switch (action.kind) {
    case 'direct':
      return [{ destination: `direct ${action.status}${action.replaced ? ` (replaced: ${action.replaced.code})` : ''}`, weight: '', provider: '', role: '' }];
    case 'redirect':
      return [{ destination: `redirect ${action.responseCode} ${action.httpsRedirect ? 'https://' : ''}${action.hostRedirect ?? ''}${action.pathRedirect ?? ''}`.trim(), weight: '', provider: '', role: '' }];
    case 'forward':
      return action.destinations.map((d) =>
        d.kind === 'lambda'
          ? {
              destination: d.arn,
              weight: `${d.weight}%`,
              provider: `${d.provider.namespace}/${d.provider.name}`,
              role: d.invokeRole ? d.invokeRole.name : '(gateway role)',
              source: d.source,
            }
          : {
              destination: serviceText(d),
              weight: `${d.weight}%`,
              provider: '',
              role: '',
              source: d.source,
            },
      );
  }
}

export function formatColumns(rows: ReadonlyArray<readonly string[]>): string {
  const cells = rows.map((row) => row.map(printable));
  return [...alignedChunks(cells, columnWidths(cells))].join('');
}

/** The width of each column of printable cells. */
function columnWidths(rows: Iterable<readonly string[]>): number[] {
  const widths: number[] = [];
  for (const row of rows) widen(widths, row);
  return widths;
}

function widen(widths: number[], row: readonly string[]): void {
  for (let i = 0; i < row.length; i++) {
    const length = row[i]!.length;
    if (!(length <= widths[i]!)) widths[i] = length;
  }
}

/**
 * Rows of printable cells as aligned columns, two spaces apart, the last column not padded; in chunks
 * (text/line-chunks.ts).
 */
function alignedChunks(rows: Iterable<readonly string[]>, widths: readonly number[]): Generator<string> {
  return lineChunks(alignedLines(rows, widths));
}

function* alignedLines(rows: Iterable<readonly string[]>, widths: readonly number[]): Generator<string> {
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < row.length - 1; i++) line += row[i]!.padEnd(widths[i]!) + '  ';
    yield (line + (row[row.length - 1] ?? '')).trimEnd();
  }
}
