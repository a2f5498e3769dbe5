import type { FunctionNode } from './types';

const qualifierOf = (qualifier: string) => qualifier || '$LATEST';

/**
 * A provider's 2.3+ functions by name and qualifier, in the order they were added. A name with one
 * qualifier, as most have, holds the function itself, and only a name with several holds a map of them:
 * no key string per function (a `name|qualifier` key each was 11 MB on corpus L, 369,000 functions).
 */
export class FunctionTable {
  private readonly byName = new Map<string, FunctionNode | Map<string, FunctionNode>>();
  private readonly all: FunctionNode[] = [];

  get(name: string, qualifier: string): FunctionNode | undefined {
    const found = this.byName.get(name);
    if (found === undefined || !(found instanceof Map)) return found !== undefined && qualifierOf(found.qualifier) === qualifierOf(qualifier) ? found : undefined;
    return found.get(qualifierOf(qualifier));
  }

  /** Adds a function whose name and qualifier are not taken (see get). */
  add(fn: FunctionNode): void {
    const found = this.byName.get(fn.functionName);
    if (found === undefined) this.byName.set(fn.functionName, fn);
    else if (found instanceof Map) found.set(qualifierOf(fn.qualifier), fn);
    else this.byName.set(fn.functionName, new Map([[qualifierOf(found.qualifier), found], [qualifierOf(fn.qualifier), fn]]));
    this.all.push(fn);
  }

  values(): readonly FunctionNode[] {
    return this.all;
  }
}
