import { type FieldError, formatFieldPath } from './field-error';

/** Deepest nesting accepted: far more than any OpenAPI document needs, and safe for recursion. */
export const MAX_JSON_DEPTH = 64;

/**
 * Most values looked at: a request is at most REQUEST_LIMITS.requestMaxBytes of JSON, so a real one has far fewer;
 * a value built in code with shared references cannot make the walk run away.
 */
const MAX_JSON_NODES = 100_000;

/** Keys that would reach an object's prototype when copied (`__proto__`): zod drops them silently. */
const FORBIDDEN_KEYS = new Set(['__proto__']);

/**
 * Looks for what a schema cannot see in a raw request: `__proto__` keys (zod's object and
 * record parsers drop them without a word, so a typo-like key would vanish), nesting deeper
 * than {@link MAX_JSON_DEPTH}, cycles and oversized values. Never throws.
 */
export function inspectJsonShape(value: unknown): FieldError[] {
  const problems: FieldError[] = [];
  const budget = { nodes: 0 };
  walk(value, [], new Set(), problems, budget);
  if (budget.nodes > MAX_JSON_NODES) {
    problems.push({
      field: '',
      message: `the request has more than ${MAX_JSON_NODES} values: send a smaller one`,
    });
  }
  return problems;
}

function walk(
  value: unknown,
  path: PropertyKey[],
  ancestors: Set<object>,
  problems: FieldError[],
  budget: { nodes: number },
): void {
  budget.nodes += 1;
  if (budget.nodes > MAX_JSON_NODES || value === null || typeof value !== 'object') return;
  if (ancestors.has(value)) {
    problems.push({ field: formatFieldPath(path), message: 'the value contains itself: send plain JSON' });
    return;
  }
  if (path.length >= MAX_JSON_DEPTH) {
    problems.push({
      field: formatFieldPath(path),
      message: `nested deeper than ${MAX_JSON_DEPTH} levels: flatten the document`,
    });
    return;
  }
  ancestors.add(value);
  const keys = Array.isArray(value) ? value.keys() : Object.keys(value);
  for (const key of keys) {
    if (typeof key === 'string' && FORBIDDEN_KEYS.has(key)) {
      problems.push({
        field: formatFieldPath([...path, key]),
        message: `"${key}" is not allowed as a key: remove it`,
      });
      continue;
    }
    walk(Reflect.get(value, key), [...path, key], ancestors, problems, budget);
  }
  ancestors.delete(value);
}
