import { AwsCallError, type AwsApis, type AwsFailure, type TemporaryCredentials } from './apis';
import { parsePolicyDocument, PolicyDocumentError, type PolicyDocument } from './policy/policy-document';
import { pushAll } from '../data/push-all';
import { redactUrls } from '../text/redact';

export interface AwsClientOptions {
  readonly region?: string | undefined;
  readonly profile?: string | undefined;
  /** overrides AWS_ENDPOINT_URL*; the SDK reads those variables itself when this is unset */
  readonly endpoint?: string | undefined;
  /** per-request bound; a dead or slow endpoint fails after (attempts x timeout), never hangs */
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  readonly credentials?: TemporaryCredentials | undefined;
  /** where the SDK's warnings go, as one line each (the SDK itself prints several lines to the console) */
  readonly warn?: ((line: string) => void) | undefined;
}

/**
 * The SDK's logger: debug, info and error dropped, each distinct warning reported once as one line.
 * Without it the credential chain prints multi-line notices on stderr (several credential sources set).
 */
function sdkLogger(warn: (line: string) => void) {
  const seen = new Set<string>();
  const once = (...parts: unknown[]) => {
    const text = parts.map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p))).join(' ');
    const line = text.replace(/^@aws-sdk\/[\w-]+ - [\w:]+ WARNING:\s*/, '').replace(/\s+/g, ' ').trim();
    if (line && !seen.has(line)) {
      seen.add(line);
      warn(`AWS SDK: ${redactUrls(line)}`);
    }
  };
  // error: the SDK logs each failed request there; gwctl reports failures itself, in its own words
  return { debug: () => undefined, info: () => undefined, warn: once, error: () => undefined, trace: () => undefined };
}

/**
 * The AWS APIs through the SDK v3, with its default credential chain (environment, profiles and SSO,
 * web identity, container and instance roles), standard retries with backoff (throttling included) and
 * bounded timeouts. The SDK is imported here only, by the commands that talk to AWS.
 */
export async function createSdkApis(options: AwsClientOptions): Promise<AwsApis> {
  // The SDK warns on every run under Node 20 about its own future support policy; not gwctl's users' concern.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const [lambdaSdk, iamSdk, stsSdk] = await Promise.all([import('@aws-sdk/client-lambda'), import('@aws-sdk/client-iam'), import('@aws-sdk/client-sts')]);
  const config = {
    ...(options.region ? { region: options.region } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: options.maxAttempts,
    retryMode: 'standard',
    ...(options.warn ? { logger: sdkLogger(options.warn) } : {}),
    // throwOnRequestTimeout: without it the SDK only logs that the bound passed, and waits on
    requestHandler: { connectionTimeout: Math.min(options.timeoutMs, 5000), requestTimeout: options.timeoutMs, throwOnRequestTimeout: true },
  };
  const lambda = new lambdaSdk.LambdaClient(config);
  // IAM is global: its API lives in us-east-1 whatever the functions' region
  const iam = new iamSdk.IAMClient({ ...config, region: 'us-east-1' });
  const sts = new stsSdk.STSClient(config);

  const call = async <T>(permission: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw classify(error, permission, config.endpoint ?? process.env.AWS_ENDPOINT_URL, options);
    }
  };
  const pages = <P, T>(permission: string, send: (marker: string | undefined) => Promise<P>, read: (page: P) => { items: T[]; next: string | undefined }) =>
    allPages(permission, (marker) => call(permission, () => send(marker)), read);
  // the answer, or null where what is asked about does not exist; every other failure goes on
  const ifFound = async <T>(permission: string, run: () => Promise<T>): Promise<T | null> => {
    try {
      return await call(permission, run);
    } catch (error) {
      if (error instanceof AwsCallError && error.failure === 'not-found') return null;
      throw error;
    }
  };

  return {
    lambda: {
      listFunctions: () =>
        pages(
          'lambda:ListFunctions',
          (Marker) => lambda.send(new lambdaSdk.ListFunctionsCommand({ Marker, MaxItems: 50 })),
          (page) => ({ items: (page.Functions ?? []).flatMap((f) => (f.FunctionName ? [f.FunctionName] : [])), next: page.NextMarker }),
        ),
      listVersions: (functionName) =>
        pages(
          'lambda:ListVersionsByFunction',
          (Marker) => lambda.send(new lambdaSdk.ListVersionsByFunctionCommand({ FunctionName: functionName, Marker, MaxItems: 50 })),
          (page) => ({ items: (page.Versions ?? []).flatMap((v) => (v.Version && v.Version !== '$LATEST' ? [v.Version] : [])), next: page.NextMarker }),
        ),
      listAliases: (functionName) =>
        pages(
          'lambda:ListAliases',
          (Marker) => lambda.send(new lambdaSdk.ListAliasesCommand({ FunctionName: functionName, Marker, MaxItems: 50 })),
          (page) => ({ items: (page.Aliases ?? []).flatMap((a) => (a.Name ? [{ name: a.Name, version: a.FunctionVersion ?? '' }] : [])), next: page.NextMarker }),
        ),
      async configuration(functionName, qualifier) {
        const out = await ifFound('lambda:GetFunctionConfiguration', () =>
          lambda.send(new lambdaSdk.GetFunctionConfigurationCommand({ FunctionName: functionName, ...(qualifier && qualifier !== '$LATEST' ? { Qualifier: qualifier } : {}) })),
        );
        return out
          ? {
              timeoutSeconds: out.Timeout,
              state: out.State,
              stateReasonCode: out.StateReasonCode,
              stateReason: out.StateReason,
              lastUpdateStatus: out.LastUpdateStatus,
              lastUpdateReasonCode: out.LastUpdateStatusReasonCode,
              lastUpdateReason: out.LastUpdateStatusReason,
            }
          : null;
      },
      async aliasWeights(functionName, alias) {
        const out = await ifFound('lambda:GetAlias', () => lambda.send(new lambdaSdk.GetAliasCommand({ FunctionName: functionName, Name: alias })));
        if (!out) return null;
        return Object.entries(out.RoutingConfig?.AdditionalVersionWeights ?? {}).map(([version, weight]) => ({ version, weight }));
      },
      async resourcePolicy(functionName, qualifier) {
        const out = await ifFound('lambda:GetPolicy', () =>
          lambda.send(new lambdaSdk.GetPolicyCommand({ FunctionName: functionName, ...(qualifier && qualifier !== '$LATEST' ? { Qualifier: qualifier } : {}) })),
        );
        return out?.Policy ? policyOf('lambda:GetPolicy', `the resource policy of ${functionName}`, out.Policy) : null;
      },
    },
    iam: {
      async role(roleName) {
        const out = await ifFound('iam:GetRole', () => iam.send(new iamSdk.GetRoleCommand({ RoleName: roleName })));
        if (!out) return null;
        // every role has a trust policy; an answer without one trusts no one
        const text = out.Role?.AssumeRolePolicyDocument;
        return { trustPolicy: text ? policyOf('iam:GetRole', `the trust policy of role ${roleName}`, text) : { Statement: [] }, boundaryArn: out.Role?.PermissionsBoundary?.PermissionsBoundaryArn };
      },
      listRoleNames: () =>
        pages(
          'iam:ListRoles',
          (Marker) => iam.send(new iamSdk.ListRolesCommand({ Marker, MaxItems: 100 })),
          (page) => ({ items: (page.Roles ?? []).flatMap((r) => (r.RoleName ? [r.RoleName] : [])), next: page.IsTruncated ? page.Marker : undefined }),
        ),
      async rolePolicies(roleName) {
        const policies: Array<{ name: string; document: ReturnType<typeof parsePolicyDocument> }> = [];
        // both lists are paginated (IAM may answer with fewer than MaxItems and IsTruncated): a policy on a
        // later page is a grant or a deny that the judgement would otherwise never see
        const inline = await pages(
          'iam:ListRolePolicies',
          (Marker) => iam.send(new iamSdk.ListRolePoliciesCommand({ RoleName: roleName, Marker })),
          (page) => ({ items: page.PolicyNames ?? [], next: page.IsTruncated ? page.Marker : undefined }),
        );
        for (const policyName of inline) {
          const p = await call('iam:GetRolePolicy', () => iam.send(new iamSdk.GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName })));
          if (p.PolicyDocument) policies.push({ name: `inline policy ${policyName}`, document: policyOf('iam:GetRolePolicy', `inline policy ${policyName} of role ${roleName}`, p.PolicyDocument) });
        }
        const attached = await pages(
          'iam:ListAttachedRolePolicies',
          (Marker) => iam.send(new iamSdk.ListAttachedRolePoliciesCommand({ RoleName: roleName, Marker })),
          (page) => ({ items: page.AttachedPolicies ?? [], next: page.IsTruncated ? page.Marker : undefined }),
        );
        for (const a of attached) {
          if (!a.PolicyArn) continue;
          const meta = await call('iam:GetPolicy', () => iam.send(new iamSdk.GetPolicyCommand({ PolicyArn: a.PolicyArn })));
          const version = await call('iam:GetPolicyVersion', () => iam.send(new iamSdk.GetPolicyVersionCommand({ PolicyArn: a.PolicyArn, VersionId: meta.Policy?.DefaultVersionId })));
          if (version.PolicyVersion?.Document) policies.push({ name: `managed policy ${a.PolicyName ?? a.PolicyArn}`, document: policyOf('iam:GetPolicyVersion', `managed policy ${a.PolicyArn}`, version.PolicyVersion.Document) });
        }
        return policies;
      },
      async permissionsBoundary(arn) {
        const meta = await call('iam:GetPolicy', () => iam.send(new iamSdk.GetPolicyCommand({ PolicyArn: arn })));
        const version = await call('iam:GetPolicyVersion', () => iam.send(new iamSdk.GetPolicyVersionCommand({ PolicyArn: arn, VersionId: meta.Policy?.DefaultVersionId })));
        return version.PolicyVersion?.Document ? { name: `permissions boundary ${meta.Policy?.PolicyName ?? arn}`, document: policyOf('iam:GetPolicyVersion', `permissions boundary ${arn}`, version.PolicyVersion.Document) } : null;
      },
    },
    sts: {
      async whoAmI() {
        const out = await call('sts:GetCallerIdentity', () => sts.send(new stsSdk.GetCallerIdentityCommand({})));
        return { account: out.Account ?? '', arn: out.Arn ?? '' };
      },
      async assumeRole(roleArn, sessionName) {
        const out = await call('sts:AssumeRole', () => sts.send(new stsSdk.AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName, DurationSeconds: 900 })));
        const c = out.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new AwsCallError('other', 'sts:AssumeRole', `AssumeRole ${roleArn} returned no credentials`);
        return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
      },
    },
  };
}

/** A policy document an answer carries, or an error naming the call and the policy when gwctl cannot read it. */
function policyOf(permission: string, what: string, text: string): PolicyDocument {
  try {
    return parsePolicyDocument(text);
  } catch (error) {
    if (!(error instanceof PolicyDocumentError)) throw error;
    throw new AwsCallError('other', permission, `${permission.replace(':', ' ')} answered ${what} as a policy document gwctl cannot read: ${error.message}`);
  }
}

/**
 * Every page of a paginated call, following its marker. A marker answered twice is an endpoint going in
 * a circle (a broken proxy or emulator): followed, the listing would never end and gwctl would hang.
 */
async function allPages<P, T>(permission: string, fetch: (marker: string | undefined) => Promise<P>, read: (page: P) => { items: T[]; next: string | undefined }): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let marker: string | undefined;
  do {
    const page = read(await fetch(marker));
    pushAll(out, page.items);
    marker = page.next;
    if (marker !== undefined && seen.has(marker)) {
      throw new AwsCallError('other', permission, `${permission.replace(':', ' ')} answered a page marker it had answered before (after ${seen.size + 1} pages): the listing would never end`);
    }
    if (marker !== undefined) seen.add(marker);
  } while (marker);
  return out;
}

const NOT_FOUND = new Set(['ResourceNotFoundException', 'NoSuchEntity', 'NoSuchEntityException', 'NotFoundException']);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedException', 'AuthorizationError']);
const CREDENTIALS = new Set(['InvalidClientTokenId', 'UnrecognizedClientException', 'ExpiredToken', 'ExpiredTokenException', 'SignatureDoesNotMatch', 'CredentialsProviderError', 'InvalidSignatureException']);
const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

/** Why a network call failed, in gwctl's words (the SDK's own text names its internals). */
const NETWORK_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed',
};

function classify(error: unknown, permission: string, endpoint: string | undefined, bounds: { timeoutMs: number; maxAttempts: number }): AwsCallError {
  const e = error as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = e.name ?? '';
  const where = endpoint ? ` at ${endpoint}` : '';
  let failure: AwsFailure = 'other';
  if (NOT_FOUND.has(name)) failure = 'not-found';
  // before the status: AWS answers credentials it no longer takes (ExpiredToken, InvalidClientTokenId,
  // SignatureDoesNotMatch) with HTTP 403, as it answers a permission the caller lacks
  else if (CREDENTIALS.has(name)) failure = 'credentials';
  else if (DENIED.has(name) || e.$metadata?.httpStatusCode === 403) failure = 'access-denied';
  else if (NETWORK.has(e.code ?? '') || NETWORK.has(name) || name === 'TimeoutError' || name === 'RequestTimeout' || /socket hang up|timed? ?out/i.test(e.message ?? '')) failure = 'unavailable';
  const attempts = `${bounds.maxAttempts} attempt${bounds.maxAttempts === 1 ? '' : 's'}`;
  const reason = NETWORK_WORDS[e.code ?? ''] ?? NETWORK_WORDS[name] ?? `no answer within ${bounds.timeoutMs / 1000} s`;
  const message =
    failure === 'unavailable'
      ? `cannot reach AWS${where} for ${permission} (${reason}; ${attempts})`
      : `${permission.replace(':', ' ')} failed${where}: ${name}${e.message ? `: ${e.message}` : ''}`;
  return new AwsCallError(failure, permission, redactUrls(message));
}
