import { numberedName } from './nth-of-name';
import type { ResourceRef } from '../diagnostics/finding';
import { AnchoredNode, type Anchor } from '../source/anchor';
import type { Matcher, RouteAction, RouteNode, RouteOrigin, TableScope } from './types';

// A large input has a route origin for every route of every table and a flattened route for every
// route a host serves (corpus L: 254,000 of each). What can be told from the rest of the node is made
// when read, not kept: an origin's anchor (from its document and pointer, see source/anchor.ts), a
// flattened route's name (from its chain) and anchor (its own route's, the last of the chain). toJSON
// gives the plain form, for what writes the model out (inspect/serialize-model.ts).

/** A route of a RouteTable, as the routes flattened from it name it in their chain (one object each). */
export class TableRouteOrigin extends AnchoredNode implements RouteOrigin {
  constructor(
    readonly table: ResourceRef,
    readonly route: string,
    source: Anchor,
    readonly labels: Readonly<Record<string, string>>,
    readonly scope?: TableScope,
  ) {
    super(source);
  }

  toJSON(): RouteOrigin {
    const { table, route, source } = this;
    return { table, route, source };
  }
}

/** A route a host serves, flattened from its chain of delegating routes (see RouteNode). */
export class FlatRoute implements RouteNode {
  constructor(
    readonly matchers: readonly Matcher[],
    readonly action: RouteAction,
    readonly chain: readonly RouteOrigin[],
    readonly labels: Readonly<Record<string, string>>,
    /** the second route of the same name on a host is the 2nd (`name~2`), and so on; 1 for the first */
    readonly nth = 1,
  ) {}

  get name(): string {
    const chain = this.chain;
    let name = chain[0]!.route;
    for (let i = 1; i < chain.length; i++) name += '/' + chain[i]!.route;
    return numberedName(name, this.nth);
  }

  get source(): Anchor {
    return this.chain[this.chain.length - 1]!.source;
  }

  /** The same route, the nth of its name on its host. */
  numbered(nth: number): FlatRoute {
    return new FlatRoute(this.matchers, this.action, this.chain, this.labels, nth);
  }

  toJSON(): RouteNode {
    const { name, matchers, action, chain, labels, source } = this;
    return { name, matchers, action, chain, labels, source };
  }
}
