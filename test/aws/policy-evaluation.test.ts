import { describe, expect, it } from 'vitest';
import { evaluatePolicies, wildcardMatch } from '../../src/aws/policy/evaluate';
import { invokeContext } from '../../src/aws/policy/invoke-context';
import { parsePolicyDocument, type PolicyDocument } from '../../src/aws/policy/policy-document';

// Cases from AWS's documented policy evaluation logic (IAM User Guide, "Policy evaluation logic" and the
// Lambda resource-based policy examples), for the one request the gateway makes.
const FN = 'arn:aws:lambda:us-east-1:123456789012:function:my-function';
const invoke = (resource = FN, context: Record<string, string> = {}) => ({ action: 'lambda:InvokeFunction', resource, context });
const policy = (...Statement: PolicyDocument['Statement'][]): { name: string; document: PolicyDocument } => ({ name: 'p', document: { Version: '2012-10-17', Statement: Statement.flat() as never } });

describe('IAM policy evaluation', () => {
  it('denies by default: no statement allows the request', () => {
    expect(evaluatePolicies([policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' })], invoke())).toEqual({ decision: 'implicit-deny' });
    expect(evaluatePolicies([], invoke())).toEqual({ decision: 'implicit-deny' });
  });

  it('an explicit Deny overrides any Allow, in any policy', () => {
    const allow = policy({ Effect: 'Allow', Action: 'lambda:*', Resource: '*' });
    const deny = { name: 'guardrail', document: { Statement: { Sid: 'NoProd', Effect: 'Deny' as const, Action: 'lambda:InvokeFunction', Resource: FN } } };
    expect(evaluatePolicies([allow, deny], invoke())).toEqual({ decision: 'deny', by: 'guardrail (NoProd)' });
  });

  it('matches actions without regard to case, with * and ? wildcards', () => {
    expect(evaluatePolicies([policy({ Effect: 'Allow', Action: 'Lambda:Invoke*', Resource: FN })], invoke()).decision).toBe('allow');
    expect(evaluatePolicies([policy({ Effect: 'Allow', Action: 'lambda:InvokeFunctio?', Resource: FN })], invoke()).decision).toBe('allow');
    expect(evaluatePolicies([policy({ Effect: 'Allow', Action: ['lambda:GetFunction', 'lambda:List*'], Resource: FN })], invoke()).decision).toBe('implicit-deny');
  });

  it('an unqualified function ARN does not cover versions and aliases; function:name:* does', () => {
    const unqualified = policy({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: FN });
    expect(evaluatePolicies([unqualified], invoke(`${FN}:prod`)).decision).toBe('implicit-deny');
    const all = policy({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: [FN, `${FN}:*`] });
    expect(evaluatePolicies([all], invoke(`${FN}:prod`)).decision).toBe('allow');
    expect(evaluatePolicies([all], invoke(FN)).decision).toBe('allow');
    expect(wildcardMatch('arn:aws:lambda:*:*:function:My-*', `${FN}:1`, false)).toBe(false);
  });

  it('NotAction with Allow allows every other action; NotResource with Deny denies every other resource', () => {
    expect(evaluatePolicies([policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })], invoke()).decision).toBe('allow');
    expect(evaluatePolicies([policy({ Effect: 'Allow', NotAction: 'lambda:*', Resource: '*' })], invoke()).decision).toBe('implicit-deny');
    const fence = policy({ Effect: 'Allow', Action: 'lambda:*', Resource: '*' }, { Effect: 'Deny', Action: 'lambda:*', NotResource: 'arn:aws:lambda:us-east-1:123456789012:function:allowed-*' });
    expect(evaluatePolicies([fence], invoke()).decision).toBe('deny');
    expect(evaluatePolicies([fence], invoke('arn:aws:lambda:us-east-1:123456789012:function:allowed-one')).decision).toBe('allow');
  });

  it('decides the conditions it can, and calls the others undecidable rather than passing them', () => {
    const byRegion = policy({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-west-2'] } } });
    expect(evaluatePolicies([byRegion], invoke(FN, { 'aws:requestedregion': 'us-east-1' })).decision).toBe('allow');
    expect(evaluatePolicies([byRegion], invoke(FN, { 'aws:requestedregion': 'eu-west-1' })).decision).toBe('implicit-deny');
    const byIp = policy({ Sid: 'Office', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } });
    expect(evaluatePolicies([byIp], invoke())).toEqual({ decision: 'undecidable', by: 'p (Office)', keys: ['aws:SourceIp'] });
  });

  it('an operator or a key named like what every object has (constructor) is unknown, not found', () => {
    // before: `constructor` as an operator was Object itself, which returned a truthy value: allowed
    const odd = policy({ Sid: 'Odd', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*', Condition: { constructor: { 'aws:RequestedRegion': 'us-east-1' } } });
    expect(evaluatePolicies([odd], invoke(FN, { 'aws:requestedregion': 'us-east-1' }))).toEqual({ decision: 'undecidable', by: 'p (Odd)', keys: ['aws:RequestedRegion'] });
    const oddKey = policy({ Sid: 'OddKey', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*', Condition: { StringEquals: { constructor: 'x' } } });
    expect(evaluatePolicies([oddKey], invoke())).toEqual({ decision: 'undecidable', by: 'p (OddKey)', keys: ['constructor'] });
  });

  it('a Deny that may apply makes a certain Allow uncertain', () => {
    const p = policy(
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*' },
      { Effect: 'Deny', Action: 'lambda:InvokeFunction', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'shop' } } },
    );
    expect(evaluatePolicies([p], invoke()).decision).toBe('undecidable');
  });

  it('a Deny that may apply, and nothing that allows: denied either way, never undecidable', () => {
    const p = policy({ Sid: 'NotFromHome', Effect: 'Deny', Action: 'lambda:InvokeFunction', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } });
    expect(evaluatePolicies([p], invoke())).toEqual({ decision: 'implicit-deny' });
    expect(evaluatePolicies([p, policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' })], invoke())).toEqual({ decision: 'implicit-deny' });
  });

  it('policy variables in Resource: undecidable where some value could match, no match where none could, never a false denial', () => {
    const byTag = policy({ Sid: 'OwnTeam', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:${aws:PrincipalTag/team}-*' });
    expect(evaluatePolicies([byTag], invoke('arn:aws:lambda:us-east-1:123456789012:function:shop-orders'))).toEqual({ decision: 'undecidable', by: 'p (OwnTeam)', keys: ['aws:PrincipalTag/team'] });
    expect(evaluatePolicies([byTag], invoke('arn:aws:lambda:eu-west-1:123456789012:function:shop-orders')).decision).toBe('implicit-deny');
    // ${*}, ${?} and ${$} are the literal characters
    const literal = policy({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:odd${*}' });
    expect(evaluatePolicies([literal], invoke('arn:aws:lambda:us-east-1:123456789012:function:odd*')).decision).toBe('allow');
    expect(evaluatePolicies([literal], invoke('arn:aws:lambda:us-east-1:123456789012:function:oddity')).decision).toBe('implicit-deny');
    // a Deny with a variable that could apply makes an Allow uncertain
    const fence = policy({ Effect: 'Allow', Action: 'lambda:*', Resource: '*' }, { Effect: 'Deny', Action: 'lambda:*', Resource: 'arn:aws:lambda:*:*:function:${aws:PrincipalTag/blocked}' });
    expect(evaluatePolicies([fence], invoke()).decision).toBe('undecidable');
  });

  it('same account: the identity and the resource policy together; either may allow, any may deny', () => {
    const role = 'arn:aws:iam::123456789012:role/gateway';
    const resource = { name: 'resource policy', document: { Statement: [{ Effect: 'Allow' as const, Principal: { AWS: role }, Action: 'lambda:InvokeFunction', Resource: FN }] } };
    const identityNothing = policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' });
    expect(evaluatePolicies([identityNothing], { ...invoke(), principal: role }).decision).toBe('implicit-deny');
    expect(evaluatePolicies([identityNothing, resource], { ...invoke(), principal: role }).decision).toBe('allow');
    const identityDeny = policy({ Effect: 'Deny', Action: 'lambda:*', Resource: '*' });
    expect(evaluatePolicies([identityDeny, resource], { ...invoke(), principal: role }).decision).toBe('deny');
    // a resource policy for another principal allows nothing for this one
    expect(evaluatePolicies([identityNothing, resource], { ...invoke(), principal: 'arn:aws:iam::123456789012:role/other' }).decision).toBe('implicit-deny');
  });

  it('resource-based policies: principals by role ARN, account id or account root', () => {
    const role = 'arn:aws:iam::111122223333:role/gateway';
    const by = (Principal: unknown) => evaluatePolicies([policy({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: FN, Principal } as never)], { ...invoke(), principal: role }).decision;
    expect(by({ AWS: role })).toBe('allow');
    expect(by({ AWS: '111122223333' })).toBe('allow');
    expect(by({ AWS: 'arn:aws:iam::111122223333:root' })).toBe('allow');
    expect(by(role)).toBe('allow');
    expect(by({ AWS: 'arn:aws:iam::444455556666:root' })).toBe('implicit-deny');
    expect(by({ Service: 'apigateway.amazonaws.com' })).toBe('implicit-deny');
    // everyone, as a string or as the AWS entry
    expect(by('*')).toBe('allow');
    expect(by({ AWS: '*' })).toBe('allow');
    // a wildcard inside a principal's name matches no principal: IAM has none there
    expect(by({ AWS: 'arn:aws:iam::111122223333:role/gate*' })).toBe('implicit-deny');
    expect(by({ AWS: 'arn:aws:iam::111122223333:role/gatewa?' })).toBe('implicit-deny');
    expect(by({ AWS: 'arn:aws:iam::*:role/gateway' })).toBe('implicit-deny');
  });

  it('an account\'s root is of the caller\'s partition', () => {
    const china = 'arn:aws-cn:iam::111122223333:role/gateway';
    const by = (Principal: unknown, principal = china) => evaluatePolicies([policy({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*', Principal } as never)], { ...invoke(), principal }).decision;
    expect(by({ AWS: 'arn:aws-cn:iam::111122223333:root' })).toBe('allow');
    expect(by({ AWS: '111122223333' })).toBe('allow');
    // the same account number in another partition is another account
    expect(by({ AWS: 'arn:aws:iam::111122223333:root' })).toBe('implicit-deny');
    expect(by({ AWS: 'arn:aws-cn:iam::111122223333:root' }, 'arn:aws:iam::111122223333:role/gateway')).toBe('implicit-deny');
  });

  it('NotAction with a list: the statement applies to an action none of its entries names', () => {
    const allowOthers = (NotAction: string[]) => evaluatePolicies([policy({ Effect: 'Allow', NotAction, Resource: '*' })], invoke()).decision;
    expect(allowOthers(['iam:*', 's3:*'])).toBe('allow');
    expect(allowOthers(['iam:*', 'lambda:*'])).toBe('implicit-deny');
    expect(allowOthers(['lambda:Invoke*', 's3:*'])).toBe('implicit-deny');
  });

  it('a statement with neither Action nor NotAction applies to nothing (parsePolicyDocument refuses one; the evaluator does not read it as "every action")', () => {
    expect(evaluatePolicies([policy({ Effect: 'Allow', Resource: '*' } as never)], invoke()).decision).toBe('implicit-deny');
  });

  it('a negated operator with several values holds only where the value is none of them; the others where it is one', () => {
    const fence = (Condition: object) => evaluatePolicies([policy({ Effect: 'Allow', Action: 'lambda:*', Resource: '*' }, { Effect: 'Deny', Action: 'lambda:*', Resource: '*', Condition } as never)], invoke(FN, { 'aws:requestedregion': 'us-east-1' })).decision;
    expect(fence({ StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } })).toBe('allow');
    expect(fence({ StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } })).toBe('deny');
    expect(fence({ StringNotLike: { 'aws:RequestedRegion': ['us-*', 'eu-*'] } })).toBe('allow');
    expect(fence({ StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } })).toBe('deny');
  });

  it('StringEqualsIgnoreCase ignores case, StringEquals does not; Bool compares without case', () => {
    const allowIf = (Condition: object) => evaluatePolicies([policy({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*', Condition } as never)], invoke(FN, { 'aws:requestedregion': 'us-east-1', 'aws:securetransport': 'true' })).decision;
    expect(allowIf({ StringEqualsIgnoreCase: { 'aws:RequestedRegion': 'US-East-1' } })).toBe('allow');
    expect(allowIf({ StringEquals: { 'aws:RequestedRegion': 'US-East-1' } })).toBe('implicit-deny');
    expect(allowIf({ StringNotEqualsIgnoreCase: { 'aws:RequestedRegion': 'US-East-1' } })).toBe('implicit-deny');
    expect(allowIf({ Bool: { 'aws:SecureTransport': 'True' } })).toBe('allow');
    expect(allowIf({ Bool: { 'aws:SecureTransport': false } })).toBe('implicit-deny');
  });

  it('a key known to be absent: IfExists and the negated operators hold, the others do not, Null tells absent from present', () => {
    const context = { 'aws:multifactorauthage': null, 'aws:requestedregion': 'us-east-1' };
    const allowIf = (Condition: object) => evaluatePolicies([policy({ Sid: 'If', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*', Condition } as never)], { ...invoke(), context }).decision;
    expect(allowIf({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } })).toBe('implicit-deny');
    expect(allowIf({ NumericLessThanIfExists: { 'aws:MultiFactorAuthAge': '3600' } })).toBe('allow');
    expect(allowIf({ NumericNotEquals: { 'aws:MultiFactorAuthAge': '0' } })).toBe('allow');
    expect(allowIf({ Null: { 'aws:MultiFactorAuthAge': 'true' } })).toBe('allow');
    expect(allowIf({ Null: { 'aws:MultiFactorAuthAge': 'false' } })).toBe('implicit-deny');
    expect(allowIf({ Null: { 'aws:RequestedRegion': false } })).toBe('allow');
    expect(allowIf({ Null: { 'aws:RequestedRegion': true } })).toBe('implicit-deny');
    // the set operators: ForAllValues holds for a key with no values, ForAnyValue does not
    expect(allowIf({ 'ForAllValues:StringEquals': { 'aws:MultiFactorAuthAge': ['1'] } })).toBe('allow');
    expect(allowIf({ 'ForAnyValue:StringEquals': { 'aws:MultiFactorAuthAge': ['1'] } })).toBe('implicit-deny');
    expect(allowIf({ 'ForAnyValue:StringNotEquals': { 'aws:MultiFactorAuthAge': ['1'] } })).toBe('implicit-deny');
    // on a key with a known value, a set operator is not decided
    expect(evaluatePolicies([policy({ Sid: 'Set', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'aws:RequestedRegion': ['us-east-1'] } } })], { ...invoke(), context })).toEqual({ decision: 'undecidable', by: 'p (Set)', keys: ['aws:RequestedRegion'] });
  });

  it('the gateway\'s call: MFA is absent or false, so a condition on it is decided only where both agree', () => {
    const request = { ...invoke(), context: invokeContext('us-east-1', 'arn:aws:iam::123456789012:role/gateway') };
    const allowAll = { Effect: 'Allow' as const, Action: 'lambda:*', Resource: '*' };
    const decide = (...statements: object[]) => evaluatePolicies([policy(allowAll, ...(statements as never[]))], request);
    // the usual guardrail: deny without MFA, IfExists: holds either way
    expect(decide({ Sid: 'NoMfa', Effect: 'Deny', Action: '*', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } })).toEqual({ decision: 'deny', by: 'p (NoMfa)' });
    // without IfExists it applies only if the key is there: absent, it does not; false, it does
    expect(decide({ Sid: 'NoMfa', Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } })).toEqual({ decision: 'undecidable', by: 'p (NoMfa)', keys: ['aws:MultiFactorAuthPresent'] });
    // an Allow that needs MFA never applies; one that needs it "if it exists" may
    const allowIf = (Condition: object) => evaluatePolicies([policy({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*', Condition } as never)], request).decision;
    expect(allowIf({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } })).toBe('implicit-deny');
    expect(allowIf({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } })).toBe('undecidable');
    expect(allowIf({ NumericLessThanIfExists: { 'aws:MultiFactorAuthAge': '3600' } })).toBe('allow');
    // the role's account and the function's region are known
    expect(allowIf({ StringEquals: { 'aws:PrincipalAccount': '123456789012', 'aws:RequestedRegion': 'us-east-1' } })).toBe('allow');
    expect(allowIf({ StringEquals: { 'aws:PrincipalAccount': '210987654321' } })).toBe('implicit-deny');
  });

  it('a Resource pattern with a variable whose condition fails is no match, not undecidable', () => {
    const byTag = policy({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:${aws:PrincipalTag/team}-*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } });
    expect(evaluatePolicies([byTag], invoke('arn:aws:lambda:us-east-1:123456789012:function:shop-orders', { 'aws:requestedregion': 'us-east-1' })).decision).toBe('implicit-deny');
  });

  it('a trust policy names a service or an identity provider exactly, and not an AWS ARN in its place', () => {
    const trust = policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'pods.eks.amazonaws.com' } });
    const assume = (principal: string, principalType: 'AWS' | 'Service' | 'Federated') => evaluatePolicies([trust], { action: 'sts:AssumeRole', resource: 'arn:aws:iam::123456789012:role/gateway', principal, principalType }).decision;
    expect(assume('pods.eks.amazonaws.com', 'Service')).toBe('allow');
    expect(assume('ec2.amazonaws.com', 'Service')).toBe('implicit-deny');
    expect(assume('pods.eks.amazonaws.com', 'AWS')).toBe('implicit-deny');
    const anyone = policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: '*' });
    expect(evaluatePolicies([anyone], { action: 'sts:AssumeRole', resource: 'arn:aws:iam::123456789012:role/gateway', principal: 'pods.eks.amazonaws.com', principalType: 'Service' }).decision).toBe('allow');
    const pattern = policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'pods.*.amazonaws.com' } });
    expect(evaluatePolicies([pattern], { action: 'sts:AssumeRole', resource: 'arn:aws:iam::123456789012:role/gateway', principal: 'pods.eks.amazonaws.com', principalType: 'Service' }).decision).toBe('implicit-deny');
    expect(assume('arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/X', 'Federated')).toBe('implicit-deny');
  });

  it('NotPrincipal: a Deny for everyone but the principals it names', () => {
    const role = 'arn:aws:iam::123456789012:role/gateway';
    const resource = policy({ Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 'lambda:InvokeFunction', Resource: FN }, { Sid: 'OnlyGateway', Effect: 'Deny', NotPrincipal: { AWS: role }, Action: 'lambda:InvokeFunction', Resource: FN });
    expect(evaluatePolicies([resource], { ...invoke(), principal: role }).decision).toBe('allow');
    expect(evaluatePolicies([resource], { ...invoke(), principal: 'arn:aws:iam::123456789012:role/other' })).toEqual({ decision: 'deny', by: 'p (OnlyGateway)' });
    // a wildcard inside the name spares no one: the Deny applies to the gateway too
    const pattern = policy({ Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 'lambda:InvokeFunction', Resource: FN }, { Sid: 'Gate', Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::123456789012:role/gate*' }, Action: 'lambda:InvokeFunction', Resource: FN });
    expect(evaluatePolicies([pattern], { ...invoke(), principal: role })).toEqual({ decision: 'deny', by: 'p (Gate)' });
  });

  it('names the first statement that decides, by its Sid or its place', () => {
    const allowAll = { Effect: 'Allow' as const, Action: 'lambda:*', Resource: '*' };
    expect(evaluatePolicies([policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }, allowAll, { ...allowAll, Sid: 'Later' })], invoke())).toEqual({ decision: 'allow', by: 'p (statement 2)' });
    const deny = (Sid: string) => ({ Sid, Effect: 'Deny' as const, Action: 'lambda:*', Resource: '*' });
    expect(evaluatePolicies([policy(allowAll, deny('First'), deny('Second'))], invoke())).toEqual({ decision: 'deny', by: 'p (First)' });
  });

  it('a Deny and an Allow that may each apply: undecidable, named by the Deny', () => {
    const p = policy(
      { Sid: 'MaybeAllow', Effect: 'Allow', Action: 'lambda:*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'shop' } } },
      { Sid: 'MaybeDeny', Effect: 'Deny', Action: 'lambda:*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/tier': 'test' } } },
    );
    expect(evaluatePolicies([p], invoke())).toEqual({ decision: 'undecidable', by: 'p (MaybeDeny)', keys: ['aws:PrincipalTag/tier'] });
  });

  it('a NotResource with a variable is undecided where its pattern could name the function', () => {
    const p = policy({ Sid: 'Others', Effect: 'Allow', Action: 'lambda:*', NotResource: 'arn:aws:lambda:us-east-1:123456789012:function:${aws:PrincipalTag/team}-*' });
    expect(evaluatePolicies([p], invoke('arn:aws:lambda:us-east-1:123456789012:function:shop-orders'))).toEqual({ decision: 'undecidable', by: 'p (Others)', keys: ['aws:PrincipalTag/team'] });
  });

  it('StringLike reads the policy\'s value as the pattern; a set operator on a key of one known value is undecided', () => {
    const allowIf = (Condition: object) => evaluatePolicies([policy({ Effect: 'Allow', Action: 'lambda:*', Resource: '*', Condition } as never)], invoke(FN, { 'aws:requestedregion': 'us-east-1' })).decision;
    expect(allowIf({ StringLike: { 'aws:RequestedRegion': 'us-*' } })).toBe('allow');
    expect(allowIf({ StringLike: { 'aws:RequestedRegion': 'eu-*' } })).toBe('implicit-deny');
    expect(allowIf({ 'ForAnyValue:StringEquals': { 'aws:RequestedRegion': 'us-east-1' } })).toBe('undecidable');
  });

  it('reads IAM\'s URL-encoded documents and Lambda\'s plain JSON', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: FN }] };
    expect(parsePolicyDocument(encodeURIComponent(JSON.stringify(doc)))).toEqual(doc);
    expect(parsePolicyDocument(JSON.stringify(doc))).toEqual(doc);
    // a value holding what URL encoding would make of a quote or a brace is kept as it is, both ways
    const encodedInValues = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: FN, Condition: { StringLike: { 'aws:UserAgent': ['*%22*', '%7B*', '100%'] } } }] };
    expect(parsePolicyDocument(JSON.stringify(encodedInValues, null, 2))).toEqual(encodedInValues);
    expect(parsePolicyDocument(encodeURIComponent(JSON.stringify(encodedInValues)))).toEqual(encodedInValues);
    expect(parsePolicyDocument(`\n  ${JSON.stringify(encodedInValues)}`)).toEqual(encodedInValues);
    // a document stored with a line break before its brace is encoded from that line break on
    expect(parsePolicyDocument(encodeURIComponent('\n' + JSON.stringify(doc)))).toEqual(doc);
  });

  it('refuses a document AWS would not have stored, naming what is wrong, before the evaluator reads it', () => {
    const fault = (statement: unknown) => {
      try {
        parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: statement }));
        return 'read';
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    };
    const ok = { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: FN };
    expect(fault(ok)).toBe('read');
    expect(fault([ok, { ...ok, Principal: 'arn:aws:iam::111122223333:root', Condition: { StringEquals: { 'aws:SourceAccount': ['1', 2, true] } } }])).toBe('read');
    expect(fault([ok, { ...ok, Action: { 'lambda:InvokeFunction': true } }])).toBe('PolicyDocumentError: statement 2: Action is not a string or a list of strings');
    expect(fault({ ...ok, Effect: 'allow' })).toBe('PolicyDocumentError: statement 1: Effect is neither Allow nor Deny');
    expect(fault({ Effect: 'Deny', Resource: '*' })).toBe('PolicyDocumentError: statement 1: neither Action nor NotAction');
    expect(fault({ ...ok, NotResource: [FN, 7] })).toBe('PolicyDocumentError: statement 1: NotResource is not a string or a list of strings');
    expect(fault({ ...ok, Principal: { AWS: [{}] } })).toBe('PolicyDocumentError: statement 1: Principal is neither a string nor a map of strings');
    expect(fault({ ...ok, Condition: { StringEquals: 'x' } })).toBe('PolicyDocumentError: statement 1: Condition is not a map of operators to maps of values');
    expect(fault({ ...ok, Effect: 'deny' })).toBe('PolicyDocumentError: statement 1: Effect is neither Allow nor Deny');
    expect(fault({ ...ok, NotPrincipal: { AWS: 7 } })).toBe('PolicyDocumentError: statement 1: NotPrincipal is neither a string nor a map of strings');
    expect(fault({ ...ok, Condition: { StringEquals: { 'aws:SourceAccount': [{ a: 1 }] } } })).toBe('PolicyDocumentError: statement 1: Condition is not a map of operators to maps of values');
    expect(fault({ ...ok, Condition: { StringEquals: { 'aws:SourceAccount': null } } })).toBe('PolicyDocumentError: statement 1: Condition is not a map of operators to maps of values');
    expect(fault(['x'])).toBe('PolicyDocumentError: statement 1: not an object');
    expect(() => parsePolicyDocument('%7B%ZZ')).toThrow(/^not JSON \(URI malformed\)$/);
    expect(() => parsePolicyDocument('[1]')).toThrow('not an object with a Statement');
    expect(() => parsePolicyDocument('{"Version": "2012-10-17"}')).toThrow('not an object with a Statement');
  });
});
