import { AwsError } from '../../core/aws-error';

/** A validated event pattern: an object whose leaves are arrays of match values. */
export type EventPattern = Readonly<Record<string, unknown>>;

/** EventBridge refuses patterns longer than 4,096 characters (the PutRule model's limit). */
const MAX_PATTERN_LENGTH = 4096;
const NUMERIC_OPERATORS = new Set(['<', '<=', '=', '>', '>=']);
/** Numeric matching works on values between -5.0e9 and +5.0e9 (EventBridge's documented range). */
const NUMERIC_LIMIT = 5e9;
const IPV4_BITS = 32;

function invalidPattern(reason: string): AwsError {
  return new AwsError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${reason}`, 400);
}

/**
 * Parses and validates an event pattern as PutRule and TestEventPattern do; throws
 * InvalidEventPatternException naming what is wrong.
 */
export function parseEventPattern(text: string): EventPattern {
  if (text.length > MAX_PATTERN_LENGTH) throw invalidPattern(`pattern is longer than ${MAX_PATTERN_LENGTH}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error: unknown) {
    throw invalidPattern(error instanceof Error ? error.message : String(error));
  }
  if (!isPlainObject(value)) throw invalidPattern('Filter is not an object');
  if (Object.keys(value).length === 0) throw invalidPattern('Empty objects are not allowed');
  validateObject(value, '');
  return value;
}

function validateObject(pattern: Record<string, unknown>, path: string): void {
  for (const [key, value] of Object.entries(pattern)) {
    const here = path === '' ? key : `${path}.${key}`;
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2 || !value.every(isPlainObject)) {
        throw invalidPattern(`"$or" at "${path || '(root)'}" must be an array of at least 2 objects`);
      }
      for (const alternative of value) {
        if (Object.keys(alternative).length === 0) throw invalidPattern('Empty objects are not allowed');
        validateObject(alternative, path);
      }
    } else if (Array.isArray(value)) {
      if (value.length === 0) throw invalidPattern(`Empty arrays are not allowed at "${here}"`);
      for (const matcher of value) validateMatcher(matcher, here);
    } else if (isPlainObject(value)) {
      if (Object.keys(value).length === 0) throw invalidPattern(`Empty objects are not allowed at "${here}"`);
      validateObject(value, here);
    } else {
      throw invalidPattern(`"${here}" must be an object or an array`);
    }
  }
}

function validateMatcher(matcher: unknown, path: string): void {
  if (matcher === null || ['string', 'number', 'boolean'].includes(typeof matcher)) return;
  if (!isPlainObject(matcher))
    throw invalidPattern(`Match value at "${path}" must be a string, number, boolean, null or an object`);
  const keys = Object.keys(matcher);
  const [operator] = keys;
  if (keys.length !== 1 || operator === undefined) {
    throw invalidPattern(`Match object at "${path}" must have exactly one key`);
  }
  const operand = matcher[operator];
  switch (operator) {
    case 'prefix':
    case 'suffix':
      if (typeof operand === 'string') return;
      if (isIgnoreCase(operand)) return;
      throw invalidPattern(`${operator} match pattern at "${path}" must be a string`);
    case 'equals-ignore-case':
      if (typeof operand !== 'string')
        throw invalidPattern(`equals-ignore-case match at "${path}" must be a string`);
      return;
    case 'wildcard':
      validateWildcard(operand, path);
      return;
    case 'exists':
      if (typeof operand !== 'boolean')
        throw invalidPattern(`exists match pattern at "${path}" must be true or false`);
      return;
    case 'numeric':
      validateNumeric(operand, path);
      return;
    case 'cidr':
      if (typeof operand !== 'string' || parseCidr(operand) === undefined) {
        throw invalidPattern(`Malformed CIDR at "${path}": ${JSON.stringify(operand)}`);
      }
      return;
    case 'anything-but':
      validateAnythingBut(operand, path);
      return;
    default:
      throw invalidPattern(`Unrecognized match type ${operator}`);
  }
}

function validateWildcard(operand: unknown, path: string): void {
  if (typeof operand !== 'string')
    throw invalidPattern(`wildcard match pattern at "${path}" must be a string`);
  // An escaped star (`\*`) is a literal, not a wildcard.
  if (operand.replaceAll('\\*', '_').includes('**')) {
    throw invalidPattern(`Consecutive wildcard characters at "${path}" are not allowed`);
  }
}

function validateNumeric(operand: unknown, path: string): void {
  if (!Array.isArray(operand) || operand.length === 0 || operand.length % 2 !== 0 || operand.length > 4) {
    throw invalidPattern(`Value of numeric at "${path}" must be an array of operator/number pairs`);
  }
  for (let index = 0; index < operand.length; index += 2) {
    const operator = operand[index];
    const bound = operand[index + 1];
    if (typeof operator !== 'string' || !NUMERIC_OPERATORS.has(operator)) {
      throw invalidPattern(`Unrecognized numeric range operator: ${JSON.stringify(operator)}`);
    }
    if (typeof bound !== 'number' || Math.abs(bound) > NUMERIC_LIMIT) {
      throw invalidPattern(`Value of ${operator} must be a number between -5.0E9 and 5.0E9`);
    }
  }
}

function validateAnythingBut(operand: unknown, path: string): void {
  if (operand === null || ['string', 'number', 'boolean'].includes(typeof operand)) return;
  if (Array.isArray(operand)) {
    if (
      operand.length === 0 ||
      !operand.every((value) => typeof value === 'string' || typeof value === 'number')
    ) {
      throw invalidPattern(`Inside anything-but list at "${path}", only strings and numbers are allowed`);
    }
    return;
  }
  if (!isPlainObject(operand)) throw invalidPattern(`Malformed anything-but at "${path}"`);
  const keys = Object.keys(operand);
  const [operator] = keys;
  if (keys.length !== 1 || operator === undefined)
    throw invalidPattern(`Malformed anything-but at "${path}"`);
  const value = operand[operator];
  switch (operator) {
    case 'prefix':
    case 'suffix':
      if (typeof value !== 'string')
        throw invalidPattern(`anything-but ${operator} at "${path}" must be a string`);
      return;
    case 'equals-ignore-case':
      if (
        typeof value === 'string' ||
        (Array.isArray(value) && value.every((item) => typeof item === 'string'))
      )
        return;
      throw invalidPattern(
        `anything-but equals-ignore-case at "${path}" must be a string or a list of strings`,
      );
    case 'wildcard':
      if (Array.isArray(value)) {
        for (const item of value) validateWildcard(item, path);
      } else validateWildcard(value, path);
      return;
    default:
      throw invalidPattern(`Unsupported anything-but pattern: ${operator}`);
  }
}

/**
 * Whether an event matches a pattern, as EventBridge matches: every field of the pattern must
 * match (nested objects recurse), a leaf array matches when any of its values does, an array in the
 * event matches when any of its elements does, and `$or` matches when any alternative does.
 */
export function matchesEventPattern(pattern: EventPattern, event: unknown): boolean {
  return matchObject(pattern, isPlainObject(event) ? event : {});
}

function matchObject(
  pattern: Readonly<Record<string, unknown>>,
  event: Readonly<Record<string, unknown>>,
): boolean {
  return Object.entries(pattern).every(([key, expected]) => {
    if (key === '$or') {
      return (expected as Record<string, unknown>[]).some((alternative) => matchObject(alternative, event));
    }
    const actual = event[key];
    if (Array.isArray(expected)) return matchLeaf(expected, actual);
    const nested = expected as Record<string, unknown>;
    // Arrays of objects are flattened: the nested pattern may match any element.
    if (Array.isArray(actual))
      return actual.some((item) => matchObject(nested, isPlainObject(item) ? item : {}));
    return matchObject(nested, isPlainObject(actual) ? actual : {});
  });
}

/** A leaf: `exists` looks at presence; every other matcher at the value (or any element of an array value). */
function matchLeaf(matchers: readonly unknown[], actual: unknown): boolean {
  const present =
    actual !== undefined && !isPlainObject(actual) && !(Array.isArray(actual) && actual.length === 0);
  const values: readonly unknown[] = Array.isArray(actual) ? actual : actual === undefined ? [] : [actual];
  return matchers.some((matcher) => {
    if (isPlainObject(matcher) && 'exists' in matcher) return matcher.exists === present;
    return values.some((value) => !isPlainObject(value) && matchValue(matcher, value));
  });
}

function matchValue(matcher: unknown, value: unknown): boolean {
  if (!isPlainObject(matcher)) return matcher === value;
  const [operator] = Object.keys(matcher);
  const operand = operator === undefined ? undefined : matcher[operator];
  switch (operator) {
    case 'prefix':
      return matchAffix(operand, value, (text, affix) => text.startsWith(affix));
    case 'suffix':
      return matchAffix(operand, value, (text, affix) => text.endsWith(affix));
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === String(operand).toLowerCase();
    case 'wildcard':
      return typeof value === 'string' && wildcardMatches(String(operand), value);
    case 'numeric':
      return typeof value === 'number' && numericMatches(operand as readonly unknown[], value);
    case 'cidr':
      return typeof value === 'string' && cidrMatches(String(operand), value);
    case 'anything-but':
      return anythingButMatches(operand, value);
    default:
      return false;
  }
}

function matchAffix(
  operand: unknown,
  value: unknown,
  test: (text: string, affix: string) => boolean,
): boolean {
  if (typeof value !== 'string') return false;
  if (typeof operand === 'string') return test(value, operand);
  if (isIgnoreCase(operand)) return test(value.toLowerCase(), operand['equals-ignore-case'].toLowerCase());
  return false;
}

function anythingButMatches(operand: unknown, value: unknown): boolean {
  if (!isPlainObject(operand)) {
    const excluded = Array.isArray(operand) ? operand : [operand];
    return !excluded.includes(value);
  }
  const [operator] = Object.keys(operand);
  const inner = operator === undefined ? undefined : operand[operator];
  // The string forms only exclude strings: any other value is "anything but" them.
  if (typeof value !== 'string') return true;
  switch (operator) {
    case 'prefix':
      return !value.startsWith(String(inner));
    case 'suffix':
      return !value.endsWith(String(inner));
    case 'equals-ignore-case': {
      const excluded = (Array.isArray(inner) ? inner : [inner]).map((item) => String(item).toLowerCase());
      return !excluded.includes(value.toLowerCase());
    }
    case 'wildcard': {
      const excluded = Array.isArray(inner) ? inner : [inner];
      return !excluded.some((item) => wildcardMatches(String(item), value));
    }
    default:
      return false;
  }
}

function numericMatches(operand: readonly unknown[], value: number): boolean {
  for (let index = 0; index < operand.length; index += 2) {
    const bound = Number(operand[index + 1]);
    switch (operand[index]) {
      case '<':
        if (!(value < bound)) return false;
        break;
      case '<=':
        if (!(value <= bound)) return false;
        break;
      case '=':
        if (value !== bound) return false;
        break;
      case '>':
        if (!(value > bound)) return false;
        break;
      case '>=':
        if (!(value >= bound)) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** `*` matches any run of characters; `\*` is a literal star. */
function wildcardMatches(pattern: string, value: string): boolean {
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern.charAt(index);
    if (char === '\\' && pattern.charAt(index + 1) === '*') {
      source += '\\*';
      index += 1;
    } else if (char === '*') source += '.*';
    else source += char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's').test(value);
}

function parseCidr(cidr: string): { network: number; bits: number } | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const bits = Number(match[5]);
  if (octets.some((octet) => octet > 255) || bits > IPV4_BITS) return undefined;
  return { network: ipv4ToNumber(octets), bits };
}

function cidrMatches(cidr: string, value: string): boolean {
  const range = parseCidr(cidr);
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(value);
  if (!range || !match) return false;
  const address = ipv4ToNumber(match.slice(1, 5).map(Number));
  const mask = range.bits === 0 ? 0 : (~0 << (IPV4_BITS - range.bits)) >>> 0;
  return (address & mask) >>> 0 === (range.network & mask) >>> 0;
}

function ipv4ToNumber(octets: readonly number[]): number {
  return octets.reduce((total, octet) => total * 256 + octet, 0) >>> 0;
}

function isIgnoreCase(value: unknown): value is { 'equals-ignore-case': string } {
  return (
    isPlainObject(value) && Object.keys(value).length === 1 && typeof value['equals-ignore-case'] === 'string'
  );
}

/** A JSON object: not null, not an array. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
