import { describeMatcher } from '../model/matchers';
import type { Destination, Model, RouteAction, RouteNode } from '../model/types';
import { Locator } from '../source/locate';
import { placeAnchor } from './serialize-model';
import { printable } from '../text/printable';

const HEADER = ['LISTENER', 'HOST', 'ROUTE', 'MATCH', 'DESTINATION', 'WEIGHT', 'PROVIDER', 'ROLE', 'SOURCE'] as const;

// Rows kept between the two readings of the model. Corpus M has 24,609 rows, whose cells were made
// twice, for the widths and for the lines: kept, routes of 2,000 documents read 1.8% fewer instructions,
// and M peaks 9 to 14 MB higher (156 MB before). Corpus L has 250,000 rows, monorepo L 102,000.
export const KEPT_ROWS = 32_768;

/**
 * The flattened routing table, one row per destination, every column repeated on every row so that
 * grep and sort work on it (as kubectl prints). The model is read once for the widths of the columns; a
 * table of up to `keep` rows keeps its cells for the lines, a longer one reads the model again and keeps
 * no row: the rows of L held at once (250,000 of nine cells) were 60 MB at the peak of the run, and more
 * old space for every collection to mark. The last column, SOURCE, is not padded, so the first reading
 * leaves out the one cell that reads files again: it is made as its row is written.
 */
export function routesTable(model: Model, keep = KEPT_ROWS): Iterable<string> {
  const widths = columnWidths([HEADER]);
  let kept: TableRow[] | undefined = [];
  let rows = 0;
  for (const row of modelRows(model)) {
    rows++;
    widen(widths, row.cells);
    if (kept && kept.push(row) > keep) kept = undefined;
  }
  if (rows === 0) return ['no routes: no RouteTable with hosts is attached to a listener\n'];
  return (function* () {
    const locator = new Locator();
    const withSource = function* (table: Iterable<TableRow>): Generator<readonly string[]> {
      for (const { cells, route, destination } of table) {
        const place = placeAnchor(destination?.source ?? route.source, locator);
        cells[8] = printable(`${place.file}:${place.line}`);
        yield cells;
      }
    };
    yield* alignedChunks(prepend<readonly string[]>(HEADER, withSource(kept ?? modelRows(model))), widths);
    locator.clear();
  })();
}

/**
 * A row's cells, SOURCE empty until the row is written, and what SOURCE is read from: the destination's
 * place, else the route's.
 */
interface TableRow {
  readonly cells: string[];
  readonly route: RouteNode;
  readonly destination: Destination | undefined;
}

/**
 * The cells of each row, printable (text/printable.ts), SOURCE left for the writing. The listener's and
 * the host's cells are made printable once for all their rows, the route's once for its destinations:
 * on corpus L the table asked for 4.5 million cells, a quarter of a second.
 */
function* modelRows(model: Model): Generator<TableRow> {
  for (const listener of model.listeners) {
    const listenerCell = printable(listener.name);
    for (const host of listener.hosts) {
      const hostCell = printable(host.host);
      for (const route of host.routes) {
        const nameCell = printable(route.name);
        const matchCell = printable(matchText(route));
        for (const row of actionRows(route.action)) {
          // SOURCE's slot made with the others: an array grown by one more takes three times the room
          yield { cells: [listenerCell, hostCell, nameCell, matchCell, printable(row.destination), row.weight, printable(row.provider), printable(row.role), ''], route, destination: row.of };
        }
      }
    }
  }
}

function* prepend<T>(first: T, rest: Iterable<T>): Generator<T> {
  yield first;
  yield* rest;
}

export function matchText(route: RouteNode): string {
  return route.matchers.length ? route.matchers.map(describeMatcher).join(' | ') : 'any request';
}

interface Row {
  destination: string;
  weight: string;
  provider: string;
  role: string;
  /** the destination the row is of (none for a redirect or a direct response) */
  of?: Destination;
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
              of: d,
            }
          : {
              destination: `${d.targetKind.toLowerCase()} ${d.namespace}/${d.name}${d.port !== undefined ? ':' + d.port : ''}`,
              weight: `${d.weight}%`,
              provider: '',
              role: '',
              of: d,
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
 * Rows of printable cells as aligned columns, two spaces apart, the last column not padded; in chunks of
 * about 64 KB, as the table of a large input is too long for one string to be cheap (100,000 routes: 40 MB).
 */
function* alignedChunks(rows: Iterable<readonly string[]>, widths: readonly number[]): Generator<string> {
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
