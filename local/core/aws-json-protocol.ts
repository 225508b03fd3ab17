import { AwsError } from './aws-error';
import type { CloudRequest, CloudResponse, LocalService } from './types';

/**
 * AWS's JSON-RPC protocols (awsJson1.0 for Step Functions, awsJson1.1 for EventBridge): POST /,
 * the operation in `X-Amz-Target: {prefix}.{Operation}`, JSON in and out, errors as
 * `{"__type": "...#Code", "message": ...}` (the SDKs keep what follows the `#`).
 */
export interface JsonProtocol {
  /** `application/x-amz-json-1.0` or `application/x-amz-json-1.1`. */
  readonly contentType: string;
  /** The X-Amz-Target prefix: `AWSStepFunctions`, `AWSEvents`. */
  readonly targetPrefix: string;
  /** Prefixed to error codes in `__type` (the service's model namespace), when it uses one. */
  readonly errorNamespace?: string;
}

export type JsonObject = Record<string, unknown>;

/** One operation: the parsed request body in, the response body out (AwsError on failure). */
export type JsonOperation = (input: JsonObject, req: CloudRequest) => unknown;

/**
 * The LocalService members every JSON-RPC service shares: the operation from X-Amz-Target among
 * those it serves, the JSON body in and out, errors in the protocol's shape.
 */
export function jsonRpcEndpoints(
  protocol: JsonProtocol,
  operations: Readonly<Record<string, JsonOperation>>,
): Pick<LocalService, 'operationOf' | 'handle' | 'errorResponse'> {
  return {
    operationOf: (req) => jsonOperationOf(protocol, new Set(Object.keys(operations)), req),
    async handle(req, operation) {
      const run = operations[operation];
      if (!run) throw new AwsError('UnknownOperationException', `Unknown operation ${operation}`, 400);
      return jsonResponse(protocol, run(parseJsonBody(req), req));
    },
    errorResponse: (error) => jsonErrorResponse(protocol, error),
  };
}

/** The operation named by X-Amz-Target, or the error AWS answers for an unknown one. */
export function jsonOperationOf(
  protocol: JsonProtocol,
  served: ReadonlySet<string>,
  req: CloudRequest,
): string | AwsError {
  const raw = req.headers['x-amz-target'];
  const target = Array.isArray(raw) ? raw[0] : raw;
  const [prefix, operation] = (target ?? '').split('.');
  if (prefix !== protocol.targetPrefix || operation === undefined || !served.has(operation)) {
    return new AwsError(
      'UnknownOperationException',
      `Unknown operation ${target ?? '(no X-Amz-Target)'}`,
      400,
    );
  }
  return operation;
}

/** Parses the JSON body; an empty body is `{}`; anything else that is not an object is a SerializationException. */
export function parseJsonBody(req: CloudRequest): JsonObject {
  const text = req.body.toString('utf8');
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AwsError('SerializationException', 'Start of structure or map found where not expected.', 400);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AwsError('SerializationException', 'Start of structure or map found where not expected.', 400);
  }
  return value as JsonObject;
}

/** A 200 answer with the protocol's content type. */
export function jsonResponse(protocol: JsonProtocol, body: unknown): CloudResponse {
  return { status: 200, headers: { 'content-type': protocol.contentType }, body: JSON.stringify(body ?? {}) };
}

/** An error in the protocol's shape. */
export function jsonErrorResponse(protocol: JsonProtocol, error: AwsError): CloudResponse {
  const type =
    protocol.errorNamespace === undefined ? error.code : `${protocol.errorNamespace}#${error.code}`;
  const headers: Record<string, string> = { 'content-type': protocol.contentType };
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  return { status: error.status, headers, body: JSON.stringify({ __type: type, message: error.message }) };
}

/** JSON timestamps of these protocols: epoch seconds, with milliseconds as the fraction. */
export function epochSeconds(epochMs: number): number {
  return epochMs / 1000;
}

/** AWS's wording for a member that breaks its model constraint. */
export function validationError(detail: string): AwsError {
  return new AwsError('ValidationException', `1 validation error detected: ${detail}`, 400);
}

interface StringRule {
  readonly min?: number;
  readonly max?: number;
}

/** A required string member, checked as the service's model checks it. */
export function requiredString(input: JsonObject, member: string, rule: StringRule = {}): string {
  const value = input[member];
  if (value === undefined || value === null) {
    throw validationError(`Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  }
  return checkedString(value, member, rule);
}

/** An optional string member. */
export function optionalString(input: JsonObject, member: string, rule: StringRule = {}): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  return checkedString(value, member, rule);
}

function checkedString(value: unknown, member: string, rule: StringRule): string {
  if (typeof value !== 'string') {
    throw new AwsError('SerializationException', `Expected a string for '${member}'`, 400);
  }
  if (rule.min !== undefined && value.length < rule.min) {
    throw validationError(
      `Value '${value}' at '${member}' failed to satisfy constraint: Member must have length greater than or equal to ${rule.min}`,
    );
  }
  if (rule.max !== undefined && value.length > rule.max) {
    throw validationError(
      `Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${rule.max}`,
    );
  }
  return value;
}

/** An optional integer member within bounds. */
export function optionalInteger(
  input: JsonObject,
  member: string,
  min: number,
  max: number,
): number | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new AwsError('SerializationException', `Expected an integer for '${member}'`, 400);
  }
  if (value < min || value > max) {
    throw validationError(
      `Value '${value}' at '${member}' failed to satisfy constraint: Member must have value ${value < min ? `greater than or equal to ${min}` : `less than or equal to ${max}`}`,
    );
  }
  return value;
}

/** An optional boolean member. */
export function optionalBoolean(input: JsonObject, member: string): boolean | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean')
    throw new AwsError('SerializationException', `Expected a boolean for '${member}'`, 400);
  return value;
}
