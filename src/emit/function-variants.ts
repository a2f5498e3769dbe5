import { unqualified } from '../model/arn';
import type { LambdaDestination } from '../model/types';
import { flatConcat } from '../text/flat-concat';

/** One thing made for a function, invoke role and options, and the destination that first asked for it. */
export interface FunctionVariant<V> {
  readonly destination: LambdaDestination;
  readonly value: V;
}

interface Variant<V> extends FunctionVariant<V> {
  readonly role: string | undefined;
  readonly options: number;
  readonly next: Variant<V> | undefined;
}

/**
 * What an emitter makes once per Lambda function, invoke role and invocation options (an Envoy cluster,
 * a kgateway Backend), found again from any destination that invokes the same. The options that tell two
 * apart are whether the payload passes through, as the emitter says (`passthrough`: Envoy's
 * payload_passthrough, kgateway's payloadTransformMode `None`), and whether the invocation is asynchronous.
 *
 * By function name, a string the model holds: every route asks at least twice, and a key string made of
 * the ARN, role and options cost a copy and a hash each time (1.9 s of render envoy of corpus L); keyed
 * by ARN (which the model spells on each read: model/function-nodes.ts), the keys were a string per
 * function kept to the end (246,000 ARNs, 20 MB or more at the peak of render envoy and gateway-api of
 * L). A name whose list grows past CROWDING (one function name in many accounts, regions or versions)
 * has its variants keyed by ARN and role instead, so that no lookup walks a long list; `byName` then
 * holds CROWDED for it.
 */
export class FunctionVariants<V> {
  private readonly byName = new Map<string, Variant<V> | typeof CROWDED>();
  private readonly byArn = new Map<string, Variant<V>>();

  constructor(private readonly passthrough: (d: LambdaDestination) => boolean) {}

  /** What was made for the function, role and options of `d`; undefined if nothing was yet. */
  get(d: LambdaDestination): V | undefined {
    const role = d.invokeRole?.arn;
    const options = this.options(d);
    const named = this.byName.get(d.functionName);
    const first = named === CROWDED ? this.byArn.get(arnKey(d.arn, role)) : named;
    for (let v = first; v !== undefined; v = v.next) {
      if (v.role === role && v.options === options && sameFunction(v.destination, d)) return v.value;
    }
    return undefined;
  }

  /** Records `value` for the function, role and options of `d`, which `get` has just not found. */
  add(d: LambdaDestination, value: V): void {
    const role = d.invokeRole?.arn;
    const options = this.options(d);
    const named = this.byName.get(d.functionName);
    if (named === CROWDED) {
      const key = arnKey(d.arn, role);
      this.byArn.set(key, { destination: d, role, options, value, next: this.byArn.get(key) });
      return;
    }
    let length = 0;
    for (let v = named; v !== undefined; v = v.next) length++;
    const added = { destination: d, role, options, value, next: named };
    if (length < CROWDING) {
      this.byName.set(d.functionName, added);
      return;
    }
    // the name's variants move to ARN and role keys
    this.byName.set(d.functionName, CROWDED);
    for (let v: Variant<V> | undefined = added; v !== undefined; v = v.next) {
      const moved = arnKey(v.destination.arn, v.role);
      this.byArn.set(moved, { ...v, next: this.byArn.get(moved) });
    }
  }

  /** The options that tell `d`'s variants apart, as a number from 0 to 3 (Envoy's cluster templates index by it too). */
  options(d: LambdaDestination): number {
    return (this.passthrough(d) ? 1 : 0) + (d.options.invocation === 'async' ? 2 : 0);
  }

  /** Every variant, each once, in no particular order. */
  *all(): Generator<FunctionVariant<V>> {
    for (const list of [...this.byName.values(), ...this.byArn.values()]) {
      if (list !== CROWDED) for (let v: Variant<V> | undefined = list; v !== undefined; v = v.next) yield v;
    }
  }
}

// A crowded name's variants by ARN and role: one function invoked as thousands of roles (a provider
// each) would otherwise be one list, walked for every destination.
const arnKey = (arn: string, role: string | undefined) => (role === undefined ? arn : flatConcat(arn, '|', role));

// the variants of one function name looked through before its name is keyed by ARN
const CROWDING = 16;
// what `byName` holds for a name keyed by ARN
const CROWDED = Symbol('keyed by ARN');

/**
 * Whether two destinations invoke the same function, as their ARNs would say: the same account, region
 * (which gives the partition), name and version, `$LATEST` being spelled as no version at all
 * (model/arn.ts, functionArn).
 */
function sameFunction(a: LambdaDestination, b: LambdaDestination): boolean {
  return a.functionName === b.functionName && a.accountId === b.accountId && a.region === b.region && (a.qualifier === b.qualifier || (unqualified(a.qualifier) && unqualified(b.qualifier)));
}
