import { badRequest } from './errors';
import { isObject } from './request';

/** AWS-FACTS: an API Gateway resource policy is at most 8,192 characters. */
export const MAX_RESOURCE_POLICY_LENGTH = 8192;

const INVALID_POLICY = 'Invalid policy document. Please check the policy syntax and try again.';

/** Where a policy's `execute-api:/...` shorthand points. */
export interface PolicyScope {
  readonly region: string;
  readonly accountId: string;
  readonly restApiId: string;
}

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** `execute-api:/*` → `arn:aws:execute-api:{region}:{account}:{api-id}/*`, as the service stores it. */
function expandResource(resource: unknown, scope: PolicyScope): unknown {
  if (typeof resource !== 'string' || !resource.startsWith('execute-api:')) return resource;
  const rest = resource.slice('execute-api:'.length);
  const suffix = rest.startsWith('/') ? rest : `/${rest}`;
  return `arn:${partitionOf(scope.region)}:execute-api:${scope.region}:${scope.accountId}:${scope.restApiId}${suffix}`;
}

function expandStatement(statement: unknown, scope: PolicyScope): Record<string, unknown> {
  if (!isObject(statement)) throw badRequest(INVALID_POLICY);
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') throw badRequest(INVALID_POLICY);
  if (statement.Action === undefined && statement.NotAction === undefined) throw badRequest(INVALID_POLICY);
  const expanded: Record<string, unknown> = { ...statement };
  for (const key of ['Resource', 'NotResource']) {
    const value = statement[key];
    if (value === undefined) continue;
    expanded[key] = Array.isArray(value)
      ? value.map((item) => expandResource(item, scope))
      : expandResource(value, scope);
  }
  return expanded;
}

/**
 * Validates a resource policy and returns it as API Gateway stores it: compact JSON, keys in the
 * caller's order, `execute-api:` resources expanded to the API's ARN. Too long or not a policy
 * → BadRequestException.
 */
export function normalizeResourcePolicy(policy: string, scope: PolicyScope): string {
  if (policy.length > MAX_RESOURCE_POLICY_LENGTH) {
    throw badRequest(
      `Resource policy size (${policy.length} characters) exceeds the maximum of ${MAX_RESOURCE_POLICY_LENGTH} characters`,
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(policy);
  } catch {
    throw badRequest(INVALID_POLICY);
  }
  if (!isObject(document) || document.Statement === undefined) throw badRequest(INVALID_POLICY);
  const statements = document.Statement;
  const expanded = Array.isArray(statements)
    ? statements.map((statement) => expandStatement(statement, scope))
    : expandStatement(statements, scope);
  return JSON.stringify({ ...document, Statement: expanded });
}

/**
 * The policy as RestApi responses carry it. API Gateway returns the stored JSON escaped once
 * more: the string a client gets is `{\"Version\":\"2012-10-17\",...\"arn:...:abc\/*\"}` (quotes
 * and forward slashes backslash-escaped), not parseable by JSON.parse until unescaped
 * (`JSON.parse(JSON.parse('"' + policy + '"'))`). Terraform's provider unquotes it for this reason.
 */
export function policyAsReturned(stored: string): string {
  return JSON.stringify(stored).slice(1, -1).replaceAll('/', '\\/');
}
