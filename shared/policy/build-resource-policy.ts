import { PolicyInputError } from '../errors/policy-errors';
import { isAwsId } from '../request/aws-ids';
import {
  ANY_METHOD_RESOURCE,
  type BuiltPolicyDocument,
  INVOKE_ACTION,
  POLICY_VERSION,
  type PolicyStatement,
  SOURCE_VPC_KEY,
  SOURCE_VPCE_KEY,
} from './policy-document';

export interface ResourcePolicyInput {
  /** The API's Region and account: not written (the document uses `execute-api:/*`, which API Gateway expands). */
  readonly region: string;
  readonly accountId: string;
  readonly restApiId?: string;
  /** Endpoints whose calls are admitted: the request's own endpoint first, then access.allowedVpcEndpointIds. */
  readonly vpcEndpointIds: readonly string[];
  /** VPCs whose calls are admitted whatever endpoint they come through (access.allowedVpcIds). */
  readonly allowedVpcIds: readonly string[];
}

/**
 * Builds the Deny-unless resource policy of a private API: Allow `execute-api:Invoke` to anyone,
 * then Deny it unless the call came through one of the endpoints (`aws:SourceVpce`) or, when
 * VPCs are allowed, from one of the VPCs (`aws:SourceVpc`). Both keys sit in ONE
 * StringNotEquals block: conditions in a block AND together, so the Deny applies only to a call
 * from neither an allowed endpoint nor an allowed VPC. An explicit Deny wins over the Allow.
 * Values are sorted and deduplicated so the same input always gives the same text. Throws
 * PolicyInputError when no endpoint is given or an id is malformed: the policy must never
 * admit anything not passed in.
 */
export function buildResourcePolicy(input: ResourcePolicyInput): BuiltPolicyDocument {
  if (input.vpcEndpointIds.length === 0) {
    throw new PolicyInputError(
      'buildResourcePolicy: at least one VPC endpoint id is needed to admit calls through',
    );
  }
  const malformed = [
    ...input.vpcEndpointIds.filter((id) => !isAwsId('vpcEndpoint', id)),
    ...input.allowedVpcIds.filter((id) => !isAwsId('vpc', id)),
  ];
  if (malformed.length > 0) {
    throw new PolicyInputError(
      `buildResourcePolicy: malformed VPC endpoint or VPC ids: ${malformed.join(', ')}`,
    );
  }
  const sourceVpc = sortedUnique(input.allowedVpcIds);
  const allow: PolicyStatement = {
    Effect: 'Allow',
    Principal: '*',
    Action: INVOKE_ACTION,
    Resource: ANY_METHOD_RESOURCE,
  };
  const deny: PolicyStatement = {
    Effect: 'Deny',
    Principal: '*',
    Action: INVOKE_ACTION,
    Resource: ANY_METHOD_RESOURCE,
    Condition: {
      StringNotEquals: {
        [SOURCE_VPCE_KEY]: sortedUnique(input.vpcEndpointIds),
        ...(sourceVpc.length > 0 ? { [SOURCE_VPC_KEY]: sourceVpc } : {}),
      },
    },
  };
  return { Version: POLICY_VERSION, Statement: [allow, deny] };
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
