import { describeMatcher } from '../model/matchers';
import type { Destination, Model, RouteAction, RouteNode } from '../model/types';
import { Locator } from '../source/locate';
import { placeAnchor } from './serialize-model';
import { printable } from '../text/printable';

const HEADER = ['LISTENER', 'HOST', 'ROUTE', 'MATCH', 'DESTINATION', 'WEIGHT', 'PROVIDER', 'ROLE', 'SOURCE'] as const;

/**
 * The flattened routing table, one row per destination, every column repeated on every row so that
 * grep and sort work on it (as kubectl prints).
 */
export function routesTable(model: Model): Iterable<string> {
  const locator = new Locator();
  const rows: string[][] = [];
  for (const listener of model.listeners) {
    for (const host of listener.hosts) {
      for (const route of host.routes) {
        for (const row of actionRows(route.action)) {
          const source = placeAnchor(row.source ?? route.source, locator);
          rows.push([listener.name, host.host, route.name, matchText(route), row.destination, row.weight, row.provider, row.role, `${source.file}:${source.line}`]);
        }
      }
    }
  }
  locator.clear();
  if (rows.length === 0) return ['no routes: no RouteTable with hosts is attached to a listener\n'];
  rows.unshift([...HEADER]);
  return columnChunks(rows);
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
              destination: `${d.targetKind.toLowerCase()} ${d.namespace}/${d.name}${d.port !== undefined ? ':' + d.port : ''}`,
              weight: `${d.weight}%`,
              provider: '',
              role: '',
              source: d.source,
            },
      );
  }
}

export function formatColumns(rows: string[][]): string {
  return [...columnChunks(rows)].join('');
}

/**
 * Rows as aligned columns, two spaces apart, the last column not padded; in chunks of about 64 KB, as the
 * table of a large input is too long for one string to be cheap (100,000 routes: 40 MB). Makes the
 * cells of `rows` printable in place.
 */
export function* columnChunks(rows: string[][]): Generator<string> {
  const widths: number[] = [];
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const cell = (row[i] = printable(row[i]!));
      if (!(cell.length <= widths[i]!)) widths[i] = cell.length;
    }
  }
  let buffer = '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < row.length - 1; i++) line += row[i]!.padEnd(widths[i]!) + '  ';
    buffer += (line + (row[row.length - 1] ?? '')).trimEnd() + '\n';
    if (buffer.length >= 1 << 16) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

