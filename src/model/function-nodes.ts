import type { ResourceRef } from '../diagnostics/finding';
import { AnchoredNode, type Anchor } from '../source/anchor';
import { functionArn } from './arn';
import type { FunctionNode, InvokeRole, LambdaDestination, LambdaOptions } from './types';

// The ARN of a function and of a destination is spelled from the fields beside it, when it is read: a
// large input declares hundreds of thousands of functions (corpus L: 369,000 ARNs, 29 MB), and validate
// reads none of them unless it checks the live account. An emitter reads it once per output node.
// Their anchor is kept as its document and pointer, and made when read (source/anchor.ts, AnchoredNode):
// only findings and shown nodes read it. toJSON gives the node as plain data, the ARN in its place, for
// what writes the model out as JSON (`gwctl routes --format json`, inspect/serialize-model.ts).

/** A function a CloudResources declares (see FunctionNode). */
export class DeclaredFunction extends AnchoredNode implements FunctionNode {
  constructor(
    readonly logicalName: string,
    readonly functionName: string,
    readonly qualifier: string,
    readonly region: string,
    readonly accountId: string,
    readonly declaredBy: ResourceRef,
    source: Anchor,
    readonly qualifierWritten: boolean,
  ) {
    super(source);
  }

  get arn(): string {
    return functionArn(this.region, this.accountId, this.functionName, this.qualifier);
  }

  toJSON(): FunctionNode {
    const { logicalName, functionName, qualifier, arn, region, accountId, declaredBy, source, qualifierWritten } = this;
    return { logicalName, functionName, qualifier, arn, region, accountId, declaredBy, source, qualifierWritten };
  }
}

/** Where a route's destination invokes, resolved (see LambdaDestination). */
export class ResolvedLambda extends AnchoredNode implements LambdaDestination {
  readonly kind = 'lambda';
  /** set once every destination of the route is known (the remainder rule: model/weights.ts) */
  weight = 0;

  constructor(
    readonly provider: ResourceRef,
    readonly functionName: string,
    readonly qualifier: string,
    readonly logicalName: string,
    readonly accountId: string,
    readonly region: string,
    readonly partition: string,
    readonly invokeRole: InvokeRole | undefined,
    readonly options: LambdaOptions,
    source: Anchor,
  ) {
    super(source);
  }

  get arn(): string {
    return functionArn(this.region, this.accountId, this.functionName, this.qualifier);
  }

  toJSON(): LambdaDestination {
    const { kind, provider, functionName, qualifier, logicalName, arn, accountId, region, partition, invokeRole, options, weight, source } = this;
    return { kind, provider, functionName, qualifier, logicalName, arn, accountId, region, partition, invokeRole, options, weight, source };
  }
}
