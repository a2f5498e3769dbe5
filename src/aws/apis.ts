import type { PolicyDocument } from './policy/policy-document';

/**
 * What gwctl asks of AWS, and nothing more: the model and the emitters never see the SDK, and tests can
 * substitute any implementation. Every method throws AwsCallError (below) on failure.
 */
export interface AwsIdentity {
  readonly account: string;
  readonly arn: string;
}

export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

/** What gwctl reads of a function's configuration. */
export interface FunctionConfiguration {
  /** how long an invocation may run before Lambda stops it (the configuration's Timeout), where Lambda says */
  readonly timeoutSeconds: number | undefined;
  /** whether Lambda invokes it (State: Pending, Active, Inactive, Failed), and why not (StateReasonCode, StateReason) */
  readonly state?: string | undefined;
  readonly stateReasonCode?: string | undefined;
  readonly stateReason?: string | undefined;
  /** how its last update went (LastUpdateStatus: Successful, InProgress, Failed), and why (LastUpdateStatusReasonCode, LastUpdateStatusReason) */
  readonly lastUpdateStatus?: string | undefined;
  readonly lastUpdateReasonCode?: string | undefined;
  readonly lastUpdateReason?: string | undefined;
}

export interface LambdaApi {
  /** every function of the account and region, all pages */
  listFunctions(): Promise<string[]>;
  /** published versions, $LATEST excluded */
  listVersions(functionName: string): Promise<string[]>;
  listAliases(functionName: string): Promise<Array<{ readonly name: string; readonly version: string }>>;
  /** the configuration of the function, version or alias (an alias's is its version's), or null when it does not exist */
  configuration(functionName: string, qualifier: string): Promise<FunctionConfiguration | null>;
  /**
   * the other versions a weighted alias sends invocations to (its RoutingConfig's AdditionalVersionWeights,
   * each with its share, 0 to 1), none for an alias of one version, or null when the alias does not exist
   */
  aliasWeights(functionName: string, alias: string): Promise<ReadonlyArray<{ readonly version: string; readonly weight: number }> | null>;
  /** the function's resource-based policy, or null when it has none */
  resourcePolicy(functionName: string, qualifier: string): Promise<PolicyDocument | null>;
}

export interface IamApi {
  /** the role's trust policy (who may assume it) and its permissions boundary's ARN, or null when the role does not exist */
  role(roleName: string): Promise<{ readonly trustPolicy: PolicyDocument; readonly boundaryArn: string | undefined } | null>;
  listRoleNames(): Promise<string[]>;
  /** the identity policies of a role: inline ones, and the default version of each attached managed one */
  rolePolicies(roleName: string): Promise<Array<{ readonly name: string; readonly document: PolicyDocument }>>;
  /** a role's permissions boundary, by the ARN `role` gave: the default version of that managed policy */
  permissionsBoundary(policyArn: string): Promise<{ readonly name: string; readonly document: PolicyDocument } | null>;
}

export interface StsApi {
  whoAmI(): Promise<AwsIdentity>;
  assumeRole(roleArn: string, sessionName: string): Promise<TemporaryCredentials>;
}

export interface AwsApis {
  readonly lambda: LambdaApi;
  readonly iam: IamApi;
  readonly sts: StsApi;
}

export type AwsFailure = 'not-found' | 'access-denied' | 'credentials' | 'unavailable' | 'other';

/** A failed call, classified, with the IAM permission the call needs (for messages). */
export class AwsCallError extends Error {
  override readonly name = 'AwsCallError';

  constructor(
    readonly failure: AwsFailure,
    readonly permission: string,
    message: string,
  ) {
    super(message);
  }
}
