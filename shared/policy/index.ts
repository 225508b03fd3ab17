export { buildResourcePolicy, type ResourcePolicyInput } from './build-resource-policy';
export { type NormalizedStatement, normalizePolicy, partitionOf } from './normalize-policy';
export { policiesEquivalent } from './policies-equivalent';
export { type PolicyCaller, policyAdmits } from './policy-admits';
export {
  ANY_METHOD_RESOURCE,
  type BuiltPolicyDocument,
  INVOKE_ACTION,
  POLICY_VERSION,
  type PolicyCondition,
  type PolicyDocument,
  type PolicyPrincipal,
  type PolicyScope,
  type PolicyStatement,
  type PolicyValue,
  SOURCE_VPC_KEY,
  SOURCE_VPCE_KEY,
} from './policy-document';
export { RESOURCE_POLICY_MAX_CHARS, serializePolicy } from './serialize-policy';
