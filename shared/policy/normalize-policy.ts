import { PolicyInputError } from '../errors/policy-errors';
import { canonicalJson } from '../request/canonical-json';
import type { PolicyDocument, PolicyScope } from './policy-document';

/** A statement reduced to what decides its meaning; every list sorted and deduplicated. */
export interface NormalizedStatement {
  readonly effect: 'Allow' | 'Deny';
  readonly principal?: readonly string[];
  readonly notPrincipal?: readonly string[];
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  /** operator → lower-cased condition key → values. */
  readonly condition?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

const SHORT_RESOURCE_PREFIX = 'execute-api:/';
const ACCOUNT_ID = /^\d{12}$/;

/**
 * Reads a policy in any form API Gateway or a caller gives it and reduces it to its meaning:
 * a JSON text, a JSON text inside a JSON string (GetRestApi returns the policy with escaped
 * quotes: `{\"Version\":…}`), or a document. Version, Id and Sid are left out; one value and a
 * one-element list are the same; `"Principal": "*"` and `{"AWS": "*"}` are the same; an account
 * id principal is its root ARN; actions and condition keys compare case-insensitively (as IAM
 * does); `execute-api:/…` resources expand to the scope's ARN, as API Gateway stores them;
 * statements are sorted and duplicates dropped. Returns undefined when there is no policy;
 * throws PolicyInputError when there is one that is not a policy document.
 */
export function normalizePolicy(
  policy: string | PolicyDocument | undefined,
  scope?: PolicyScope,
): NormalizedStatement[] | undefined {
  const document = typeof policy === 'string' ? parsePolicyText(policy) : policy;
  if (document === undefined || document === null) return undefined;
  if (typeof document !== 'object' || Array.isArray(document))
    throw malformed('the policy is not a JSON object');
  const statements: unknown = Reflect.get(document, 'Statement');
  const list = Array.isArray(statements) ? statements : [statements];
  const normalized = list.map((statement: unknown) => normalizeStatement(statement, scope));
  const byText = new Map(normalized.map((statement) => [canonicalJson(statement), statement]));
  return [...byText.keys()].sort().flatMap((key) => {
    const statement = byText.get(key);
    return statement === undefined ? [] : [statement];
  });
}

/** Most layers of JSON-in-a-string unwrapped: API Gateway adds one. */
const MAX_STRING_LAYERS = 3;

function parsePolicyText(text: string): unknown {
  let value: unknown = text.trim();
  if (value === '') return undefined;
  for (let layer = 0; layer < MAX_STRING_LAYERS && typeof value === 'string'; layer += 1) {
    const parsed = tryParseJson(value);
    // `{\"Version\":…}` is not JSON on its own: it is the inside of a JSON string.
    value = parsed.ok ? parsed.value : unwrapEscaped(value);
  }
  if (typeof value === 'string') throw malformed('the policy text is not JSON');
  return value;
}

function unwrapEscaped(text: string): unknown {
  const unescaped = tryParseJson(`"${text}"`);
  if (!unescaped.ok || typeof unescaped.value !== 'string' || unescaped.value === text) {
    throw malformed('the policy text is not JSON');
  }
  return unescaped.value;
}

function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function normalizeStatement(statement: unknown, scope: PolicyScope | undefined): NormalizedStatement {
  if (typeof statement !== 'object' || statement === null || Array.isArray(statement)) {
    throw malformed('a statement is not a JSON object');
  }
  const read = (key: string): unknown => Reflect.get(statement, key);
  const effect = read('Effect');
  if (effect !== 'Allow' && effect !== 'Deny') throw malformed('a statement has no Effect of Allow or Deny');
  const principal = optional(read('Principal'), normalizePrincipal);
  const notPrincipal = optional(read('NotPrincipal'), normalizePrincipal);
  const action = optional(read('Action'), (value) =>
    valueList(value, 'Action').map((item) => item.toLowerCase()),
  );
  const notAction = optional(read('NotAction'), (value) =>
    valueList(value, 'NotAction').map((item) => item.toLowerCase()),
  );
  const resource = optional(read('Resource'), (value) =>
    expandResources(valueList(value, 'Resource'), scope),
  );
  const notResource = optional(read('NotResource'), (value) =>
    expandResources(valueList(value, 'NotResource'), scope),
  );
  const condition = optional(read('Condition'), normalizeCondition);
  return {
    effect,
    ...(principal && { principal }),
    ...(notPrincipal && { notPrincipal }),
    ...(action && { action: setOf(action) }),
    ...(notAction && { notAction: setOf(notAction) }),
    ...(resource && { resource: setOf(resource) }),
    ...(notResource && { notResource: setOf(notResource) }),
    ...(condition && { condition }),
  };
}

function optional<T>(value: unknown, normalize: (value: unknown) => T): T | undefined {
  return value === undefined ? undefined : normalize(value);
}

function normalizePrincipal(principal: unknown): string[] {
  if (principal === '*') return ['*'];
  if (typeof principal !== 'object' || principal === null || Array.isArray(principal)) {
    throw malformed('a Principal is neither "*" nor an object');
  }
  const principals = Object.entries(principal).flatMap(([type, values]: [string, unknown]) =>
    valueList(values, 'Principal').map((value) => {
      if (type === 'AWS' && value === '*') return '*';
      if (type === 'AWS' && ACCOUNT_ID.test(value)) return `AWS:arn:aws:iam::${value}:root`;
      return `${type}:${value}`;
    }),
  );
  // Anyone is anyone: other principals beside "*" change nothing.
  return principals.includes('*') ? ['*'] : setOf(principals);
}

function normalizeCondition(condition: unknown): Record<string, Record<string, string[]>> {
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) {
    throw malformed('a Condition is not an object');
  }
  const operators: Record<string, Record<string, string[]>> = {};
  for (const [operator, block] of Object.entries(condition)) {
    if (typeof block !== 'object' || block === null || Array.isArray(block)) {
      throw malformed(`the ${operator} condition is not an object`);
    }
    const keys: Record<string, string[]> = {};
    for (const [key, values] of Object.entries(block)) {
      // Condition keys are case-insensitive in IAM.
      const name = key.toLowerCase();
      keys[name] = setOf([...(keys[name] ?? []), ...valueList(values, 'Condition')]);
    }
    operators[operator] = keys;
  }
  return operators;
}

/** One value or a list; IAM reads booleans and numbers in conditions as their text. */
function valueList(value: unknown, element: string): string[] {
  const items: unknown[] = Array.isArray(value) ? value : [value];
  return items.map((item) => {
    if (typeof item === 'string') return item;
    if (typeof item === 'number' || typeof item === 'boolean') return String(item);
    throw malformed(`a ${element} value is not a string`);
  });
}

function expandResources(resources: readonly string[], scope: PolicyScope | undefined): string[] {
  if (scope === undefined) return [...resources];
  const arnPrefix = `arn:${partitionOf(scope.region)}:execute-api:${scope.region}:${scope.accountId}:${scope.restApiId}/`;
  return resources.map((resource) =>
    resource.startsWith(SHORT_RESOURCE_PREFIX)
      ? arnPrefix + resource.slice(SHORT_RESOURCE_PREFIX.length)
      : resource,
  );
}

/** The ARN partition of a Region (China and GovCloud have their own). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

function setOf(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function malformed(reason: string): PolicyInputError {
  return new PolicyInputError(`not a policy document: ${reason}`);
}
