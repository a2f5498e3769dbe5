import { describeMatcher } from '../model/matchers';
import type { Destination, Model, RouteAction, RouteNode } from '../model/types';
import { Locator } from '../source/locate';
import { placeAnchor } from './serialize-model';
import { printable } from '../text/printable';
import { maxOf } from '../data/push-all';

const HEADER = ['LISTENER', 'HOST', 'ROUTE', 'MATCH', 'DESTINATION', 'WEIGHT', 'PROVIDER', 'ROLE', 'SOURCE'] as const;

/**
 * The flattened routing table, one row per destination, every column repeated on every row so that
 * grep and sort work on it (as kubectl prints).
 */
export function routesTable(model: Model): string {
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
  if (rows.length === 0) return 'no routes: no RouteTable with hosts is attached to a listener\n';
  return formatColumns([[...HEADER], ...rows]);
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
  rows = rows.map((r) => r.map(printable));
  const widths = rows[0]!.map((_, i) => maxOf(rows.map((r) => r[i]!.length), 0));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n') + '\n';
}

