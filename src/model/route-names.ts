import { finding, type Finding } from '../diagnostics/finding';
import { anchorIn, type Resource } from '../load/resource';

const INSECURE = 'insecure-';

/**
 * The name Gloo gives a route written `name` (route_table.proto, HTTPRoute.name, in the 2.14 CRD): a
 * leading `insecure-` is trimmed (not from `insecure-` alone, which would leave no name). A name used
 * again in the same table is then renamed `duplicate-<name>-<n>` (RouteNames). Metrics and gwctl's
 * routes carry these names, as Gloo's do. gwctl decides: the trim comes first, so `insecure-a` and `a`
 * are one name used twice (docs/semantics.md).
 */
function glooRouteName(name: string): string {
  return name.startsWith(INSECURE) && name.length > INSECURE.length ? name.slice(INSECURE.length) : name;
}

/**
 * The routes of one table, named as Gloo names them, in order. A name used again is reported (GW3010) with
 * the name Gloo gives it; the first route of each name is kept by its pointer, so that an anchor is
 * made only for a name used again.
 */
export class RouteNames {
  private readonly first = new Map<string, { pointer: string; count: number }>();

  constructor(
    private readonly table: Resource,
    private readonly findings: Finding[],
  ) {}

  /** The model's name of the route written `written` (undefined: unnamed, `#index`) at `pointer`. */
  name(written: string | undefined, pointer: string, index: number): string {
    if (written === undefined) return `#${index}`;
    const given = glooRouteName(written);
    const first = this.first.get(given);
    if (!first) {
      this.first.set(given, { pointer, count: 1 });
      return given;
    }
    first.count++;
    const renamed = `duplicate-${given}-${first.count - 1}`;
    const table = this.table;
    const at = anchorIn(table, `${first.pointer}/name`);
    this.findings.push(finding('GW3010', { name: given, renamed }, anchorIn(table, `${pointer}/name`), { resource: table.ref, related: [{ message: 'first used here', at }] }));
    return renamed;
  }
}
