import { plural } from '../text/plural';
import type { RouteNode } from './types';

/** Routes counted once however many hosts and listeners serve them (each listener flattens a table into route objects of its own). */
export class RouteSet {
  first: RouteNode | undefined;
  private readonly seen = new Set<string>();

  add(r: RouteNode): void {
    const t = r.chain[r.chain.length - 1]!.table;
    const key = `${t.namespace}/${t.name}\n${r.name}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.first ??= r;
  }

  /** ` and N more routes <what>`, or nothing for one */
  more(what: string): string {
    const n = this.seen.size - 1;
    return n > 0 ? ` and ${plural(n, 'more route')}${what ? ` ${what}` : ''}` : '';
  }
}
