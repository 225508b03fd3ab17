import {
  AwsConflictError,
  type AwsErrorFacts,
  AwsLimitExceededError,
  AwsThrottlingError,
  AwsTransientError,
} from './aws-service-errors';
import { ControlPlaneError } from './control-plane-error';

/** Error codes of rate limiting (API Gateway, EC2, DynamoDB, the SDK's own list). */
const THROTTLING_NAMES = new Set([
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'EC2ThrottledException',
  'BandwidthLimitExceeded',
  'ProvisionedThroughputExceededException',
  'SlowDown',
  'PriorRequestNotComplete',
]);

/** Error codes of a reached quota: not a rate, so no quick retry. EC2 spells them `…LimitExceeded`. */
const QUOTA_NAMES = new Set(['LimitExceededException', 'ServiceQuotaExceededException']);
const EC2_QUOTA_SUFFIX = 'LimitExceeded';

/** API Gateway's "Unable to complete operation due to concurrent modification" (AWS-FACTS). */
const CONFLICT_NAMES = new Set(['ConflictException', 'ConcurrentModificationException']);

/** Server faults and the SDK's own timeouts. */
const TRANSIENT_NAMES = new Set([
  'ServiceUnavailableException',
  'ServiceUnavailable',
  'Unavailable',
  'InternalFailure',
  'InternalError',
  'InternalServerError',
  'InternalServerErrorException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

/** Node.js socket and DNS failures on the way to the service. */
const NETWORK_ERROR_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

const HTTP_TOO_MANY_REQUESTS = 429;
const HTTP_SERVER_ERROR_MIN = 500;
const HTTP_SERVER_ERROR_MAX = 599;

/** An SDK v3 error as far as classification needs it, read from an unknown value. */
interface ForeignError extends AwsErrorFacts {
  readonly message: string;
  readonly code?: string;
  readonly throttlingTrait: boolean;
  readonly retryableTrait: boolean;
}

/**
 * Turns a foreign AWS SDK v3 error into the named error the state machine retries on:
 * AwsThrottlingError (TooManyRequestsException, RequestLimitExceeded, Throttling…, HTTP 429),
 * AwsConflictError (ConflictException), AwsTransientError (5xx, ServiceUnavailableException,
 * InternalFailure, network errors such as ECONNRESET, TimeoutError), AwsLimitExceededError
 * (LimitExceededException and other quotas: checked first, since API Gateway sends it as a 429).
 * The original is kept as `cause`. The control plane's own errors, and anything else that is an
 * Error, come back unchanged; a thrown non-Error becomes an Error.
 */
export function classifyAwsError(error: unknown): Error {
  if (error instanceof ControlPlaneError) return error;
  const foreign = readForeignError(error);
  if (foreign === undefined)
    return error instanceof Error ? error : new Error(String(error), { cause: error });
  const { awsErrorName: name, httpStatusCode: status } = foreign;
  const facts: AwsErrorFacts = {
    awsErrorName: name,
    ...(status === undefined ? {} : { httpStatusCode: status }),
    ...(foreign.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: foreign.retryAfterSeconds }),
  };
  const options = { cause: error };

  if (isQuota(name)) return new AwsLimitExceededError(facts, foreign.message, options);
  if (THROTTLING_NAMES.has(name) || status === HTTP_TOO_MANY_REQUESTS || foreign.throttlingTrait) {
    return new AwsThrottlingError(facts, foreign.message, options);
  }
  if (CONFLICT_NAMES.has(name)) return new AwsConflictError(facts, foreign.message, options);
  const serverFault =
    status !== undefined && status >= HTTP_SERVER_ERROR_MIN && status <= HTTP_SERVER_ERROR_MAX;
  const networkFault = foreign.code !== undefined && NETWORK_ERROR_CODES.has(foreign.code);
  if (TRANSIENT_NAMES.has(name) || serverFault || networkFault || foreign.retryableTrait) {
    return new AwsTransientError(facts, foreign.message, options);
  }
  return error instanceof Error ? error : new Error(`${name}: ${foreign.message}`, options);
}

function isQuota(name: string): boolean {
  return QUOTA_NAMES.has(name) || (name.endsWith(EC2_QUOTA_SUFFIX) && !THROTTLING_NAMES.has(name));
}

/** Reads name, message, status, `$retryable` and `retryAfterSeconds` from an error-like object. */
function readForeignError(error: unknown): ForeignError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const name = stringProperty(error, 'name');
  if (name === undefined) return undefined;
  const metadata = objectProperty(error, '$metadata');
  const retryable = objectProperty(error, '$retryable');
  const cause = objectProperty(error, 'cause');
  const status = metadata === undefined ? undefined : Reflect.get(metadata, 'httpStatusCode');
  const code =
    stringProperty(error, 'code') ?? (cause === undefined ? undefined : stringProperty(cause, 'code'));
  const retryAfter: unknown = Reflect.get(error, 'retryAfterSeconds');
  // API Gateway's SDK gives Retry-After as a string.
  const retryAfterSeconds =
    typeof retryAfter === 'number' || (typeof retryAfter === 'string' && retryAfter.trim() !== '')
      ? Number(retryAfter)
      : Number.NaN;
  return {
    // A Node.js socket error is a plain Error: its code says more than its name.
    awsErrorName: name === 'Error' && code !== undefined ? code : name,
    message: stringProperty(error, 'message') ?? '',
    ...(typeof status === 'number' ? { httpStatusCode: status } : {}),
    ...(code === undefined ? {} : { code }),
    ...(Number.isFinite(retryAfterSeconds) && retryAfterSeconds >= 0 ? { retryAfterSeconds } : {}),
    throttlingTrait: retryable !== undefined && Reflect.get(retryable, 'throttling') === true,
    retryableTrait: retryable !== undefined,
  };
}

function stringProperty(value: object, key: string): string | undefined {
  const property: unknown = Reflect.get(value, key);
  return typeof property === 'string' ? property : undefined;
}

function objectProperty(value: object, key: string): object | undefined {
  const property: unknown = Reflect.get(value, key);
  return typeof property === 'object' && property !== null ? property : undefined;
}
