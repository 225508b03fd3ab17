/** IAM policy language version every policy the control plane writes declares. */
export const POLICY_VERSION = '2012-10-17';

/** The action of calling a private API. */
export const INVOKE_ACTION = 'execute-api:Invoke';

/**
 * Every method of every stage of the API, in the short form API Gateway accepts in a resource
 * policy and returns expanded to `arn:aws:execute-api:{region}:{account}:{api-id}/*` (AWS-FACTS).
 */
export const ANY_METHOD_RESOURCE = 'execute-api:/*';

/** Condition keys API Gateway sets for a call through an interface endpoint. */
export const SOURCE_VPCE_KEY = 'aws:SourceVpce';
export const SOURCE_VPC_KEY = 'aws:SourceVpc';

/** A policy element that takes one value or a list. */
export type PolicyValue = string | readonly string[];

export type PolicyPrincipal = '*' | Readonly<Record<string, PolicyValue>>;

/** condition operator → condition key → value(s), e.g. `{ StringNotEquals: { 'aws:SourceVpce': [...] } }`. */
export type PolicyCondition = Readonly<Record<string, Readonly<Record<string, PolicyValue>>>>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: PolicyPrincipal;
  readonly NotPrincipal?: PolicyPrincipal;
  readonly Action?: PolicyValue;
  readonly NotAction?: PolicyValue;
  readonly Resource?: PolicyValue;
  readonly NotResource?: PolicyValue;
  readonly Condition?: PolicyCondition;
}

/** An API Gateway resource policy (an IAM policy document). */
export interface PolicyDocument {
  readonly Version?: string;
  readonly Id?: string;
  readonly Statement: PolicyStatement | readonly PolicyStatement[];
}

/** A document the control plane built: its statements always a list. */
export interface BuiltPolicyDocument extends PolicyDocument {
  readonly Version: string;
  readonly Statement: readonly PolicyStatement[];
}

/** Where a policy applies: what `execute-api:/…` resources expand to. */
export interface PolicyScope {
  readonly region: string;
  readonly accountId: string;
  readonly restApiId: string;
}
