import { PolicyInputError } from '../errors/policy-errors';
import { type NormalizedStatement, normalizePolicy } from './normalize-policy';
import { type PolicyDocument, SOURCE_VPC_KEY, SOURCE_VPCE_KEY } from './policy-document';

/** Where a call to the private API comes from, as API Gateway sees it. */
export interface PolicyCaller {
  /** The interface endpoint the call came through (`aws:SourceVpce`); absent for a call from outside. */
  readonly vpcEndpointId?: string;
  /** The VPC the call came from (`aws:SourceVpc`). */
  readonly vpcId?: string;
}

/** Actions that cover `execute-api:Invoke` (compared lower-cased, as normalizePolicy gives them). */
const INVOKE_ACTIONS = new Set(['*', 'execute-api:*', 'execute-api:invoke']);

/**
 * Whether the policy lets an anonymous caller invoke the API from where it is, by IAM's rules:
 * an explicit Deny wins, else an Allow is needed, else the call is denied. Handles the shapes
 * buildResourcePolicy makes and, more generally, Allow/Deny statements for Principal "*" with
 * StringEquals/StringNotEquals (and their IfExists forms) on aws:SourceVpce and aws:SourceVpc.
 * Resources are not checked: the question is about the API as a whole. Throws PolicyInputError
 * on anything else (NotAction, NotPrincipal, other keys or operators) rather than guess.
 */
export function policyAdmits(policy: string | PolicyDocument | undefined, caller: PolicyCaller): boolean {
  const statements = normalizePolicy(policy) ?? [];
  let allowed = false;
  for (const statement of statements) {
    if (!applies(statement, caller)) continue;
    if (statement.effect === 'Deny') return false;
    allowed = true;
  }
  return allowed;
}

function applies(statement: NormalizedStatement, caller: PolicyCaller): boolean {
  if (statement.notPrincipal || statement.notAction || statement.notResource) {
    throw new PolicyInputError('policyAdmits: NotPrincipal, NotAction and NotResource are not supported');
  }
  const anyone = statement.principal?.includes('*') ?? false;
  const invokes = statement.action?.some((action) => INVOKE_ACTIONS.has(action)) ?? false;
  if (!anyone || !invokes) return false;
  // Every operator block, and every key in a block, must hold (they AND together).
  return Object.entries(statement.condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, values]) => conditionHolds(operator, callerValue(key, caller), values)),
  );
}

function callerValue(key: string, caller: PolicyCaller): string | undefined {
  if (key === SOURCE_VPCE_KEY.toLowerCase()) return caller.vpcEndpointId;
  if (key === SOURCE_VPC_KEY.toLowerCase()) return caller.vpcId;
  throw new PolicyInputError(`policyAdmits: the condition key ${key} is not supported`);
}

/** IAM: a negated operator matches when the key is absent; IfExists forms match when it is absent. */
function conditionHolds(operator: string, value: string | undefined, values: readonly string[]): boolean {
  switch (operator) {
    case 'StringEquals':
      return value !== undefined && values.includes(value);
    case 'StringEqualsIfExists':
      return value === undefined || values.includes(value);
    case 'StringNotEquals':
    case 'StringNotEqualsIfExists':
      return value === undefined || !values.includes(value);
    default:
      throw new PolicyInputError(`policyAdmits: the condition operator ${operator} is not supported`);
  }
}
