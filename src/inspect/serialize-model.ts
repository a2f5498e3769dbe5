import type { Anchor } from '../source/anchor';
import { Locator } from '../source/locate';

export interface SourcePlacement {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly pointer: string;
}

const isAnchor = (v: unknown): v is Anchor =>
  v !== null && typeof v === 'object' && ((v as Anchor).kind === 'node' ? 'doc' in v && 'pointer' in v : (v as Anchor).kind === 'span' && 'file' in v);

/**
 * The model as JSON: every anchor becomes `{file, line, column, pointer}`. Generic over the model's
 * shape, so new node types need no change here.
 */
export function modelToJson(value: unknown, locator = new Locator(), lazyLists = false): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    // lazyLists, for a writer that takes any iterable (stream-writer.ts): a long list (a listener's
    // hosts, a host's routes) is converted item by item as it is written; made whole, the JSON of corpus
    // L's routes took 450 MB besides the model. JSON.stringify would write such a list as {}.
    if (lazyLists && value.length > LAZY_LIST) return { [Symbol.iterator]: () => convertEach(value, locator) };
    return value.map((v) => modelToJson(v, locator, lazyLists));
  }
  if (isAnchor(value)) return placeAnchor(value, locator);
  // a node that makes fields when read (an ARN, a name, an anchor: see model/types.ts) gives its plain
  // form, those fields included
  const plain: object = 'toJSON' in value && typeof value.toJSON === 'function' ? (value.toJSON() as object) : value;
  return Object.fromEntries(Object.entries(plain).map(([k, v]) => [k, modelToJson(v, locator, lazyLists)]));
}

const LAZY_LIST = 64;

function* convertEach(list: readonly unknown[], locator: Locator): Generator<unknown> {
  for (const item of list) yield modelToJson(item, locator, true);
}

export function placeAnchor(anchor: Anchor, locator: Locator): SourcePlacement {
  const range = locator.start(anchor);
  return {
    file: anchor.kind === 'node' ? anchor.doc.file.name : anchor.file.name,
    line: range.line,
    column: range.column,
    pointer: anchor.kind === 'node' ? anchor.pointer : '',
  };
}
