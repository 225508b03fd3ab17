import type { z } from 'zod';
import { closestKey } from './closest-key';
import { type FieldError, formatFieldPath } from './field-error';
import { inspectJsonShape } from './json-shape';
import { openApiSchemaErrors } from './open-api-schema-errors';
import {
  DELETE_REQUEST_KEYS,
  jsonBytes,
  KNOWN_REQUEST_KEYS,
  type PrivateApiRequest,
  privateApiRequestSchema,
  REQUEST_ACTIONS,
  REQUEST_LIMITS,
  requestEnvelopeSchema,
} from './request-schema';

export type ParseResult = { ok: true; request: PrivateApiRequest } | { ok: false; errors: FieldError[] };

/**
 * Most problems reported for one request: the reasons go out in a PrivateApiRequestRejected
 * event, which must stay small (docs/aws-facts.md, EventBridge).
 */
export const MAX_REPORTED_ERRORS = 50;

/** Longest message kept (messages are ours, but a zod default could quote the input). */
const MAX_MESSAGE_CHARS = 500;

const ACTIONS_TEXT = `one of ${REQUEST_ACTIONS.map((action) => `"${action}"`).join(', ')}`;

/** Keys a create or update request has and a delete request has not. */
const CHANGE_ONLY_KEYS = new Set(
  (KNOWN_REQUEST_KEYS[''] ?? []).filter((key) => !DELETE_REQUEST_KEYS.includes(key)),
);

/**
 * Validates the detail of a `PrivateApiRequest` event, its OpenAPI definition against the
 * OpenAPI 3.0 schema included. Returns the parsed request (privateDns defaulted to true, access
 * lists and tags to empty) or every problem found, each with its field path and the fix. Never throws, whatever the input: null, arrays, cycles, huge or deep
 * values, `__proto__` keys, getters that throw.
 */
export function parsePrivateApiRequest(detail: unknown): ParseResult {
  try {
    const shapeProblems = inspectJsonShape(detail);
    if (shapeProblems.length === 0) shapeProblems.push(...sizeProblems(detail));
    const parsed = privateApiRequestSchema.safeParse(detail);
    if (parsed.success && shapeProblems.length === 0) {
      const definitionProblems = openApiProblems(parsed.data);
      if (definitionProblems.length === 0) return { ok: true, request: parsed.data };
      return { ok: false, errors: reportable(definitionProblems) };
    }
    const schemaProblems = parsed.success
      ? []
      : parsed.error.issues.flatMap((issue) => toFieldErrors(issue, detail));
    const envelopeProblems =
      parsed.success || !actionUnusable(parsed.error.issues) ? [] : envelopeErrors(detail);
    return { ok: false, errors: reportable([...shapeProblems, ...envelopeProblems, ...schemaProblems]) };
  } catch {
    return {
      ok: false,
      errors: [{ field: '', message: 'the request could not be read: send a plain JSON object' }],
    };
  }
}

/** The version written into a definition's `info` when the request leaves `info` out. */
const DEFAULT_INFO_VERSION = '1.0';

/** What the OpenAPI 3.0 schema finds wrong in a request's definition (checked once the request parsed). */
function openApiProblems(request: PrivateApiRequest): FieldError[] {
  if (request.action === 'delete' || !request.api.openApi) return [];
  return openApiSchemaErrors(request.api.openApi, ['api', 'openApi'], {
    title: request.api.name,
    version: DEFAULT_INFO_VERSION,
  });
}

/** The whole request over REQUEST_LIMITS.requestMaxBytes (measured only on plain JSON: no cycles). */
function sizeProblems(detail: unknown): FieldError[] {
  const bytes = jsonBytes(detail);
  return bytes !== undefined && bytes > REQUEST_LIMITS.requestMaxBytes
    ? [
        {
          field: '',
          message: `the request is ${bytes} bytes of JSON, more than the ${REQUEST_LIMITS.requestMaxBytes} allowed: send a smaller one`,
        },
      ]
    : [];
}

/** Whether the union could not pick a schema (no usable action): the other fields went unchecked. */
function actionUnusable(issues: readonly z.core.$ZodIssue[]): boolean {
  return issues.some(
    (issue) => issue.code === 'invalid_union' && issue.path.length === 1 && issue.path[0] === 'action',
  );
}

/** requestId and apiKey problems of a request whose action is missing or unknown. */
function envelopeErrors(detail: unknown): FieldError[] {
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return [];
  const parsed = requestEnvelopeSchema.safeParse(detail);
  return parsed.success ? [] : parsed.error.issues.flatMap((issue) => toFieldErrors(issue, detail));
}

function toFieldErrors(issue: z.core.$ZodIssue, detail: unknown): FieldError[] {
  switch (issue.code) {
    case 'unrecognized_keys':
      // `__proto__` is reported by inspectJsonShape already.
      return issue.keys
        .filter((key) => key !== '__proto__')
        .map((key) => ({
          field: formatFieldPath([...issue.path, key]),
          message: unknownKeyMessage(formatFieldPath(issue.path), key, detail),
        }));
    case 'invalid_key':
      // A record key that breaks a rule (a tag key): the nested issues say which.
      return issue.issues.map((nested) => ({
        field: formatFieldPath(issue.path),
        message: truncate(nested.message),
      }));
    case 'invalid_union':
      if (issue.path.length === 1 && issue.path[0] === 'action') {
        const action = ownValue(detail, 'action');
        return [
          {
            field: 'action',
            message:
              action === undefined
                ? `required: ${ACTIONS_TEXT}`
                : `expected ${ACTIONS_TEXT}, got ${truncate(JSON.stringify(action) ?? String(action))}`,
          },
        ];
      }
      return [{ field: formatFieldPath(issue.path), message: truncate(issue.message) }];
    default:
      return [{ field: formatFieldPath(issue.path), message: truncate(issue.message) }];
  }
}

function unknownKeyMessage(objectPath: string, key: string, detail: unknown): string {
  const isDelete = objectPath === '' && ownValue(detail, 'action') === 'delete';
  if (isDelete && CHANGE_ONLY_KEYS.has(key)) {
    return 'not part of a delete request: send only requestId, action and apiKey';
  }
  const known = isDelete ? DELETE_REQUEST_KEYS : (KNOWN_REQUEST_KEYS[objectPath] ?? []);
  const suggestion = closestKey(key, known);
  if (suggestion !== undefined) return `unknown field: did you mean "${suggestion}"?`;
  return known.length > 0
    ? `unknown field: remove it (the fields here are ${known.join(', ')})`
    : 'unknown field: remove it';
}

function ownValue(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
  return Reflect.get(value, key);
}

function truncate(message: string): string {
  return message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS)}…` : message;
}

function dedupe(errors: readonly FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.field}\u0000${error.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The problems as reported: duplicates dropped, at most MAX_REPORTED_ERRORS of them (the last
 * saying how many more there are), each message at most MAX_MESSAGE_CHARS long.
 */
export function reportable(errors: readonly FieldError[]): FieldError[] {
  const distinct = dedupe(errors).map((error) => ({ ...error, message: truncate(error.message) }));
  if (distinct.length <= MAX_REPORTED_ERRORS) return distinct;
  const kept = distinct.slice(0, MAX_REPORTED_ERRORS - 1);
  return [
    ...kept,
    { field: '', message: `and ${distinct.length - kept.length} more problems: fix these first` },
  ];
}
